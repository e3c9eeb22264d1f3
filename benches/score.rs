//! Scoring speed with the full built-in rubric over a realistic mix of answers: the calibration
//! answers shipped under `rubrics/calibration/` (80–250 words, every stage).
//!
//! `cargo bench --bench score`; per-answer time is the `score_answer` figure (throughput is
//! reported in answers per second).

use criterion::{criterion_group, criterion_main, BatchSize, Criterion, Throughput};
use mockloop::rubric::RubricSet;
use mockloop::score::Scorer;
use serde_json::Value;

fn answers() -> Vec<(String, Option<String>, String)> {
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
                let question = case["question"].as_str().map(str::to_string);
                out.push((
                    case["stage"].as_str().unwrap().to_string(),
                    question,
                    answer,
                ));
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
            for (stage, question, answer) in &answers {
                std::hint::black_box(scorer.score(stage, question.as_deref(), answer).unwrap());
            }
        })
    });
    group.finish();

    // What a one-answer `mockloop score` pays before scoring: load, validate, compile one stage.
    c.bench_function("load_and_compile_one_stage", |b| {
        b.iter_batched(
            || (),
            |_| {
                let scorer = Scorer::new(RubricSet::builtin().unwrap());
                std::hint::black_box(
                    scorer
                        .score("behavioral", None, "I pulled the data.")
                        .unwrap(),
                );
            },
            BatchSize::SmallInput,
        )
    });
}

criterion_group!(benches, bench);
criterion_main!(benches);
