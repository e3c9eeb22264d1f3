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

/// The Snowball English stem of a lower-case word.
///
/// Stems are remembered: stemming every word of every answer afresh was over a quarter of a
/// batch's time, and the same few thousand words come back in every answer. A remembered
/// stem is shared, not copied, so an answer's stems cost no allocation each.
pub fn stem(word: &str) -> Rc<str> {
    thread_local! {
        static STEMS: RefCell<FxHashMap<Box<str>, Rc<str>>> = RefCell::default();
    }
    STEMS.with_borrow_mut(|stems| {
        if let Some(stem) = stems.get(word) {
            return Rc::clone(stem);
        }
        let stem: Rc<str> = fresh(word).into();
        if stems.len() >= REMEMBERED {
            stems.clear();
        }
        stems.insert(word.into(), Rc::clone(&stem));
        stem
    })
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
        assert_eq!(stem("pricing"), stem("priced"));
        assert_eq!(stem("launches"), stem("launch"));
    }

    #[test]
    fn a_remembered_stem_is_the_stem() {
        for word in ["pricing", "pricing", "relational", "relational", "a"] {
            assert_eq!(*stem(word), *fresh(word));
        }
    }
}
