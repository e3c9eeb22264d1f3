//! The end-of-run report as terminal tables.

use comfy_table::{Cell, CellAlignment};

use super::layout::table;

use super::model::SessionReport;
use super::sanitize::for_terminal;
use crate::session::runner::clock;
use crate::session::Status;

pub fn render(report: &SessionReport, width: Option<u16>) -> String {
    let mut out = String::new();
    let state = match report.status {
        Status::Complete => "Mock loop complete",
        Status::InProgress => "Mock loop unfinished",
        Status::Abandoned => "Mock loop abandoned",
    };
    let who = report
        .candidate
        .as_deref()
        .map(|c| format!(" · {}", for_terminal(c)))
        .unwrap_or_default();
    out.push_str(&format!("\n{state} · {}{who}\n", report.loop_title));
    out.push_str(&format!(
        "Overall {:.1}/100 · {}\n\n",
        report.overall, report.band
    ));

    let mut questions = table(width);
    questions.set_header(vec![
        "#",
        "Stage",
        "Question",
        "Time / budget",
        "Score",
        "Band",
    ]);
    for q in &report.questions {
        let time = match q.seconds_used {
            Some(used) if q.over_budget => {
                format!("{} / {} over", clock(used), clock(f64::from(q.budget_secs)))
            }
            Some(used) => format!("{} / {}", clock(used), clock(f64::from(q.budget_secs))),
            None => format!("- / {}", clock(f64::from(q.budget_secs))),
        };
        let score = q.score.map_or(q.status.to_string(), |s| format!("{s:.0}"));
        let band = match (q.band, q.status) {
            (_, "skipped") => "skipped".to_string(),
            (Some(b), _) => b.to_string(),
            (None, status) => status.to_string(),
        };
        questions.add_row(vec![
            Cell::new(q.number),
            Cell::new(&q.stage_title),
            Cell::new(for_terminal(&q.question)),
            Cell::new(time),
            Cell::new(score).set_alignment(CellAlignment::Right),
            Cell::new(band),
        ]);
    }
    out.push_str(&questions.to_string());
    out.push_str("\n\n");

    let mut values = table(width);
    // Value scores measure how much evidence of each value the answers show; a hiring band
    // would misread them, so the table shows the score alone.
    values.set_header(vec!["Value", "Score"]);
    for v in &report.values {
        let score = Cell::new(format!("{:.0}", v.score)).set_alignment(CellAlignment::Right);
        values.add_row(vec![Cell::new(&v.name), score]);
    }
    out.push_str(&values.to_string());
    out.push('\n');

    if !report.improvements.is_empty() {
        out.push_str("\nBiggest improvements\n");
        for (i, imp) in report.improvements.iter().enumerate() {
            out.push_str(&format!(
                "  {}. {} (+{:.1} a question; most on question {}): {}\n",
                i + 1,
                imp.name,
                imp.gain,
                imp.question,
                imp.advice
            ));
        }
    }
    out
}
