//! `replay --all` and `history` at scale: 10,000 saved sessions of six to twelve answers each,
//! generated here in a temp folder on every run (never committed).
//!
//! Target: each command under 5 s wall time on a 2-core machine, peak memory under 500 MB.
//!
//! `cargo build --release && cargo bench --bench sessions`
//!
//! Measures the library path (`replay_all`, `read_summaries` + `history`) in this process, then
//! the real binary as a whole process (wall time; peak RSS and CPU from `/usr/bin/time -v` when it
//! is installed). Set `MOCKLOOP_BENCH_SESSIONS` to change the count, `MOCKLOOP_BENCH_KEEP=1` to
//! keep the generated folder for profiling.

use std::collections::{BTreeMap, HashSet};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use chrono::{DateTime, TimeZone, Utc};
use mockloop::calibrate::Cases;
use mockloop::history::{history, read_summaries, Filter};
use mockloop::replay::replay_all;
use mockloop::rubric::RubricSet;
use mockloop::score::{ScoreCard, Scorer};
use mockloop::session::model::{Feedback, QuestionRecord};
use mockloop::session::store::new_id;
use mockloop::session::{self, NewSession, Session, SessionStore, Status};

const SESSIONS: usize = 10_000;
const RUNS: usize = 3;
const TARGET_SECS: f64 = 5.0;
const TARGET_MB: f64 = 500.0;
/// Threads writing the fixture: `save` syncs every file, so this is I/O-bound.
const WRITERS: usize = 8;

/// A calibration answer with the card it got, scored once and reused in every session.
struct Scored {
    answer: String,
    card: ScoreCard,
}

