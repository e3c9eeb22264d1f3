//! One report model built from a session; every renderer (the end-of-run table now, exports
//! later) reads this and nothing else.

use std::collections::BTreeMap;

use serde::Serialize;

pub use super::deductions::PenaltyLine;
use crate::rubric::RubricSet;
use crate::score::formula::{band, round1};
use crate::score::{Adjustment, Band, ImprovementKind};
use crate::session::model::QuestionRecord;
use crate::session::summary::{mean, question_score};
use crate::session::{Session, Status};

/// Version of the report's JSON shape (`mockloop report --format json`); bumped on any change
/// that could break a reader.
pub const REPORT_SCHEMA: u32 = 1;

#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct SessionReport {
    pub report_schema: u32,
    pub session_id: String,
    pub candidate: Option<String>,
    pub loop_title: String,
    pub rubric_fingerprint: String,
    pub started_at: String,
    pub duration_secs: Option<f64>,
    pub status: Status,
    /// Mean over finished questions; a skipped question counts as 0.
    pub overall: f64,
    pub band: Band,
    pub questions: Vec<QuestionRow>,
    pub stages: Vec<StageRow>,
    pub values: Vec<ValueRow>,
    /// What the answers did best: criteria met most often, and the strongest values.
    pub strengths: Vec<StrengthRow>,
    /// The gaps that would raise the score most, summed over answers.
    pub improvements: Vec<ImprovementRow>,
    /// The lowest-scoring questions, lowest first, with what held each back: a skip, a 0 or a
    /// rambling answer is named here, never lost in an average.
    pub weakest: Vec<WeakRow>,
}

#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct WeakRow {
    /// 1-based, as in `questions`.
    pub question: usize,
    pub stage_title: String,
    pub text: String,
    pub score: f64,
    /// What held it back most: skipped, an adjustment's reason, or the costliest gap.
    pub why: String,
}

#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct QuestionRow {
    pub number: usize,
    pub stage: String,
    pub stage_title: String,
    pub question_id: String,
    pub question: String,
    pub seconds_used: Option<f64>,
    pub budget_secs: u32,
    pub over_budget: bool,
    pub score: Option<f64>,
    pub band: Option<Band>,
    pub status: QuestionStatus,
    pub follow_ups: usize,
    /// Everything the candidate said for the question (answer, follow-ups, negotiation).
    pub answer: Option<String>,
    /// The exchange in order after the question: the answer, each follow-up (with why it was
    /// asked) and its answer, the offer, the recruiter's counter-move and the reply.
    pub conversation: Vec<Turn>,
    /// Criteria the answer showed, with the phrases that showed them.
    pub met: Vec<CriterionLine>,
    /// Criteria it missed, with what to do about them.
    pub missed: Vec<MissedLine>,
    /// The bank question's strong answer, to read beside the candidate's; `missed` names what
    /// to look for in it.
    pub exemplar: Option<String>,
    /// Penalties the answer drew: name, points off, the phrases that drew them, advice.
    pub penalties: Vec<PenaltyLine>,
    /// What changed the score after the parts were summed (multipliers, points off), each
    /// with its reason.
    pub adjustments: Vec<Adjustment>,
}

/// Where a question stands in the report; written as the words shown to people.
#[derive(Debug, Clone, Copy, Serialize, PartialEq, Eq)]
pub enum QuestionStatus {
    #[serde(rename = "answered")]
    Answered,
    #[serde(rename = "skipped")]
    Skipped,
    /// Answered, but the answer could not be scored (for example over the size limit).
    #[serde(rename = "not scored")]
    NotScored,
    #[serde(rename = "not answered")]
    NotAnswered,
}

impl QuestionStatus {
    pub fn as_str(self) -> &'static str {
        match self {
            QuestionStatus::Answered => "answered",
            QuestionStatus::Skipped => "skipped",
            QuestionStatus::NotScored => "not scored",
            QuestionStatus::NotAnswered => "not answered",
        }
    }
}

