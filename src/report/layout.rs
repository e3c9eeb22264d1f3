//! The table style every terminal report shares, and its colours: a band is green for hire,
//! yellow for no hire and red for strong no hire; a change is green up and red down. Colour is
//! always optional: the CLI decides (`--color`), renderers only obey.

use comfy_table::{
    presets, Attribute, Cell, CellAlignment, Color, ColumnConstraint, ContentArrangement, Table,
};

use crate::score::Band;

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

/// Like [`table`], with colours forced on when `color` (comfy-table drops them off a terminal,
/// and `--color always` into a pipe must keep them).
pub fn color_table(width: Option<u16>, color: bool) -> Table {
    let mut t = table(width);
    if color {
        t.enforce_styling();
    }
    t
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

fn band_color(band: Band) -> (Color, bool) {
    match band {
        Band::StrongHire => (Color::Green, true),
        Band::Hire => (Color::Green, false),
        Band::NoHire => (Color::Yellow, false),
        Band::StrongNoHire => (Color::Red, false),
    }
}

/// A band's table cell, coloured when `color`.
pub fn band_cell(text: &str, band: Band, color: bool) -> Cell {
    let cell = Cell::new(text);
    if !color {
        return cell;
    }
    let (fg, bold) = band_color(band);
    let cell = cell.fg(fg);
    if bold {
        cell.add_attribute(Attribute::Bold)
    } else {
        cell
    }
}

/// A band's name for a line of prose, coloured when `color`.
pub fn band_text(band: Band, color: bool) -> String {
    let code = match band_color(band) {
        (Color::Green, true) => "1;32",
        (Color::Green, false) => "32",
        (Color::Yellow, _) => "33",
        _ => "31",
    };
    paint(band.as_str(), code, color)
}

/// A right-aligned score change, green when up and red when down by a tenth or more.
pub fn change_cell(change: f64, text: String, color: bool) -> Cell {
    let cell = Cell::new(text).set_alignment(CellAlignment::Right);
    match (color, change) {
        (true, c) if c >= 0.05 => cell.fg(Color::Green),
        (true, c) if c <= -0.05 => cell.fg(Color::Red),
        _ => cell,
    }
}

/// Text that must stand out as a failure, red when `color`.
pub fn failure_text(text: &str, color: bool) -> String {
    paint(text, "31", color)
}

/// Text that is a warning, yellow when `color`.
pub fn warning_text(text: &str, color: bool) -> String {
    paint(text, "33", color)
}

/// Text that says all is well, green when `color`.
pub fn ok_text(text: &str, color: bool) -> String {
    paint(text, "32", color)
}

fn paint(text: &str, sgr: &str, color: bool) -> String {
    if color {
        format!("\x1b[{sgr}m{text}\x1b[0m")
    } else {
        text.to_string()
    }
}
