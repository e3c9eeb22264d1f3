//! The report as GitHub-flavoured Markdown, for sharing with a coach. Every piece of user text
//! is escaped so that it cannot end a table cell, open markup, or carry terminal escapes.

use super::{Exporter, Options};
use crate::report::deductions;
use crate::report::layout::clock;
use crate::report::model::{QuestionStatus, Turn, TurnKind};
use crate::report::SessionReport;

pub struct Markdown;

impl Exporter for Markdown {
    fn export(&self, r: &SessionReport, _: &Options) -> String {
        let mut out = String::new();
        out.push_str(&format!(
            "# Mock loop report: {}\n\n",
            inline(&r.loop_title)
        ));
        let mut facts = vec![format!("**Session:** `{}`", r.session_id)];
        if let Some(candidate) = &r.candidate {
            facts.insert(0, format!("**Candidate:** {}", inline(candidate)));
        }
        facts.push(format!("**Started:** {}", r.started_at));
        if let Some(d) = r.duration_secs {
            facts.push(format!("**Duration:** {}", clock(d)));
        }
        facts.push(format!("**Status:** {}", r.status.as_str()));
        out.push_str(&facts.join(" · "));
        out.push_str(&format!(
            "\n\n**Overall: {:.1} / 100 ({})**\n\n",
            r.overall, r.band
        ));

        out.push_str("## Questions\n\n| # | Stage | Question | Time / budget | Score | Band |\n|---:|---|---|---|---:|---|\n");
        for q in &r.questions {
            let budget = clock(f64::from(q.budget_secs));
            let time = match q.seconds_used {
                Some(used) if q.over_budget => format!("{} / {budget} (over)", clock(used)),
                Some(used) => format!("{} / {budget}", clock(used)),
                None => format!("– / {budget}"),
            };
            let score = q.score.map_or("–".to_string(), |s| format!("{s:.0}"));
            let band = if q.status == QuestionStatus::Skipped {
                q.status.to_string()
            } else {
                q.band.map_or(q.status.to_string(), |b| b.to_string())
            };
            out.push_str(&format!(
                "| {} | {} | {} | {time} | {score} | {band} |\n",
                q.number,
                inline(&q.stage_title),
                inline(&q.question)
            ));
        }

        if !r.stages.is_empty() {
            out.push_str("\n## Stages\n\n| Stage | Score | Band |\n|---|---:|---|\n");
            for s in &r.stages {
                out.push_str(&format!(
                    "| {} | {:.0} | {} |\n",
                    inline(&s.title),
                    s.score,
                    s.band
                ));
            }
        }

        out.push_str("\n## Values\n\n| Value | Score | Strongest evidence |\n|---|---:|---|\n");
        for v in &r.values {
            out.push_str(&format!(
                "| {} | {:.0} | {} |\n",
                inline(&v.name),
                v.score,
                quoted(&v.evidence)
            ));
        }

        if !r.strengths.is_empty() {
            out.push_str("\n## Strengths\n\n");
            for (i, s) in r.strengths.iter().enumerate() {
                out.push_str(&format!(
                    "{}. **{}** ({:.0}): {}\n",
                    i + 1,
                    inline(&s.name),
                    s.score,
                    quoted(&s.evidence)
                ));
            }
        }
        if !r.weakest.is_empty() {
            out.push_str("\n## Weakest answers\n\n");
            for (i, w) in r.weakest.iter().enumerate() {
                out.push_str(&format!(
                    "{}. **Question {}** ({}, {:.0}): {}\n",
                    i + 1,
                    w.question,
                    inline(&w.stage_title),
                    w.score,
                    inline(&w.why)
                ));
            }
        }
        if !r.improvements.is_empty() {
            out.push_str("\n## Improvements\n\n");
            for (i, imp) in r.improvements.iter().enumerate() {
                out.push_str(&format!(
                    "{}. **{}** (+{:.1} a question, most on question {}): {}\n",
                    i + 1,
                    inline(&imp.name),
                    imp.gain,
                    imp.question,
                    inline(&imp.advice)
                ));
            }
        }

        out.push_str("\n## Answers\n");
        for q in &r.questions {
            out.push_str(&format!(
                "\n### {}. {}: {}\n\n",
                q.number,
                inline(&q.stage_title),
                inline(&q.question)
            ));
            for (k, turn) in q.conversation.iter().enumerate() {
                if k > 0 {
                    out.push('\n');
                }
                out.push_str(&turn_text(turn));
            }
            if q.answer.is_none() {
                if !q.conversation.is_empty() {
                    out.push('\n');
                }
                out.push_str(&format!("_{}_\n", q.status));
            }
            if !q.met.is_empty()
                || !q.missed.is_empty()
                || !q.penalties.is_empty()
                || !q.adjustments.is_empty()
            {
                out.push('\n');
            }
            for line in &q.met {
                out.push_str(&format!(
                    "- Met: **{}**: {}\n",
                    inline(&line.name),
                    quoted(&line.evidence)
                ));
            }
            for line in &q.missed {
                out.push_str(&format!(
                    "- Missed: **{}**: {}\n",
                    inline(&line.name),
                    inline(&line.advice)
                ));
            }
            for p in &q.penalties {
                out.push_str(&format!(
                    "- Penalty: **{}** ({:.1} points): {}. {}\n",
                    inline(&p.name),
                    p.points,
                    quoted(&p.evidence),
                    inline(&p.advice)
                ));
            }
            for a in q
                .adjustments
                .iter()
                .filter(|a| a.id != deductions::PENALTIES)
            {
                out.push_str(&format!(
                    "- Adjustment: `{}` {}: {}\n",
                    a.id.replace('`', "'"),
                    inline(&deductions::effect(a)),
                    inline(&a.reason)
                ));
            }
        }
        out
    }
}

