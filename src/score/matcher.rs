//! Patterns compiled into groups and matched in one pass over the answer.
//!
//! Almost every pattern must begin with one of a few literal words ("i pulled", "trade-off",
//! "market data"). Building the group extracts those prefix literals and puts all of them in one
//! Aho-Corasick automaton; scanning an answer runs that automaton once, and runs a pattern's
//! regex only *anchored* where one of its literals occurs. The few patterns without a usable
//! prefix (`\w+ versus \w+`) are searched in full. Regexes are compiled on first need, so
//! starting up compiles none, and one answer touches a few dozen.
//!
//! The built-in stages and values need no automaton of their own: `build.rs` makes one trie over
//! all their literals ([`super::trie`]), the binary carries it, and one walk of it from each
//! place a word can begin ([`Scan`]) serves the stage's group and the values' alike. Building
//! automata at start-up had been most of what a batch spent before its first answer. A user's
//! rubric builds its own automaton, as before.
//!
//! Most patterns are no more than a finite set of phrases ("i pulled", "(?:last|previous)
//! quarter"). For those the automaton's hit is the match once the whole-word check passes, so
//! no regex is built or run for them at all; the regex is kept for the rare start where two of
//! the pattern's phrases end on a word boundary and only its preference order can choose.
//!
//! This replaced a combined overlapping DFA over all patterns: that one had to build new
//! states for nearly every new answer (a third of scoring time), then rescan the whole text for
//! each pattern it found.

use std::sync::OnceLock;

use aho_corasick::{AhoCorasick, AhoCorasickKind};
use regex_automata::meta;
use regex_automata::nfa::thompson::WhichCaptures;
use regex_automata::util::syntax;

use super::card::Shared;
use super::grouped::Grouped;
use super::literals::one_line;
use super::literals::whole_words;
use super::prebuilt_rubric::{self as prebuilt, Engine};
use super::text::Text;
use crate::rubric::{Pattern, Problem};

const SIZE_LIMIT: usize = 64 << 20;
pub struct CompiledPattern {
    pub id: Shared,
    pub weight: f64,
    source: String,
    /// Whether the regex runs only anchored at its literals (true) or searches in full.
    anchored: bool,
    /// Whether the pattern's literals are exactly the phrases it matches (no classes beyond
    /// them, no repetition, no look-around), so a literal hit on word boundaries is a match.
    literal_only: bool,
    regex: OnceLock<Option<Engine>>,
}

impl CompiledPattern {
    /// `None` only if the pattern parsed but could not be compiled (for example over the size
    /// limit); `rubric check` reports that, and scoring treats the pattern as never matching.
    fn regex(&self) -> Option<&Engine> {
        self.regex.get_or_init(|| self.engine().ok()).as_ref()
    }

    /// The DFA `build.rs` made for this pattern, or its regex compiled now.
    fn engine(&self) -> Result<Engine, String> {
        match prebuilt::engine(&self.source, self.anchored) {
            Some(engine) => Ok(engine),
            None => build(&self.source, !self.anchored).map(Engine::Meta),
        }
    }
}

/// Where a match was found, in the normalised text.
#[derive(Debug, Clone, Copy)]
pub struct Hit {
    pub start: usize,
    pub end: usize,
    pub negated: bool,
}

/// A scan's matches, by pattern: one flat list and each pattern's range in it. A vector per
/// pattern (a stage holds over a thousand) cost more to allocate and free than the scan.
pub struct Hits {
    ranges: Vec<(u32, u32)>,
    hits: Vec<Hit>,
}

impl Hits {
    /// The matches of pattern `p`, leftmost first.
    pub fn of(&self, p: usize) -> &[Hit] {
        let (from, to) = self.ranges[p];
        &self.hits[from as usize..to as usize]
    }

    /// Every pattern's matches, in pattern order.
    #[cfg(test)]
    pub fn iter(&self) -> impl Iterator<Item = &[Hit]> {
        (0..self.ranges.len()).map(|p| self.of(p))
    }

