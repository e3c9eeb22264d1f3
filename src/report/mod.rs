//! Turning scores into text people read. Knows nothing of clap; the CLI picks what to render.

pub mod card_table;
pub mod sanitize;