/// One turn: what the candidate said as a quote (labelled unless it is the answer itself),
/// what they were told as a labelled line, with why a follow-up was asked.
fn turn_text(turn: &Turn) -> String {
    let reason = turn
        .reason
        .as_deref()
        .map(|r| format!(" (asked because {})", inline(r)))
        .unwrap_or_default();
    if turn.kind.by_candidate() {
        let mut out = String::new();
        if turn.kind != TurnKind::Answer {
            out.push_str(&format!("**{}:**\n\n", turn.kind.label()));
        }
        for line in turn.text.lines() {
            out.push_str(&format!("> {}\n", inline(line)));
        }
        out
    } else {
        format!(
            "**{}**{reason}: {}\n",
            turn.kind.label(),
            inline(&turn.text)
        )
    }
}

fn quoted(phrases: &[String]) -> String {
    let quoted: Vec<String> = phrases.iter().map(|p| format!("“{}”", inline(p))).collect();
    quoted.join(", ")
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

        1. **Describes what you did** (50): “I &lt;script&gt;alert(1)&lt;/script&gt; shipped”

        ## Weakest answers

        1. **Question 3** (Offer and negotiation, 0): skipped: a skip scores 0
        2. **Question 2** (Offer and negotiation, 45): rambling: 410 words &lt;i&gt;for&lt;/i&gt; a 3-minute answer

        ## Improvements

        1. **Cites market data** (+9.5 a question, most on question 2): Anchor on market data for the role and level.

        ## Answers

        ### 1. Behavioral: Tell me about a failure.

        > At my last company I &lt;script&gt;alert(1)&lt;/script&gt; shipped \| pipes \| late.
        > We missed the date.

        **Follow-up** (asked because the answer scored 0 on "Measures the result"): What changed, in numbers?

        **Answer to the follow-up:**

        > Churn fell 5% \u{1b}\[31mred\u{1b}\[0m 🎬

        - Met: **Describes what you did**: “I &lt;script&gt;alert(1)&lt;/script&gt; shipped”, “\| pipes \|”
        - Missed: **Reflects on the lesson**: Close with what you learned or would do differently.
        - Adjustment: `jargon` ×0.90: 3 buzzwords &lt;em&gt;without&lt;/em&gt; a plain explanation

        ### 2. Offer and negotiation: What are you making now?

        **The offer**: The recruiter calls: "We'd like to offer you the role: a base salary of $420,000."

        > I'd rather not share that.

        **Recruiter's counter-move**: Our offers are already top of market. What would it take for you to say yes?

        **Reply:**

        > Market data for the level.

        - Missed: **Cites market data**: Anchor on market data for the role and level.
        - Penalty: **Gives away current salary** (-4.5 points): “I'm making $150,000 &lt;b&gt;now&lt;/b&gt;”. Don't name your current pay; anchor on the role's market range.

        ### 3. Offer and negotiation: We need an answer by tomorrow.

        _skipped_
        "#);
    }

    #[test]
    fn user_text_cannot_break_a_table_row() {
        assert_eq!(inline("a | b\nc"), "a \\| b c");
        assert_eq!(inline("<script>"), "&lt;script&gt;");
        assert_eq!(inline("\u{1b}[2J"), "\\u{1b}\\[2J");
    }
}