    fn push(&mut self, p: usize, hit: Hit) {
        let at = self.hits.len() as u32;
        let range = &mut self.ranges[p];
        if range.1 != at {
            *range = (at, at); // every pattern's hits are pushed together
        }
        range.1 = at + 1;
        self.hits.push(hit);
    }
}

pub struct Group {
    pub patterns: Vec<CompiledPattern>,
    /// All prefix literals of all patterns, lower-cased like the text.
    literals: Literals,
    /// The patterns each literal begins, in pattern order: one list, not thousands of small
    /// vectors a group.
    owners: Grouped,
    /// Patterns with no usable prefix literal, searched in full.
    unprefixed: Vec<usize>,
    origins: Vec<Origin>,
}

/// A text, and the shared trie's matches in it, found once for every group that uses
/// them (a stage's and the values').
pub struct Scan<'t> {
    text: &'t Text,
    /// (literal id, start, end) of every occurrence where a whole word can begin.
    shared: std::cell::OnceCell<Vec<(u32, u32, u32)>>,
}

impl<'t> Scan<'t> {
    pub fn new(text: &'t Text) -> Scan<'t> {
        Scan {
            text,
            shared: std::cell::OnceCell::new(),
        }
    }

    fn shared(&self) -> &[(u32, u32, u32)] {
        self.shared.get_or_init(|| {
            let hay = self.text.lower.as_bytes();
            let trie = prebuilt::shared();
            let mut found = Vec::new();
            // Only where a whole-word match can begin (see `begins_word`).
            for start in (0..hay.len()).filter(|&at| begins_word(hay, at)) {
                trie.prefixes_of(&hay[start..], |id, len| {
                    found.push((id, start as u32, (start + len) as u32));
                });
            }
            found
        })
    }
}

/// How a group finds its literals in a text.
enum Literals {
    None,
    /// An automaton of the group's own, built with the group: a user's rubric.
    Own(AhoCorasick),
    /// The built-in stages' and values' trie (`prebuilt::shared`), which holds every
    /// literal of the group among others; `local` maps each of its literals to the group's
    /// index for it, or `u32::MAX` for a literal of another group.
    Shared {
        local: Vec<u32>,
    },
}

/// Where a pattern came from, to report a bad one precisely.
struct Origin {
    file: String,
    path: String,
    owner: String,
}

/// Collects patterns with enough context to report a bad one precisely.
#[derive(Default)]
pub struct GroupBuilder {
    patterns: Vec<CompiledPattern>,
    origins: Vec<Origin>,
    raws: Vec<String>,
}

impl GroupBuilder {
    /// Adds a pattern and returns its index in the group. `owner` names the criterion or value.
    pub fn add(&mut self, pattern: &Pattern, file: &str, path: &str, owner: &str) -> usize {
        self.patterns.push(CompiledPattern {
            id: pattern.id.as_str().into(),
            weight: pattern.weight,
            source: whole_words(&pattern.regex),
            anchored: false,
            literal_only: false,
            regex: OnceLock::new(),
        });
        self.origins.push(Origin {
            file: file.to_string(),
            path: path.to_string(),
            owner: owner.to_string(),
        });
        self.raws.push(pattern.regex.clone());
        self.patterns.len() - 1
    }

    pub fn build(self) -> Result<Group, Vec<Problem>> {
        self.build_with(true)
    }

