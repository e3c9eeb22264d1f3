//! `run --focus weakest|ID`: what a focused loop trains, and how it weighs the questions.

use std::path::{Path, PathBuf};

use anyhow::{bail, Result};
use mockloop::practice::{self, Exerciser, Options, Target};
use mockloop::rubric::RubricSet;
use mockloop::session::model::{Focus, FocusTarget};
use mockloop::session::SessionStore;

/// A resolved focus: what to record in the session, and the weights for the draw.
pub struct Chosen {
    pub record: Focus,
    pub exerciser: Exerciser,
}

/// `weakest` takes the plan's weaknesses from the completed sessions in `dir` (this
/// candidate's, when `name` is given); anything else is a criterion, concept or value id.
pub fn choose(spec: &str, dir: &Path, name: Option<&str>, set: &RubricSet) -> Result<Chosen> {
    let targets: Vec<Target> = if spec == "weakest" {
        let store = SessionStore::at(dir);
        let paths: Vec<PathBuf> = store.ids().iter().map(|id| store.path_of(id)).collect();
        let cache = practice::cache_path(store.dir());
        let options = Options {
            name,
            rescore: None,
            cache: Some(&cache),
        };
        let plan = practice::plan(&paths, set, &options, &|| {});
        if plan.sessions == 0 {
            bail!(
                "--focus weakest needs a completed session, and {} has none; run `mockloop run` first, or focus on an id: --focus measured_result",
                dir.display()
            );
        }
        if plan.weaknesses.is_empty() {
            bail!(
                "--focus weakest found nothing missed in {} completed sessions; focus on an id instead, e.g. --focus measured_result",
                plan.sessions
            );
        }
        plan.weaknesses.iter().map(|w| w.target()).collect()
    } else {
        vec![practice::resolve(set, spec)?]
    };
    Ok(Chosen {
        exerciser: Exerciser::new(set, &targets),
        record: Focus {
            asked: spec.to_string(),
            targets: targets
                .into_iter()
                .map(|t| FocusTarget {
                    kind: t.kind.as_str().to_string(),
                    id: t.id,
                    name: t.name,
                })
                .collect(),
        },
    })
}

/// The loop's opening line.
pub fn opening_line(focus: &Focus) -> String {
    let names: Vec<&str> = focus.targets.iter().map(|t| t.name.as_str()).collect();
    let why = if focus.asked == "weakest" {
        "your weakest spots in `mockloop plan`"
    } else {
        "--focus"
    };
    format!(
        "This loop trains {} ({why}): its questions were drawn to exercise them.",
        names.join(", ")
    )
}
