//! `mockloop replay`: re-score saved answers with today's (or another) rubric, compare with the
//! scores recorded then, or play a session back as it happened. Never writes a session.

use std::path::Path;
use std::process::ExitCode;

use anyhow::Result;
use mockloop::replay::{replay, replay_all};
use mockloop::report::layout::width_from_env;
use mockloop::report::replay::{markdown, summary_text, table_text, transcript};
use mockloop::report::sanitize::{for_terminal, for_terminal_lines};
use mockloop::score::Scorer;
use mockloop::session::SessionStore;

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
    #[command(flatten)]
    color: super::output::ColorArg,
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
        print!(
            "{}",
            for_terminal_lines(&transcript(&session, scorer.set()))
        );
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
        // Cells are made inert as the table is built, so colour survives.
        Format::Table => print!("{}", table_text(&r, width_from_env(), args.color.on())),
    }
    Ok(ExitCode::SUCCESS)
}
