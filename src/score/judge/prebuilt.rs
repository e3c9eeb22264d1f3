//! The built-in judgement patterns as the judge uses them: DFAs compiled by `build.rs`,
//! deserialised in place from the binary, so scoring one answer compiles none of them. A
//! pattern missing from the table (or a table that does not deserialise) is compiled at run
//! time instead, with the same matches.
//!
//! Most patterns find nothing in most answers. A [`Gate`] reads an answer once for the first
//! bytes of every pattern's first literals; a pattern then runs anchored only where one of
//! them occurs, instead of reading the whole answer itself.

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::OnceLock;

use daachorse::DoubleArrayAhoCorasick;
use regex_automata::dfa::{regex::FindMatches as DfaMatches, Automaton};

use super::ahead;
use crate::score::candidates::FromStarts;
use crate::score::embedded::{self, Aligned, Dense as Dfa};
use crate::score::grouped::Grouped;

/// A pattern, its forward and reverse DFAs, each (offset, length) in the blob, and its place
/// among the patterns the gate serves.
type Entry = (&'static str, (usize, usize), (usize, usize), Option<u16>);
/// A pattern too big for a DFA, and the DFA of its looser form.
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
    /// The pattern's place in a [`Gate`], when the gate knows where its matches can begin.
    gated: Option<u16>,
    /// For a pattern too big for a DFA: a DFA that matches wherever it does, so the run-time
    /// regex is compiled and run only on text this one matches.
    loose: Option<Dfa>,
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
    /// Searches that start only where the gate saw one of the pattern's first literals.
    Gated(&'h str, FromStarts<'r, 'h>),
    Runtime(&'h str, regex::Matches<'r, 'h>),
    None,
}

impl<'h> Iterator for Matches<'_, 'h> {
    type Item = Match<'h>;

    fn next(&mut self) -> Option<Match<'h>> {
        let (hay, start, end) = match self {
            Matches::Dfa(hay, it) => it.next().map(|m| (*hay, m.start(), m.end()))?,
            Matches::Runtime(hay, it) => it.next().map(|m| (*hay, m.start(), m.end()))?,
            Matches::Gated(hay, it) => it.next().map(|(start, end)| (*hay, start, end))?,
            Matches::None => return None,
        };
        Some(Match { hay, start, end })
    }
}

impl Regex {
    /// The precompiled pattern, or the pattern compiled now if the table lacks it.
    pub(crate) fn new(pattern: &str) -> Regex {
        let entry = table::TABLE.iter().find(|(p, ..)| *p == pattern);
        let dfa = entry.and_then(precompiled);
        let too_big = table::TOO_BIG.iter().find(|(p, _)| *p == pattern);
        if dfa.is_none() && too_big.is_none() {
            UNEXPECTEDLY_AT_RUN_TIME.fetch_add(1, Ordering::Relaxed);
        }
        let loose = match (&dfa, too_big) {
            (None, Some(&(_, Some(loose)))) => deserialise(loose),
            _ => None,
        };
        let gated = entry.filter(|_| dfa.is_some()).and_then(|e| e.3);
        Regex {
            source: ahead::ascii(pattern),
            dfa,
            gated,
            loose,
            runtime: OnceLock::new(),
        }
    }

    /// Compiled at run time, never from the table: what the precompiled form must equal.
    #[cfg(test)]
    pub(crate) fn at_run_time(pattern: &str) -> Regex {
        let re = Regex {
            source: ahead::ascii(pattern),
            dfa: None,
            gated: None,
            loose: None,
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

    pub fn find_iter<'r, 'h>(&'r self, hay: impl Into<Hay<'h>>) -> Matches<'r, 'h> {
        let Hay { text: hay, gate } = hay.into();
        match (&self.dfa, gate.zip(self.gated)) {
            (Some(dfa), Some((gate, p))) => {
                Matches::Gated(hay, FromStarts::new(dfa, hay.as_bytes(), gate.starts(p)))
            }
            (Some(dfa), None) => Matches::Dfa(hay, dfa.find_iter(hay.as_bytes())),
            (None, _) => self.find_at_run_time(hay),
        }
    }

    fn find_at_run_time<'r, 'h>(&'r self, hay: &'h str) -> Matches<'r, 'h> {
        match &self.dfa {
            Some(dfa) => Matches::Dfa(hay, dfa.find_iter(hay.as_bytes())),
            None if !self.may_match(hay) => Matches::None,
            None => Matches::Runtime(hay, self.runtime().find_iter(hay)),
        }
    }

    /// False only where the looser form's DFA proves the pattern cannot match.
    fn may_match(&self, hay: &str) -> bool {
        let input = regex_automata::Input::new(hay);
        match &self.loose {
            Some(loose) => !matches!(loose.try_search_fwd(&input), Ok(None)),
            None => true,
        }
    }

    pub fn find<'h>(&self, hay: impl Into<Hay<'h>>) -> Option<Match<'h>> {
        self.find_iter(hay).next()
    }

