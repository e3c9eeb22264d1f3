//! The built-in rubric's patterns as `build.rs` prepared them: each one's analysis
//! ([`literals::analyse`]; parsing a stage's and the values' patterns was a sixth of a
//! one-answer process), and DFAs for those a scan runs as regexes (compiling them on first
//! need was another sixth). A pattern the build did not see (a user's rubric) gets both at run
//! time, with the same results.

use std::collections::HashMap;
use std::sync::OnceLock;

use regex_automata::dfa::{regex::Regex as DfaRegex, Automaton};
use regex_automata::{meta, Anchored, Input};
use rustc_hash::FxBuildHasher;

use super::candidates::FromStarts;
use super::literals::{self, Analysis};
use super::trie::Trie;

use super::embedded::{self, Aligned, Dense as Dfa};

/// How a group runs a pattern's regex.
pub enum Engine {
    Meta(meta::Regex),
    /// Precompiled, anchored searches only (the group's literals find where to start).
    Anchored(Box<Dfa>),
    /// Precompiled, searched in full.
    Full(Box<DfaRegex<Dfa>>),
}

impl Engine {
    /// Where the leftmost-first match starting exactly at `start` ends.
    pub fn anchored_end(&self, hay: &[u8], start: usize) -> Option<usize> {
        let input = Input::new(hay).range(start..).anchored(Anchored::Yes);
        match self {
            Engine::Meta(re) => re.search(&input).map(|m| m.end()),
            Engine::Anchored(dfa) => dfa.try_search_fwd(&input).ok()?.map(|m| m.offset()),
            Engine::Full(re) => re
                .forward()
                .try_search_fwd(&input)
                .ok()?
                .map(|m| m.offset()),
        }
    }

    /// Every non-overlapping match, leftmost first.
    pub fn find_spans(&self, hay: &[u8]) -> Vec<(usize, usize)> {
        self.find_iter(hay).map(|m| (m.start, m.end)).collect()
    }

    /// [`Engine::find_iter`], searching only from `starts` (ascending), the places a match
    /// could begin, when there are such places: anchored at each in turn, which finds what
    /// the unanchored search would without reading the text between.
    pub fn find_iter_from<'r, 'h>(
        &'r self,
        hay: &'h [u8],
        starts: Option<&'h [u32]>,
    ) -> Spans<'r, 'h> {
        match (self, starts) {
            (Engine::Full(re), Some(starts)) => Spans::From(FromStarts::new(re, hay, starts)),
            _ => self.find_iter(hay),
        }
    }

    /// Every non-overlapping match, leftmost first. Only for an engine searched in full.
    pub fn find_iter<'r, 'h>(&'r self, hay: &'h [u8]) -> Spans<'r, 'h> {
        match self {
            Engine::Meta(re) => Spans::Meta(re.find_iter(hay)),
            Engine::Full(re) => Spans::Full(re.find_iter(hay)),
            Engine::Anchored(_) => {
                unreachable!("a pattern with prefix literals is only searched anchored")
            }
        }
    }

    /// One of the signals' fixed regexes (`signal_patterns`), precompiled, or compiled now
    /// as `regex::bytes` would (no Unicode) if the build did not see it.
    pub fn signal(source: &str) -> Engine {
        let precompiled =
            dfas::SIGNALS
                .iter()
                .find(|e| e.0 == source)
                .and_then(|&(_, fwd, rev)| {
                    let re = DfaRegex::builder().build_from_dfas(dfa(fwd)?, dfa(rev)?);
                    Some(Engine::Full(Box::new(re)))
                });
        precompiled.unwrap_or_else(|| Engine::Meta(signal_now(source)))
    }
}

fn signal_now(source: &str) -> meta::Regex {
    meta::Builder::new()
        .syntax(
            regex_automata::util::syntax::Config::new()
                .unicode(false)
                .utf8(false),
        )
        .build(source)
        .unwrap_or_else(|e| panic!("built-in signal regex {source}: {e}"))
}

/// Where a match starts and ends.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Span {
    start: usize,
    end: usize,
}

impl Span {
    pub fn start(&self) -> usize {
        self.start
    }

    pub fn end(&self) -> usize {
        self.end
    }
}

pub enum Spans<'r, 'h> {
    Meta(meta::FindMatches<'r, 'h>),
    Full(regex_automata::dfa::regex::FindMatches<'r, 'h, Dfa>),
    From(FromStarts<'r, 'h>),
}

impl Iterator for Spans<'_, '_> {
    type Item = Span;

    fn next(&mut self) -> Option<Span> {
        let m = match self {
            Spans::Meta(it) => it.next().map(|m| (m.start(), m.end())),
            Spans::Full(it) => it.next().map(|m| (m.start(), m.end())),
            Spans::From(it) => it.next(),
        };
        m.map(|(start, end)| Span { start, end })
    }
}

static BLOB: &Aligned<[u8]> = &Aligned {
    _align: [],
    bytes: *include_bytes!(concat!(env!("OUT_DIR"), "/rubric_dfas.bin")),
};

