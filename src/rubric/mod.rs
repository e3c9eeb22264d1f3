//! Rubric sets: the model of the files, loading with located errors, and validation.

mod load;
pub mod model;
mod pattern_check;
mod problem;
pub mod schema;
mod source;
mod validate;

pub use load::{load, Fingerprint, LOOP_FILE};
pub use model::*;
pub use problem::{Problem, Problems};
pub use source::RubricSource;

/// A loaded, validated rubric set.
#[derive(Debug, Clone)]
pub struct RubricSet {
    pub source: RubricSource,
    pub loop_file: LoopFile,
    pub values: Vec<Value>,
    pub stages: Vec<Stage>,
    /// Changes whenever any file of the set changes; sessions record it.
    pub fingerprint: Fingerprint,
}

/// One stage of the loop with its keyword rubric and question bank.
#[derive(Debug, Clone)]
pub struct Stage {
    pub meta: StageRef,
    pub rubric: StageRubric,
    pub bank: QuestionBank,
}

impl RubricSet {
    /// The set compiled into the binary, parsed but not validated again: a test holds it
    /// valid, as `rubric check` (which validates it) does in CI.
    pub fn builtin() -> Result<RubricSet, Problems> {
        load::load_with(RubricSource::Builtin, false)
    }

    pub fn stage(&self, id: &str) -> Option<&Stage> {
        self.stages.iter().find(|s| s.meta.id == id)
    }

    pub fn stage_ids(&self) -> Vec<&str> {
        self.stages.iter().map(|s| s.meta.id.as_str()).collect()
    }

    /// Every pattern of the set: the values' indicators and counter-indicators, then each
    /// stage's criteria, penalties and question concepts.
    pub fn patterns(&self) -> impl Iterator<Item = &model::Pattern> {
        let values = self
            .values
            .iter()
            .flat_map(|v| v.indicators.iter().chain(&v.counter_indicators));
        let stages = self.stages.iter().flat_map(|stage| {
            let criteria = stage.rubric.criteria.iter().chain(&stage.rubric.penalties);
            let concepts = stage.bank.questions.iter().flat_map(|q| &q.concepts);
            criteria.chain(concepts).flat_map(|c| &c.patterns)
        });
        values.chain(stages)
    }
}

impl Stage {
    pub fn question(&self, id: &str) -> Option<&Question> {
        self.bank.questions.iter().find(|q| q.id == id)
    }
}