impl std::fmt::Display for QuestionStatus {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// One turn of the conversation about a question.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Turn {
    pub kind: TurnKind,
    /// Why it was asked (follow-ups: the gap that prompted it).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub reason: Option<String>,
    pub text: String,
}

#[derive(Debug, Clone, Copy, Serialize, PartialEq, Eq)]
#[serde(rename_all = "snake_case")]
pub enum TurnKind {
    /// The candidate's answer to the question.
    Answer,
    FollowUp,
    FollowUpAnswer,
    /// A follow-up the candidate skipped.
    FollowUpSkipped,
    /// The offer as the recruiter presented it.
    Offer,
    CounterMove,
    Reply,
}

impl TurnKind {
    /// The label shown in front of the turn.
    pub fn label(self) -> &'static str {
        match self {
            TurnKind::Answer => "Answer",
            TurnKind::FollowUp => "Follow-up",
            TurnKind::FollowUpAnswer => "Answer to the follow-up",
            TurnKind::FollowUpSkipped => "Follow-up skipped",
            TurnKind::Offer => "The offer",
            TurnKind::CounterMove => "Recruiter's counter-move",
            TurnKind::Reply => "Reply",
        }
    }

    /// Whether the candidate said it.
    pub fn by_candidate(self) -> bool {
        matches!(
            self,
            TurnKind::Answer | TurnKind::FollowUpAnswer | TurnKind::Reply
        )
    }
}

#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct CriterionLine {
    pub id: String,
    pub name: String,
    pub score: f64,
    pub evidence: Vec<String>,
}

#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct MissedLine {
    pub id: String,
    pub name: String,
    pub advice: String,
}

#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct StrengthRow {
    /// `criterion` or `value`.
    pub kind: &'static str,
    pub name: String,
    /// A criterion's share of answers that met it, or a value's score (0-100).
    pub score: f64,
    pub evidence: Vec<String>,
}

#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct StageRow {
    pub id: String,
    pub title: String,
    pub score: f64,
    pub band: Band,
}

#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct ValueRow {
    pub id: String,
    pub name: String,
    pub score: f64,
    pub band: Band,
    /// The strongest phrases that showed it, across answers.
    pub evidence: Vec<String>,
}

#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct ImprovementRow {
    pub name: String,
    pub advice: String,
    /// Overall points across the answers where it showed.
    pub gain: f64,
    /// The question (1-based) where closing it would help most.
    pub question: usize,
}

/// How many improvements and strengths the report keeps.
pub const TOP_IMPROVEMENTS: usize = 3;
/// Evidence phrases kept per line.
const EVIDENCE_KEPT: usize = 3;
/// A criterion at or above this counts as met: the report lists it as met, and the interview
/// treats anything under it as a gap worth a follow-up.
pub const MET_AT: f64 = 50.0;

