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
const REMEMBERED: usize = 1 << 16;

/// A word's stem, and a number that two stems share exactly when their text is the same, so
/// an answer's words are compared and counted by number rather than by text. Numbers hold
/// across the stems of one answer: the memory is cleared only between answers ([`stems`]).
#[derive(Debug, Clone)]
pub struct Stem {
    pub text: Rc<str>,
    pub id: u32,
}

/// Words seen, with their stems, and each distinct stem's number.
#[derive(Default)]
struct Memory {
    words: FxHashMap<Box<str>, Stem>,
    ids: FxHashMap<Rc<str>, u32>,
}

thread_local! {
    static MEMORY: RefCell<Memory> = RefCell::default();
}

/// The Snowball English stem of a lower-case word.
///
/// Stems are remembered: stemming every word of every answer afresh was over a quarter of a
/// batch's time, and the same few thousand words come back in every answer. A remembered
/// stem is shared, not copied, so an answer's stems cost no allocation each.
pub fn stem(word: &str) -> Stem {
    MEMORY.with_borrow_mut(|memory| {
        if let Some(stem) = memory.words.get(word) {
            return stem.clone();
        }
        let text: Rc<str> = fresh(word).into();
        let next = memory.ids.len() as u32;
        let id = *memory.ids.entry(Rc::clone(&text)).or_insert(next);
        let stem = Stem { text, id };
        memory.words.insert(word.into(), stem.clone());
        stem
    })
}

/// An answer's stems, one per word, and where each stem first occurs.
///
/// The first occurrence is the answer's own dense number for a stem: counting, "said
/// before?" and "where first?" become indexing by word position, where hash maps keyed by
/// stem had cost more than stemming itself.
pub struct Stems {
    /// One per word, in order.
    pub list: Vec<Stem>,
    /// For each word, the position of the first word with the same stem.
    pub first: Vec<u32>,
    /// Each distinct stem's number and first position, by number.
    by_id: Vec<(u32, u32)>,
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
    MEMORY.with_borrow_mut(|memory| {
        if memory.words.len() >= REMEMBERED {
            memory.words.clear();
            memory.ids.clear();
        }
    });
    let list: Vec<Stem> = words.map(stem).collect();
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
    Stems { list, first, by_id }
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
        let words = MEMORY.with_borrow(|memory| memory.words.len());
        assert!(words < 10, "{words} words remembered after the clear");
    }
}