/// A group pattern's source, its forward DFA, and its reverse DFA when searched in full.
type DfaEntry = (&'static str, (usize, usize), Option<(usize, usize)>);
/// A signal regex, its forward and reverse DFAs.
type SignalEntry = (&'static str, (usize, usize), (usize, usize));

mod dfas {
    include!(concat!(env!("OUT_DIR"), "/rubric_dfas.rs"));
}

fn dfa(entry: (usize, usize)) -> Option<Dfa> {
    embedded::dense(BLOB, entry)
}

/// The DFAs `build.rs` made for a group pattern's `source` (see `literals::whole_words`),
/// searched anchored only or in full.
pub fn engine(source: &str, anchored: bool) -> Option<Engine> {
    static KNOWN: OnceLock<HashMap<&'static str, usize, FxBuildHasher>> = OnceLock::new();
    let known = KNOWN.get_or_init(|| {
        dfas::TABLE
            .iter()
            .enumerate()
            .map(|(i, e)| (e.0, i))
            .collect()
    });
    let &(_, fwd, rev) = &dfas::TABLE[*known.get(source)?];
    match (anchored, rev) {
        (true, None) => Some(Engine::Anchored(Box::new(dfa(fwd)?))),
        (false, Some(rev)) => Some(Engine::Full(Box::new(
            DfaRegex::builder().build_from_dfas(dfa(fwd)?, dfa(rev)?),
        ))),
        _ => None,
    }
}

/// A pattern's place in `PATTERNS` (start, length), whether it matches the empty string,
/// whether it has prefix literals and whether they are exact, and its literals' place in
/// `table::LITERALS` (first, count).
type Entry = (u32, u32, bool, bool, bool, u32, u32);

mod table {
    include!(concat!(env!("OUT_DIR"), "/rubric_literals.rs"));
}

/// Every built-in rubric pattern, end to end.
static PATTERNS: &str = include_str!(concat!(env!("OUT_DIR"), "/rubric_patterns.txt"));
/// Every prefix literal, end to end.
static LITERAL_BYTES: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/rubric_literals.bin"));

fn pattern(entry: &Entry) -> &'static str {
    &PATTERNS[entry.0 as usize..(entry.0 + entry.1) as usize]
}

fn known() -> &'static HashMap<&'static str, &'static Entry, FxBuildHasher> {
    static KNOWN: OnceLock<HashMap<&'static str, &'static Entry, FxBuildHasher>> = OnceLock::new();
    KNOWN.get_or_init(|| table::ENTRIES.iter().map(|e| (pattern(e), e)).collect())
}

/// The pattern's analysis, from the table when the build saw it.
pub fn analyse(raw: &str) -> Result<Analysis, String> {
    let Some(&&(_, _, matches_empty, prefixed, exact, first, count)) = known().get(raw) else {
        return literals::analyse(raw);
    };
    let literals = &table::LITERALS[first as usize..(first + count) as usize];
    let literals = literals
        .iter()
        .map(|&(at, len, _)| LITERAL_BYTES[at as usize..(at + len) as usize].to_vec())
        .collect();
    Ok(Analysis {
        matches_empty,
        prefixes: prefixed.then_some((literals, exact)),
    })
}

/// A pattern's analysis with its literals as ids in [`shared`], for a pattern whose literals
/// the build put every one there (a pattern of the built-in stages or values).
pub struct SharedAnalysis {
    pub matches_empty: bool,
    /// The literals' ids, and whether they are exactly the matches; `None` when the pattern
    /// is searched in full (see [`Analysis::prefixes`]).
    pub prefixes: Option<(Vec<u32>, bool)>,
}

/// The pattern's [`SharedAnalysis`], when the build saw it and [`shared`] holds its literals.
pub fn analyse_shared(raw: &str) -> Option<SharedAnalysis> {
    let &&(_, _, matches_empty, prefixed, exact, first, count) = known().get(raw)?;
    let literals = &table::LITERALS[first as usize..(first + count) as usize];
    if literals.iter().any(|&(_, _, id)| id == u32::MAX) {
        return None;
    }
    let ids = literals.iter().map(|&(_, _, id)| id).collect();
    Some(SharedAnalysis {
        matches_empty,
        prefixes: prefixed.then_some((ids, exact)),
    })
}

/// One trie over every literal of the built-in stages and values, built by `build.rs`: a
/// group of those patterns finds its literals with it instead of building an automaton. Its
/// values are the literals' ids, below [`shared_len`]. Read in place from the binary: nothing
/// is copied at start-up.
pub fn shared() -> Trie {
    Trie::new(SHARED_TRIE)
}

/// How many literals [`shared`] holds.
pub fn shared_len() -> usize {
    table::SHARED_LITERALS
}

