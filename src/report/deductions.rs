//! Penalties and adjustments as people read them: each penalty with the points it cost, its
//! evidence and advice, and each adjustment's effect in words. Every renderer (card table,
//! report exporters, transcript) goes through here, so new penalty or adjustment ids from the
//! rubric or the scorer show up everywhere without a change to any renderer.

use serde::Serialize;

use crate::score::{Adjustment, ScoreCard};

/// The adjustment id whose effect is the points all penalties took off together.
pub const PENALTIES: &str = "penalties";

/// One penalty that matched an answer.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct PenaltyLine {
    pub id: String,
    pub name: String,
    /// Overall points it took off, as a negative number (one decimal).
    pub points: f64,
    /// The phrases that triggered it, in answer order.
    pub evidence: Vec<String>,
    pub advice: String,
}

/// Every penalty on the card with its share of the points taken off.
///
/// A card records the penalties' total in the `penalties` adjustment; when a penalty carries its
/// own `points`, that is used, otherwise the total is shared out by each penalty's weight times
/// its strength, which is how the scorer sums them.
pub fn penalties(card: &ScoreCard) -> Vec<PenaltyLine> {
    let total = card
        .adjustments
        .iter()
        .find(|a| a.id == PENALTIES)
        .map_or(0.0, |a| -a.effect.abs());
    let pull: f64 = card.penalties.iter().map(|p| p.weight * p.score).sum();
    card.penalties
        .iter()
        .map(|p| {
            let points = if p.points != 0.0 {
                -p.points.abs()
            } else if pull > 0.0 {
                total * p.weight * p.score / pull
            } else {
                0.0
            };
            let mut sorted: Vec<_> = p.evidence.iter().collect();
            sorted.sort_by_key(|e| e.start);
            let mut evidence: Vec<String> = Vec::new();
            for e in sorted {
                if !evidence.iter().any(|x| x.eq_ignore_ascii_case(&e.text)) {
                    evidence.push(e.text.clone());
                }
            }
            PenaltyLine {
                id: p.id.to_string(),
                name: p.name.to_string(),
                points: (points * 10.0).round() / 10.0 + 0.0,
                evidence,
                advice: p.advice.to_string(),
            }
        })
        .collect()
}

/// An adjustment's effect in words: points for a deduction (the penalties' total, or any
/// negative effect), otherwise a multiplier on the score.
pub fn effect(a: &Adjustment) -> String {
    if a.id == PENALTIES || a.effect < 0.0 {
        format!("{:+.1} points", -a.effect.abs())
    } else {
        format!("×{:.2}", a.effect)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rubric::RubricSet;
    use crate::score::Scorer;

    #[test]
    fn each_penalty_gets_its_share_and_they_add_up_to_the_total() {
        let scorer = Scorer::new(RubricSet::builtin().unwrap());
        let answer = "Yes, I accept the offer right now. I'm currently making $150,000 and \
            sorry to ask, but could we talk about the start date? I'm looking for $200,000.";
        let card = scorer.score("offer", None, answer).unwrap();
        let lines = penalties(&card);
        assert!(lines.len() >= 2, "{lines:?}");
        let total = card
            .adjustments
            .iter()
            .find(|a| a.id == PENALTIES)
            .unwrap()
            .effect;
        let sum: f64 = lines.iter().map(|l| l.points).sum();
        assert!(
            (sum - total).abs() < 0.05 * lines.len() as f64,
            "{sum} vs {total}"
        );
        assert!(lines
            .iter()
            .all(|l| l.points < 0.0 && !l.evidence.is_empty()));
    }

    #[test]
    fn unknown_adjustments_read_as_multipliers_or_points() {
        let a = |id: &str, effect| Adjustment {
            id: id.into(),
            effect,
            reason: String::new(),
        };
        assert_eq!(effect(&a("jargon", 0.85)), "×0.85");
        assert_eq!(effect(&a(PENALTIES, -4.5)), "-4.5 points");
        assert_eq!(effect(&a("arithmetic", -3.0)), "-3.0 points");
    }
}
