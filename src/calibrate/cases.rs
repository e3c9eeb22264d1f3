//! Labeled cases: answers with what a good scorer should say about them. A case expects a
//! band, a score range, and/or to outscore another case. The shared dev set's pairs, salads,
//! negations and floors convert into the same cases.

use crate::limits::CASE_FILE_BYTES;
use std::collections::HashSet;
use std::path::{Path, PathBuf};

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::rubric::{Problem, Problems, RubricSet};
use crate::score::Band;

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct CaseFile {
    pub cases: Vec<Case>,
}

impl CaseFile {
    /// The JSON Schema of a case file for `mockloop rubric test` and `tune`, derived from this
    /// struct so it cannot drift from what loads.
    pub fn schema() -> serde_json::Value {
        schemars::generate::SchemaSettings::draft2020_12()
            .into_generator()
            .into_root_schema_for::<CaseFile>()
            .to_value()
    }
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Case {
    pub id: String,
    pub stage: String,
    /// A bank question id or the question's text; scored on the stage rubric when absent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub question: Option<String>,
    pub answer: String,
    pub expect: Expect,
    /// Why the expectation holds, for the person reading a failure.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub why: Option<String>,
}

#[derive(Debug, Clone, Default, Serialize, Deserialize, PartialEq, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Expect {
    /// Exactly this band.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub band: Option<Band>,
    /// This band or a better one ("a hire-level answer").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub min_band: Option<Band>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub min: Option<f64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max: Option<f64>,
    /// Id of a case this one must outscore.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub stronger_than: Option<String>,
    /// With `stronger_than`: by at least this many points (default: any margin).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub by: Option<f64>,
}

/// Cases with where each came from, for error messages.
#[derive(Debug, Clone, Default)]
pub struct Cases {
    pub cases: Vec<Case>,
    pub files: Vec<String>,
}

/// The built-in set's own cases, compiled in with it.
const BUILTIN: &[(&str, &str)] = &[
    (
        "built-in:calibration/behavioral.json",
        include_str!("../../rubrics/calibration/behavioral.json"),
    ),
    (
        "built-in:calibration/product_strategy.json",
        include_str!("../../rubrics/calibration/product_strategy.json"),
    ),
    (
        "built-in:calibration/cross_functional.json",
        include_str!("../../rubrics/calibration/cross_functional.json"),
    ),
    (
        "built-in:calibration/culture_fit.json",
        include_str!("../../rubrics/calibration/culture_fit.json"),
    ),
    (
        "built-in:calibration/onsite.json",
        include_str!("../../rubrics/calibration/onsite.json"),
    ),
    (
        "built-in:calibration/offer.json",
        include_str!("../../rubrics/calibration/offer.json"),
    ),
];

impl Cases {
    pub fn builtin() -> Result<Cases, Problems> {
        let mut cases = Cases::default();
        let mut problems = Vec::new();
        for (name, text) in BUILTIN {
            cases.add_text(name, text, &mut problems);
        }
        finish(cases, problems)
    }

    /// A case file, a dev-set file, or a folder of them (every `*.json`, in name order).
    pub fn load(path: &Path) -> Result<Cases, Problems> {
        let mut cases = Cases::default();
        let mut problems = Vec::new();
        let files: Vec<PathBuf> = if path.is_dir() {
            let mut files: Vec<PathBuf> = std::fs::read_dir(path)
                .map_err(|e| one(path, format!("cannot read the folder: {e}")))?
                .flatten()
                .map(|e| e.path())
                .filter(|p| p.extension().is_some_and(|e| e == "json"))
                .collect();
            files.sort();
            if files.is_empty() {
                return Err(one(path, "has no .json case files".into()));
            }
            files
        } else {
            vec![path.to_path_buf()]
        };
        for file in files {
            let name = file.display().to_string();
            let read = crate::fsutil::read_file_capped(&file, CASE_FILE_BYTES, "a case file")
                .and_then(|bytes| {
                    String::from_utf8(bytes).map_err(|e| {
                        std::io::Error::new(std::io::ErrorKind::InvalidData, e.utf8_error())
                    })
                });
            match read {
                Ok(text) => cases.add_text(&name, &text, &mut problems),
                Err(e) => problems.push(Problem::new(
                    &name,
                    "",
                    format!("cannot read the file: {e}"),
                )),
            }
        }
        finish(cases, problems)
    }

