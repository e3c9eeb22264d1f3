//! One score card as tables: criteria and values with their evidence, adjustments, and what to
//! improve first.

use comfy_table::{Cell, CellAlignment};

use super::layout::{band_text, list_item, table};

use super::sanitize::{for_terminal, quoted as quote_all};
use crate::score::{CriterionScore, Evidence, ScoreCard};

/// How many evidence phrases a cell shows; the JSON output has them all.
const EVIDENCE_SHOWN: usize = 3;

/// The card as terminal tables; `color` paints the band.
pub fn render(card: &ScoreCard, width: Option<u16>, color: bool) -> String {
    let mut out = String::new();
    let question = card
        .question_id
        .as_deref()
        .unwrap_or("free text, stage rubric only");
    out.push_str(&format!(
        "Stage {} · question: {}\n",
        for_terminal(&card.stage),
        for_terminal(question)
    ));
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
    for p in &card.penalties {
        criteria.add_row(vec![
            Cell::new(format!("Penalty: {}", for_terminal(&p.name))),
            Cell::new(format!("-{:.0}", p.score)).set_alignment(CellAlignment::Right),
            Cell::new(quoted(&p.evidence)),
        ]);
    }
    out.push_str(&criteria.to_string());
    out.push_str("\n\n");

    let mut values = table(width);
    values.set_header(vec!["Value", "Score", "Evidence"]);
    for v in card.values.values() {
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

    if !card.adjustments.is_empty() {
        out.push_str("\nAdjustments\n");
        for a in &card.adjustments {
            let effect = if a.id == "penalties" {
                format!("{:+.1} points", a.effect)
            } else {
                format!("×{:.2}", a.effect)
            };
            out.push_str(&format!("  {:<10} {:<12} {}\n", a.id, effect, a.reason));
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
