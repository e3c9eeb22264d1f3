//! Judgement beyond keywords: whether the answer meets the question, how much concrete content
//! it carries in any wording, what hollows it out, and whether its written arithmetic holds.

mod ahead;
mod arithmetic;
pub(crate) mod patterns;
mod prebuilt;
mod reasoning;
mod relevance;
mod stem;
mod substance;

pub use arithmetic::Slip;
pub use reasoning::Flaw;
pub use relevance::Relevance;
pub use substance::Substance;

pub(crate) use prebuilt::{signal_gate, Gate, Hay, Match, Regex};

use super::signals::Signals;
use super::text::Text;

pub struct Judgement {
    pub relevance: Relevance,
    pub substance: Substance,
    pub slips: Vec<Slip>,
    pub flaws: Vec<Flaw>,
}

/// Judges `text`, which `gate` read (see [`Gate::read`]).
pub fn judge(
    text: &Text,
    gate: &Gate<'_>,
    original: &str,
    question: &str,
    signals: &Signals,
) -> Judgement {
    let stems = stem::stems(text.words());
    let hay = gate.hay();
    Judgement {
        relevance: relevance::judge(text, hay, question, &stems, signals.metrics),
        substance: Substance::measure(text, hay, original, question, signals, &stems),
        slips: arithmetic::check(text),
        flaws: reasoning::check(text, hay, question),
    }
}

/// A built-in pattern, compiled once: ahead of time by `build.rs` (see `prebuilt`), in the
/// ASCII form `ahead::ascii` gives it.
pub(crate) fn built_in(pattern: &str) -> Regex {
    Regex::new(pattern)
}
