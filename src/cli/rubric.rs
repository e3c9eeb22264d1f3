//! `mockloop rubric …`: work on rubric sets.

use std::path::Path;
use std::process::ExitCode;

use anyhow::Result;
use clap::Subcommand;
use mockloop::rubric::{load, RubricSet, RubricSource};
use mockloop::score::Scorer;

/// Check and inspect rubric sets
#[derive(Debug, clap::Args)]
pub struct Args {
    #[command(subcommand)]
    command: RubricCommand,
}

#[derive(Debug, Subcommand)]
enum RubricCommand {
    /// Validate a rubric set: JSON syntax, fields, ids, references, weights and every regex
    #[command(
        after_help = "Examples:\n  mockloop rubric check\n  mockloop rubric check --rubrics my-rubrics/\n\nExits 0 when the set is clean, 1 when it has problems."
    )]
    Check,
}

pub fn run(args: Args, rubrics: Option<&Path>) -> Result<ExitCode> {
    match args.command {
        RubricCommand::Check => check(rubrics),
    }
}

fn check(dir: Option<&Path>) -> Result<ExitCode> {
    let source = match dir {
        None => RubricSource::Builtin,
        Some(dir) if dir.is_dir() => RubricSource::Dir(dir.to_path_buf()),
        Some(dir) => anyhow::bail!(
            "rubric folder {} does not exist or is not a folder",
            dir.display()
        ),
    };
    let name = match &source {
        RubricSource::Builtin => "built-in rubric set".to_string(),
        RubricSource::Dir(dir) => format!("rubric set {}", dir.display()),
    };
    let problems = match load(source) {
        Ok(set) => {
            let scorer = Scorer::new(set);
            match scorer.check() {
                Ok(()) => {
                    println!("ok: {name}: {}", summary(scorer.set()));
                    return Ok(ExitCode::SUCCESS);
                }
                Err(problems) => problems,
            }
        }
        Err(problems) => problems,
    };
    for problem in &problems.0 {
        println!("{problem}");
    }
    let n = problems.0.len();
    eprintln!("{name}: {n} problem{}", if n == 1 { "" } else { "s" });
    Ok(ExitCode::FAILURE)
}

fn summary(set: &RubricSet) -> String {
    let questions: usize = set.stages.iter().map(|s| s.bank.questions.len()).sum();
    let criteria: usize = set
        .stages
        .iter()
        .map(|s| {
            s.rubric.criteria.len()
                + s.bank
                    .questions
                    .iter()
                    .map(|q| q.concepts.len())
                    .sum::<usize>()
        })
        .sum();
    format!(
        "{} stages, {questions} questions, {criteria} criteria and concepts, {} values (fingerprint {})",
        set.stages.len(),
        set.values.len(),
        set.fingerprint
    )
}
