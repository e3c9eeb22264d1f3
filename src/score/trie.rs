//! The literals that begin at a place in a text, read off a double-array trie that `build.rs`
//! made with yada's builder.
//!
//! Every rubric pattern is whole words, so its literals matter only where a word can begin;
//! one walk from the root at each such place finds them all. An Aho-Corasick automaton read
//! every byte of every answer through 1.4 MB of states (with its failure links), a sixth of a
//! batch answer's time in cache misses; the trie is a third of that size, its walks stay near
//! the root, and it is read in place from the binary, with nothing copied at start-up.
//!
//! Reads are bounds-checked here rather than through yada's own search, which trusts the
//! array unchecked: a bad array can end a walk early, never read outside it.

use yada::unit::Unit;

/// A serialised yada double array, borrowed where it lies.
pub struct Trie {
    units: &'static [u8],
}

impl Trie {
    pub fn new(units: &'static [u8]) -> Trie {
        Trie { units }
    }

    fn unit(&self, id: u32) -> Option<Unit> {
        let at = usize::try_from(id).ok()?.checked_mul(4)?;
        let bytes = self.units.get(at..at.checked_add(4)?)?;
        Some(Unit::from_u32(u32::from_le_bytes(bytes.try_into().ok()?)))
    }

    /// Calls `each(value, length)` for every key that begins `text`, shortest first: the walk
    /// yada's `common_prefix_search` makes.
    pub fn prefixes_of(&self, text: &[u8], mut each: impl FnMut(u32, usize)) {
        let mut id = 0u32;
        let Some(mut unit) = self.unit(id) else {
            return;
        };
        for (at, &byte) in text.iter().enumerate() {
            id = unit.offset() ^ id ^ u32::from(byte);
            let Some(next) = self.unit(id) else {
                return;
            };
            if next.label() != u32::from(byte) {
                return;
            }
            if next.has_leaf() {
                if let Some(leaf) = self.unit(next.offset() ^ id) {
                    each(leaf.value(), at + 1);
                }
            }
            unit = next;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn trie(keys: &[&str]) -> Trie {
        let keyset: Vec<(&[u8], u32)> =
            (0u32..).zip(keys).map(|(v, k)| (k.as_bytes(), v)).collect();
        let bytes = yada::builder::DoubleArrayBuilder::build(&keyset).unwrap();
        Trie::new(Box::leak(bytes.into_boxed_slice()))
    }

    fn found(t: &Trie, text: &str) -> Vec<(u32, usize)> {
        let mut out = Vec::new();
        t.prefixes_of(text.as_bytes(), |v, len| out.push((v, len)));
        out
    }

    #[test]
    fn every_key_that_begins_the_text_shortest_first() {
        let t = trie(&["i", "i pulled", "i pulled the", "in", "trade-off", "zz"]);
        assert_eq!(found(&t, "i pulled the logs"), [(0, 1), (1, 8), (2, 12)]);
        assert_eq!(found(&t, "in a"), [(0, 1), (3, 2)]);
        assert_eq!(found(&t, "trade-offs"), [(4, 9)]);
        assert_eq!(found(&t, "trade"), []);
        assert_eq!(found(&t, ""), []);
        assert_eq!(found(&t, "\u{ff}\u{0}é"), []);
    }

    #[test]
    fn walks_as_yadas_own_search() {
        let keys = ["a", "ab", "abc", "b", "bcd", "é", "éa", "\u{7f}x"];
        let t = trie(&keys);
        let keyset: Vec<(&[u8], u32)> = (0u32..)
            .zip(&keys)
            .map(|(v, k)| (k.as_bytes(), v))
            .collect();
        let bytes = yada::builder::DoubleArrayBuilder::build(&keyset).unwrap();
        let theirs = yada::DoubleArray::new(bytes);
        for text in ["abcd", "bcde", "éab", "\u{7f}xy", "zzz", "a"] {
            let want: Vec<(u32, usize)> = theirs.common_prefix_search(text).collect();
            assert_eq!(found(&t, text), want, "{text}");
        }
    }

    /// Any bytes walk safely, however the array is cut.
    #[test]
    fn a_cut_array_ends_walks_instead_of_reading_past_it() {
        let keyset: Vec<(&[u8], u32)> = vec![(b"abc".as_slice(), 0), (b"abd".as_slice(), 1)];
        let bytes = yada::builder::DoubleArrayBuilder::build(&keyset).unwrap();
        for cut in 0..bytes.len() {
            let t = Trie::new(Box::leak(bytes[..cut].to_vec().into_boxed_slice()));
            for text in ["abc", "abd", "\u{ff}\u{ff}"] {
                found(&t, text);
            }
        }
    }
}
