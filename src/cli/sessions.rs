//! `mockloop sessions`: list saved sessions, newest first; `sessions rm` deletes one.

use std::io::{BufRead, IsTerminal, Write};
use std::path::Path;
use std::process::ExitCode;

use anyhow::{bail, Result};
use comfy_table::{Cell, CellAlignment};
use mockloop::report::layout::{table, width_from_env};
use mockloop::report::sanitize::for_terminal;
use mockloop::session::summary::Summary;
use mockloop::session::SessionStore;

use super::rubrics::load_set;

/// List saved sessions, newest first
#[derive(Debug, clap::Args)]
#[command(after_help = "Examples:
  mockloop sessions
  mockloop sessions --format json
  mockloop sessions rm 20261126-0915 --yes")]
pub struct Args {
    #[command(subcommand)]
    action: Option<Action>,
    #[arg(long, short, value_enum, default_value_t = Format::Table)]
    format: Format,
    #[command(flatten)]
    sessions: super::SessionsDir,
}

#[derive(Debug, clap::Subcommand)]
enum Action {
    /// Delete a session after confirmation
    Rm {
        /// An id, a unique id prefix, `latest`, or a path
        session: String,
        /// Delete without asking
        #[arg(long, short)]
        yes: bool,
    },
}

#[derive(Debug, Clone, Copy, clap::ValueEnum)]
enum Format {
    Table,
    Json,
}

pub fn run(args: Args, rubrics: Option<&Path>) -> Result<ExitCode> {
    let store = SessionStore::at(&args.sessions.dir);
    if let Some(Action::Rm { session, yes }) = args.action {
        return remove(&store, &session, yes);
    }
    let bands = load_set(rubrics)?.loop_file.bands;
    let (mut summaries, _) = super::listing::summaries(&store, &|| {})?;
    summaries.sort_by(|a, b| {
        b.started_at
            .cmp(&a.started_at)
            .then_with(|| b.id.cmp(&a.id))
    });
    match args.format {
        Format::Json => {
            let rows: Vec<serde_json::Value> =
                summaries.iter().map(|s| row_json(s, &bands)).collect();
            println!("{}", serde_json::to_string_pretty(&rows)?);
        }
        Format::Table if summaries.is_empty() => println!(
            "No sessions in {}; start one with `mockloop run`.",
            store.dir().display()
        ),
        Format::Table => {
            let mut t = table(width_from_env());
            t.set_header(vec![
                "Session",
                "Date",
                "Candidate",
                "Stages",
                "Status",
                "Overall",
                "Band",
                "Rubric",
            ]);
            for s in &summaries {
                let overall = s.overall.map_or("-".into(), |o| format!("{o:.0}"));
                t.add_row(vec![
                    Cell::new(for_terminal(&s.id)),
                    Cell::new(s.started_at.format("%Y-%m-%d %H:%M")),
                    Cell::new(for_terminal(s.candidate.as_deref().unwrap_or("-"))),
                    Cell::new(format!("{} of {} answered", s.finished, s.total)),
                    Cell::new(s.status.as_str()),
                    Cell::new(overall).set_alignment(CellAlignment::Right),
                    Cell::new(s.band(&bands).map_or("-", |b| b.as_str())),
                    Cell::new(for_terminal(&short_fingerprint(&s.rubric_fingerprint))),
                ]);
            }
            println!("{t}");
        }
    }
    Ok(ExitCode::SUCCESS)
}

/// The first 8 characters; a hand-edited file may hold any text, so count characters, not bytes.
fn short_fingerprint(fingerprint: &str) -> String {
    fingerprint.chars().take(8).collect()
}

fn row_json(s: &Summary, bands: &mockloop::rubric::Bands) -> serde_json::Value {
    serde_json::json!({
        "id": s.id,
        "started_at": s.started_at.to_rfc3339_opts(chrono::SecondsFormat::Secs, true),
        "candidate": s.candidate,
        "stages_answered": s.stages_answered,
        "answered": s.finished,
        "questions": s.total,
        "status": s.status.as_str(),
        "overall": s.overall.map(mockloop::score::formula::round1),
        "band": s.band(bands),
        "rubric_fingerprint": s.rubric_fingerprint,
    })
}

fn remove(store: &SessionStore, spec: &str, yes: bool) -> Result<ExitCode> {
    let path = store.resolve_own(spec)?;
    let what = match Summary::read(&path) {
        Ok(s) => format!(
            "{} ({}, {}, {})",
            s.id,
            s.candidate.as_deref().unwrap_or("no name"),
            s.started_at.format("%Y-%m-%d"),
            s.status.as_str()
        ),
        Err(_) => path.display().to_string(),
    };
    let what = for_terminal(&what);
    if !yes {
        if !std::io::stdin().is_terminal() {
            bail!(
                "not deleting {what} without confirmation; pass --yes to delete without a prompt"
            );
        }
        print!("Delete session {what}? [y/N] ");
        std::io::stdout().flush()?;
        let mut answer = String::new();
        std::io::stdin().lock().read_line(&mut answer)?;
        if !matches!(answer.trim().to_ascii_lowercase().as_str(), "y" | "yes") {
            println!("Kept.");
            return Ok(ExitCode::SUCCESS);
        }
    }
    std::fs::remove_file(&path)
        .map_err(|e| anyhow::anyhow!("cannot delete {}: {e}", path.display()))?;
    println!("Deleted {what}.");
    Ok(ExitCode::SUCCESS)
}