impl SessionReport {
    pub fn build(session: &Session, set: &RubricSet) -> SessionReport {
        let bands = &set.loop_file.bands;
        let title_of = |stage: &str| {
            set.stage(stage)
                .map_or(stage.to_string(), |s| s.meta.title.clone())
        };
        // The offer was presented once, before the first offer-stage question.
        let first_offer = session
            .questions
            .iter()
            .position(|q| q.negotiation.is_some());
        let offer = session.offer.as_ref().map(crate::session::offer::describe);
        let questions: Vec<QuestionRow> = session
            .questions
            .iter()
            .enumerate()
            .map(|(i, q)| {
                let score = question_score(q.skipped, q.card.as_ref().map(|c| c.overall));
                let status = match (q.done, q.skipped, &q.card) {
                    (_, true, _) => QuestionStatus::Skipped,
                    (true, false, Some(_)) => QuestionStatus::Answered,
                    (true, false, None) => QuestionStatus::NotScored,
                    (false, _, _) => QuestionStatus::NotAnswered,
                };
                QuestionRow {
                    number: i + 1,
                    stage: q.stage.clone(),
                    stage_title: title_of(&q.stage),
                    question_id: q.question_id.clone(),
                    question: q.question.clone(),
                    seconds_used: q.seconds_used,
                    budget_secs: q.budget_secs,
                    over_budget: q.over_budget,
                    score,
                    band: score.map(|s| band(bands, s)),
                    status,
                    follow_ups: q.follow_ups.iter().filter(|f| f.answer.is_some()).count(),
                    answer: q.answer.is_some().then(|| q.full_answer()),
                    conversation: conversation(
                        q,
                        offer.as_deref().filter(|_| Some(i) == first_offer),
                    ),
                    met: q
                        .card
                        .iter()
                        .flat_map(|c| &c.criteria)
                        .filter(|c| c.score >= MET_AT)
                        .map(|c| CriterionLine {
                            id: c.id.to_string(),
                            name: c.name.to_string(),
                            score: c.score,
                            evidence: phrases(&c.evidence, EVIDENCE_KEPT),
                        })
                        .collect(),
                    missed: q
                        .card
                        .iter()
                        .flat_map(|c| &c.criteria)
                        .filter(|c| c.score < MET_AT)
                        .map(|c| MissedLine {
                            id: c.id.to_string(),
                            name: c.name.to_string(),
                            advice: c.advice.to_string(),
                        })
                        .collect(),
                    exemplar: set
                        .stage(&q.stage)
                        .and_then(|s| s.question(&q.question_id))
                        .and_then(|b| b.exemplar.clone()),
                    penalties: q
                        .card
                        .as_ref()
                        .map(super::deductions::penalties)
                        .unwrap_or_default(),
                    adjustments: q
                        .card
                        .as_ref()
                        .map(|c| c.adjustments.clone())
                        .unwrap_or_default(),
                }
            })
            .collect();
        let scores: Vec<f64> = questions.iter().filter_map(|q| q.score).collect();
        let overall = round1(mean(&scores).unwrap_or(0.0));

        let mut stages = Vec::new();
        for stage in &session.settings.stages {
            let scored: Vec<f64> = questions
                .iter()
                .filter(|q| &q.stage == stage)
                .filter_map(|q| q.score)
                .collect();
            if !scored.is_empty() {
                let score = round1(mean(&scored).unwrap_or(0.0));
                stages.push(StageRow {
                    id: stage.clone(),
                    title: title_of(stage),
                    score,
                    band: band(bands, score),
                });
            }
        }

        let cards: Vec<(usize, &crate::score::ScoreCard)> = session
            .questions
            .iter()
            .enumerate()
            .filter_map(|(i, q)| q.card.as_ref().map(|c| (i + 1, c)))
            .collect();
        let values: Vec<ValueRow> = set
            .values
            .iter()
            .map(|v| {
                let scores: Vec<f64> = cards
                    .iter()
                    .filter_map(|(_, c)| c.values.get(v.id.as_str()).map(|s| s.score))
                    .collect();
                let score = round1(mean(&scores).unwrap_or(0.0));
                // The strongest evidence: from the answers where the value scored highest.
                let mut by_score: Vec<_> = cards
                    .iter()
                    .filter_map(|(_, c)| c.values.get(v.id.as_str()))
                    .collect();
                by_score.sort_by(|a, b| b.score.total_cmp(&a.score));
                let evidence: Vec<crate::score::Evidence> = by_score
                    .iter()
                    .flat_map(|s| s.evidence.iter().cloned())
                    .collect();
                ValueRow {
                    id: v.id.clone(),
                    name: v.name.clone(),
                    score,
                    band: band(bands, score),
                    evidence: phrases(&evidence, EVIDENCE_KEPT),
                }
            })
            .collect();

        let mut gaps: BTreeMap<(ImprovementKind, String), Gap> = BTreeMap::new();
        for (number, card) in &cards {
            for imp in &card.improvements {
                let key = (imp.kind, imp.id.to_string());
                let gap = gaps.entry(key).or_insert_with(|| Gap {
                    name: imp.name.to_string(),
                    advice: imp.advice.to_string(),
                    total: 0.0,
                    question: *number,
                    best: f64::MIN,
                });
                gap.total += imp.gain;
                if imp.gain > gap.best {
                    gap.question = *number;
                    gap.best = imp.gain;
                }
            }
        }
        let answers = cards.len().max(1) as f64;
        let mut improvements: Vec<ImprovementRow> = gaps
            .into_values()
            .map(|gap| ImprovementRow {
                name: gap.name,
                advice: gap.advice,
                gain: round1(gap.total / answers),
                question: gap.question,
            })
            .collect();
        improvements.sort_by(|a, b| b.gain.total_cmp(&a.gain));
        improvements.truncate(TOP_IMPROVEMENTS);

        let strengths = strengths(&questions, &values);
        let weakest = weakest(&questions, bands.hire);
        let duration_secs = session
            .finished_at
            .map(|end| (end - session.started_at).num_seconds() as f64);
        SessionReport {
            report_schema: REPORT_SCHEMA,
            session_id: session.id.clone(),
            candidate: session.candidate.clone(),
            loop_title: set.loop_file.title.clone(),
            rubric_fingerprint: session.rubric_fingerprint.clone(),
            started_at: session
                .started_at
                .to_rfc3339_opts(chrono::SecondsFormat::Secs, true),
            duration_secs,
            status: session.status,
            overall,
            band: band(bands, overall),
            questions,
            stages,
            values,
            strengths,
            improvements,
            weakest,
        }
    }
}

