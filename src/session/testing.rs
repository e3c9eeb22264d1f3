//! Sessions for unit tests: a planned session, and an answer worth scoring in it.

use chrono::{DateTime, Utc};

use super::{create, Feedback, NewSession, Session};
use crate::rubric::RubricSet;

/// A specific behavioral answer: own actions, a measured result, a lesson.
pub const ANSWER: &str = "At my last company our onboarding flow lost half of new users. I \
    interviewed twenty of them, found the sign-up form asked for a card too early, and I \
    moved it after the first week. Activation rose from 40% to 55% in a quarter. Looking \
    back, I would have talked to users sooner.";

/// Two questions for each of `stages`, no follow-ups, feedback at the end, started `at` (which
/// also names it).
pub fn planned(
    set: &RubricSet,
    stages: &[&str],
    candidate: Option<&str>,
    seed: u64,
    at: DateTime<Utc>,
) -> Session {
    let request = NewSession {
        stages: stages.iter().map(|s| s.to_string()).collect(),
        questions_per_stage: Some(2),
        candidate: candidate.map(str::to_string),
        seed,
        feedback: Feedback::End,
        follow_ups: false,
        focus: None,
    };
    let id = at.format("%Y%m%d-%H%M%S-0001").to_string();
    create(set, request, None, id, at).expect("a plan")
}
