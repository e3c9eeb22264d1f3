//! Loading the rubric set the user asked for, with its problems as the error.

use std::path::Path;

use anyhow::{Context, Result};
use mockloop::rubric::{load, RubricSet, RubricSource};

pub fn load_set(dir: Option<&Path>) -> Result<RubricSet> {
    match dir {
        None => RubricSet::builtin()
            .context("the built-in rubric set is invalid (a bug: please report it)"),
        Some(dir) => {
            if !dir.is_dir() {
                anyhow::bail!(
                    "rubric folder {} does not exist or is not a folder (from --rubrics or MOCKLOOP_RUBRICS)",
                    dir.display()
                );
            }
            Ok(load(RubricSource::Dir(dir.to_path_buf()))?)
        }
    }
}
