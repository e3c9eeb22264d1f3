//! The report as one self-contained HTML page: inline CSS and inline SVG only, no script and
//! nothing fetched, so it opens offline, can be mailed as a single file, and prints cleanly.
//! Every piece of text from the model goes through [`escape`]; only numbers we format ourselves
//! and fixed class names reach attributes unescaped.

use std::f64::consts::PI;

use super::markup::{self, Align, Mark, Markup};
use super::{Exporter, Options};
use crate::report::model::{QuestionRow, QuestionStatus, SessionReport, StageRow, ValueRow};
use crate::score::Band;

pub struct Html;

impl Exporter for Html {
    fn export(&self, r: &SessionReport, _: &Options) -> String {
        markup::render(self, r)
    }
}

impl Markup for Html {
    fn text(&self, s: &str) -> String {
        escape(s)
    }

    fn begin(&self, r: &SessionReport, facts: &[(&str, String)]) -> String {
        let facts: String = facts
            .iter()
            .map(|(k, v)| format!("<div><dt>{k}</dt><dd>{v}</dd></div>"))
            .collect();
        format!(
            "{}<body>\n<main>\n<header>\n<h1>Mock loop report: {}</h1>\n<dl class=\"facts\">{facts}</dl>\n\
             <p class=\"overall\"><span class=\"score\">{:.1}</span><span class=\"of\">/ 100 overall</span> {}</p>\n\
             </header>\n",
            head(r),
            escape(&r.loop_title),
            r.overall,
            badge(r.band),
        )
    }

    fn end(&self) -> String {
        "</main>\n</body>\n</html>\n".into()
    }

    fn heading(&self, title: &str) -> String {
        format!("<h2>{title}</h2>\n")
    }

    fn table(&self, columns: &[(&str, Align)], rows: &[Vec<String>]) -> String {
        let class = |a: Align| match a {
            Align::Left => "",
            Align::Right => " class=\"num\"",
            Align::Chart => " class=\"chart\"",
        };
        let header: String = columns
            .iter()
            .map(|(h, a)| format!("<th{}>{h}</th>", class(*a)))
            .collect();
        let mut out = format!("<table>\n<tr>{header}</tr>\n");
        for row in rows {
            let cells: String = row
                .iter()
                .zip(columns)
                .map(|(cell, (_, a))| format!("<td{}>{cell}</td>", class(*a)))
                .collect();
            out.push_str(&format!("<tr>{cells}</tr>\n"));
        }
        out.push_str("</table>\n");
        out
    }

    fn code(&self, s: &str) -> String {
        format!("<code>{}</code>", escape(s))
    }

    fn band(&self, band: Band) -> String {
        badge(band)
    }

    fn status(&self, status: QuestionStatus) -> String {
        // Our own fixed words, never user text.
        format!("<span class=\"badge status\">{status}</span>")
    }

    /// Each phrase in a `<q>` (the browser adds the quotation marks).
    fn quoted(&self, phrases: &[String]) -> String {
        let quoted: Vec<String> = phrases
            .iter()
            .map(|p| format!("<q>{}</q>", escape(p)))
            .collect();
        quoted.join(", ")
    }

    fn over_budget(&self) -> String {
        " <span class=\"over\">over budget</span>".into()
    }

    fn question_link(&self, n: usize) -> String {
        format!("<a href=\"#q{n}\">{n}</a>")
    }

    fn strong(&self, s: &str) -> String {
        format!("<strong>{s}</strong>")
    }

    fn values_figure(&self, values: &[ValueRow]) -> String {
        format!("<div class=\"values\">\n{}</div>\n", radar(values))
    }

    /// SVG rather than CSS backgrounds because browsers print SVG fills even when "background
    /// graphics" is off.
    fn stage_bar(&self, s: &StageRow) -> Option<String> {
        Some(format!(
            "<svg viewBox=\"0 0 100 10\" preserveAspectRatio=\"none\" aria-hidden=\"true\">\
             <rect class=\"track\" width=\"100\" height=\"10\"/>\
             <rect class=\"fill-{}\" width=\"{:.1}\" height=\"10\"/></svg>",
            s.band.as_str(),
            s.score.clamp(0.0, 100.0),
        ))
    }

    fn question_start(&self, q: &QuestionRow, stage: &str, question: &str) -> String {
        format!(
            "<section class=\"question\" id=\"q{n}\">\n\
             <h3><span class=\"num\">{n}.</span>{stage}</h3>\n<p class=\"text\">{question}</p>\n",
            n = q.number
        )
    }