    fn add_text(&mut self, name: &str, text: &str, problems: &mut Vec<Problem>) {
        let value: serde_json::Value = match serde_json::from_str(text) {
            Ok(v) => v,
            Err(e) => {
                let at = format!("{}:{}", e.line(), e.column());
                problems.push(Problem::new(
                    name,
                    at,
                    "the JSON does not parse; fix the syntax",
                ));
                return;
            }
        };
        self.files.push(name.to_string());
        if value.get("pairs").is_some() || value.get("floors").is_some() {
            self.cases.extend(from_dev_set(&value));
            return;
        }
        match serde_path_to_error::deserialize::<_, CaseFile>(value) {
            Ok(file) => self.cases.extend(file.cases),
            Err(e) => problems.push(Problem::new(
                name,
                e.path().to_string(),
                e.inner().to_string(),
            )),
        }
    }

    /// Checks ids, references, stages and expectations against a rubric set.
    pub fn validate(&self, set: &RubricSet) -> Result<(), Problems> {
        let mut problems = Vec::new();
        let ids: HashSet<&str> = self.cases.iter().map(|c| c.id.as_str()).collect();
        let mut seen = HashSet::new();
        let origin = "(cases)";
        for (i, case) in self.cases.iter().enumerate() {
            let at = |field: &str| format!("case `{}` (#{}) {field}", case.id, i + 1);
            if !seen.insert(case.id.as_str()) {
                problems.push(Problem::new(
                    origin,
                    at("id"),
                    "is used twice; case ids must be unique",
                ));
            }
            if set.stage(&case.stage).is_none() {
                let known = set.stage_ids().join(", ");
                problems.push(Problem::new(
                    origin,
                    at("stage"),
                    format!("`{}` is not a stage; the stages are: {known}", case.stage),
                ));
            }
            let e = &case.expect;
            let empty =
                e.band.is_none() && e.min_band.is_none() && e.min.is_none() && e.max.is_none();
            if empty && e.stronger_than.is_none() {
                problems.push(Problem::new(
                    origin,
                    at("expect"),
                    "is empty; give band, min_band, min/max, or stronger_than",
                ));
            }
            if let (Some(min), Some(max)) = (e.min, e.max) {
                if min > max {
                    problems.push(Problem::new(
                        origin,
                        at("expect"),
                        format!("min {min} is above max {max}"),
                    ));
                }
            }
            if let Some(other) = &e.stronger_than {
                if !ids.contains(other.as_str()) {
                    problems.push(Problem::new(
                        origin,
                        at("expect.stronger_than"),
                        format!("names `{other}`, which is not a case"),
                    ));
                }
            }
        }
        if problems.is_empty() {
            Ok(())
        } else {
            Err(Problems(problems))
        }
    }
}

fn finish(cases: Cases, problems: Vec<Problem>) -> Result<Cases, Problems> {
    if problems.is_empty() {
        Ok(cases)
    } else {
        Err(Problems(problems))
    }
}

fn one(path: &Path, message: String) -> Problems {
    Problems(vec![Problem::new(&path.display().to_string(), "", message)])
}

/// The shared dev set (`pairs`, `salad`, `negation`, `floors`) as cases.
fn from_dev_set(dev: &serde_json::Value) -> Vec<Case> {
    let text = |v: &serde_json::Value, key: &str| v[key].as_str().unwrap_or_default().to_string();
    let mut out = Vec::new();
    let items = |key: &str| dev[key].as_array().cloned().unwrap_or_default();
    let case = |item: &serde_json::Value, suffix: &str, answer_key: &str, expect: Expect| Case {
        id: format!("{}{suffix}", text(item, "id")),
        stage: text(item, "stage"),
        question: Some(text(item, "question")),
        answer: text(item, answer_key),
        expect,
        why: item["why"].as_str().map(str::to_string),
    };
    // (array, stronger text, weaker text, margin): the gates, as relations.
    for (key, strong, weak, by) in [
        ("pairs", "stronger", "weaker", None),
        ("salad", "reference", "salad", Some(15.0)),
        ("negation", "positive", "negated", None),
    ] {
        for item in items(key) {
            let weak_id = format!("{}/{weak}", text(&item, "id"));
            out.push(case(&item, &format!("/{weak}"), weak, Expect::default()));
            let expect = Expect {
                stronger_than: Some(weak_id),
                by,
                ..Expect::default()
            };
            out.push(case(&item, &format!("/{strong}"), strong, expect));
        }
    }
    for item in items("floors") {
        let expect = Expect {
            max: item["max_score"].as_f64(),
            ..Expect::default()
        };
        out.push(case(&item, "", "answer", expect));
    }
    // A weaker side with no expectation of its own is still a case: it is what a relation
    // compares against. Give it an always-true range so validation accepts it.
    for c in &mut out {
        if c.expect == Expect::default() {
            c.expect.min = Some(0.0);
        }
    }
    out
}
