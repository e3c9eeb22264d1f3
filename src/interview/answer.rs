//! Where answers come from. The runner asks an [`AnswerSource`]; a terminal (rustyline), piped
//! standard input and a scripted answers file all implement it, with one set of rules for when
//! an answer ends and what counts as a command.

use std::collections::HashMap;
use std::io::BufRead;

/// What the candidate gave back at a prompt.
#[derive(Debug, Clone, PartialEq)]
pub enum Reply {
    /// A finished answer (never empty).
    Answer(String),
    /// A command on its own line, with whatever was typed before it (kept as the draft).
    Command(Command, String),
    /// Ctrl-C while typing, with the text typed so far.
    Interrupted(String),
    /// No more input; the text typed so far (may be empty) ends the answer.
    End(String),
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Command {
    Skip,
    Hint,
    Repeat,
    Time,
    Example,
    Help,
    Quit,
    Unknown(String),
}

pub const COMMAND_HELP: &str = "Finish an answer with an empty line, or a line with just `.`.
Commands, typed on a line of their own:
  /hint    what a strong answer covers
  /repeat  show the question again
  /time    time used and left
  /example a strong answer to the question you last answered
  /skip    skip this question (it scores 0)
  /quit    save and leave; the command that continues is printed
  /help    this help";

impl Command {
    /// The command a line is, if it is one: `/` and a word, alone on the line.
    pub fn parse(line: &str) -> Option<Command> {
        let word = line.trim().strip_prefix('/')?;
        if word.is_empty() || word.contains(char::is_whitespace) {
            return None;
        }
        Some(match word.to_ascii_lowercase().as_str() {
            "skip" => Command::Skip,
            "hint" => Command::Hint,
            "repeat" => Command::Repeat,
            "time" => Command::Time,
            "example" => Command::Example,
            "help" | "?" => Command::Help,
            "quit" | "exit" => Command::Quit,
            _ => Command::Unknown(word.to_string()),
        })
    }
}

/// Which prompt is being answered, so a scripted source can look answers up by question id.
#[derive(Debug, Clone, Copy)]
pub struct Ask<'a> {
    pub question_id: &'a str,
    /// Text typed earlier for this prompt (a draft), offered for editing where possible.
    pub draft: &'a str,
    /// When the question's time budget runs out, so a terminal can say so as the candidate
    /// types on; `None` when there is no clock (already over, or not timed).
    pub budget_ends: Option<chrono::DateTime<chrono::Utc>>,
}

pub trait AnswerSource {
    fn ask(&mut self, ask: Ask<'_>) -> std::io::Result<Reply>;
    /// Remembers a finished answer (the terminal keeps a history file).
    fn remember(&mut self, _answer: &str) {}
    /// Whether input comes from a person at a terminal (prompts are then drawn by the editor).
    fn interactive(&self) -> bool {
        false
    }
}

/// The rules for when a typed answer ends, shared by every source: an empty line after some
/// text, or a line with just `.`; a command alone on a line ends it too.
#[derive(Default)]
pub struct Assembler {
    lines: Vec<String>,
}

impl Assembler {
    /// Feeds one line (without its newline); returns the reply once the answer is complete.
    pub fn push(&mut self, line: &str) -> Option<Reply> {
        let line = line.strip_suffix('\r').unwrap_or(line);
        let has_text = self.lines.iter().any(|l| !l.trim().is_empty());
        if let Some(command) = Command::parse(line) {
            return Some(Reply::Command(command, self.take()));
        }
        if line.trim() == "." || (line.trim().is_empty() && has_text) {
            return Some(Reply::Answer(self.take()));
        }
        if !line.trim().is_empty() || has_text {
            self.lines.push(line.to_string());
        }
        None
    }

    /// What was typed so far, as the answer text.
    pub fn take(&mut self) -> String {
        let text = self.lines.join("\n");
        self.lines.clear();
        text.trim_end().to_string()
    }

