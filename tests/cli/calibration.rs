//! The built-in rubric against the shared labeled sets (`../shared/eval/dev.json` and
//! `trust-dev.json`, format in `../shared/eval/README.md`): stronger answers outrank weaker
//! ones for the reason each kind of pair shows, keyword salads and negated claims lose,
//! non-answers stay low, and the same answer in other words scores alike. Run with
//! `--nocapture` to see the figures per kind, stage and level.

use std::path::PathBuf;

use mockloop::calibrate::shared::{dev_report, trust_report, TrustReport};
use mockloop::rubric::RubricSet;
use mockloop::score::Scorer;
use serde_json::Value;

/// A shared labeled set. Missing, the test fails and says where it looked: a calibration
/// gate that passes without data would hide a scoring regression.
fn shared_set(name: &str) -> Value {
    let (dir, from_env) = match std::env::var_os("MOCKLOOP_EVAL_DIR") {
        Some(p) => (PathBuf::from(p), true),
        None => (
            PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../shared/eval"),
            false,
        ),
    };
    let path = dir.join(name);
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| {
        let hint = if from_env {
            "MOCKLOOP_EVAL_DIR points there; point it at the folder holding the shared sets"
        } else {
            "clone the shared folder beside this repository (as CI has it), or point \
             MOCKLOOP_EVAL_DIR at a copy of shared/eval"
        };
        panic!(
            "calibration needs the shared labeled set, looked for {}: {e}; {hint}",
            path.display()
        )
    });
    serde_json::from_str(&text)
        .unwrap_or_else(|e| panic!("{} is not valid JSON: {e}", path.display()))
}

fn scorer() -> Scorer {
    Scorer::new(RubricSet::builtin().expect("built-in rubric loads"))
}

fn score(scorer: &Scorer) -> impl Fn(&str, &str, &str) -> f64 + '_ {
    move |stage, question, answer| {
        scorer
            .score(stage, Some(question), answer)
            .expect("scores")
            .overall
    }
}

#[test]
fn dev_set_meets_the_calibration_gates() {
    let scorer = scorer();
    let dev = dev_report(&shared_set("dev.json"), score(&scorer));
    for p in &dev.pairs {
        println!(
            "{} pair {:<14} {:<14} {:5.1} > {:5.1}",
            mark(p.stronger > p.weaker),
            p.id,
            p.kind,
            p.stronger,
            p.weaker
        );
    }
    println!(
        "pairs {}/{}, salads {}/{}, negations {}/{}, floors {}/{}",
        dev.pairs_ok(),
        dev.pairs.len(),
        dev.salads_ok(),
        dev.salads.len(),
        dev.negations_ok(),
        dev.negations.len(),
        dev.floors_ok(),
        dev.floors.len()
    );
    assert!(!dev.pairs.is_empty(), "dev.json has no pairs");
    assert!(
        dev.pairs_ok() * 10 >= dev.pairs.len() * 9,
        "fewer than 90% of pairs rank the stronger answer higher"
    );
    assert_eq!(
        dev.salads_ok(),
        dev.salads.len(),
        "a keyword salad scored within 15 points of its reference: {:?}",
        dev.salads
    );
    assert_eq!(
        dev.negations_ok(),
        dev.negations.len(),
        "a negated answer scored at or above its positive: {:?}",
        dev.negations
    );
    assert_eq!(
        dev.floors_ok(),
        dev.floors.len(),
        "a non-answer scored above its floor: {:?}",
        dev.floors
    );
}

fn trust() -> TrustReport {
    let scorer = scorer();
    let report = trust_report(&shared_set("trust-dev.json"), score(&scorer));
    assert!(
        report.pairs.len() >= 60 && report.groups.len() >= 15,
        "trust-dev.json is incomplete"
    );
    report
}

