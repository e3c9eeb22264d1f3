//! A pattern is checked whole when the set loads, so that `run`, `score`, `replay` and `rubric
//! test` refuse a broken rubric before the first question. Scoring still compiles lazily; this
//! only parses and builds the small Thompson NFA under a size cap, which costs little.

use regex_automata::nfa::thompson::{self, WhichCaptures};
use regex_automata::util::syntax;
use regex_syntax::hir::{Class, Hir, HirKind};

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
    // Building the automaton is the precise check but costs most of a command's start-up over
    // a thousand patterns; a cheap upper bound clears every ordinary pattern without it.
    if upper_bound(&hir).saturating_mul(BYTES_PER_STATE) <= PATTERN_COMPILED_BYTES as u64 / 4 {
        return None;
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

/// Generous heap bytes per NFA state, for [`upper_bound`].
const BYTES_PER_STATE: u64 = 64;

/// At least as many NFA states as `hir` compiles to: counted repetitions multiply, which is
/// what makes a short pattern huge.
fn upper_bound(hir: &Hir) -> u64 {
    let sum = |subs: &[Hir]| {
        subs.iter()
            .fold(subs.len() as u64, |n, h| n.saturating_add(upper_bound(h)))
    };
    match hir.kind() {
        HirKind::Empty | HirKind::Look(_) => 1,
        HirKind::Literal(lit) => lit.0.len() as u64 + 1,
        // A Unicode class becomes a tree of UTF-8 byte ranges: count generously.
        HirKind::Class(Class::Unicode(c)) => (c.ranges().len() as u64).saturating_mul(16) + 1,
        HirKind::Class(Class::Bytes(c)) => c.ranges().len() as u64 + 1,
        HirKind::Repetition(r) => {
            let copies = u64::from(r.max.unwrap_or(r.min).max(r.min).max(1)) + 1;
            upper_bound(&r.sub).saturating_mul(copies).saturating_add(2)
        }
        HirKind::Capture(c) => upper_bound(&c.sub).saturating_add(2),
        HirKind::Concat(subs) | HirKind::Alternation(subs) => sum(subs),
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
        let huge = why_not("(?:[a-z]{100}){1000}").unwrap();
        assert!(huge.contains("too large"), "{huge}");
        assert!(why_not(&"a".repeat(5000))
            .unwrap()
            .contains("over the limit"));
    }

    /// The shortcut must never clear a pattern the real build would refuse.
    #[test]
    fn the_bound_is_above_the_real_size_for_the_built_in_set() {
        use super::{syntax, thompson, WhichCaptures};
        let set = crate::rubric::RubricSet::builtin().unwrap();
        let mut patterns: Vec<&str> = set.patterns().map(|p| p.regex.as_str()).collect();
        let built_in = patterns.len();
        patterns.extend([
            "(?:[a-z]{100}){1000}",
            r"\w{50}\d{3,9}",
            "(a|bc|[^x]){1,40}",
        ]);
        let config = syntax::Config::new()
            .case_insensitive(true)
            .unicode(false)
            .utf8(false);
        let mut largest = 0;
        for (i, regex) in patterns.into_iter().enumerate() {
            let hir = syntax::parse_with(regex, &config).unwrap();
            let nfa = thompson::Compiler::new()
                .configure(
                    thompson::Config::new()
                        .utf8(false)
                        .which_captures(WhichCaptures::None),
                )
                .build_from_hir(&hir)
                .unwrap();
            let bound = super::upper_bound(&hir) * super::BYTES_PER_STATE;
            assert!(
                bound >= nfa.memory_usage() as u64,
                "{regex}: bound {bound} under {}",
                nfa.memory_usage()
            );
            if i < built_in {
                largest = largest.max(nfa.memory_usage());
            }
        }
        println!("largest built-in pattern compiled: {largest} bytes");
    }
}
