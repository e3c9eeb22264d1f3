//! Re-scoring saved answers with today's (or another) rubric, and comparing with the scores
//! recorded then. Never writes to a session.

use std::path::PathBuf;

use serde::Serialize;

use crate::score::formula::round1;
use crate::score::{Band, ScoreCard, Scorer};
use crate::session::summary::{mean, question_score};
use crate::session::Session;

#[derive(Debug, Clone, Serialize)]
pub struct CriterionChange {
    pub id: String,
    pub name: String,
    pub before: f64,
    pub after: f64,
    /// The phrases behind the higher of the two scores.
    pub evidence: Vec<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct AnswerDiff {
    pub number: usize,
    pub stage: String,
    pub question: String,
    pub before: Option<f64>,
    pub after: Option<f64>,
    pub band_before: Option<Band>,
    pub band_after: Option<Band>,
    pub gained: Vec<CriterionChange>,
    pub lost: Vec<CriterionChange>,
}

#[derive(Debug, Clone, Serialize)]
pub struct ValueDiff {
    pub id: String,
    pub before: f64,
    pub after: f64,
}

#[derive(Debug, Clone, Serialize)]
pub struct Replay {
    pub session_id: String,
    pub fingerprint_then: String,
    pub fingerprint_now: String,
    pub overall_before: Option<f64>,
    pub overall_after: Option<f64>,
    pub band_before: Option<Band>,
    pub band_after: Option<Band>,
    pub values: Vec<ValueDiff>,
    pub answers: Vec<AnswerDiff>,
}

impl Replay {
    pub fn same_rubric(&self) -> bool {
        self.fingerprint_then == self.fingerprint_now
    }
}

pub fn replay(session: &Session, scorer: &Scorer) -> Replay {
    let bands = &scorer.set().loop_file.bands;
    let mut answers = Vec::new();
    let (mut before_cards, mut after_cards): (Vec<&ScoreCard>, Vec<ScoreCard>) =
        (Vec::new(), Vec::new());
    for (i, q) in session.questions.iter().enumerate().filter(|(_, q)| q.done) {
        let now = (!q.skipped && q.answer.is_some())
            .then(|| {
                scorer
                    .score(&q.stage, Some(&q.question_id), &q.full_answer())
                    .ok()
            })
            .flatten();
        let before = question_score(q.skipped, q.card.as_ref().map(|c| c.overall));
        let after = question_score(q.skipped, now.as_ref().map(|c| c.overall));
        let (gained, lost) = match (&q.card, &now) {
            (Some(old), Some(new)) => changes(old, new),
            _ => (Vec::new(), Vec::new()),
        };
        answers.push(AnswerDiff {
            number: i + 1,
            stage: q.stage.clone(),
            question: q.question.clone(),
            before,
            after,
            band_before: q
                .card
                .as_ref()
                .map(|c| c.band)
                .or(q.skipped.then_some(Band::StrongNoHire)),
            band_after: after.map(|s| crate::score::formula::band(bands, s)),
            gained,
            lost,
        });
        before_cards.extend(q.card.as_ref());
        after_cards.extend(now);
    }
    let scores = |pick: fn(&AnswerDiff) -> Option<f64>| -> Vec<f64> {
        answers.iter().filter_map(pick).collect()
    };
    let overall_before = mean(&scores(|a| a.before)).map(round1);
    let overall_after = mean(&scores(|a| a.after)).map(round1);
    let value_mean = |cards: &[&ScoreCard], id: &str| {
        let xs: Vec<f64> = cards
            .iter()
            .filter_map(|c| c.values.get(id).map(|v| v.score))
            .collect();
        round1(mean(&xs).unwrap_or(0.0))
    };
    let after_refs: Vec<&ScoreCard> = after_cards.iter().collect();
    let values = scorer
        .set()
        .values
        .iter()
        .map(|v| ValueDiff {
            id: v.id.clone(),
            before: value_mean(&before_cards, &v.id),
            after: value_mean(&after_refs, &v.id),
        })
        .collect();
    Replay {
        session_id: session.id.clone(),
        fingerprint_then: session.rubric_fingerprint.clone(),
        fingerprint_now: scorer.set().fingerprint.clone(),
        band_before: overall_before.map(|s| crate::score::formula::band(bands, s)),
        band_after: overall_after.map(|s| crate::score::formula::band(bands, s)),
        overall_before,
        overall_after,
        values,
        answers,
    }
}

/// Criteria whose score moved by a point or more, split into gained and lost.
fn changes(old: &ScoreCard, new: &ScoreCard) -> (Vec<CriterionChange>, Vec<CriterionChange>) {
    let (mut gained, mut lost) = (Vec::new(), Vec::new());
    for n in &new.criteria {
        let before = old.criteria.iter().find(|o| o.id == n.id);
        let b = before.map_or(0.0, |o| o.score);
        if (n.score - b).abs() < 1.0 {
            continue;
        }
        let source = if n.score > b {
            &n.evidence
        } else {
            &before.map(|o| o.evidence.clone()).unwrap_or_default()
        };
        let change = CriterionChange {
            id: n.id.to_string(),
            name: n.name.to_string(),
            before: b,
            after: n.score,
            evidence: source.iter().take(3).map(|e| e.text.clone()).collect(),
        };
        if n.score > b {
            gained.push(change);
        } else {
            lost.push(change);
        }
    }
    for o in old
        .criteria
        .iter()
        .filter(|o| o.score >= 1.0 && !new.criteria.iter().any(|n| n.id == o.id))
    {
        lost.push(CriterionChange {
            id: o.id.to_string(),
            name: o.name.to_string(),
            before: o.score,
            after: 0.0,
            evidence: o.evidence.iter().take(3).map(|e| e.text.clone()).collect(),
        });
    }
    (gained, lost)
}

/// One session's replay, reduced to what the summary over many needs.
#[derive(Debug, Clone, Serialize)]
pub struct Moved {
    pub session_id: String,
    pub before: f64,
    pub after: f64,
    pub band_before: Band,
    pub band_after: Band,
}

#[derive(Debug, Clone, Default, Serialize)]
pub struct AllReplayed {
    pub sessions: usize,
    /// Files that could not be read, with why.
    pub skipped: Vec<(PathBuf, String)>,
    pub mean_change: f64,
    /// The largest changes, biggest first.
    pub largest: Vec<Moved>,
    pub band_changes: Vec<Moved>,
}

/// How many of the largest changes the summary lists.
pub const LARGEST: usize = 5;

/// Replays every file, in parallel, keeping only each session's before and after. `tick` is
/// called once per file (for a progress bar).
pub fn replay_all(paths: &[PathBuf], scorer: &Scorer, tick: &(dyn Fn() + Sync)) -> AllReplayed {
    let results = crate::parallel::map_files(paths, |p| lean::moved(p, scorer), tick);
    let mut all = AllReplayed::default();
    let mut moved = Vec::new();
    for (path, outcome) in paths.iter().zip(results) {
        match outcome {
            Ok(m) => moved.push(m),
            Err(why) => all.skipped.push((path.clone(), why)),
        }
    }
    all.sessions = moved.len();
    all.mean_change =
        round1(mean(&moved.iter().map(|m| m.after - m.before).collect::<Vec<_>>()).unwrap_or(0.0));
    all.band_changes = moved
        .iter()
        .filter(|m| m.band_before != m.band_after)
        .cloned()
        .collect();
    moved.sort_by(|a, b| {
        (b.after - b.before)
            .abs()
            .total_cmp(&(a.after - a.before).abs())
    });
    moved.truncate(LARGEST);
    all.largest = moved;
    all
}

/// `replay --all` over thousands of files needs each answer's text and its recorded score,
/// not the evidence that makes up most of a session file: these structs skip the rest.
mod lean {
    use std::path::Path;