#[test]
fn trust_pairs_are_won_for_the_reason_each_kind_shows() {
    let report = trust();
    for p in &report.pairs {
        println!(
            "{} {:<14} {:<20} {:5.1} > {:5.1}",
            mark(p.stronger > p.weaker),
            p.id,
            p.kind,
            p.stronger,
            p.weaker
        );
    }
    let overall = report.overall();
    println!(
        "pairs {:.3} of {}, won by 5 or more: {:.2}",
        overall.accuracy(),
        overall.count,
        report.won_by(5.0)
    );
    for (stage, t) in report.by_stage() {
        println!("  stage {stage:<18} {:.2} of {}", t.accuracy(), t.count);
    }
    let weak_kinds: Vec<String> = report
        .by_kind()
        .into_iter()
        .inspect(|(kind, t)| println!("  kind {kind:<20} {:.2} of {}", t.accuracy(), t.count))
        .filter(|(_, t)| t.accuracy() < 0.80)
        .map(|(kind, t)| format!("{kind} {:.2}", t.accuracy()))
        .collect();
    assert!(
        overall.accuracy() >= 0.90,
        "pairwise accuracy {:.3} is under 0.90",
        overall.accuracy()
    );
    assert!(weak_kinds.is_empty(), "kinds under 0.80: {weak_kinds:?}");
    assert!(
        report.won_by(5.0) >= 0.75,
        "only {:.2} of pairs are won by 5 points or more",
        report.won_by(5.0)
    );
}

/// The same answer in other words scores within a few points: at most 6 apart on average
/// over a level's groups, and never more than 12.
const SPREAD_MEAN_MAX: f64 = 6.0;
const SPREAD_WORST_MAX: f64 = 12.0;

#[test]
fn paraphrases_score_alike_and_levels_stay_ordered() {
    let report = trust();
    for g in &report.groups {
        println!(
            "{:<12} {:<7} {:?} spread {:.1}",
            g.id,
            g.level,
            g.scores,
            g.spread()
        );
    }
    let spreads = report.spreads();
    for (level, (mean, max, score)) in &spreads {
        println!("  {level:<7} spread mean {mean:.1}, max {max:.1}; mean score {score:.1}");
    }
    println!("  level order {:.2}", report.level_order());
    for (level, (mean, max, _)) in &spreads {
        assert!(
            *mean <= SPREAD_MEAN_MAX && *max <= SPREAD_WORST_MAX,
            "{level} paraphrases spread {mean:.1} on average, {max:.1} at worst: wording moves the score (gate: mean <= {SPREAD_MEAN_MAX}, worst <= {SPREAD_WORST_MAX})"
        );
    }
    let mean_score = |level: &str| spreads.get(level).map(|s| s.2).unwrap_or_default();
    assert!(
        mean_score("strong") > mean_score("medium") && mean_score("medium") > mean_score("weak"),
        "levels out of order: {spreads:?}"
    );
    let misordered = report.misordered_stages();
    assert!(
        misordered.is_empty(),
        "levels out of order (strong > medium > weak) in {misordered:?}"
    );
    assert!(
        report.level_order() >= 0.90,
        "only {:.2} of group pairs of different levels are ordered",
        report.level_order()
    );
}

fn mark(ok: bool) -> &'static str {
    if ok {
        "ok  "
    } else {
        "FAIL"
    }
}

/// A second set of paraphrase groups (`tests/data/paraphrase-extra.json`: 18 groups, one per
/// level and stage), written by someone who had not seen the scorer, as a stand-in for the
/// held-out set. Its spreads were 12.9 / 11.9 / 10.8 (strong / medium / weak mean) before the
/// plain-language work and are 7.4 / 7.0 / 7.6 now; once it had been looked at it stopped being
/// held out, so it guards today's level rather than the gate. Tighten it as the scorer
/// improves.
const EXTRA_SPREAD_MEAN_NOW: f64 = 8.0;
const EXTRA_SPREAD_WORST_NOW: f64 = 14.5;

#[test]
fn a_second_set_of_paraphrases_holds_its_spread() {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/data/paraphrase-extra.json"
    );
    let set: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(path).expect("the extra set")).unwrap();
    let scorer = scorer();
    let report = trust_report(&set, score(&scorer));
    assert_eq!(report.groups.len(), 18, "the extra set has 18 groups");
    for (level, (mean, max, score)) in &report.spreads() {
        println!("  {level:<7} spread mean {mean:.1}, max {max:.1}; mean score {score:.1}");
        assert!(
            *mean <= EXTRA_SPREAD_MEAN_NOW && *max <= EXTRA_SPREAD_WORST_NOW,
            "{level} paraphrases of the extra set spread {mean:.1} on average, {max:.1} at worst: wording moves the score more than before"
        );
    }
    let mean_score = |level: &str| report.spreads().get(level).map(|s| s.2).unwrap_or_default();
    assert!(
        mean_score("strong") > mean_score("medium") && mean_score("medium") > mean_score("weak"),
        "levels out of order on the extra set"
    );
}
