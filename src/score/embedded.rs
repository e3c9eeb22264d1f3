//! DFAs and automata that `build.rs` wrote into the binary: one way to hold the bytes and one
//! way to read each kind from them, for the judgement's patterns and the rubric's alike.

use daachorse::DoubleArrayAhoCorasick;
use regex_automata::dfa::dense;

pub type Dense = dense::DFA<&'static [u32]>;

/// Deserialising a DFA needs its `u32` words aligned; `include_bytes!` alone promises bytes.
#[repr(C)]
pub struct Aligned<B: ?Sized> {
    pub _align: [u64; 0],
    pub bytes: B,
}

/// The bytes at (offset, length) of a blob, if the table's entry fits in it.
fn slice(blob: &'static Aligned<[u8]>, (at, len): (usize, usize)) -> Option<&'static [u8]> {
    blob.bytes.get(at..at.checked_add(len)?)
}

/// A dense DFA at (offset, length) of a blob.
pub fn dense(blob: &'static Aligned<[u8]>, entry: (usize, usize)) -> Option<Dense> {
    // SAFETY: the bytes are what `to_bytes_*_endian` of this same regex-automata (one
    // Cargo.lock entry serves build.rs and the library) wrote for this target's endianness in
    // this build, so they are a valid DFA; the checked `from_bytes` spent more time validating
    // them than the rest of scoring one answer. Tests deserialise every entry with the checks
    // on (`checked_dense`).
    let (dfa, _) = unsafe { dense::DFA::from_bytes_unchecked(slice(blob, entry)?) }.ok()?;
    Some(dfa)
}

/// A double-array Aho-Corasick automaton `build.rs` serialised.
pub fn automaton(bytes: &'static [u8]) -> DoubleArrayAhoCorasick<u32> {
    // SAFETY: the bytes are what `serialize` of this same daachorse (one Cargo.lock entry
    // serves build.rs and the library) wrote in this build; the checked `deserialize` cost a
    // third of a one-answer process. Tests deserialise every automaton with the checks on
    // (`checked_automaton`).
    let (automaton, _) = unsafe { DoubleArrayAhoCorasick::deserialize_unchecked(bytes) };
    automaton
}

/// `automaton` with every check on, or why the bytes are not an automaton.
#[cfg(test)]
pub fn checked_automaton(bytes: &'static [u8]) -> Result<(), String> {
    DoubleArrayAhoCorasick::<u32>::deserialize(bytes)
        .map(|_| ())
        .map_err(|e| e.to_string())
}

/// `dense` with every check on, or why the bytes are not a DFA.
#[cfg(test)]
pub fn checked_dense(
    blob: &'static Aligned<[u8]>,
    (at, len): (usize, usize),
) -> Result<(), String> {
    dense::DFA::from_bytes(&blob.bytes[at..at + len])
        .map(|_| ())
        .map_err(|e| e.to_string())
}
