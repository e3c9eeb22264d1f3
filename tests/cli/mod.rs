//! Tests through the real binary and the public API, one module per command or concern.

mod calibration;
mod display_names;
mod html_browser;
mod offer_stage;
mod penalties;
mod replay_history;
mod report;
mod rubric_check;
mod rubric_tune;
mod run;
mod run_terminal;
mod schema;
mod score;
