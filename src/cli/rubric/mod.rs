//! `mockloop rubric …`: check, test, explain and tune rubric sets.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::Result;
use clap::Subcommand;

use super::output::ColorChoice;

mod check;
mod explain;
mod test;
mod tune;

/// Check, test, explain and tune rubric sets
#[derive(Debug, clap::Args)]
#[command(after_help = "Examples:
  mockloop rubric check --rubrics my-rubrics/
  mockloop rubric test --cases ../shared/eval/dev.json
  mockloop rubric explain --stage offer answer.txt
  mockloop rubric tune --cases my-cases/ -o tuned/
  mockloop rubric schema > rubric.schema.json")]
pub struct Args {
    #[command(subcommand)]
    command: RubricCommand,
    /// When to colour bands, failures and warnings: auto (a terminal with NO_COLOR unset),
    /// always, never
    #[arg(long, value_enum, value_name = "WHEN", default_value_t = ColorChoice::Auto, global = true)]
    color: ColorChoice,
}

#[derive(Debug, Subcommand)]
enum RubricCommand {
    /// Validate a rubric set: JSON syntax, fields, ids, references, weights and every regex
    #[command(after_help = "Examples:
  mockloop rubric check
  mockloop rubric check --rubrics my-rubrics/ --strict

Exits 0 when the set is valid (warnings are printed but pass), 1 when it has problems, or has
warnings under --strict. Warnings: patterns no calibration case matches, a pattern in two
criteria, a weight too small to change a band, a question without follow-ups.")]
    Check {
        /// Fail on warnings too
        #[arg(long)]
        strict: bool,
    },
    /// Score labeled cases and report failures and agreement metrics
    #[command(after_help = "Examples:
  mockloop rubric test                                    # the built-in set and its cases
  mockloop rubric test --cases ../shared/eval/dev.json
  mockloop rubric test --rubrics my-rubrics/ --format json

Exits 1 when any case fails, so a rubric repository can run it in CI.")]
    Test {
        /// A case file, a dev-set file, or a folder of them (default: the rubric set's own
        /// calibration cases)
        #[arg(long, value_name = "FILE|DIR")]
        cases: Option<PathBuf>,
        #[arg(long, short, value_enum, default_value_t = test::Format::Table)]
        format: test::Format,
    },
    /// Show every pattern that matched an answer and what each criterion contributed
    #[command(after_help = "Examples:
  mockloop rubric explain --stage behavioral examples/answer.txt
  mockloop rubric explain --stage offer --question of-competing-offer -")]
    Explain(explain::Args),
    /// Fit criterion and value weights and band thresholds to labeled cases
    #[command(after_help = "Examples:
  mockloop rubric tune --cases ../shared/eval/dev.json -o tuned/
  mockloop rubric tune --cases my-cases/ --rubrics my-rubrics/ -o tuned/ --holdout 0.3 --seed 7

Prints agreement before and after, on the cases it trained on and on those it held out, and
writes a complete tuned set (patterns untouched, only numbers changed) with TUNING.txt listing
what moved. If holdout agreement would get worse it writes nothing, unless --force.")]
    Tune(tune::Args),
    /// Print the JSON Schema of rubric files (or of case files), for editors to check them
    #[command(after_help = "Examples:
  mockloop rubric schema > rubric.schema.json
  mockloop rubric schema --cases > cases.schema.json")]
    Schema {
        /// The schema of labeled case files instead
        #[arg(long)]
        cases: bool,
    },
}

pub fn run(args: Args, rubrics: Option<&Path>) -> Result<ExitCode> {
    let color = args.color.enabled(false);
    match args.command {
        RubricCommand::Check { strict } => check::run(rubrics, strict, color),
        RubricCommand::Test { cases, format } => {
            test::run(rubrics, cases.as_deref(), format, color)
        }
        RubricCommand::Explain(args) => explain::run(args, rubrics, color),
        RubricCommand::Tune(args) => tune::run(args, rubrics, color),
        RubricCommand::Schema { cases } => {
            let schema = if cases {
                mockloop::calibrate::CaseFile::schema()
            } else {
                mockloop::rubric::schema::rubric_files()
            };
            println!("{}", serde_json::to_string_pretty(&schema)?);
            Ok(ExitCode::SUCCESS)
        }
    }
}
