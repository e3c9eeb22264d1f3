//! Text from answers is shown back to people; a saved answer must never drive their terminal.

use crate::limits::ONE_LINE_CHARS;

/// Characters that must never reach a terminal or a document raw: control characters (ESC
/// starts a sequence that can retitle the window or clear the screen) and the bidirectional
/// controls that make text display in another order than it is read ("Trojan Source").
pub fn is_unsafe(c: char) -> bool {
    c.is_control()
        || matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}' | '\u{200e}' | '\u{200f}' | '\u{61c}')
}

/// Replaces unsafe characters (ESC, BEL, CR, bidi controls, …) with visible `\u{..}` escapes
/// and folds newlines and tabs to spaces, so one answer fits on one table line. Text over
/// [`ONE_LINE_CHARS`] is cut there: a table cell wraps a long word in time that grows with its
/// square (a 70,000-character name took a minute).
pub fn for_terminal(text: &str) -> String {
    let chars = text.chars().count();
    if chars > ONE_LINE_CHARS {
        let kept: String = text.chars().take(ONE_LINE_CHARS).collect();
        return format!(
            "{}…({} more characters)",
            escape_line(&kept),
            chars - ONE_LINE_CHARS
        );
    }
    escape_line(text)
}

fn escape_line(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for ch in text.chars() {
        match ch {
            '\n' | '\t' => out.push(' '),
            c if is_unsafe(c) => out.push_str(&format!("\\u{{{:x}}}", c as u32)),
            c => out.push(c),
        }
    }
    out
}

/// Like [`for_terminal`], but keeps line breaks: for showing a whole answer.
pub fn for_terminal_lines(text: &str) -> String {
    text.split('\n')
        .map(escape_line)
        .collect::<Vec<_>>()
        .join("\n")
}

/// Phrases from answers, each quoted and made safe for a terminal, joined by commas.
pub fn quoted<S: AsRef<str>>(phrases: impl IntoIterator<Item = S>) -> String {
    let quoted: Vec<String> = phrases
        .into_iter()
        .map(|p| format!("\"{}\"", for_terminal(p.as_ref())))
        .collect();
    quoted.join(", ")
}

#[cfg(test)]
mod tests {
    #[test]
    fn escape_sequences_are_neutralised() {
        let shown = super::for_terminal("ok\u{1b}[2J\u{7}done\nnext");
        assert_eq!(shown, "ok\\u{1b}[2J\\u{7}done next");
        assert!(!shown.chars().any(char::is_control));
    }

    #[test]
    fn bidi_controls_are_shown_not_obeyed() {
        let shown = super::for_terminal("pay \u{202e}0001$\u{202c} \u{2066}x\u{2069}");
        assert_eq!(shown, "pay \\u{202e}0001$\\u{202c} \\u{2066}x\\u{2069}");
        assert!(!shown.chars().any(super::is_unsafe));
    }
}
