//! What a rubric pattern's syntax says about matching it: whether it can match the empty
//! string, and the literals every match begins with. `build.rs` runs this over the built-in
//! rubric ahead of time (`prebuilt_literals`); a user's rubric gets it when a group is built.

use regex_syntax::hir::literal::{ExtractKind, Extractor};
use regex_syntax::hir::Hir;
use regex_syntax::ParserBuilder;

/// What one pattern's parse tells a group.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Analysis {
    pub matches_empty: bool,
    /// The lower-cased prefix literals and whether they are exactly the matches; `None` when
    /// the pattern is searched in full. See [`prefixes`].
    pub prefixes: Option<(Vec<Vec<u8>>, bool)>,
}

/// One parse serves the checks and the literals: case-sensitive (see `prefixes`) unless
/// inline flags need the scorer's own case-insensitive reading. The error is the parser's
/// complaint on one line.
pub fn analyse(raw: &str) -> Result<Analysis, String> {
    let flags = has_flags(raw);
    let hir = parse_with(raw, flags)?;
    if hir.properties().minimum_len() == Some(0) {
        return Ok(Analysis {
            matches_empty: true,
            prefixes: None,
        });
    }
    Ok(Analysis {
        matches_empty: false,
        prefixes: prefixes(&hir, flags),
    })
}

/// Prefix literals shorter than this (a lone digit aside) match too often to be worth it;
/// such patterns are searched in full instead.
pub const MIN_LITERAL: usize = 2;

/// Whether the pattern sets flags inline (`(?i)`, `(?-i:...)`), beyond plain `(?:...)` groups.
pub fn has_flags(raw: &str) -> bool {
    raw.match_indices("(?")
        .any(|(at, _)| !raw[at + 2..].starts_with(':'))
}

/// The pattern's syntax tree, or the parser's complaint on one line.
pub fn parse_with(raw: &str, case_insensitive: bool) -> Result<Hir, String> {
    ParserBuilder::new()
        .case_insensitive(case_insensitive)
        .unicode(false)
        .utf8(false)
        .build()
        .parse(raw)
        .map_err(|e| one_line(&e.to_string()))
}

/// Lower-cased literals one of which every match must begin with, and whether they are
/// exactly the pattern's matches; `None` when the pattern has no such finite set of useful
/// length (it then gets a full search).
///
/// The literals come from a case-sensitive parse, lower-cased: the text is lower-cased, so
/// this is the case-insensitive set without its explosion of case variants ("market data"
/// alone has 1,024), which used to be most of the cost of building a group. A pattern with
/// inline flags comes parsed case-insensitively, since `(?-i:...)` must stay case-sensitive.
pub fn prefixes(hir: &Hir, flags: bool) -> Option<(Vec<Vec<u8>>, bool)> {
    let mut extractor = Extractor::new();
    extractor.kind(ExtractKind::Prefix);
    let seq = extractor.extract(hir);
    let literals = seq.literals()?;
    // One digit is enough: figures are rare in prose, and `\d+%` would otherwise be searched
    // in full in every answer.
    let useful = |l: &[u8]| l.len() >= MIN_LITERAL || matches!(l, [b] if b.is_ascii_digit());
    if literals.is_empty() || !literals.iter().all(|l| useful(l.as_bytes())) {
        return None;
    }
    // Extraction counts a look-around as matching the empty string, so a pattern with one is
    // never exactly its literals.
    let exact = !flags && seq.is_exact() && hir.properties().look_set().is_empty();
    let mut lowered: Vec<Vec<u8>> = literals
        .iter()
        .map(|l| l.as_bytes().to_ascii_lowercase())
        .collect();
    lowered.sort_unstable();
    lowered.dedup();
    Some((lowered, exact))
}

/// regex errors draw a caret diagram over several lines; a problem report wants one line.
pub fn one_line(text: &str) -> String {
    text.lines()
        .find_map(|l| l.strip_prefix("error: "))
        .map(str::to_string)
        .unwrap_or_else(|| text.split_whitespace().collect::<Vec<_>>().join(" "))
}

/// Patterns are whole words: a match may not begin right after a word character nor end right
/// before one. Half boundaries (not `\b`) so that `$400` and `18%` still match, and inside the
/// regex rather than checked afterwards so that `(?:in|into)` still finds "into".
///
/// Patterns are compiled without Unicode classes: the text is ASCII-lower-cased English, and a
/// Unicode `\w` costs a large automaton in every one of hundreds of patterns. Matches may then
/// end inside a multi-byte character; `Text::original_range` maps such offsets back to
/// character boundaries.
pub fn whole_words(raw: &str) -> String {
    format!(r"(?-u:\b{{start-half}})(?:{raw})(?-u:\b{{end-half}})")
}
