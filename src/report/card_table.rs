//! One score card as tables: criteria and values with their evidence, adjustments, and what to
//! improve first.

use comfy_table::{Cell, CellAlignment};

use super::deductions;
use super::layout::{band_text, list_item, table};

use super::sanitize::{for_terminal, quoted as quote_all};
use crate::rubric::RubricSet;
use crate::score::{CriterionScore, Evidence, ScoreCard};

/// How many evidence phrases a cell shows; the JSON output has them all.
const EVIDENCE_SHOWN: usize = 3;

/// The card with the rubric's display names: the stage's title, the question's text, and the
/// values in the rubric's order (ids stay in the JSON); `color` paints the band.
pub fn render(card: &ScoreCard, set: &RubricSet, width: Option<u16>, color: bool) -> String {
    let mut out = String::new();
    let stage = set.stage(&card.stage);
    let title = stage.map_or(card.stage.as_str(), |s| s.meta.title.as_str());
    let question = card
        .question_id
        .as_deref()
        .and_then(|id| stage.and_then(|s| s.question(id)))
        .map_or("your own question, on the stage rubric only", |q| {
            q.text.as_str()
        });
    let wrap = usize::from(width.unwrap_or(100)).max(40);
    out.push_str(&textwrap::fill(
        &for_terminal(&format!("{title} · {question}")),
        wrap,
    ));
    out.push('\n');
    out.push_str(&format!(
        "Overall {:.1}/100 · {}\n\n",
        card.overall,
        band_text(card.band, color)
    ));

    let mut criteria = table(width);
    criteria.set_header(vec!["Criterion", "Score", "Evidence"]);
    for c in &card.criteria {
        let name = if c.source == crate::score::Source::Question {
            format!("{} (question)", for_terminal(&c.name))
        } else {
            for_terminal(&c.name)
        };
        criteria.add_row(vec![
            Cell::new(name),
            score_cell(c.score),
            Cell::new(criterion_evidence(c)),
        ]);
    }
    out.push_str(&criteria.to_string());
    out.push_str("\n\n");

    let penalties = deductions::penalties(card);
    if !penalties.is_empty() {
        let mut shown = table(width);
        shown.set_header(vec!["Penalty", "Points", "Evidence", "Advice"]);
        for p in &penalties {
            shown.add_row(vec![
                Cell::new(for_terminal(&p.name)),
                Cell::new(format!("{:.1}", p.points)).set_alignment(CellAlignment::Right),
                Cell::new(quote_all(p.evidence.iter().take(EVIDENCE_SHOWN))),
                Cell::new(for_terminal(&p.advice)),
            ]);
        }
        out.push_str(&shown.to_string());
        out.push_str("\n\n");
    }

    let mut values = table(width);
    values.set_header(vec!["Value", "Score", "Evidence"]);
    // Rubric order, as every other view lists values; a value the rubric no longer has last.
    let known = set
        .values
        .iter()
        .filter_map(|v| card.values.get(v.id.as_str()));
    let unknown = card
        .values
        .iter()
        .filter(|(id, _)| !set.values.iter().any(|v| *v.id == ***id))
        .map(|(_, v)| v);
    for v in known.chain(unknown) {
        let mut shown = quoted(&v.evidence);
        if !v.counter_evidence.is_empty() {
            shown.push_str(&format!("  against: {}", quoted(&v.counter_evidence)));
        }
        values.add_row(vec![
            Cell::new(for_terminal(&v.name)),
            score_cell(v.score),
            Cell::new(shown),
        ]);
    }
    out.push_str(&values.to_string());
    out.push('\n');

    let parts = format!(
        "Parts: keywords {:.0} · values {:.0} · specificity {:.0}",
        card.parts.keywords, card.parts.values, card.parts.specificity
    );
    out.push('\n');
    out.push_str(&textwrap::fill(&parts, wrap));
    out.push('\n');
    if !card.adjustments.is_empty() {
        out.push_str("Adjustments\n");
        for a in &card.adjustments {
            let text = format!("{}: {}, {}", a.id, deductions::effect(a), a.reason);
            out.push_str(&list_item_bullet(&text, width));
        }
    }
    if !card.improvements.is_empty() {
        out.push_str("\nWhat to improve\n");
        for (i, imp) in card.improvements.iter().take(5).enumerate() {
            let text = format!(
                "{} (+{:.1}): {}",
                for_terminal(&imp.name),
                imp.gain,
                for_terminal(&imp.advice)
            );
            out.push_str(&list_item(i + 1, &text, width));
        }
    }
    out
}

fn score_cell(score: f64) -> Cell {
    Cell::new(format!("{score:.0}")).set_alignment(CellAlignment::Right)
}

fn criterion_evidence(c: &CriterionScore) -> String {
    let mut shown = quoted(&c.evidence);
    if !c.negated.is_empty() {
        if !shown.is_empty() {
            shown.push_str("  ");
        }
        shown.push_str(&format!("negated, no credit: {}", quoted(&c.negated)));
    }
    shown
}

/// Distinct phrases, in answer order, quoted and made safe for a terminal.
fn quoted(evidence: &[Evidence]) -> String {
    let mut phrases: Vec<&str> = Vec::new();
    let mut sorted: Vec<&Evidence> = evidence.iter().collect();
    sorted.sort_by_key(|e| e.start);
    for e in sorted {
        if !phrases.iter().any(|p| p.eq_ignore_ascii_case(&e.text)) {
            phrases.push(&e.text);
        }
    }
    let extra = phrases.len().saturating_sub(EVIDENCE_SHOWN);
    let shown = quote_all(phrases.iter().take(EVIDENCE_SHOWN));
    if extra > 0 {
        format!("{shown}, +{extra} more")
    } else {
        shown
    }
}

/// A bulleted line wrapped to the width, continuation lines under its text.
fn list_item_bullet(text: &str, width: Option<u16>) -> String {
    let width = usize::from(width.unwrap_or(100)).max(40);
    let options = textwrap::Options::new(width)
        .initial_indent("  - ")
        .subsequent_indent("    ");
    textwrap::fill(&for_terminal(text), options) + "\n"
}
