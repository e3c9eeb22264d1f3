//! What a plan needs from one session file: per criterion and value, how often it applied, how
//! often it was missed, its scores and the points it cost; and each answered question's band.
//! Read through a narrow view so that thousands of files skip the evidence text and signals.

use std::collections::BTreeMap;
use std::path::Path;

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use super::{Kind, MET_AT};
use crate::score::{Band, ScoreCard, Scorer, Source};
use crate::session::model::join_said;
use crate::session::store::{read_view, View};

#[derive(Deserialize)]
pub(super) struct LeanSession {
    schema_version: u64,
    pub id: String,
    pub started_at: DateTime<Utc>,
    #[serde(default)]
    pub candidate: Option<String>,
    status: String,
    pub questions: Vec<LeanQuestion>,
}

#[derive(Deserialize)]
pub(super) struct LeanQuestion {
    pub stage: String,
    pub question_id: String,
    #[serde(default)]
    done: bool,
    #[serde(default)]
    skipped: bool,
    #[serde(default)]
    answer: Option<String>,
    #[serde(default)]
    follow_ups: Vec<LeanReply>,
    #[serde(default)]
    negotiation: Option<LeanNegotiation>,
    #[serde(default)]
    card: Option<LeanCard>,
}

#[derive(Deserialize)]
struct LeanReply {
    #[serde(default)]
    answer: Option<String>,
}

#[derive(Deserialize)]
struct LeanNegotiation {
    #[serde(default)]
    response: Option<String>,
}

#[derive(Deserialize)]
struct LeanCard {
    band: Band,
    overall: f64,
    criteria: Vec<LeanCriterion>,
    values: BTreeMap<String, LeanValue>,
    #[serde(default)]
    improvements: Vec<LeanImprovement>,
}

#[derive(Deserialize)]
struct LeanCriterion {
    id: String,
    name: String,
    source: Source,
    score: f64,
    advice: String,
    #[serde(default)]
    evidence: Vec<Span>,
    #[serde(default)]
    negated: Vec<Span>,
}

#[derive(Deserialize)]
struct LeanValue {
    name: String,
    score: f64,
    advice: String,
    #[serde(default)]
    counter_evidence: Vec<Span>,
}

#[derive(Deserialize)]
struct LeanImprovement {
    kind: String,
    id: String,
    gain: f64,
}

#[derive(Deserialize, Clone, Copy)]
struct Span {
    start: usize,
    end: usize,
}

