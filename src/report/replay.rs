//! Replays rendered for people: the then-and-now tables, the Markdown version, the summary
//! over many sessions, and the transcript that plays a session back with its evidence marked.

use comfy_table::{Cell, CellAlignment};

use super::deductions;
use super::export::markdown::inline;
use super::layout::{change_cell, clock, color_table};
use super::sanitize::{for_terminal, for_terminal_lines, quoted};
use crate::replay::{AllReplayed, Replay};
use crate::rubric::RubricSet;
use crate::score::ScoreCard;
use crate::session::Session;

fn num(x: Option<f64>) -> String {
    x.map_or("-".into(), |v| format!("{v:.1}"))
}

fn change(before: Option<f64>, after: Option<f64>) -> f64 {
    match (before, after) {
        (Some(b), Some(a)) => a - b,
        _ => 0.0,
    }
}

fn delta(before: Option<f64>, after: Option<f64>) -> String {
    match (before, after) {
        (Some(b), Some(a)) => format!("{:+.1}", a - b),
        _ => "-".into(),
    }
}

/// A replay as terminal tables: each answer then and now, with the criteria that moved.
pub fn table_text(r: &Replay, width: Option<u16>, color: bool) -> String {
    let rubric = if r.same_rubric() {
        "the same rubric".to_string()
    } else {
        format!(
            "rubric {} then, {} now",
            r.fingerprint_then, r.fingerprint_now
        )
    };
    let mut out = format!(
        "Replay of {} ({rubric})\nOverall {} then, {} now ({})\n\n",
        r.session_id,
        num(r.overall_before),
        num(r.overall_after),
        delta(r.overall_before, r.overall_after)
    );
    let mut answers = color_table(width, color);
    answers.set_header(vec![
        "#",
        "Stage",
        "Then",
        "Now",
        "Change",
        "Criteria that changed",
    ]);
    for a in &r.answers {
        let mut changed: Vec<String> = a
            .gained
            .iter()
            .map(|c| {
                format!(
                    "+ {} {:.0}→{:.0} {}",
                    c.name,
                    c.before,
                    c.after,
                    quoted(&c.evidence)
                )
            })
            .collect();
        changed.extend(a.lost.iter().map(|c| {
            format!(
                "- {} {:.0}→{:.0} {}",
                c.name,
                c.before,
                c.after,
                quoted(&c.evidence)
            )
        }));
        answers.add_row(vec![
            Cell::new(a.number),
            Cell::new(for_terminal(&a.stage_title)),
            Cell::new(num(a.before)).set_alignment(CellAlignment::Right),
            Cell::new(num(a.after)).set_alignment(CellAlignment::Right),
            change_cell(change(a.before, a.after), delta(a.before, a.after), color),
            Cell::new(for_terminal_lines(&changed.join("\n"))),
        ]);
    }
    out.push_str(&answers.to_string());
    out.push_str("\n\n");
    let mut values = color_table(width, color);
    values.set_header(vec!["Value", "Then", "Now", "Change"]);
    for v in &r.values {
        values.add_row(vec![
            Cell::new(for_terminal(&v.name)),
            Cell::new(format!("{:.1}", v.before)).set_alignment(CellAlignment::Right),
            Cell::new(format!("{:.1}", v.after)).set_alignment(CellAlignment::Right),
            change_cell(
                v.after - v.before,
                format!("{:+.1}", v.after - v.before),
                color,
            ),
        ]);
    }
    out.push_str(&values.to_string());
    out.push('\n');
    out
}

/// A replay as GitHub-flavoured Markdown, every piece of saved text escaped as the report's is.
pub fn markdown(r: &Replay) -> String {
    let mut out = format!(
        "# Replay of `{}`\n\nOverall {} then, {} now ({}); rubric {} then, {} now.\n\n| # | Stage | Then | Now | Change |\n|---:|---|---:|---:|---:|\n",
        inline(&r.session_id),
        num(r.overall_before),
        num(r.overall_after),
        delta(r.overall_before, r.overall_after),
        inline(&r.fingerprint_then),
        inline(&r.fingerprint_now)
    );
    for a in &r.answers {
        out.push_str(&format!(
            "| {} | {} | {} | {} | {} |\n",
            a.number,
            inline(&a.stage_title),
            num(a.before),
            num(a.after),
            delta(a.before, a.after)
        ));
    }
    out.push_str("\n| Value | Then | Now | Change |\n|---|---:|---:|---:|\n");
    for v in &r.values {
        out.push_str(&format!(
            "| {} | {:.1} | {:.1} | {:+.1} |\n",
            inline(&v.name),
            v.before,
            v.after,
            v.after - v.before
        ));
    }
    out
}

