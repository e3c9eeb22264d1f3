//! Scoring speed with the full built-in rubric over one realistic mix of answers: the
//! calibration answers shipped under `rubrics/calibration/` (80–250 words, every stage).
//!
//! `cargo build --release && cargo bench --bench score`
//!
//! Reports, on that same mix and in one run, so the ratios are read off one machine at one time:
//! - the library per answer (`Scorer::score`, every stage compiled up front; criterion);
//! - the whole process per answer: `mockloop score --batch` over the mix repeated to
//!   `MOCKLOOP_BENCH_ANSWERS` lines (default 2,000), on every core, and its peak memory;
//! - the floor per answer (`benches/floor.rs`, one thread) over the same file, and the ratio;
//! - one `mockloop score` process and a `replay` of one saved session, against a bare
//!   `mockloop --version`.
//!
//! Set `MOCKLOOP_BENCH_KEEP=1` to keep the generated folder (batch file, phrases, session) for
//! profiling; the floor alone runs as `MOCKLOOP_BENCH_FLOOR=$'PHRASES\nBATCH' <this bench>`.
//!
//! Whole-process figures are the fastest of `RUNS` rounds, each round running every command
//! once in turn: this machine's wall time swings 2× under load, the fastest run is the one
//! least disturbed, and taking turns keeps both sides of a ratio under the same weather.

#[path = "floor.rs"]
mod floor;

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use criterion::{criterion_group, Criterion, Throughput};
use mockloop::rubric::{Pattern, RubricSet};
use mockloop::score::Scorer;
use serde_json::Value;

const RUNS: usize = 7;
const ANSWERS: usize = 2_000;
/// Set in the child when the bench re-executes itself as the floor program.
const FLOOR_ENV: &str = "MOCKLOOP_BENCH_FLOOR";

struct Answer {
    stage: String,
    question: Option<String>,
    answer: String,
}

fn answers() -> Vec<Answer> {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/rubrics/calibration");
    let mut out = Vec::new();
    let mut files: Vec<_> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    files.sort();
    for file in files {
        let cases: Value = serde_json::from_str(&std::fs::read_to_string(file).unwrap()).unwrap();
        for case in cases["cases"].as_array().unwrap() {
            let answer = case["answer"].as_str().unwrap().to_string();
            let words = answer.split_whitespace().count();
            if (80..=250).contains(&words) {
                out.push(Answer {
                    stage: case["stage"].as_str().unwrap().to_string(),
                    question: case["question"].as_str().map(str::to_string),
                    answer,
                });
            }
        }
    }
    out
}

fn bench(c: &mut Criterion) {
    let answers = answers();
    let scorer = Scorer::new(RubricSet::builtin().unwrap());
    scorer.check().unwrap(); // compile every stage up front: measure scoring, not compiling
    let mut group = c.benchmark_group("score");
    group.throughput(Throughput::Elements(answers.len() as u64));
    group.bench_function(format!("score_answer x{}", answers.len()), |b| {
        b.iter(|| {
            for a in &answers {
                std::hint::black_box(scorer.score(&a.stage, a.question.as_deref(), &a.answer))
                    .unwrap();
            }
        })
    });
    group.finish();
}

criterion_group!(benches, bench);

fn main() {
    if let Ok(args) = std::env::var(FLOOR_ENV) {
        let (phrases, input) = args.split_once('\n').expect("phrases and input paths");
        floor::run(Path::new(phrases), Path::new(input)).expect("floor runs");
        return;
    }
    benches();
    Criterion::default().configure_from_args().final_summary();
    whole_process();
}

/// `stage<TAB>phrase` lines: the literal phrases of each stage's criteria and penalties and of
/// the values, which is what the scorer's automata hold for an answer to that stage.
fn stage_phrases(set: &RubricSet) -> String {
    let mut values = Vec::new();
    for v in &set.values {
        values.extend(v.indicators.iter().chain(&v.counter_indicators));
    }
    let mut out = String::new();
    for stage in &set.stages {
        let mut regexes: Vec<String> = values.iter().map(|p| p.regex.clone()).collect();
        let own = stage.rubric.criteria.iter().chain(&stage.rubric.penalties);
        regexes.extend(
            own.flat_map(|c| &c.patterns)
                .map(|p: &Pattern| p.regex.clone()),
        );
        for phrase in floor::phrases(&regexes) {
            out.push_str(&format!("{}\t{phrase}\n", stage.meta.id));
        }
    }
    out
}

fn binary_path() -> PathBuf {
    option_env!("CARGO_BIN_EXE_mockloop")
        .map(PathBuf::from)
        .filter(|p| p.exists())
        .unwrap_or_else(|| Path::new(env!("CARGO_MANIFEST_DIR")).join("target/release/mockloop"))
}

/// The fastest of `RUNS` runs of each command, which must succeed; the commands take turns.
fn fastest<const N: usize>(mut commands: [&mut dyn FnMut() -> Command; N]) -> [Duration; N] {
    let mut best = [Duration::MAX; N];
    for _ in 0..RUNS {
        for (command, best) in commands.iter_mut().zip(&mut best) {
            let start = Instant::now();
            let status = command()
                .stdout(Stdio::null())
                .stderr(Stdio::null())
                .status()
                .expect("the command starts");
            let took = start.elapsed();
            assert!(status.success(), "{:?} failed", command());
            *best = (*best).min(took);
        }
    }
    best
}

