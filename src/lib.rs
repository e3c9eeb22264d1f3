//! mockloop: a mock product-manager interview loop with an explainable scoring rubric.
//!
//! The core is [`rubric`] (files, validation) and [`score`] (signals, criteria, values, bands):
//! pure text in, numbers and evidence out, with no terminal, clock or file writes.
//!
//! Layers, each importing only those listed before it:
//! - [`rubric`], [`score`]: the core.
//! - [`calibrate`]: labeled cases, agreement metrics, tuning (rubric, score).
//! - [`session`]: saved data: model, plan, creation, store, migration, lean summary.
//! - [`history`], [`replay`]: reading many sessions (session, score).
//! - [`report`]: the report model and every renderer (history, replay, session, score).
//! - [`interview`]: the live loop: runner, answer sources, follow-up policy (report and below).
//! - the binary's `cli`: one file per subcommand, above everything.

pub mod calibrate;
pub mod fsutil;
pub mod history;
pub mod interview;
pub mod limits;
pub mod ordered;
mod parallel;
pub mod practice;
pub mod replay;
pub mod report;
pub mod rubric;
pub mod score;
pub mod session;
pub mod spelling;