    use serde::Deserialize;

    use super::Moved;
    use crate::score::formula::{band, round1};
    use crate::score::Scorer;
    use crate::session::model::join_said;
    use crate::session::store::{read_view, View};
    use crate::session::summary::{mean, question_score};

    #[derive(Deserialize)]
    struct Session {
        schema_version: u64,
        id: String,
        questions: Vec<Question>,
    }

    impl View for Session {
        fn schema_version(&self) -> u64 {
            self.schema_version
        }
        fn id(&self) -> &str {
            &self.id
        }
    }

    #[derive(Deserialize)]
    struct Question {
        stage: String,
        question_id: String,
        #[serde(default)]
        done: bool,
        #[serde(default)]
        skipped: bool,
        #[serde(default)]
        answer: Option<String>,
        #[serde(default)]
        follow_ups: Vec<Said>,
        #[serde(default)]
        negotiation: Option<Negotiation>,
        #[serde(default)]
        card: Option<Card>,
    }

    #[derive(Deserialize)]
    struct Said {
        #[serde(default)]
        answer: Option<String>,
    }

    #[derive(Deserialize)]
    struct Negotiation {
        #[serde(default)]
        response: Option<String>,
    }

    #[derive(Deserialize)]
    struct Card {
        overall: f64,
    }

    pub fn moved(path: &Path, scorer: &Scorer) -> Result<Moved, String> {
        let s: Session = read_view(path).map_err(|e| e.to_string())?;
        let (mut before, mut after) = (Vec::new(), Vec::new());
        for q in s.questions.iter().filter(|q| q.done) {
            let now = match (&q.answer, q.skipped) {
                (Some(answer), false) => {
                    let follow_ups = q.follow_ups.iter().filter_map(|f| f.answer.as_deref());
                    let reply = q.negotiation.as_ref().and_then(|n| n.response.as_deref());
                    let said = join_said(Some(answer), follow_ups, reply);
                    let card = scorer.score(&q.stage, Some(&q.question_id), &said).ok();
                    card.map(|c| c.overall)
                }
                _ => None,
            };
            before.extend(question_score(
                q.skipped,
                q.card.as_ref().map(|c| c.overall),
            ));
            after.extend(question_score(q.skipped, now));
        }
        let bands = &scorer.set().loop_file.bands;
        match (mean(&before), mean(&after)) {
            (Some(b), Some(a)) => {
                let (b, a) = (round1(b), round1(a));
                Ok(Moved {
                    session_id: s.id,
                    before: b,
                    after: a,
                    band_before: band(bands, b),
                    band_after: band(bands, a),
                })
            }
            _ => Err(format!("{} has no scored answers", path.display())),
        }
    }
}
