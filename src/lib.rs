//! mockloop: a mock product-manager interview loop with an explainable scoring rubric.
//!
//! The core is [`rubric`] (files, validation) and [`score`] (signals, criteria, values, bands):
//! pure text in, numbers and evidence out, with no terminal, clock or file writes.

pub mod calibrate;
pub mod history;
mod parallel;
pub mod practice;
pub mod replay;
pub mod report;
pub mod rubric;
pub mod score;
pub mod session;