/// Criteria met most often where they apply, and values that scored well; the best three.
///
/// A criterion's share is over the answers scored on it (a behavioral criterion over the
/// behavioral answers), not over the whole loop: a loop of six stages would otherwise cap any
/// one stage's criterion at a sixth, and a strong loop would list no strengths at all.
fn strengths(questions: &[QuestionRow], values: &[ValueRow]) -> Vec<StrengthRow> {
    let mut applies: BTreeMap<&str, usize> = BTreeMap::new();
    for q in questions
        .iter()
        .filter(|q| q.status == QuestionStatus::Answered)
    {
        for id in q
            .met
            .iter()
            .map(|l| &l.id)
            .chain(q.missed.iter().map(|l| &l.id))
        {
            *applies.entry(id).or_insert(0) += 1;
        }
    }
    let mut met: BTreeMap<&str, (usize, &str, Vec<String>)> = BTreeMap::new();
    for line in questions.iter().flat_map(|q| &q.met) {
        let entry = met.entry(&line.id).or_insert((0, &line.name, Vec::new()));
        entry.0 += 1;
        for phrase in &line.evidence {
            if entry.2.len() < EVIDENCE_KEPT && !entry.2.contains(phrase) {
                entry.2.push(phrase.clone());
            }
        }
    }
    let mut out: Vec<StrengthRow> = met
        .into_iter()
        .map(|(id, (count, name, evidence))| StrengthRow {
            kind: "criterion",
            name: name.to_string(),
            score: round1(
                100.0 * count as f64 / applies.get(id).copied().unwrap_or(1).max(1) as f64,
            ),
            evidence,
        })
        .chain(
            values
                .iter()
                .filter(|v| !v.evidence.is_empty())
                .map(|v| StrengthRow {
                    kind: "value",
                    name: v.name.clone(),
                    score: v.score,
                    evidence: v.evidence.clone(),
                }),
        )
        .filter(|s| s.score >= MET_AT)
        .collect();
    // Stable sort: ties keep rubric order, so the report is the same on every run.
    out.sort_by(|a, b| b.score.total_cmp(&a.score));
    out.truncate(TOP_IMPROVEMENTS);
    out
}