    fn question_meta(&self, facts: &[(&str, String)]) -> String {
        let spans: String = facts
            .iter()
            .map(|(k, v)| format!("<span>{k} {v}</span>"))
            .collect();
        format!("<p class=\"meta\">{spans}</p>\n")
    }

    fn answer(&self, text: &str) -> String {
        format!("<div class=\"answer\">{}</div>\n", escape(text))
    }

    fn reply_label(&self, label: &str) -> String {
        format!("<p class=\"turn\"><strong>{label}:</strong></p>\n")
    }

    fn said(&self, label: &str, reason: Option<&str>, text: &str) -> String {
        let reason = reason
            .map(|r| format!(" <span class=\"why\">(asked because {r})</span>"))
            .unwrap_or_default();
        format!(
            "<p class=\"turn\"><strong>{label}</strong>{reason}: {}</p>\n",
            escape(text)
        )
    }

    fn points(&self, points: f64) -> String {
        format!("<span class=\"points\">{points:.1} points</span>")
    }

    fn no_answer(&self, status: QuestionStatus) -> String {
        format!("<p class=\"none\">{status}</p>\n")
    }

    fn criteria(&self, lines: &[(Mark, String)]) -> String {
        if lines.is_empty() {
            return String::new();
        }
        let items: String = lines
            .iter()
            .map(|(mark, line)| {
                let class = match mark {
                    Mark::Met => "met",
                    Mark::Missed => "missed",
                    Mark::Penalty => "penalty",
                    Mark::Adjustment => "adjustment",
                };
                format!("<li class=\"{class}\">{line}</li>\n")
            })
            .collect();
        format!("<ul class=\"criteria\">\n{items}</ul>\n")
    }

    fn exemplar(&self, text: &str, missed: &[String]) -> String {
        let mut out = String::from("<div class=\"exemplar\">\n<h4>Exemplar answer</h4>\n");
        if !missed.is_empty() {
            let names: Vec<String> = missed.iter().map(|n| format!("<mark>{n}</mark>")).collect();
            out.push_str(&format!(
                "<p class=\"exemplar-missed\">Missed in your answer: {}</p>\n",
                names.join(", ")
            ));
        }
        out.push_str(&format!(
            "<div class=\"exemplar-text\">{}</div>\n</div>\n",
            escape(text)
        ));
        out
    }

    fn question_end(&self) -> String {
        "</section>\n".into()
    }
}