/// `replay --all`: how many sessions moved, the largest changes, and band changes.
pub fn summary_text(all: &AllReplayed, markdown: bool) -> String {
    let bullet = if markdown { "- " } else { "  " };
    let mut out = format!(
        "{} sessions replayed; mean change {:+.1} points\n",
        all.sessions, all.mean_change
    );
    if !all.largest.is_empty() {
        out.push_str("\nLargest changes:\n");
        for m in &all.largest {
            out.push_str(&format!(
                "{bullet}{}: {:.1} → {:.1} ({:+.1})\n",
                m.session_id,
                m.before,
                m.after,
                m.after - m.before
            ));
        }
    }
    out.push_str(&format!(
        "\n{} sessions change band",
        all.band_changes.len()
    ));
    out.push_str(if all.band_changes.is_empty() {
        ".\n"
    } else {
        ":\n"
    });
    for m in &all.band_changes {
        out.push_str(&format!(
            "{bullet}{}: {} → {}\n",
            m.session_id, m.band_before, m.band_after
        ));
    }
    out
}

/// The session as it happened: stage briefs, questions, follow-ups, what was said with the
/// evidence marked, time used against the budget, and the score recorded then.
pub fn transcript(session: &Session, set: &RubricSet) -> String {
    let mut out = format!(
        "Session {} · started {}\n",
        session.id,
        session.started_at.format("%Y-%m-%d %H:%M UTC")
    );
    let mut stage_shown = String::new();
    let total = session.questions.len();
    for (i, q) in session.questions.iter().enumerate() {
        if q.stage != stage_shown {
            stage_shown = q.stage.clone();
            if let Some(stage) = set.stage(&q.stage) {
                out.push_str(&format!(
                    "\n== {} ==\n{}\n",
                    stage.meta.title,
                    textwrap::fill(&stage.meta.brief, 100)
                ));
            }
        }
        out.push_str(&format!(
            "\nQuestion {}/{total}: {}\n",
            i + 1,
            for_terminal(&q.question)
        ));
        if !q.done {
            out.push_str("  (not answered)\n");
            continue;
        }
        if q.skipped {
            out.push_str("  (skipped)\n");
            continue;
        }
        for f in &q.follow_ups {
            out.push_str(&format!(
                "  Follow-up, because {}: {}\n",
                f.reason,
                for_terminal(&f.prompt)
            ));
        }
        if let Some(n) = &q.negotiation {
            out.push_str(&format!(
                "  Recruiter's counter-move: {}\n",
                for_terminal(&n.counter_move)
            ));
        }
        let said = q.full_answer();
        let marked = match &q.card {
            Some(card) => mark(&said, card),
            None => said.clone(),
        };
        out.push_str("  What was said (evidence marked «like this»):\n");
        for line in for_terminal_lines(&marked).lines() {
            out.push_str(&format!("    {line}\n"));
        }
        let time = q.seconds_used.map_or("-".into(), clock);
        let over = if q.over_budget { " (over budget)" } else { "" };
        let score = q.card.as_ref().map_or(
            q.score_error.clone().unwrap_or_else(|| "not scored".into()),
            |c| format!("{:.1} {}", c.overall, c.band),
        );
        out.push_str(&format!(
            "  Time {time} of {}{over} · score then {score}\n",
            clock(f64::from(q.budget_secs))
        ));
        if let Some(card) = &q.card {
            for p in deductions::penalties(card) {
                out.push_str(&format!(
                    "  Penalty: {} ({:.1} points): {}. {}\n",
                    for_terminal(&p.name),
                    p.points,
                    quoted(&p.evidence),
                    for_terminal(&p.advice)
                ));
            }
            for a in card
                .adjustments
                .iter()
                .filter(|a| a.id != deductions::PENALTIES)
            {
                out.push_str(&format!(
                    "  Adjustment: {} {}: {}\n",
                    for_terminal(&a.id),
                    deductions::effect(a),
                    for_terminal(&a.reason)
                ));
            }
        }
    }
    out
}

/// The text with every credited span wrapped in «»; overlapping spans are merged.
fn mark(text: &str, card: &ScoreCard) -> String {
    let mut spans: Vec<(usize, usize)> = card
        .criteria
        .iter()
        .flat_map(|c| &c.evidence)
        .chain(card.values.values().flat_map(|v| &v.evidence))
        .map(|e| (e.start, e.end))
        .filter(|(s, e)| {
            s < e && *e <= text.len() && text.is_char_boundary(*s) && text.is_char_boundary(*e)
        })
        .collect();
    spans.sort_unstable();
    let mut merged: Vec<(usize, usize)> = Vec::new();
    for (s, e) in spans {
        match merged.last_mut() {
            Some(last) if s <= last.1 => last.1 = last.1.max(e),
            _ => merged.push((s, e)),
        }
    }
    let mut out = String::with_capacity(text.len() + merged.len() * 4);
    let mut at = 0;
    for (s, e) in merged {
        out.push_str(&text[at..s]);
        out.push('«');
        out.push_str(&text[s..e]);
        out.push('»');
        at = e;
    }
    out.push_str(&text[at..]);
    out
}
