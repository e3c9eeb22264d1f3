//! Turning scores and sessions into text people read. Knows nothing of clap; the CLI picks
//! what to render.

pub mod card_table;
pub mod layout;
pub mod model;
pub mod sanitize;
pub mod session_table;

pub use model::SessionReport;
