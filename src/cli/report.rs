//! `mockloop report`: a saved session as a table, JSON, Markdown or HTML.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::Result;
use mockloop::report::export::{Format, Options};
use mockloop::report::layout::width_from_env;
use mockloop::report::SessionReport;
use mockloop::session::{SessionStore, Status};

use super::output;
use super::rubrics::load_set;

/// Show a saved session's report, or export it for a coach
#[derive(Debug, clap::Args)]
#[command(after_help = "Examples:
  mockloop report latest
  mockloop report 20261126 --evidence
  mockloop report latest --format markdown -o report.md
  mockloop report latest --format html -o report.html
  mockloop report sessions/20261126-101500-00ab.json --format json")]
pub struct Args {
    /// A session id, a unique id prefix, `latest`, or a path to a session file
    #[arg(value_name = "SESSION")]
    session: String,

    /// Output format
    #[arg(long, short, value_enum, default_value_t = FormatArg::Table)]
    format: FormatArg,

    /// Write to FILE instead of standard output (`-` is standard output)
    #[arg(long, short, value_name = "FILE")]
    output: Option<PathBuf>,

    /// Show the phrases that earned each criterion (table)
    #[arg(long)]
    evidence: bool,

    #[command(flatten)]
    color: output::ColorArg,

    #[command(flatten)]
    sessions: super::SessionsDir,
}

#[derive(Debug, Clone, Copy, clap::ValueEnum)]
pub enum FormatArg {
    Table,
    Json,
    Markdown,
    Html,
}

impl From<FormatArg> for Format {
    fn from(f: FormatArg) -> Format {
        match f {
            FormatArg::Table => Format::Table,
            FormatArg::Json => Format::Json,
            FormatArg::Markdown => Format::Markdown,
            FormatArg::Html => Format::Html,
        }
    }
}

pub fn run(args: Args, rubrics: Option<&Path>) -> Result<ExitCode> {
    let store = SessionStore::at(&args.sessions.dir);
    let path = store.resolve(&args.session)?;
    let session = SessionStore::load(&path)?;
    let set = load_set(rubrics)?;
    if session.rubric_fingerprint != set.fingerprint.as_str() {
        eprintln!(
            "note: session {} was scored with another rubric (fingerprint {}; now {}); scores are as recorded",
            session.id, session.rubric_fingerprint, set.fingerprint
        );
    }
    if session.status != Status::Complete {
        let left = session.questions.iter().filter(|q| !q.done).count();
        let questions = if left == 1 { "question" } else { "questions" };
        eprintln!(
            "note: session {} is unfinished ({left} {questions} not answered); the report covers the answers so far",
            session.id
        );
    }
    let report = SessionReport::build(&session, &set);
    let to_file = args.output.as_ref().is_some_and(|p| p.as_os_str() != "-");
    let options = Options {
        width: width_from_env(),
        color: args.color.on_for(to_file),
        evidence: args.evidence,
    };
    let text = Format::from(args.format)
        .exporter()
        .export(&report, &options);
    output::write(args.output.as_deref(), &text)?;
    Ok(ExitCode::SUCCESS)
}
