//! `run --focus weakest|ID`: what a focused loop trains, and how it weighs the questions.

use std::path::{Path, PathBuf};

use anyhow::{bail, Result};
use mockloop::practice::{self, Exerciser, Options, Target};
use mockloop::rubric::RubricSet;
use mockloop::session::model::{Focus, FocusTarget, QuestionRecord};
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
        let paths: Vec<PathBuf> = store.ids()?.iter().map(|id| store.path_of(id)).collect();
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

impl Chosen {
    /// Says so when none of the drawn questions exercises the focus (say `--focus
    /// measured_result --stage offer`): the loop still runs, drawn as usual.
    pub fn note_if_untrained(&self, set: &RubricSet, drawn: &[QuestionRecord]) {
        let trained = drawn.iter().any(|q| {
            set.stage(&q.stage)
                .and_then(|s| Some((s, s.question(&q.question_id)?)))
                .is_some_and(|(s, bank)| self.exerciser.weight(s, bank) > 0)
        });
        if !trained {
            let names: Vec<&str> = self
                .record
                .targets
                .iter()
                .map(|t| t.name.as_str())
                .collect();
            eprintln!(
                "note: no question of the chosen stages exercises {}; the draw is the usual one (choose its stage with --stage)",
                names.join(", ")
            );
        }
    }
}

/// The loop's opening line.
pub fn opening_line(focus: &Focus) -> String {
    let names: Vec<&str> = focus.targets.iter().map(|t| t.name.as_str()).collect();
    let (what, them) = match names.as_slice() {
        [one] => (one.to_string(), "it"),
        _ => (format!("your weakest spots: {}", names.join(", ")), "them"),
    };
    format!("This loop trains {what}. The questions that exercise {them} most were drawn first.")
}