/// splitmix64: a deterministic pick from the seed, independent of the plan's own generator.
fn mix(mut x: u64) -> u64 {
    x = x.wrapping_add(0x9E37_79B9_7F4A_7C15);
    x = (x ^ (x >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    x = (x ^ (x >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    x ^ (x >> 31)
}

/// Every distinct calibration answer of each stage, scored once on that stage.
fn scored_answers(scorer: &Scorer) -> BTreeMap<String, Vec<Scored>> {
    let cases = Cases::builtin().expect("built-in calibration cases load");
    let mut by_stage: BTreeMap<String, Vec<Scored>> = BTreeMap::new();
    let mut seen = HashSet::new();
    for case in &cases.cases {
        if !seen.insert((case.stage.clone(), case.answer.clone())) {
            continue;
        }
        let card = scorer
            .score(&case.stage, case.question.as_deref(), &case.answer)
            .unwrap_or_else(|e| panic!("calibration case {} scores: {e}", case.id));
        by_stage
            .entry(case.stage.clone())
            .or_default()
            .push(Scored {
                answer: case.answer.clone(),
                card,
            });
    }
    by_stage
}

/// Session `index`: the plan drawn with seed `index`, one or two questions per stage (chosen
/// from the seed, so 6 to 12 in all), each answered with a calibration answer of its stage.
fn session(
    set: &RubricSet,
    answers: &BTreeMap<String, Vec<Scored>>,
    index: usize,
    started_at: DateTime<Utc>,
    id: String,
) -> Session {
    let seed = index as u64;
    let request = NewSession {
        stages: Vec::new(),
        questions_per_stage: Some(2),
        candidate: (index % 7 == 0).then(|| "Bench Candidate".to_string()),
        seed,
        feedback: Feedback::End,
        follow_ups: true,
        focus: None,
    };
    let mut session =
        session::create(set, request, None, id, started_at).expect("every stage has two questions");
    // Keep the first question of each stage, and the second when the seed says so.
    let mut kept: Vec<QuestionRecord> = Vec::with_capacity(session.questions.len());
    for q in std::mem::take(&mut session.questions) {
        let nth_of_stage = kept.iter().filter(|k| k.stage == q.stage).count();
        let stage_no = set
            .stages
            .iter()
            .position(|s| s.meta.id == q.stage)
            .unwrap_or(0) as u64;
        if nth_of_stage == 0 || mix(seed ^ (stage_no << 40)) & 1 == 1 {
            kept.push(q);
        }
    }
    let mut at = started_at;
    for (n, q) in kept.iter_mut().enumerate() {
        let pool = &answers[&q.stage];
        let pick =
            &pool[(mix(seed.wrapping_mul(31).wrapping_add(n as u64)) % pool.len() as u64) as usize];
        let used = 30 + mix(seed ^ n as u64) % u64::from(q.budget_secs.max(60));
        q.asked_at = Some(at);
        at += chrono::Duration::seconds(used as i64);
        q.answered_at = Some(at);
        q.seconds_used = Some(used as f64);
        q.over_budget = used > u64::from(q.budget_secs);
        q.answer = Some(pick.answer.clone());
        if let Some(neg) = &mut q.negotiation {
            neg.response = None;
        }
        q.done = true;
        q.card = Some(pick.card.clone());
        at += chrono::Duration::seconds(5);
    }
    session.finished_at = Some(at);
    session.status = Status::Complete;
    session.questions = kept;
    session
}

struct Fixture {
    dir: PathBuf,
    generation: Duration,
    bytes: u64,
    files: usize,
    questions: usize,
    distinct_answers: usize,
}

fn generate(root: &Path, count: usize) -> Fixture {
    let t = Instant::now();
    let dir = root.join("sessions");
    let store = SessionStore::open(&dir).expect("sessions folder");
    let scorer = Scorer::new(RubricSet::builtin().expect("built-in rubrics"));
    let answers = scored_answers(&scorer);
    let distinct_answers = answers.values().map(Vec::len).sum();
    let set = scorer.set();
    for stage in set.stage_ids() {
        assert!(
            answers.contains_key(stage),
            "no calibration answers for stage {stage}"
        );
    }
    // Started every 53 minutes going back from a fixed day: ~1 year, distinct seconds, so ids
    // (which start with the start time) are unique and sort by age.
    let end = Utc.with_ymd_and_hms(2026, 6, 1, 9, 0, 0).unwrap();
    let starts: Vec<DateTime<Utc>> = (0..count)
        .map(|i| end - chrono::Duration::minutes(53 * (count - i) as i64))
        .collect();
    let mut ids = Vec::with_capacity(count);
    let mut taken = HashSet::with_capacity(count);
    for &start in &starts {
        let mut id = new_id(start, &[]);
        while taken.contains(&id) {
            id = new_id(start, &[id]);
        }
        taken.insert(id.clone());
        ids.push(id);
    }
    let questions = std::sync::atomic::AtomicUsize::new(0);
    std::thread::scope(|scope| {
        for w in 0..WRITERS {
            let (store, answers, starts, ids, questions) =
                (&store, &answers, &starts, &ids, &questions);
            scope.spawn(move || {
                for i in (w..count).step_by(WRITERS) {
                    let s = session(set, answers, i, starts[i], ids[i].clone());
                    questions.fetch_add(s.questions.len(), std::sync::atomic::Ordering::Relaxed);
                    store.save(&s).expect("save session");
                }
            });
        }
    });
    let generation = t.elapsed();
    let (mut bytes, mut files) = (0, 0);
    for entry in std::fs::read_dir(&dir)
        .expect("read sessions folder")
        .flatten()
    {
        if let Ok(meta) = entry.metadata() {
            bytes += meta.len();
            files += 1;
        }
    }
    Fixture {
        dir,
        generation,
        bytes,
        files,
        questions: questions.into_inner(),
        distinct_answers,
    }
}

/// Wall times of the runs, with peak RSS (MB) and CPU seconds when known.
#[derive(Default)]
struct Measured {
    name: String,
    secs: Vec<f64>,
    peak_mb: Option<f64>,
    user_secs: Vec<f64>,
    sys_secs: Vec<f64>,
    note: String,
    /// False for the library rows: their peak is this whole bench process (fixture sample and
    /// allocator leftovers included), shown for reference, not judged.
    judge_mem: bool,
}

impl Measured {
    fn sorted(&self) -> Vec<f64> {
        let mut s = self.secs.clone();
        s.sort_by(f64::total_cmp);
        s
    }
    fn min(&self) -> f64 {
        self.sorted()[0]
    }
    fn median(&self) -> f64 {
        let s = self.sorted();
        s[s.len() / 2]
    }
}

fn median(xs: &[f64]) -> Option<f64> {
    let mut s = xs.to_vec();
    s.sort_by(f64::total_cmp);
    s.get(s.len() / 2).copied()
}

/// Resets this process's peak RSS (Linux: `5` to clear_refs), so the next reading is the peak
/// of what follows. False when not supported.
fn reset_peak() -> bool {
    std::fs::write("/proc/self/clear_refs", "5").is_ok()
}

/// This process's peak RSS in MB (`VmHWM`).
fn own_peak_mb() -> Option<f64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    let kb: f64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kb / 1024.0)
}

fn library(fixture: &Fixture) -> Vec<Measured> {
    let store = SessionStore::at(&fixture.dir);
    let can_reset = reset_peak();
    let mut replay_m = Measured {
        name: "library: replay_all".into(),
        ..Default::default()
    };
    let mut history_m = Measured {
        name: "library: read_summaries + history".into(),
        ..Default::default()
    };
    let (mut replay_peak, mut history_peak) = (0.0f64, 0.0f64);
    for _ in 0..RUNS {
        // A fresh scorer each run, as each process has: its lazy compilation is in the timing.
        let scorer = Scorer::new(RubricSet::builtin().expect("built-in rubrics"));
        reset_peak();
        let t = Instant::now();
        let paths: Vec<PathBuf> = store.list().expect("the sessions folder lists").files;
        let all = replay_all(&paths, &scorer, &|| {});
        replay_m.secs.push(t.elapsed().as_secs_f64());
        replay_peak = replay_peak.max(own_peak_mb().unwrap_or(0.0));
        assert_eq!(
            all.sessions,
            fixture.files,
            "replayed every session: skipped {:?}",
            all.skipped.first()
        );
        replay_m.note = format!(
            "{} replayed, mean change {:+.1}, {} change band",
            all.sessions,
            all.mean_change,
            all.band_changes.len()
        );
        drop(all);

        let value_ids: Vec<String> = scorer.set().values.iter().map(|v| v.id.clone()).collect();
        reset_peak();
        let t = Instant::now();
        let paths: Vec<PathBuf> = store.list().expect("the sessions folder lists").files;
        let (summaries, skipped) = read_summaries(&paths, &|| {});
        let h = history(summaries, &Filter::default(), &value_ids);
        history_m.secs.push(t.elapsed().as_secs_f64());
        history_peak = history_peak.max(own_peak_mb().unwrap_or(0.0));
        assert!(skipped.is_empty(), "history skipped {:?}", skipped.first());
        assert_eq!(h.sessions.len(), fixture.files);
        history_m.note = format!("{} points, {} series", h.sessions.len(), h.series.len());
    }
    if can_reset {
        replay_m.peak_mb = Some(replay_peak);
        history_m.peak_mb = Some(history_peak);
        let note = " (peak MB: whole bench process, not judged)";
        replay_m.note.push_str(note);
        history_m.note.push_str(note);
    }
    vec![replay_m, history_m]
}

/// What the commands' work costs in pieces, to see where the time goes: per file, reading it
/// and parsing it (fully, as `SessionStore::load`, and lean, as `history`'s `Summary::read`);
/// per answer, re-scoring it. One thread, measured on a sample of the fixture.
struct Costs {
    answers: usize,
    score_us: f64,
    compile_s: f64,
}

fn costs(fixture: &Fixture) -> Costs {
    let store = SessionStore::at(&fixture.dir);
    let paths: Vec<PathBuf> = store.list().expect("the sessions folder lists").files;
    let sample_paths = &paths[..paths.len().min(500)];
    // Best of two passes (the second is warm), per file.
    let per_file = |f: &dyn Fn(&Path)| {
        let mut best = f64::MAX;
        for _ in 0..2 {
            let t = Instant::now();
            sample_paths.iter().for_each(|p| f(p));
            best = best.min(t.elapsed().as_secs_f64() / sample_paths.len().max(1) as f64);
        }
        1e6 * best
    };
    let read_us = per_file(&|p| drop(std::hint::black_box(std::fs::read(p))));
    let load_us = per_file(&|p| drop(std::hint::black_box(SessionStore::load(p))));
    let typed_us = per_file(&|p| {
        let bytes = std::fs::read(p).unwrap();
        drop(std::hint::black_box(serde_json::from_slice::<Session>(
            &bytes,
        )));
    });
    let summary_us = per_file(&|p| {
        drop(std::hint::black_box(
            mockloop::session::summary::Summary::read(p),
        ))
    });

    let sample: Vec<Session> = sample_paths
        .iter()
        .map(|p| SessionStore::load(p).expect("load session"))
        .collect();
    let scorer = Scorer::new(RubricSet::builtin().expect("built-in rubrics"));
    let pass = || {
        let t = Instant::now();
        let mut n = 0;
        for s in &sample {
            for q in &s.questions {
                let card = scorer.score(&q.stage, Some(&q.question_id), &q.full_answer());
                std::hint::black_box(card.ok());
                n += 1;
            }
        }
        (t.elapsed().as_secs_f64(), n)
    };
    let (cold, n) = pass();
    let (warm, _) = pass();
    let score_us = 1e6 * warm / n.max(1) as f64;
    let compile_s = (cold - warm).max(0.0);
    println!(
        "Costs (1 thread, {}-file sample): per file fs::read {read_us:.0} us, full SessionStore::load \
         {load_us:.0} us (typed serde_json alone {typed_us:.0} us), Summary::read {summary_us:.0} us; \
         per answer Scorer::score {score_us:.0} us warm ({n} answers), first-use compilation ~{compile_s:.2} s",
        sample_paths.len()
    );
    Costs {
        answers: fixture.questions,
        score_us,
        compile_s,
    }
}

fn binary_path() -> PathBuf {
    option_env!("CARGO_BIN_EXE_mockloop")
        .map(PathBuf::from)
        .filter(|p| p.exists())
        .unwrap_or_else(|| Path::new(env!("CARGO_MANIFEST_DIR")).join("target/release/mockloop"))
}

/// One field of `/usr/bin/time -v` output, e.g. "Maximum resident set size (kbytes)".
fn time_field(report: &str, name: &str) -> Option<f64> {
    report.lines().find_map(|l| {
        l.trim()
            .strip_prefix(name)?
            .trim()
            .strip_prefix(':')?
            .trim()
            .parse()
            .ok()
    })
}

fn process(bin: &Path, name: &str, args: &[&str], scratch: &Path) -> Measured {
    let gnu_time = Path::new("/usr/bin/time");
    let gnu_time = gnu_time.exists().then_some(gnu_time);
    let report_file = scratch.join("time.txt");
    let mut m = Measured {
        name: name.to_string(),
        ..Default::default()
    };
    let mut peak_kb: Option<f64> = None;
    for _ in 0..RUNS {
        let mut cmd = match gnu_time {
            Some(time) => {
                let mut c = Command::new(time);
                c.arg("-v").arg("-o").arg(&report_file).arg(bin);
                c
            }
            None => Command::new(bin),
        };
        cmd.args(args)
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::piped());
        let t = Instant::now();
        let out = cmd.output().expect("run mockloop");
        m.secs.push(t.elapsed().as_secs_f64());
        let stderr = String::from_utf8_lossy(&out.stderr);
        if !out.status.success() {
            panic!(
                "{name} failed ({}): {}",
                out.status,
                stderr.lines().take(5).collect::<Vec<_>>().join("\n")
            );
        }
        let warnings = stderr.lines().filter(|l| l.starts_with("warning")).count();
        m.note = if warnings > 0 {
            format!("{warnings} warnings on stderr")
        } else {
            String::new()
        };
        if gnu_time.is_some() {
            let report = std::fs::read_to_string(&report_file).unwrap_or_default();
            if let Some(kb) = time_field(&report, "Maximum resident set size (kbytes)") {
                peak_kb = Some(peak_kb.map_or(kb, |p: f64| p.max(kb)));
            }
            m.user_secs
                .extend(time_field(&report, "User time (seconds)"));
            m.sys_secs
                .extend(time_field(&report, "System time (seconds)"));
        }
    }
    m.peak_mb = peak_kb.map(|kb| kb / 1024.0);
    m.judge_mem = true;
    if let (Some(u), Some(s)) = (median(&m.user_secs), median(&m.sys_secs)) {
        let cpu = format!("CPU user {u:.2}s + sys {s:.2}s");
        m.note = if m.note.is_empty() {
            cpu
        } else {
            format!("{cpu}; {}", m.note)
        };
    }
    m
}

/// The 1-minute load average, to tell a slow run from a busy machine.
fn load_average() -> String {
    std::fs::read_to_string("/proc/loadavg")
        .ok()
        .and_then(|s| s.split_whitespace().next().map(str::to_string))
        .unwrap_or_else(|| "?".into())
}

fn verdict(ok: bool) -> &'static str {
    if ok {
        "yes"
    } else {
        "NO"
    }
}

