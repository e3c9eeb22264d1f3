//! The follow-up policy: which gaps in an answer an interviewer probes, and when an answer to an
//! earlier follow-up has already closed a later one. Decided from the score card alone, so a
//! resumed session asks exactly what was chosen and saved.

use crate::report::model::MET_AT;
use crate::rubric::RubricSet;
use crate::score::formula::RELEVANCE_FLOOR;
use crate::score::{ImprovementKind, ScoreCard, Scorer, Source};
use crate::session::model::{FollowUpRecord, QuestionRecord};

/// Follow-ups asked at most per question, as a real interviewer would.
pub const MAX_FOLLOW_UPS: usize = 2;

/// The gaps an interviewer would probe: criteria the answer barely showed that have a
/// follow-up prompt (the question's own; the stage's only for a question without any),
/// biggest score gain first.
pub fn choose(set: &RubricSet, q: &QuestionRecord, card: &ScoreCard) -> Vec<FollowUpRecord> {
    let Some(stage) = set.stage(&q.stage) else {
        return Vec::new();
    };
    let question = stage.question(&q.question_id);
    let gain = |id: &str| {
        card.improvements
            .iter()
            .find(|imp| imp.kind == ImprovementKind::Criterion && &*imp.id == id)
            .map_or(0.0, |imp| imp.gain)
    };
    let mut gaps: Vec<_> = card.criteria.iter().filter(|c| c.score < MET_AT).collect();
    gaps.sort_by(|a, b| gain(&b.id).total_cmp(&gain(&a.id)));
    let mut chosen = Vec::new();
    // An answer to another question is the first thing a real interviewer picks up on.
    if let Some(adj) = card
        .adjustments
        .iter()
        .find(|a| a.id == RELEVANCE && a.effect < RELEVANCE_FLOOR)
    {
        // "A good story" only when there was one to speak of.
        let opening = if card.signals.words >= 60 {
            "That's a good story, but I asked"
        } else {
            "I asked"
        };
        chosen.push(FollowUpRecord {
            criterion: RELEVANCE.to_string(),
            reason: format!(
                "the answer scored x{:.2} on relevance to the question: {}",
                adj.effect, adj.reason
            ),
            prompt: format!(
                "{opening}: \"{}\" Can you tell me about that?",
                q.question.trim()
            ),
            answer: None,
            seconds_used: None,
            skipped: false,
        });
    }
    // A bank question's own probes were written for its kind; the stage's generic probes can
    // misfire on it ("narrow down where the change came from" on a design question, "which
    // value" after the question named one), so they serve only questions without probes.
    let own_probes = question.is_some_and(|qq| !qq.follow_ups.is_empty());
    for gap in gaps {
        let from_question = question
            .and_then(|qq| qq.follow_ups.iter().find(|f| f.when_missing == *gap.id))
            .map(|f| f.prompt.clone());
        let from_stage = (gap.source == Source::Stage && !own_probes)
            .then(|| stage.rubric.criteria.iter().find(|c| c.id == *gap.id))
            .flatten()
            .and_then(|c| c.follow_up.clone());
        if let Some(prompt) = from_question.or(from_stage) {
            chosen.push(FollowUpRecord {
                criterion: gap.id.to_string(),
                reason: format!("the answer scored {:.0} on \"{}\"", gap.score, gap.name),
                prompt,
                answer: None,
                seconds_used: None,
                skipped: false,
            });
        }
        if chosen.len() == MAX_FOLLOW_UPS {
            break;
        }
    }
    chosen
}

/// The follow-up that asks for the question actually asked, by the id of the card's adjustment.
const RELEVANCE: &str = "relevance";

/// Whether the card says the answer is about something other than the question.
fn off_question(card: &ScoreCard) -> bool {
    card.adjustments
        .iter()
        .any(|a| a.id == RELEVANCE && a.effect < RELEVANCE_FLOOR)
}

