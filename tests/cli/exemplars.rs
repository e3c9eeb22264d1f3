//! The bank's exemplar answers are calibration cases: each one is what the report holds up as a
//! strong answer, so the built-in rubric must agree that it is one. Run with `--nocapture` to
//! see every score.

use mockloop::rubric::RubricSet;
use mockloop::score::{Band, Scorer};

/// Every bank question has one (ten in each of the six stages); a floor so
/// that dropping them all cannot pass quietly.
const AT_LEAST: usize = 60;
const WORDS: std::ops::RangeInclusive<usize> = 120..=250;

#[test]
fn every_exemplar_scores_hire_or_better() {
    let scorer = Scorer::new(RubricSet::builtin().expect("built-in rubric loads"));
    let mut scored = 0;
    let mut under = Vec::new();
    for stage in &scorer.set().stages {
        for q in &stage.bank.questions {
            let Some(exemplar) = &q.exemplar else {
                continue;
            };
            let card = scorer
                .score(&stage.meta.id, Some(&q.id), exemplar)
                .expect("scores");
            println!("{:>5.1} {:<14} {}", card.overall, card.band, q.id);
            scored += 1;
            if card.band < Band::Hire {
                under.push(format!("{} ({:.1}, {})", q.id, card.overall, card.band));
            }
        }
    }
    assert!(scored >= AT_LEAST, "only {scored} exemplars found");
    assert!(
        under.is_empty(),
        "exemplars under hire: {}",
        under.join(", ")
    );
}

#[test]
fn every_exemplar_is_a_spoken_length_in_plain_ascii() {
    let set = RubricSet::builtin().expect("built-in rubric loads");
    for stage in &set.stages {
        for q in &stage.bank.questions {
            let Some(exemplar) = &q.exemplar else {
                continue;
            };
            let words = exemplar.split_whitespace().count();
            assert!(WORDS.contains(&words), "{}: {words} words", q.id);
            assert!(exemplar.is_ascii(), "{}: not plain ASCII", q.id);
        }
    }
}