    /// `build`, with the shared trie only where `shared_allowed` (tests compare the two).
    fn build_with(self, shared_allowed: bool) -> Result<Group, Vec<Problem>> {
        let mut problems = Vec::new();
        // A group of built-in patterns only gathers its literals as ids in the shared trie,
        // and never handles their bytes.
        let shared: Option<Vec<prebuilt::SharedAnalysis>> = shared_allowed
            .then(|| {
                self.raws
                    .iter()
                    .map(|raw| prebuilt::analyse_shared(raw))
                    .collect()
            })
            .flatten();
        let mut gathered = Gathered::new(shared.is_some());
        let mut shared = shared.map(Vec::into_iter);
        // (the group's literal, the pattern it begins), in pattern order.
        let mut begins: Vec<(u32, u32)> = Vec::new();
        let mut unprefixed = Vec::new();
        let mut patterns = self.patterns;
        for (i, raw) in self.raws.iter().enumerate() {
            let problem = |message: String| {
                let o = &self.origins[i];
                Problem::new(&o.file, format!("{}.regex", o.path), message)
            };
            let id = &patterns[i].id;
            let owner = &self.origins[i].owner;
            let analysis = match shared.as_mut().and_then(Iterator::next) {
                Some(a) => Ok((
                    a.matches_empty,
                    a.prefixes.map(|(ids, x)| (Lits::Ids(ids), x)),
                )),
                None => prebuilt::analyse(raw).map(|a| {
                    let prefixes = a.prefixes.map(|(bytes, x)| (Lits::Bytes(bytes), x));
                    (a.matches_empty, prefixes)
                }),
            };
            let (matches_empty, prefixes) = match analysis {
                Ok(analysis) => analysis,
                Err(e) => {
                    problems.push(problem(format!(
                        "pattern `{id}` of `{owner}` does not compile: {e}"
                    )));
                    continue;
                }
            };
            if ends_in_one_digit(raw) {
                problems.push(problem(format!(
                    "pattern `{id}` of `{owner}` ends in a single `\\d`; matches are whole words, so it only finds one-digit numbers: end it with `\\d(?:[\\d,.]*\\d)?`"
                )));
                continue;
            }
            if matches_empty {
                problems.push(problem(format!(
                    "pattern `{id}` of `{owner}` matches the empty string, so it would credit every answer; require at least one character"
                )));
                continue;
            }
            match prefixes {
                Some((literals, exact)) => {
                    patterns[i].anchored = true;
                    patterns[i].literal_only = exact;
                    match literals {
                        Lits::Ids(ids) => {
                            begins.extend(ids.into_iter().map(|id| (gathered.by_id(id), i as u32)))
                        }
                        Lits::Bytes(bytes) => begins
                            .extend(bytes.into_iter().map(|l| (gathered.by_bytes(l), i as u32))),
                    }
                }
                None => unprefixed.push(i),
            }
        }
        if !problems.is_empty() {
            return Err(problems);
        }
        let owners = Grouped::new(gathered.count, &begins);
        let literals = match gathered {
            Gathered { count: 0, .. } => Literals::None,
            Gathered {
                local, own: None, ..
            } => Literals::Shared { local },
            Gathered { own, .. } => {
                let literals = own.map(|(_, literals)| literals).unwrap_or_default();
                // A contiguous NFA always, not the DFA the builder picks for a small set (a
                // question's own concepts): over a batch, building those DFAs cost more than
                // their faster scans saved.
                let automaton = AhoCorasick::builder()
                    .kind(Some(AhoCorasickKind::ContiguousNFA))
                    .build(&literals)
                    .map_err(|e| {
                        vec![Problem::new(
                            self.origins
                                .first()
                                .map_or("(rubric set)", |o| o.file.as_str()),
                            "",
                            format!("the patterns' literals are too many to combine: {e}"),
                        )]
                    })?;
                Literals::Own(automaton)
            }
        };
        Ok(Group {
            patterns,
            literals,
            owners,
            unprefixed,
            origins: self.origins,
        })
    }
}

/// A pattern's literals: ids in the shared trie, or their bytes.
enum Lits {
    Ids(Vec<u32>),
    Bytes(Vec<Vec<u8>>),
}

/// A group's literals as a build gathers them, each once, numbered in the order first seen.
struct Gathered {
    count: usize,
    /// For each id in the shared trie, the group's number for it (or `u32::MAX`).
    local: Vec<u32>,
    /// The literals by their bytes, when the group builds its own automaton.
    own: Option<OwnLiterals>,
}

/// Each literal's number, and the literals in that order.
type OwnLiterals = (rustc_hash::FxHashMap<Vec<u8>, u32>, Vec<Vec<u8>>);

impl Gathered {
    fn new(shared: bool) -> Gathered {
        Gathered {
            count: 0,
            local: if shared {
                vec![u32::MAX; prebuilt::shared_len()]
            } else {
                Vec::new()
            },
            own: (!shared).then(Default::default),
        }
    }

