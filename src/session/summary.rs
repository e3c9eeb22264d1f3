//! What listings and progress need from a session, read without the answers and evidence:
//! serde skips what these structs do not name, so thousands of files stay cheap to read.

use std::collections::BTreeMap;
use std::path::Path;

use chrono::{DateTime, Utc};
use serde::Deserialize;

use super::migrate;
use super::model::Status;
use super::store::{read_view, StoreError, View};
use crate::score::Band;

#[derive(Debug, Clone)]
pub struct Summary {
    pub id: String,
    pub started_at: DateTime<Utc>,
    pub candidate: Option<String>,
    pub status: Status,
    pub rubric_fingerprint: String,
    /// Stages with at least one finished question, in loop order.
    pub stages_answered: Vec<String>,
    pub finished: usize,
    pub total: usize,
    pub overall: Option<f64>,
    /// Mean value scores over scored answers.
    pub values: BTreeMap<String, f64>,
    /// Per stage: the questions' scores (skipped count 0), for `history --stage`.
    pub stage_scores: BTreeMap<String, Vec<f64>>,
}

#[derive(Deserialize)]
struct Lean {
    schema_version: u64,
    id: String,
    started_at: DateTime<Utc>,
    #[serde(default)]
    candidate: Option<String>,
    status: serde_json::Value,
    rubric_fingerprint: String,
    questions: Vec<LeanQuestion>,
}

impl View for Lean {
    fn schema_version(&self) -> u64 {
        self.schema_version
    }
    fn id(&self) -> &str {
        &self.id
    }
}

#[derive(Deserialize)]
struct LeanQuestion {
    stage: String,
    #[serde(default)]
    done: bool,
    #[serde(default)]
    skipped: bool,
    #[serde(default)]
    card: Option<LeanCard>,
}

#[derive(Deserialize)]
struct LeanCard {
    overall: f64,
    values: BTreeMap<String, LeanValue>,
}

#[derive(Deserialize)]
struct LeanValue {
    score: f64,
}

/// The score of a finished question for a session's overall: its card's, or 0 when skipped.
pub fn question_score(skipped: bool, card_overall: Option<f64>) -> Option<f64> {
    card_overall.or(skipped.then_some(0.0))
}

/// The mean of finished questions' scores, the session's overall score.
pub fn mean(scores: &[f64]) -> Option<f64> {
    (!scores.is_empty()).then(|| scores.iter().sum::<f64>() / scores.len() as f64)
}

impl Summary {
    pub fn read(path: &Path) -> Result<Summary, StoreError> {
        let lean: Lean = read_view(path)?;
        let corrupt = |detail: String| StoreError::Corrupt {
            path: path.to_path_buf(),
            detail: crate::limits::clip_values(&detail),
        };
        let word = lean.status.as_str();
        let status = match word.map(|w| migrate::status_word(w, lean.schema_version)) {
            Some("complete") => Status::Complete,
            Some("abandoned") => Status::Abandoned,
            Some("unfinished") => Status::Unfinished,
            _ => return Err(corrupt(format!("unknown status {}", lean.status))),
        };
        let mut scores = Vec::new();
        let mut stage_scores: BTreeMap<String, Vec<f64>> = BTreeMap::new();
        let mut stages_answered: Vec<String> = Vec::new();
        let mut value_sums: BTreeMap<String, (f64, usize)> = BTreeMap::new();
        for q in lean.questions.iter().filter(|q| q.done) {
            if !stages_answered.contains(&q.stage) {
                stages_answered.push(q.stage.clone());
            }
            if let Some(score) = question_score(q.skipped, q.card.as_ref().map(|c| c.overall)) {
                scores.push(score);
                stage_scores.entry(q.stage.clone()).or_default().push(score);
            }
            for (id, v) in q.card.iter().flat_map(|c| &c.values) {
                let entry = value_sums.entry(id.clone()).or_default();
                entry.0 += v.score;
                entry.1 += 1;
            }
        }
        Ok(Summary {
            id: lean.id,
            started_at: lean.started_at,
            candidate: lean.candidate,
            status,
            rubric_fingerprint: lean.rubric_fingerprint,
            finished: lean.questions.iter().filter(|q| q.done).count(),
            total: lean.questions.len(),
            stages_answered,
            overall: mean(&scores),
            values: value_sums
                .into_iter()
                .map(|(k, (sum, n))| (k, sum / n as f64))
                .collect(),
            stage_scores,
        })
    }

    pub fn band(&self, bands: &crate::rubric::Bands) -> Option<Band> {
        self.overall.map(|s| crate::score::formula::band(bands, s))
    }
}
