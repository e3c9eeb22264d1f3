//! Reading sessions written by older versions: each step turns version N into N + 1, in memory.
//! The file on disk is never rewritten by a read.

use serde_json::Value;

use super::model::SCHEMA_VERSION;

/// Brings a session's JSON from `from` up to [`SCHEMA_VERSION`], one step at a time.
pub fn migrate(mut session: Value, from: u64) -> Result<Value, String> {
    let mut version = from;
    while version < u64::from(SCHEMA_VERSION) {
        session = match version {
            1 => v1_to_v2(session)?,
            other => return Err(format!("no migration from schema {other}")),
        };
        version += 1;
    }
    session["schema_version"] = Value::from(SCHEMA_VERSION);
    Ok(session)
}

/// Version 1 called an unfinished session `in_progress`, while everything shown to a person
/// called it unfinished; version 2 uses one word.
fn v1_to_v2(mut session: Value) -> Result<Value, String> {
    if let Some(word) = session["status"].as_str() {
        session["status"] = Value::from(status_word(word, 1));
    }
    Ok(session)
}

/// A status as today's schema spells it, for readers that skip [`migrate`] to stay lean.
pub fn status_word(word: &str, schema_version: u64) -> &str {
    match (schema_version, word) {
        (1, "in_progress") => "unfinished",
        _ => word,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn v1_in_progress_becomes_unfinished() {
        let v1 = serde_json::json!({"schema_version": 1, "status": "in_progress", "id": "x"});
        let v2 = migrate(v1, 1).unwrap();
        assert_eq!(v2["status"], "unfinished");
        assert_eq!(v2["schema_version"], 2);
        assert_eq!(v2["id"], "x", "everything else is kept");
    }

    #[test]
    fn a_complete_v1_session_is_unchanged_but_for_its_version() {
        let v1 = serde_json::json!({"schema_version": 1, "status": "complete"});
        assert_eq!(migrate(v1, 1).unwrap()["status"], "complete");
    }

    #[test]
    fn only_version_1_spells_unfinished_in_progress() {
        assert_eq!(status_word("in_progress", 1), "unfinished");
        assert_eq!(status_word("complete", 1), "complete");
        assert_eq!(
            status_word("in_progress", 2),
            "in_progress",
            "not a v2 word"
        );
    }

    #[test]
    fn an_unknown_old_version_is_an_error() {
        assert!(migrate(serde_json::json!({}), 0).is_err());
    }
}
