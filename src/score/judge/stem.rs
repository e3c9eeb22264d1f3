//! Word stems, so "priced", "pricing" and "prices" meet, and plain and polished tellings of one
//! answer share their content words.

use std::borrow::Cow;
use std::cell::RefCell;
use std::rc::Rc;
use std::sync::OnceLock;

use rust_stemmers::{Algorithm, Stemmer};
use rustc_hash::FxHashMap;

/// Words remembered per thread; past this the memory is cleared and refilled, so a long batch
/// stays bounded. Answers share most of their words, so a few thousand cover nearly all.
pub(super) const REMEMBERED: usize = 1 << 16;

/// A word's stem, and a number that two stems share exactly when their text is the same, so
/// an answer's words are compared and counted by number rather than by text. Numbers hold
/// across the stems of one answer: the memory is cleared only between answers ([`stems`]).
#[derive(Debug, Clone)]
pub struct Stem {
    pub text: Rc<str>,
    pub id: u32,
}

/// What the judgement asks of an answer's word's stem, kept by number.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Facts {
    pub id: u32,
    /// Over two bytes and no digit: a stem that counts as content when repeated.
    pub countable: bool,
    /// The stem holds a hyphen ("trade-off"), so its parts may meet a question's words.
    pub hyphenated: bool,
}

impl Facts {
    fn of(id: u32, text: &str) -> Facts {
        Facts {
            id,
            countable: text.len() > 2 && !text.bytes().any(|c| c.is_ascii_digit()),
            hyphenated: text.contains('-'),
        }
    }
}

/// Words seen, with their stems' facts, and each distinct stem by number.
///
/// A word of up to 16 bytes is its own key, packed in a `u128`: looking a word up compares
/// the key in the table, with no pointer to follow to the word's bytes. Two such reads a
/// word (the key, then the shared stem's count) had made stemming a remembered answer cost
/// more than a fifth of the judgement.
#[derive(Default)]
struct Memory {
    short: FxHashMap<u128, Facts>,
    long: FxHashMap<Box<str>, Facts>,
    ids: FxHashMap<Rc<str>, u32>,
    /// Each stem's text, by number.
    texts: Vec<Rc<str>>,
    /// How many times the memory was cleared: numbers from before a clear mean nothing after.
    generation: u64,
}

impl Memory {
    fn len(&self) -> usize {
        self.short.len() + self.long.len()
    }

    fn clear(&mut self) {
        self.short.clear();
        self.long.clear();
        self.ids.clear();
        self.texts.clear();
        self.generation += 1;
    }

    fn facts(&mut self, word: &str) -> Facts {
        let key = packed(word);
        let known = match key {
            Some(key) => self.short.get(&key),
            None => self.long.get(word),
        };
        if let Some(&facts) = known {
            return facts;
        }
        let text: Rc<str> = fresh(word).into();
        let next = self.texts.len() as u32;
        let id = *self.ids.entry(Rc::clone(&text)).or_insert(next);
        let facts = Facts::of(id, &text);
        if id == next {
            self.texts.push(text);
        }
        match key {
            Some(key) => self.short.insert(key, facts),
            None => self.long.insert(word.into(), facts),
        };
        facts
    }
}

/// A word of at most 16 bytes as one number: its bytes, then zeros. Words hold no zero byte
/// (they are letters, digits and joiners), so two words have the same number only when they
/// are the same word.
fn packed(word: &str) -> Option<u128> {
    let bytes = word.as_bytes();
    if bytes.len() > 16 {
        return None;
    }
    let mut key = [0u8; 16];
    key[..bytes.len()].copy_from_slice(bytes);
    Some(u128::from_le_bytes(key))
}

thread_local! {
    static MEMORY: RefCell<Memory> = RefCell::default();
}

/// The Snowball English stem of a lower-case word.
///
/// Stems are remembered: stemming every word of every answer afresh was over a quarter of a
/// batch's time, and the same few thousand words come back in every answer.
pub fn stem(word: &str) -> Stem {
    MEMORY.with_borrow_mut(|memory| {
        let id = memory.facts(word).id;
        Stem {
            text: Rc::clone(&memory.texts[id as usize]),
            id,
        }
    })
}

/// Which filling of this thread's memory the stems' numbers come from: kept beside anything
/// that holds stems across answers, which must be worked out again once it changes.
pub fn generation() -> u64 {
    MEMORY.with_borrow(|memory| memory.generation)
}

