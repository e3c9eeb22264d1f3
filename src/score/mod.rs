//! Scoring: signals, keyword criteria, value rubrics and their combination into one score with
//! the evidence behind every point.

mod actions;
mod candidates;
mod card;
mod card_json;
mod compile;
mod embedded;
pub mod formula;
mod grouped;
mod judge;
mod lexicon;
mod literals;
mod matcher;
mod prebuilt_rubric;
mod remembered;
mod scorer;
mod signal_patterns;
mod signals;
mod text;
mod trie;

pub use card::{
    Adjustment, Band, CriterionScore, Evidence, Improvement, ImprovementKind, Parts, ScoreCard,
    Source, ValueScore,
};
pub use scorer::{ScoreError, Scorer, MAX_ANSWER_BYTES};
pub use signals::{Signals, Star};

/// The judgement's raw counts for one answer, for tuning the scorer (`examples/eval.rs`).
#[doc(hidden)]
pub fn substance_counts(answer: &str, question: &str) -> String {
    let text = text::Text::new(answer);
    let gate = judge::Gate::read(&text.lower);
    let matchers = signals::SignalMatchers::new();
    let (signals, _) = Signals::compute(&text, question, &matchers, &gate);
    let j = judge::judge(&text, &gate, answer, question, &signals);
    let s = &j.substance;
    format!(
        "num {} act {} names {} reas {} dec {} chk {} seq {} jarg {} fw {} asides {} rep {:.2} -> {:.2}",
        s.numbers, s.actions, s.names, s.reasons, u8::from(s.decision), s.checks, s.sequence,
        s.jargon.len(), s.frameworks.len(), s.asides.len(), s.repetition, s.score()
    )
}
#[cfg(test)]
mod calibration_texts;
#[cfg(test)]
mod scorer_tests;
