//! `mockloop rubric check`: validate a rubric set and report every problem.

use std::path::Path;
use std::process::ExitCode;

use anyhow::Result;
use mockloop::calibrate::Cases;
use mockloop::report::layout::{failure_text, ok_text, warning_text};
use mockloop::rubric::{load, RubricSet, RubricSource};
use mockloop::score::Scorer;

pub fn run(dir: Option<&Path>, strict: bool, color: bool) -> Result<ExitCode> {
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
                    println!(
                        "{} {name}: {}",
                        ok_text("ok:", color),
                        summary(scorer.set())
                    );
                    return lint(&scorer, dir, strict, color);
                }
                Err(problems) => problems,
            }
        }
        Err(problems) => problems,
    };
    for problem in &problems.0 {
        println!("{}", failure_text(&problem.to_string(), color));
    }
    let n = problems.0.len();
    eprintln!("{name}: {n} problem{}", if n == 1 { "" } else { "s" });
    Ok(ExitCode::FAILURE)
}

/// Warnings do not fail the check unless `--strict`: a rubric can be valid and still odd.
fn lint(scorer: &Scorer, dir: Option<&Path>, strict: bool, color: bool) -> Result<ExitCode> {
    let cases = match dir {
        None => Some(Cases::builtin()?),
        Some(dir) if dir.join("calibration").is_dir() => {
            Some(Cases::load(&dir.join("calibration"))?)
        }
        Some(_) => None,
    };
    if cases.is_none() {
        println!("note: no calibration/ folder, so unmatched patterns are not checked");
    }
    let warnings = mockloop::calibrate::lint::lint(scorer, cases.as_ref())?;
    for w in &warnings {
        println!("{} {w}", warning_text("warning:", color));
    }
    if strict && !warnings.is_empty() {
        eprintln!(
            "{} warnings, and --strict makes them fail the check",
            warnings.len()
        );
        return Ok(ExitCode::FAILURE);
    }
    Ok(ExitCode::SUCCESS)
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
