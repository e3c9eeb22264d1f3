//! A pattern is checked whole when the set loads, so that `run`, `score`, `replay` and `rubric
//! test` refuse a broken rubric before the first question. Scoring still compiles lazily; this
//! only parses and builds the small Thompson NFA under a size cap, which costs little.

use regex_automata::nfa::thompson::{self, WhichCaptures};
use regex_automata::util::syntax;

use crate::limits::{PATTERN_BYTES, PATTERN_COMPILED_BYTES};

/// Why `regex` cannot be a pattern, as the end of a problem sentence; `None` when it can.
/// Flags match the scorer's (case-insensitive, bytes, no Unicode classes).
pub fn why_not(regex: &str) -> Option<String> {
    if regex.len() > PATTERN_BYTES {
        return Some(format!(
            "is {} bytes, over the limit of {PATTERN_BYTES} bytes for one pattern; split it into several patterns",
            regex.len()
        ));
    }
    let config = syntax::Config::new()
        .case_insensitive(true)
        .unicode(false)
        .utf8(false);
    let hir = match syntax::parse_with(regex, &config) {
        Ok(hir) => hir,
        Err(e) => return Some(format!("does not compile: {}", one_line(&e.to_string()))),
    };
    if hir.properties().minimum_len() == Some(0) {
        return Some(
            "matches the empty string, so it would credit every answer; require at least one character"
                .into(),
        );
    }
    let built = thompson::Compiler::new()
        .syntax(config)
        .configure(
            thompson::Config::new()
                .utf8(false)
                .which_captures(WhichCaptures::None)
                .nfa_size_limit(Some(PATTERN_COMPILED_BYTES)),
        )
        .build_from_hir(&hir);
    match built {
        Ok(_) => None,
        Err(e) if e.size_limit().is_some() => Some(format!(
            "is too large: its compiled size is over {PATTERN_COMPILED_BYTES} bytes; simplify it (fewer alternatives, smaller counted repetitions such as {{1000}})"
        )),
        Err(e) => Some(format!("does not compile: {}", one_line(&e.to_string()))),
    }
}

/// The regex crate draws a caret diagram over several lines; a problem wants one line.
fn one_line(text: &str) -> String {
    text.lines()
        .find_map(|l| l.strip_prefix("error: "))
        .map(str::to_string)
        .unwrap_or_else(|| text.split_whitespace().collect::<Vec<_>>().join(" "))
}

#[cfg(test)]
mod tests {
    use super::why_not;

    #[test]
    fn good_bad_and_huge_patterns() {
        assert_eq!(why_not(r"at my (?:last|previous) company"), None);
        assert!(why_not("(unclosed").unwrap().contains("does not compile"));
        assert!(why_not("(?:a)?").unwrap().contains("empty string"));
        let huge = why_not("(?:[a-z]{100}){100}").unwrap();
        assert!(huge.contains("too large"), "{huge}");
        assert!(why_not(&"a".repeat(5000))
            .unwrap()
            .contains("over the limit"));
    }
}
