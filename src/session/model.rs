//! A practice session as saved under `sessions/<id>.json`: the plan drawn at the start, every
//! answer exactly as typed, its timing, the follow-ups asked and why, and the score card.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use crate::score::ScoreCard;

/// Bumped when the file format changes incompatibly; older files are migrated on read (see
/// [`super::migrate`]).
pub const SCHEMA_VERSION: u32 = 2;

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct Session {
    pub schema_version: u32,
    pub id: String,
    pub loop_id: String,
    /// Which rubric set scored it (see `RubricSet::fingerprint`).
    pub rubric_fingerprint: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub candidate: Option<String>,
    /// The seed of the question draw, given or chosen; the plan below is what it drew.
    pub seed: u64,
    pub settings: Settings,
    pub started_at: DateTime<Utc>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub finished_at: Option<DateTime<Utc>>,
    pub status: Status,
    /// The offer the interviewer makes in the offer stage, drawn with the seed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub offer: Option<Offer>,
    pub questions: Vec<QuestionRecord>,
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct Settings {
    /// The stages practised, in loop order.
    pub stages: Vec<String>,
    /// Questions per stage when given; otherwise each stage's `draw`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub questions_per_stage: Option<u32>,
    pub feedback: Feedback,
    pub follow_ups: bool,
    /// What `run --focus` trained; absent in sessions drawn without one (and in older files).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub focus: Option<Focus>,
}

/// The criteria or values a focused loop drew its questions for.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct Focus {
    /// As typed: `weakest` or an id.
    pub asked: String,
    pub targets: Vec<FocusTarget>,
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct FocusTarget {
    /// `criterion`, `concept` or `value`.
    pub kind: String,
    pub id: String,
    pub name: String,
}

/// When score cards are shown: at the end, like the real day, or after each answer.
#[derive(Debug, Clone, Copy, Serialize, Deserialize, PartialEq, Eq)]
#[serde(rename_all = "snake_case")]
pub enum Feedback {
    End,
    Each,
}

#[derive(Debug, Clone, Copy, Serialize, Deserialize, PartialEq, Eq)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    Unfinished,
    Complete,
    Abandoned,
}

impl Status {
    pub fn as_str(self) -> &'static str {
        match self {
            Status::Unfinished => "unfinished",
            Status::Complete => "complete",
            Status::Abandoned => "abandoned",
        }
    }
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct Offer {
    pub base_salary: u32,
    pub sign_on: u32,
    /// Share of total pay the candidate may take as stock options, in percent.
    pub stock_option_share: u32,
    pub start_in_weeks: u32,
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct QuestionRecord {
    pub stage: String,
    pub question_id: String,
    pub question: String,
    pub budget_secs: u32,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub asked_at: Option<DateTime<Utc>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub answered_at: Option<DateTime<Utc>>,
    /// Seconds from the question being shown to the answer being submitted.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub seconds_used: Option<f64>,
    #[serde(default)]
    pub over_budget: bool,
    /// The answer exactly as typed (without the terminating blank line or `.`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub answer: Option<String>,
    /// Text typed but not submitted when the session was interrupted; offered again on resume.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub draft: Option<String>,
    #[serde(default)]
    pub skipped: bool,
    #[serde(default)]
    pub hints: u32,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub follow_ups: Vec<FollowUpRecord>,
    /// Offer stage: the interviewer's counter-move and the candidate's reply to it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub negotiation: Option<Negotiation>,
    /// Set once the question is finished: answered (and followed up) or skipped.
    #[serde(default)]
    pub done: bool,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub card: Option<ScoreCard>,
    /// Why an answer has no card (for example over the size limit); the answer is still kept.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub score_error: Option<String>,
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct FollowUpRecord {
    /// The criterion or concept whose gap prompted it.
    pub criterion: String,
    pub reason: String,
    pub prompt: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub answer: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub seconds_used: Option<f64>,
    #[serde(default)]
    pub skipped: bool,
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct Negotiation {
    pub counter_move: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub response: Option<String>,
}

impl QuestionRecord {
    /// Everything the candidate said for this question, scored together: the answer, then what
    /// the follow-ups and the negotiation added.
    pub fn full_answer(&self) -> String {
        join_said(
            self.answer.as_deref(),
            self.follow_ups.iter().filter_map(|f| f.answer.as_deref()),
            self.negotiation
                .as_ref()
                .and_then(|n| n.response.as_deref()),
        )
    }
}

/// The one way the parts of an answer are joined for scoring, so that every reader of a
/// session (full or lean) scores exactly the same text.
pub fn join_said<'a>(
    answer: Option<&'a str>,
    follow_ups: impl Iterator<Item = &'a str>,
    negotiation: Option<&'a str>,
) -> String {
    let mut parts: Vec<&str> = answer.into_iter().collect();
    parts.extend(follow_ups);
    parts.extend(negotiation);
    parts.join("\n\n")
}

impl Session {
    /// Index of the first question not finished, if any.
    pub fn next_question(&self) -> Option<usize> {
        self.questions.iter().position(|q| !q.done)
    }
}
