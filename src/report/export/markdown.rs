//! The report as GitHub-flavoured Markdown, for sharing with a coach. Every piece of user text
//! is escaped so that it cannot end a table cell, open markup, or carry terminal escapes. The
//! sections and their contents come from the shared walk in [`super::markup`].

use super::markup::{self, Align, Mark, Markup};
use super::{Exporter, Options};
use crate::report::model::{QuestionRow, QuestionStatus};
use crate::report::SessionReport;
use crate::score::Band;

pub struct Markdown;

impl Exporter for Markdown {
    fn export(&self, r: &SessionReport, _: &Options) -> String {
        markup::render(self, r)
    }
}

impl Markup for Markdown {
    fn text(&self, s: &str) -> String {
        inline(s)
    }

    fn begin(&self, r: &SessionReport, facts: &[(&str, String)]) -> String {
        let facts: Vec<String> = facts
            .iter()
            .map(|(label, value)| format!("**{label}:** {value}"))
            .collect();
        format!(
            "# Mock loop report: {}\n\n{}\n\n**Overall: {:.1} / 100 ({})**\n",
            inline(&r.loop_title),
            facts.join(" · "),
            r.overall,
            r.band
        )
    }

    fn end(&self) -> String {
        String::new()
    }

    fn heading(&self, title: &str) -> String {
        format!("\n## {title}\n\n")
    }

    fn table(&self, columns: &[(&str, Align)], rows: &[Vec<String>]) -> String {
        let line = |cells: Vec<&str>| format!("| {} |\n", cells.join(" | "));
        let mut out = line(columns.iter().map(|c| c.0).collect());
        let rules: Vec<&str> = columns
            .iter()
            .map(|c| match c.1 {
                Align::Right => "---:",
                Align::Left | Align::Chart => "---",
            })
            .collect();
        out.push_str(&format!("|{}|\n", rules.join("|")));
        for row in rows {
            out.push_str(&line(row.iter().map(String::as_str).collect()));
        }
        out
    }

    fn code(&self, s: &str) -> String {
        // A code span cannot escape a backtick, so one is dropped rather than end the span.
        format!("`{}`", s.replace('`', ""))
    }

    fn band(&self, band: Band) -> String {
        band.to_string()
    }

    fn status(&self, status: QuestionStatus) -> String {
        status.to_string()
    }

    fn quoted(&self, phrases: &[String]) -> String {
        let quoted: Vec<String> = phrases.iter().map(|p| format!("“{}”", inline(p))).collect();
        quoted.join(", ")
    }

    fn over_budget(&self) -> String {
        " (over)".into()
    }

    fn question_link(&self, n: usize) -> String {
        n.to_string()
    }

    fn strong(&self, s: &str) -> String {
        format!("**{s}**")
    }

    fn question_start(&self, q: &QuestionRow, stage: &str, question: &str) -> String {
        // A blank line parts a block from the one before; the first follows the heading's.
        let gap = if q.number > 1 { "\n" } else { "" };
        format!("{gap}### {}. {stage}: {question}\n\n", q.number)
    }

    fn question_meta(&self, facts: &[(&str, String)]) -> String {
        let facts: Vec<String> = facts.iter().map(|(k, v)| format!("{k} {v}")).collect();
        format!("{}\n\n", facts.join(" · "))
    }

    fn answer(&self, text: &str) -> String {
        text.lines().map(|l| format!("> {}\n", inline(l))).collect()
    }

    fn reply_label(&self, label: &str) -> String {
        format!("**{label}:**\n\n")
    }

    fn said(&self, label: &str, reason: Option<&str>, text: &str) -> String {
        let reason = reason
            .map(|r| format!(" (asked because {r})"))
            .unwrap_or_default();
        format!("**{label}**{reason}: {}\n", inline(text))
    }

    /// A blank line, so each turn is its own paragraph or quote.
    fn turn_gap(&self) -> String {
        "\n".into()
    }

    fn points(&self, points: f64) -> String {
        format!("({points:.1} points)")
    }

    fn no_answer(&self, status: QuestionStatus) -> String {
        format!("_{status}_\n")
    }

    fn criteria(&self, lines: &[(Mark, String)]) -> String {
        if lines.is_empty() {
            return String::new();
        }
        let items: String = lines.iter().map(|(_, l)| format!("- {l}\n")).collect();
        format!("\n{items}")
    }

    fn exemplar(&self, text: &str, missed: &[String]) -> String {
        let mut out = String::from("\n#### Exemplar answer\n\n");
        if !missed.is_empty() {
            let names: Vec<String> = missed.iter().map(|n| format!("**{n}**")).collect();
            out.push_str(&format!("Missed in your answer: {}\n\n", names.join(", ")));
        }
        for line in text.lines() {
            out.push_str(&format!("> {}\n", inline(line)));
        }
        out
    }

    fn question_end(&self) -> String {
        String::new()
    }
}

