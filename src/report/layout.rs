//! The table style every terminal report shares.

use comfy_table::{presets, ColumnConstraint, ContentArrangement, Table};

/// Width used when output is not a terminal and `COLUMNS` is unset.
const DEFAULT_WIDTH: u16 = 100;

/// The table width asked for by `COLUMNS`, if set; otherwise the terminal's.
pub fn width_from_env() -> Option<u16> {
    std::env::var("COLUMNS")
        .ok()
        .and_then(|c| c.trim().parse().ok())
}

/// The width to lay text out for on a terminal: `COLUMNS` if set, else the terminal's own
/// size when standard output is one (shells rarely export `COLUMNS`), else `None`.
pub fn terminal_width() -> Option<u16> {
    width_from_env().or_else(|| Table::new().width())
}

/// A table that fits `width`, or the terminal, or 100 columns when there is no terminal.
pub fn table(width: Option<u16>) -> Table {
    let mut table = Table::new();
    table.load_style(presets::UTF8_FULL_CONDENSED);
    table.set_content_arrangement(ContentArrangement::Dynamic);
    if let Some(w) = width.or_else(|| table.width().is_none().then_some(DEFAULT_WIDTH)) {
        table.set_width(w);
    }
    table
}

/// Keeps column `index` as wide as its longest cell: for ids that people copy, which a wrap
/// would break in two.
pub fn never_wrap(table: &mut Table, index: usize) {
    if let Some(column) = table.column_mut(index) {
        column.set_constraint(ColumnConstraint::ContentWidth);
    }
}

/// A numbered list item wrapped to the table width, continuation lines indented under its text.
pub fn list_item(number: usize, text: &str, width: Option<u16>) -> String {
    let width = usize::from(width.unwrap_or(DEFAULT_WIDTH)).max(40);
    let first = format!("  {number}. ");
    let rest = " ".repeat(first.len());
    let options = textwrap::Options::new(width)
        .initial_indent(&first)
        .subsequent_indent(&rest);
    textwrap::fill(text, options) + "\n"
}

/// `m:ss`.
pub fn clock(seconds: f64) -> String {
    let s = seconds.max(0.0).round() as u64;
    format!("{}:{:02}", s / 60, s % 60)
}
