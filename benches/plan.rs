//! `mockloop plan` from saved cards: 300 sessions (a keen candidate's year) and 10,000.
//! Target: milliseconds for hundreds, under a second for 10,000. The first plan over a folder
//! reads every session file (about 150 KB each, mostly evidence) and leaves the plan cache;
//! later plans read the cache and only the files that changed.
//!
//! `cargo bench --bench plan` (short: `-- --warm-up-time 1 --measurement-time 3`). The fixture
//! is generated in a temp folder before timing: each session is a full loop drawn with its own
//! seed, every answer a scored calibration answer of its stage. `MOCKLOOP_BENCH_PLAN_SESSIONS`
//! changes the large count.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::time::Instant;

use chrono::{TimeZone, Utc};
use criterion::{criterion_group, criterion_main, Criterion};
use mockloop::calibrate::Cases;
use mockloop::practice::{plan, Options};
use mockloop::rubric::RubricSet;
use mockloop::score::{ScoreCard, Scorer};
use mockloop::session::model::{Feedback, Settings};
use mockloop::session::{plan as draw, Session, Status, SCHEMA_VERSION};

const HUNDREDS: usize = 300;
const LARGE: usize = 10_000;

/// Every calibration answer of each stage, scored once and reused.
fn scored(scorer: &Scorer) -> BTreeMap<String, Vec<(String, ScoreCard)>> {
    let mut out: BTreeMap<String, Vec<(String, ScoreCard)>> = BTreeMap::new();
    for case in Cases::builtin().expect("built-in cases").cases {
        let card = scorer
            .score(&case.stage, case.question.as_deref(), &case.answer)
            .expect("calibration answers score");
        out.entry(case.stage.clone())
            .or_default()
            .push((case.answer, card));
    }
    out
}

/// `count` complete sessions in `dir`, a day apart; answers picked by a simple mix of the index.
fn generate(dir: &Path, count: usize, scorer: &Scorer) -> Vec<PathBuf> {
    std::fs::create_dir_all(dir).unwrap();
    let set = scorer.set();
    let answers = scored(scorer);
    let start = Utc.with_ymd_and_hms(2020, 1, 1, 9, 0, 0).unwrap();
    (0..count)
        .map(|i| {
            let drawn = draw::draw(set, &[], None, i as u64).expect("a full loop draws");
            let mut questions = drawn.questions;
            for (n, q) in questions.iter_mut().enumerate() {
                let pool = &answers[&q.stage];
                let (answer, card) = &pool[(i * 7 + n * 13) % pool.len()];
                q.answer = Some(answer.clone());
                q.card = Some(card.clone());
                q.done = true;
            }
            let started_at = start + chrono::Duration::hours(i as i64);
            let session = Session {
                schema_version: SCHEMA_VERSION,
                id: format!("{}-{i:04x}", started_at.format("%Y%m%d-%H%M%S")),
                loop_id: set.loop_file.id.clone(),
                rubric_fingerprint: set.fingerprint.to_string(),
                candidate: Some("Bench".into()),
                seed: i as u64,
                settings: Settings {
                    stages: set.stage_ids().iter().map(|s| s.to_string()).collect(),
                    questions_per_stage: None,
                    feedback: Feedback::End,
                    follow_ups: true,
                    focus: None,
                },
                started_at,
                finished_at: Some(started_at + chrono::Duration::minutes(50)),
                status: Status::Complete,
                offer: drawn.offer,
                questions,
            };
            let path = dir.join(format!("{}.json", session.id));
            std::fs::write(&path, serde_json::to_vec_pretty(&session).unwrap()).unwrap();
            path
        })
        .collect()
}

fn bench(c: &mut Criterion) {
    let large = std::env::var("MOCKLOOP_BENCH_PLAN_SESSIONS")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(LARGE);
    let scorer = Scorer::new(RubricSet::builtin().expect("built-in rubrics"));
    let root = tempfile::tempdir().expect("temp dir");
    let mut group = c.benchmark_group("plan");
    group.sample_size(10);
    for count in [HUNDREDS, large] {
        let dir = root.path().join(count.to_string());
        let paths = generate(&dir, count, &scorer);
        let set = scorer.set();
        let cache = mockloop::practice::cache_path(&dir);
        let cached = Options {
            cache: Some(&cache),
            ..Options::default()
        };
        // The first plan reads every file and writes the cache: timed once, by hand, since a
        // cold 10,000 takes seconds a run.
        let t = Instant::now();
        assert_eq!(plan(&paths, set, &cached, &|| {}).sessions, count);
        println!(
            "plan/{count} sessions, first run (reads every file, writes the cache): {:.3} s",
            t.elapsed().as_secs_f64()
        );
        if count == HUNDREDS {
            group.bench_function(format!("{count} sessions, no cache"), |b| {
                b.iter(|| plan(&paths, set, &Options::default(), &|| {}))
            });
        }
        group.bench_function(format!("{count} sessions, cached"), |b| {
            b.iter(|| {
                let p = plan(&paths, set, &cached, &|| {});
                assert_eq!(p.sessions, count);
                p
            })
        });
    }
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
