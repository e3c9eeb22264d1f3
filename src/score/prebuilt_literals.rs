//! The built-in rubric's pattern analyses, worked out by `build.rs` with [`literals::analyse`]:
//! parsing a stage's and the values' patterns was a sixth of a one-answer process. A pattern
//! not in the table (a user's rubric, or an edit the build has not seen) is analysed now.

use std::collections::HashMap;
use std::sync::OnceLock;

use rustc_hash::FxBuildHasher;

use super::literals::{self, Analysis};

/// (pattern, matches the empty string, Some((prefix literals, exact)) or None).
type Entry = (&'static str, bool, Option<(&'static [&'static [u8]], bool)>);

mod table {
    include!(concat!(env!("OUT_DIR"), "/rubric_literals.rs"));
}

fn known() -> &'static HashMap<&'static str, &'static Entry, FxBuildHasher> {
    static KNOWN: OnceLock<HashMap<&'static str, &'static Entry, FxBuildHasher>> = OnceLock::new();
    KNOWN.get_or_init(|| table::TABLE.iter().map(|e| (e.0, e)).collect())
}

/// The pattern's analysis, from the table when the build saw it.
pub fn analyse(raw: &str) -> Result<Analysis, String> {
    match known().get(raw) {
        Some(&&(_, matches_empty, prefixes)) => Ok(Analysis {
            matches_empty,
            prefixes: prefixes
                .map(|(literals, exact)| (literals.iter().map(|l| l.to_vec()).collect(), exact)),
        }),
        None => literals::analyse(raw),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_table_holds_what_analysing_now_gives() {
        assert!(table::TABLE.len() > 500, "the built-in patterns are in it");
        for entry in table::TABLE {
            assert_eq!(analyse(entry.0), literals::analyse(entry.0), "{}", entry.0);
        }
    }

    #[test]
    fn every_built_in_pattern_is_in_the_table() {
        let set = crate::rubric::RubricSet::builtin().unwrap();
        let mut patterns: Vec<&str> = set
            .values
            .iter()
            .flat_map(|v| v.indicators.iter().chain(&v.counter_indicators))
            .map(|p| p.regex.as_str())
            .collect();
        for stage in &set.stages {
            let criteria = stage.rubric.criteria.iter().chain(&stage.rubric.penalties);
            patterns.extend(criteria.flat_map(|c| &c.patterns).map(|p| p.regex.as_str()));
            let concepts = stage.bank.questions.iter().flat_map(|q| &q.concepts);
            patterns.extend(concepts.flat_map(|c| &c.patterns).map(|p| p.regex.as_str()));
        }
        let missing: Vec<&&str> = patterns
            .iter()
            .filter(|p| !known().contains_key(*p))
            .collect();
        assert!(missing.is_empty(), "analysed at run time: {missing:?}");
    }
}
