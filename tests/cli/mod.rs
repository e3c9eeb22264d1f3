//! Tests through the real binary and the public API, one module per command or concern.

mod broken_rubric;
mod calibration;
mod color;
mod completions;
mod display_names;
mod exemplars;
mod full_disk;
mod hostile_files;
mod html_browser;
mod limits;
mod man;
mod mutation_fuzz;
mod offer_stage;
mod penalties;
mod plan;
mod replay_history;
mod report;
mod rubric_check;
mod rubric_tune;
mod run;
mod run_terminal;
mod schema;
mod score;
mod score_output;
mod two_writers;
