//! An answer prepared for matching: normalised punctuation, tokens with clause ids, sentences.
//! Matching runs on the normalised text; evidence is reported in the original's byte offsets.

use super::lexicon;

pub struct Text {
    /// Normalised and ASCII-lower-cased: same length as `norm`, so offsets carry over.
    pub lower: String,
    /// For each byte of the normalised text (and one past the end), its offset in the original;
    /// `None` when normalising changed nothing, as for most answers, and offsets are the same.
    to_original: Option<Vec<usize>>,
    pub tokens: Vec<Token>,
    pub sentences: Vec<Sentence>,
}

#[derive(Debug, Clone, Copy)]
pub struct Token {
    pub start: usize,
    pub end: usize,
    /// Tokens share a clause id when no clause boundary (`,;:.!?`, `but`, `because`…) lies
    /// between them; negation reaches only within a clause.
    pub clause: u32,
    /// [`lexicon`] classes of the word (function word, filler, negation…), as bits.
    pub class: u8,
}

#[derive(Debug, Clone, Copy)]
pub struct Sentence {
    pub is_question: bool,
}

impl Text {
    pub fn new(original: &str) -> Text {
        let (norm, to_original) = normalise(original);
        let lower = norm.to_ascii_lowercase();
        let (tokens, sentences) = tokenise(&lower);
        Text {
            lower,
            to_original,
            tokens,
            sentences,
        }
    }

    pub fn word(&self, token: &Token) -> &str {
        &self.lower[token.start..token.end]
    }

    pub fn words(&self) -> impl Iterator<Item = &str> {
        self.tokens.iter().map(|t| &self.lower[t.start..t.end])
    }

    /// The original byte range of a normalised range.
    pub fn original_range(&self, start: usize, end: usize) -> (usize, usize) {
        match &self.to_original {
            Some(map) => (map[start], map[end]),
            None => (floor_char(&self.lower, start), floor_char(&self.lower, end)),
        }
    }

    /// Index of the first token starting at or after `offset`.
    pub fn token_at(&self, offset: usize) -> usize {
        self.tokens.partition_point(|t| t.start < offset)
    }

    /// Whether a match starting at `offset` is negated: a cue among the few tokens before it
    /// in the same clause ("I did not check the data", "never measured").
    pub fn is_negated(&self, offset: usize) -> bool {
        let first = self.token_at(offset);
        let Some(clause) = self
            .tokens
            .get(first)
            .or(self.tokens.last())
            .map(|t| t.clause)
        else {
            return false;
        };
        let before = &self.tokens[..first];
        (0..first)
            .rev()
            .take(lexicon::NEGATION_REACH)
            .take_while(|&k| before[k].clause == clause)
            .any(|k| {
                before[k].class & lexicon::NEGATION != 0
                    // "Instead I asked" is not a negation; "instead of the tour" is.
                    && (self.word(&before[k]) != "instead"
                        || before.get(k + 1).is_some_and(|n| self.word(n) == "of"))
            })
    }
}

/// Patterns run on bytes and may stop inside a multi-byte character; evidence must not.
fn floor_char(text: &str, mut at: usize) -> usize {
    while !text.is_char_boundary(at) {
        at -= 1;
    }
    at
}

fn replacement(ch: char) -> Option<char> {
    match ch {
        '\u{2018}' | '\u{2019}' | '\u{02bc}' => Some('\''),
        '\u{201c}' | '\u{201d}' => Some('"'),
        '\u{2013}' | '\u{2014}' | '\u{2212}' => Some('-'),
        _ => None,
    }
}

/// Curly quotes to straight, dashes to `-`, so rubric authors write one apostrophe.
fn normalise(original: &str) -> (String, Option<Vec<usize>>) {
    if original.is_ascii() || !original.chars().any(|c| replacement(c).is_some()) {
        return (original.to_string(), None);
    }
    let mut norm = String::with_capacity(original.len());
    let mut map = Vec::with_capacity(original.len() + 1);
    for (at, ch) in original.char_indices() {
        let replaced = replacement(ch).unwrap_or(ch);
        let before = norm.len();
        norm.push(replaced);
        map.extend(std::iter::repeat_n(at, norm.len() - before));
    }
    map.push(original.len());
    (norm, Some(map))
}