/// How many weak answers the report names.
pub const WEAKEST_SHOWN: usize = 3;

/// Questions scored below the `hire` line, lowest first (ties in loop order), at most three.
fn weakest(questions: &[QuestionRow], hire: f64) -> Vec<WeakRow> {
    let mut rows: Vec<&QuestionRow> = questions
        .iter()
        .filter(|q| q.score.is_some_and(|s| s < hire))
        .collect();
    rows.sort_by(|a, b| a.score.unwrap_or(0.0).total_cmp(&b.score.unwrap_or(0.0)));
    rows.iter()
        .take(WEAKEST_SHOWN)
        .map(|q| WeakRow {
            question: q.number,
            stage_title: q.stage_title.clone(),
            text: q.question.clone(),
            score: q.score.unwrap_or(0.0),
            why: why_weak(q),
        })
        .collect()
}

/// The first thing to say about a weak answer: a skip; else the strongest multiplier cut (a
/// rambling or too-short answer), or a penalty; else the first gap with its advice.
fn why_weak(q: &QuestionRow) -> String {
    if q.status == QuestionStatus::Skipped {
        return "skipped: a skip scores 0".to_string();
    }
    let cut = q
        .adjustments
        .iter()
        .filter(|a| a.id != super::deductions::PENALTIES && a.effect < 1.0 && a.effect >= 0.0)
        .min_by(|a, b| a.effect.total_cmp(&b.effect));
    if let Some(a) = cut {
        return format!("{}: {}", a.id, a.reason);
    }
    if let Some(p) = q.penalties.first() {
        return format!("penalty, {}: {}", p.name, p.advice);
    }
    match q.missed.first() {
        Some(m) => format!("missed {}: {}", m.name, m.advice),
        None => "covered the concepts thinly; see its evidence".to_string(),
    }
}

/// The question's exchange in order; `offer` is the offer's text when it was presented here.
fn conversation(q: &QuestionRecord, offer: Option<&str>) -> Vec<Turn> {
    let turn = |kind, reason: Option<&str>, text: &str| Turn {
        kind,
        reason: reason.map(str::to_string),
        text: text.to_string(),
    };
    let mut out = Vec::new();
    if let Some(offer) = offer {
        out.push(turn(TurnKind::Offer, None, offer));
    }
    let Some(answer) = &q.answer else {
        return out;
    };
    out.push(turn(TurnKind::Answer, None, answer));
    for f in &q.follow_ups {
        match (&f.answer, f.skipped) {
            (Some(said), _) => {
                out.push(turn(TurnKind::FollowUp, Some(&f.reason), &f.prompt));
                out.push(turn(TurnKind::FollowUpAnswer, None, said));
            }
            (None, true) => out.push(turn(TurnKind::FollowUpSkipped, Some(&f.reason), &f.prompt)),
            // Not asked yet (an unfinished session).
            (None, false) => {}
        }
    }
    if let Some(n) = &q.negotiation {
        out.push(turn(TurnKind::CounterMove, None, &n.counter_move));
        if let Some(reply) = n.response.as_deref().filter(|r| !r.is_empty()) {
            out.push(turn(TurnKind::Reply, None, reply));
        }
    }
    out
}

/// Distinct matched phrases, in the order found, at most `n`.
fn phrases(evidence: &[crate::score::Evidence], n: usize) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for e in evidence {
        if out.len() == n {
            break;
        }
        if !out.iter().any(|p| p.eq_ignore_ascii_case(&e.text)) {
            out.push(e.text.clone());
        }
    }
    out
}

/// One gap summed over the answers where it showed.
struct Gap {
    name: String,
    advice: String,
    total: f64,
    /// The question where it cost most, and how much.
    question: usize,
    best: f64,
}

#[cfg(test)]
mod tests {
    use chrono::{Duration, TimeZone, Utc};

    use super::*;
    use crate::score::Scorer;
    use crate::session::testing::{planned, ANSWER};

