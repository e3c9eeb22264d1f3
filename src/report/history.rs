//! Progress across sessions as a terminal table (a sparkline per series) or an HTML page (a
//! line chart per series, inline SVG).

use comfy_table::{Cell, CellAlignment};

use super::export::html::escape;
use super::layout::{never_wrap, table};
use crate::history::{sparkline, History};

/// Sessions listed under the series table; older ones are summarised by the series.
const RECENT: usize = 10;

pub fn table_text(h: &History, width: Option<u16>) -> String {
    if h.sessions.is_empty() {
        return "No completed sessions match.\n".into();
    }
    let first = h
        .sessions
        .first()
        .map(|p| p.started_at.format("%Y-%m-%d").to_string())
        .unwrap_or_default();
    let last = h
        .sessions
        .last()
        .map(|p| p.started_at.format("%Y-%m-%d").to_string())
        .unwrap_or_default();
    let mut out = format!(
        "{} completed sessions, {first} to {last}\n\n",
        h.sessions.len()
    );
    let mut t = table(width);
    t.set_header(vec![
        "",
        "Progress",
        "Best",
        "Mean",
        "Latest",
        "Trend / session",
    ]);
    for s in &h.series {
        let shown: Vec<f64> = s.scores.iter().rev().take(40).rev().copied().collect();
        let right = |text: String| Cell::new(text).set_alignment(CellAlignment::Right);
        t.add_row(vec![
            Cell::new(title(&s.id)),
            Cell::new(sparkline(&shown)),
            right(format!("{:.0}", s.best)),
            right(format!("{:.0}", s.mean)),
            right(format!("{:.0}", s.latest)),
            right(format!("{:+.1}", s.trend)),
        ]);
    }
    out.push_str(&t.to_string());
    out.push_str("\n\n");
    let mut recent = table(width);
    let mut header = vec![
        "Session".to_string(),
        "Date".to_string(),
        "Overall".to_string(),
    ];
    header.extend(h.series.iter().skip(1).map(|s| title(&s.id)));
    recent.set_header(header);
    for p in h.sessions.iter().rev().take(RECENT).rev() {
        let mut row = vec![
            Cell::new(&p.session_id),
            Cell::new(p.started_at.format("%Y-%m-%d")),
            Cell::new(format!("{:.0}", p.overall)),
        ];
        for s in h.series.iter().skip(1) {
            row.push(
                Cell::new(format!(
                    "{:.0}",
                    p.values.get(&s.id).copied().unwrap_or(0.0)
                ))
                .set_alignment(CellAlignment::Right),
            );
        }
        recent.add_row(row);
    }
    never_wrap(&mut recent, 0);
    out.push_str(&format!(
        "Latest {} sessions\n",
        h.sessions.len().min(RECENT)
    ));
    out.push_str(&recent.to_string());
    out.push('\n');
    out
}

fn title(id: &str) -> String {
    let mut chars = id.chars();
    chars
        .next()
        .map(|c| c.to_uppercase().collect::<String>() + chars.as_str())
        .unwrap_or_default()
}

pub fn html(h: &History) -> String {
    let mut body = String::new();
    body.push_str(&format!(
        "<h1>Progress</h1><p>{} completed sessions</p>",
        h.sessions.len()
    ));
    for s in &h.series {
        body.push_str(&format!(
            "<section><h2>{}</h2><p>best {:.0} · mean {:.0} · latest {:.0} · trend {:+.1} a session</p>{}</section>",
            escape(&title(&s.id)),
            s.best,
            s.mean,
            s.latest,
            s.trend,
            line_chart(&s.id, &s.scores)
        ));
    }
    format!(
        "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\">\
<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'\">\
<title>mockloop progress</title><style>{STYLE}</style></head><body><main>{body}</main></body></html>\n"
    )
}

const STYLE: &str = "body{font-family:system-ui,sans-serif;color:#1b1f24;margin:2rem}main{max-width:760px;margin:auto}\
section{break-inside:avoid;margin-bottom:1.5rem}svg{width:100%;height:auto}\
.axis{stroke:#c8ccd1}.line{fill:none;stroke:#1f5fad;stroke-width:2}.dot{fill:#1f5fad}\
text{font-size:11px;fill:#57606a}@media print{body{margin:0}}";

/// A 0-100 line chart, one point per session, oldest on the left.
fn line_chart(id: &str, scores: &[f64]) -> String {
    const W: f64 = 720.0;
    const H: f64 = 160.0;
    const PAD: f64 = 28.0;
    let n = scores.len().max(2) as f64 - 1.0;
    let at = |i: usize, s: f64| {
        (
            PAD + (W - 2.0 * PAD) * i as f64 / n,
            H - PAD - (H - 2.0 * PAD) * s.clamp(0.0, 100.0) / 100.0,
        )
    };
    let points: Vec<String> = scores
        .iter()
        .enumerate()
        .map(|(i, s)| {
            let (x, y) = at(i, *s);
            format!("{x:.1},{y:.1}")
        })
        .collect();
    let mut svg = format!(
        "<svg id=\"chart-{}\" viewBox=\"0 0 {W} {H}\" role=\"img\" aria-label=\"{} by session\">",
        escape(id),
        escape(id)
    );
    for level in [0.0, 50.0, 100.0] {
        let (_, y) = at(0, level);
        svg.push_str(&format!("<line class=\"axis\" x1=\"{PAD}\" y1=\"{y:.1}\" x2=\"{:.1}\" y2=\"{y:.1}\"/><text x=\"2\" y=\"{:.1}\">{level:.0}</text>", W - PAD, y + 4.0));
    }
    svg.push_str(&format!(
        "<polyline class=\"line\" points=\"{}\"/>",
        points.join(" ")
    ));
    // Dots only while they stay readable.
    if scores.len() <= 60 {
        for p in &points {
            let (x, y) = p.split_once(',').unwrap_or(("0", "0"));
            svg.push_str(&format!(
                "<circle class=\"dot\" cx=\"{x}\" cy=\"{y}\" r=\"3\"/>"
            ));
        }
    }
    svg.push_str("</svg>");
    svg
}
