//! The narrow views of a session file a plan reads: its facts without the evidence text and
//! signals that make up most of the file, and, for the few files quoted from, only what was said.

use std::collections::BTreeMap;
use std::path::Path;

use chrono::{DateTime, Utc};
use serde::Deserialize;

use crate::score::{Band, ScoreCard, Source};
use crate::session::model::join_said;
use crate::session::store::{read_view, View};

#[derive(Deserialize)]
pub(super) struct LeanSession {
    pub schema_version: u64,
    pub id: String,
    pub started_at: DateTime<Utc>,
    #[serde(default)]
    pub candidate: Option<String>,
    pub status: String,
    pub questions: Vec<LeanQuestion>,
}

#[derive(Deserialize)]
pub(super) struct LeanQuestion {
    pub stage: String,
    pub question_id: String,
    #[serde(default)]
    pub done: bool,
    #[serde(default)]
    pub skipped: bool,
    #[serde(default)]
    pub answer: Option<String>,
    #[serde(default)]
    pub follow_ups: Vec<LeanReply>,
    #[serde(default)]
    pub negotiation: Option<LeanNegotiation>,
    #[serde(default)]
    pub card: Option<LeanCard>,
}

#[derive(Deserialize)]
pub(super) struct LeanReply {
    #[serde(default)]
    pub answer: Option<String>,
}

#[derive(Deserialize)]
pub(super) struct LeanNegotiation {
    #[serde(default)]
    pub response: Option<String>,
}

#[derive(Deserialize)]
pub(super) struct LeanCard {
    pub band: Band,
    pub overall: f64,
    pub criteria: Vec<LeanCriterion>,
    pub values: BTreeMap<String, LeanValue>,
    #[serde(default)]
    pub improvements: Vec<LeanImprovement>,
}

#[derive(Deserialize)]
pub(super) struct LeanCriterion {
    pub id: String,
    pub name: String,
    pub source: Source,
    pub score: f64,
    pub advice: String,
    #[serde(default)]
    pub evidence: Vec<Span>,
    #[serde(default)]
    pub negated: Vec<Span>,
}

#[derive(Deserialize)]
pub(super) struct LeanValue {
    pub name: String,
    pub score: f64,
    pub advice: String,
    #[serde(default)]
    pub counter_evidence: Vec<Span>,
}

#[derive(Deserialize)]
pub(super) struct LeanImprovement {
    pub kind: String,
    pub id: String,
    pub gain: f64,
}

#[derive(Deserialize, Clone, Copy)]
pub(super) struct Span {
    pub start: usize,
    pub end: usize,
}

impl View for LeanSession {
    fn schema_version(&self) -> u64 {
        self.schema_version
    }

    fn id(&self) -> &str {
        &self.id
    }
}

impl LeanQuestion {
    /// The text the card's byte offsets point into: everything said for the question.
    pub fn said(&self) -> String {
        join_said(
            self.answer.as_deref(),
            self.follow_ups.iter().filter_map(|f| f.answer.as_deref()),
            self.negotiation
                .as_ref()
                .and_then(|n| n.response.as_deref()),
        )
    }
}

/// Only what was said, for the few files a plan quotes from: cards are skipped unread.
#[derive(Deserialize)]
pub(super) struct SaidSession {
    pub schema_version: u64,
    pub id: String,
    pub questions: Vec<SaidQuestion>,
}

#[derive(Deserialize)]
pub(super) struct SaidQuestion {
    #[serde(default)]
    pub answer: Option<String>,
    #[serde(default)]
    pub follow_ups: Vec<LeanReply>,
    #[serde(default)]
    pub negotiation: Option<LeanNegotiation>,
}

impl View for SaidSession {
    fn schema_version(&self) -> u64 {
        self.schema_version
    }

    fn id(&self) -> &str {
        &self.id
    }
}

/// Question `index` of the session at `path`: everything said (what a card's offsets point
/// into), and the answer alone.
pub(super) fn said(path: &Path, index: usize) -> Option<(String, Option<String>)> {
    let session: SaidSession = read_view(path).ok()?;
    let q = session.questions.into_iter().nth(index)?;
    let all = join_said(
        q.answer.as_deref(),
        q.follow_ups.iter().filter_map(|f| f.answer.as_deref()),
        q.negotiation.as_ref().and_then(|n| n.response.as_deref()),
    );
    Some((all, q.answer))
}

/// A fresh card in the shape of a saved one, so both paths tally the same way.
pub(super) fn from_card(card: &ScoreCard) -> LeanCard {
    let spans = |e: &[crate::score::Evidence]| -> Vec<Span> {
        e.iter()
            .map(|e| Span {
                start: e.start,
                end: e.end,
            })
            .collect()
    };
    LeanCard {
        band: card.band,
        overall: card.overall,
        criteria: card
            .criteria
            .iter()
            .map(|c| LeanCriterion {
                id: c.id.to_string(),
                name: c.name.to_string(),
                source: c.source,
                score: c.score,
                advice: c.advice.to_string(),
                evidence: spans(&c.evidence),
                negated: spans(&c.negated),
            })
            .collect(),
        values: card
            .values
            .iter()
            .map(|(id, v)| {
                (
                    id.to_string(),
                    LeanValue {
                        name: v.name.to_string(),
                        score: v.score,
                        advice: v.advice.to_string(),
                        counter_evidence: spans(&v.counter_evidence),
                    },
                )
            })
            .collect(),
        improvements: card
            .improvements
            .iter()
            .map(|i| LeanImprovement {
                kind: i.kind.as_str().to_string(),
                id: i.id.to_string(),
                gain: i.gain,
            })
            .collect(),
    }
}
