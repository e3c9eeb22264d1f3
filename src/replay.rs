//! Re-scoring saved answers with today's (or another) rubric, and comparing with the scores
//! recorded then. Never writes to a session.

use std::path::PathBuf;

use serde::Serialize;

use crate::score::formula::{band, round1};
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
    /// The stage's display name in today's rubric (its id if the rubric no longer has it).
    pub stage_title: String,
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
    pub name: String,
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
        let said = q.answer.is_some().then(|| q.full_answer());
        let saved = Saved {
            stage: &q.stage,
            question_id: &q.question_id,
            skipped: q.skipped,
            before: q.card.as_ref().map(|c| c.overall),
            said,
        };
        let (now, before, after) = rescore(scorer, saved);
        let (gained, lost) = match (&q.card, &now) {
            (Some(old), Some(new)) => changes(old, new),
            _ => (Vec::new(), Vec::new()),
        };
        answers.push(AnswerDiff {
            number: i + 1,
            stage: q.stage.clone(),
            stage_title: scorer
                .set()
                .stage(&q.stage)
                .map_or(q.stage.clone(), |s| s.meta.title.clone()),
            question: q.question.clone(),
            before,
            after,
            band_before: q
                .card
                .as_ref()
                .map(|c| c.band)
                .or(q.skipped.then_some(Band::StrongNoHire)),
            band_after: after.map(|s| band(bands, s)),
            gained,
            lost,
        });
        before_cards.extend(q.card.as_ref());
        after_cards.extend(now);
    }
    let scores = |pick: fn(&AnswerDiff) -> Option<f64>| -> Vec<f64> {
        answers.iter().filter_map(pick).collect()
    };
    let overall_before = overall(&scores(|a| a.before));
    let overall_after = overall(&scores(|a| a.after));
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
            name: v.name.clone(),
            before: value_mean(&before_cards, &v.id),
            after: value_mean(&after_refs, &v.id),
        })
        .collect();
    Replay {
        session_id: session.id.clone(),
        fingerprint_then: session.rubric_fingerprint.clone(),
        fingerprint_now: scorer.set().fingerprint.to_string(),
        band_before: overall_before.map(|s| band(bands, s)),
        band_after: overall_after.map(|s| band(bands, s)),
        overall_before,
        overall_after,
        values,
        answers,
    }
}

/// A finished question as a replay sees it, whether read whole or lean.
struct Saved<'a> {
    stage: &'a str,
    question_id: &'a str,
    skipped: bool,
    /// The overall recorded then, if it was scored.
    before: Option<f64>,
    /// Everything said for it (see `join_said`), if it was answered.
    said: Option<String>,
}

/// The one re-scoring rule every replay follows: today's card for what was said (none when
/// skipped, unanswered or no longer scorable), and the question's score then and now, a skip
/// counting 0 both times.
fn rescore(scorer: &Scorer, q: Saved) -> (Option<ScoreCard>, Option<f64>, Option<f64>) {
    let now = match (&q.said, q.skipped) {
        (Some(said), false) => scorer.score(q.stage, Some(q.question_id), said).ok(),
        _ => None,
    };
    let before = question_score(q.skipped, q.before);
    let after = question_score(q.skipped, now.as_ref().map(|c| c.overall));
    (now, before, after)
}

/// A session's overall from its question scores: their mean, one decimal.
fn overall(scores: &[f64]) -> Option<f64> {
    mean(scores).map(round1)
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

    use super::{overall, rescore, Moved, Saved};
    use crate::score::formula::band;
    use crate::score::Scorer;
    use crate::session::model::join_said;
    use crate::session::store::{read_view, View};

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
            let said = q.answer.as_deref().map(|answer| {
                let follow_ups = q.follow_ups.iter().filter_map(|f| f.answer.as_deref());
                let reply = q.negotiation.as_ref().and_then(|n| n.response.as_deref());
                join_said(Some(answer), follow_ups, reply)
            });
            let saved = Saved {
                stage: &q.stage,
                question_id: &q.question_id,
                skipped: q.skipped,
                before: q.card.as_ref().map(|c| c.overall),
                said,
            };
            let (_, b, a) = rescore(scorer, saved);
            before.extend(b);
            after.extend(a);
        }
        let bands = &scorer.set().loop_file.bands;
        match (overall(&before), overall(&after)) {
            (Some(b), Some(a)) => Ok(Moved {
                session_id: s.id,
                before: b,
                after: a,
                band_before: band(bands, b),
                band_after: band(bands, a),
            }),
            _ => Err(format!("{} has no scored answers", path.display())),
        }
    }
}