/// The next follow-up still worth asking. An interviewer listens first: a gap that an
/// earlier follow-up answer already closed is not probed again (it is dropped, unasked).
pub fn next(scorer: &Scorer, q: &mut QuestionRecord) -> Option<usize> {
    loop {
        let f = q
            .follow_ups
            .iter()
            .position(|f| f.answer.is_none() && !f.skipped)?;
        let answered_some = q.follow_ups[..f].iter().any(|f| f.answer.is_some());
        if !answered_some {
            return Some(f);
        }
        let card = scorer
            .score(&q.stage, Some(&q.question_id), &q.full_answer())
            .ok()?;
        let criterion = &q.follow_ups[f].criterion;
        let closed = if criterion == RELEVANCE {
            !off_question(&card)
        } else {
            card.criteria
                .iter()
                .any(|c| *c.id == **criterion && c.score >= MET_AT)
        };
        if !closed {
            return Some(f);
        }
        q.follow_ups.remove(f);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::score::Improvement;
    use serde_json::json;

    const WEAK: &str = "We launched the feature late.";
    const REFLECTS: &str = "Looking back, I would do it differently: I learned to validate \
        assumptions with customers earlier, and today I always run a small test before committing \
        the team. In hindsight the lesson was to ask for data first.";

    fn scorer() -> Scorer {
        Scorer::new(RubricSet::builtin().expect("built-in rubrics"))
    }

    #[test]
    fn an_answer_to_another_question_is_asked_for_the_question_first() {
        let mut q = question();
        q.question = "Tell me about a time you made a mistake that hurt your users.".into();
        q.question_id = String::new();
        let story = "The launch I'm proudest of was offline downloads at a video app. I \
            interviewed 20 commuters, I cut the sync feature to ship in six weeks, and \
            downloads went from zero to 30% of mobile viewing in a quarter.";
        let scorer = scorer();
        let card = scorer
            .score("behavioral", Some(&q.question), story)
            .expect("scores");
        let asked = choose(scorer.set(), &q, &card);
        assert_eq!(asked[0].criterion, "relevance", "{asked:?}");
        assert!(
            asked[0]
                .prompt
                .contains("I asked: \"Tell me about a time you made a mistake"),
            "{}",
            asked[0].prompt
        );
    }

    fn question() -> QuestionRecord {
        serde_json::from_value(json!({
            "stage": "behavioral",
            "question_id": "beh-failure",
            "question": "Tell me about a time you failed.",
            "budget_secs": 180
        }))
        .expect("a question record")
    }

    /// The card for a weak answer, with every criterion met except `gaps` (id, score, gain),
    /// so each test states the gaps the policy sees.
    fn card_with_gaps(scorer: &Scorer, gaps: &[(&str, f64, f64)]) -> ScoreCard {
        let mut card = scorer
            .score("behavioral", Some("beh-failure"), WEAK)
            .expect("scores");
        for c in &mut card.criteria {
            c.score = gaps.iter().find(|g| g.0 == &*c.id).map_or(100.0, |g| g.1);
        }
        card.improvements = gaps
            .iter()
            .map(|(id, _, gain)| {
                serde_json::from_value::<Improvement>(json!({
                    "kind": "criterion", "id": id, "name": id, "advice": "", "gain": gain
                }))
                .expect("an improvement")
            })
            .collect();
        card
    }

    fn follow_up(criterion: &str, answer: Option<&str>) -> FollowUpRecord {
        FollowUpRecord {
            criterion: criterion.into(),
            reason: String::new(),
            prompt: format!("about {criterion}?"),
            answer: answer.map(String::from),
            seconds_used: None,
            skipped: false,
        }
    }

    #[test]
    fn no_gap_no_follow_up() {
        let scorer = scorer();
        let card = card_with_gaps(&scorer, &[]);
        assert!(choose(scorer.set(), &question(), &card).is_empty());
    }

    #[test]
    fn a_gap_without_a_prompt_is_not_probed() {
        let scorer = scorer();
        // `task` is a stage criterion with no follow-up prompt, and beh-failure has none for it.
        let card = card_with_gaps(&scorer, &[("task", 0.0, 5.0)]);
        assert!(choose(scorer.set(), &question(), &card).is_empty());
    }

    #[test]
    fn at_most_two_biggest_gain_first() {
        let scorer = scorer();
        let card = card_with_gaps(
            &scorer,
            &[
                ("situation", 10.0, 2.0),
                ("root-cause", 20.0, 9.0),
                ("ownership", 10.0, 1.0),
                ("reflection", 0.0, 5.0),
            ],
        );
        let chosen = choose(scorer.set(), &question(), &card);
        let ids: Vec<&str> = chosen.iter().map(|f| f.criterion.as_str()).collect();
        assert_eq!(ids, ["root-cause", "reflection"]);
        assert_eq!(chosen.len(), MAX_FOLLOW_UPS);
        assert!(
            chosen[0].reason.contains("scored 20"),
            "{}",
            chosen[0].reason
        );
    }

    #[test]
    fn stage_probes_only_for_a_question_without_its_own() {
        let scorer = scorer();
        // `measured_result` has a stage probe but no beh-failure probe.
        let card = card_with_gaps(&scorer, &[("measured_result", 0.0, 9.0)]);
        assert!(choose(scorer.set(), &question(), &card).is_empty());
        let mut own = question();
        own.question_id = "my-own".into();
        let chosen = choose(scorer.set(), &own, &card);
        assert_eq!(
            chosen.len(),
            1,
            "a question of one's own gets the stage probe"
        );
    }

    #[test]
    fn the_met_line_is_not_a_gap() {
        let scorer = scorer();
        let card = card_with_gaps(&scorer, &[("situation", MET_AT, 9.0)]);
        assert!(choose(scorer.set(), &question(), &card).is_empty());
    }

    #[test]
    fn the_question_own_prompt_wins_over_the_stage_prompt() {
        let scorer = scorer();
        let card = card_with_gaps(&scorer, &[("reflection", 0.0, 5.0)]);
        let chosen = choose(scorer.set(), &question(), &card);
        assert_eq!(chosen.len(), 1);
        assert_eq!(
            chosen[0].prompt,
            "What do you do differently today because of it?"
        );
    }

    #[test]
    fn the_first_follow_up_is_asked_without_rescoring() {
        let scorer = scorer();
        let mut q = question();
        q.answer = Some(WEAK.into());
        q.follow_ups = vec![follow_up("situation", None), follow_up("reflection", None)];
        assert_eq!(next(&scorer, &mut q), Some(0));
        assert_eq!(q.follow_ups.len(), 2);
    }

    #[test]
    fn a_gap_closed_by_an_earlier_follow_up_is_dropped() {
        let scorer = scorer();
        let mut q = question();
        q.answer = Some(WEAK.into());
        q.follow_ups = vec![
            follow_up("situation", Some(REFLECTS)),
            follow_up("reflection", None),
        ];
        assert_eq!(next(&scorer, &mut q), None);
        let left: Vec<&str> = q.follow_ups.iter().map(|f| f.criterion.as_str()).collect();
        assert_eq!(left, ["situation"]);
    }

    #[test]
    fn a_gap_still_open_is_asked() {
        let scorer = scorer();
        let mut q = question();
        q.answer = Some(WEAK.into());
        q.follow_ups = vec![
            follow_up("situation", Some("It was a Tuesday.")),
            follow_up("reflection", None),
        ];
        assert_eq!(next(&scorer, &mut q), Some(1));
    }

    #[test]
    fn skipped_follow_ups_are_passed_over() {
        let scorer = scorer();
        let mut q = question();
        let mut skipped = follow_up("situation", None);
        skipped.skipped = true;
        q.follow_ups = vec![skipped];
        assert_eq!(next(&scorer, &mut q), None);
    }
}
