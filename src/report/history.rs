//! Progress across sessions as a terminal table (a sparkline per series) or an HTML page (a
//! line chart per series, inline SVG).

use comfy_table::{Cell, CellAlignment};

use super::export::html::escape;
use super::layout::{change_cell, color_table, never_wrap, table};
use super::sanitize::for_terminal;
use crate::history::{sparkline, History};
use crate::rubric::{Bands, RubricSet};

/// Sessions listed under the series table; older ones are summarised by the series.
const RECENT: usize = 10;

pub fn table_text(h: &History, set: &RubricSet, width: Option<u16>, color: bool) -> String {
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
    let mut t = color_table(width, color);
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
            Cell::new(name_of(set, &s.id)),
            Cell::new(sparkline(&shown)),
            right(format!("{:.0}", s.best)),
            right(format!("{:.0}", s.mean)),
            right(format!("{:.0}", s.latest)),
            change_cell(s.trend, format!("{:+.1}", s.trend), color),
        ]);
    }
    out.push_str(&t.to_string());
    out.push_str("\n\n");
    let mut recent = table(width);
    let shown: Vec<_> = h.sessions.iter().rev().take(RECENT).rev().collect();
    // Several people practising from one folder: say whose each session is.
    let several = several_candidates(h);
    let mut header = vec!["Session".to_string(), "Date".to_string()];
    if several {
        header.push("Candidate".to_string());
    }
    header.push("Overall".to_string());
    header.extend(h.series.iter().skip(1).map(|s| name_of(set, &s.id)));
    recent.set_header(header);
    for p in shown {
        let mut row = vec![
            Cell::new(&p.session_id),
            Cell::new(p.started_at.format("%Y-%m-%d")),
        ];
        if several {
            row.push(Cell::new(for_terminal(
                p.candidate.as_deref().unwrap_or("-"),
            )));
        }
        row.push(Cell::new(format!("{:.0}", p.overall)));
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

/// Whether the sessions belong to more than one candidate (an unnamed one counts as one).
fn several_candidates(h: &History) -> bool {
    let mut names: Vec<Option<String>> = h
        .sessions
        .iter()
        .map(|p| p.candidate.as_deref().map(str::to_lowercase))
        .collect();
    names.sort();
    names.dedup();
    names.len() > 1
}

/// A series' display name: the value's name in the rubric, "Overall", or the id titled.
fn name_of(set: &RubricSet, id: &str) -> String {
    set.values
        .iter()
        .find(|v| v.id == id)
        .map_or_else(|| title(id), |v| v.name.clone())
}

fn title(id: &str) -> String {
    let mut chars = id.chars();
    chars
        .next()
        .map(|c| c.to_uppercase().collect::<String>() + chars.as_str())
        .unwrap_or_default()
}

pub fn html(h: &History, set: &RubricSet) -> String {
    let bands = &set.loop_file.bands;
    let mut body = String::new();
    body.push_str(&format!(
        "<h1>Progress</h1><p>{} completed sessions</p>",
        h.sessions.len()
    ));
    for (k, s) in h.series.iter().enumerate() {
        let points: Vec<PointLabel> = h
            .sessions
            .iter()
            .zip(&s.scores)
            .map(|(p, score)| PointLabel {
                date: p.started_at.format("%Y-%m-%d %H:%M").to_string(),
                id: p.session_id.clone(),
                score: *score,
            })
            .collect();
        body.push_str(&format!(
            "<section><h2>{}</h2><p>best {:.0} · mean {:.0} · latest {:.0} · trend {:+.1} a session</p>{}</section>",
            escape(&name_of(set, &s.id)),
            s.best,
            s.mean,
            s.latest,
            s.trend,
            // Band lines belong to the overall score only: value scores measure evidence of
            // a value, not a hiring verdict.
            line_chart(&s.id, &points, (k == 0).then_some(bands))
        ));
    }
    body.push_str(&sessions_table(h, set));
    format!(
        "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\">\
<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'\">\
<title>mockloop progress</title><style>{STYLE}</style></head><body><main>{body}</main></body></html>\n"
    )
}

/// What a point on a chart says when pointed at.
struct PointLabel {
    date: String,
    id: String,
    score: f64,
}

/// Every session under the charts, oldest first: the numbers behind each point.
fn sessions_table(h: &History, set: &RubricSet) -> String {
    let several = several_candidates(h);
    let mut out = String::from("<h2>Sessions</h2><table><tr><th>Date</th><th>Session</th>");
    if several {
        out.push_str("<th>Candidate</th>");
    }
    for s in &h.series {
        out.push_str(&format!(
            "<th class=\"num\">{}</th>",
            escape(&name_of(set, &s.id))
        ));
    }
    out.push_str("</tr>");
    for p in &h.sessions {
        out.push_str(&format!(
            "<tr><td>{}</td><td><code>{}</code></td>",
            p.started_at.format("%Y-%m-%d %H:%M"),
            escape(&p.session_id)
        ));
        if several {
            out.push_str(&format!(
                "<td>{}</td>",
                escape(p.candidate.as_deref().unwrap_or("-"))
            ));
        }
        for s in &h.series {
            let score = if s.id == "overall" {
                p.overall
            } else {
                p.values.get(&s.id).copied().unwrap_or(0.0)
            };
            out.push_str(&format!("<td class=\"num\">{score:.0}</td>"));
        }
        out.push_str("</tr>");
    }
    out.push_str("</table>");
    out
}

const STYLE: &str = "body{font-family:system-ui,sans-serif;color:#1b1f24;margin:2rem}main{max-width:760px;margin:auto}\
section{break-inside:avoid;margin-bottom:1.5rem}svg{width:100%;height:auto}\
.axis{stroke:#c8ccd1}.line{fill:none;stroke:#1f5fad;stroke-width:2}.dot{fill:#1f5fad}\
text{font-size:11px;fill:#57606a}.band{stroke:#8c959f;stroke-dasharray:4 3}\
table{border-collapse:collapse;width:100%}th,td{text-align:left;padding:3px 8px;border-bottom:1px solid #d0d7de}\
.num{text-align:right}@media print{body{margin:0}}";

/// A 0-100 line chart, one point per session, oldest on the left; each point names its date,
/// session and score, and the overall chart marks the band lines.
fn line_chart(id: &str, points: &[PointLabel], bands: Option<&Bands>) -> String {
    const W: f64 = 720.0;
    const H: f64 = 160.0;
    const PAD: f64 = 28.0;
    let scores: Vec<f64> = points.iter().map(|p| p.score).collect();
    let n = scores.len().max(2) as f64 - 1.0;
    let at = |i: usize, s: f64| {
        (
            PAD + (W - 2.0 * PAD) * i as f64 / n,
            H - PAD - (H - 2.0 * PAD) * s.clamp(0.0, 100.0) / 100.0,
        )
    };
    let xy: Vec<(f64, f64)> = scores.iter().enumerate().map(|(i, s)| at(i, *s)).collect();
    let points_attr: Vec<String> = xy.iter().map(|(x, y)| format!("{x:.1},{y:.1}")).collect();
    let mut svg = format!(
        "<svg id=\"chart-{}\" viewBox=\"0 0 {W} {H}\" role=\"img\" aria-label=\"{} by session\">",
        escape(id),
        escape(id)
    );
    for level in [0.0, 50.0, 100.0] {
        let (_, y) = at(0, level);
        svg.push_str(&format!("<line class=\"axis\" x1=\"{PAD}\" y1=\"{y:.1}\" x2=\"{:.1}\" y2=\"{y:.1}\"/><text x=\"2\" y=\"{:.1}\">{level:.0}</text>", W - PAD, y + 4.0));
    }
    if let Some(b) = bands {
        for (name, level) in [("hire", b.hire), ("strong hire", b.strong_hire)] {
            let (_, y) = at(0, level);
            svg.push_str(&format!(
                "<line class=\"band\" x1=\"{PAD}\" y1=\"{y:.1}\" x2=\"{:.1}\" y2=\"{y:.1}\"/><text x=\"{:.1}\" y=\"{:.1}\">{name}</text>",
                W - PAD,
                W - PAD - 60.0,
                y - 3.0
            ));
        }
    }
    svg.push_str(&format!(
        "<polyline class=\"line\" points=\"{}\"/>",
        points_attr.join(" ")
    ));
    // Dots only while they stay readable; each says which session it is.
    if scores.len() <= 60 {
        for ((x, y), p) in xy.iter().zip(points) {
            svg.push_str(&format!(
                "<circle class=\"dot\" cx=\"{x:.1}\" cy=\"{y:.1}\" r=\"3\"><title>{} · {} · {:.0}</title></circle>",
                escape(&p.date),
                escape(&p.id),
                p.score
            ));
        }
    }
    svg.push_str("</svg>");
    svg
}
