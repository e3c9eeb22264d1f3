//! `mockloop plan`: what to practise next, from the saved score cards.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::Result;
use mockloop::practice::{self, Options};
use mockloop::report::layout::width_from_env;
use mockloop::report::practice as render;
use mockloop::report::sanitize::for_terminal;
use mockloop::score::Scorer;
use mockloop::session::SessionStore;

use super::output;
use super::progress::Progress;
use super::rubrics::load_set;

/// What to practise next: your weakest criteria and value, and the questions that train them
#[derive(Debug, clap::Args)]
#[command(after_help = "Examples:
  mockloop plan
  mockloop plan --name Ada --format markdown -o plan.md
  mockloop plan --format json
  mockloop run --focus weakest      # a loop drawn to train the plan's weaknesses

The plan reads the score cards saved with completed sessions; --rescore scores every saved
answer again with today's rubric first.")]
pub struct Args {
    #[arg(long, short, value_enum, default_value_t = Format::Table)]
    format: Format,
    /// Write to FILE instead of standard output
    #[arg(long, short, value_name = "FILE")]
    output: Option<PathBuf>,
    /// Only this candidate's sessions
    #[arg(long)]
    name: Option<String>,
    /// Score the saved answers again with today's rubric instead of using their saved cards
    #[arg(long)]
    rescore: bool,
    #[command(flatten)]
    sessions: super::SessionsDir,
}

#[derive(Debug, Clone, Copy, clap::ValueEnum)]
enum Format {
    Table,
    Json,
    Markdown,
}

pub fn run(args: Args, rubrics: Option<&Path>) -> Result<ExitCode> {
    let set = load_set(rubrics)?;
    let store = SessionStore::at(&args.sessions.dir);
    let paths: Vec<PathBuf> = store.ids()?.iter().map(|id| store.path_of(id)).collect();
    let scorer = args.rescore.then(|| Scorer::new(set.clone()));
    let progress = Progress::new(paths.len(), "reading sessions");
    let cache = practice::cache_path(store.dir());
    let options = Options {
        name: args.name.as_deref(),
        rescore: scorer.as_ref(),
        cache: Some(&cache),
    };
    let plan = practice::plan(&paths, &set, &options, &|| progress.tick());
    progress.finish();
    for (_, why) in &plan.skipped {
        eprintln!("warning: {why}; skipped");
    }
    if plan.sessions == 0 {
        // Having no history yet is where every candidate starts, not a failure: say how to
        // begin and exit 0, as `history` and `sessions` do on an empty folder.
        let message = nothing_yet(&plan, store.dir(), args.name.as_deref());
        match args.format {
            Format::Json => {
                eprintln!("{message}");
                output::write(args.output.as_deref(), &render::json(&plan))?;
            }
            _ => output::write(args.output.as_deref(), &format!("{message}\n"))?,
        }
        return Ok(ExitCode::SUCCESS);
    }
    let text = match args.format {
        Format::Table => render::table_text(&plan, width_from_env()),
        Format::Markdown => render::markdown(&plan),
        Format::Json => render::json(&plan),
    };
    output::write(args.output.as_deref(), &text)?;
    Ok(ExitCode::SUCCESS)
}

fn nothing_yet(plan: &practice::PracticePlan, dir: &Path, name: Option<&str>) -> String {
    let whose = name
        .map(|n| format!(" for {}", for_terminal(n)))
        .unwrap_or_default();
    let mut message = format!(
        "No completed sessions{whose} in {} yet, so there is nothing to plan from. Start one with `mockloop run` (or `mockloop run --stage behavioral` for a short one); the plan is built from completed sessions.",
        dir.display()
    );
    if plan.unfinished > 0 {
        message.push_str(&format!(
            " {} unfinished session{} can be finished with `mockloop run --resume latest`.",
            plan.unfinished,
            if plan.unfinished == 1 { "" } else { "s" }
        ));
    }
    message
}
