//! Exporters: one trait, one small file per format, all reading the same [`SessionReport`].

pub mod html;
pub mod json;
pub mod markdown;
pub mod markup;
pub mod table;

#[cfg(test)]
pub(crate) mod sample;

use super::SessionReport;

/// How a report is rendered; formats ignore what does not apply to them.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Options {
    /// Table width in columns (`None`: the terminal's, or 100).
    pub width: Option<u16>,
    /// Colour bands (terminal table only).
    pub color: bool,
    /// Show the matched phrases per answer.
    pub evidence: bool,
}

pub trait Exporter {
    fn export(&self, report: &SessionReport, options: &Options) -> String;
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Table,
    Json,
    Markdown,
    Html,
}

impl Format {
    pub fn exporter(self) -> Box<dyn Exporter> {
        match self {
            Format::Table => Box::new(table::Table),
            Format::Json => Box::new(json::Json),
            Format::Markdown => Box::new(markdown::Markdown),
            Format::Html => Box::new(html::Html),
        }
    }
}
