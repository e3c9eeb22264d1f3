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
    load_with(source, true)
}

/// [`load`], validating the set only when `validated`: the built-in set is compiled in, and
/// its validation (a test, and `rubric check` in CI) does not change from one start to the
/// next; checking it again at every start was a fifth of a one-answer `score`.
pub(crate) fn load_with(source: RubricSource, validated: bool) -> Result<RubricSet, Problems> {
    let mut problems = Vec::new();
    let mut texts = Vec::new();
    let Some(loop_file) = parse::<LoopFile>(&source, LOOP_FILE, &mut problems, &mut texts) else {
        return Err(Problems(problems));
    };
    // The question banks are most of the set's bytes: they parse on a second thread while
    // this one parses the rest. Problems and texts are gathered in file order all the same.
    let (banks, values, rubrics) = std::thread::scope(|scope| {
        let banks = scope.spawn(|| {
            let stages = &loop_file.stages;
            stages
                .iter()
                .map(|meta| Parsed::<QuestionBank>::of(&source, &meta.questions))
                .collect::<Vec<_>>()
        });
        let values = Parsed::<ValuesFile>::of(&source, &loop_file.values);
        let rubrics: Vec<_> = loop_file
            .stages
            .iter()
            .map(|meta| Parsed::<StageRubric>::of(&source, &meta.rubric))
            .collect();
        let banks = banks
            .join()
            .unwrap_or_else(|panic| std::panic::resume_unwind(panic));
        (banks, values, rubrics)
    });
    let values = values.gather(&mut problems, &mut texts);
    let mut stages = Vec::new();
    for ((meta, rubric), bank) in loop_file.stages.iter().zip(rubrics).zip(banks) {
        let rubric = rubric.gather(&mut problems, &mut texts);
        let bank = bank.gather(&mut problems, &mut texts);
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
        fingerprint: Fingerprint::of(texts),
        source,
        loop_file,
        values: values.values,
        stages,
    };
    let problems = if validated {
        validate(&set)
    } else {
        Vec::new()
    };
    if problems.is_empty() {
        Ok(set)
    } else {
        Err(Problems(problems))
    }
}

/// One file parsed on its own: the model, or the problems; and its text, to fingerprint.
struct Parsed<T> {
    value: Option<T>,
    problems: Vec<Problem>,
    texts: Vec<(String, String)>,
}

impl<T: DeserializeOwned> Parsed<T> {
    fn of(source: &RubricSource, rel: &str) -> Parsed<T> {
        let (mut problems, mut texts) = (Vec::new(), Vec::new());
        let value = parse(source, rel, &mut problems, &mut texts);
        Parsed {
            value,
            problems,
            texts,
        }
    }

    /// The model, once its problems and text join the set's, in file order.
    fn gather(self, problems: &mut Vec<Problem>, texts: &mut Vec<(String, String)>) -> Option<T> {
        problems.extend(self.problems);
        texts.extend(self.texts);
        self.value
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
///
/// Computed when first asked for: a byte-at-a-time hash of the whole set was a tenth of
/// loading it, and scoring never asks.
#[derive(Debug, Clone)]
pub struct Fingerprint {
    texts: std::sync::Arc<[(String, String)]>,
    hex: std::sync::OnceLock<String>,
}

impl Fingerprint {
    fn of(texts: Vec<(String, String)>) -> Fingerprint {
        Fingerprint {
            texts: texts.into(),
            hex: std::sync::OnceLock::new(),
        }
    }

    pub fn as_str(&self) -> &str {
        self.hex.get_or_init(|| {
            let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
            for (name, text) in self.texts.iter() {
                for byte in name.bytes().chain([0]).chain(text.bytes()).chain([0]) {
                    hash ^= u64::from(byte);
                    hash = hash.wrapping_mul(0x0100_0000_01b3);
                }
            }
            format!("{hash:016x}")
        })
    }
}

impl std::fmt::Display for Fingerprint {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Sessions compare the fingerprint they recorded with the set's: it must stay FNV-1a over
    /// the files in load order (loop, values, then each stage's rubric and bank), however the
    /// files are parsed.
    #[test]
    fn the_fingerprint_hashes_the_files_in_load_order() {
        let source = RubricSource::Builtin;
        let set = load(source.clone()).unwrap();
        let mut files = vec![LOOP_FILE.to_string(), set.loop_file.values.clone()];
        for meta in &set.loop_file.stages {
            files.push(meta.rubric.clone());
            files.push(meta.questions.clone());
        }
        let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
        for rel in &files {
            let text = source.read(rel).unwrap();
            for byte in rel.bytes().chain([0]).chain(text.bytes()).chain([0]) {
                hash ^= u64::from(byte);
                hash = hash.wrapping_mul(0x0100_0000_01b3);
            }
        }
        assert_eq!(set.fingerprint.as_str(), format!("{hash:016x}"));
        assert_eq!(set.fingerprint.to_string(), set.fingerprint.as_str());
    }
}
