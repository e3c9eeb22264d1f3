//! `mockloop rubric test`: how well a rubric's scores agree with labeled cases.

use std::path::Path;
use std::process::ExitCode;

use anyhow::Result;
use comfy_table::{Cell, CellAlignment};
use mockloop::calibrate::{evaluate, Cases, Metrics, TestReport};
use mockloop::report::layout::{color_table, failure_text, ok_text, width_from_env};
use mockloop::report::sanitize::for_terminal;
use mockloop::score::Scorer;

use crate::cli::rubrics::load_set;

#[derive(Debug, Clone, Copy, clap::ValueEnum)]
pub enum Format {
    Table,
    Json,
}

pub fn run(
    rubrics: Option<&Path>,
    cases: Option<&Path>,
    format: Format,
    color: bool,
) -> Result<ExitCode> {
    let set = load_set(rubrics)?;
    let cases = match (cases, rubrics) {
        (Some(path), _) => Cases::load(path)?,
        (None, Some(dir)) => Cases::load(&dir.join("calibration"))?,
        (None, None) => Cases::builtin()?,
    };
    cases.validate(&set)?;
    let scorer = Scorer::new(set);
    let report = evaluate(&scorer, &cases)?;
    match format {
        Format::Json => println!("{}", serde_json::to_string_pretty(&report)?),
        Format::Table => print!("{}", render(&report, color)),
    }
    Ok(if report.overall.failed > 0 {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    })
}

fn render(report: &TestReport, color: bool) -> String {
    let mut out = String::new();
    for o in report.failures() {
        out.push_str(&format!(
            "{} {} ({}): {}\n",
            failure_text("FAIL", color),
            o.id,
            o.stage,
            o.failures.join("; ")
        ));
        if !o.evidence.is_empty() {
            out.push_str(&format!(
                "     scored on: {}\n",
                for_terminal(&o.evidence.join(" · "))
            ));
        }
    }
    let mut metrics = color_table(width_from_env(), color);
    metrics.set_header(vec![
        "Stage",
        "Cases",
        "Failed",
        "Pairwise",
        "Band exact",
        "Within one",
        "Kappa",
        "Range MAE",
    ]);
    for (stage, m) in report
        .by_stage
        .iter()
        .map(|(s, m)| (s.as_str(), m))
        .chain([("all", &report.overall)])
    {
        let mut row = vec![Cell::new(stage)];
        row.extend(
            columns(m)
                .into_iter()
                .map(|c| Cell::new(c).set_alignment(CellAlignment::Right)),
        );
        metrics.add_row(row);
    }
    out.push_str(&metrics.to_string());
    let m = &report.overall;
    let passed = format!("{} of {} cases pass", m.cases - m.failed, m.cases);
    let passed = if m.failed == 0 {
        ok_text(&passed, color)
    } else {
        failure_text(&passed, color)
    };
    out.push_str(&format!("\n{passed}\n"));
    out
}

fn columns(m: &Metrics) -> Vec<String> {
    let ratio = |ok: usize, n: usize| {
        if n == 0 {
            "-".to_string()
        } else {
            format!("{ok}/{n} ({:.0}%)", 100.0 * ok as f64 / n as f64)
        }
    };
    vec![
        m.cases.to_string(),
        m.failed.to_string(),
        ratio(m.pairs_ok, m.pairs),
        ratio(m.bands_exact, m.bands),
        ratio(m.bands_within_one, m.bands),
        m.kappa.map_or("-".into(), |k| format!("{k:.2}")),
        m.range_mae.map_or("-".into(), |e| format!("{e:.1}")),
    ]
}
