//! The report as terminal tables: questions, stages, values, strengths, improvements.

use comfy_table::{Cell, CellAlignment};

use super::{Exporter, Options};
use crate::report::deductions;
use crate::report::layout::clock;
use crate::report::layout::{band_cell, band_text, list_item, table};
use crate::report::model::QuestionStatus;
use crate::report::sanitize::{for_terminal, quoted};
use crate::report::SessionReport;
use crate::session::Status;

pub struct Table;

impl Exporter for Table {
    fn export(&self, report: &SessionReport, options: &Options) -> String {
        let mut out = String::new();
        let state = match report.status {
            Status::Complete => "Mock loop complete",
            Status::Unfinished => "Mock loop unfinished: the report covers the answers so far",
            Status::Abandoned => "Mock loop abandoned",
        };
        let who = report
            .candidate
            .as_deref()
            .map(|c| format!(" · {}", for_terminal(c)))
            .unwrap_or_default();
        let heading = format!("{state} · {}{who}", for_terminal(&report.loop_title));
        let columns = usize::from(options.width.unwrap_or(100)).max(40);
        out.push_str(&format!("\n{}\n", textwrap::fill(&heading, columns)));
        out.push_str(&format!(
            "Overall {:.1}/100 · {}\n\n",
            report.overall,
            band_text(report.band, options.color)
        ));

        let mut questions = table(options.width);
        if options.color {
            questions.enforce_styling();
        }
        questions.set_header(vec![
            "#",
            "Stage",
            "Question",
            "Time / budget",
            "Score",
            "Band",
        ]);
        for q in &report.questions {
            let budget = clock(f64::from(q.budget_secs));
            let time = match q.seconds_used {
                Some(used) if q.over_budget => format!("{} / {budget} over", clock(used)),
                Some(used) => format!("{} / {budget}", clock(used)),
                None => format!("- / {budget}"),
            };
            let score = q.score.map_or(q.status.to_string(), |s| format!("{s:.0}"));
            let band = match (q.band, q.status) {
                (_, QuestionStatus::Skipped) => Cell::new(q.status),
                (Some(b), _) => band_cell(b.as_str(), b, options.color),
                (None, status) => Cell::new(status),
            };
            let mut question = for_terminal(&q.question);
            if options.evidence {
                for line in &q.met {
                    question.push_str(&format!(
                        "
 + {}: {}",
                        for_terminal(&line.name),
                        quoted(&line.evidence)
                    ));
                }
                for line in &q.missed {
                    question.push_str(&format!("\n - {}", for_terminal(&line.name)));
                }
                for p in &q.penalties {
                    question.push_str(&format!(
                        "\n ! Penalty {} ({:.1} points): {}. {}",
                        for_terminal(&p.name),
                        p.points,
                        quoted(&p.evidence),
                        for_terminal(&p.advice)
                    ));
                }
                for a in q
                    .adjustments
                    .iter()
                    .filter(|a| a.id != deductions::PENALTIES)
                {
                    question.push_str(&format!(
                        "\n ~ {} {}: {}",
                        for_terminal(&a.id),
                        deductions::effect(a),
                        for_terminal(&a.reason)
                    ));
                }
            }
            questions.add_row(vec![
                Cell::new(q.number),
                Cell::new(for_terminal(&q.stage_title)),
                Cell::new(question),
                Cell::new(time),
                Cell::new(score).set_alignment(CellAlignment::Right),
                band,
            ]);
        }
        out.push_str(&questions.to_string());
        out.push_str("\n\n");

        if report.stages.len() > 1 {
            let mut stages = table(options.width);
            if options.color {
                stages.enforce_styling();
            }
            stages.set_header(vec!["Stage", "Score", "Band"]);
            for s in &report.stages {
                let score =
                    Cell::new(format!("{:.0}", s.score)).set_alignment(CellAlignment::Right);
                stages.add_row(vec![
                    Cell::new(for_terminal(&s.title)),
                    score,
                    band_cell(s.band.as_str(), s.band, options.color),
                ]);
            }
            out.push_str(&stages.to_string());
            out.push_str("\n\n");
        }

        // Value scores measure how much evidence of each value the answers show; a hiring band
        // would misread them, so the table shows the score and the strongest evidence.
        let mut values = table(options.width);
        values.set_header(vec!["Value", "Score", "Strongest evidence"]);
        for v in &report.values {
            let score = Cell::new(format!("{:.0}", v.score)).set_alignment(CellAlignment::Right);
            let evidence = quoted(&v.evidence);
            values.add_row(vec![
                Cell::new(for_terminal(&v.name)),
                score,
                Cell::new(evidence),
            ]);
        }
        out.push_str(&values.to_string());
        out.push('\n');

        let penalised: Vec<_> = report
            .questions
            .iter()
            .flat_map(|q| q.penalties.iter().map(move |p| (q.number, p)))
            .collect();
        if !penalised.is_empty() {
            out.push_str("\nPenalties\n");
            for (i, (number, p)) in penalised.iter().enumerate() {
                let text = format!(
                    "{} ({:.1} points, question {number}): {}. {}",
                    for_terminal(&p.name),
                    p.points,
                    quoted(&p.evidence),
                    for_terminal(&p.advice)
                );
                out.push_str(&list_item(i + 1, &text, options.width));
            }
        }
        if !report.strengths.is_empty() {
            out.push_str("\nStrengths\n");
            for (i, s) in report.strengths.iter().enumerate() {
                let text = format!(
                    "{} ({:.0}): {}",
                    for_terminal(&s.name),
                    s.score,
                    quoted(&s.evidence)
                );
                out.push_str(&list_item(i + 1, &text, options.width));
            }
        }
        if !report.weakest.is_empty() {
            out.push_str("\nWeakest answers\n");
            for (i, w) in report.weakest.iter().enumerate() {
                let text = format!(
                    "Question {} ({}, {:.0}): {}",
                    w.question,
                    for_terminal(&w.stage_title),
                    w.score,
                    for_terminal(&w.why)
                );
                out.push_str(&list_item(i + 1, &text, options.width));
            }
        }
        if !report.improvements.is_empty() {
            out.push_str("\nBiggest improvements\n");
            for (i, imp) in report.improvements.iter().enumerate() {
                let text = format!(
                    "{} (+{:.1} a question; most on question {}): {}",
                    for_terminal(&imp.name),
                    imp.gain,
                    imp.question,
                    for_terminal(&imp.advice)
                );
                out.push_str(&list_item(i + 1, &text, options.width));
            }
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::report::export::sample;

    fn render(width: u16, color: bool, evidence: bool) -> String {
        let options = Options {
            width: Some(width),
            color,
            evidence,
        };
        Table.export(&sample::report(), &options)
    }

    #[test]
    fn table_at_80_columns() {
        insta::assert_snapshot!(render(80, false, true), @r#"

        Mock loop complete · Netflix Product Manager interview loop · Ada
        <b>Lovelace</b>
        Overall 61.5/100 · hire

        ┌───┬─────────────┬───────────────────┬──────────────────┬───────┬─────────────┐
        │ # ┆ Stage       ┆ Question          ┆ Time / budget    ┆ Score ┆ Band        │
        ╞═══╪═════════════╪═══════════════════╪══════════════════╪═══════╪═════════════╡
        │ 1 ┆ Behavioral  ┆ Tell me about a   ┆ 3:05 / 4:00      ┆    78 ┆ strong_hire │
        │   ┆             ┆ failure.          ┆                  ┆       ┆             │
        │   ┆             ┆ + Describes what  ┆                  ┆       ┆             │
        │   ┆             ┆ you did: "I <scri ┆                  ┆       ┆             │
        │   ┆             ┆ pt>alert(1)</scri ┆                  ┆       ┆             │
        │   ┆             ┆ pt> shipped", "|  ┆                  ┆       ┆             │
        │   ┆             ┆ pipes |"          ┆                  ┆       ┆             │
        │   ┆             ┆ - Reflects on the ┆                  ┆       ┆             │
        │   ┆             ┆ lesson            ┆                  ┆       ┆             │
        │   ┆             ┆ ~ jargon ×0.90: 3 ┆                  ┆       ┆             │
        │   ┆             ┆ buzzwords         ┆                  ┆       ┆             │
        │   ┆             ┆ <em>without</em>  ┆                  ┆       ┆             │
        │   ┆             ┆ a plain           ┆                  ┆       ┆             │
        │   ┆             ┆ explanation       ┆                  ┆       ┆             │
        │ 2 ┆ Offer and   ┆ What are you      ┆ 3:20 / 3:00 over ┆    45 ┆ no_hire     │
        │   ┆ negotiation ┆ making now?       ┆                  ┆       ┆             │
        │   ┆             ┆ - Cites market    ┆                  ┆       ┆             │
        │   ┆             ┆ data              ┆                  ┆       ┆             │
        │   ┆             ┆ ! Penalty Gives   ┆                  ┆       ┆             │
        │   ┆             ┆ away current      ┆                  ┆       ┆             │
        │   ┆             ┆ salary (-4.5      ┆                  ┆       ┆             │
        │   ┆             ┆ points): "I'm     ┆                  ┆       ┆             │
        │   ┆             ┆ making $150,000   ┆                  ┆       ┆             │
        │   ┆             ┆ <b>now</b>".      ┆                  ┆       ┆             │
        │   ┆             ┆ Don't name your   ┆                  ┆       ┆             │
        │   ┆             ┆ current pay;      ┆                  ┆       ┆             │
        │   ┆             ┆ anchor on the     ┆                  ┆       ┆             │
        │   ┆             ┆ role's market     ┆                  ┆       ┆             │
        │   ┆             ┆ range.            ┆                  ┆       ┆             │
        │ 3 ┆ Offer and   ┆ We need an answer ┆ - / 3:00         ┆     0 ┆ skipped     │
        │   ┆ negotiation ┆ by tomorrow.      ┆                  ┆       ┆             │
        └───┴─────────────┴───────────────────┴──────────────────┴───────┴─────────────┘

        ┌───────────────────────┬───────┬────────────────┐
        │ Stage                 ┆ Score ┆ Band           │
        ╞═══════════════════════╪═══════╪════════════════╡
        │ Behavioral            ┆    78 ┆ strong_hire    │
        │ Offer and negotiation ┆    22 ┆ strong_no_hire │
        └───────────────────────┴───────┴────────────────┘

        ┌───────────────┬───────┬────────────────────┐
        │ Value         ┆ Score ┆ Strongest evidence │
        ╞═══════════════╪═══════╪════════════════════╡
        │ Judgment      ┆    64 ┆ "trade-off"        │
        │ Communication ┆    40 ┆                    │
        │ Curiosity     ┆    22 ┆                    │
        │ Courage       ┆    71 ┆                    │
        │ Innovation    ┆     8 ┆                    │
        └───────────────┴───────┴────────────────────┘

        Penalties
          1. Gives away current salary (-4.5 points, question 2): "I'm making $150,000
             <b>now</b>". Don't name your current pay; anchor on the role's market
             range.

        Strengths
          1. Describes what you did (50): "I <script>alert(1)</script> shipped"

        Weakest answers
          1. Question 3 (Offer and negotiation, 0): skipped: a skip scores 0
          2. Question 2 (Offer and negotiation, 45): rambling: 410 words <i>for</i> a 3-
             minute answer

        Biggest improvements
          1. Cites market data (+9.5 a question; most on question 2): Anchor on market
             data for the role and level.
        "#);
    }

    #[test]
    fn table_at_200_columns() {
        insta::assert_snapshot!(render(200, false, false), @r#"

        Mock loop complete · Netflix Product Manager interview loop · Ada <b>Lovelace</b>
        Overall 61.5/100 · hire

        ┌───┬───────────────────────┬────────────────────────────────┬──────────────────┬───────┬─────────────┐
        │ # ┆ Stage                 ┆ Question                       ┆ Time / budget    ┆ Score ┆ Band        │
        ╞═══╪═══════════════════════╪════════════════════════════════╪══════════════════╪═══════╪═════════════╡
        │ 1 ┆ Behavioral            ┆ Tell me about a failure.       ┆ 3:05 / 4:00      ┆    78 ┆ strong_hire │
        │ 2 ┆ Offer and negotiation ┆ What are you making now?       ┆ 3:20 / 3:00 over ┆    45 ┆ no_hire     │
        │ 3 ┆ Offer and negotiation ┆ We need an answer by tomorrow. ┆ - / 3:00         ┆     0 ┆ skipped     │
        └───┴───────────────────────┴────────────────────────────────┴──────────────────┴───────┴─────────────┘

        ┌───────────────────────┬───────┬────────────────┐
        │ Stage                 ┆ Score ┆ Band           │
        ╞═══════════════════════╪═══════╪════════════════╡
        │ Behavioral            ┆    78 ┆ strong_hire    │
        │ Offer and negotiation ┆    22 ┆ strong_no_hire │
        └───────────────────────┴───────┴────────────────┘

        ┌───────────────┬───────┬────────────────────┐
        │ Value         ┆ Score ┆ Strongest evidence │
        ╞═══════════════╪═══════╪════════════════════╡
        │ Judgment      ┆    64 ┆ "trade-off"        │
        │ Communication ┆    40 ┆                    │
        │ Curiosity     ┆    22 ┆                    │
        │ Courage       ┆    71 ┆                    │
        │ Innovation    ┆     8 ┆                    │
        └───────────────┴───────┴────────────────────┘

        Penalties
          1. Gives away current salary (-4.5 points, question 2): "I'm making $150,000 <b>now</b>". Don't name your current pay; anchor on the role's market range.

        Strengths
          1. Describes what you did (50): "I <script>alert(1)</script> shipped"

        Weakest answers
          1. Question 3 (Offer and negotiation, 0): skipped: a skip scores 0
          2. Question 2 (Offer and negotiation, 45): rambling: 410 words <i>for</i> a 3-minute answer

        Biggest improvements
          1. Cites market data (+9.5 a question; most on question 2): Anchor on market data for the role and level.
        "#);
    }

    #[test]
    fn colour_only_when_asked_and_never_a_raw_escape_from_an_answer() {
        let plain = render(100, false, true);
        assert!(!plain.contains('\u{1b}'));
        let coloured = render(100, true, true);
        assert!(coloured.contains("\u{1b}["), "bands are coloured");
        assert!(
            !coloured.contains("\u{1b}[31mred"),
            "the answer's own escape stays neutralised"
        );
    }
}