    fn by_id(&mut self, id: u32) -> u32 {
        let at = &mut self.local[id as usize];
        if *at == u32::MAX {
            *at = self.count as u32;
            self.count += 1;
        }
        *at
    }

    fn by_bytes(&mut self, literal: Vec<u8>) -> u32 {
        let (index, literals) = self.own.get_or_insert_with(Default::default);
        let next = literals.len() as u32;
        let at = *index.entry(literal.clone()).or_insert(next);
        if at == next {
            literals.push(literal);
            self.count += 1;
        }
        at
    }
}

impl Group {
    /// Every whole-word match of every pattern, by pattern index; empty where it did not match.
    /// Matches of one pattern do not overlap, leftmost first, as `find_iter` gives them.
    #[cfg(test)]
    pub fn scan(&self, text: &Text) -> Hits {
        self.scan_with(&Scan::new(text))
    }

    /// [`Group::scan`], sharing the shared trie's walks over the text with other groups.
    pub fn scan_with(&self, scan: &Scan<'_>) -> Hits {
        let text = scan.text;
        let hay = text.lower.as_bytes();
        let mut hits = Hits {
            ranges: vec![(0, 0); self.patterns.len()],
            hits: Vec::new(),
        };
        // (pattern, start, literal length) packed in one u128 so that sorting groups by
        // pattern, then position; the length is kept only for literal-only patterns.
        let mut candidates: Vec<u128> = Vec::new();
        // Called only where a word can begin: the shared trie is walked from there alone, and
        // a group's own automaton's other hits are dropped (see `begins_word`).
        let mut found = |literal: usize, start: usize, end: usize| {
            let (start, len) = (start as u128, (end - start) as u128);
            candidates.extend(self.owners.of(literal).iter().map(|&p| {
                let p = p as usize;
                let len = if self.patterns[p].literal_only {
                    len
                } else {
                    0
                };
                ((p as u128) << 64) | (start << 32) | len
            }));
        };
        match &self.literals {
            Literals::None => {}
            Literals::Own(automaton) => {
                for m in automaton.find_overlapping_iter(hay) {
                    if begins_word(hay, m.start()) {
                        found(m.pattern().as_usize(), m.start(), m.end());
                    }
                }
            }
            Literals::Shared { local } => {
                for &(id, start, end) in scan.shared() {
                    let literal = local[id as usize];
                    if literal != u32::MAX {
                        found(literal as usize, start as usize, end as usize);
                    }
                }
            }
        }
        candidates.sort_unstable();
        candidates.dedup();
        let key = |packed: u128| ((packed >> 64) as usize, (packed >> 32) as u32 as usize);
        let mut resume = (usize::MAX, 0);
        let mut at = 0;
        while at < candidates.len() {
            let (p, start) = key(candidates[at]);
            let same = candidates[at..]
                .iter()
                .take_while(|&&c| key(c) == (p, start))
                .count();
            let lengths = &candidates[at..at + same];
            at += same;
            if resume.0 == p && start < resume.1 {
                continue; // inside this pattern's previous match
            }
            let end = if self.patterns[p].literal_only {
                match literal_match(hay, start, lengths) {
                    Literal::Match(end) => Some(end),
                    Literal::None => None,
                    Literal::Ambiguous => self.anchored_end(p, hay, start),
                }
            } else {
                self.anchored_end(p, hay, start)
            };
            if let Some(end) = end {
                hits.push(p, hit(text, start, end));
                resume = (p, end.max(start + 1));
            }
        }
        for &p in &self.unprefixed {
            if let Some(regex) = self.patterns[p].regex() {
                for (start, end) in regex.find_spans(hay) {
                    hits.push(p, hit(text, start, end));
                }
            }
        }
        hits
    }

    /// Where pattern `p`'s regex, anchored at `start`, ends its match.
    fn anchored_end(&self, p: usize, hay: &[u8], start: usize) -> Option<usize> {
        self.patterns[p].regex()?.anchored_end(hay, start)
    }

