//! Every cap on what mockloop reads, in one place. Each is checked before the work it bounds, so
//! a hostile or mistaken input (`/dev/zero`, a 50 MB regex, 100,000 patterns) costs a one-line
//! error instead of all the memory or minutes of time. The README's "Limits" section lists them.
//!
//! The numbers leave wide room over real use: the built-in rubric set has 1,054 patterns, the
//! longest 538 characters, and its biggest file is 43 KB.

/// One answer: no interview answer is a megabyte (the scorer's own limit, named here too).
pub use crate::score::MAX_ANSWER_BYTES as ANSWER_BYTES;

/// An `--answers` file for `run`: a few dozen answers, each under [`ANSWER_BYTES`].
pub const ANSWERS_FILE_BYTES: u64 = 16 << 20;

/// One answer typed or piped to `run`. Above [`ANSWER_BYTES`] an answer is still kept (saved
/// exactly, not scored), so a mistaken paste is not lost; past this it is refused, so that
/// `run < /dev/zero` or `yes | mockloop run` cannot take all the memory.
pub const INPUT_ANSWER_BYTES: u64 = 16 << 20;

/// A calibration case file (`rubric test --cases`, `rubric tune`).
pub const CASE_FILE_BYTES: u64 = 16 << 20;

/// One line of `score --batch`: an answer under [`ANSWER_BYTES`], JSON-escaped, with its
/// stage and question.
pub const BATCH_LINE_BYTES: u64 = 8 << 20;

/// A session file: a dozen answers with their evidence are a few hundred kilobytes. A save
/// that would be larger is refused, so every file written can be read back.
pub const SESSION_FILE_BYTES: u64 = 256 << 20;

/// One rubric file (loop, values, a stage rubric or question bank).
pub const RUBRIC_FILE_BYTES: u64 = 4 << 20;

/// One pattern's regex, in bytes of source text.
pub const PATTERN_BYTES: usize = 4 << 10;

/// One pattern compiled to an automaton (Thompson NFA heap size). A counted repetition such as
/// `(a{100}){100}` is short to write and huge to build; this refuses it at load.
pub const PATTERN_COMPILED_BYTES: usize = 1 << 20;

/// Patterns in a whole rubric set.
pub const PATTERNS_PER_SET: usize = 10_000;

/// One line of text shown in a table or list (a name, a title, a question, a quoted phrase);
/// longer text is cut there on screen (the files and JSON keep it whole).
pub const ONE_LINE_CHARS: usize = 500;

/// A value copied from a file into an error message is cut to this many characters, so that
/// an error never echoes a long (perhaps secret) string back in full.
pub const ERROR_VALUE_CHARS: usize = 40;

/// Shortens every long word of `text` (a run of characters without spaces, such as a token or
/// a key pasted into a file) to its first characters and a count of the rest.
pub fn clip_values(text: &str) -> String {
    let mut out = String::with_capacity(text.len().min(1024));
    for (i, word) in text.split(' ').enumerate() {
        if i > 0 {
            out.push(' ');
        }
        let chars = word.chars().count();
        if chars > ERROR_VALUE_CHARS {
            out.extend(word.chars().take(ERROR_VALUE_CHARS / 2));
            out.push_str(&format!(
                "…({} more characters)",
                chars - ERROR_VALUE_CHARS / 2
            ));
        } else {
            out.push_str(word);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    #[test]
    fn long_values_are_cut_short_words_kept() {
        let secret = "sk_live_".to_string() + &"x".repeat(200);
        let shown = super::clip_values(&format!("unknown variant `{secret}`, expected one"));
        assert!(shown.starts_with("unknown variant `sk_live_xxxxxxxxxxx…(191 more characters)"));
        assert!(shown.ends_with("more characters) expected one"), "{shown}");
        assert!(shown.len() < 100);
    }
}
