//! `mockloop rubric tune`: fit a rubric set's weights and band thresholds to labeled cases and
//! write the tuned set to a new folder.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::{bail, Context, Result};
use mockloop::calibrate::tune::{tune, Fit, Knob};
use mockloop::calibrate::{Cases, Metrics};
use mockloop::report::layout::warning_text;
use mockloop::rubric::{RubricSet, RubricSource, LOOP_FILE};
use mockloop::score::Scorer;
use serde_json::Value;

use crate::cli::rubrics::load_set;

#[derive(Debug, clap::Args)]
pub struct Args {
    /// Labeled cases: a case file, a dev-set file, or a folder of them
    #[arg(long, value_name = "FILE|DIR")]
    cases: PathBuf,
    /// Folder to write the tuned rubric set to (must not exist, or be empty)
    #[arg(long, short, value_name = "OUT_DIR")]
    output: PathBuf,
    /// Share of cases held out to check the fit on answers it did not see
    #[arg(long, default_value_t = 0.3)]
    holdout: f64,
    /// Seed of the train/holdout split
    #[arg(long, default_value_t = 1)]
    seed: u64,
    /// Write even if holdout agreement gets worse, or OUT_DIR is not empty
    #[arg(long)]
    force: bool,
}

pub fn run(args: Args, rubrics: Option<&Path>, color: bool) -> Result<ExitCode> {
    if !(args.holdout > 0.0 && args.holdout < 1.0) {
        bail!(
            "--holdout must be above 0 and below 1 (a share of the cases), got {}",
            args.holdout
        );
    }
    let occupied = std::fs::read_dir(&args.output)
        .map(|mut d| d.next().is_some())
        .unwrap_or(false);
    if occupied && !args.force {
        bail!(
            "{} exists and is not empty; choose a new folder or pass --force to replace it",
            args.output.display()
        );
    }
    let set = load_set(rubrics)?;
    let cases = Cases::load(&args.cases)?;
    cases.validate(&set)?;
    let scorer = Scorer::new(set);
    let fit = tune(&scorer, &cases, args.holdout, args.seed)?;

    println!(
        "{} cases: {} to train on, {} held out (seed {})\n",
        cases.cases.len(),
        fit.train.len(),
        fit.holdout.len(),
        args.seed
    );
    println!("{:<10} {:>24} {:>24}", "", "train", "holdout");
    println!(
        "{:<10} {:>24} {:>24}",
        "before",
        summary(&fit.before.0),
        summary(&fit.before.1)
    );
    println!(
        "{:<10} {:>24} {:>24}",
        "after",
        summary(&fit.after.0),
        summary(&fit.after.1)
    );
    let diff = diff(scorer.set(), &fit);
    println!(
        "\nWhat moved:\n{}",
        if diff.is_empty() {
            "  nothing".to_string()
        } else {
            diff.join("\n")
        }
    );

    if fit.holdout_worse() && !args.force {
        println!(
            "\n{}",
            warning_text(
                "Holdout agreement would get worse, so nothing was written (pass --force to write anyway).",
                color
            )
        );
        return Ok(ExitCode::FAILURE);
    }
    write_set(scorer.set(), &fit, &args.output, &diff)?;
    println!("\nTuned rubric set written to {}", args.output.display());
    Ok(ExitCode::SUCCESS)
}

fn summary(m: &Metrics) -> String {
    let pairwise = m
        .pairwise_accuracy()
        .map_or("-".into(), |a| format!("{:.0}%", 100.0 * a));
    let pass = if m.cases == 0 {
        0.0
    } else {
        100.0 * (m.cases - m.failed) as f64 / m.cases as f64
    };
    format!("pairs {pairwise}, pass {pass:.0}%")
}

fn round2(x: f64) -> f64 {
    (x * 100.0).round() / 100.0
}

/// One line per number that moved, in the files' own terms.
fn diff(set: &RubricSet, fit: &Fit) -> Vec<String> {
    let mut lines = Vec::new();
    let b = set.loop_file.bands;
    for (name, old, new) in [
        ("no_hire", b.no_hire, fit.bands.no_hire),
        ("hire", b.hire, fit.bands.hire),
        ("strong_hire", b.strong_hire, fit.bands.strong_hire),
    ] {
        if old != new {
            lines.push(format!("  loop.json bands.{name}: {old} -> {new}"));
        }
    }
    for (knob, weight) in &fit.weights {
        let (file, what, old) = match knob {
            Knob::Criterion(stage, id) => {
                let s = set.stage(stage).expect("tuned stage exists");
                let old = s
                    .rubric
                    .criteria
                    .iter()
                    .find(|c| &c.id == id)
                    .map_or(0.0, |c| c.weight);
                (s.meta.rubric.clone(), format!("criterion {id}"), old)
            }
            Knob::Concept(stage, question, id) => {
                let s = set.stage(stage).expect("tuned stage exists");
                let q = s.question(question);
                let old = q
                    .and_then(|q| q.concepts.iter().find(|c| &c.id == id))
                    .map_or(0.0, |c| c.weight);
                (
                    s.meta.questions.clone(),
                    format!("question {question} concept {id}"),
                    old,
                )
            }
            Knob::Value(id) => {
                let old = set
                    .values
                    .iter()
                    .find(|v| &v.id == id)
                    .map_or(0.0, |v| v.weight);
                (set.loop_file.values.clone(), format!("value {id}"), old)
            }
        };
        lines.push(format!(
            "  {file} {what} weight: {old} -> {}",
            round2(*weight)
        ));
    }
    lines
}