/// An answer's stems, one per word, and where each stem first occurs.
///
/// The first occurrence is the answer's own dense number for a stem: counting, "said
/// before?" and "where first?" become indexing by word position, where hash maps keyed by
/// stem had cost more than stemming itself.
pub struct Stems {
    /// One per word, in order.
    pub list: Vec<Facts>,
    /// For each word, the position of the first word with the same stem.
    pub first: Vec<u32>,
    /// Each distinct stem's number and first position, by number.
    by_id: Vec<(u32, u32)>,
    /// The text of each hyphenated word's stem, by word position, in order.
    pub hyphenated: Vec<(usize, Rc<str>)>,
}

impl Stems {
    /// The position of the first word whose stem is `stem`, if any word has it.
    pub fn first_of(&self, stem: &Stem) -> Option<usize> {
        let at = self.by_id.partition_point(|&(id, _)| id < stem.id);
        match self.by_id.get(at) {
            Some(&(id, first)) if id == stem.id => Some(first as usize),
            _ => None,
        }
    }
}

/// The stems of an answer's words. The memory is cleared first when it has grown past
/// [`REMEMBERED`] words, so a long batch stays bounded and no answer's numbers straddle a clear.
pub fn stems<'a>(words: impl Iterator<Item = &'a str>) -> Stems {
    let (list, hyphenated) = MEMORY.with_borrow_mut(|memory| {
        if memory.len() >= REMEMBERED {
            memory.clear();
        }
        let list: Vec<Facts> = words.map(|w| memory.facts(w)).collect();
        let hyphenated = (0..list.len())
            .filter(|&k| list[k].hyphenated)
            .map(|k| (k, Rc::clone(&memory.texts[list[k].id as usize])))
            .collect();
        (list, hyphenated)
    });
    // Sorted by number then position, each run's head is that stem's first occurrence.
    let mut pairs: Vec<(u32, u32)> = (0u32..).zip(&list).map(|(k, s)| (s.id, k)).collect();
    pairs.sort_unstable();
    let mut first = vec![0u32; list.len()];
    let mut by_id: Vec<(u32, u32)> = Vec::new();
    for &(id, k) in &pairs {
        match by_id.last() {
            Some(&(last, head)) if last == id => first[k as usize] = head,
            _ => {
                by_id.push((id, k));
                first[k as usize] = k;
            }
        }
    }
    Stems {
        list,
        first,
        by_id,
        hyphenated,
    }
}

fn fresh(word: &str) -> Cow<'_, str> {
    static STEMMER: OnceLock<Stemmer> = OnceLock::new();
    STEMMER
        .get_or_init(|| Stemmer::create(Algorithm::English))
        .stem(word)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn inflections_share_a_stem() {
        assert_eq!(stem("pricing").text, stem("priced").text);
        assert_eq!(stem("launches").text, stem("launch").text);
    }

    #[test]
    fn a_remembered_stem_is_the_stem() {
        for word in ["pricing", "pricing", "relational", "relational", "a"] {
            assert_eq!(*stem(word).text, *fresh(word));
        }
    }

    #[test]
    fn stems_share_a_number_exactly_when_they_are_the_same() {
        let all = stems(["pricing", "priced", "launch", "launches", "pricing"].into_iter()).list;
        assert_eq!(all[0].id, all[1].id);
        assert_eq!(all[2].id, all[3].id);
        assert_eq!(all[0].id, all[4].id);
        assert_ne!(all[0].id, all[2].id);
    }

    #[test]
    fn each_word_knows_where_its_stem_first_occurs() {
        let words = ["launch", "price", "launches", "prices", "pricing", "cut"];
        let all = stems(words.into_iter());
        assert_eq!(all.first, [0, 1, 0, 1, 1, 5]);
        assert_eq!(all.first_of(&stem("launched")), Some(0));
        assert_eq!(all.first_of(&stem("priced")), Some(1));
        assert_eq!(all.first_of(&stem("cuts")), Some(5));
        assert_eq!(all.first_of(&stem("churn")), None);
    }

    /// The memory is bounded, and cleared only as an answer starts, so the numbers of one
    /// answer's stems all come from one filling of it.
    #[test]
    fn a_full_memory_is_cleared_before_an_answer_not_during_one() {
        for n in 0..REMEMBERED {
            stem(&format!("w{n}"));
        }
        let all = stems(["pricing", "priced"].into_iter()).list;
        assert_eq!((all[0].id, all[1].id), (0, 0), "numbering starts afresh");
        let words = MEMORY.with_borrow(|memory| memory.len());
        assert!(words < 10, "{words} words remembered after the clear");
    }
}
