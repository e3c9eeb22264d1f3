//! `mockloop rubric test | explain | tune`: agreement with labeled cases, explanations, fitting.

use std::path::Path;

use crate::common::*;
use predicates::prelude::*;
use serde_json::json;
use tempfile::TempDir;

fn write_cases(dir: &Path, cases: serde_json::Value) -> std::path::PathBuf {
    let file = dir.join("cases.json");
    std::fs::write(
        &file,
        serde_json::to_string_pretty(&json!({ "cases": cases })).unwrap(),
    )
    .unwrap();
    file
}

#[test]
fn the_built_in_set_passes_its_own_cases() {
    // Every case shipped under rubrics/calibration, however many there are.
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("rubrics/calibration");
    let cases: usize = std::fs::read_dir(&dir)
        .unwrap()
        .map(|entry| {
            let text = std::fs::read_to_string(entry.unwrap().path()).unwrap();
            let file: serde_json::Value = serde_json::from_str(&text).unwrap();
            file["cases"].as_array().map_or(0, Vec::len)
        })
        .sum();
    assert!(cases >= 96, "the built-in set ships its calibration cases");
    mockloop()
        .args(["rubric", "test"])
        .assert()
        .success()
        .stdout(
            predicate::str::contains(format!("{cases} of {cases} cases pass"))
                .and(predicate::str::contains("Pairwise")),
        );
}

#[test]
fn a_failing_case_is_reported_with_expectation_result_and_evidence_and_exits_1() {
    let dir = TempDir::new().unwrap();
    let file = write_cases(
        dir.path(),
        json!([
            {"id": "strong", "stage": "behavioral", "answer": STRONG_BEHAVIORAL, "expect": {"max": 10}},
            {"id": "weak", "stage": "behavioral", "answer": WEAK_BEHAVIORAL, "expect": {"stronger_than": "strong"}}
        ]),
    );
    let out = mockloop()
        .args(["rubric", "test", "--cases"])
        .arg(&file)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let text = stdout_of(&out);
    assert!(
        text.contains("FAIL strong (behavioral): expected a score in 0-10"),
        "{text}"
    );
    assert!(
        text.contains("FAIL weak (behavioral): expected to outscore `strong`"),
        "{text}"
    );
    assert!(
        text.contains("scored on: ") && text.contains("\"I pulled\""),
        "evidence behind the score: {text}"
    );
    let json: serde_json::Value = serde_json::from_slice(
        &mockloop()
            .args(["rubric", "test", "--format", "json", "--cases"])
            .arg(&file)
            .output()
            .unwrap()
            .stdout,
    )
    .unwrap();
    assert_eq!(json["overall"]["failed"], 2);
    assert_eq!(json["overall"]["pairs"], 1);
}

#[test]
fn the_shared_dev_set_converts_into_cases() {
    let dev = repo().join("../shared/eval/dev.json");
    if !dev.exists() {
        return; // CI always has it; a bare checkout may not
    }
    mockloop()
        .args(["rubric", "test", "--cases"])
        .arg(&dev)
        .assert()
        .success()
        .stdout(predicate::str::contains("114 of 114 cases pass"));
}

#[test]
fn bad_case_files_are_clear_errors() {
    let dir = TempDir::new().unwrap();
    let file = write_cases(
        dir.path(),
        json!([{"id": "a", "stage": "lunch", "answer": "x", "expect": {"stronger_than": "ghost"}}]),
    );
    mockloop()
        .args(["rubric", "test", "--cases"])
        .arg(&file)
        .assert()
        .code(1)
        .stderr(
            predicate::str::contains("`lunch` is not a stage").and(predicate::str::contains(
                "names `ghost`, which is not a case",
            )),
        );
    std::fs::write(
        &file,
        r#"{"cases": [{"id": "a", "stage": "offer", "answr": "x"}]}"#,
    )
    .unwrap();
    mockloop()
        .args(["rubric", "test", "--cases"])
        .arg(&file)
        .assert()
        .code(1)
        .stderr(
            predicate::str::contains("cases[0]")
                .and(predicate::str::contains("unknown field `answr`")),
        );
}

