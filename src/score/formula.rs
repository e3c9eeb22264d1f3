//! How criteria, values and signals combine into one 0–100 score. Kept apart from matching so
//! the same arithmetic prices "what if this gap were closed" for the improvement list.

use super::judge::Judgement;
use super::signals::Signals;
use crate::rubric::{Bands, Mix};

/// The third phrasing of one concept adds little: each further phrasing counts this much less.
pub const DIMINISH: f64 = 0.3;
/// Value evidence saturates: `1 - exp(-evidence / VALUE_SATURATION)`.
pub const VALUE_SATURATION: f64 = 1.0;
/// How much one unit of counter-evidence takes from a value (0–1 scale).
pub const COUNTER_COST: f64 = 0.35;
/// New content words at which an answer has enough substance to earn full marks.
pub const SUBSTANCE_FULL: f64 = 25.0;

/// A criterion's credit (0–1) from the weights of the distinct patterns it matched.
pub fn criterion_credit(mut weights: Vec<f64>) -> f64 {
    weights.sort_by(|a, b| b.total_cmp(a));
    let sum: f64 = weights
        .iter()
        .enumerate()
        .map(|(k, w)| w * DIMINISH.powi(k as i32))
        .sum();
    sum.min(1.0)
}

pub fn value_credit(evidence: f64, counter: f64) -> f64 {
    let shown = 1.0 - (-evidence / VALUE_SATURATION).exp();
    (shown - COUNTER_COST * counter).clamp(0.0, 1.0)
}

/// Each point of jargon density (per 100 words, past two) takes this share off.
pub const HOLLOW_COST: f64 = 0.12;
/// Each point of rambling (asides per 100 words plus repeated sentences) takes this share off.
pub const RAMBLING_COST: f64 = 0.1;
/// Each attention measure offered without a goal measure takes this share off.
pub const VANITY_COST: f64 = 0.12;
/// Exponent of the curve from the weighted parts to the 0–100 score.
pub const LIFT: f64 = 0.85;
/// Under this relevance an answer is about something else and cannot reach `hire`.
pub const RELEVANCE_FLOOR: f64 = 0.6;

/// Multipliers applied to the weighted parts. Each is 1 for an ordinary spoken-style answer.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Multipliers {
    /// Too little said: an empty answer, "I don't know", a one-liner, the question echoed back.
    pub substance: f64,
    /// Not prose: a keyword list without the grammar of sentences.
    pub prose: f64,
    /// Filler and hedging.
    pub clarity: f64,
    /// Whether the answer meets the question asked (1 when it does).
    pub relevance: f64,
    /// Jargon and listed frameworks standing in for content.
    pub hollow: f64,
    /// Asides and sentences that repeat what was said.
    pub rambling: f64,
    /// Attention measures (views, clicks) offered as success with no goal measure.
    pub vanity: f64,
}

impl Multipliers {
    pub fn of(signals: &Signals, judged: &Judgement) -> Multipliers {
        let substance = (signals.new_content_words as f64 / SUBSTANCE_FULL)
            .min(1.0)
            .powf(0.6);
        // Under a dozen words the share of glue words says little; substance already rules there.
        let glue = if signals.words < 12 {
            1.0
        } else {
            ((signals.function_word_share - 0.15) / 0.15).clamp(0.1, 1.0)
        };
        let run_on = (1.0 - (signals.words_per_sentence - 40.0).max(0.0) / 80.0).clamp(0.5, 1.0);
        let clarity = 1.0 - (0.04 * (signals.filler_rate + signals.hedge_rate)).min(0.3);
        let words = signals.words;
        let sub = &judged.substance;
        Multipliers {
            substance,
            prose: glue * run_on,
            clarity,
            relevance: judged.relevance.score.clamp(0.2, 1.0),
            // Polished words around real specifics cost little; in place of them, a lot.
            hollow: (1.0
                - HOLLOW_COST * sub.hollowness(words) * (1.2 - sub.score()).clamp(0.2, 1.0))
            .clamp(0.4, 1.0),
            rambling: (1.0 - RAMBLING_COST * sub.rambling(words)).clamp(0.5, 1.0),
            vanity: (1.0 - VANITY_COST * sub.vanity_only() as f64).clamp(0.6, 1.0),
        }
    }

    pub fn product(&self) -> f64 {
        self.substance
            * self.prose
            * self.clarity
            * self.relevance
            * self.hollow
            * self.rambling
            * self.vanity
    }
}

/// The parts of a score, each 0–1 except `penalty` (points).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Inputs {
    pub coverage: f64,
    pub values: f64,
    pub specificity: f64,
    pub multiplier: f64,
    pub penalty: f64,
}

/// Concave but strictly rising up to full coverage, so every concept closed pays something,
/// and the first concepts pay most. `coverage_for_full_marks` sets how fast it rises: at that
/// coverage the keyword part is three quarters of its maximum.
pub fn keyword_part(mix: &Mix, coverage: f64) -> f64 {
    let c = coverage.clamp(0.0, 1.0);
    // 1 - (1 - c)^k with k chosen so that c = coverage_for_full_marks gives 0.75.
    let full = mix.coverage_for_full_marks.clamp(0.05, 0.95);
    let k = 0.25f64.ln() / (1.0 - full).ln();
    1.0 - (1.0 - c).powf(k)
}

pub fn overall(mix: &Mix, x: &Inputs) -> f64 {
    let total = mix.keywords + mix.values + mix.specificity;
    let base = (mix.keywords * keyword_part(mix, x.coverage)
        + mix.values * x.values
        + mix.specificity * x.specificity)
        / total;
    // The parts rarely all reach their maximum, even in a strong answer: the curve lifts the
    // middle of the scale so strong answers land at `hire`, keeping every order unchanged.
    round1((100.0 * (base * x.multiplier).powf(LIFT) - x.penalty).clamp(0.0, 100.0))
}

pub fn band(bands: &Bands, score: f64) -> super::Band {
    use super::Band;
    if score >= bands.strong_hire {
        Band::StrongHire
    } else if score >= bands.hire {
        Band::Hire
    } else if score >= bands.no_hire {
        Band::NoHire
    } else {
        Band::StrongNoHire
    }
}

/// Rounded to one decimal; `+ 0.0` turns the `-0.0` of an empty float sum into `0.0`.
pub fn round1(x: f64) -> f64 {
    (x * 10.0).round() / 10.0 + 0.0
}
