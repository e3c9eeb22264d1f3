//! Text from answers is shown back to people; a saved answer must never drive their terminal.

/// Replaces control characters (ESC, BEL, CR, …) with visible `\u{..}` escapes and folds
/// newlines and tabs to spaces, so one answer fits on one table line.
pub fn for_terminal(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for ch in text.chars() {
        match ch {
            '\n' | '\t' => out.push(' '),
            c if c.is_control() => out.push_str(&format!("\\u{{{:x}}}", c as u32)),
            c => out.push(c),
        }
    }
    out
}

/// Like [`for_terminal`], but keeps line breaks: for showing a whole answer.
pub fn for_terminal_lines(text: &str) -> String {
    text.split('\n')
        .map(for_terminal)
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
}
