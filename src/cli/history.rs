//! `mockloop history`: progress across completed sessions.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::{Context, Result};
use chrono::NaiveDate;
use mockloop::history::{history, Filter};
use mockloop::report::history as render;
use mockloop::report::layout::width_from_env;
use mockloop::session::SessionStore;

use super::output;
use super::progress::Progress;
use super::rubrics::load_set;

/// Follow progress across completed sessions: overall and each value, with trends
#[derive(Debug, clap::Args)]
#[command(after_help = "Examples:
  mockloop history
  mockloop history --since 2026-11-01 --stage offer
  mockloop history --format html -o progress.html")]
pub struct Args {
    #[arg(long, short, value_enum, default_value_t = Format::Table)]
    format: Format,
    /// Write to FILE instead of standard output
    #[arg(long, short, value_name = "FILE")]
    output: Option<PathBuf>,
    /// Only sessions started on or after this date (YYYY-MM-DD)
    #[arg(long, value_name = "DATE", value_parser = parse_day)]
    since: Option<NaiveDate>,
    /// Only sessions that practised this stage; their score is that stage's
    #[arg(long, value_name = "ID")]
    stage: Option<String>,
    /// Only this candidate's sessions
    #[arg(long)]
    name: Option<String>,
    #[command(flatten)]
    sessions: super::SessionsDir,
    #[command(flatten)]
    color: super::output::ColorArg,
}

#[derive(Debug, Clone, Copy, clap::ValueEnum)]
enum Format {
    Table,
    Json,
    Html,
}

/// chrono's own message ("input contains invalid characters") does not say what to type.
fn parse_day(text: &str) -> Result<NaiveDate, String> {
    NaiveDate::parse_from_str(text, "%Y-%m-%d")
        .map_err(|_| format!("`{text}` is not a date; write it as YYYY-MM-DD, e.g. 2026-11-01"))
}

pub fn run(args: Args, rubrics: Option<&Path>) -> Result<ExitCode> {
    let set = load_set(rubrics)?;
    if let Some(stage) = &args.stage {
        if set.stage(stage).is_none() {
            anyhow::bail!(
                "unknown stage `{stage}`; the stages are: {}",
                set.stage_ids().join(", ")
            );
        }
    }
    let store = SessionStore::at(&args.sessions.dir);
    let count = store.list()?.files.len();
    let progress = Progress::new(count, "reading sessions");
    let (summaries, skipped) = super::listing::summaries(&store, &|| progress.tick())?;
    progress.finish();
    let filter = Filter {
        since: args.since,
        stage: args.stage.clone(),
        name: args.name.clone(),
    };
    let value_ids: Vec<String> = set.values.iter().map(|v| v.id.clone()).collect();
    let mut h = history(summaries, &filter, &value_ids);
    h.skipped = skipped;
    let text = match args.format {
        Format::Table => render::table_text(
            &h,
            &set,
            width_from_env(),
            args.color
                .on_for(args.output.as_ref().is_some_and(|p| p.as_os_str() != "-")),
        ),
        Format::Json => serde_json::to_string_pretty(&h).context("history as JSON")? + "\n",
        Format::Html => render::html(&h, &set),
    };
    output::write(args.output.as_deref(), &text)?;
    Ok(ExitCode::SUCCESS)
}