#[test]
fn explain_shows_matches_contributions_and_missed_criteria() {
    mockloop()
        .args(["rubric", "explain", "--stage", "behavioral", "-"])
        .write_stdin(STRONG_BEHAVIORAL)
        .assert()
        .success()
        .stdout(
            predicate::str::contains("Every match")
                .and(predicate::str::contains("at-my-company"))
                .and(predicate::str::contains("Points to overall"))
                .and(predicate::str::contains("Missed, by points they would add")),
        );
}

/// A copy of the built-in set with one criterion's weight thrown far off.
fn skewed_rubric() -> TempDir {
    let dir = rubric_copy();
    edit_json(&dir.path().join("stages/behavioral.json"), |v| {
        for c in v["criteria"].as_array_mut().unwrap() {
            c["weight"] = json!(if c["id"] == "situation" { 3.0 } else { 0.2 });
        }
    });
    let cases = repo().join("rubrics/calibration");
    std::fs::create_dir(dir.path().join("calibration")).unwrap();
    for entry in std::fs::read_dir(cases).unwrap().flatten() {
        std::fs::copy(
            entry.path(),
            dir.path().join("calibration").join(entry.file_name()),
        )
        .unwrap();
    }
    dir
}

#[test]
fn tune_writes_a_complete_set_with_only_numbers_changed() {
    let rubric = skewed_rubric();
    let out = TempDir::new().unwrap();
    let target = out.path().join("tuned");
    let cases = rubric.path().join("calibration");
    mockloop()
        .args(["rubric", "tune", "--seed", "1", "--rubrics"])
        .arg(rubric.path())
        .arg("--cases")
        .arg(&cases)
        .arg("-o")
        .arg(&target)
        .assert()
        .success()
        // Keyword weights weigh less since scoring judges substance, so which weight the
        // tuner moves is its own finding; what it may change (numbers only) is checked below.
        .stdout(
            predicate::str::contains("Tuned rubric set written")
                .and(predicate::str::contains("holdout")),
        );
    mockloop()
        .args(["rubric", "check", "--rubrics"])
        .arg(&target)
        .assert()
        .success();
    let tuned: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(target.join("stages/behavioral.json")).unwrap(),
    )
    .unwrap();
    let before: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(rubric.path().join("stages/behavioral.json")).unwrap(),
    )
    .unwrap();
    assert_eq!(
        tuned["criteria"][0]["patterns"], before["criteria"][0]["patterns"],
        "patterns untouched"
    );
    assert!(target.join("TUNING.txt").exists());

    // A second run into the same folder is refused without --force.
    mockloop()
        .args(["rubric", "tune", "--rubrics"])
        .arg(rubric.path())
        .arg("--cases")
        .arg(&cases)
        .arg("-o")
        .arg(&target)
        .assert()
        .code(1)
        .stderr(predicate::str::contains("exists and is not empty"));
}

#[test]
fn tune_refuses_bad_holdout_and_too_few_cases() {
    let dir = TempDir::new().unwrap();
    let out = dir.path().join("out");
    let few = write_cases(
        dir.path(),
        json!([{"id": "a", "stage": "offer", "answer": "Thank you.", "expect": {"max": 40}}]),
    );
    for holdout in ["0", "1", "1.5"] {
        mockloop()
            .args(["rubric", "tune", "--holdout", holdout, "--cases"])
            .arg(&few)
            .arg("-o")
            .arg(&out)
            .assert()
            .code(1)
            .stderr(predicate::str::contains(
                "--holdout must be above 0 and below 1",
            ));
    }
    mockloop()
        .args(["rubric", "tune", "--cases"])
        .arg(&few)
        .arg("-o")
        .arg(&out)
        .assert()
        .code(1)
        .stderr(predicate::str::contains("tuning needs at least 10 cases"));
    assert!(!out.exists(), "nothing written");
}
