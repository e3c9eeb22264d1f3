//! The practice plan as terminal tables, Markdown or JSON. Quotes from answers are made safe
//! for each: control sequences neutralised everywhere, Markdown specials escaped.

use comfy_table::{Cell, CellAlignment};

use super::export::markdown::inline;
use super::layout::table;
use super::sanitize::for_terminal;
use crate::practice::{PracticePlan, Suggestion, Weakness};

/// The command that trains the plan's weaknesses.
pub const FOCUS_HINT: &str = "mockloop run --focus weakest";

/// "from 5 sessions, 2026-11-01 to 2026-11-28", or "from one session (2026-11-28)".
fn basis(plan: &PracticePlan) -> String {
    let day = |d: Option<chrono::DateTime<chrono::Utc>>| {
        d.map(|d| d.format("%Y-%m-%d").to_string())
            .unwrap_or_default()
    };
    if plan.sessions == 1 {
        format!(
            "from one session ({}): trends and questions due again need more",
            day(plan.last)
        )
    } else if day(plan.first) == day(plan.last) {
        format!("from {} sessions on {}", plan.sessions, day(plan.last))
    } else {
        format!(
            "from {} sessions, {} to {}",
            plan.sessions,
            day(plan.first),
            day(plan.last)
        )
    }
}

fn trend(t: Option<f64>) -> String {
    match t {
        None => "-".into(),
        Some(t) if t >= 1.0 => format!("{t:+.0}, improving"),
        Some(t) if t <= -1.0 => format!("{t:+.0}, slipping"),
        Some(_) => "steady".into(),
    }
}

fn missed(w: &Weakness) -> String {
    format!("{} of {}", w.missed.times, w.missed.of)
}

fn title(plan: &PracticePlan, sanitize: impl Fn(&str) -> String) -> String {
    let who = plan
        .candidate
        .as_deref()
        .map(|c| format!(" for {}", sanitize(c)))
        .unwrap_or_default();
    format!("Practice plan{who}, {}", basis(plan))
}

pub fn table_text(plan: &PracticePlan, width: Option<u16>) -> String {
    let mut out = format!("{}\n\n", title(plan, for_terminal));
    if plan.weaknesses.is_empty() {
        out.push_str("No criterion or value was missed: keep practising the full loop.\n");
    } else {
        out.push_str("Weakest spots (missed where they applied; the points each cost an answer)\n");
        let mut t = table(width);
        t.set_header(vec![
            "#",
            "Weakness",
            "Missed",
            "Costs",
            "Trend",
            "What to do, and where it showed",
        ]);
        for (i, w) in plan.weaknesses.iter().enumerate() {
            let mut advice = w.advice.clone();
            if let Some(q) = &w.quote {
                advice.push_str(&format!("\nYou said: “{}”", for_terminal(q)));
            }
            let right = |text: String| Cell::new(text).set_alignment(CellAlignment::Right);
            t.add_row(vec![
                Cell::new(i + 1),
                Cell::new(format!("{}\n{} {}", w.name, w.kind.as_str(), w.id)),
                right(missed(w)),
                right(format!("{:.1} pts", w.cost)),
                Cell::new(trend(w.trend)),
                Cell::new(advice),
            ]);
        }
        out.push_str(&t.to_string());
        out.push('\n');
    }
    suggestions_table(&mut out, "Practise next", &plan.questions, width);
    suggestions_table(&mut out, "Due again", &plan.due, width);
    if !plan.weaknesses.is_empty() {
        out.push_str(&format!("\nTrain these in a loop: {FOCUS_HINT}\n"));
    }
    out
}

fn suggestions_table(out: &mut String, heading: &str, list: &[Suggestion], width: Option<u16>) {
    out.push_str(&format!("\n{heading}\n"));
    if list.is_empty() {
        out.push_str("  none yet\n");
        return;
    }
    let mut t = table(width);
    t.set_header(vec!["#", "Question", "Stage", "Why"]);
    for (i, s) in list.iter().enumerate() {
        t.add_row(vec![
            Cell::new(i + 1),
            Cell::new(format!("{}\n{}", s.text, s.id)),
            Cell::new(&s.stage),
            Cell::new(&s.why),
        ]);
    }
    out.push_str(&t.to_string());
    out.push('\n');
}

pub fn markdown(plan: &PracticePlan) -> String {
    let mut out = format!("# {}\n\n", title(plan, inline));
    if plan.weaknesses.is_empty() {
        out.push_str("No criterion or value was missed: keep practising the full loop.\n");
    } else {
        out.push_str("## Weakest spots\n\n| # | Weakness | Missed | Costs | Trend | What to do | Where it showed |\n|---:|---|---:|---:|---|---|---|\n");
        for (i, w) in plan.weaknesses.iter().enumerate() {
            let quote = w
                .quote
                .as_deref()
                .map(|q| format!("“{}”", inline(q)))
                .unwrap_or_default();
            out.push_str(&format!(
                "| {} | **{}** ({} `{}`) | {} | {:.1} pts | {} | {} | {quote} |\n",
                i + 1,
                inline(&w.name),
                w.kind.as_str(),
                w.id,
                missed(w),
                w.cost,
                trend(w.trend),
                inline(&w.advice)
            ));
        }
    }
    for (heading, list) in [("Practise next", &plan.questions), ("Due again", &plan.due)] {
        out.push_str(&format!("\n## {heading}\n\n"));
        if list.is_empty() {
            out.push_str("None yet.\n");
            continue;
        }
        out.push_str("| # | Question | Stage | Why |\n|---:|---|---|---|\n");
        for (i, s) in list.iter().enumerate() {
            out.push_str(&format!(
                "| {} | {} (`{}`) | {} | {} |\n",
                i + 1,
                inline(&s.text),
                s.id,
                inline(&s.stage),
                inline(&s.why)
            ));
        }
    }
    if !plan.weaknesses.is_empty() {
        out.push_str(&format!("\nTrain these in a loop: `{FOCUS_HINT}`\n"));
    }
    out
}

/// One JSON object; quotes carry no control characters, so printing a field is safe.
pub fn json(plan: &PracticePlan) -> String {
    let mut safe = plan.clone();
    for w in &mut safe.weaknesses {
        w.quote = w.quote.as_deref().map(for_terminal);
    }
    serde_json::to_string_pretty(&safe).expect("a plan always serialises") + "\n"
}
