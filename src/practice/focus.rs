//! `run --focus ID`: finding a criterion, a question's concept or a value by id, and naming the
//! close ones when the id is not in the rubric.

use super::{Kind, Target};
use crate::rubric::RubricSet;
use crate::spelling::distance;

#[derive(Debug, thiserror::Error)]
pub enum FocusError {
    #[error("unknown focus `{id}`: no criterion, concept or value has that id{}; use `weakest`, or an id that `mockloop plan` or the rubric files show", close_ids(.close))]
    Unknown { id: String, close: Vec<String> },
}

fn close_ids(close: &[String]) -> String {
    if close.is_empty() {
        String::new()
    } else {
        format!(" (close: {})", close.join(", "))
    }
}

/// The target with this id: a stage criterion (the first stage in loop order names it), a bank
/// question's concept, or a value.
pub fn resolve(set: &RubricSet, id: &str) -> Result<Target, FocusError> {
    let found = |kind, id: &str, name: &str| Target {
        kind,
        id: id.to_string(),
        name: name.to_string(),
    };
    for stage in &set.stages {
        if let Some(c) = stage.rubric.criteria.iter().find(|c| c.id == id) {
            return Ok(found(Kind::Criterion, &c.id, &c.name));
        }
    }
    for q in set.stages.iter().flat_map(|s| &s.bank.questions) {
        if let Some(c) = q.concepts.iter().find(|c| c.id == id) {
            return Ok(found(Kind::Concept, &c.id, &c.name));
        }
    }
    if let Some(v) = set.values.iter().find(|v| v.id == id) {
        return Ok(found(Kind::Value, &v.id, &v.name));
    }
    Err(FocusError::Unknown {
        id: id.to_string(),
        close: close(set, id),
    })
}

/// Ids within a few edits of `id`, or containing it, nearest first; at most five.
fn close(set: &RubricSet, id: &str) -> Vec<String> {
    let wanted = id.to_ascii_lowercase();
    let mut all: Vec<&str> = set
        .stages
        .iter()
        .flat_map(|s| {
            s.rubric.criteria.iter().map(|c| c.id.as_str()).chain(
                s.bank
                    .questions
                    .iter()
                    .flat_map(|q| q.concepts.iter())
                    .map(|c| c.id.as_str()),
            )
        })
        .chain(set.values.iter().map(|v| v.id.as_str()))
        .collect();
    all.sort_unstable();
    all.dedup();
    let allowed = (wanted.chars().count() / 3).max(2);
    let mut scored: Vec<(usize, &str)> = all
        .into_iter()
        .filter_map(|candidate| {
            let d = distance(&wanted, &candidate.to_ascii_lowercase());
            let contains = wanted.len() >= 3 && candidate.contains(wanted.as_str());
            (d <= allowed || contains).then_some((d, candidate))
        })
        .collect();
    scored.sort();
    scored
        .into_iter()
        .take(5)
        .map(|(_, c)| c.to_string())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_resolve_to_their_kind() {
        let set = RubricSet::builtin().unwrap();
        assert_eq!(
            resolve(&set, "measured_result").unwrap().kind,
            Kind::Criterion
        );
        assert_eq!(resolve(&set, "root-cause").unwrap().kind, Kind::Concept);
        assert_eq!(resolve(&set, "courage").unwrap().kind, Kind::Value);
    }

    #[test]
    fn a_typo_names_the_close_ids() {
        let set = RubricSet::builtin().unwrap();
        let err = resolve(&set, "measured_results").unwrap_err().to_string();
        assert!(err.contains("close: measured_result"), "{err}");
        assert_eq!(distance("kitten", "sitting"), 3);
    }
}
