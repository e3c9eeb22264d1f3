//! A broken rubric is refused before the first question (issue 11, item 3): every command that
//! scores checks the whole set's patterns at start and names the file, JSON path and why.

use crate::common::*;
use serde_json::json;
use tempfile::TempDir;

/// A copy of the built-in set whose offer stage has `regex` as its first pattern.
fn with_offer_pattern(regex: &str) -> TempDir {
    let rubric = rubric_copy();
    edit_json(&rubric.path().join("stages/offer.json"), |v| {
        v["criteria"][0]["patterns"][0]["regex"] = json!(regex);
    });
    rubric
}

fn commands(dir: &std::path::Path) -> Vec<Vec<String>> {
    let answer = dir.join("answer.txt");
    std::fs::write(&answer, STRONG_BEHAVIORAL).unwrap();
    let answers = dir.join("answers.json");
    std::fs::write(&answers, json!([STRONG_BEHAVIORAL]).to_string()).unwrap();
    let s = |x: &std::path::Path| x.to_str().unwrap().to_string();
    vec![
        vec!["run".into(), "--answers".into(), s(&answers)],
        // Another stage than the broken one: the set is still refused.
        vec![
            "score".into(),
            "--stage".into(),
            "behavioral".into(),
            s(&answer),
        ],
        vec!["rubric".into(), "test".into()],
        vec!["replay".into(), "latest".into()],
    ]
}

fn refused_everywhere(regex: &str, why: &str) {
    let rubric = with_offer_pattern(regex);
    let dir = TempDir::new().unwrap();
    for args in commands(dir.path()) {
        let out = mockloop()
            .current_dir(dir.path())
            .arg("--rubrics")
            .arg(rubric.path())
            .args(&args)
            .output()
            .unwrap();
        let err = stderr_of(&out);
        assert_eq!(out.status.code(), Some(1), "{args:?}: {err}");
        assert!(
            err.contains(
                "stages/offer.json: criteria[0].patterns[0].regex: pattern `thanks` of `gratitude`"
            ),
            "{args:?}: {err}"
        );
        assert!(err.contains(why), "{args:?}: {err}");
        assert!(
            !stdout_of(&out).contains("Question 1/"),
            "no question asked"
        );
    }
}

#[test]
fn a_pattern_that_does_not_parse_is_refused_before_the_first_question() {
    refused_everywhere("(?:thank you", "does not compile");
}

#[test]
fn a_pattern_too_large_to_build_says_what_is_too_big() {
    refused_everywhere(
        "(?:thanks[a-z]{100}){1000}",
        "is too large: its compiled size is over 1048576 bytes; simplify it",
    );
}
