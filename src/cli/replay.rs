//! `mockloop replay`: re-score saved answers with today's (or another) rubric, compare with the
//! scores recorded then, or play a session back as it happened. Never writes a session.

use std::path::Path;
use std::process::ExitCode;

use anyhow::Result;
use comfy_table::{Cell, CellAlignment};
use mockloop::replay::{replay, replay_all, AllReplayed, Replay};
use mockloop::report::layout::{table, width_from_env};
use mockloop::report::sanitize::{for_terminal, for_terminal_lines, quoted};
use mockloop::score::Scorer;
use mockloop::session::runner::clock;
use mockloop::session::{Session, SessionStore};

use super::progress::Progress;
use super::rubrics::load_set;

/// Re-score saved answers with today's rubric (or --rubrics DIR) and compare, or play one back
#[derive(Debug, clap::Args)]
#[command(after_help = "Examples:
  mockloop replay latest
  mockloop replay latest --rubrics tuned/
  mockloop replay --all --rubrics tuned/
  mockloop replay latest --transcript")]
pub struct Args {
    /// An id, a unique id prefix, `latest`, or a path
    #[arg(
        value_name = "SESSION",
        required_unless_present = "all",
        conflicts_with = "all"
    )]
    session: Option<String>,
    /// Replay every session in the folder and summarise how scores move
    #[arg(long)]
    all: bool,
    /// Play the session back as it happened, evidence marked «like this»
    #[arg(long, conflicts_with = "all")]
    transcript: bool,
    #[arg(long, short, value_enum, default_value_t = Format::Table)]
    format: Format,
    #[command(flatten)]
    sessions: super::SessionsDir,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
enum Format {
    Table,
    Json,
    Markdown,
}

pub fn run(args: Args, rubrics: Option<&Path>) -> Result<ExitCode> {
    let scorer = Scorer::new(load_set(rubrics)?);
    let store = SessionStore::at(&args.sessions.dir);
    if args.all {
        let paths = super::listing::session_files(&store)?;
        if paths.is_empty() {
            return Err(mockloop::session::StoreError::Empty {
                dir: store.dir().to_path_buf(),
            }
            .into());
        }
        let progress = Progress::new(paths.len(), "replaying");
        let all = replay_all(&paths, &scorer, &|| progress.tick());
        progress.finish();
        for (_, why) in &all.skipped {
            eprintln!("warning: {why}; skipped");
        }
        match args.format {
            Format::Json => println!("{}", serde_json::to_string_pretty(&all)?),
            _ => print!(
                "{}",
                for_terminal_lines(&summary_text(&all, args.format == Format::Markdown))
            ),
        }
        return Ok(ExitCode::SUCCESS);
    }
    let spec = args.session.as_deref().unwrap_or("latest");
    let session = SessionStore::load(&store.resolve(spec)?)?;
    if args.transcript {
        // Rubric and session text throughout: nothing in it may drive the terminal.
        print!("{}", for_terminal_lines(&transcript(&session, &scorer)));
        return Ok(ExitCode::SUCCESS);
    }
    let r = replay(&session, &scorer);
    if !r.same_rubric() {
        eprintln!(
            "note: session {} was scored with rubric {}; replaying with {}",
            r.session_id,
            for_terminal(&mockloop::limits::clip_values(&r.fingerprint_then)),
            r.fingerprint_now
        );
    }
    match args.format {
        Format::Json => println!("{}", serde_json::to_string_pretty(&r)?),
        Format::Markdown => print!("{}", for_terminal_lines(&markdown(&r))),
        Format::Table => print!("{}", for_terminal_lines(&table_text(&r))),
    }
    Ok(ExitCode::SUCCESS)
}

fn num(x: Option<f64>) -> String {
    x.map_or("-".into(), |v| format!("{v:.1}"))
}

fn delta(before: Option<f64>, after: Option<f64>) -> String {
    match (before, after) {
        (Some(b), Some(a)) => format!("{:+.1}", a - b),
        _ => "-".into(),
    }
}

fn table_text(r: &Replay) -> String {
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
    let mut answers = table(width_from_env());
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
            Cell::new(&a.stage),
            Cell::new(num(a.before)).set_alignment(CellAlignment::Right),
            Cell::new(num(a.after)).set_alignment(CellAlignment::Right),
            Cell::new(delta(a.before, a.after)).set_alignment(CellAlignment::Right),
            Cell::new(changed.join("\n")),
        ]);
    }
    out.push_str(&answers.to_string());
    out.push_str("\n\n");
    let mut values = table(width_from_env());
    values.set_header(vec!["Value", "Then", "Now", "Change"]);
    for v in &r.values {
        values.add_row(vec![
            Cell::new(&v.id),
            Cell::new(format!("{:.1}", v.before)).set_alignment(CellAlignment::Right),
            Cell::new(format!("{:.1}", v.after)).set_alignment(CellAlignment::Right),
            Cell::new(format!("{:+.1}", v.after - v.before)).set_alignment(CellAlignment::Right),
        ]);
    }
    out.push_str(&values.to_string());
    out.push('\n');
    out
}

fn markdown(r: &Replay) -> String {
    let cell = |s: &str| {
        s.replace('|', "\\|")
            .replace('\n', " ")
            .replace('<', "&lt;")
    };
    let mut out = format!(
        "# Replay of `{}`\n\nOverall {} then, {} now ({}); rubric {} then, {} now.\n\n| # | Stage | Then | Now | Change |\n|---:|---|---:|---:|---:|\n",
        r.session_id, num(r.overall_before), num(r.overall_after), delta(r.overall_before, r.overall_after), r.fingerprint_then, r.fingerprint_now
    );
    for a in &r.answers {
        out.push_str(&format!(
            "| {} | {} | {} | {} | {} |\n",
            a.number,
            cell(&a.stage),
            num(a.before),
            num(a.after),
            delta(a.before, a.after)
        ));
    }
    out.push_str("\n| Value | Then | Now | Change |\n|---|---:|---:|---:|\n");
    for v in &r.values {
        out.push_str(&format!(
            "| {} | {:.1} | {:.1} | {:+.1} |\n",
            v.id,
            v.before,
            v.after,
            v.after - v.before
        ));
    }
    out
}

fn summary_text(all: &AllReplayed, markdown: bool) -> String {
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
fn transcript(session: &Session, scorer: &Scorer) -> String {
    let set = scorer.set();
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
    }
    out
}

/// The text with every credited span wrapped in «»; overlapping spans are merged.
fn mark(text: &str, card: &mockloop::score::ScoreCard) -> String {
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
