//! What a score is made of, in a shape that serialises to the `--format json` output.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

/// Rubric text (ids, names, advice) shared between the compiled rubric and every card, so a
/// card costs no copies of it.
pub type Shared = std::sync::Arc<str>;

use super::signals::Signals;

/// The bands a hiring committee uses.
#[derive(
    Debug,
    Clone,
    Copy,
    PartialEq,
    Eq,
    PartialOrd,
    Ord,
    Serialize,
    Deserialize,
    Hash,
    schemars::JsonSchema,
)]
#[serde(rename_all = "snake_case")]
pub enum Band {
    StrongNoHire,
    NoHire,
    Hire,
    StrongHire,
}

impl Band {
    pub fn as_str(self) -> &'static str {
        match self {
            Band::StrongNoHire => "strong_no_hire",
            Band::NoHire => "no_hire",
            Band::Hire => "hire",
            Band::StrongHire => "strong_hire",
        }
    }

    pub fn all() -> [Band; 4] {
        [
            Band::StrongNoHire,
            Band::NoHire,
            Band::Hire,
            Band::StrongHire,
        ]
    }

    pub fn parse(s: &str) -> Option<Band> {
        Band::all().into_iter().find(|b| b.as_str() == s)
    }
}

impl std::fmt::Display for Band {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct ScoreCard {
    pub stage: String,
    /// The bank question scored against, if the question was one.
    pub question_id: Option<String>,
    /// 0–100, one decimal.
    pub overall: f64,
    pub band: Band,
    /// Stage criteria first, then the question's own concepts.
    pub criteria: Vec<CriterionScore>,
    /// Penalties that matched (blaming others, giving away a salary…).
    pub penalties: Vec<CriterionScore>,
    pub values: BTreeMap<Shared, ValueScore>,
    /// The three parts before adjustments, each 0–100.
    pub parts: Parts,
    /// Multipliers and deductions applied to the parts, each with its reason.
    pub adjustments: Vec<Adjustment>,
    /// What would raise the score most, biggest gain first.
    pub improvements: Vec<Improvement>,
    pub signals: Signals,
}

/// Where a criterion comes from.
#[derive(Debug, Clone, Copy, Serialize, Deserialize, PartialEq, Eq)]
#[serde(rename_all = "snake_case")]
pub enum Source {
    Stage,
    Question,
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct CriterionScore {
    pub id: Shared,
    pub name: Shared,
    /// The stage rubric, or the question's own concepts.
    pub source: Source,
    pub weight: f64,
    /// 0–100: how fully the concept is shown.
    pub score: f64,
    /// Overall points this criterion contributes: the overall minus the overall without it.
    #[serde(default)]
    pub points: f64,
    pub evidence: Vec<Evidence>,
    /// Matches that earned nothing because the answer negated them.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub negated: Vec<Evidence>,
    pub advice: Shared,
}

/// One matched phrase: which pattern, where in the answer (byte offsets), what it said.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct Evidence {
    pub pattern: Shared,
    pub start: usize,
    pub end: usize,
    pub text: String,
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct ValueScore {
    pub name: Shared,
    pub score: f64,
    pub evidence: Vec<Evidence>,
    pub counter_evidence: Vec<Evidence>,
    /// Signal contributions, by signal name: positive show the value, negative count against.
    pub signals: BTreeMap<String, f64>,
    pub advice: Shared,
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct Parts {
    /// Weighted share of criteria covered (0–1).
    pub coverage: f64,
    pub keywords: f64,
    pub values: f64,
    pub specificity: f64,
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct Adjustment {
    pub id: String,
    /// A multiplier (0–1) or, for `penalties`, points taken off.
    pub effect: f64,
    pub reason: String,
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct Improvement {
    pub kind: ImprovementKind,
    pub id: Shared,
    pub name: Shared,
    pub advice: Shared,
    /// Overall points this would add, estimated by re-scoring with the gap closed.
    pub gain: f64,
}

/// What an improvement would change: a criterion or value to show, a penalty to avoid, or an
/// adjustment (too short, a keyword list, filler) to undo. Written as its snake_case name.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ImprovementKind {
    Criterion,
    Value,
    Penalty,
    Adjustment,
}

impl ImprovementKind {
    pub fn as_str(self) -> &'static str {
        match self {
            ImprovementKind::Criterion => "criterion",
            ImprovementKind::Value => "value",
            ImprovementKind::Penalty => "penalty",
            ImprovementKind::Adjustment => "adjustment",
        }
    }
}

impl std::fmt::Display for ImprovementKind {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}