impl View for LeanSession {
    fn schema_version(&self) -> u64 {
        self.schema_version
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
struct SaidSession {
    schema_version: u64,
    questions: Vec<SaidQuestion>,
}

#[derive(Deserialize)]
struct SaidQuestion {
    #[serde(default)]
    answer: Option<String>,
    #[serde(default)]
    follow_ups: Vec<LeanReply>,
    #[serde(default)]
    negotiation: Option<LeanNegotiation>,
}

impl View for SaidSession {
    fn schema_version(&self) -> u64 {
        self.schema_version
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

/// Where to quote a miss from: a question of a session, and the phrase to quote around.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub(super) struct QuoteAt {
    /// 2: the answer said the opposite (a negated phrase or a counter-indicator); 1: it touched
    /// the point without making it; 0: nothing near it, so the answer's close is shown.
    pub strength: u8,
    pub question: usize,
    pub span: Option<(usize, usize)>,
    pub gain: f64,
}

/// One criterion or value in one session.
#[derive(Debug, Clone)]
pub(super) struct Tally {
    pub name: String,
    pub advice: String,
    pub applied: usize,
    pub missed: usize,
    pub score_sum: f64,
    pub gain_sum: f64,
    pub quote: Option<QuoteAt>,
}

#[derive(Debug, Clone)]
pub(super) struct Answered {
    pub stage: String,
    pub question_id: String,
    pub score: f64,
    pub band: Band,
}

/// One completed session, boiled down.
#[derive(Debug, Clone)]
pub(super) struct Facts {
    pub id: String,
    pub started_at: DateTime<Utc>,
    pub candidate: Option<String>,
    pub complete: bool,
    pub tallies: BTreeMap<(Kind, String), Tally>,
    pub answered: Vec<Answered>,
}

/// Reads one file. With a scorer, every answer is scored again instead of trusting its card.
pub(super) fn read(path: &Path, rescore: Option<&Scorer>) -> Result<Facts, String> {
    let lean: LeanSession = read_view(path).map_err(|e| e.to_string())?;
    // Schema 1 wrote `in_progress`; only a complete session goes into a plan.
    let complete = lean.status == "complete";
    let mut facts = Facts {
        id: lean.id.clone(),
        started_at: lean.started_at,
        candidate: lean.candidate.clone(),
        complete,
        tallies: BTreeMap::new(),
        answered: Vec::new(),
    };
    if !complete {
        return Ok(facts);
    }
    for (index, q) in lean.questions.iter().enumerate().filter(|(_, q)| q.done) {
        if q.skipped {
            facts.answered.push(Answered {
                stage: q.stage.clone(),
                question_id: q.question_id.clone(),
                score: 0.0,
                band: Band::StrongNoHire,
            });
            continue;
        }
        let fresh;
        let card = match rescore {
            Some(scorer) if q.answer.is_some() => {
                match scorer.score(&q.stage, Some(&q.question_id), &q.said()) {
                    Ok(card) => {
                        fresh = from_card(&card);
                        Some(&fresh)
                    }
                    Err(_) => None,
                }
            }
            _ => q.card.as_ref(),
        };
        let Some(card) = card else { continue };
        facts.answered.push(Answered {
            stage: q.stage.clone(),
            question_id: q.question_id.clone(),
            score: card.overall,
            band: card.band,
        });
        add_card(&mut facts.tallies, index, card);
    }
    Ok(facts)
}

fn add_card(tallies: &mut BTreeMap<(Kind, String), Tally>, question: usize, card: &LeanCard) {
    let gain_of = |kind: &str, id: &str| {
        card.improvements
            .iter()
            .find(|i| i.kind == kind && i.id == id)
            .map_or(0.0, |i| i.gain)
    };
    for c in &card.criteria {
        let kind = match c.source {
            Source::Stage => Kind::Criterion,
            Source::Question => Kind::Concept,
        };
        let strength_span = c.negated.first().map(|s| (2, s)).or_else(|| {
            (c.score > 0.0)
                .then(|| c.evidence.first().map(|s| (1, s)))
                .flatten()
        });
        add(
            tallies,
            (kind, &c.id, &c.name, &c.advice),
            c.score,
            gain_of("criterion", &c.id),
            question,
            strength_span,
        );
    }
    for (id, v) in &card.values {
        let strength_span = v.counter_evidence.first().map(|s| (2, s));
        add(
            tallies,
            (Kind::Value, id, &v.name, &v.advice),
            v.score,
            gain_of("value", id),
            question,
            strength_span,
        );
    }
}

fn add(
    tallies: &mut BTreeMap<(Kind, String), Tally>,
    (kind, id, name, advice): (Kind, &str, &str, &str),
    score: f64,
    gain: f64,
    question: usize,
    strength_span: Option<(u8, &Span)>,
) {
    let tally = tallies
        .entry((kind, id.to_string()))
        .or_insert_with(|| Tally {
            name: name.to_string(),
            advice: advice.to_string(),
            applied: 0,
            missed: 0,
            score_sum: 0.0,
            gain_sum: 0.0,
            quote: None,
        });
    tally.applied += 1;
    tally.score_sum += score;
    tally.gain_sum += gain;
    if score >= MET_AT {
        return;
    }
    tally.missed += 1;
    let here = QuoteAt {
        strength: strength_span.map_or(0, |(s, _)| s),
        question,
        span: strength_span.map(|(_, s)| (s.start, s.end)),
        gain,
    };
    let better = tally
        .quote
        .is_none_or(|q| (here.strength, here.gain) > (q.strength, q.gain));
    if better {
        tally.quote = Some(here);
    }
}

/// A fresh card in the shape of a saved one, so both paths tally the same way.
fn from_card(card: &ScoreCard) -> LeanCard {
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
                kind: i.kind.clone(),
                id: i.id.to_string(),
                gain: i.gain,
            })
            .collect(),
    }
}
