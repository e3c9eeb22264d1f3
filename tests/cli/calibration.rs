//! The built-in rubric against the shared labeled set (`../shared/eval/dev.json`): stronger
//! answers outrank weaker ones, keyword salads and negated claims lose, non-answers stay low.
//! Run with `--nocapture` to see every case.

use std::path::PathBuf;

use mockloop::rubric::RubricSet;
use mockloop::score::Scorer;
use serde_json::Value;

/// The shared labeled set. Missing, the test fails and says where it looked: a calibration
/// gate that passes without data would hide a scoring regression.
fn dev_set() -> Value {
    let (path, from_env) = match std::env::var_os("MOCKLOOP_EVAL") {
        Some(p) => (PathBuf::from(p), true),
        None => (
            PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../shared/eval/dev.json"),
            false,
        ),
    };
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| {
        let hint = if from_env {
            "MOCKLOOP_EVAL points there; point it at the shared dev.json"
        } else {
            "clone the shared folder beside this repository (as CI has it), or point \
             MOCKLOOP_EVAL at a copy of dev.json"
        };
        panic!(
            "calibration needs the shared labeled set, looked for {}: {e}; {hint}",
            path.display()
        )
    });
    serde_json::from_str(&text)
        .unwrap_or_else(|e| panic!("{} is not valid JSON: {e}", path.display()))
}

fn s(v: &Value, key: &str) -> String {
    v[key].as_str().unwrap_or_default().to_string()
}

struct Check {
    scorer: Scorer,
}

impl Check {
    fn score(&self, item: &Value, answer_key: &str) -> f64 {
        self.scorer
            .score(
                &s(item, "stage"),
                Some(&s(item, "question")),
                &s(item, answer_key),
            )
            .expect("scores")
            .overall
    }
}

#[test]
fn dev_set_meets_the_calibration_gates() {
    let dev = dev_set();
    let check = Check {
        scorer: Scorer::new(RubricSet::builtin().expect("built-in rubric loads")),
    };

    let pairs = dev["pairs"].as_array().unwrap();
    let mut pairs_ok = 0;
    for p in pairs {
        let (hi, lo) = (check.score(p, "stronger"), check.score(p, "weaker"));
        let ok = hi > lo;
        pairs_ok += ok as usize;
        println!(
            "{} pair {:<14} matched={:<5} {hi:5.1} > {lo:5.1}",
            mark(ok),
            s(p, "id"),
            p["length_matched"]
        );
    }

    let mut salads_ok = 0;
    for c in dev["salad"].as_array().unwrap() {
        let (reference, salad) = (check.score(c, "reference"), check.score(c, "salad"));
        let ok = salad <= reference - 15.0;
        salads_ok += ok as usize;
        println!(
            "{} salad {:<10} ref {reference:5.1} salad {salad:5.1}",
            mark(ok),
            s(c, "id")
        );
    }

    let mut negations_ok = 0;
    for c in dev["negation"].as_array().unwrap() {
        let (pos, neg) = (check.score(c, "positive"), check.score(c, "negated"));
        let ok = pos > neg;
        negations_ok += ok as usize;
        println!(
            "{} negation {:<8} {pos:5.1} > {neg:5.1}",
            mark(ok),
            s(c, "id")
        );
    }

    let mut floors_ok = 0;
    for c in dev["floors"].as_array().unwrap() {
        let got = check.score(c, "answer");
        let max = c["max_score"].as_f64().unwrap();
        let ok = got <= max;
        floors_ok += ok as usize;
        println!("{} floor {:<9} {got:5.1} <= {max}", mark(ok), s(c, "id"));
    }

    let n = |key: &str| dev[key].as_array().unwrap().len();
    println!(
        "pairs {pairs_ok}/{} ({:.0}%), salads {salads_ok}/{}, negations {negations_ok}/{}, floors {floors_ok}/{}",
        n("pairs"),
        100.0 * pairs_ok as f64 / n("pairs") as f64,
        n("salad"),
        n("negation"),
        n("floors")
    );
    assert!(
        pairs_ok * 10 >= n("pairs") * 9,
        "fewer than 90% of pairs rank the stronger answer higher"
    );
    assert_eq!(
        salads_ok,
        n("salad"),
        "a keyword salad scored within 15 points of its reference"
    );
    assert_eq!(
        negations_ok,
        n("negation"),
        "a negated answer scored at or above its positive"
    );
    assert_eq!(
        floors_ok,
        n("floors"),
        "a non-answer scored above its floor"
    );
}

fn mark(ok: bool) -> &'static str {
    if ok {
        "ok  "
    } else {
        "FAIL"
    }
}
