//! The saved-sessions list (`mockloop sessions`), as a terminal table or JSON rows.

use comfy_table::{Cell, CellAlignment};

use super::layout::{band_cell, color_table, never_wrap};
use super::sanitize::for_terminal;
use crate::rubric::Bands;
use crate::score::formula::round1;
use crate::session::summary::Summary;

/// One row per session, in the order given; `color` paints the band.
pub fn table_text(summaries: &[Summary], bands: &Bands, width: Option<u16>, color: bool) -> String {
    let mut t = color_table(width, color);
    // Under 100 columns the rubric fingerprint gives way, so the rest stays readable beside a
    // whole session id; `--format json` always has it.
    let with_rubric = width.is_none_or(|w| w >= 100);
    let mut header = vec![
        "Session",
        "Date",
        "Candidate",
        "Answered",
        "Status",
        "Overall",
        "Band",
    ];
    if with_rubric {
        header.push("Rubric");
    }
    t.set_header(header);
    for s in summaries {
        let overall = s.overall.map_or("-".into(), |o| format!("{o:.0}"));
        let mut row = vec![
            Cell::new(for_terminal(&s.id)),
            Cell::new(s.started_at.format("%Y-%m-%d %H:%M")),
            Cell::new(for_terminal(s.candidate.as_deref().unwrap_or("-"))),
            Cell::new(format!("{}/{}", s.finished, s.total)),
            Cell::new(s.status.as_str()),
            Cell::new(overall).set_alignment(CellAlignment::Right),
            match s.band(bands) {
                Some(b) => band_cell(b.as_str(), b, color),
                None => Cell::new("-"),
            },
        ];
        if with_rubric {
            // A hand-edited file may hold any text: count characters, not bytes.
            row.push(Cell::new(for_terminal(
                &s.rubric_fingerprint.chars().take(8).collect::<String>(),
            )));
        }
        t.add_row(row);
    }
    never_wrap(&mut t, 0);
    t.to_string()
}

/// The rows as a pretty-printed JSON array.
pub fn json(summaries: &[Summary], bands: &Bands) -> serde_json::Result<String> {
    let rows: Vec<serde_json::Value> = summaries.iter().map(|s| row(s, bands)).collect();
    serde_json::to_string_pretty(&rows)
}

fn row(s: &Summary, bands: &Bands) -> serde_json::Value {
    serde_json::json!({
        "id": s.id,
        "started_at": s.started_at.to_rfc3339_opts(chrono::SecondsFormat::Secs, true),
        "candidate": s.candidate,
        "stages_answered": s.stages_answered,
        "answered": s.finished,
        "questions": s.total,
        "status": s.status.as_str(),
        "overall": s.overall.map(round1),
        "band": s.band(bands),
        "rubric_fingerprint": s.rubric_fingerprint,
    })
}
