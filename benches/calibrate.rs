//! `rubric test` and `rubric tune` at scale: 20,000 labeled cases generated from the shipped
//! calibration answers (not committed: built here, each run).
//!
//! `cargo bench --bench calibrate`

use std::time::Duration;

use criterion::{criterion_group, criterion_main, Criterion};
use mockloop::calibrate::tune::tune;
use mockloop::calibrate::{evaluate, Cases};
use mockloop::rubric::RubricSet;
use mockloop::score::Scorer;

const CASES: usize = 20_000;

/// The shipped cases, repeated with a suffix that changes the text a little, keeping their
/// expectations and relations (renamed to stay within each copy).
fn generated() -> Cases {
    let base = Cases::builtin().unwrap();
    let mut cases = Cases::default();
    let mut copy = 0;
    while cases.cases.len() < CASES {
        for case in &base.cases {
            let mut c = case.clone();
            c.id = format!("{}#{copy}", case.id);
            c.answer = format!("{} (take {copy})", case.answer);
            if let Some(other) = &mut c.expect.stronger_than {
                *other = format!("{other}#{copy}");
            }
            cases.cases.push(c);
        }
        copy += 1;
    }
    // Keep whole copies so that every relation's other case is present.
    let whole = cases.cases.len() - cases.cases.len() % base.cases.len();
    cases.cases.truncate(whole.max(base.cases.len()));
    cases
}

fn bench(c: &mut Criterion) {
    let cases = generated();
    let scorer = Scorer::new(RubricSet::builtin().unwrap());
    scorer.check().unwrap();
    let mut group = c.benchmark_group(format!("calibrate {} cases", cases.cases.len()));
    group
        .sample_size(10)
        .measurement_time(Duration::from_secs(30));
    group.bench_function("rubric test (evaluate)", |b| {
        b.iter(|| evaluate(&scorer, &cases).unwrap())
    });
    group.bench_function("rubric tune (fit)", |b| {
        b.iter(|| tune(&scorer, &cases, 0.3, 1).unwrap())
    });
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
