//! `mockloop run`: the mock loop itself.

use std::io::IsTerminal;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::{bail, Context, Result};
use chrono::Utc;
use clap::ValueEnum;
use mockloop::fsutil::read_file_capped;
use mockloop::interview::answer::{AnswerSource, LineSource, ScriptedSource};
use mockloop::interview::terminal::TerminalSource;
use mockloop::interview::{RunEnd, Runner};
use mockloop::limits::{clip_values, ANSWERS_FILE_BYTES};
use mockloop::report::export::{self, Exporter, Format};
use mockloop::report::sanitize::for_terminal;
use mockloop::report::{layout::terminal_width, SessionReport};
use mockloop::score::Scorer;
use mockloop::session::lock::SessionLock;
use mockloop::session::{self, plan, store, Feedback, NewSession, Session, SessionStore, Status};

use super::output;
use super::report::FormatArg;
use super::rubrics::load_set;

/// Practise a full mock loop: six stages in order, typed answers, follow-ups, a score report
#[derive(Debug, clap::Args)]
#[command(after_help = "Examples:
  mockloop run                                  # the whole loop, 12 questions
  mockloop run --stage behavioral --questions 1 # one behavioral question
  mockloop run --seed 7 --name Ada --feedback each
  mockloop run --resume latest                  # continue where you left off
  mockloop run --answers answers.json --seed 7  # scripted practice
  mockloop run --report html -o report.html     # also export the report at the end
  mockloop run --focus weakest                  # train what `mockloop plan` says is weakest
  mockloop run --focus measured_result --stage behavioral

Finish an answer with an empty line (or a line with just `.`). Type /help at the prompt for
/hint, /repeat, /time, /skip and /quit. Every answer is saved as you go.")]
pub struct Args {
    /// Practise only this stage (repeat for several); the loop order is kept
    #[arg(long, value_name = "ID")]
    stage: Vec<String>,

    /// Questions per stage (default: each stage's own count)
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(u32).range(1..))]
    questions: Option<u32>,

    /// Candidate name for the report
    #[arg(long)]
    name: Option<String>,

    /// Seed for the question draw, to repeat a loop exactly (default: a fresh draw, recorded)
    #[arg(long)]
    seed: Option<u64>,

    #[command(flatten)]
    sessions: super::SessionsDir,

    /// When to show score cards: at the end, like the real day, or after each answer
    #[arg(long, value_enum, default_value_t = FeedbackArg::End)]
    feedback: FeedbackArg,

    /// Do not ask follow-up questions
    #[arg(long)]
    no_follow_ups: bool,

    /// Take answers from a JSON file: a list of strings used in order for every prompt, or an
    /// object of answers keyed by question id
    #[arg(long, value_name = "FILE")]
    answers: Option<PathBuf>,

    /// At the end, also write the report in this format to the file given with -o
    #[arg(long, value_enum, value_name = "FORMAT", requires = "output")]
    report: Option<FormatArg>,

    /// Where --report writes
    #[arg(long, short, value_name = "FILE", requires = "report")]
    output: Option<PathBuf>,

    /// Draw the questions that train `weakest` (the weaknesses `mockloop plan` finds) or one
    /// criterion, concept or value id
    #[arg(long, value_name = "weakest|ID", conflicts_with = "resume")]
    focus: Option<String>,

    /// Continue an unfinished session: an id, a unique id prefix, `latest`, or a path
    #[arg(long, value_name = "SESSION", conflicts_with_all = ["stage", "questions", "seed", "name"])]
    resume: Option<String>,
}

#[derive(Debug, Clone, Copy, ValueEnum)]
enum FeedbackArg {
    End,
    Each,
}

pub fn run(args: Args, rubrics: Option<&Path>) -> Result<ExitCode> {
    let scorer = Scorer::new(load_set(rubrics)?);
    // Said before the first question, not after the last.
    let store = SessionStore::open(&args.sessions.dir)?;
    let (mut session, _lock) = match &args.resume {
        Some(spec) => resume(&store, spec, &scorer)?,
        None => {
            let session = start(&args, &store, &scorer)?;
            let lock = store.lock(&session.id)?;
            (session, lock)
        }
    };
    let mut source = answer_source(&args, &store)?;
    let path = store.save(&session)?;
    if let Some(focus) = &session.settings.focus {
        println!("{}", super::focus::opening_line(focus));
    }
    let width = terminal_width();
    let columns = usize::from(width.unwrap_or(100)).max(40);
    let fill =
        |text: &str| textwrap::fill(text, textwrap::Options::new(columns).break_words(false));
    println!(
        "{}",
        fill(&format!(
            "Session {} · saved to {}",
            session.id,
            path.display()
        ))
    );

    let mut stdout = std::io::stdout();
    let end = Runner {
        scorer: &scorer,
        store: &store,
        source: source.as_mut(),
        out: &mut stdout,
        width,
    }
    .run(&mut session)?;

    let resume_hint = resume_command(&session.id, &args.sessions.dir, rubrics);
    let saved = store.path_of(&session.id);
    match end {
        RunEnd::Complete => {
            let report = SessionReport::build(&session, scorer.set());
            let options = export::Options {
                width,
                ..export::Options::default()
            };
            print!("{}", export::table::Table.export(&report, &options));
            println!("\n{}", fill(&format!("Session saved: {}", saved.display())));
            if let (Some(format), Some(file)) = (args.report, &args.output) {
                let text = Format::from(format)
                    .exporter()
                    .export(&report, &export::Options::default());
                output::write(Some(file), &text)?;
                println!("Report written: {}", file.display());
            }
            Ok(ExitCode::SUCCESS)
        }
        RunEnd::Quit => {
            // The command on a line of its own, never wrapped, so it copies whole.
            tell(
                false,
                &format!(
                    "\n{}\nContinue with: {resume_hint}",
                    fill(&format!("Saved {}.", saved.display()))
                ),
            );
            Ok(ExitCode::SUCCESS)
        }
        RunEnd::EndOfInput => {
            let left = session.questions.iter().filter(|q| !q.done).count();
            let said = format!(
                "Input ended with {left} question{} left; saved as unfinished in {}.",
                if left == 1 { "" } else { "s" },
                saved.display()
            );
            tell(
                false,
                &format!("\n{}\nContinue with: {resume_hint}", fill(&said)),
            );
            // A scripted run that ran out of answers did not do what it was asked.
            Ok(if args.answers.is_some() {
                ExitCode::FAILURE
            } else {
                ExitCode::SUCCESS
            })
        }
        RunEnd::Interrupted => {
            let said = format!(
                "Interrupted. Your answer so far is saved in {}.",
                saved.display()
            );
            tell(
                true,
                &format!("\n{}\nContinue with: {resume_hint}", fill(&said)),
            );
            Ok(ExitCode::from(130))
        }
    }
}

