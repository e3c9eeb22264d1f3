//! The built-in judgement patterns as the judge uses them: DFAs compiled by `build.rs`,
//! deserialised in place from the binary, so scoring one answer compiles none of them. A
//! pattern missing from the table (or a table that does not deserialise) is compiled at run
//! time instead, with the same matches.

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::OnceLock;

use regex_automata::dfa::{regex::FindMatches as DfaMatches, Automaton};

use super::ahead;
use crate::score::embedded::{self, Aligned, Dense as Dfa};

/// A pattern and its forward and reverse DFAs, each (offset, length) in the blob.
type Entry = (&'static str, (usize, usize), (usize, usize));
/// A pattern too big for a DFA, and its gate's DFA.
type Gated = (&'static str, Option<(usize, usize)>);

mod table {
    include!(concat!(env!("OUT_DIR"), "/judge_dfas.rs"));
}

static BLOB: &Aligned<[u8]> = &Aligned {
    _align: [],
    bytes: *include_bytes!(concat!(env!("OUT_DIR"), "/judge_dfas.bin")),
};

/// How many built-in patterns were compiled at run time without being known too big for a
/// DFA, for the test that none are.
static UNEXPECTEDLY_AT_RUN_TIME: AtomicUsize = AtomicUsize::new(0);

#[cfg(test)]
pub(crate) fn unexpectedly_at_run_time() -> usize {
    UNEXPECTEDLY_AT_RUN_TIME.load(Ordering::Relaxed)
}

/// A built-in pattern, ready to search the lower-cased answer.
pub(crate) struct Regex {
    source: String,
    dfa: Option<regex_automata::dfa::regex::Regex<Dfa>>,
    /// For a pattern too big for a DFA: a DFA that matches wherever it does, so the run-time
    /// regex is compiled and run only on text this one matches.
    gate: Option<Dfa>,
    /// The run-time regex: the engine when there is no DFA, and the one that reads capture
    /// groups in any case.
    runtime: OnceLock<regex::Regex>,
}

/// A match's place in the haystack.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Match<'h> {
    hay: &'h str,
    start: usize,
    end: usize,
}

impl<'h> Match<'h> {
    pub fn start(&self) -> usize {
        self.start
    }

    pub fn end(&self) -> usize {
        self.end
    }

    pub fn as_str(&self) -> &'h str {
        &self.hay[self.start..self.end]
    }
}

pub(crate) enum Matches<'r, 'h> {
    Dfa(&'h str, DfaMatches<'r, 'h, Dfa>),
    Runtime(&'h str, regex::Matches<'r, 'h>),
    None,
}

impl<'h> Iterator for Matches<'_, 'h> {
    type Item = Match<'h>;

    fn next(&mut self) -> Option<Match<'h>> {
        let (hay, start, end) = match self {
            Matches::Dfa(hay, it) => it.next().map(|m| (*hay, m.start(), m.end()))?,
            Matches::Runtime(hay, it) => it.next().map(|m| (*hay, m.start(), m.end()))?,
            Matches::None => return None,
        };
        Some(Match { hay, start, end })
    }
}

impl Regex {
    /// The precompiled pattern, or the pattern compiled now if the table lacks it.
    pub(crate) fn new(pattern: &str) -> Regex {
        let dfa = precompiled(pattern);
        let too_big = table::TOO_BIG.iter().find(|(p, _)| *p == pattern);
        if dfa.is_none() && too_big.is_none() {
            UNEXPECTEDLY_AT_RUN_TIME.fetch_add(1, Ordering::Relaxed);
        }
        let gate = match (&dfa, too_big) {
            (None, Some(&(_, Some(gate)))) => deserialise(gate),
            _ => None,
        };
        Regex {
            source: ahead::ascii(pattern),
            dfa,
            gate,
            runtime: OnceLock::new(),
        }
    }

    /// Compiled at run time, never from the table: what the precompiled form must equal.
    #[cfg(test)]
    pub(crate) fn at_run_time(pattern: &str) -> Regex {
        let re = Regex {
            source: ahead::ascii(pattern),
            dfa: None,
            gate: None,
            runtime: OnceLock::new(),
        };
        re.runtime();
        re
    }

    #[cfg(test)]
    pub(crate) fn is_precompiled(&self) -> bool {
        self.dfa.is_some()
    }

    /// The lazy DFA gets room for the long alternations of the word lists.
    fn runtime(&self) -> &regex::Regex {
        self.runtime.get_or_init(|| {
            regex::RegexBuilder::new(&self.source)
                .dfa_size_limit(16 << 20)
                .build()
                .unwrap_or_else(|e| panic!("built-in pattern {}: {e}", self.source))
        })
    }

    pub fn find_iter<'r, 'h>(&'r self, hay: &'h str) -> Matches<'r, 'h> {
        match &self.dfa {
            Some(dfa) => Matches::Dfa(hay, dfa.find_iter(hay.as_bytes())),
            None if !self.may_match(hay) => Matches::None,
            None => Matches::Runtime(hay, self.runtime().find_iter(hay)),
        }
    }

    /// False only where the gate proves the pattern cannot match.
    fn may_match(&self, hay: &str) -> bool {
        let input = regex_automata::Input::new(hay);
        match &self.gate {
            Some(gate) => !matches!(gate.try_search_fwd(&input), Ok(None)),
            None => true,
        }
    }