fn main() {
    // `cargo bench` passes `--bench`; a filter argument is not meaningful here.
    let count = std::env::var("MOCKLOOP_BENCH_SESSIONS")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(SESSIONS);
    let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
    let load_before = load_average();
    let root = tempfile::tempdir().expect("temp dir");
    // MOCKLOOP_BENCH_KEEP=1 leaves the fixture behind (for profiling); delete it by hand.
    let keep = std::env::var_os("MOCKLOOP_BENCH_KEEP").is_some();
    println!(
        "Generating {count} sessions in {} ...",
        root.path().display()
    );
    let fixture = generate(root.path(), count);
    let mb = fixture.bytes as f64 / (1024.0 * 1024.0);
    println!(
        "Generated {} files ({} questions, {:.1} per session; {} distinct scored answers reused) in {:.2} s; folder {:.1} MB ({:.1} KB per file)",
        fixture.files,
        fixture.questions,
        fixture.questions as f64 / fixture.files.max(1) as f64,
        fixture.distinct_answers,
        fixture.generation.as_secs_f64(),
        mb,
        fixture.bytes as f64 / 1024.0 / fixture.files.max(1) as f64,
    );

    let costs = costs(&fixture);
    let mut results = library(&fixture);

    let bin = binary_path();
    let dir = fixture.dir.to_string_lossy().to_string();
    if bin.exists() {
        if !Path::new("/usr/bin/time").exists() {
            println!("note: /usr/bin/time not found (apt-get install -y time); peak memory of the binary not measured");
        }
        let scratch = root.path();
        results.push(process(
            &bin,
            "mockloop replay --all",
            &["replay", "--all", "--sessions", &dir],
            scratch,
        ));
        results.push(process(
            &bin,
            "mockloop history",
            &["history", "--sessions", &dir],
            scratch,
        ));
    } else {
        println!(
            "note: {} not found; build it with `cargo build --release` to time the binary",
            bin.display()
        );
    }

    println!();
    println!(
        "{count} sessions, {:.1} MB, generated in {:.2} s; {cores} cores; {RUNS} runs each (warm page cache); \
         load average {load_before} before, {} after (other work on the machine slows every row)",
        mb,
        fixture.generation.as_secs_f64(),
        load_average()
    );
    println!(
        "{:<36} {:>8} {:>8} {:>9} {:>7} {:>7}  notes",
        "command", "min s", "median s", "peak MB", "< 5 s", "<500MB"
    );
    println!("{}", "-".repeat(110));
    let mut all_ok = true;
    for m in &results {
        let time_ok = m.median() < TARGET_SECS;
        let mem_ok = m.peak_mb.filter(|_| m.judge_mem).map(|p| p < TARGET_MB);
        all_ok &= time_ok && mem_ok.unwrap_or(true);
        println!(
            "{:<36} {:>8.3} {:>8.3} {:>9} {:>7} {:>7}  {}",
            m.name,
            m.min(),
            m.median(),
            m.peak_mb.map_or("-".into(), |p| format!("{p:.1}")),
            verdict(time_ok),
            mem_ok.map_or("-", verdict),
            m.note
        );
    }
    // Scoring is spread over the cores; first-use compilation (and lazy-DFA warm-up) too, at
    // best. What is left of a run's median is reading, parsing, threads and process start.
    let scoring_cpu = costs.score_us * 1e-6 * costs.answers as f64 + costs.compile_s;
    let scoring_wall = scoring_cpu / cores as f64;
    println!();
    println!(
        "Where replay --all goes: re-scoring {} answers at {:.0} us each + ~{:.2} s first-use \
         compilation = {scoring_cpu:.1} s CPU, ~{scoring_wall:.2} s wall on {cores} cores",
        costs.answers, costs.score_us, costs.compile_s
    );
    for m in results.iter().filter(|m| m.name.contains("replay")) {
        println!(
            "  {}: median {:.2} s; scoring ~{:.0}% of it, everything else ~{:.2} s",
            m.name,
            m.median(),
            (100.0 * scoring_wall / m.median()).min(100.0),
            (m.median() - scoring_wall).max(0.0)
        );
    }
    println!();
    println!(
        "{}",
        if all_ok {
            "All targets met (median wall time < 5 s, peak RSS < 500 MB)."
        } else {
            "TARGET MISSED: see the rows marked NO."
        }
    );
    if keep {
        println!("Fixture kept at {}", root.keep().join("sessions").display());
    }
}
