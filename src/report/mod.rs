//! Turning scores and sessions into text people read. Knows nothing of clap; the CLI picks
//! what to render.

pub mod card_table;
pub mod deductions;
pub mod export;
pub mod history;
pub mod layout;
pub mod model;
pub mod practice;
pub mod replay;
pub mod sanitize;
pub mod sessions;

pub use model::SessionReport;