    /// Whether a whole editor buffer is a complete answer or command (for the terminal editor,
    /// which holds the answer being typed in one buffer).
    pub fn buffer_is_complete(buffer: &str) -> bool {
        if buffer.trim().is_empty() {
            return true; // an empty submit: the runner simply asks again
        }
        let mut assembler = Assembler::default();
        buffer
            .split('\n')
            .any(|line| assembler.push(line).is_some())
    }

    /// The reply a complete editor buffer stands for.
    pub fn parse_buffer(buffer: &str) -> Reply {
        let mut assembler = Assembler::default();
        for line in buffer.split('\n') {
            if let Some(reply) = assembler.push(line) {
                return reply;
            }
        }
        let rest = assembler.take();
        if rest.is_empty() {
            Reply::Answer(String::new())
        } else {
            Reply::Answer(rest)
        }
    }
}

/// Plain lines from a pipe or file: no editor, same rules; end of input ends the answer.
pub struct LineSource<R> {
    input: R,
}

impl<R: BufRead> LineSource<R> {
    pub fn new(input: R) -> Self {
        LineSource { input }
    }
}

impl<R: BufRead> AnswerSource for LineSource<R> {
    fn ask(&mut self, _ask: Ask<'_>) -> std::io::Result<Reply> {
        let mut assembler = Assembler::default();
        let mut bytes = Vec::new();
        // Over the answer limit an answer is kept unscored; past this cap it is refused.
        let mut left = crate::limits::INPUT_ANSWER_BYTES;
        loop {
            bytes.clear();
            let mut line_reader = std::io::Read::take(&mut self.input, left + 1);
            if line_reader.read_until(b'\n', &mut bytes)? == 0 {
                return Ok(Reply::End(assembler.take()));
            }
            let Some(rest) = left.checked_sub(bytes.len() as u64) else {
                let limit = crate::limits::INPUT_ANSWER_BYTES;
                let message = format!("an answer is over the limit of {limit} bytes");
                return Err(std::io::Error::new(
                    std::io::ErrorKind::InvalidData,
                    message,
                ));
            };
            left = rest;
            // Keep whatever was typed, even if it is not valid UTF-8.
            let line = String::from_utf8_lossy(&bytes);
            let line = line.strip_suffix('\n').unwrap_or(&line);
            if let Some(reply) = assembler.push(line) {
                return Ok(reply);
            }
        }
    }
}

/// Answers from an `--answers` file: a list used in order for every prompt (answers,
/// follow-ups, negotiation replies), or an object keyed by question id whose values are a
/// string or a list for that question's prompts.
pub struct ScriptedSource {
    in_order: std::collections::VecDeque<String>,
    by_question: HashMap<String, std::collections::VecDeque<String>>,
    keyed: bool,
}

#[derive(Debug, thiserror::Error)]
pub enum ScriptError {
    #[error("{0}")]
    Format(String),
}

impl ScriptedSource {
    pub fn from_json(text: &str) -> Result<ScriptedSource, ScriptError> {
        let value: serde_json::Value = serde_json::from_str(text).map_err(|e| {
            ScriptError::Format(format!("line {} column {}: {e}", e.line(), e.column()))
        })?;
        let strings = |v: &serde_json::Value, at: &str| -> Result<Vec<String>, ScriptError> {
            match v {
                serde_json::Value::String(s) => Ok(vec![s.clone()]),
                serde_json::Value::Array(items) => items
                    .iter()
                    .enumerate()
                    .map(|(i, item)| {
                        item.as_str().map(str::to_string).ok_or_else(|| {
                            ScriptError::Format(format!("{at}[{i}] must be a string (an answer)"))
                        })
                    })
                    .collect(),
                _ => Err(ScriptError::Format(format!(
                    "{at} must be a string or a list of strings"
                ))),
            }
        };
        match &value {
            serde_json::Value::Array(_) => Ok(ScriptedSource {
                in_order: strings(&value, "answers")?.into(),
                by_question: HashMap::new(),
                keyed: false,
            }),
            serde_json::Value::Object(map) => {
                let mut by_question = HashMap::new();
                for (id, v) in map {
                    by_question.insert(id.clone(), strings(v, &format!("answers.{id}"))?.into());
                }
                Ok(ScriptedSource {
                    in_order: Default::default(),
                    by_question,
                    keyed: true,
                })
            }
            _ => Err(ScriptError::Format(
                "must be a list of answers, or an object of answers keyed by question id".into(),
            )),
        }
    }
}

impl AnswerSource for ScriptedSource {
    fn ask(&mut self, ask: Ask<'_>) -> std::io::Result<Reply> {
        let next = if self.keyed {
            self.by_question
                .get_mut(ask.question_id)
                .and_then(|q| q.pop_front())
        } else {
            self.in_order.pop_front()
        };
        Ok(match next {
            None => Reply::End(String::new()),
            Some(text) => match Command::parse(&text) {
                Some(command) => Reply::Command(command, String::new()),
                None if text.trim().is_empty() => Reply::Command(Command::Skip, String::new()),
                None => Reply::Answer(text.trim_end().to_string()),
            },
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lines(input: &str) -> Vec<Reply> {
        let mut source = LineSource::new(input.as_bytes());
        let ask = Ask {
            question_id: "q",
            draft: "",
            budget_ends: None,
        };
        let mut out = Vec::new();
        loop {
            let reply = source.ask(ask).unwrap();
            let end = matches!(reply, Reply::End(_));
            out.push(reply);
            if end {
                return out;
            }
        }
    }

    #[test]
    fn an_answer_ends_at_a_blank_line_or_a_dot() {
        let got = lines("\nfirst line\nsecond line\n\nother\n.\n/hint\nmid\n/skip\ntail");
        assert_eq!(
            got,
            vec![
                Reply::Answer("first line\nsecond line".into()),
                Reply::Answer("other".into()),
                Reply::Command(Command::Hint, String::new()),
                Reply::Command(Command::Skip, "mid".into()),
                Reply::End("tail".into()),
            ]
        );
    }

    #[test]
    fn a_path_like_line_is_text_not_a_command() {
        assert_eq!(Command::parse("/usr/bin is where"), None);
        assert_eq!(Command::parse(" /Quit "), Some(Command::Quit));
        assert_eq!(
            Command::parse("/frobnicate"),
            Some(Command::Unknown("frobnicate".into()))
        );
    }

    #[test]
    fn editor_buffers_complete_like_lines() {
        assert!(!Assembler::buffer_is_complete("I started by"));
        assert!(Assembler::buffer_is_complete("I started by\n"));
        assert!(Assembler::buffer_is_complete("I started\nby\n."));
        assert!(Assembler::buffer_is_complete("/time"));
        assert_eq!(
            Assembler::parse_buffer("a\nb\n."),
            Reply::Answer("a\nb".into())
        );
    }

    #[test]
    fn scripted_answers_by_order_and_by_question() {
        let mut list = ScriptedSource::from_json(r#"["one", "/skip"]"#).unwrap();
        let ask = Ask {
            question_id: "q1",
            draft: "",
            budget_ends: None,
        };
        assert_eq!(list.ask(ask).unwrap(), Reply::Answer("one".into()));
        assert_eq!(
            list.ask(ask).unwrap(),
            Reply::Command(Command::Skip, String::new())
        );
        assert_eq!(list.ask(ask).unwrap(), Reply::End(String::new()));
        let mut keyed = ScriptedSource::from_json(r#"{"q1": ["a", "b"]}"#).unwrap();
        assert_eq!(keyed.ask(ask).unwrap(), Reply::Answer("a".into()));
        assert_eq!(keyed.ask(ask).unwrap(), Reply::Answer("b".into()));
        assert!(ScriptedSource::from_json(r#"{"q1": 3}"#).is_err());
    }
}
