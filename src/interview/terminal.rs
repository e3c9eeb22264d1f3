//! Answers typed at a terminal, in a rustyline editor: multi-line editing, history of earlier
//! answers, Ctrl-C keeping what was typed, Ctrl-D on an empty prompt meaning "quit".

use std::path::PathBuf;
use std::sync::{Arc, Mutex};

use chrono::{DateTime, Utc};
use rustyline::error::ReadlineError;
use rustyline::hint::{Hint, Hinter};
use rustyline::history::DefaultHistory;
use rustyline::validate::{ValidationContext, ValidationResult, Validator};
use rustyline::{
    Cmd, ConditionalEventHandler, Config, Editor, Event, EventContext, EventHandler, KeyEvent,
    RepeatCount,
};
use rustyline::{Completer, Helper, Highlighter};

use super::answer::{AnswerSource, Ask, Assembler, Command, Reply};

#[derive(Helper, Completer, Highlighter)]
struct AnswerHelper {
    /// When the current question's budget runs out.
    budget_ends: Option<DateTime<Utc>>,
    /// The buffer as last edited, so a closed terminal loses nothing typed.
    typed: Arc<Mutex<String>>,
}

/// Passing the budget is said at the next key typed after it, beside the line being written,
/// so the candidate learns it while answering rather than after submitting.
impl Hinter for AnswerHelper {
    type Hint = OverBudget;

    fn hint(&self, line: &str, pos: usize, _: &rustyline::Context<'_>) -> Option<OverBudget> {
        // Called after every edit: the one place the editor shows its whole buffer as typed.
        if let Ok(mut typed) = self.typed.lock() {
            typed.clear();
            typed.push_str(line);
        }
        let ends = self.budget_ends?;
        let over = (Utc::now() - ends).num_seconds();
        (over >= 0 && pos == line.len()).then(|| {
            OverBudget(format!(
                "  [time: {}:{:02} over budget]",
                over / 60,
                over % 60
            ))
        })
    }
}

/// The over-budget note: shown beside the line, never inserted into the answer (a plain
/// string hint would be typed in by the right-arrow key).
struct OverBudget(String);

impl Hint for OverBudget {
    fn display(&self) -> &str {
        &self.0
    }

    fn completion(&self) -> Option<&str> {
        None
    }
}

/// Enter inserts a newline until the answer is complete by the shared rules.
impl Validator for AnswerHelper {
    fn validate(&self, ctx: &mut ValidationContext) -> rustyline::Result<ValidationResult> {
        Ok(if Assembler::buffer_is_complete(ctx.input()) {
            ValidationResult::Valid(None)
        } else {
            ValidationResult::Incomplete
        })
    }
}

/// rustyline drops the buffer on Ctrl-C; this handler copies it first so nothing typed is lost.
struct KeepDraft(Arc<Mutex<String>>);

impl ConditionalEventHandler for KeepDraft {
    fn handle(&self, _: &Event, _: RepeatCount, _: bool, ctx: &EventContext) -> Option<Cmd> {
        if let Ok(mut draft) = self.0.lock() {
            *draft = ctx.line().to_string();
        }
        Some(Cmd::Interrupt)
    }
}

pub struct TerminalSource {
    editor: Editor<AnswerHelper, DefaultHistory>,
    history: PathBuf,
    draft: Arc<Mutex<String>>,
    /// The buffer as last edited (see [`AnswerHelper`]).
    typed: Arc<Mutex<String>>,
}

impl TerminalSource {
    pub fn new(history: PathBuf) -> rustyline::Result<TerminalSource> {
        let config = Config::builder()
            // The terminator line would be stored too; answers are added once cleaned.
            .auto_add_history(false)
            // Tests drive the terminal without answering the cursor query (see CRATES.md).
            .check_cursor_position(false)
            .build();
        let mut editor = Editor::with_config(config)?;
        let typed = Arc::new(Mutex::new(String::new()));
        editor.set_helper(Some(AnswerHelper {
            budget_ends: None,
            typed: typed.clone(),
        }));
        let draft = Arc::new(Mutex::new(String::new()));
        let keep = EventHandler::Conditional(Box::new(KeepDraft(draft.clone())));
        editor.bind_sequence(KeyEvent::ctrl('C'), keep);
        // A missing history file is the first run, not an error.
        let _ = editor.load_history(&history);
        Ok(TerminalSource {
            editor,
            history,
            draft,
            typed,
        })
    }
}

impl AnswerSource for TerminalSource {
    fn ask(&mut self, ask: Ask<'_>) -> std::io::Result<Reply> {
        if let Some(helper) = self.editor.helper_mut() {
            helper.budget_ends = ask.budget_ends;
        }
        // A draft comes from the session file: shown for editing, it must not drive the terminal.
        let draft = crate::report::sanitize::for_terminal_lines(ask.draft);
        if let Ok(mut typed) = self.typed.lock() {
            *typed = draft.clone();
        }
        match self.editor.readline_with_initial("> ", (&draft, "")) {
            Ok(buffer) => Ok(Assembler::parse_buffer(&buffer)),
            Err(ReadlineError::Interrupted) => {
                let draft = self.draft.lock().map(|d| d.clone()).unwrap_or_default();
                // A last line finished with Enter stays finished, so the resumed editor starts
                // a new line instead of gluing the next one onto it.
                let kept = draft.trim_end();
                let finished = draft[kept.len()..].contains('\n') && !kept.is_empty();
                Ok(Reply::Interrupted(if finished {
                    format!("{kept}\n")
                } else {
                    kept.to_string()
                }))
            }
            // Ctrl-D on an empty line, or the terminal gone (window closed: SIGHUP is ignored,
            // so the read fails instead); whatever was typed is kept as on Ctrl-C.
            Err(e) => {
                let typed = self.typed.lock().map(|t| t.clone()).unwrap_or_default();
                if !typed.trim().is_empty() {
                    return Ok(Reply::Interrupted(typed.trim_end().to_string()));
                }
                match e {
                    ReadlineError::Eof | ReadlineError::Io(_) => {
                        Ok(Reply::Command(Command::Quit, String::new()))
                    }
                    #[cfg(unix)]
                    ReadlineError::Errno(_) => Ok(Reply::Command(Command::Quit, String::new())),
                    other => Err(std::io::Error::other(other.to_string())),
                }
            }
        }
    }

    fn remember(&mut self, answer: &str) {
        let _ = self.editor.add_history_entry(answer);
        let _ = self.editor.save_history(&self.history);
    }

    fn interactive(&self) -> bool {
        true
    }
}
