//! What to practise next, from the score cards of completed sessions: the weakest criteria and
//! value (how often missed where they applied, and the points that cost), the bank questions
//! that train them, and the questions due again. `run --focus` draws a loop for the same
//! targets. Reads saved data and the rubric; knows no terminal and no clap.

mod cache;
mod compact;
mod exercise;
mod facts;
pub mod focus;
mod quote;
mod rank;
mod suggest;
mod view;

use std::path::{Path, PathBuf};

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

pub use exercise::Exerciser;
pub use focus::{resolve, FocusError};

use crate::rubric::RubricSet;
use crate::score::Scorer;

/// A criterion or value scoring below this in an answer was missed there (the report's rule).
pub const MET_AT: f64 = 50.0;
/// "Recently" means in one of the candidate's last this many sessions.
pub const RECENT_SESSIONS: usize = 3;
/// How many criteria the plan names; one value joins them.
pub const WEAKEST_CRITERIA: usize = 3;
/// Questions listed to practise next, and due again.
pub const QUESTIONS_LISTED: usize = 5;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Kind {
    /// A stage's criterion, scored on every question of the stage.
    Criterion,
    /// A bank question's own concept.
    Concept,
    Value,
}

impl Kind {
    pub fn as_str(self) -> &'static str {
        match self {
            Kind::Criterion => "criterion",
            Kind::Concept => "concept",
            Kind::Value => "value",
        }
    }
}

/// Something to train: a criterion, a concept or a value.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Target {
    pub kind: Kind,
    pub id: String,
    pub name: String,
}

/// How often a weakness was missed, out of the answers it applied to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Missed {
    pub times: usize,
    pub of: usize,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Weakness {
    pub id: String,
    pub name: String,
    pub kind: Kind,
    pub missed: Missed,
    /// Overall points it cost an answer it applied to, on average (what closing it would add).
    pub cost: f64,
    /// Its mean score (0-100) in the later half of the sessions where it applied minus the
    /// earlier half: positive is improving. `None` until it applied in two sessions.
    pub trend: Option<f64>,
    pub advice: String,
    /// One line of the candidate's own answer where it was missed, as typed (renderers make it
    /// safe for their format).
    pub quote: Option<String>,
}

impl Weakness {
    pub fn target(&self) -> Target {
        Target {
            kind: self.kind,
            id: self.id.clone(),
            name: self.name.clone(),
        }
    }
}

/// A bank question, and why it is listed.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Suggestion {
    pub id: String,
    pub stage: String,
    pub text: String,
    pub why: String,
}

#[derive(Debug, Clone, Default, Serialize)]
pub struct PracticePlan {
    /// Completed sessions the plan rests on.
    pub sessions: usize,
    pub weaknesses: Vec<Weakness>,
    /// Bank questions that train the weaknesses, to practise next.
    pub questions: Vec<Suggestion>,
    /// Questions answered under `hire` a while ago and not tried since.
    pub due: Vec<Suggestion>,
    /// Unfinished or abandoned sessions, left out.
    #[serde(skip)]
    pub unfinished: usize,
    #[serde(skip)]
    pub candidate: Option<String>,
    #[serde(skip)]
    pub first: Option<DateTime<Utc>>,
    #[serde(skip)]
    pub last: Option<DateTime<Utc>>,
    /// Files that could not be read, with why.
    #[serde(skip)]
    pub skipped: Vec<(PathBuf, String)>,
}

#[derive(Default)]
pub struct Options<'a> {
    /// Only this candidate's sessions (case-insensitive).
    pub name: Option<&'a str>,
    /// Score every answer again with this scorer instead of trusting the saved cards.
    pub rescore: Option<&'a Scorer>,
    /// Keep each file's facts in the sessions folder's plan cache (not with `rescore`).
    pub cache: Option<&'a Path>,
}

/// Where the plan cache of a sessions folder lives.
pub fn cache_path(sessions_dir: &Path) -> PathBuf {
    sessions_dir.join(cache::FILE_NAME)
}

