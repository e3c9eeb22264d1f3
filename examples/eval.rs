//! Prints the scorer's figures on the shared labeled sets, for tuning:
//! `cargo run --release --example eval [-- -v]` (`-v` lists every pair and group).

use mockloop::calibrate::shared::{dev_report, trust_report};
use mockloop::rubric::{RubricSet, RubricSource};
use mockloop::score::Scorer;

fn load(name: &str) -> serde_json::Value {
    let dir = std::env::var("MOCKLOOP_EVAL_DIR")
        .unwrap_or_else(|_| concat!(env!("CARGO_MANIFEST_DIR"), "/../shared/eval").to_string());
    let path = format!("{dir}/{name}");
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"));
    serde_json::from_str(&text).unwrap_or_else(|e| panic!("{path}: {e}"))
}

fn main() {
    let verbose = std::env::args().any(|a| a == "-v");
    if let Some(id) = std::env::args().skip_while(|a| a != "show").nth(1) {
        let scorer = Scorer::new(rubrics());
        for file in ["trust-dev.json", "dev.json"] {
            let set = load(file);
            for (key, texts) in [
                ("pairs", vec!["stronger", "weaker"]),
                ("paraphrase", vec![]),
                ("salad", vec!["reference", "salad"]),
                ("negation", vec!["positive", "negated"]),
            ] {
                for item in set[key].as_array().into_iter().flatten() {
                    if item["id"] != id.as_str() {
                        continue;
                    }
                    let answers: Vec<String> = if texts.is_empty() {
                        item["answers"]
                            .as_array()
                            .unwrap()
                            .iter()
                            .map(|a| a.as_str().unwrap().to_string())
                            .collect()
                    } else {
                        texts
                            .iter()
                            .map(|t| item[*t].as_str().unwrap().to_string())
                            .collect()
                    };
                    for a in answers {
                        let card = scorer
                            .score(
                                item["stage"].as_str().unwrap(),
                                item["question"].as_str(),
                                &a,
                            )
                            .unwrap();
                        println!("--- {:.1} parts {:?}", card.overall, card.parts);
                        for adj in &card.adjustments {
                            println!("    adj {} {} {}", adj.id, adj.effect, adj.reason);
                        }
                        for c in &card.criteria {
                            println!("    crit {:<28} w{:.1} {:5.1}", c.id, c.weight, c.score);
                        }
                        for (id, v) in &card.values {
                            println!("    value {id} {:.1}", v.score);
                        }
                        for p in &card.penalties {
                            println!("    PENALTY {} {}", p.id, p.advice);
                        }
                        println!(
                            "    signals metrics {} actions {} words {}",
                            card.signals.metrics,
                            card.signals.first_person_actions,
                            card.signals.words
                        );
                    }
                }
            }
        }
        return;
    }
    let scorer = Scorer::new(rubrics());
    let score =
        |stage: &str, q: &str, a: &str| scorer.score(stage, Some(q), a).expect("scores").overall;

    let trust = trust_report(&load("trust-dev.json"), score);
    if verbose {
        for p in &trust.pairs {
            let mark = if p.stronger > p.weaker {
                "ok  "
            } else {
                "FAIL"
            };
            println!(
                "{mark} {:<14} {:<20} {:5.1} > {:5.1}",
                p.id, p.kind, p.stronger, p.weaker
            );
        }
        for g in &trust.groups {
            println!(
                "para {:<10} {:<7} {:?} spread {:.1}",
                g.id,
                g.level,
                g.scores,
                g.spread()
            );
        }
        if std::env::args().any(|a| a == "--parts") {
            let set = load("trust-dev.json");
            for g in set["paraphrase"].as_array().into_iter().flatten() {
                println!("{} {}", g["id"], g["level"]);
                for a in g["answers"].as_array().into_iter().flatten() {
                    let c = scorer
                        .score(
                            g["stage"].as_str().unwrap(),
                            g["question"].as_str(),
                            a.as_str().unwrap(),
                        )
                        .unwrap();
                    let adj: Vec<String> = c
                        .adjustments
                        .iter()
                        .map(|a| format!("{}={}", a.id, a.effect))
                        .collect();
                    println!(
                        "      {}",
                        mockloop::score::substance_counts(
                            a.as_str().unwrap(),
                            g["question"].as_str().unwrap()
                        )
                    );
                    println!(
                        "   {:5.1} kw {:5.1} val {:5.1} spec {:5.1} {}",
                        c.overall,
                        c.parts.keywords,
                        c.parts.values,
                        c.parts.specificity,
                        adj.join(" ")
                    );
                }
            }
        }
    }
    let o = trust.overall();
    println!(
        "trust pairs {:.3} ({}), won by >=5: {:.2}",
        o.accuracy(),
        o.count,
        trust.won_by(5.0)
    );
    for (kind, t) in trust.by_kind() {
        println!("  kind  {kind:<20} {:.2} of {}", t.accuracy(), t.count);
    }
    for (stage, t) in trust.by_stage() {
        println!("  stage {stage:<20} {:.2} of {}", t.accuracy(), t.count);
    }
    for (level, (mean, max, score)) in trust.spreads() {
        println!("  level {level:<7} spread mean {mean:.1} max {max:.1}  score {score:.1}");
    }
    println!(
        "  level order {:.2}; misordered stages {:?}",
        trust.level_order(),
        trust.misordered_stages()
    );

    let dev = dev_report(&load("dev.json"), score);
    if verbose {
        for p in &dev.pairs {
            let mark = if p.stronger > p.weaker {
                "ok  "
            } else {
                "FAIL"
            };
            println!(
                "{mark} {:<14} {:<14} {:5.1} > {:5.1}",
                p.id, p.kind, p.stronger, p.weaker
            );
        }
        for (id, r, s) in &dev.salads {
            println!("salad {id} ref {r:.1} salad {s:.1}");
        }
        for (id, p, n) in &dev.negations {
            println!("neg {id} {p:.1} > {n:.1}");
        }
        for (id, s, m) in &dev.floors {
            println!("floor {id} {s:.1} <= {m}");
        }
    }
    let strong: Vec<f64> = dev.pairs.iter().map(|p| p.stronger).collect();
    println!(
        "dev pairs {}/{}, salads {}/{}, negations {}/{}, floors {}/{}; stronger mean {:.1} min {:.1}",
        dev.pairs_ok(), dev.pairs.len(), dev.salads_ok(), dev.salads.len(),
        dev.negations_ok(), dev.negations.len(), dev.floors_ok(), dev.floors.len(),
        strong.iter().sum::<f64>() / strong.len() as f64,
        strong.iter().copied().fold(f64::MAX, f64::min)
    );
}

/// `eval show ID`: the card parts of each answer of one pair or group, for tuning.
#[allow(dead_code)]
fn show() {}

/// The built-in set, or the folder `MOCKLOOP_RUBRICS` names (to try rubric edits without a rebuild).
fn rubrics() -> RubricSet {
    match std::env::var_os("MOCKLOOP_RUBRICS") {
        Some(dir) => {
            mockloop::rubric::load(RubricSource::Dir(dir.into())).expect("rubric folder loads")
        }
        None => RubricSet::builtin().expect("built-in rubric"),
    }
}