/// Peak resident memory of one run, from `/usr/bin/time -v` when it is installed.
fn peak_mb(program: &Path, args: &[&str]) -> Option<f64> {
    let out = Command::new("/usr/bin/time")
        .arg("-v")
        .arg(program)
        .args(args)
        .stdout(Stdio::null())
        .output()
        .ok()?;
    let report = String::from_utf8_lossy(&out.stderr);
    let kb: f64 = report.lines().find_map(|l| {
        l.trim()
            .strip_prefix("Maximum resident set size (kbytes):")?
            .trim()
            .parse()
            .ok()
    })?;
    Some(kb / 1024.0)
}

fn whole_process() {
    let binary = binary_path();
    if !binary.exists() {
        println!(
            "note: {} not found; build it with `cargo build --release` to time the whole process",
            binary.display()
        );
        return;
    }
    let count: usize = std::env::var("MOCKLOOP_BENCH_ANSWERS")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(ANSWERS);
    let mix = answers();
    let dir = tempfile::tempdir().expect("a temp folder");
    let input = dir.path().join("batch.jsonl");
    let lines: Vec<String> = (0..count)
        .map(|i| {
            let a = &mix[i % mix.len()];
            serde_json::json!({"stage": a.stage, "question": a.question, "answer": a.answer})
                .to_string()
        })
        .collect();
    std::fs::write(&input, lines.join("\n") + "\n").expect("the batch file is written");
    let set = RubricSet::builtin().unwrap();
    let phrases = dir.path().join("phrases.txt");
    std::fs::write(&phrases, stage_phrases(&set)).unwrap();

    // A single answer and a one-session replay, as a user meets them.
    let answer = dir.path().join("answer.txt");
    std::fs::write(&answer, &mix[0].answer).unwrap();
    let sessions = dir.path().join("sessions");
    let scripted = dir.path().join("answers.json");
    let said: Vec<&str> = mix.iter().take(12).map(|a| a.answer.as_str()).collect();
    std::fs::write(&scripted, serde_json::to_string(&said).unwrap()).unwrap();
    let made = Command::new(&binary)
        .args([
            "run",
            "--stage",
            "behavioral",
            "--questions",
            "2",
            "--seed",
            "1",
        ])
        .arg("--answers")
        .arg(&scripted)
        .arg("--sessions")
        .arg(&sessions)
        .stdout(Stdio::null())
        .status()
        .expect("mockloop run starts");
    assert!(made.success(), "the session for replay is recorded");

    let mockloop = |args: Vec<std::ffi::OsString>| {
        let binary = binary.clone();
        move || {
            let mut c = Command::new(&binary);
            c.args(&args);
            c
        }
    };
    let os = |xs: &[&dyn AsRef<std::ffi::OsStr>]| -> Vec<std::ffi::OsString> {
        xs.iter().map(|x| x.as_ref().to_os_string()).collect()
    };
    let stage = mix[0].stage.as_str();
    let mut batch = mockloop(os(&[&"score", &"--batch", &input]));
    let mut batch_one = mockloop(os(&[&"score", &"--batch", &input, &"--jobs", &"1"]));
    let mut floor = || {
        let mut c = Command::new(std::env::current_exe().expect("the bench's own path"));
        c.env(
            FLOOR_ENV,
            format!("{}\n{}", phrases.display(), input.display()),
        );
        c
    };
    let mut version = mockloop(os(&[&"--version"]));
    let mut one = mockloop(os(&[
        &"score",
        &"--stage",
        &stage,
        &"--format",
        &"json",
        &answer,
    ]));
    let mut replay = mockloop(os(&[
        &"replay",
        &"latest",
        &"--format",
        &"json",
        &"--sessions",
        &sessions,
    ]));
    let [batch, batch_one, floor, version, one, replay] = fastest([
        &mut batch,
        &mut batch_one,
        &mut floor,
        &mut version,
        &mut one,
        &mut replay,
    ]);
    let input_arg = input.to_string_lossy().into_owned();
    let peak = peak_mb(&binary, &["score", "--batch", &input_arg]);

    if std::env::var_os("MOCKLOOP_BENCH_KEEP").is_some() {
        println!("kept {}", dir.keep().display());
    }

    let per = |d: Duration| d.as_secs_f64() * 1e6 / count as f64;
    let ms = |d: Duration| d.as_secs_f64() * 1e3;
    let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
    println!(
        "\nwhole process, {count} answers of the same mix, fastest of {RUNS} runs taken in turns:"
    );
    println!(
        "  score --batch ({cores} cores)   {:8.1} µs/answer   {:.2}× the floor",
        per(batch),
        batch.as_secs_f64() / floor.as_secs_f64()
    );
    println!(
        "  score --batch --jobs 1      {:8.1} µs/answer   {:.2}× the floor",
        per(batch_one),
        batch_one.as_secs_f64() / floor.as_secs_f64()
    );
    println!("  floor (1 thread)            {:8.1} µs/answer", per(floor));
    match peak {
        Some(mb) => println!("  score --batch peak memory   {mb:8.1} MB"),
        None => println!("  score --batch peak memory   (needs /usr/bin/time)"),
    }
    println!("  mockloop --version          {:8.1} ms", ms(version));
    println!(
        "  score, one answer           {:8.1} ms   {:.1}× --version",
        ms(one),
        one.as_secs_f64() / version.as_secs_f64()
    );
    println!(
        "  replay, one session         {:8.1} ms   {:.1}× --version",
        ms(replay),
        replay.as_secs_f64() / version.as_secs_f64()
    );
}
