//! What the Markdown and HTML reports share: the order of the sections and what every table and
//! answer block holds. A format implements only the small pieces (escaping, a heading, a table,
//! a badge); the walk over the report is written once here, as hyperfine's `markup.rs` does for
//! its result tables, so the two documents cannot drift apart.

use crate::report::deductions;
use crate::report::layout::clock;
use crate::report::model::{
    QuestionRow, QuestionStatus, SessionReport, StageRow, Turn, TurnKind, ValueRow,
};
use crate::score::Band;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Align {
    Left,
    /// Numbers.
    Right,
    /// A chart that takes the spare width (HTML's stage bars).
    Chart,
}

/// A criterion line under an answer.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mark {
    Met,
    Missed,
    /// Points taken off for something the answer said.
    Penalty,
    /// A change to the score after the parts were summed (a multiplier, points off).
    Adjustment,
}

/// The pieces a markup format supplies. Every `&str` handed to a piece is already made safe
/// with [`Markup::text`] unless its name says it is user text.
pub trait Markup {
    /// User text made safe for this format, on one line.
    fn text(&self, s: &str) -> String;
    /// The document up to the first section: title, `facts` (label, safe value) and the overall.
    fn begin(&self, r: &SessionReport, facts: &[(&str, String)]) -> String;
    fn end(&self) -> String;
    fn heading(&self, title: &str) -> String;
    /// A table; `columns` are (header, alignment), cells are safe markup.
    fn table(&self, columns: &[(&str, Align)], rows: &[Vec<String>]) -> String;
    /// A session id or other token shown as code.
    fn code(&self, s: &str) -> String;
    fn band(&self, band: Band) -> String;
    /// A question's state where a band would read as a verdict on an answer never given.
    fn status(&self, status: QuestionStatus) -> String;
    /// Evidence phrases (user text), quoted.
    fn quoted(&self, phrases: &[String]) -> String;
    /// How "over the budget" is marked after a time.
    fn over_budget(&self) -> String;
    /// A reference to question `n` of this document.
    fn question_link(&self, n: usize) -> String;
    fn strong(&self, s: &str) -> String;
    /// A figure shown above the values table (HTML's radar); none by default.
    fn values_figure(&self, _values: &[ValueRow]) -> String {
        String::new()
    }
    /// A bar for a stage's score, as an extra column (HTML's); none by default.
    fn stage_bar(&self, _stage: &StageRow) -> Option<String> {
        None
    }
    /// Opens one answer block: number, stage title and question (both safe).
    fn question_start(&self, q: &QuestionRow, stage: &str, question: &str) -> String;
    /// One line of facts about the answer: (label, safe value).
    fn question_meta(&self, facts: &[(&str, String)]) -> String;
    /// The answer itself (user text), line breaks kept.
    fn answer(&self, text: &str) -> String;
    /// Names what the candidate said next when it is not the answer itself (a follow-up's
    /// answer, a reply to the recruiter); `label` is safe.
    fn reply_label(&self, label: &str) -> String;
    /// A line said to the candidate (a follow-up, the offer, a counter-move): `label` is safe,
    /// `reason` (why it was asked) is safe, `text` is user text.
    fn said(&self, label: &str, reason: Option<&str>, text: &str) -> String;
    /// Put between two turns of the conversation.
    fn turn_gap(&self) -> String {
        String::new()
    }
    /// Points taken off, beside a penalty's name.
    fn points(&self, points: f64) -> String;
    /// Said instead of an answer when there is none.
    fn no_answer(&self, status: QuestionStatus) -> String;
    /// The met and missed criteria under an answer; lines are safe markup.
    fn criteria(&self, lines: &[(Mark, String)]) -> String;
    /// A strong answer to learn from, after the candidate's, with the criteria the candidate
    /// missed named (already escaped) so the reader knows what to look for.
    fn exemplar(&self, text: &str, missed: &[String]) -> String;
    fn question_end(&self) -> String;
}

/// The one walk over a report that every markup format shares.
pub fn render(m: &impl Markup, r: &SessionReport) -> String {
    let mut facts = Vec::new();
    if let Some(candidate) = &r.candidate {
        facts.push(("Candidate", m.text(candidate)));
    }
    facts.push(("Session", m.code(&r.session_id)));
    facts.push(("Started", m.text(&r.started_at)));
    if let Some(d) = r.duration_secs {
        facts.push(("Duration", clock(d)));
    }
    facts.push(("Status", m.text(r.status.as_str())));
    let mut out = m.begin(r, &facts);
    out.push_str(&questions(m, r));
    out.push_str(&stages(m, &r.stages));
    out.push_str(&values(m, &r.values));
    out.push_str(&strengths(m, r));
    out.push_str(&weakest(m, r));
    out.push_str(&improvements(m, r));
    if !r.questions.is_empty() {
        out.push_str(&m.heading("Answers"));
    }
    for q in &r.questions {
        out.push_str(&answer(m, q));
    }
    out.push_str(&m.end());
    out
}

