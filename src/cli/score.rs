//! `mockloop score`: score one answer, or a batch of them, with the evidence behind each point.

use std::io::{BufRead, BufReader, BufWriter, Read, Write};
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

    /// Threads scoring a batch (default: one per core); the output is the same for any number
    #[arg(long, value_name = "N", requires = "batch", value_parser = clap::value_parser!(u16).range(1..))]
    jobs: Option<u16>,

    #[command(flatten)]
    color: super::output::ColorArg,
}

#[derive(Debug, Clone, Copy, ValueEnum)]
enum Format {
    Table,
    Json,
}

pub fn run(args: Args, rubrics: Option<&Path>) -> Result<ExitCode> {
    // Never dropped: freeing the compiled rubric piece by piece just before the process exits
    // was 6% of scoring one answer, and the system takes the memory back at exit anyway.
    let scorer = std::mem::ManuallyDrop::new(Scorer::new(load_set(rubrics)?));
    if let Some(batch) = &args.batch {
        return run_batch(&scorer, batch, args.jobs);
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

/// Lines a worker takes at a time: the answers vary in length, so small pieces balance, and
/// a few pieces per worker are all a batch of any length holds in memory.
const PIECE_LINES: usize = 8;

fn run_batch(scorer: &Scorer, path: &Path, jobs: Option<u16>) -> Result<ExitCode> {
    let name = if path.as_os_str() == "-" {
        "standard input".to_string()
    } else {
        path.display().to_string()
    };
    let reader: Box<dyn Read + Send> = if path.as_os_str() == "-" {
        Box::new(std::io::stdin())
    } else {
        Box::new(std::fs::File::open(path).with_context(|| format!("cannot open {name}"))?)
    };
    let workers = match jobs {
        Some(n) => usize::from(n),
        None => std::thread::available_parallelism().map_or(1, |n| n.get()),
    };
    let mut lines = Lines {
        reader: BufReader::new(reader),
        number: 0,
        end: None,
    };
    let mut out = BufWriter::with_capacity(1 << 16, std::io::stdout());
    let mut tally = Tally::default();
    // Every line before a bad read is scored and written before the error is reported.
    mockloop::ordered::map_in_order(
        workers,
        || lines.piece(),
        |piece| score_piece(scorer, &piece),
        |scored: Result<Scored>| -> Result<()> {
            let scored = scored?;
            tally.add(&scored);
            out.write_all(&scored.bytes)
                .or_else(super::pipe::ignore_broken_pipe)?;
            Ok(())
        },
    )?;
    out.flush().or_else(super::pipe::ignore_broken_pipe)?;
    match lines.end {
        Some(End::Over(number)) => bail!("line {number} of {name} is over the limit of {BATCH_LINE_BYTES} bytes for one batch line; split the input or shorten the answer"),
        Some(End::Failed(e)) => {
            return Err(anyhow::Error::new(e).context(format!("cannot read {name}")))
        }
        Some(End::Done) | None => {}
    }
    let Tally { scored, failed } = tally;
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

/// The batch's lines, numbered, read a piece at a time.
struct Lines {
    reader: BufReader<Box<dyn Read + Send>>,
    number: usize,
    /// Why reading stopped, once it has.
    end: Option<End>,
}

enum End {
    Done,
    /// The line with this number has no newline within the limit.
    Over(usize),
    Failed(std::io::Error),
}

impl Lines {
    /// Up to [`PIECE_LINES`] numbered lines that are not blank; `None` once none are left.
    fn piece(&mut self) -> Option<Vec<(usize, Vec<u8>)>> {
        let mut piece = Vec::with_capacity(PIECE_LINES);
        while piece.len() < PIECE_LINES && self.end.is_none() {
            self.number += 1;
            let mut line = Vec::new();
            // One line at most the cap (and its newline): `--batch /dev/zero` has no newline.
            let read = (&mut self.reader)
                .take(BATCH_LINE_BYTES + 1)
                .read_until(b'\n', &mut line);
            match read {
                Ok(0) => self.end = Some(End::Done),
                Ok(_) if line.last() == Some(&b'\n') => {
                    line.pop();
                }
                Ok(_) if line.len() as u64 > BATCH_LINE_BYTES => {
                    self.end = Some(End::Over(self.number));
                    continue;
                }
                Ok(_) => {}
                Err(e) => {
                    self.end = Some(End::Failed(e));
                    continue;
                }
            }
            if !line.iter().all(u8::is_ascii_whitespace) {
                piece.push((self.number, line));
            }
        }
        (!piece.is_empty()).then_some(piece)
    }
}

#[derive(Default)]
struct Tally {
    scored: usize,
    failed: usize,
}

impl Tally {
    fn add(&mut self, other: &Scored) {
        self.scored += other.tally.scored;
        self.failed += other.tally.failed;
    }
}

/// Result lines, in input order, and how many of them were errors.
#[derive(Default)]
struct Scored {
    bytes: Vec<u8>,
    tally: Tally,
}

/// Scores numbered lines: their result lines, one per line, in order.
fn score_piece(scorer: &Scorer, lines: &[(usize, Vec<u8>)]) -> Result<Scored> {
    let mut done = Scored::default();
    for (number, line) in lines {
        match score_line(scorer, line) {
            Ok(card) => {
                card.write_json(&mut done.bytes)?;
                done.tally.scored += 1;
            }
            Err(message) => {
                let error = serde_json::json!({ "line": number, "error": message });
                serde_json::to_writer(&mut done.bytes, &error)?;
                done.tally.failed += 1;
            }
        }
        done.bytes.push(b'\n');
    }
    Ok(done)
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
