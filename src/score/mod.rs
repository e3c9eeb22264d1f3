//! Scoring: signals, keyword criteria, value rubrics and their combination into one score with
//! the evidence behind every point.

mod card;
mod compile;
pub mod formula;
mod judge;
mod lexicon;
mod matcher;
mod scorer;
mod signals;
mod text;

pub use card::{
    Adjustment, Band, CriterionScore, Evidence, Improvement, Parts, ScoreCard, Source, ValueScore,
};
pub use scorer::{ScoreError, Scorer, MAX_ANSWER_BYTES};
pub use signals::{Signals, Star};
