//! Judgement beyond keywords: whether the answer meets the question, how much concrete content
//! it carries in any wording, what hollows it out, and whether its written arithmetic holds.

mod arithmetic;
pub(crate) mod patterns;
mod reasoning;
mod relevance;
mod stem;
mod substance;

pub use arithmetic::Slip;
pub use reasoning::Flaw;
pub use relevance::Relevance;
pub use substance::Substance;

use regex::{Regex, RegexBuilder};

use super::signals::Signals;
use super::text::Text;

pub struct Judgement {
    pub relevance: Relevance,
    pub substance: Substance,
    pub slips: Vec<Slip>,
    pub flaws: Vec<Flaw>,
}

pub fn judge(text: &Text, original: &str, question: &str, signals: &Signals) -> Judgement {
    let stems: Vec<String> = text.words().map(|w| stem::stem(w).into_owned()).collect();
    Judgement {
        relevance: relevance::judge(text, question, &stems, signals.metrics),
        substance: Substance::measure(text, original, question, signals, &stems),
        slips: arithmetic::check(text),
        flaws: reasoning::check(text, question),
    }
}

/// A built-in pattern, compiled once: word boundaries and word characters are ASCII (answers
/// are matched lower-cased; Unicode classes made every search build a much larger automaton),
/// and the lazy DFA gets room for the long alternations of the word lists.
pub(crate) fn built_in(pattern: &str) -> Regex {
    let ascii = pattern
        .replace(r"\b", r"(?-u:\b)")
        .replace(r"\w", r"(?-u:\w)");
    RegexBuilder::new(&ascii)
        .dfa_size_limit(16 << 20)
        .build()
        .unwrap_or_else(|e| panic!("built-in pattern {pattern}: {e}"))
}
