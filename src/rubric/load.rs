//! Reading a rubric set: parse every file, then validate the whole, reporting every problem.

use serde::de::DeserializeOwned;

use super::model::{LoopFile, QuestionBank, StageRubric, ValuesFile};
use super::problem::{Problem, Problems};
use super::source::RubricSource;
use super::validate::validate;
use super::{RubricSet, Stage};

pub const LOOP_FILE: &str = "loop.json";

/// Loads and validates a rubric set (regexes are compiled later, by the scorer or `rubric check`).
pub fn load(source: RubricSource) -> Result<RubricSet, Problems> {
    let mut problems = Vec::new();
    let mut texts = Vec::new();
    let Some(loop_file) = parse::<LoopFile>(&source, LOOP_FILE, &mut problems, &mut texts) else {
        return Err(Problems(problems));
    };
    let values = parse::<ValuesFile>(&source, &loop_file.values, &mut problems, &mut texts);
    let mut stages = Vec::new();
    for meta in &loop_file.stages {
        let rubric = parse::<StageRubric>(&source, &meta.rubric, &mut problems, &mut texts);
        let bank = parse::<QuestionBank>(&source, &meta.questions, &mut problems, &mut texts);
        if let (Some(rubric), Some(bank)) = (rubric, bank) {
            stages.push(Stage {
                meta: meta.clone(),
                rubric,
                bank,
            });
        }
    }
    let (Some(values), true) = (values, problems.is_empty()) else {
        return Err(Problems(problems));
    };
    let set = RubricSet {
        fingerprint: fingerprint(&texts),
        source,
        loop_file,
        values: values.values,
        stages,
    };
    let problems = validate(&set);
    if problems.is_empty() {
        Ok(set)
    } else {
        Err(Problems(problems))
    }
}

/// Syntax is checked first so a broken file gets `line:column`; shape second so a wrong field
/// gets its JSON path, which says more than a position once the JSON is well formed.
fn parse<T: DeserializeOwned>(
    source: &RubricSource,
    rel: &str,
    problems: &mut Vec<Problem>,
    texts: &mut Vec<(String, String)>,
) -> Option<T> {
    let file = source.display(rel);
    let text = match source.read(rel) {
        Ok(text) => text,
        Err(message) => {
            problems.push(Problem::new(&file, "", message));
            return None;
        }
    };
    // Straight into the model first: the detour through a `Value` and a path-tracking
    // deserialiser exists only to word an error, and was most of the cost of loading.
    if let Ok(parsed) = serde_json::from_str::<T>(&text) {
        texts.push((rel.to_string(), text));
        return Some(parsed);
    }
    let value: serde_json::Value = match serde_json::from_str(&text) {
        Ok(value) => value,
        Err(e) => {
            let at = format!("{}:{}", e.line(), e.column());
            problems.push(Problem::new(
                &file,
                at,
                format!("{}: fix the JSON syntax", bare(&e)),
            ));
            return None;
        }
    };
    match serde_path_to_error::deserialize::<_, T>(value) {
        Ok(parsed) => {
            texts.push((rel.to_string(), text));
            Some(parsed)
        }
        Err(e) => {
            let path = e.path().to_string();
            let at = if path == "." {
                "(top level)".to_string()
            } else {
                path
            };
            problems.push(Problem::new(&file, at, bare(e.inner())));
            None
        }
    }
}

/// serde_json appends " at line L column C", which we already report in our own place.
fn bare(e: &serde_json::Error) -> String {
    let text = e.to_string();
    match text.rfind(" at line ") {
        Some(i) => text[..i].to_string(),
        None => text,
    }
}

/// FNV-1a over every file's name and text, in load order: sessions record which rubric scored
/// them, and any edit to any file changes it. Not cryptographic; it only has to notice change.
fn fingerprint(texts: &[(String, String)]) -> String {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for (name, text) in texts {
        for byte in name.bytes().chain([0]).chain(text.bytes()).chain([0]) {
            hash ^= u64::from(byte);
            hash = hash.wrapping_mul(0x0100_0000_01b3);
        }
    }
    format!("{hash:016x}")
}
