//! The rubric files as they are on disk. Every struct rejects unknown fields so that a typo in a
//! hand-edited file is reported instead of silently ignored.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// `loop.json`: the stages in order and the numbers that turn criteria into an overall score.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct LoopFile {
    pub id: String,
    pub title: String,
    /// Relative path of the values rubric.
    pub values: String,
    pub bands: Bands,
    pub mix: Mix,
    pub stages: Vec<StageRef>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub offer_template: Option<OfferTemplate>,
}

/// Lower bounds of the bands, on the 0–100 overall score; below `no_hire` is `strong_no_hire`.
#[derive(Debug, Clone, Copy, Serialize, Deserialize, PartialEq, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Bands {
    pub no_hire: f64,
    pub hire: f64,
    pub strong_hire: f64,
}

/// How the parts of an answer's score are weighed against each other.
#[derive(Debug, Clone, Copy, Serialize, Deserialize, PartialEq, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Mix {
    /// Weight of keyword coverage (stage criteria and question concepts).
    pub keywords: f64,
    /// Weight of the mean value score.
    pub values: f64,
    /// Weight of specificity: numbers, first-person actions.
    pub specificity: f64,
    /// Keyword coverage (0–1) at which the keyword part earns full marks: strong answers cover
    /// most concepts, not all, so full coverage should not be needed for a top score.
    pub coverage_for_full_marks: f64,
    /// Points taken off per unit of penalty weight matched.
    pub penalty_points: f64,
}

#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct StageRef {
    pub id: String,
    pub title: String,
    pub brief: String,
    pub time_budget_secs: u32,
    /// How many questions a loop draws from this stage's bank.
    pub draw: u32,
    /// Relative path of the stage's keyword rubric.
    pub rubric: String,
    /// Relative path of the stage's question bank.
    pub questions: String,
}

/// The offer the interviewer makes in the offer stage; one value of each list is drawn.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct OfferTemplate {
    pub base_salary: Vec<u32>,
    pub sign_on: Vec<u32>,
    pub stock_option_share: Vec<u32>,
    pub start_in_weeks: Vec<u32>,
    pub counter_moves: Vec<String>,
}

/// `stages/<id>.json`.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct StageRubric {
    pub stage: String,
    pub criteria: Vec<Criterion>,
    #[serde(default)]
    pub penalties: Vec<Criterion>,
}

/// `questions/<id>.json`.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct QuestionBank {
    pub stage: String,
    pub questions: Vec<Question>,
}

#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Question {
    pub id: String,
    pub text: String,
    /// A strong answer to learn from, shown by /example and in reports.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub exemplar: Option<String>,
    #[serde(default)]
    pub concepts: Vec<Criterion>,
    #[serde(default)]
    pub follow_ups: Vec<FollowUp>,
}

#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct FollowUp {
    /// A stage criterion id or one of the question's concept ids.
    pub when_missing: String,
    pub prompt: String,
}

/// A concept a strong answer covers, written as several phrasings.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Criterion {
    pub id: String,
    pub name: String,
    pub weight: f64,
    pub advice: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub follow_up: Option<String>,
    pub patterns: Vec<Pattern>,
    /// Computed signals that also show the concept, e.g. first-person actions for "what you
    /// did": phrase lists miss verbs nobody thought to list, the signal does not.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub signals: Vec<SignalRule>,
}

#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Pattern {
    pub id: String,
    pub regex: String,
    #[serde(default = "one")]
    pub weight: f64,
}

fn one() -> f64 {
    1.0
}

/// `values.json`.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ValuesFile {
    pub values: Vec<Value>,
}

#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Value {
    pub id: String,
    pub name: String,
    pub weight: f64,
    pub advice: String,
    pub indicators: Vec<Pattern>,
    pub counter_indicators: Vec<Pattern>,
    /// Computed signals that show the value (e.g. numbers for judgment).
    #[serde(default)]
    pub signals: Vec<SignalRule>,
    /// Computed signals that count against it (e.g. hedges for courage).
    #[serde(default)]
    pub counter_signals: Vec<SignalRule>,
}

/// Credit `weight × min(1, signal / full_at)`.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct SignalRule {
    pub signal: SignalKind,
    pub full_at: f64,
    pub weight: f64,
}

/// The computed signals a value rubric may draw on.
#[derive(Debug, Clone, Copy, Serialize, Deserialize, PartialEq, Eq, Hash, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum SignalKind {
    /// Numbers, percentages, money and time spans.
    Metrics,
    /// "I" followed by an action verb.
    FirstPersonActions,
    /// Questions the candidate asks.
    Questions,
    /// Filler words per 100 words.
    FillerRate,
    /// Hedges per 100 words.
    HedgeRate,
    /// Share of first-person pronouns that are "we" (0–1).
    WeShare,
    /// Structure markers: first/second/finally, numbered points.
    StructureMarkers,
}