#[cfg(test)]
mod tests {
    use chrono::{TimeZone, Utc};

    use super::*;
    use crate::rubric::RubricSet;
    use crate::session::testing::{planned, ANSWER};
    use crate::session::SessionStore;

    /// Two behavioral questions: the first answered and scored 10 "then" (an older rubric),
    /// the second skipped.
    fn saved(scorer: &Scorer) -> Session {
        let at = Utc.with_ymd_and_hms(2026, 1, 2, 3, 4, 5).unwrap();
        let mut s = planned(scorer.set(), &["behavioral"], None, 7, at);
        let q = &mut s.questions[0];
        let mut card = scorer
            .score(&q.stage, Some(&q.question_id), ANSWER)
            .expect("scores");
        card.overall = 10.0;
        card.band = Band::StrongNoHire;
        q.answer = Some(ANSWER.into());
        q.card = Some(card);
        q.done = true;
        s.questions[1].skipped = true;
        s.questions[1].done = true;
        s
    }

    fn scorer() -> Scorer {
        Scorer::new(RubricSet::builtin().expect("built-in rubrics"))
    }

    #[test]
    fn an_answer_is_rescored_and_a_skip_counts_zero_both_times() {
        let scorer = scorer();
        let s = saved(&scorer);
        let today = scorer
            .score(
                &s.questions[0].stage,
                Some(&s.questions[0].question_id),
                ANSWER,
            )
            .expect("scores")
            .overall;
        let r = replay(&s, &scorer);
        assert_eq!(r.answers.len(), 2);
        assert_eq!(
            (r.answers[0].before, r.answers[0].after),
            (Some(10.0), Some(today))
        );
        assert_eq!(
            (r.answers[1].before, r.answers[1].after),
            (Some(0.0), Some(0.0))
        );
        assert_eq!(r.answers[1].band_before, Some(Band::StrongNoHire));
        assert_eq!(r.overall_before, Some(5.0));
        assert_eq!(r.overall_after, Some(round1(today / 2.0)));
        assert!(r.same_rubric());
    }

    #[test]
    fn unfinished_questions_are_left_out() {
        let scorer = scorer();
        let mut s = saved(&scorer);
        s.questions[1].done = false;
        s.questions[1].skipped = false;
        let r = replay(&s, &scorer);
        assert_eq!(r.answers.len(), 1);
        assert_eq!(r.overall_before, Some(10.0));
    }

    #[test]
    fn the_lean_reader_agrees_with_the_full_replay() {
        let scorer = scorer();
        let mut s = saved(&scorer);
        // What follow-ups add is part of what is re-scored, in both readers.
        s.questions[0]
            .follow_ups
            .push(crate::session::model::FollowUpRecord {
                criterion: "measured_result".into(),
                reason: String::new(),
                prompt: "Can you put a number on that result?".into(),
                answer: Some("Support tickets halved, about 300 fewer a week.".into()),
                seconds_used: None,
                skipped: false,
            });
        let dir = tempfile::tempdir().expect("temp dir");
        let store = SessionStore::open(dir.path()).expect("store");
        let path = store.save(&s).expect("saved");
        let full = replay(&s, &scorer);
        let lean = lean::moved(&path, &scorer).expect("moved");
        assert_eq!(Some(lean.before), full.overall_before);
        assert_eq!(Some(lean.after), full.overall_after);
        assert_eq!(Some(lean.band_after), full.band_after);
    }
}
