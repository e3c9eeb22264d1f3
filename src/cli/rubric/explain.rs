//! `mockloop rubric explain`: every pattern that matched, what each criterion contributed, and
//! what the missed ones would add.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::Result;
use comfy_table::{Cell, CellAlignment};
use mockloop::report::layout::{band_text, table, width_from_env};
use mockloop::report::sanitize::for_terminal;
use mockloop::score::{ImprovementKind, Scorer};

use crate::cli::input::{answer_path, read_text};
use crate::cli::rubrics::load_set;

#[derive(Debug, clap::Args)]
pub struct Args {
    /// Stage whose rubric scores the answer
    #[arg(long, short)]
    stage: String,
    /// A bank question id, or any question text
    #[arg(long, short, value_name = "ID_OR_TEXT")]
    question: Option<String>,
    /// Answer file; `-` reads standard input
    #[arg(value_name = "FILE")]
    file: Option<PathBuf>,
}

pub fn run(args: Args, rubrics: Option<&Path>, color: bool) -> Result<ExitCode> {
    let scorer = Scorer::new(load_set(rubrics)?);
    let answer = read_text(answer_path(args.file.as_deref())?)?;
    let card = scorer.score(&args.stage, args.question.as_deref(), &answer)?;
    let width = width_from_env();
    println!(
        "Overall {:.1}/100 · {}\n",
        card.overall,
        band_text(card.band, color)
    );

    let mut matches = table(width);
    matches.set_header(vec![
        "Criterion / value",
        "Pattern",
        "Bytes",
        "Matched text",
    ]);
    let criteria = card
        .criteria
        .iter()
        .chain(&card.penalties)
        .map(|c| (c.name.to_string(), &c.evidence, &c.negated));
    let values = card
        .values
        .values()
        .map(|v| (v.name.to_string(), &v.evidence, &v.counter_evidence));
    for (owner, evidence, other) in criteria.chain(values) {
        for e in evidence {
            matches.add_row(vec![
                owner.clone(),
                e.pattern.to_string(),
                format!("{}..{}", e.start, e.end),
                for_terminal(&e.text),
            ]);
        }
        for e in other {
            let text = format!("{} (negated or against: no credit)", for_terminal(&e.text));
            matches.add_row(vec![
                owner.clone(),
                e.pattern.to_string(),
                format!("{}..{}", e.start, e.end),
                text,
            ]);
        }
    }
    println!("Every match\n{matches}\n");

    let mut contributions = table(width);
    contributions.set_header(vec!["Criterion", "Weight", "Score", "Points to overall"]);
    for c in &card.criteria {
        contributions.add_row(vec![
            Cell::new(&*c.name),
            Cell::new(format!("{:.1}", c.weight)).set_alignment(CellAlignment::Right),
            Cell::new(format!("{:.0}", c.score)).set_alignment(CellAlignment::Right),
            Cell::new(format!("{:.1}", c.points)).set_alignment(CellAlignment::Right),
        ]);
    }
    println!("What each criterion contributed\n{contributions}\n");
    for a in &card.adjustments {
        println!("adjustment {}: {} ({})", a.id, a.effect, a.reason);
    }

    let mut missed = table(width);
    missed.set_header(vec!["Missed criterion", "Would add", "Advice"]);
    for imp in card
        .improvements
        .iter()
        .filter(|i| i.kind == ImprovementKind::Criterion)
    {
        missed.add_row(vec![
            Cell::new(&*imp.name),
            Cell::new(format!("+{:.1}", imp.gain)).set_alignment(CellAlignment::Right),
            Cell::new(&*imp.advice),
        ]);
    }
    println!("\nMissed, by points they would add\n{missed}");
    Ok(ExitCode::SUCCESS)
}