fn time(m: &impl Markup, q: &QuestionRow) -> String {
    let budget = clock(f64::from(q.budget_secs));
    match q.seconds_used {
        Some(used) if q.over_budget => format!("{} / {budget}{}", clock(used), m.over_budget()),
        Some(used) => format!("{} / {budget}", clock(used)),
        None => format!("– / {budget}"),
    }
}

/// A skipped question carries a 0 and the lowest band; the band would read as a verdict on an
/// answer that was never given, so its status is shown instead.
fn verdict(m: &impl Markup, q: &QuestionRow) -> String {
    match (q.status, q.band) {
        (QuestionStatus::Answered, Some(b)) => m.band(b),
        (status, _) => m.status(status),
    }
}

fn score(q: &QuestionRow) -> String {
    q.score.map_or("–".to_string(), |s| format!("{s:.0}"))
}

fn questions(m: &impl Markup, r: &SessionReport) -> String {
    let rows: Vec<Vec<String>> = r
        .questions
        .iter()
        .map(|q| {
            vec![
                m.question_link(q.number),
                m.text(&q.stage_title),
                m.text(&q.question),
                time(m, q),
                score(q),
                verdict(m, q),
            ]
        })
        .collect();
    m.heading("Questions")
        + &m.table(
            &[
                ("#", Align::Right),
                ("Stage", Align::Left),
                ("Question", Align::Left),
                ("Time / budget", Align::Left),
                ("Score", Align::Right),
                ("Band", Align::Left),
            ],
            &rows,
        )
}

fn stages(m: &impl Markup, stages: &[StageRow]) -> String {
    if stages.is_empty() {
        return String::new();
    }
    let bars = stages.iter().all(|s| m.stage_bar(s).is_some());
    let mut columns = vec![("Stage", Align::Left)];
    if bars {
        columns.push(("Score out of 100", Align::Chart));
    }
    columns.extend([("Score", Align::Right), ("Band", Align::Left)]);
    let rows: Vec<Vec<String>> = stages
        .iter()
        .map(|s| {
            let mut row = vec![m.text(&s.title)];
            row.extend(m.stage_bar(s).filter(|_| bars));
            row.extend([format!("{:.0}", s.score), m.band(s.band)]);
            row
        })
        .collect();
    m.heading("Stages") + &m.table(&columns, &rows)
}

/// Value scores measure how much evidence of a value the answers show, not a verdict: no band,
/// whose red would make a `hire` loop look failed (the terminal table shows none either).
fn values(m: &impl Markup, values: &[ValueRow]) -> String {
    let rows: Vec<Vec<String>> = values
        .iter()
        .map(|v| {
            vec![
                m.text(&v.name),
                format!("{:.0}", v.score),
                m.quoted(&v.evidence),
            ]
        })
        .collect();
    m.heading("Values")
        + &m.values_figure(values)
        + &m.table(
            &[
                ("Value", Align::Left),
                ("Score", Align::Right),
                ("Strongest evidence", Align::Left),
            ],
            &rows,
        )
}

fn strengths(m: &impl Markup, r: &SessionReport) -> String {
    if r.strengths.is_empty() {
        return String::new();
    }
    let rows: Vec<Vec<String>> = r
        .strengths
        .iter()
        .map(|s| {
            vec![
                m.text(&s.name),
                m.text(s.kind),
                format!("{:.0}", s.score),
                m.quoted(&s.evidence),
            ]
        })
        .collect();
    m.heading("Strengths")
        + &m.table(
            &[
                ("Strength", Align::Left),
                ("Kind", Align::Left),
                ("Score", Align::Right),
                ("Evidence", Align::Left),
            ],
            &rows,
        )
}