static SHARED_TRIE: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/rubric_shared.bin"));

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_table_holds_what_analysing_now_gives() {
        assert!(
            table::ENTRIES.len() > 500,
            "the built-in patterns are in it"
        );
        for entry in table::ENTRIES {
            let raw = pattern(entry);
            assert_eq!(analyse(raw), literals::analyse(raw), "{raw}");
        }
    }

    /// Every literal of the shared trie is found where it begins, under its own id.
    #[test]
    fn the_shared_trie_finds_each_of_its_literals() {
        let trie = shared();
        assert_eq!(shared_len(), table::SHARED_LITERALS);
        let mut seen = 0;
        for &(at, len, id) in table::LITERALS {
            if id == u32::MAX {
                continue;
            }
            let literal = &LITERAL_BYTES[at as usize..(at + len) as usize];
            let mut found = Vec::new();
            trie.prefixes_of(literal, |value, length| found.push((value, length)));
            assert_eq!(found.last(), Some(&(id, literal.len())), "{literal:?}");
            seen += 1;
        }
        assert!(seen > 10_000, "only {seen} literals checked");
    }

    #[test]
    fn every_dfa_passes_the_checked_deserialiser() {
        let signals = dfas::SIGNALS.iter().map(|(s, f, r)| (s, f, Some(r)));
        let rubric = dfas::TABLE.iter().map(|(s, f, r)| (s, f, r.as_ref()));
        for (source, fwd, rev) in rubric.chain(signals) {
            for (at, len) in std::iter::once(fwd).chain(rev) {
                if let Err(e) = embedded::checked_dense(BLOB, (*at, *len)) {
                    panic!("{source}: {e}");
                }
            }
        }
    }

    /// Calibration answers, lower-cased as scoring sees them, plus edge cases.
    fn answers() -> Vec<String> {
        let mut answers = crate::score::calibration_texts::calibration_texts(false);
        answers.push("naïve café: 18% of $400, trade-offs; we went into it 3x.".into());
        answers.push("first, €5m\n1) at my last job\n- then 3 weeks later: 0.2 points".into());
        // Figures inside words and numbers, which the gate's digit heads must not skip.
        answers
            .push("v2 cut 1,000,000.5% of a1b2 at $ 5 in 3q;12ms 4 pts, 99.9% £3bn x10 2x".into());
        answers
    }

    #[test]
    fn precompiled_dfas_match_exactly_as_the_regex_compiled_now() {
        let answers = answers();
        assert!(answers.len() > 50, "the calibration answers were read");
        assert!(
            dfas::TABLE.len() > 100,
            "the rubric's regexes are in the table"
        );
        for &(source, _, rev) in dfas::TABLE {
            let anchored = rev.is_none();
            let pre = engine(source, anchored).expect("the DFA deserialises");
            let now = Engine::Meta(super::super::matcher::build(source, !anchored).unwrap());
            for answer in &answers {
                let hay = answer.as_bytes();
                if anchored {
                    for start in 0..=hay.len() {
                        assert_eq!(
                            pre.anchored_end(hay, start),
                            now.anchored_end(hay, start),
                            "{source} at {start} of {answer:?}"
                        );
                    }
                } else {
                    assert_eq!(pre.find_spans(hay), now.find_spans(hay), "{source}");
                }
            }
        }
    }

    #[test]
    fn signal_regexes_are_precompiled_and_match_as_regex_bytes_does() {
        use crate::score::signal_patterns::*;
        let answers = answers();
        let mut gated_any = false;
        for source in [METRIC, STRUCTURE, SITUATION, TASK, RESULT] {
            let pre = Engine::signal(source);
            assert!(matches!(pre, Engine::Full(_)), "{source} is precompiled");
            let bytes = regex::bytes::RegexBuilder::new(source)
                .unicode(false)
                .build()
                .unwrap();
            for answer in &answers {
                let hay = answer.as_bytes();
                let want: Vec<(usize, usize)> =
                    bytes.find_iter(hay).map(|m| (m.start(), m.end())).collect();
                assert_eq!(pre.find_spans(hay), want, "{source} on {answer:?}");
                let now = Engine::Meta(signal_now(source));
                assert_eq!(now.find_spans(hay), want, "{source} on {answer:?}");
                // And searched only where the judgement's gate says a match can begin.
                if let Some(p) = crate::score::judge::signal_gate(source) {
                    let gate = crate::score::judge::Gate::read(answer);
                    let gated: Vec<(usize, usize)> = pre
                        .find_iter_from(hay, Some(gate.starts(p)))
                        .map(|m| (m.start(), m.end()))
                        .collect();
                    assert_eq!(gated, want, "{source} gated, on {answer:?}");
                    gated_any = true;
                }
            }
        }
        assert!(gated_any, "the gate serves some signal regex");
    }

    #[test]
    fn every_built_in_pattern_is_in_the_table() {
        let set = crate::rubric::RubricSet::builtin().unwrap();
        let patterns: Vec<&str> = set.patterns().map(|p| p.regex.as_str()).collect();
        let missing: Vec<&&str> = patterns
            .iter()
            .filter(|p| !known().contains_key(*p))
            .collect();
        assert!(missing.is_empty(), "analysed at run time: {missing:?}");
    }
}
