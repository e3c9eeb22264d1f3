//! Where rubric files come from: the set compiled into the binary, or a folder on disk.

use std::path::{Component, Path, PathBuf};

use crate::limits::RUBRIC_FILE_BYTES;

/// The built-in rubric set, compiled in so that `mockloop` works from any folder.
const BUILTIN: &[(&str, &str)] = &[
    (super::LOOP_FILE, include_str!("../../rubrics/loop.json")),
    ("values.json", include_str!("../../rubrics/values.json")),
    (
        "stages/behavioral.json",
        include_str!("../../rubrics/stages/behavioral.json"),
    ),
    (
        "stages/product_strategy.json",
        include_str!("../../rubrics/stages/product_strategy.json"),
    ),
    (
        "stages/cross_functional.json",
        include_str!("../../rubrics/stages/cross_functional.json"),
    ),
    (
        "stages/culture_fit.json",
        include_str!("../../rubrics/stages/culture_fit.json"),
    ),
    (
        "stages/onsite.json",
        include_str!("../../rubrics/stages/onsite.json"),
    ),
    (
        "stages/offer.json",
        include_str!("../../rubrics/stages/offer.json"),
    ),
    (
        "questions/behavioral.json",
        include_str!("../../rubrics/questions/behavioral.json"),
    ),
    (
        "questions/product_strategy.json",
        include_str!("../../rubrics/questions/product_strategy.json"),
    ),
    (
        "questions/cross_functional.json",
        include_str!("../../rubrics/questions/cross_functional.json"),
    ),
    (
        "questions/culture_fit.json",
        include_str!("../../rubrics/questions/culture_fit.json"),
    ),
    (
        "questions/onsite.json",
        include_str!("../../rubrics/questions/onsite.json"),
    ),
    (
        "questions/offer.json",
        include_str!("../../rubrics/questions/offer.json"),
    ),
];

/// A rubric set's files, addressed by their path relative to the set's folder.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RubricSource {
    Builtin,
    Dir(PathBuf),
}

impl RubricSource {
    /// How a file is named in messages: a real path the user can open, or `built-in:<name>`.
    pub fn display(&self, rel: &str) -> String {
        match self {
            RubricSource::Builtin => format!("built-in:{rel}"),
            RubricSource::Dir(dir) => dir.join(rel).display().to_string(),
        }
    }

    /// The text of one file. The error is a sentence ready for a [`super::Problem`].
    pub fn read(&self, rel: &str) -> Result<String, String> {
        if !is_inside(rel) {
            return Err(format!(
                "`{rel}` must be a relative path inside the rubric folder (no `..`, no leading `/`)"
            ));
        }
        match self {
            RubricSource::Builtin => BUILTIN
                .iter()
                .find(|(name, _)| *name == rel)
                .map(|(_, text)| text.to_string())
                .ok_or_else(|| format!("the built-in set has no file `{rel}`")),
            RubricSource::Dir(dir) => {
                let path = dir.join(rel);
                let bytes =
                    crate::fsutil::read_file_capped(&path, RUBRIC_FILE_BYTES, "a rubric file")
                        .map_err(|e| format!("cannot read the file: {e}"))?;
                String::from_utf8(bytes).map_err(|e| {
                    format!(
                        "the file is not UTF-8 (invalid byte at offset {}); save it as UTF-8",
                        e.utf8_error().valid_up_to()
                    )
                })
            }
        }
    }
}

fn is_inside(rel: &str) -> bool {
    Path::new(rel)
        .components()
        .all(|c| matches!(c, Component::Normal(_) | Component::CurDir))
}
