//! What a plan needs from one session file: per criterion and value, how often it applied, how
//! often it was missed, its scores and the points it cost; and each answered question's band.

use std::collections::BTreeMap;
use std::path::Path;

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use super::view::{from_card, LeanCard, LeanSession, Span};
use super::{Kind, MET_AT};
use crate::score::{Band, Scorer, Source};
use crate::session::store::read_view;

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
