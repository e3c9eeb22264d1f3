//! `mockloop rubric check`: every kind of broken rubric is reported with file, place and fix.

use crate::common::*;
use predicates::prelude::*;
use serde_json::json;

fn check(dir: &std::path::Path) -> (i32, String) {
    let out = mockloop()
        .args(["rubric", "check", "--rubrics"])
        .arg(dir)
        .output()
        .unwrap();
    (out.status.code().unwrap(), stdout_of(&out))
}

#[test]
fn the_built_in_set_is_clean() {
    mockloop()
        .args(["rubric", "check"])
        .assert()
        .success()
        .stdout(predicate::str::starts_with(
            "ok: built-in rubric set: 6 stages",
        ));
}

#[test]
fn a_clean_copy_is_clean() {
    let dir = rubric_copy();
    assert_eq!(check(dir.path()).0, 0);
}

#[test]
fn bad_json_reports_line_and_column() {
    let dir = rubric_copy();
    std::fs::write(dir.path().join("values.json"), "{\n  \"values\": [,]\n}").unwrap();
    let (code, out) = check(dir.path());
    assert_eq!(code, 1);
    assert!(
        out.contains("values.json: 2:14: expected value: fix the JSON syntax"),
        "{out}"
    );
}

#[test]
fn unknown_field_reports_its_json_path() {
    let dir = rubric_copy();
    edit_json(&dir.path().join("stages/offer.json"), |v| {
        v["criteria"][1]["patterns"][0]["regx"] = json!("typo");
    });
    let (code, out) = check(dir.path());
    assert_eq!(code, 1);
    assert!(
        out.contains("stages/offer.json: criteria[1].patterns[0].regx: unknown field `regx`, expected one of `id`, `regex`, `weight`"),
        "{out}"
    );
}

#[test]
fn missing_and_duplicate_ids() {
    let dir = rubric_copy();
    edit_json(&dir.path().join("stages/behavioral.json"), |v| {
        v["criteria"][1]["id"] = v["criteria"][0]["id"].clone();
        v["criteria"][2]["patterns"][0]["id"] = json!("");
    });
    let (code, out) = check(dir.path());
    assert_eq!(code, 1);
    assert!(
        out.contains("criteria[1].id: duplicate criterion id `situation`"),
        "{out}"
    );
    assert!(
        out.contains("criteria[2].patterns[0].id: an empty id is not a valid id"),
        "{out}"
    );
}

#[test]
fn bad_regex_names_criterion_and_pattern() {
    let dir = rubric_copy();
    edit_json(&dir.path().join("stages/onsite.json"), |v| {
        v["criteria"][0]["patterns"][1]["regex"] = json!("(unclosed");
    });
    let (code, out) = check(dir.path());
    assert_eq!(code, 1);
    assert!(out.contains("stages/onsite.json: criteria[0].patterns[1].regex: pattern `clarify` of `clarify` does not compile"), "{out}");
}

#[test]
fn a_pattern_matching_the_empty_string_is_refused() {
    let dir = rubric_copy();
    edit_json(&dir.path().join("values.json"), |v| {
        v["values"][0]["indicators"][0]["regex"] = json!("(?:data)?");
    });
    let (code, out) = check(dir.path());
    assert_eq!(code, 1);
    assert!(
        out.contains("values[0].indicators[0].regex") && out.contains("matches the empty string"),
        "{out}"
    );
}

#[test]
fn a_stage_without_questions_is_refused() {
    let dir = rubric_copy();
    edit_json(&dir.path().join("questions/culture_fit.json"), |v| {
        v["questions"] = json!([])
    });
    let (code, out) = check(dir.path());
    assert_eq!(code, 1);
    assert!(
        out.contains("questions/culture_fit.json: questions: stage `culture_fit` has no questions"),
        "{out}"
    );
}

#[test]
fn negative_and_all_zero_weights_are_refused() {
    let dir = rubric_copy();
    edit_json(&dir.path().join("stages/offer.json"), |v| {
        v["criteria"][0]["weight"] = json!(-1.0);
    });
    edit_json(&dir.path().join("stages/onsite.json"), |v| {
        for c in v["criteria"].as_array_mut().unwrap() {
            c["weight"] = json!(0.0);
        }
    });
    let (code, out) = check(dir.path());
    assert_eq!(code, 1);
    assert!(
        out.contains("stages/offer.json: criteria[0].weight: is -1; weights must be 0 or more"),
        "{out}"
    );
    assert!(
        out.contains("stages/onsite.json: criteria: every weight is zero"),
        "{out}"
    );
}

#[test]
fn a_follow_up_for_an_unknown_criterion_is_refused() {
    let dir = rubric_copy();
    edit_json(&dir.path().join("questions/offer.json"), |v| {
        v["questions"][0]["follow_ups"][0]["when_missing"] = json!("telepathy");
    });
    let (code, out) = check(dir.path());
    assert_eq!(code, 1);
    assert!(
        out.contains("follow_ups[0].when_missing: `telepathy` is neither a criterion"),
        "{out}"
    );
}

#[test]
fn a_missing_file_and_a_missing_folder() {
    let dir = rubric_copy();
    std::fs::remove_file(dir.path().join("stages/offer.json")).unwrap();
    let (code, out) = check(dir.path());
    assert_eq!(code, 1);
    assert!(
        out.contains("stages/offer.json: cannot read the file"),
        "{out}"
    );
    mockloop()
        .args(["rubric", "check", "--rubrics", "/no/such/folder"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains("/no/such/folder does not exist"));
}

#[test]
fn score_refuses_a_broken_rubric_with_the_same_report() {
    let dir = rubric_copy();
    edit_json(&dir.path().join("stages/behavioral.json"), |v| {
        v["criteria"][0]["patterns"][0]["regex"] = json!("[");
    });
    mockloop()
        .args(["score", "--stage", "behavioral", "--rubrics"])
        .arg(dir.path())
        .arg("-")
        .write_stdin("answer")
        .assert()
        .code(1)
        .stderr(predicate::str::contains("criteria[0].patterns[0].regex: pattern `at-my-company` of `situation` does not compile"));
}

#[test]
fn a_question_without_an_exemplar_is_a_warning_and_an_empty_one_an_error() {
    let dir = rubric_copy();
    let bank = dir.path().join("questions/behavioral.json");
    edit_json(&bank, |v| {
        v["questions"][0]
            .as_object_mut()
            .unwrap()
            .remove("exemplar");
    });
    let (code, out) = check(dir.path());
    assert_eq!(code, 0, "a warning does not fail the check: {out}");
    let first = "questions/behavioral.json: question beh-influence-no-authority: has no exemplar";
    assert!(
        out.lines()
            .any(|l| l.starts_with("warning: ") && l.contains(first)),
        "{out}"
    );
    assert!(
        !out.contains("question beh-failure: has no exemplar"),
        "{out}"
    );
    mockloop()
        .args(["rubric", "check", "--strict", "--rubrics"])
        .arg(dir.path())
        .assert()
        .code(1);

    edit_json(&bank, |v| v["questions"][1]["exemplar"] = json!("  "));
    let (code, out) = check(dir.path());
    assert_eq!(code, 1);
    assert!(
        out.contains(
            "questions/behavioral.json: questions[1].exemplar: is empty; write a strong answer"
        ),
        "{out}"
    );
}
