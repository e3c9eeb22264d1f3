//! The live interview: the runner that walks a session's questions, the sources answers come
//! from (terminal, pipe, script) and the follow-up policy. Sits above `report` (it shows score
//! cards) and below `cli`; the saved data it fills in lives in `session`.

pub mod answer;
pub mod follow_up;
pub mod recruiter;
pub mod runner;
pub mod terminal;

pub use runner::{RunEnd, RunError, Runner};