/// Light theme only: the page is as likely to be printed as read, and dark backgrounds waste
/// ink. Badge and bar colours are kept in print (`print-color-adjust`) because they carry the
/// band; badges also carry it as text and a border, so nothing is lost if a printer drops them.
const STYLE: &str = r#"
:root { --ink: #1f2328; --muted: #59636e; --line: #d0d7de; --soft: #f6f8fa; --accent: #0b5cad; }
* { box-sizing: border-box; }
body { margin: 0; background: #fff; color: var(--ink);
  font: 15px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", "Helvetica Neue", Arial, sans-serif; }
main { max-width: 980px; margin: 0 auto; padding: 24px 28px 48px; }
h1 { font-size: 1.6rem; margin: 0 0 6px; }
h2 { font-size: 1.2rem; margin: 30px 0 10px; padding-bottom: 4px; border-bottom: 1px solid var(--line); }
h3 { font-size: 1.05rem; margin: 0 0 4px; }
.facts { display: flex; flex-wrap: wrap; gap: 2px 22px; margin: 0; color: var(--muted); }
.facts div { display: flex; gap: 6px; }
.facts dt { font-weight: 600; }
.facts dd { margin: 0; color: var(--ink); }
.overall { display: flex; align-items: center; gap: 12px; margin: 14px 0 0; }
.overall .score { font-size: 2.4rem; font-weight: 700; line-height: 1; }
.overall .of { color: var(--muted); }
.badge { display: inline-block; padding: 1px 9px; border: 1px solid; border-radius: 999px;
  font-size: 0.8rem; font-weight: 600; white-space: nowrap;
  -webkit-print-color-adjust: exact; print-color-adjust: exact; }
.band-strong_hire { background: #d1f5d9; border-color: #1a7f37; color: #0f5323; }
.band-hire { background: #eaf7ec; border-color: #4ac26b; color: #1a7f37; }
.band-no_hire { background: #fff1d6; border-color: #d4a72c; color: #7d4e00; }
.band-strong_no_hire { background: #ffe3e3; border-color: #cf222e; color: #a40e26; }
.status { background: #eef1f4; border-color: #8c959f; color: #424a53; }
.values svg { display: block; width: 100%; max-width: 520px; height: auto; margin: 0 auto 8px; overflow: visible; }
.radar .ring { fill: none; stroke: var(--line); }
.radar .ring-100 { fill: var(--soft); }
.radar .axis { stroke: var(--line); }
.radar .score { fill: rgba(11, 92, 173, 0.22); stroke: var(--accent); stroke-width: 2; stroke-linejoin: round; }
.radar .point { fill: var(--accent); }
.radar .label { fill: var(--ink); font-size: 13px; }
.radar .label tspan { font-weight: 700; }
.radar .tick { fill: var(--muted); font-size: 10px; }
table { border-collapse: collapse; width: 100%; }
th, td { text-align: left; vertical-align: top; padding: 5px 8px; border-bottom: 1px solid var(--line); }
th { font-size: 0.85rem; color: var(--muted); font-weight: 600; }
td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
td.chart { width: 50%; }
td.chart svg { display: block; width: 100%; height: 14px; }
.track { fill: var(--soft); stroke: var(--line); stroke-width: 0.3; }
.fill-strong_hire { fill: #1a7f37; }
.fill-hire { fill: #4ac26b; }
.fill-no_hire { fill: #d4a72c; }
.fill-strong_no_hire { fill: #cf222e; }
q { font-style: italic; }
.question { margin: 0 0 18px; padding: 12px 16px; border: 1px solid var(--line); border-radius: 8px; }
.question .num { color: var(--muted); margin-right: 6px; }
.question .text { margin: 0 0 6px; font-weight: 600; }
.question .meta { margin: 0 0 8px; color: var(--muted); display: flex; flex-wrap: wrap; gap: 4px 16px; align-items: center; }
.over { color: #a40e26; font-weight: 600; }
.answer { margin: 0 0 8px; padding: 8px 12px; background: var(--soft); border-left: 3px solid var(--line);
  white-space: pre-wrap; overflow-wrap: anywhere; }
.turn { margin: 8px 0 4px; }
.turn .why { color: var(--muted); font-size: 0.9em; }
.criteria { margin: 0; padding-left: 20px; }
.criteria .met::marker { content: "✓ "; color: #1a7f37; }
.criteria .missed::marker { content: "✗ "; color: #a40e26; }
.criteria .penalty::marker { content: "− "; color: #a40e26; }
.criteria .penalty .points { font-weight: 600; color: #a40e26; }
.criteria .adjustment::marker { content: "~ "; color: var(--muted); }
.none { color: var(--muted); font-style: italic; margin: 0; }
.exemplar { margin: 10px 0 0; padding: 8px 12px; border-left: 3px solid #4ac26b; background: #f3faf4; }
.exemplar h4 { margin: 0 0 4px; font-size: 0.9rem; color: var(--muted); }
.exemplar-missed { margin: 0 0 6px; }
.exemplar mark { background: #fff1d6; color: #7d4e00; padding: 0 4px; border-radius: 3px; font-weight: 600; }
.exemplar-text { white-space: pre-wrap; overflow-wrap: anywhere; }
@page { margin: 14mm; }
@media print {
  body { background: #fff; color: #000; font-size: 10.5pt; }
  main { max-width: none; padding: 0; }
  .answer, .exemplar { background: none; border-left-color: #999; }
  .question, .values, tr { break-inside: avoid; page-break-inside: avoid; }
  h2, h3 { break-after: avoid; page-break-after: avoid; }
  td.chart svg { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
}
"#;

fn head(r: &SessionReport) -> String {
    // The CSP is a second line of defence: should some text ever escape unescaped, the browser
    // still runs no script and fetches nothing.
    format!(
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n\
         <meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'\">\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
         <title>Mock loop report: {} ({})</title>\n<style>{STYLE}</style>\n</head>\n",
        escape(&r.loop_title),
        escape(&r.session_id),
    )
}

/// A band as a coloured pill; the class comes from our own enum, never from user text.
fn badge(band: Band) -> String {
    format!(
        "<span class=\"badge band-{}\">{}</span>",
        band.as_str(),
        band.as_str().replace('_', " ")
    )
}

/// Geometry of the radar, in SVG user units. The width leaves room for labels on both sides.
const RADAR_W: f64 = 520.0;
const RADAR_H: f64 = 340.0;
const RADAR_CX: f64 = 260.0;
const RADAR_CY: f64 = 175.0;
const RADAR_R: f64 = 130.0;
const RINGS: [f64; 4] = [25.0, 50.0, 75.0, 100.0];

/// Where a score on axis `i` of `n` lands: axis 0 points straight up, the rest go clockwise.
/// Everything stays inside the viewBox, so no coordinate is negative (no "-0.0" in the output).
fn radar_point(i: usize, n: usize, score: f64) -> (f64, f64) {
    let angle = -PI / 2.0 + 2.0 * PI * i as f64 / n as f64;
    let r = RADAR_R * score.clamp(0.0, 100.0) / 100.0;
    (RADAR_CX + r * angle.cos(), RADAR_CY + r * angle.sin())
}

/// Points for a `<polygon>`, with one decimal so the output is the same byte for byte.
fn points(xs: impl Iterator<Item = (f64, f64)>) -> String {
    xs.map(|(x, y)| format!("{x:.1},{y:.1}"))
        .collect::<Vec<_>>()
        .join(" ")
}

/// The five values as a spider chart, one axis per value in report order.
fn radar(values: &[ValueRow]) -> String {
    let n = values.len();
    let mut svg = format!(
        "<svg id=\"values-radar\" class=\"radar\" xmlns=\"http://www.w3.org/2000/svg\" \
         viewBox=\"0 0 {RADAR_W:.0} {RADAR_H:.0}\" width=\"{RADAR_W:.0}\" height=\"{RADAR_H:.0}\" \
         role=\"img\" aria-labelledby=\"values-radar-title\">\n"
    );
    let summary: Vec<String> = values
        .iter()
        .map(|v| format!("{} {:.0}", escape(&v.name), v.score))
        .collect();
    svg.push_str(&format!(
        "<title id=\"values-radar-title\">Values: {}</title>\n",
        summary.join(", ")
    ));
    if n == 0 {
        svg.push_str(&format!(
            "<text class=\"tick\" x=\"{RADAR_CX:.1}\" y=\"{RADAR_CY:.1}\" text-anchor=\"middle\">No values scored</text>\n</svg>\n"
        ));
        return svg;
    }
    for ring in RINGS {
        svg.push_str(&format!(
            "<polygon class=\"ring ring-{ring:.0}\" points=\"{}\"/>\n",
            points((0..n).map(|i| radar_point(i, n, ring)))
        ));
    }
    for i in 0..n {
        let (x, y) = radar_point(i, n, 100.0);
        svg.push_str(&format!(
            "<line class=\"axis\" x1=\"{RADAR_CX:.1}\" y1=\"{RADAR_CY:.1}\" x2=\"{x:.1}\" y2=\"{y:.1}\"/>\n"
        ));
    }
    // Ring values along the first axis, just right of it, so the scale can be read.
    for ring in RINGS {
        let (x, y) = radar_point(0, n, ring);
        svg.push_str(&format!(
            "<text class=\"tick\" x=\"{:.1}\" y=\"{:.1}\">{ring:.0}</text>\n",
            x + 4.0,
            y - 2.0
        ));
    }
    svg.push_str(&format!(
        "<polygon class=\"score\" points=\"{}\"/>\n",
        points(
            values
                .iter()
                .enumerate()
                .map(|(i, v)| radar_point(i, n, v.score))
        )
    ));
    for (i, v) in values.iter().enumerate() {
        let (x, y) = radar_point(i, n, v.score);
        svg.push_str(&format!(
            "<circle class=\"point\" cx=\"{x:.1}\" cy=\"{y:.1}\" r=\"3.5\"/>\n"
        ));
    }
    for (i, v) in values.iter().enumerate() {
        // Labels sit just outside the 100 ring; anchor and baseline follow the axis direction so
        // text grows away from the chart instead of across it.
        let (x, y) = radar_point(i, n, 100.0);
        let (dx, dy) = (x - RADAR_CX, y - RADAR_CY);
        let anchor = if dx.abs() < 1.0 {
            "middle"
        } else if dx > 0.0 {
            "start"
        } else {
            "end"
        };
        let lift = if dy < -1.0 {
            -4.0
        } else if dy > 1.0 {
            14.0
        } else {
            4.0
        };
        let (lx, ly) = (x + dx / RADAR_R * 10.0, y + dy / RADAR_R * 10.0 + lift);
        svg.push_str(&format!(
            "<text class=\"label\" x=\"{lx:.1}\" y=\"{ly:.1}\" text-anchor=\"{anchor}\">{} <tspan>{:.0}</tspan></text>\n",
            escape(&v.name),
            v.score
        ));
    }
    svg.push_str("</svg>\n");
    svg
}

/// Text made safe for HTML element content and quoted attributes alike. Control characters
/// other than newline and tab are shown as `\u{..}`: a raw ESC or NUL has no business in a page
/// and would hide what the candidate actually typed.
pub(crate) fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for ch in text.chars() {
        match ch {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            '\n' | '\t' => out.push(ch),
            c if crate::report::sanitize::is_unsafe(c) => {
                out.push_str(&format!("\\u{{{:x}}}", c as u32))
            }
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::report::export::sample;

    fn export() -> String {
        Html.export(&sample::report(), &Options::default())
    }

    /// The part of the page for question `n`, from its section to the next.
    fn block(html: &str, n: usize) -> &str {
        let start = html
            .find(&format!("<section class=\"question\" id=\"q{n}\">"))
            .unwrap_or_else(|| panic!("no block for question {n}"));
        let end = html[start..].find("</section>").expect("block closes") + start;
        &html[start..end]
    }

    #[test]
    fn radar_chart() {
        insta::assert_snapshot!(radar(&sample::report().values), @r#"
        <svg id="values-radar" class="radar" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 520 340" width="520" height="340" role="img" aria-labelledby="values-radar-title">
        <title id="values-radar-title">Values: Judgment 64, Communication 40, Curiosity 22, Courage 71, Innovation 8</title>
        <polygon class="ring ring-25" points="260.0,142.5 290.9,165.0 279.1,201.3 240.9,201.3 229.1,165.0"/>
        <polygon class="ring ring-50" points="260.0,110.0 321.8,154.9 298.2,227.6 221.8,227.6 198.2,154.9"/>
        <polygon class="ring ring-75" points="260.0,77.5 352.7,144.9 317.3,253.9 202.7,253.9 167.3,144.9"/>
        <polygon class="ring ring-100" points="260.0,45.0 383.6,134.8 336.4,280.2 183.6,280.2 136.4,134.8"/>
        <line class="axis" x1="260.0" y1="175.0" x2="260.0" y2="45.0"/>
        <line class="axis" x1="260.0" y1="175.0" x2="383.6" y2="134.8"/>
        <line class="axis" x1="260.0" y1="175.0" x2="336.4" y2="280.2"/>
        <line class="axis" x1="260.0" y1="175.0" x2="183.6" y2="280.2"/>
        <line class="axis" x1="260.0" y1="175.0" x2="136.4" y2="134.8"/>
        <text class="tick" x="264.0" y="140.5">25</text>
        <text class="tick" x="264.0" y="108.0">50</text>
        <text class="tick" x="264.0" y="75.5">75</text>
        <text class="tick" x="264.0" y="43.0">100</text>
        <polygon class="score" points="260.0,91.8 310.1,158.7 276.8,198.1 205.7,249.7 250.1,171.8"/>
        <circle class="point" cx="260.0" cy="91.8" r="3.5"/>
        <circle class="point" cx="310.1" cy="158.7" r="3.5"/>
        <circle class="point" cx="276.8" cy="198.1" r="3.5"/>
        <circle class="point" cx="205.7" cy="249.7" r="3.5"/>
        <circle class="point" cx="250.1" cy="171.8" r="3.5"/>
        <text class="label" x="260.0" y="31.0" text-anchor="middle">Judgment <tspan>64</tspan></text>
        <text class="label" x="393.1" y="127.7" text-anchor="start">Communication <tspan>40</tspan></text>
        <text class="label" x="342.3" y="302.3" text-anchor="start">Curiosity <tspan>22</tspan></text>
        <text class="label" x="177.7" y="302.3" text-anchor="end">Courage <tspan>71</tspan></text>
        <text class="label" x="126.9" y="127.7" text-anchor="end">Innovation <tspan>8</tspan></text>
        </svg>
        "#);
    }

    #[test]
    fn sample_report_is_safe_and_complete() {
        let r = sample::report();
        let html = export();
        assert!(html.starts_with("<!DOCTYPE html>"));
        assert!(!html.to_lowercase().contains("<script"), "no live script");
        assert!(!html.contains('\u{1b}'), "no raw escape byte");
        assert!(
            html.contains("\\u{1b}[31mred"),
            "the escape shown, not dropped"
        );
        assert!(html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"));
        assert!(html.contains("Ada &lt;b&gt;Lovelace&lt;/b&gt;"));
        assert!(html.contains("🎬"));
        assert!(html.contains("id=\"values-radar\""));
        // Nothing to fetch: no sources, no stylesheet links, no CSS urls or imports.
        for fetch in [" src=", "<link", "url(", "@import", "href=\"http"] {
            assert!(!html.contains(fetch), "{fetch}");
        }
        for v in &r.values {
            assert!(html.contains(&v.name), "value {}", v.name);
        }
        for s in &r.stages {
            assert!(html.contains(&s.title), "stage {}", s.title);
        }
        for q in &r.questions {
            assert!(
                block(&html, q.number).contains(&escape(&q.question)),
                "question {}",
                q.number
            );
        }
        assert!(block(&html, 2).contains("over budget"));
        assert!(!block(&html, 1).contains("over budget"));
        assert!(block(&html, 3).contains("skipped"));
        assert!(
            !block(&html, 3).contains("band-strong_no_hire"),
            "a skip is not a verdict"
        );
        assert!(
            block(&html, 1).contains("late.\nWe missed"),
            "line break kept"
        );
        let asked = block(&html, 1);
        assert!(
            asked.contains("<strong>Follow-up</strong>")
                && asked.contains("asked because the answer scored 0")
                && asked.contains("What changed, in numbers?"),
            "the follow-up, labelled with its reason: {asked}"
        );
        let offer = block(&html, 2);
        for label in ["The offer", "Recruiter&#39;s counter-move", "Reply:"] {
            assert!(offer.contains(label), "{label}: {offer}");
        }
        assert!(block(&html, 1).contains("Close with what you learned"));
        assert!(html.contains("25:10"), "duration");
        assert!(html.contains("61.5"), "overall");
        assert!(html.contains("badge band-hire"), "overall band badge");
    }

    #[test]
    fn exemplar_follows_the_answer_with_what_was_missed_marked() {
        let html = export();
        let one = block(&html, 1);
        let answer = one.find("class=\"answer\"").expect("answer shown");
        let exemplar = one.find("class=\"exemplar\"").expect("exemplar shown");
        assert!(answer < exemplar, "the candidate's answer comes first");
        assert!(one.contains("Missed in your answer: <mark>Reflects on the lesson</mark></p>"));
        assert!(
            !block(&html, 2).contains("exemplar"),
            "none in the bank, none shown"
        );
        assert!(
            !block(&html, 3).contains("<mark>"),
            "a skipped answer missed nothing"
        );
    }

    #[test]
    fn missed_names_beside_the_exemplar_are_escaped() {
        let mut r = sample::report();
        r.questions[0].missed[0].name = "<img src=x onerror=alert(1)>".into();
        let html = Html.export(&r, &Options::default());
        assert!(html.contains("<mark>&lt;img src=x onerror=alert(1)&gt;</mark>"));
        assert!(!html.contains("<img"));
    }

    #[test]
    fn export_is_stable() {
        assert_eq!(export(), export());
    }

    #[test]
    fn escape_covers_markup_quotes_and_controls() {
        assert_eq!(
            escape("<a href=\"x\" title='y'>&</a>"),
            "&lt;a href=&quot;x&quot; title=&#39;y&#39;&gt;&amp;&lt;/a&gt;"
        );
        assert_eq!(escape("a\nb\tc"), "a\nb\tc");
        assert_eq!(
            escape("\u{1b}[2J\u{0}\u{7f}\u{9b}"),
            "\\u{1b}[2J\\u{0}\\u{7f}\\u{9b}"
        );
        assert_eq!(escape("🎬 é"), "🎬 é");
    }

    #[test]
    fn radar_labels_are_escaped() {
        let mut values = sample::report().values;
        values[0].name = "<b onclick=\"x\">'J'</b>".into();
        let svg = radar(&values);
        assert!(
            svg.contains("&lt;b onclick=&quot;x&quot;&gt;&#39;J&#39;&lt;/b&gt; <tspan>64</tspan>")
        );
        assert!(!svg.contains("<b "));
    }

    #[test]
    fn radar_handles_no_values() {
        let svg = radar(&[]);
        assert!(svg.contains("id=\"values-radar\"") && svg.contains("No values scored"));
    }
}
