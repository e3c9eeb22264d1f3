//! Word stems, so "priced", "pricing" and "prices" meet, and plain and polished tellings of one
//! answer share their content words.

use std::borrow::Cow;
use std::sync::OnceLock;

use rust_stemmers::{Algorithm, Stemmer};

/// The Snowball English stem of a lower-case word.
pub fn stem(word: &str) -> Cow<'_, str> {
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
}
