//! `mockloop score`: score one answer, or a batch of them, with the evidence behind each point.

use std::io::{BufRead, BufReader, Read, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::{bail, Context, Result};
use clap::ValueEnum;
use mockloop::limits::{clip_values, BATCH_LINE_BYTES};
use mockloop::report::card_table;
use mockloop::score::{ScoreCard, Scorer};
use serde::Deserialize;

use super::input::{answer_path, read_text};
use super::question_id;
use super::rubrics::load_set;

/// Score one answer against a stage's rubric and the values rubric
#[derive(Debug, clap::Args)]
#[command(after_help = "Examples:
  mockloop score --stage behavioral examples/answer.txt
  mockloop score --stage offer --question of-competing-offer --format json answer.txt
  mockloop score --stage behavioral --question-text 'Tell me about a launch' answer.txt
  echo '{\"stage\":\"onsite\",\"answer\":\"...\"}' | mockloop score --batch -")]
pub struct Args {
    /// Answer file; `-` reads standard input (also the default when input is piped)
    #[arg(value_name = "FILE", conflicts_with = "batch")]
    file: Option<PathBuf>,

    /// Stage whose rubric scores the answer (behavioral, product_strategy, cross_functional, culture_fit, onsite, offer)
    #[arg(long, short, required_unless_present = "batch")]
    stage: Option<String>,

    /// The question: a bank question id, or question text with spaces (scored on the stage's
    /// generic rubric); a single word that is not an id is an error naming the closest ids
    #[arg(long, short, value_name = "ID_OR_TEXT", conflicts_with = "batch")]
    question: Option<String>,

    /// Your own question's text, scored as free text without checking it against the bank's ids
    #[arg(long, value_name = "TEXT", conflicts_with_all = ["batch", "question"])]
    question_text: Option<String>,

    /// Output format
    #[arg(long, short, value_enum, default_value_t = Format::Table)]
    format: Format,

    /// Score JSON Lines, one {"stage", "question"?, "answer"} object per line; writes one JSON
    /// result per line in the same order
    #[arg(long, value_name = "FILE|-", conflicts_with = "stage")]
    batch: Option<PathBuf>,

    #[command(flatten)]
    color: super::output::ColorArg,
}

#[derive(Debug, Clone, Copy, ValueEnum)]
enum Format {
    Table,
    Json,
}

pub fn run(args: Args, rubrics: Option<&Path>) -> Result<ExitCode> {
    let scorer = Scorer::new(load_set(rubrics)?);
    if let Some(batch) = &args.batch {
        return run_batch(&scorer, batch);
    }
    let stage = args.stage.as_deref().unwrap_or_default();
    let path = answer_path(args.file.as_deref())?;
    if let Some(question) = &args.question {
        question_id::check(scorer.set(), stage, question).map_err(anyhow::Error::msg)?;
    }
    let answer = read_text(path)?;
    let question = args.question.as_deref().or(args.question_text.as_deref());
    let card = scorer.score(stage, question, &answer)?;
    let out = match args.format {
        Format::Json => serde_json::to_string_pretty(&card)? + "\n",
        Format::Table => card_table::render(
            &card,
            scorer.set(),
            mockloop::report::layout::width_from_env(),
            args.color.on(),
        ),
    };
    write_stdout(out.as_bytes())?;
    Ok(ExitCode::SUCCESS)
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct BatchLine {
    stage: String,
    #[serde(default)]
    question: Option<String>,
    answer: String,
}

fn run_batch(scorer: &Scorer, path: &Path) -> Result<ExitCode> {
    let name = if path.as_os_str() == "-" {
        "standard input".to_string()
    } else {
        path.display().to_string()
    };
    let reader: Box<dyn Read> = if path.as_os_str() == "-" {
        Box::new(std::io::stdin().lock())
    } else {
        Box::new(std::fs::File::open(path).with_context(|| format!("cannot open {name}"))?)
    };
    let mut stdout = std::io::stdout().lock();
    let (mut scored, mut failed) = (0usize, 0usize);
    let mut reader = BufReader::new(reader);
    let mut line = Vec::new();
    for number in 1usize.. {
        line.clear();
        // One line at most the cap (and its newline): `--batch /dev/zero` has no newline at all.
        let read = (&mut reader)
            .take(BATCH_LINE_BYTES + 1)
            .read_until(b'\n', &mut line)
            .with_context(|| format!("cannot read {name}"))?;
        if read == 0 {
            break;
        }
        if line.last() == Some(&b'\n') {
            line.pop();
        } else if line.len() as u64 > BATCH_LINE_BYTES {
            bail!("line {number} of {name} is over the limit of {BATCH_LINE_BYTES} bytes for one batch line; split the input or shorten the answer");
        }
        if line.iter().all(u8::is_ascii_whitespace) {
            continue;
        }
        let result = score_line(scorer, &line);
        let json = match &result {
            Ok(card) => serde_json::to_string(card)?,
            Err(message) => serde_json::json!({ "line": number, "error": message }).to_string(),
        };
        match result {
            Ok(_) => scored += 1,
            Err(_) => failed += 1,
        }
        writeln!(stdout, "{json}").or_else(super::pipe::ignore_broken_pipe)?;
    }
    if scored + failed == 0 {
        bail!("{name} has no answers; write one JSON object per line: {{\"stage\": \"behavioral\", \"answer\": \"...\"}}");
    }
    if failed > 0 {
        eprintln!(
            "{failed} of {} lines of {name} could not be scored (see the \"error\" lines)",
            scored + failed
        );
        return Ok(ExitCode::FAILURE);
    }
    Ok(ExitCode::SUCCESS)
}

fn score_line(scorer: &Scorer, line: &[u8]) -> Result<ScoreCard, String> {
    let text = std::str::from_utf8(line)
        .map_err(|e| format!("not UTF-8 (bad byte at column {})", e.valid_up_to() + 1))?;
    let item: BatchLine = serde_json::from_str(text.trim_end_matches('\r'))
        .map_err(|e| clip_values(&e.to_string()))?;
    if let Some(question) = &item.question {
        question_id::check(scorer.set(), &item.stage, question)?;
    }
    scorer
        .score(&item.stage, item.question.as_deref(), &item.answer)
        .map_err(|e| e.to_string())
}

fn write_stdout(bytes: &[u8]) -> Result<()> {
    std::io::stdout()
        .lock()
        .write_all(bytes)
        .or_else(super::pipe::ignore_broken_pipe)?;
    Ok(())
}