/// The answers that held the loop back, lowest first, each with what held it back.
fn weakest(m: &impl Markup, r: &SessionReport) -> String {
    if r.weakest.is_empty() {
        return String::new();
    }
    let rows: Vec<Vec<String>> = r
        .weakest
        .iter()
        .map(|w| {
            vec![
                m.strong(&format!("Question {}", m.question_link(w.question))),
                m.text(&w.stage_title),
                m.text(&w.text),
                format!("{:.0}", w.score),
                m.text(&w.why),
            ]
        })
        .collect();
    m.heading("Weakest answers")
        + &m.table(
            &[
                ("Question", Align::Left),
                ("Stage", Align::Left),
                ("Asked", Align::Left),
                ("Score", Align::Right),
                ("What held it back", Align::Left),
            ],
            &rows,
        )
}

fn improvements(m: &impl Markup, r: &SessionReport) -> String {
    if r.improvements.is_empty() {
        return String::new();
    }
    let rows: Vec<Vec<String>> = r
        .improvements
        .iter()
        .map(|imp| {
            vec![
                m.text(&imp.name),
                m.text(&imp.advice),
                format!("+{:.1}", imp.gain),
                m.question_link(imp.question),
            ]
        })
        .collect();
    m.heading("Improvements")
        + &m.table(
            &[
                ("Improvement", Align::Left),
                ("Advice", Align::Left),
                ("Gain a question", Align::Right),
                ("Question", Align::Right),
            ],
            &rows,
        )
}

fn answer(m: &impl Markup, q: &QuestionRow) -> String {
    let mut out = m.question_start(q, &m.text(&q.stage_title), &m.text(&q.question));
    let mut facts = vec![
        ("Time", time(m, q)),
        ("Score", format!("{} {}", score(q), verdict(m, q))),
    ];
    if q.follow_ups > 0 {
        facts.push(("Follow-ups", q.follow_ups.to_string()));
    }
    out.push_str(&m.question_meta(&facts));
    out.push_str(&conversation(m, q));
    let mut lines: Vec<(Mark, String)> = q
        .met
        .iter()
        .map(|c| {
            let name = m.strong(&m.text(&c.name));
            (Mark::Met, format!("Met: {name}: {}", m.quoted(&c.evidence)))
        })
        .collect();
    lines.extend(q.missed.iter().map(|c| {
        let name = m.strong(&m.text(&c.name));
        (
            Mark::Missed,
            format!("Missed: {name}: {}", m.text(&c.advice)),
        )
    }));
    lines.extend(q.penalties.iter().map(|p| {
        let name = m.strong(&m.text(&p.name));
        (
            Mark::Penalty,
            format!(
                "Penalty: {name} {}: {}. {}",
                m.points(p.points),
                m.quoted(&p.evidence),
                m.text(&p.advice)
            ),
        )
    }));
    // The penalties' total is already shown penalty by penalty above.
    lines.extend(
        q.adjustments
            .iter()
            .filter(|a| a.id != deductions::PENALTIES)
            .map(|a| {
                (
                    Mark::Adjustment,
                    format!(
                        "Adjustment: {} {}: {}",
                        m.code(&a.id),
                        m.text(&deductions::effect(a)),
                        m.text(&a.reason)
                    ),
                )
            }),
    );
    out.push_str(&m.criteria(&lines));
    if let Some(text) = &q.exemplar {
        // A skipped question missed nothing: there is no answer to compare.
        let missed: Vec<String> = if q.status == QuestionStatus::Answered {
            q.missed.iter().map(|c| m.text(&c.name)).collect()
        } else {
            Vec::new()
        };
        out.push_str(&m.exemplar(text, &missed));
    }
    out.push_str(&m.question_end());
    out
}

/// The exchange about a question in order: the offer, the answer, each follow-up with why it
/// was asked and its answer, the recruiter's counter-move and the reply.
fn conversation(m: &impl Markup, q: &QuestionRow) -> String {
    let mut parts: Vec<String> = q.conversation.iter().map(|t| turn(m, t)).collect();
    // A report built from a record with no conversation still shows the answer.
    if q.conversation.is_empty() {
        if let Some(text) = &q.answer {
            parts.push(m.answer(text));
        }
    }
    if q.answer.is_none() {
        parts.push(m.no_answer(q.status));
    }
    parts.join(&m.turn_gap())
}

fn turn(m: &impl Markup, t: &Turn) -> String {
    let label = m.text(t.kind.label());
    if t.kind.by_candidate() {
        let mut out = String::new();
        if t.kind != TurnKind::Answer {
            out.push_str(&m.reply_label(&label));
        }
        out.push_str(&m.answer(&t.text));
        out
    } else {
        let reason = t.reason.as_deref().map(|r| m.text(r));
        m.said(&label, reason.as_deref(), &t.text)
    }
}
