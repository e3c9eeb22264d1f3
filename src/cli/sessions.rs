//! `mockloop sessions`: list saved sessions, newest first; `sessions rm` deletes one.

use std::io::{BufRead, IsTerminal, Write};
use std::path::Path;
use std::process::ExitCode;

use anyhow::{bail, Result};
use mockloop::report::layout::width_from_env;
use mockloop::report::sanitize::for_terminal;
use mockloop::report::sessions;
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
    #[command(flatten)]
    color: super::output::ColorArg,
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
            println!("{}", sessions::json(&summaries, &bands)?);
        }
        Format::Table if summaries.is_empty() => println!(
            "No sessions in {}; start one with `mockloop run`.",
            store.dir().display()
        ),
        Format::Table => println!(
            "{}",
            sessions::table_text(&summaries, &bands, width_from_env(), args.color.on())
        ),
    }
    Ok(ExitCode::SUCCESS)
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
