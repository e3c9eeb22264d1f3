//! `mockloop rubric schema`: the built-in files validate against the schema it prints, and a
//! typo does not.

use crate::common::*;
use serde_json::Value;

fn schema(args: &[&str]) -> jsonschema::Validator {
    let out = mockloop()
        .args(["rubric", "schema"])
        .args(args)
        .output()
        .unwrap();
    assert!(out.status.success());
    let schema: Value = serde_json::from_slice(&out.stdout).unwrap();
    jsonschema::validator_for(&schema).expect("a valid JSON Schema")
}

fn json_files(dir: &str) -> Vec<(String, Value)> {
    let mut files: Vec<_> = std::fs::read_dir(repo().join(dir))
        .unwrap()
        .flatten()
        .map(|e| e.path())
        .collect();
    files.retain(|p| p.extension().is_some_and(|e| e == "json"));
    files.sort();
    files
        .into_iter()
        .map(|p| {
            (
                p.display().to_string(),
                serde_json::from_str(&std::fs::read_to_string(&p).unwrap()).unwrap(),
            )
        })
        .collect()
}

#[test]
fn the_built_in_rubric_files_validate() {
    let validator = schema(&[]);
    let mut files = json_files("rubrics");
    files.extend(json_files("rubrics/stages"));
    files.extend(json_files("rubrics/questions"));
    assert_eq!(files.len(), 14);
    for (name, json) in &files {
        let errors: Vec<String> = validator.iter_errors(json).map(|e| e.to_string()).collect();
        assert!(errors.is_empty(), "{name}: {errors:?}");
    }
    let mut typo = files[0].1.clone();
    typo["stagez"] = Value::from(1);
    assert!(!validator.is_valid(&typo), "an unknown field is caught");
}

#[test]
fn the_built_in_cases_validate_against_the_case_schema() {
    let validator = schema(&["--cases"]);
    for (name, json) in json_files("rubrics/calibration") {
        assert!(validator.is_valid(&json), "{name}");
    }
    let bad: Value = serde_json::json!({"cases": [{"id": "a", "stage": "offer", "answer": "x", "expect": {"band": "maybe"}}]});
    assert!(!validator.is_valid(&bad));
}