fn tokenise(lower: &str) -> (Vec<Token>, Vec<Sentence>) {
    let bytes = lower.as_bytes();
    let mut tokens = Vec::with_capacity(lower.len() / 5);
    let mut sentences = Vec::new();
    let mut clause = 0u32;
    let mut sentence_words = 0usize;
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        if is_word_byte(b) {
            let start = i;
            while i < bytes.len() && (is_word_byte(bytes[i]) || joins_word(bytes, i)) {
                i += 1;
            }
            let class = lexicon::classify(&lower[start..i]);
            if class & lexicon::CLAUSE != 0 {
                clause += 1;
            }
            tokens.push(Token {
                start,
                end: i,
                clause,
                class,
            });
            sentence_words += 1;
            continue;
        }
        match b {
            b',' | b';' | b':' | b'(' | b')' | b'"' => clause += 1,
            b'.' | b'!' | b'?' | b'\n' => {
                let blank_line = b == b'\n' && bytes.get(i + 1) == Some(&b'\n');
                let ends = b != b'\n' && bytes.get(i + 1).is_none_or(|n| n.is_ascii_whitespace());
                if b != b'\n' || blank_line {
                    clause += 1;
                }
                if (ends || blank_line) && sentence_words > 0 {
                    sentences.push(Sentence {
                        is_question: b == b'?',
                    });
                    sentence_words = 0;
                }
            }
            _ => {}
        }
        i += 1;
    }
    if sentence_words > 0 {
        sentences.push(Sentence { is_question: false });
    }
    (tokens, sentences)
}

/// Whether `gap` (text between words) holds any of the ASCII punctuation `marks`. Byte by
/// byte: it is asked between every two words of every answer, and a search by `char` cost
/// several times more.
pub fn gap_has(gap: &str, marks: &[u8]) -> bool {
    gap.bytes().any(|b| marks.contains(&b))
}

/// Letters and digits, and any non-ASCII byte (accented letters and emoji stay inside words).
fn is_word_byte(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b >= 0x80
}

/// `don't`, `trade-off`, `3.5`, `$400K`'s digits: an apostrophe, hyphen or point between word
/// bytes keeps the word whole.
fn joins_word(bytes: &[u8], i: usize) -> bool {
    matches!(bytes[i], b'\'' | b'-' | b'.' | b'%')
        && i > 0
        && is_word_byte(bytes[i - 1])
        && (bytes[i] == b'%' || bytes.get(i + 1).is_some_and(|&n| is_word_byte(n)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn offsets_map_back_through_curly_quotes() {
        let text = Text::new("I didn\u{2019}t ship it");
        let at = text.lower.find("ship").unwrap();
        let (s, e) = text.original_range(at, at + 4);
        assert_eq!(&"I didn\u{2019}t ship it"[s..e], "ship");
    }

    #[test]
    fn offsets_inside_a_character_fall_back_to_its_start() {
        let text = Text::new("caf\u{e9} ok");
        assert_eq!(text.original_range(4, 5), (3, 5));
    }

    #[test]
    fn negation_stays_inside_its_clause() {
        let text = Text::new("I did not check the data, but I talked to users.");
        assert!(text.is_negated(text.lower.find("data").unwrap()));
        assert!(!text.is_negated(text.lower.find("talked").unwrap()));
    }

    #[test]
    fn sentences_and_questions_are_counted() {
        let text = Text::new("We cut scope. Retention rose 3.5%! Who owns it?");
        assert_eq!(text.sentences.len(), 3);
        assert!(text.sentences[2].is_question);
        assert_eq!(text.words().filter(|w| *w == "3.5%").count(), 1);
    }

    #[test]
    fn instead_negates_only_what_it_replaces() {
        let text = Text::new("I shipped a reminder instead of the tour. Instead I asked users.");
        assert!(text.is_negated(text.lower.find("the tour").unwrap()));
        assert!(!text.is_negated(text.lower.find("asked").unwrap()));
    }
}