    pub fn is_match<'h>(&self, hay: impl Into<Hay<'h>>) -> bool {
        let hay = hay.into();
        if hay.gate.is_some() && self.gated.is_some() {
            return self.find(hay).is_some();
        }
        let hay = hay.text;
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

/// A text to search, and the gate's reading of it when it has one.
#[derive(Clone, Copy)]
pub(crate) struct Hay<'h> {
    text: &'h str,
    gate: Option<&'h Gate<'h>>,
}

impl<'h> From<&'h str> for Hay<'h> {
    fn from(text: &'h str) -> Hay<'h> {
        Hay { text, gate: None }
    }
}

impl<'h> From<&'h String> for Hay<'h> {
    fn from(text: &'h String) -> Hay<'h> {
        Hay { text, gate: None }
    }
}

/// Where, in one text, each gated pattern could begin a match: every place one of its first
/// literals occurs, found in one pass for all patterns. A pattern with none cannot match, and
/// searches skip straight to the next such place; most of the judgement's patterns find
/// nothing in most answers, and each used to read the whole answer to learn it.
pub(crate) struct Gate<'h> {
    text: &'h str,
    /// Each gated pattern's starts, ascending.
    starts: Grouped,
}

impl<'h> Gate<'h> {
    /// The gate's reading of `text`.
    pub fn read(text: &'h str) -> Gate<'h> {
        let mut found: Vec<(u32, u32)> = Vec::new();
        for m in gate_automaton().find_overlapping_iter(text.as_bytes()) {
            let (first, count) = table::GATE_HEADS[m.value() as usize];
            let owners = &table::GATE_LIST[first as usize..(first + count) as usize];
            found.extend(
                owners
                    .iter()
                    .map(|&owner| (u32::from(owner), m.start() as u32)),
            );
        }
        // Found in order of where the heads end, so each pattern's starts are nearly in order.
        let mut starts = Grouped::new(table::GATED, &found);
        for p in 0..table::GATED {
            starts.of_mut(p).sort_unstable();
        }
        Gate { text, starts }
    }

    /// The text the gate read.
    pub fn text(&self) -> &'h str {
        self.text
    }

    /// The text the gate read, to search with the gate's help.
    pub fn hay(&'h self) -> Hay<'h> {
        Hay {
            text: self.text,
            gate: Some(self),
        }
    }

    /// Where gated pattern `p` could begin a match, ascending.
    pub fn starts(&self, p: u16) -> &[u32] {
        self.starts.of(usize::from(p))
    }
}

/// A signal regex's place among the gated patterns, when the gate reads its first literals.
pub(crate) fn signal_gate(source: &str) -> Option<u16> {
    table::SIGNAL_GATES
        .iter()
        .find(|(s, _)| *s == source)
        .and_then(|e| e.1)
}

/// The gate: a double-array automaton over the heads, a few tens of kilobytes that stay in
/// cache (a DFA over them was 2.8 MB, and reading it was a tenth of a batch's time).
fn gate_automaton() -> &'static DoubleArrayAhoCorasick<u32> {
    static GATE: OnceLock<DoubleArrayAhoCorasick<u32>> = OnceLock::new();
    GATE.get_or_init(|| crate::score::embedded::automaton(GATE_BYTES))
}

static GATE_BYTES: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/judge_gate.bin"));

fn precompiled(entry: &Entry) -> Option<regex_automata::dfa::regex::Regex<Dfa>> {
    let &(_, fwd, rev, _) = entry;
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
    fn a_pattern_too_big_for_a_dfa_has_a_looser_dfa() {
        for (pattern, loose) in table::TOO_BIG {
            assert!(Regex::new(pattern).loose.is_some(), "{pattern}: {loose:?}");
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
        let gate = Gate::read(&text.lower);
        let (signals, _) = Signals::compute(&text, question, &SignalMatchers::new(), &gate);
        super::super::judge(&text, &gate, answer, question, &signals);
        assert_eq!(unexpectedly_at_run_time(), 0);
    }

    #[test]
    fn every_table_entry_passes_the_checked_deserialiser() {
        for (pattern, fwd, rev, _) in table::TABLE {
            for (at, len) in [fwd, rev] {
                if let Err(e) = embedded::checked_dense(BLOB, (*at, *len)) {
                    panic!("{pattern}: {e}");
                }
            }
        }
        embedded::checked_automaton(GATE_BYTES).expect("the gate deserialises");
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
                // Candidates inside matches, back to back, and cut off by the end.
                "because because of it, since since; the catch the catch is rather than rather",
                "i decided i decided to, i'd i'd probably go with the the tradeoff trade-off",
                "we measured measure the metric metrics. instead instead of. the cat",
                // Figures, gated on their first digit: inside words, numbers and sums.
                "v2 cut 1,000,000.5% of a1b2 at $ 5 in 3q;12ms 4 pts, 99.9% x10 2x 3+4=7 9",
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
                // And searched only where the gate says a match can begin.
                let gate = Gate::read(answer);
                let gated: Vec<(usize, usize)> = pre
                    .find_iter(gate.hay())
                    .map(|m| (m.start(), m.end()))
                    .collect();
                assert_eq!(gated, spans(&run), "{pattern} gated, on {answer:?}");
                assert_eq!(pre.is_match(gate.hay()), run.is_match(answer), "{pattern}");
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