    /// Four questions, one of each state: answered and scored, skipped, answered but not
    /// scored, not reached.
    fn session(scorer: &Scorer) -> Session {
        let start = Utc.with_ymd_and_hms(2026, 3, 1, 9, 0, 0).unwrap();
        let stages = ["behavioral", "product_strategy"];
        let mut s = planned(scorer.set(), &stages, Some("Ada"), 3, start);
        let q = &mut s.questions[0];
        q.card = Some(
            scorer
                .score(&q.stage, Some(&q.question_id), ANSWER)
                .expect("scores"),
        );
        q.answer = Some(ANSWER.into());
        q.done = true;
        s.questions[1].skipped = true;
        s.questions[1].done = true;
        s.questions[2].answer = Some("too long to score".into());
        s.questions[2].score_error = Some("over the size limit".into());
        s.questions[2].done = true;
        s.finished_at = Some(start + Duration::seconds(1510));
        s
    }

    fn built() -> (Session, SessionReport) {
        let scorer = Scorer::new(RubricSet::builtin().expect("built-in rubrics"));
        let s = session(&scorer);
        let r = SessionReport::build(&s, scorer.set());
        (s, r)
    }

    #[test]
    fn each_question_state_has_its_status_and_score() {
        let (s, r) = built();
        let statuses: Vec<QuestionStatus> = r.questions.iter().map(|q| q.status).collect();
        assert_eq!(
            statuses,
            [
                QuestionStatus::Answered,
                QuestionStatus::Skipped,
                QuestionStatus::NotScored,
                QuestionStatus::NotAnswered
            ]
        );
        let card = s.questions[0].card.as_ref().unwrap();
        let scores: Vec<Option<f64>> = r.questions.iter().map(|q| q.score).collect();
        assert_eq!(scores, [Some(card.overall), Some(0.0), None, None]);
        assert_eq!(
            r.overall,
            round1((card.overall + 0.0) / 2.0),
            "a skip counts 0"
        );
        assert_eq!(
            r.band,
            band(&RubricSet::builtin().unwrap().loop_file.bands, r.overall)
        );
        assert_eq!(r.duration_secs, Some(1510.0));
        assert_eq!(r.candidate.as_deref(), Some("Ada"));
    }

    #[test]
    fn criteria_split_at_the_met_line() {
        let (s, r) = built();
        let card = s.questions[0].card.as_ref().unwrap();
        let q = &r.questions[0];
        assert_eq!(q.met.len() + q.missed.len(), card.criteria.len());
        assert!(q.met.iter().all(|c| c.score >= MET_AT));
        for m in &q.missed {
            let c = card.criteria.iter().find(|c| *c.id == *m.id).unwrap();
            assert!(c.score < MET_AT, "{} scored {}", m.id, c.score);
        }
        assert!(r.questions[1].met.is_empty() && r.questions[1].missed.is_empty());
    }

    #[test]
    fn stages_values_and_improvements_summarise_the_scored_answers() {
        let (s, r) = built();
        // Behavioral has a score (the answer and the skip); product strategy has none.
        let stage_ids: Vec<&str> = r.stages.iter().map(|st| st.id.as_str()).collect();
        assert_eq!(stage_ids, [s.questions[0].stage.as_str()]);
        assert_eq!(r.stages[0].score, r.overall);
        let set = RubricSet::builtin().unwrap();
        assert_eq!(r.values.len(), set.values.len());
        let card = s.questions[0].card.as_ref().unwrap();
        for v in &r.values {
            let want = card
                .values
                .get(v.id.as_str())
                .map_or(0.0, |x| round1(x.score));
            assert_eq!(v.score, want, "value {}", v.id);
        }
        assert!(r.improvements.len() <= TOP_IMPROVEMENTS);
        assert!(r.improvements.windows(2).all(|w| w[0].gain >= w[1].gain));
        assert!(r.improvements.iter().all(|i| i.question == 1));
    }
}