/// The plan from the session files at `paths` (in any order). `tick` is called once per file.
pub fn plan(
    paths: &[PathBuf],
    set: &RubricSet,
    options: &Options,
    tick: &(dyn Fn() + Sync),
) -> PracticePlan {
    let read = read_all(paths, options, tick);
    let mut out = PracticePlan {
        skipped: read.skipped,
        ..PracticePlan::default()
    };
    let wanted = options.name.map(str::to_lowercase);
    let mut sessions: Vec<(&Path, &compact::Compact)> = Vec::new();
    for (path, facts) in paths.iter().zip(&read.facts) {
        let Some(f) = facts
            .and_then(|name| read.cache.files.get(name))
            .map(|c| &c.facts)
        else {
            continue;
        };
        let theirs = f.candidate.as_deref().map(str::to_lowercase);
        if wanted.is_some() && theirs != wanted {
            continue;
        }
        if f.complete {
            sessions.push((path, f));
        } else {
            out.unfinished += 1;
        }
    }
    sessions.sort_by(|(_, a), (_, b)| {
        a.started_at
            .cmp(&b.started_at)
            .then_with(|| a.id.cmp(&b.id))
    });
    out.sessions = sessions.len();
    out.first = sessions.first().map(|(_, f)| f.started_at);
    out.last = sessions.last().map(|(_, f)| f.started_at);
    out.candidate = options
        .name
        .map(str::to_string)
        .or_else(|| sessions.last().and_then(|(_, f)| f.candidate.clone()));
    let facts: Vec<&compact::Compact> = sessions.iter().map(|(_, f)| *f).collect();
    let files: Vec<&Path> = sessions.iter().map(|(p, _)| *p).collect();
    out.weaknesses = with_quotes(rank::weakest(&facts, &read.cache.tables), &files);
    let targets: Vec<Target> = out.weaknesses.iter().map(Weakness::target).collect();
    let (questions, due) = suggest::questions(set, &targets, &facts, &read.cache.tables);
    out.questions = questions;
    out.due = due;
    out
}

/// Every file's facts: from the cache while the file is unchanged, else read (and cached).
struct Read<'a> {
    cache: cache::Cache,
    /// Per path, its key in the cache; `None` when it could not be read.
    facts: Vec<Option<&'a str>>,
    skipped: Vec<(PathBuf, String)>,
}

fn read_all<'a>(paths: &'a [PathBuf], options: &Options, tick: &(dyn Fn() + Sync)) -> Read<'a> {
    let cache_file = options.cache.filter(|_| options.rescore.is_none());
    let mut cache = cache_file.map(cache::load).unwrap_or_default();
    let names: Vec<&str> = paths
        .iter()
        .map(|p| p.file_name().and_then(|n| n.to_str()).unwrap_or_default())
        .collect();
    let stamps: Vec<Option<cache::Stamp>> = paths.iter().map(|p| cache::stamp(p)).collect();
    let stale: Vec<usize> = (0..paths.len())
        .filter(|&i| {
            let cached = cache.files.get(names[i]).map(|c| c.stamp);
            options.rescore.is_some() || stamps[i].is_none() || cached != stamps[i]
        })
        .collect();
    let stale_paths: Vec<PathBuf> = stale.iter().map(|&i| paths[i].clone()).collect();
    let results =
        crate::parallel::map_files(&stale_paths, |p| facts::read(p, options.rescore), tick);
    for _ in stale.len()..paths.len() {
        tick();
    }
    let mut facts: Vec<Option<&str>> = names.iter().map(|n| Some(*n)).collect();
    let mut skipped = Vec::new();
    for (&i, result) in stale.iter().zip(results) {
        match result {
            Ok(f) => {
                let stamp = stamps[i].unwrap_or(cache::Stamp::NONE);
                let cached = cache::Cached {
                    stamp,
                    facts: compact::compact(f, &mut cache.tables),
                };
                cache.files.insert(names[i].to_string(), cached);
            }
            Err(why) => {
                facts[i] = None;
                skipped.push((paths[i].clone(), why));
            }
        }
    }
    let before = cache.files.len();
    let present: std::collections::HashSet<&str> = names.iter().copied().collect();
    cache
        .files
        .retain(|name, _| present.contains(name.as_str()));
    if let Some(file) = cache_file {
        if !stale.is_empty() || cache.files.len() != before {
            cache::save(file, &cache);
        }
    }
    Read {
        cache,
        facts,
        skipped,
    }
}

/// Each weakness with a line of the candidate's own: the first place whose line no weakness
/// above already shows, else the best. Files are read one at a time, only as far as needed.
fn with_quotes(
    ranked: Vec<(Weakness, Vec<(usize, facts::QuoteAt)>)>,
    files: &[&Path],
) -> Vec<Weakness> {
    let mut shown: Vec<String> = Vec::new();
    ranked
        .into_iter()
        .map(|(mut weakness, places)| {
            let mut lines = places
                .into_iter()
                .filter_map(|(session, at)| quote_from(files[session], at));
            let best = lines.next();
            weakness.quote = match &best {
                Some(line) if shown.contains(line) => lines.find(|l| !shown.contains(l)).or(best),
                _ => best,
            };
            shown.extend(weakness.quote.clone());
            weakness
        })
        .collect()
}

/// The line to quote: the one file is read again, so the first pass never holds answers.
fn quote_from(path: &Path, at: facts::QuoteAt) -> Option<String> {
    let (all, answer) = view::said(path, at.question)?;
    match at.span {
        Some(span) => quote::line(&all, Some(span)),
        // With no phrase to point at, the answer's own close; not a follow-up's.
        None => quote::line(answer.as_deref()?, None),
    }
}
