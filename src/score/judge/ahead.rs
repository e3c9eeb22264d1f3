//! What `build.rs` compiles ahead of time: every built-in judgement pattern, in the form it is
//! compiled in. Shared by the build script and the library so the two cannot drift apart.

use super::patterns::*;

/// Every pattern in `patterns.rs`, each once. A pattern added there must be added here too; a
/// test fails for any pattern the judge uses that is not served precompiled.
#[cfg_attr(not(test), allow(dead_code))] // the library reads it in tests; build.rs always
pub fn all() -> Vec<&'static str> {
    let mut all: Vec<&'static str> = Vec::new();
    all.extend(REASONING);
    all.extend(CHECK);
    all.extend([
        DECISION,
        SEQUENCE,
        LESSONS,
        OUTCOMES,
        JARGON,
        FRAMEWORKS,
        RESTATES,
        ASIDES,
        VANITY,
        GOAL_MEASURES,
        TRIUMPH,
        FROM_TO,
        NUMBER,
    ]);
    all.extend(SYNONYMS.iter().map(|(_, rx)| *rx));
    all.extend(INTENTS.iter().flat_map(|i| [i.question, i.answer]));
    all.extend(PARTIES.iter().map(|(_, rx)| *rx));
    all.extend(RULES.iter().map(|r| r.pattern));
    let mut seen = std::collections::HashSet::new();
    all.retain(|p| seen.insert(*p));
    all
}

/// Word boundaries and word characters made ASCII: answers are matched lower-cased, Unicode
/// classes made every search build a much larger automaton, and a DFA cannot serve a Unicode
/// word boundary at all.
pub fn ascii(pattern: &str) -> String {
    pattern
        .replace(r"\b", r"(?-u:\b)")
        .replace(r"\w", r"(?-u:\w)")
}