/// Writes every file of the set with the fitted numbers, into a temp folder renamed into place.
fn write_set(set: &RubricSet, fit: &Fit, out: &Path, diff: &[String]) -> Result<()> {
    let mut files: Vec<String> = vec![LOOP_FILE.into(), set.loop_file.values.clone()];
    for s in &set.stages {
        files.push(s.meta.rubric.clone());
        files.push(s.meta.questions.clone());
    }
    let parent = match out.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    };
    let name = out
        .file_name()
        .map(|n| n.to_string_lossy().to_string())
        .unwrap_or_else(|| "tuned".into());
    let temp = parent.join(format!(".{name}.tmp-{}", std::process::id()));
    let result = (|| -> Result<()> {
        std::fs::create_dir_all(&temp)
            .with_context(|| format!("cannot create {}", temp.display()))?;
        for rel in &files {
            let text = set
                .source
                .read(rel)
                .map_err(|e| anyhow::anyhow!("{}: {e}", set.source.display(rel)))?;
            let mut json: Value = serde_json::from_str(&text)?;
            apply(&mut json, rel, set, fit);
            let path = temp.join(rel);
            if let Some(dir) = path.parent() {
                std::fs::create_dir_all(dir)?;
            }
            std::fs::write(&path, serde_json::to_string_pretty(&json)? + "\n")
                .with_context(|| format!("cannot write {}", path.display()))?;
        }
        if let RubricSource::Dir(dir) = &set.source {
            copy_calibration(&dir.join("calibration"), &temp.join("calibration"))?;
        }
        std::fs::write(
            temp.join("TUNING.txt"),
            format!("What moved:\n{}\n", diff.join("\n")),
        )?;
        if out.exists() {
            std::fs::remove_dir_all(out)
                .with_context(|| format!("cannot replace {}", out.display()))?;
        }
        std::fs::rename(&temp, out)
            .with_context(|| format!("cannot move the tuned set to {}", out.display()))?;
        Ok(())
    })();
    if result.is_err() {
        let _ = std::fs::remove_dir_all(&temp);
    }
    result
}

fn copy_calibration(from: &Path, to: &Path) -> Result<()> {
    let Ok(entries) = std::fs::read_dir(from) else {
        return Ok(());
    };
    std::fs::create_dir_all(to)?;
    for entry in entries.flatten() {
        std::fs::copy(entry.path(), to.join(entry.file_name()))?;
    }
    Ok(())
}

/// Puts the fitted numbers into one file's JSON, leaving everything else as it was.
fn apply(json: &mut Value, rel: &str, set: &RubricSet, fit: &Fit) {
    if rel == LOOP_FILE {
        json["bands"]["no_hire"] = fit.bands.no_hire.into();
        json["bands"]["hire"] = fit.bands.hire.into();
        json["bands"]["strong_hire"] = fit.bands.strong_hire.into();
    }
    for (knob, weight) in &fit.weights {
        let weight = Value::from(round2(*weight));
        match knob {
            Knob::Value(id) if rel == set.loop_file.values => {
                for v in json["values"].as_array_mut().into_iter().flatten() {
                    if v["id"] == id.as_str() {
                        v["weight"] = weight.clone();
                    }
                }
            }
            Knob::Criterion(stage, id)
                if set.stage(stage).is_some_and(|s| s.meta.rubric == rel) =>
            {
                for c in json["criteria"].as_array_mut().into_iter().flatten() {
                    if c["id"] == id.as_str() {
                        c["weight"] = weight.clone();
                    }
                }
            }
            Knob::Concept(stage, question, id)
                if set.stage(stage).is_some_and(|s| s.meta.questions == rel) =>
            {
                for q in json["questions"].as_array_mut().into_iter().flatten() {
                    if q["id"] == question.as_str() {
                        for c in q["concepts"].as_array_mut().into_iter().flatten() {
                            if c["id"] == id.as_str() {
                                c["weight"] = weight.clone();
                            }
                        }
                    }
                }
            }
            _ => {}
        }
    }
}
