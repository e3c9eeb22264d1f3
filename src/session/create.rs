//! A new session: the plan drawn from the seed plus the settings it was asked with. The CLI and
//! the benchmarks both start sessions here, so a benchmark measures the files users get.

use chrono::{DateTime, Utc};

use super::model::{Feedback, Focus, Session, Settings, Status, SCHEMA_VERSION};
use super::plan::{self, PlanError};
use crate::rubric::{Question, RubricSet, Stage};

/// What a new session is asked to practise.
#[derive(Debug, Clone)]
pub struct NewSession {
    /// Stage ids to practise; empty means every stage. Loop order is kept either way.
    pub stages: Vec<String>,
    /// Questions per stage; `None` means each stage's own `draw`.
    pub questions_per_stage: Option<u32>,
    pub candidate: Option<String>,
    pub seed: u64,
    pub feedback: Feedback,
    pub follow_ups: bool,
    /// What a focused loop trains (`run --focus`), recorded in the settings.
    pub focus: Option<Focus>,
}

/// How much a question serves the loop's focus; the draw prefers heavier questions.
pub type Weight<'a> = &'a dyn Fn(&Stage, &Question) -> u32;

/// An unfinished session with id `id`, started at `now`, its questions drawn from `set`.
pub fn create(
    set: &RubricSet,
    request: NewSession,
    weight: Option<Weight>,
    id: String,
    now: DateTime<Utc>,
) -> Result<Session, PlanError> {
    let drawn = plan::draw_with(
        set,
        &request.stages,
        request.questions_per_stage,
        request.seed,
        |stage, q| weight.map_or(0, |w| w(stage, q)),
    )?;
    let stages = set
        .stages
        .iter()
        .map(|s| s.meta.id.clone())
        .filter(|id| request.stages.is_empty() || request.stages.contains(id))
        .collect();
    Ok(Session {
        schema_version: SCHEMA_VERSION,
        id,
        loop_id: set.loop_file.id.clone(),
        rubric_fingerprint: set.fingerprint.to_string(),
        candidate: request.candidate,
        seed: request.seed,
        settings: Settings {
            stages,
            questions_per_stage: request.questions_per_stage,
            feedback: request.feedback,
            follow_ups: request.follow_ups,
            focus: request.focus,
        },
        started_at: now,
        finished_at: None,
        status: Status::Unfinished,
        offer: drawn.offer,
        questions: drawn.questions,
    })
}