/// Text made safe for one line of Markdown, table cells included: Markdown and HTML specials
/// escaped, line breaks folded, control characters shown as `\u{..}`.
pub(crate) fn inline(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for ch in text.chars() {
        match ch {
            '\\' | '|' | '*' | '_' | '`' | '[' | ']' | '#' | '~' => {
                out.push('\\');
                out.push(ch);
            }
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '&' => out.push_str("&amp;"),
            '\n' | '\r' | '\t' => out.push(' '),
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

    #[test]
    fn markdown_report() {
        insta::assert_snapshot!(Markdown.export(&sample::report(), &Options::default()), @r#"
        # Mock loop report: Netflix Product Manager interview loop

        **Candidate:** Ada &lt;b&gt;Lovelace&lt;/b&gt; · **Session:** `20261126-101500-00ab` · **Started:** 2026-11-26T10:15:00+00:00 · **Duration:** 25:10 · **Status:** complete

        **Overall: 61.5 / 100 (hire)**

        ## Questions

        | # | Stage | Question | Time / budget | Score | Band |
        |---:|---|---|---|---:|---|
        | 1 | Behavioral | Tell me about a failure. | 3:05 / 4:00 | 78 | strong_hire |
        | 2 | Offer and negotiation | What are you making now? | 3:20 / 3:00 (over) | 45 | no_hire |
        | 3 | Offer and negotiation | We need an answer by tomorrow. | – / 3:00 | 0 | skipped |

        ## Stages

        | Stage | Score | Band |
        |---|---:|---|
        | Behavioral | 78 | strong_hire |
        | Offer and negotiation | 22 | strong_no_hire |

        ## Values

        | Value | Score | Strongest evidence |
        |---|---:|---|
        | Judgment | 64 | “trade-off” |
        | Communication | 40 |  |
        | Curiosity | 22 |  |
        | Courage | 71 |  |
        | Innovation | 8 |  |

        ## Strengths

        | Strength | Kind | Score | Evidence |
        |---|---|---:|---|
        | Describes what you did | criterion | 50 | “I &lt;script&gt;alert(1)&lt;/script&gt; shipped” |

        ## Weakest answers

        | Question | Stage | Asked | Score | What held it back |
        |---|---|---|---:|---|
        | **Question 3** | Offer and negotiation | We need an answer by tomorrow. | 0 | skipped: a skip scores 0 |
        | **Question 2** | Offer and negotiation | What are you making now? | 45 | rambling: 410 words &lt;i&gt;for&lt;/i&gt; a 3-minute answer |

        ## Improvements

        | Improvement | Advice | Gain a question | Question |
        |---|---|---:|---:|
        | Cites market data | Anchor on market data for the role and level. | +9.5 | 2 |

        ## Answers

        ### 1. Behavioral: Tell me about a failure.

        Time 3:05 / 4:00 · Score 78 strong_hire · Follow-ups 1

        > At my last company I &lt;script&gt;alert(1)&lt;/script&gt; shipped \| pipes \| late.
        > We missed the date.

        **Follow-up** (asked because the answer scored 0 on "Measures the result"): What changed, in numbers?

        **Answer to the follow-up:**

        > Churn fell 5% \u{1b}\[31mred\u{1b}\[0m 🎬

        - Met: **Describes what you did**: “I &lt;script&gt;alert(1)&lt;/script&gt; shipped”, “\| pipes \|”
        - Missed: **Reflects on the lesson**: Close with what you learned or would do differently.
        - Adjustment: `jargon` ×0.90: 3 buzzwords &lt;em&gt;without&lt;/em&gt; a plain explanation

        #### Exemplar answer

        Missed in your answer: **Reflects on the lesson**

        > At a fitness app I &lt;b&gt;shipped&lt;/b&gt; \| a flow \| too early.
        > I learned to test first.

        ### 2. Offer and negotiation: What are you making now?

        Time 3:20 / 3:00 (over) · Score 45 no_hire

        **The offer**: The recruiter calls: "We'd like to offer you the role: a base salary of $420,000."

        > I'd rather not share that.

        **Recruiter's counter-move**: Our offers are already top of market. What would it take for you to say yes?

        **Reply:**

        > Market data for the level.

        - Missed: **Cites market data**: Anchor on market data for the role and level.
        - Penalty: **Gives away current salary** (-4.5 points): “I'm making $150,000 &lt;b&gt;now&lt;/b&gt;”. Don't name your current pay; anchor on the role's market range.

        ### 3. Offer and negotiation: We need an answer by tomorrow.

        Time – / 3:00 · Score 0 skipped

        _skipped_

        #### Exemplar answer

        > I'd ask for a week.
        "#);
    }

    #[test]
    fn user_text_cannot_break_a_table_row() {
        assert_eq!(inline("a | b\nc"), "a \\| b c");
        assert_eq!(inline("<script>"), "&lt;script&gt;");
        assert_eq!(inline("\u{1b}[2J"), "\\u{1b}\\[2J");
    }
}