    /// Compiles every pattern now (scoring compiles them on first need) and reports those that
    /// parse but do not build, such as one over the size limit. What builds is kept, so a
    /// checked group never compiles a regex a second time.
    pub fn compile_all(&self) -> Vec<Problem> {
        let mut problems = Vec::new();
        for (p, o) in self.patterns.iter().zip(&self.origins) {
            let mut failed = None;
            p.regex
                .get_or_init(|| p.engine().map_err(|e| failed = Some(e)).ok());
            if let Some(e) = failed {
                problems.push(Problem::new(
                    &o.file,
                    format!("{}.regex", o.path),
                    format!("pattern `{}` of `{}` does not compile: {e}", p.id, o.owner),
                ));
            }
        }
        problems
    }
}

fn hit(text: &Text, start: usize, end: usize) -> Hit {
    Hit {
        start,
        end,
        negated: text.is_negated(start),
    }
}

/// Whether a branch of the pattern ends in one digit (`…\$?\d`, `…|in the range of \d|…`): a
/// whole-word match cannot stop inside "180,000", so such a branch silently misses every
/// number of two digits or more.
fn ends_in_one_digit(raw: &str) -> bool {
    raw.match_indices(r"\d").any(|(at, _)| {
        let escaped = raw[..at].chars().rev().take_while(|&c| c == '\\').count() % 2 == 1;
        !escaped && nothing_follows(raw.as_bytes(), at + 2)
    }) || raw.trim_end_matches(')').ends_with("[0-9]")
}

/// Whether a match can end at byte `i` of the pattern: only closing groups follow, or the
/// rest of the branch's group is other alternatives.
fn nothing_follows(raw: &[u8], mut i: usize) -> bool {
    while i < raw.len() {
        match raw[i] {
            b')' => i += 1,
            b'|' => {
                // Skip the other alternatives, to the close of this group.
                let mut depth = 0usize;
                i += 1;
                while i < raw.len() {
                    match raw[i] {
                        b'\\' => i += 1,
                        b'(' => depth += 1,
                        b')' if depth == 0 => break,
                        b')' => depth -= 1,
                        _ => {}
                    }
                    i += 1;
                }
            }
            _ => return false,
        }
    }
    true
}

enum Literal {
    /// One phrase sits on word boundaries here: the match ends at this offset.
    Match(usize),
    /// No phrase does, so the pattern cannot match here.
    None,
    /// Several do; only the regex's preference order can pick one.
    Ambiguous,
}

/// A byte of a word as the patterns' half boundaries see it (ASCII `\w`: they are compiled
/// without Unicode classes).
fn is_word_byte(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b == b'_'
}

/// Whether a match can begin at `at`: every pattern is whole words (`whole_words`), so none
/// begins right after a word byte. A literal found there begins no match; a tenth of the regex
/// runs at literal hits had been such starts, every one of them failing.
fn begins_word(hay: &[u8], at: usize) -> bool {
    at == 0 || !is_word_byte(hay[at - 1])
}

/// Which of a literal-only pattern's phrases found at `start` (their packed lengths; a start
/// where a word can begin) is a whole-word match, as the regex's end half boundary would have it.
fn literal_match(hay: &[u8], start: usize, packed: &[u128]) -> Literal {
    let mut ends = packed
        .iter()
        .map(|&c| start + (c as u32 as usize))
        .filter(|&end| end >= hay.len() || !is_word_byte(hay[end]));
    match (ends.next(), ends.next()) {
        (None, _) => Literal::None,
        (Some(end), None) => Literal::Match(end),
        _ => Literal::Ambiguous,
    }
}

/// An anchored-only regex skips the literal prefilter: the group's automaton already found
/// where it can start, and building the prefilter was most of the regex's compile time.
pub(super) fn build(source: &str, prefilter: bool) -> Result<meta::Regex, String> {
    meta::Builder::new()
        .configure(
            meta::Config::new()
                .auto_prefilter(prefilter)
                .which_captures(WhichCaptures::Implicit)
                .nfa_size_limit(Some(SIZE_LIMIT)),
        )
        .syntax(
            syntax::Config::new()
                .case_insensitive(true)
                .unicode(false)
                .utf8(false),
        )
        .build(source)
        .map_err(|e| one_line(&e.to_string()))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn group(regexes: &[&str]) -> Group {
        let mut builder = GroupBuilder::default();
        for (i, rx) in regexes.iter().enumerate() {
            let pattern = Pattern {
                id: format!("p{i}"),
                regex: rx.to_string(),
                weight: 1.0,
            };
            builder.add(&pattern, "f.json", "x", "owner");
        }
        builder.build().unwrap_or_else(|p| panic!("{p:?}"))
    }

    fn found(g: &Group, text: &str) -> Vec<Vec<String>> {
        let text = Text::new(text);
        g.scan(&text)
            .iter()
            .map(|hits| {
                hits.iter()
                    .map(|h| text.lower[h.start..h.end].to_string())
                    .collect()
            })
            .collect()
    }

    /// The patterns of the built-in groups the scorer scans with: the values', then each
    /// stage's criteria and penalties.
    fn builtin_groups(set: &crate::rubric::RubricSet) -> Vec<Vec<&Pattern>> {
        let values = set
            .values
            .iter()
            .flat_map(|v| v.indicators.iter().chain(&v.counter_indicators))
            .collect();
        let stages = set.stages.iter().map(|stage| {
            let own = stage.rubric.criteria.iter().chain(&stage.rubric.penalties);
            own.flat_map(|c| &c.patterns).collect()
        });
        std::iter::once(values).chain(stages).collect()
    }

    /// The built-in stages and values scan with the trie `build.rs` made; a group of its own
    /// over the same patterns (an Aho-Corasick automaton) must find exactly the same.
    #[test]
    fn the_shared_trie_finds_what_a_groups_own_automaton_does() {
        let set = crate::rubric::RubricSet::builtin().unwrap();
        let groups = builtin_groups(&set);
        let texts = crate::score::calibration_texts::calibration_texts(false);
        for patterns in groups {
            let builder = || {
                let mut builder = GroupBuilder::default();
                for p in &patterns {
                    builder.add(p, "f.json", "x", "owner");
                }
                builder
            };
            let shared = builder().build_with(true).unwrap();
            let own = builder().build_with(false).unwrap();
            assert!(matches!(shared.literals, Literals::Shared { .. }));
            assert!(matches!(own.literals, Literals::Own(_)));
            for text in &texts {
                let text = Text::new(text);
                let spans = |g: &Group| -> Vec<Vec<(usize, usize)>> {
                    g.scan(&text)
                        .iter()
                        .map(|hits| hits.iter().map(|h| (h.start, h.end)).collect())
                        .collect()
                };
                assert_eq!(spans(&shared), spans(&own), "{:?}", text.lower);
            }
        }
    }

    /// What a scan finds is what each pattern's whole-word regex finds searching the text
    /// on its own: for every built-in stage and the values, on every calibration answer and
    /// a few edge texts (matches at the very start and end, inside words, after `_`).
    #[test]
    fn a_scan_finds_what_each_patterns_regex_finds_alone() {
        let set = crate::rubric::RubricSet::builtin().unwrap();
        let groups = builtin_groups(&set);
        let mut texts = crate::score::calibration_texts::calibration_texts(false);
        texts.push("trade-offs_tradeoff xtrade-off 18%: i pulled 3x.i pulled".into());
        texts.push("i decidedi decided _i decided because 20% 5xrevenue".into());
        for patterns in groups {
            let mut builder = GroupBuilder::default();
            for p in &patterns {
                builder.add(p, "f.json", "x", "owner");
            }
            let group = builder.build().unwrap();
            let alone: Vec<meta::Regex> = patterns
                .iter()
                .map(|p| build(&whole_words(&p.regex), true).unwrap())
                .collect();
            for text in &texts {
                let text = Text::new(text);
                let hits = group.scan(&text);
                for (p, regex) in alone.iter().enumerate() {
                    let found: Vec<(usize, usize)> =
                        hits.of(p).iter().map(|h| (h.start, h.end)).collect();
                    let wanted: Vec<(usize, usize)> = regex
                        .find_iter(text.lower.as_bytes())
                        .map(|m| (m.start(), m.end()))
                        .collect();
                    assert_eq!(found, wanted, "{} in {:?}", patterns[p].regex, text.lower);
                }
            }
        }
    }

    #[test]
    fn finds_every_non_overlapping_whole_word_match() {
        let g = group(&[
            "at my (?:last|previous) company",
            r"\d+%",
            "(?:in|into)",
            "rate",
        ]);
        let got = found(
            &g,
            "At my last company, churn fell 18% to 11%; we went into it. Generate the rate.",
        );
        assert_eq!(got[0], ["at my last company"]);
        assert_eq!(got[1], ["18%", "11%"]);
        assert_eq!(got[2], ["into"]);
        assert_eq!(got[3], ["rate"], "not inside `generate`");
    }

    #[test]
    fn phrases_on_a_shared_start_keep_the_regex_preference_order() {
        let g = group(&[
            "trade|trade-off",
            "trade-off|trade",
            "(?:in|into) (?:it|them)",
        ]);
        assert!(g.patterns.iter().all(|p| p.literal_only));
        let got = found(&g, "The trade-off: we went into it.");
        assert_eq!(got[0], ["trade"], "first alternative wins, as in the regex");
        assert_eq!(got[1], ["trade-off"]);
        assert_eq!(got[2], ["into it"]);
    }

    #[test]
    fn only_plain_phrase_sets_skip_the_regex() {
        let g = group(&[
            r"\bdata\b-led",
            "(?-i:Data)",
            "data(?:set)?s?",
            r"\d+ users",
        ]);
        let literal_only: Vec<bool> = g.patterns.iter().map(|p| p.literal_only).collect();
        assert_eq!(literal_only, [false, false, true, false]);
        let got = found(&g, "Data-led: the Data in datasets and 40 users.");
        assert_eq!(got[0], ["data-led"]);
        assert!(
            got[1].is_empty(),
            "case-sensitive parts still see lower-cased text"
        );
        assert_eq!(got[2], ["data", "data", "datasets"]);
        assert_eq!(got[3], ["40 users"]);
    }

    #[test]
    fn a_figure_after_a_phrase_matches() {
        for fine in [
            r"\d+ users",
            r"\d{2,3}k",
            r"(?:1|\d) users",
            r"\\d",
            r"(?:2\d\d|two hundred) million",
        ] {
            assert!(!ends_in_one_digit(fine), "{fine}");
        }
        let g =
            group(&[r"I(?:'m| am)? (?:currently )?(?:make|making|earn) (?:about )?\$?\d[\d,.]*"]);
        let got = found(&g, "I make $180,000. I'm currently making 180,000.");
        assert_eq!(
            got[0],
            ["i make $180,000.", "i'm currently making 180,000."]
        );
    }

    #[test]
    fn a_pattern_ending_in_one_digit_is_refused_with_the_fix() {
        for raw in [
            r"I make \$\d",
            r"(?:about|around) (?:\d)",
            "to [0-9]",
            r"(?:range I'd give|in the range of \$?\d|a bit more)",
        ] {
            let mut builder = GroupBuilder::default();
            let pattern = Pattern {
                id: "pay".into(),
                regex: raw.into(),
                weight: 1.0,
            };
            builder.add(&pattern, "f.json", "x", "owner");
            let problems = builder.build().err().unwrap();
            assert!(
                problems[0]
                    .message
                    .contains(r"end it with `\d(?:[\d,.]*\d)?`"),
                "{raw}"
            );
        }
    }

    #[test]
    fn a_pattern_matching_nothing_at_all_is_refused() {
        let mut builder = GroupBuilder::default();
        let pattern = Pattern {
            id: "empty".into(),
            regex: "(?:data)?".into(),
            weight: 1.0,
        };
        builder.add(&pattern, "f.json", "x", "owner");
        let problems = builder.build().err().unwrap();
        assert!(problems[0].message.contains("matches the empty string"));
    }
}