    pub fn find<'h>(&self, hay: &'h str) -> Option<Match<'h>> {
        self.find_iter(hay).next()
    }

    pub fn is_match(&self, hay: &str) -> bool {
        match &self.dfa {
            Some(dfa) => dfa.is_match(hay.as_bytes()),
            None => self.may_match(hay) && self.runtime().is_match(hay),
        }
    }

    /// Capture groups come from the run-time regex, compiled only once some text matches.
    pub fn captures_iter<'r, 'h>(
        &'r self,
        hay: &'h str,
    ) -> impl Iterator<Item = regex::Captures<'h>> + use<'r, 'h> {
        self.is_match(hay)
            .then(|| self.runtime().captures_iter(hay))
            .into_iter()
            .flatten()
    }
}

fn precompiled(pattern: &str) -> Option<regex_automata::dfa::regex::Regex<Dfa>> {
    let &(_, fwd, rev) = table::TABLE.iter().find(|(p, _, _)| *p == pattern)?;
    Some(
        regex_automata::dfa::regex::Regex::builder()
            .build_from_dfas(deserialise(fwd)?, deserialise(rev)?),
    )
}

fn deserialise(entry: (usize, usize)) -> Option<Dfa> {
    embedded::dense(BLOB, entry)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::score::judge::patterns::RULES;

    fn too_big(pattern: &str) -> bool {
        table::TOO_BIG.iter().any(|(p, _)| *p == pattern)
    }

    #[test]
    fn a_pattern_too_big_for_a_dfa_has_a_gate() {
        for (pattern, gate) in table::TOO_BIG {
            assert!(Regex::new(pattern).gate.is_some(), "{pattern}: {gate:?}");
        }
    }

    #[test]
    fn every_built_in_pattern_is_served_precompiled() {
        let missing: Vec<&str> = ahead::all()
            .into_iter()
            .filter(|p| !Regex::new(p).is_precompiled() && !too_big(p))
            .collect();
        assert!(missing.is_empty(), "compiled at run time: {missing:?}");
    }

    /// The p-value rule's bounded gap (`[^.]{0,60}`) multiplies DFA states past any sensible
    /// size; it is the one pattern left to run time. Another one here costs every process a
    /// run-time compile: shrink it, or add it knowingly.
    #[test]
    fn only_known_patterns_are_too_big_for_a_dfa() {
        let known: Vec<&str> = RULES
            .iter()
            .filter(|r| r.id == "p_value_misread")
            .map(|r| r.pattern)
            .collect();
        let surprises: Vec<&str> = table::TOO_BIG
            .iter()
            .map(|(p, _)| *p)
            .filter(|p| !known.contains(p))
            .collect();
        assert!(surprises.is_empty(), "too big for a DFA: {surprises:?}");
    }

    #[test]
    fn the_judge_compiles_no_pattern_at_run_time_unexpectedly() {
        use crate::score::signals::{SignalMatchers, Signals};
        let answer = "I decided to cut scope because of the risk.";
        let text = crate::score::text::Text::new(answer);
        let question = "How did you decide?";
        let (signals, _) = Signals::compute(&text, question, &SignalMatchers::new());
        super::super::judge(&text, answer, question, &signals);
        assert_eq!(unexpectedly_at_run_time(), 0);
    }

    #[test]
    fn every_table_entry_passes_the_checked_deserialiser() {
        for (pattern, fwd, rev) in table::TABLE {
            for (at, len) in [fwd, rev] {
                if let Err(e) = embedded::checked_dense(BLOB, (*at, *len)) {
                    panic!("{pattern}: {e}");
                }
            }
        }
    }

    /// Answers to search: the calibration cases, plus text that tests the edges (Unicode
    /// digits and spaces, words glued to punctuation, the end of the text).
    fn answers() -> Vec<String> {
        let mut answers = crate::score::calibration_texts::calibration_texts(true);
        answers.extend(
            [
                "conversion went from 4% to 5%, a 1% lift; p = 0.05 means a 95% chance it works.",
                "we shipped after one week. price\u{a0}cut by 3, then ٣ weeks later: 1,200 users.",
                "naïve café-goers said that i was wrong; i decided anyway. right?",
                "so, the question is: how many? 12 x 4 = 48, roughly 2.5 million/year",
                "then",
                "",
            ]
            .map(String::from),
        );
        answers.sort();
        answers
    }

    #[test]
    fn precompiled_patterns_match_exactly_as_compiled_at_run_time() {
        let answers = answers();
        assert!(answers.len() > 50, "the calibration answers were read");
        for pattern in ahead::all() {
            let (pre, run) = (Regex::new(pattern), Regex::at_run_time(pattern));
            for answer in &answers {
                let spans = |re: &Regex| -> Vec<(usize, usize)> {
                    re.find_iter(answer).map(|m| (m.start(), m.end())).collect()
                };
                assert_eq!(spans(&pre), spans(&run), "{pattern} on {answer:?}");
                assert_eq!(pre.is_match(answer), run.is_match(answer), "{pattern}");
                let caps = |re: &Regex| -> Vec<Vec<Option<(usize, usize)>>> {
                    re.captures_iter(answer)
                        .map(|c| c.iter().map(|m| m.map(|m| (m.start(), m.end()))).collect())
                        .collect()
                };
                assert_eq!(caps(&pre), caps(&run), "{pattern} on {answer:?}");
            }
        }
    }
}
