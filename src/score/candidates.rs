//! Searching a DFA only where a match could begin. When every match of a pattern begins with
//! one of a few literals, a pass of an automaton over the text lists the places they occur;
//! the pattern's DFA then runs anchored at each in turn instead of reading the whole text.

use regex_automata::dfa::regex::Regex;
use regex_automata::dfa::Automaton;
use regex_automata::{Anchored, Input};

use super::embedded::Dense;

/// The matches of `re` in `hay` that begin at one of `starts` (ascending), leftmost first and
/// not overlapping: exactly what `re.find_iter(hay)` gives when no match begins anywhere else.
/// The first candidate with an anchored match is the leftmost start, and anchored there a
/// leftmost-first search ends where the unanchored one would.
pub struct FromStarts<'r, 'h> {
    re: &'r Regex<Dense>,
    hay: &'h [u8],
    starts: &'h [u32],
    /// Where the previous match ended; candidates before it lie inside it.
    at: usize,
}

impl<'r, 'h> FromStarts<'r, 'h> {
    pub fn new(re: &'r Regex<Dense>, hay: &'h [u8], starts: &'h [u32]) -> FromStarts<'r, 'h> {
        FromStarts {
            re,
            hay,
            starts,
            at: 0,
        }
    }
}

impl Iterator for FromStarts<'_, '_> {
    /// (start, end) of a match.
    type Item = (usize, usize);

    fn next(&mut self) -> Option<(usize, usize)> {
        loop {
            let (&from, rest) = self.starts.split_first()?;
            self.starts = rest;
            let from = from as usize;
            if from < self.at {
                continue;
            }
            let input = Input::new(self.hay).range(from..).anchored(Anchored::Yes);
            // As the DFA's own `find_iter`: no quit bytes, so the search cannot fail.
            let end = self
                .re
                .forward()
                .try_search_fwd(&input)
                .expect("a DFA without quit bytes");
            if let Some(end) = end {
                // Matches begin with a literal of two bytes or more, so they are never empty.
                self.at = end.offset();
                return Some((from, end.offset()));
            }
        }
    }
}
