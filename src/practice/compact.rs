//! Facts with their criteria, values and questions numbered: thousands of sessions merge
//! without comparing strings, and the plan cache stays small.

use std::collections::HashMap;

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use super::facts::{Facts, QuoteAt};
use super::Kind;
use crate::score::Band;

#[derive(Debug, Clone, Serialize, Deserialize)]
pub(super) struct Label {
    pub kind: Kind,
    pub id: String,
    pub name: String,
    pub advice: String,
}

/// The numbering shared by every compact session.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub(super) struct Tables {
    pub labels: Vec<Label>,
    /// (stage, question id).
    pub questions: Vec<(String, String)>,
    #[serde(skip)]
    label_at: HashMap<(Kind, String), u32>,
    #[serde(skip)]
    question_at: HashMap<(String, String), u32>,
}

impl Tables {
    /// Rebuilds the lookups after reading the tables from the cache.
    pub fn reindex(&mut self) {
        self.label_at = (self.labels.iter().enumerate())
            .map(|(i, l)| ((l.kind, l.id.clone()), i as u32))
            .collect();
        self.question_at = (self.questions.iter().enumerate())
            .map(|(i, q)| (q.clone(), i as u32))
            .collect();
    }

    fn label(&mut self, kind: Kind, id: &str, name: &str, advice: &str) -> u32 {
        let next = self.labels.len() as u32;
        *self
            .label_at
            .entry((kind, id.to_string()))
            .or_insert_with(|| {
                self.labels.push(Label {
                    kind,
                    id: id.to_string(),
                    name: name.to_string(),
                    advice: advice.to_string(),
                });
                next
            })
    }

    fn question(&mut self, stage: &str, id: &str) -> u32 {
        let next = self.questions.len() as u32;
        *self
            .question_at
            .entry((stage.to_string(), id.to_string()))
            .or_insert_with(|| {
                self.questions.push((stage.to_string(), id.to_string()));
                next
            })
    }
}

/// One criterion or value in one session: label, applied, missed, score sum, points lost, and
/// where to quote a miss from.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub(super) struct Row(
    pub u32,
    pub u32,
    pub u32,
    pub f64,
    pub f64,
    pub Option<QuoteAt>,
);

/// A finished question: which, its score and band.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub(super) struct Asked(pub u32, pub f64, pub Band);

#[derive(Debug, Clone, Serialize, Deserialize)]
pub(super) struct Compact {
    pub id: String,
    pub started_at: DateTime<Utc>,
    pub candidate: Option<String>,
    pub complete: bool,
    pub rows: Vec<Row>,
    pub asked: Vec<Asked>,
}

pub(super) fn compact(facts: Facts, tables: &mut Tables) -> Compact {
    let rows = facts
        .tallies
        .into_iter()
        .map(|((kind, id), t)| {
            Row(
                tables.label(kind, &id, &t.name, &t.advice),
                t.applied as u32,
                t.missed as u32,
                t.score_sum,
                t.gain_sum,
                t.quote,
            )
        })
        .collect();
    let asked = facts
        .answered
        .iter()
        .map(|a| Asked(tables.question(&a.stage, &a.question_id), a.score, a.band))
        .collect();
    Compact {
        id: facts.id,
        started_at: facts.started_at,
        candidate: facts.candidate,
        complete: facts.complete,
        rows,
        asked,
    }
}
