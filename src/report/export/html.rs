//! The report as one self-contained HTML page: inline CSS and inline SVG only, no script and
//! nothing fetched, so it opens offline, can be mailed as a single file, and prints cleanly.
//! Every piece of text from the model goes through [`escape`]; only numbers we format ourselves
//! and fixed class names reach attributes unescaped.

use std::f64::consts::PI;

use super::{Exporter, Options};
use crate::report::deductions;
use crate::report::layout::clock;
use crate::report::model::{
    ImprovementRow, QuestionRow, QuestionStatus, SessionReport, StageRow, StrengthRow, TurnKind,
    ValueRow, WeakRow,
};
use crate::score::Band;

pub struct Html;

impl Exporter for Html {
    fn export(&self, r: &SessionReport, _: &Options) -> String {
        let mut out = String::new();
        out.push_str(&head(r));
        out.push_str("<body>\n<main>\n");
        out.push_str(&header(r));
        out.push_str(&values_section(&r.values));
        out.push_str(&stage_bars(&r.stages));
        out.push_str(&strengths(&r.strengths));
        out.push_str(&weakest(&r.weakest));
        out.push_str(&improvements(&r.improvements));
        if !r.questions.is_empty() {
            out.push_str("<h2>Answers</h2>\n");
        }
        for q in &r.questions {
            out.push_str(&question(q));
        }
        out.push_str("</main>\n</body>\n</html>\n");
        out
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
.bars td.bar { width: 50%; }
.bars svg { display: block; width: 100%; height: 14px; }
.bars .track { fill: var(--soft); stroke: var(--line); stroke-width: 0.3; }
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
@page { margin: 14mm; }
@media print {
  body { background: #fff; color: #000; font-size: 10.5pt; }
  main { max-width: none; padding: 0; }
  .answer { background: none; border-left-color: #999; }
  .question, .values, tr { break-inside: avoid; page-break-inside: avoid; }
  h2, h3 { break-after: avoid; page-break-after: avoid; }
  .bars svg { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
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

fn header(r: &SessionReport) -> String {
    let mut facts = Vec::new();
    if let Some(candidate) = &r.candidate {
        facts.push(("Candidate", escape(candidate)));
    }
    facts.push(("Session", format!("<code>{}</code>", escape(&r.session_id))));
    facts.push(("Started", escape(&r.started_at)));
    if let Some(d) = r.duration_secs {
        facts.push(("Duration", clock(d)));
    }
    facts.push(("Status", escape(r.status.as_str())));
    let facts: String = facts
        .iter()
        .map(|(k, v)| format!("<div><dt>{k}</dt><dd>{v}</dd></div>"))
        .collect();
    format!(
        "<header>\n<h1>Mock loop report: {}</h1>\n<dl class=\"facts\">{facts}</dl>\n\
         <p class=\"overall\"><span class=\"score\">{:.1}</span><span class=\"of\">/ 100 overall</span> {}</p>\n\
         </header>\n",
        escape(&r.loop_title),
        r.overall,
        badge(r.band),
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

/// A question's state when it has no band worth showing (skipped, not scored, not answered).
fn status_badge(status: QuestionStatus) -> String {
    // Our own fixed words, never user text.
    format!("<span class=\"badge status\">{status}</span>")
}

/// Value scores measure how much evidence of a value the answers show, not a verdict: no band
/// badge, whose red would make a `hire` loop look failed.
fn values_section(values: &[ValueRow]) -> String {
    let rows: String = values
        .iter()
        .map(|v| {
            format!(
                "<tr><td>{}</td><td class=\"num\">{:.0}</td><td>{}</td></tr>\n",
                escape(&v.name),
                v.score,
                quoted(&v.evidence)
            )
        })
        .collect();
    format!(
        "<h2>Values</h2>\n<div class=\"values\">\n{}<table>\n\
         <tr><th>Value</th><th class=\"num\">Score</th><th>Strongest evidence</th></tr>\n\
         {rows}</table>\n</div>\n",
        radar(values)
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

/// One horizontal bar per stage; SVG rather than CSS backgrounds because browsers print SVG
/// fills even when "background graphics" is off.
fn stage_bars(stages: &[StageRow]) -> String {
    if stages.is_empty() {
        return String::new();
    }
    let rows: String = stages
        .iter()
        .map(|s| {
            format!(
                "<tr><td>{}</td><td class=\"bar\"><svg viewBox=\"0 0 100 10\" preserveAspectRatio=\"none\" aria-hidden=\"true\">\
                 <rect class=\"track\" width=\"100\" height=\"10\"/>\
                 <rect class=\"fill-{}\" width=\"{:.1}\" height=\"10\"/></svg></td>\
                 <td class=\"num\">{:.0}</td><td>{}</td></tr>\n",
                escape(&s.title),
                s.band.as_str(),
                s.score.clamp(0.0, 100.0),
                s.score,
                badge(s.band)
            )
        })
        .collect();
    format!(
        "<h2>Stages</h2>\n<table class=\"bars\">\n\
         <tr><th>Stage</th><th>Score out of 100</th><th class=\"num\">Score</th><th>Band</th></tr>\n\
         {rows}</table>\n"
    )
}

fn strengths(rows: &[StrengthRow]) -> String {
    if rows.is_empty() {
        return String::new();
    }
    let body: String = rows
        .iter()
        .map(|s| {
            format!(
                "<tr><td>{}</td><td>{}</td><td class=\"num\">{:.0}</td><td>{}</td></tr>\n",
                escape(&s.name),
                escape(s.kind),
                s.score,
                quoted(&s.evidence)
            )
        })
        .collect();
    format!(
        "<h2>Strengths</h2>\n<table>\n\
         <tr><th>Strength</th><th>Kind</th><th class=\"num\">Score</th><th>Evidence</th></tr>\n\
         {body}</table>\n"
    )
}

fn improvements(rows: &[ImprovementRow]) -> String {
    if rows.is_empty() {
        return String::new();
    }
    let body: String = rows
        .iter()
        .map(|imp| {
            format!(
                "<tr><td>{}</td><td>{}</td><td class=\"num\">+{:.1}</td><td class=\"num\"><a href=\"#q{q}\">{q}</a></td></tr>\n",
                escape(&imp.name),
                escape(&imp.advice),
                imp.gain,
                q = imp.question
            )
        })
        .collect();
    format!(
        "<h2>Improvements</h2>\n<table>\n\
         <tr><th>Improvement</th><th>Advice</th><th class=\"num\">Gain a question</th><th class=\"num\">Question</th></tr>\n\
         {body}</table>\n"
    )
}

/// The weakest answers, each linked to its question.
fn weakest(rows: &[WeakRow]) -> String {
    if rows.is_empty() {
        return String::new();
    }
    let body: String = rows
        .iter()
        .map(|w| {
            format!(
                "<tr><td class=\"num\"><a href=\"#q{q}\">{q}</a></td><td>{}</td><td>{}</td><td class=\"num\">{:.0}</td><td>{}</td></tr>\n",
                escape(&w.stage_title),
                escape(&w.text),
                w.score,
                escape(&w.why),
                q = w.question
            )
        })
        .collect();
    format!(
        "<h2>Weakest answers</h2>\n<table>\n\
         <tr><th class=\"num\">Question</th><th>Stage</th><th>Asked</th><th class=\"num\">Score</th><th>What held it back</th></tr>\n\
         {body}</table>\n"
    )
}

fn question(q: &QuestionRow) -> String {
    let budget = clock(f64::from(q.budget_secs));
    let time = match q.seconds_used {
        Some(used) if q.over_budget => {
            format!(
                "{} / {budget} <span class=\"over\">over budget</span>",
                clock(used)
            )
        }
        Some(used) => format!("{} / {budget}", clock(used)),
        None => format!("– / {budget}"),
    };
    // A skipped question carries a 0 and the lowest band; the band would read as a verdict on
    // an answer that was never given, so show the status instead.
    let score = match (q.status, q.score, q.band) {
        (QuestionStatus::Answered, Some(s), Some(b)) => format!("{s:.0} {}", badge(b)),
        (status, Some(s), _) => format!("{s:.0} {}", status_badge(status)),
        (status, None, _) => format!("– {}", status_badge(status)),
    };
    let mut out = format!(
        "<section class=\"question\" id=\"q{}\">\n\
         <h3><span class=\"num\">{}.</span>{}</h3>\n<p class=\"text\">{}</p>\n\
         <p class=\"meta\"><span>Time {time}</span><span>Score {score}</span>",
        q.number,
        q.number,
        escape(&q.stage_title),
        escape(&q.question),
    );
    if q.follow_ups > 0 {
        out.push_str(&format!("<span>Follow-ups {}</span>", q.follow_ups));
    }
    out.push_str("</p>\n");
    for turn in &q.conversation {
        let reason = turn
            .reason
            .as_deref()
            .map(|r| format!(" <span class=\"why\">(asked because {})</span>", escape(r)))
            .unwrap_or_default();
        if turn.kind.by_candidate() {
            if turn.kind != TurnKind::Answer {
                out.push_str(&format!(
                    "<p class=\"turn\"><strong>{}:</strong></p>\n",
                    escape(turn.kind.label())
                ));
            }
            out.push_str(&format!(
                "<div class=\"answer\">{}</div>\n",
                escape(&turn.text)
            ));
        } else {
            out.push_str(&format!(
                "<p class=\"turn\"><strong>{}</strong>{reason}: {}</p>\n",
                escape(turn.kind.label()),
                escape(&turn.text)
            ));
        }
    }
    if q.answer.is_none() {
        out.push_str(&format!("<p class=\"none\">{}</p>\n", q.status));
    }
    if !q.met.is_empty()
        || !q.missed.is_empty()
        || !q.penalties.is_empty()
        || !q.adjustments.is_empty()
    {
        out.push_str("<ul class=\"criteria\">\n");
        for line in &q.met {
            out.push_str(&format!(
                "<li class=\"met\">Met: <strong>{}</strong>: {}</li>\n",
                escape(&line.name),
                quoted(&line.evidence)
            ));
        }
        for line in &q.missed {
            out.push_str(&format!(
                "<li class=\"missed\">Missed: <strong>{}</strong>: {}</li>\n",
                escape(&line.name),
                escape(&line.advice)
            ));
        }
        for p in &q.penalties {
            out.push_str(&format!(
                "<li class=\"penalty\">Penalty: <strong>{}</strong> <span class=\"points\">{:.1} points</span>: {}. {}</li>\n",
                escape(&p.name),
                p.points,
                quoted(&p.evidence),
                escape(&p.advice)
            ));
        }
        for a in q
            .adjustments
            .iter()
            .filter(|a| a.id != deductions::PENALTIES)
        {
            out.push_str(&format!(
                "<li class=\"adjustment\">Adjustment: <code>{}</code> {}: {}</li>\n",
                escape(&a.id),
                escape(&deductions::effect(a)),
                escape(&a.reason)
            ));
        }
        out.push_str("</ul>\n");
    }
    out.push_str("</section>\n");
    out
}

/// Evidence phrases, each in a `<q>` (the browser adds the quotation marks).
fn quoted(phrases: &[String]) -> String {
    let quoted: Vec<String> = phrases
        .iter()
        .map(|p| format!("<q>{}</q>", escape(p)))
        .collect();
    quoted.join(", ")
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
            c if c.is_control() => out.push_str(&format!("\\u{{{:x}}}", c as u32)),
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
