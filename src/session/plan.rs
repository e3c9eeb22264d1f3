//! Drawing a loop: which questions, which offer, which counter-moves. Every random choice is
//! made here, up front, from the seed, and saved in the session, so a resumed session continues
//! exactly as it was drawn.

use rand::rngs::Xoshiro256PlusPlus;
use rand::seq::{IndexedRandom, SliceRandom};
use rand::SeedableRng;

use super::model::{Negotiation, Offer, QuestionRecord};
use super::offer;
use crate::rubric::{OfferTemplate, Question, RubricSet, Stage};

/// The stage id the negotiation applies to.
pub const OFFER_STAGE: &str = "offer";

#[derive(Debug, thiserror::Error)]
pub enum PlanError {
    #[error("unknown stage `{stage}`; the stages are: {known}")]
    UnknownStage { stage: String, known: String },
    #[error("stage `{stage}` has only {available} questions; ask for at most that many with --questions")]
    TooManyQuestions { stage: String, available: usize },
}

/// The drawn plan of a session.
pub struct Plan {
    pub questions: Vec<QuestionRecord>,
    pub offer: Option<Offer>,
}

/// Draws `per_stage` questions (or each stage's `draw`) from each chosen stage, in loop order.
/// `stages` empty means every stage.
pub fn draw(
    set: &RubricSet,
    stages: &[String],
    per_stage: Option<u32>,
    seed: u64,
) -> Result<Plan, PlanError> {
    draw_with(set, stages, per_stage, seed, |_, _| 0)
}

/// Like [`draw`], but each stage's questions are taken in order of `weight` (highest first);
/// the seeded shuffle before the stable sort breaks ties, so a seed still repeats the loop.
pub fn draw_with(
    set: &RubricSet,
    stages: &[String],
    per_stage: Option<u32>,
    seed: u64,
    weight: impl Fn(&Stage, &Question) -> u32,
) -> Result<Plan, PlanError> {
    for stage in stages {
        if set.stage(stage).is_none() {
            return Err(PlanError::UnknownStage {
                stage: stage.clone(),
                known: set.stage_ids().join(", "),
            });
        }
    }
    let mut rng = Xoshiro256PlusPlus::seed_from_u64(seed);
    let chosen = set
        .stages
        .iter()
        .filter(|s| stages.is_empty() || stages.contains(&s.meta.id));
    let mut questions = Vec::new();
    let mut offer = None;
    for stage in chosen {
        let available = stage.bank.questions.len();
        let wanted = per_stage.unwrap_or(stage.meta.draw) as usize;
        if wanted > available {
            return Err(PlanError::TooManyQuestions {
                stage: stage.meta.id.clone(),
                available,
            });
        }
        let mut order: Vec<usize> = (0..available).collect();
        order.shuffle(&mut rng);
        order.sort_by_key(|&i| std::cmp::Reverse(weight(stage, &stage.bank.questions[i])));
        let template = (stage.meta.id == OFFER_STAGE)
            .then_some(set.loop_file.offer_template.as_ref())
            .flatten();
        if let Some(template) = template {
            offer = Some(draw_offer(template, &mut rng));
            // A question quoting several figures cannot agree with the drawn offer: draw those
            // last, so they are asked only when the stage has nothing else left.
            let bank = &stage.bank.questions;
            order.sort_by_key(|&q| offer::quotes_several_figures(&bank[q].text));
        }
        for &index in order.iter().take(wanted) {
            let question = &stage.bank.questions[index];
            let negotiation = template.map(|t| Negotiation {
                counter_move: t
                    .counter_moves
                    .choose(&mut rng)
                    .cloned()
                    .unwrap_or_default(),
                response: None,
            });
            questions.push(QuestionRecord {
                stage: stage.meta.id.clone(),
                question_id: question.id.clone(),
                question: match &offer {
                    Some(drawn) if template.is_some() => {
                        offer::with_drawn_figures(&question.text, drawn)
                    }
                    _ => question.text.clone(),
                },
                budget_secs: stage.meta.time_budget_secs,
                asked_at: None,
                answered_at: None,
                seconds_used: None,
                over_budget: false,
                answer: None,
                draft: None,
                skipped: false,
                hints: 0,
                follow_ups: Vec::new(),
                negotiation,
                done: false,
                card: None,
                score_error: None,
            });
        }
    }
    Ok(Plan { questions, offer })
}

fn draw_offer(template: &OfferTemplate, rng: &mut Xoshiro256PlusPlus) -> Offer {
    let pick = |values: &[u32], rng: &mut Xoshiro256PlusPlus| {
        values.choose(rng).copied().unwrap_or_default()
    };
    Offer {
        base_salary: pick(&template.base_salary, rng),
        sign_on: pick(&template.sign_on, rng),
        stock_option_share: pick(&template.stock_option_share, rng),
        start_in_weeks: pick(&template.start_in_weeks, rng),
    }
}

/// A seed for a run without `--seed`: fresh each time, and recorded in the session.
pub fn fresh_seed() -> u64 {
    rand::random()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_same_seed_draws_the_same_loop() {
        let set = RubricSet::builtin().unwrap();
        let ids = |seed| -> Vec<String> {
            let plan = draw(&set, &[], None, seed).unwrap();
            plan.questions.into_iter().map(|q| q.question_id).collect()
        };
        assert_eq!(ids(7), ids(7));
        assert_ne!(ids(7), ids(8));
        assert_eq!(ids(7).len(), 12);
    }

    #[test]
    fn stages_run_in_loop_order_whatever_order_they_are_asked_in() {
        let set = RubricSet::builtin().unwrap();
        let asked = vec!["offer".to_string(), "behavioral".to_string()];
        let plan = draw(&set, &asked, Some(1), 3).unwrap();
        let stages: Vec<&str> = plan.questions.iter().map(|q| q.stage.as_str()).collect();
        assert_eq!(stages, ["behavioral", "offer"]);
        assert!(plan.offer.is_some());
        assert!(plan.questions[1].negotiation.is_some());
    }
}
