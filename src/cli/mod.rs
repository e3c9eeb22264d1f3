//! Command-line interface: clap types stay here; each subcommand turns its arguments into plain
//! values and calls the library.

use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::Result;
use clap::{Parser, Subcommand};

mod completions;
mod focus;
mod hangup;
mod history;
mod input;
mod listing;
mod man;
mod output;
pub mod pipe;
mod plan;
mod progress;
mod question_id;
mod replay;
mod report;
mod rubric;
mod rubrics;
mod run;
mod score;
mod sessions;

#[derive(Debug, Parser)]
#[command(
    name = "mockloop",
    version,
    about = "Practise a Netflix product-manager interview loop at the terminal, scored by an explainable rubric",
    after_help = "Examples:\n  mockloop run\n  mockloop report latest --format html -o report.html\n  mockloop score --stage behavioral examples/answer.txt\n  mockloop rubric check --rubrics my-rubrics/"
)]
pub struct Cli {
    /// Rubric folder to use instead of the built-in set
    #[arg(long, global = true, env = "MOCKLOOP_RUBRICS", value_name = "DIR")]
    rubrics: Option<PathBuf>,

    #[command(subcommand)]
    command: Command,
}

/// The sessions folder used when neither `--sessions` nor `MOCKLOOP_SESSIONS` names one.
pub const DEFAULT_SESSIONS: &str = "sessions";

/// The sessions folder, shared by every command that reads or writes sessions.
#[derive(Debug, clap::Args)]
pub struct SessionsDir {
    /// Sessions folder
    #[arg(
        long = "sessions",
        env = "MOCKLOOP_SESSIONS",
        default_value = DEFAULT_SESSIONS,
        value_name = "DIR",
        global = true
    )]
    pub dir: PathBuf,
}

#[derive(Debug, Subcommand)]
enum Command {
    Run(run::Args),
    Report(report::Args),
    Replay(replay::Args),
    History(history::Args),
    Plan(plan::Args),
    Sessions(sessions::Args),
    Score(score::Args),
    Rubric(rubric::Args),
    Completions(completions::Args),
    Man(man::Args),
}

pub fn run() -> Result<ExitCode> {
    let cli = Cli::parse();
    let rubrics = cli.rubrics.as_deref();
    match cli.command {
        Command::Run(args) => run::run(args, rubrics),
        Command::Report(args) => report::run(args, rubrics),
        Command::Replay(args) => replay::run(args, rubrics),
        Command::History(args) => history::run(args, rubrics),
        Command::Plan(args) => plan::run(args, rubrics),
        Command::Sessions(args) => sessions::run(args, rubrics),
        Command::Score(args) => score::run(args, rubrics),
        Command::Rubric(args) => rubric::run(args, rubrics),
        Command::Completions(args) => completions::run(args),
        Command::Man(args) => man::run(args),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::CommandFactory;

    #[test]
    fn cli_definition_is_consistent() {
        Cli::command().debug_assert();
    }

    /// Every `mockloop …` command quoted in the README parses with today's flags.
    #[test]
    fn readme_commands_parse() {
        let readme = include_str!("../../README.md");
        let mut seen = 0;
        let mut in_code = false;
        for line in readme.lines() {
            if line.trim_start().starts_with("```") {
                in_code = !in_code;
                continue;
            }
            if !in_code {
                continue;
            }
            let line = line.trim().trim_start_matches("$ ");
            let Some(rest) = line
                .strip_prefix("mockloop ")
                .or_else(|| line.strip_prefix("cargo run --release -- "))
            else {
                continue;
            };
            // The command ends where the shell takes over: a comment, a pipe or a redirection.
            let command = rest.split(['#', '|', '>', '<']).next().unwrap_or_default();
            let argv = std::iter::once("mockloop").chain(command.split_whitespace());
            if let Err(e) = Cli::try_parse_from(argv) {
                panic!("README command `{line}` does not parse: {e}");
            }
            seen += 1;
        }
        assert!(
            seen >= 3,
            "expected the README to show mockloop commands, found {seen}"
        );
    }
}