fn start(args: &Args, store: &SessionStore, scorer: &Scorer) -> Result<Session> {
    let set = scorer.set();
    let focus = args
        .focus
        .as_deref()
        .map(|spec| super::focus::choose(spec, &args.sessions.dir, args.name.as_deref(), set))
        .transpose()?;
    let request = NewSession {
        stages: args.stage.clone(),
        questions_per_stage: args.questions,
        candidate: args.name.clone(),
        seed: args.seed.unwrap_or_else(plan::fresh_seed),
        feedback: match args.feedback {
            FeedbackArg::End => Feedback::End,
            FeedbackArg::Each => Feedback::Each,
        },
        follow_ups: !args.no_follow_ups,
        focus: focus.as_ref().map(|f| f.record.clone()),
    };
    let weight = |stage: &mockloop::rubric::Stage, q: &mockloop::rubric::Question| {
        focus.as_ref().map_or(0, |f| f.exerciser.weight(stage, q))
    };
    let now = Utc::now();
    let id = store::new_id(now, &store.ids()?);
    let session = session::create(set, request, Some(&weight), id, now)?;
    if let Some(f) = &focus {
        f.note_if_untrained(set, &session.questions);
    }
    Ok(session)
}

/// The session and its one-writer lock. The file is read again once the lock is held, so a
/// writer that finished just before is seen, never overwritten with an older copy.
fn resume(store: &SessionStore, spec: &str, scorer: &Scorer) -> Result<(Session, SessionLock)> {
    let path = store.resolve(spec)?;
    let lock = store.lock(&SessionStore::load(&path)?.id)?;
    let session = SessionStore::load(&path)?;
    if session.status == Status::Complete {
        bail!(
            "session {} is already complete ({}); start a new one with `mockloop run`",
            session.id,
            path.display()
        );
    }
    if session.rubric_fingerprint != scorer.set().fingerprint.as_str() {
        eprintln!(
            "note: session {} was started with another rubric (fingerprint {}); the rest is scored with {}",
            session.id,
            for_terminal(&clip_values(&session.rubric_fingerprint)),
            scorer.set().fingerprint
        );
    }
    Ok((session, lock))
}

fn answer_source(args: &Args, store: &SessionStore) -> Result<Box<dyn AnswerSource>> {
    if let Some(file) = &args.answers {
        let bytes = read_file_capped(file, ANSWERS_FILE_BYTES, "an answers file")
            .with_context(|| format!("cannot read answers file {}", file.display()))?;
        let text = String::from_utf8(bytes)
            .with_context(|| format!("answers file {} is not UTF-8 text", file.display()))?;
        let source = ScriptedSource::from_json(&text)
            .with_context(|| format!("answers file {} is not valid", file.display()))?;
        return Ok(Box::new(source));
    }
    if std::io::stdin().is_terminal() {
        super::hangup::survive_hangup();
        let source =
            TerminalSource::new(store.history_file()).context("cannot start the answer editor")?;
        return Ok(Box::new(source));
    }
    Ok(Box::new(LineSource::new(std::io::stdin().lock())))
}

/// The command that continues this session, with every option that differs from the default,
/// so that it works when pasted into the same shell.
fn resume_command(id: &str, sessions: &Path, rubrics: Option<&Path>) -> String {
    let mut command = format!("mockloop run --resume {}", shell_word(id));
    if sessions != Path::new(super::DEFAULT_SESSIONS) {
        command.push_str(&format!(
            " --sessions {}",
            shell_word(&sessions.to_string_lossy())
        ));
    }
    if let Some(dir) = rubrics {
        command.push_str(&format!(
            " --rubrics {}",
            shell_word(&dir.to_string_lossy())
        ));
    }
    command
}

/// `text` as one word for a POSIX shell: as is when plainly safe, otherwise single-quoted.
fn shell_word(text: &str) -> String {
    let plain = |c: char| c.is_ascii_alphanumeric() || "_-./:=@+,%".contains(c);
    if !text.is_empty() && text.chars().all(plain) {
        text.to_string()
    } else {
        format!("'{}'", text.replace('\'', r"'\''"))
    }
}

/// A closing message that may find the terminal already gone (closed window): the session is
/// saved by then, so a failed write is not worth a panic or an error.
fn tell(to_stderr: bool, text: &str) {
    use std::io::Write;
    let _ = if to_stderr {
        writeln!(std::io::stderr(), "{text}")
    } else {
        writeln!(std::io::stdout(), "{text}")
    };
}
