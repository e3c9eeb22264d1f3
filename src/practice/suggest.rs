//! Which bank questions to practise next (they train the weaknesses, and were not answered
//! recently or were answered under `hire`), and which are due again (answered under `hire` a
//! few sessions ago and not tried since).

use std::collections::HashMap;

use super::compact::{Asked, Compact, Tables};
use super::{Exerciser, Suggestion, Target, QUESTIONS_LISTED, RECENT_SESSIONS};
use crate::rubric::RubricSet;
use crate::score::{formula::round1, Band};

/// The last time a question was answered.
struct Last {
    /// Completed sessions since (0: in the latest).
    ago: usize,
    score: f64,
    band: Band,
}

impl Last {
    fn under_hire(&self) -> bool {
        self.band < Band::Hire
    }

    fn when(&self) -> String {
        match self.ago {
            0 => "in your last session".to_string(),
            1 => "the session before last".to_string(),
            n => format!("{n} sessions ago"),
        }
    }

    fn scored(&self) -> String {
        format!("scored {:.0} ({})", round1(self.score), self.band)
    }
}

pub(super) fn questions(
    set: &RubricSet,
    targets: &[Target],
    sessions: &[&Compact],
    tables: &Tables,
) -> (Vec<Suggestion>, Vec<Suggestion>) {
    let mut last: HashMap<(&str, &str), Last> = HashMap::new();
    for (position, facts) in sessions.iter().enumerate() {
        for &Asked(question, score, band) in &facts.asked {
            let Some((stage, id)) = tables.questions.get(question as usize) else {
                continue;
            };
            last.insert(
                (stage, id),
                Last {
                    ago: sessions.len() - 1 - position,
                    score,
                    band,
                },
            );
        }
    }
    let exerciser = Exerciser::new(set, targets);
    // (weight, never answered, sessions since, loop position) ranks; the suggestion follows.
    let mut practise = Vec::new();
    let mut order = 0usize;
    for stage in &set.stages {
        for q in &stage.bank.questions {
            order += 1;
            let each = exerciser.each(stage, q);
            let weight: u32 = each.iter().sum();
            let seen = last.get(&(stage.meta.id.as_str(), q.id.as_str()));
            let fresh = seen.is_none_or(|l| l.ago >= RECENT_SESSIONS || l.under_hire());
            if weight == 0 || !fresh {
                continue;
            }
            let mut trains: Vec<(u32, usize, &str)> = each
                .iter()
                .zip(targets)
                .enumerate()
                .filter(|(_, (w, _))| **w > 0)
                .map(|(i, (w, t))| (*w, i, t.name.as_str()))
                .collect();
            trains.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
            let names: Vec<&str> = trains.iter().map(|t| t.2).collect();
            let history = match seen {
                None => "never answered".to_string(),
                Some(l) => format!("{} {}", l.scored(), l.when()),
            };
            let why = format!("trains {}; {history}", names.join(", "));
            let ago = seen.map_or(usize::MAX, |l| l.ago);
            practise.push((
                (weight, seen.is_none(), ago, usize::MAX - order),
                suggestion(stage, q, why),
            ));
        }
    }
    practise.sort_by_key(|p| std::cmp::Reverse(p.0));
    let practise: Vec<Suggestion> = practise
        .into_iter()
        .map(|(_, s)| s)
        .take(QUESTIONS_LISTED)
        .collect();

    let mut due: Vec<(usize, f64, usize, Suggestion)> = Vec::new();
    let mut order = 0usize;
    for stage in &set.stages {
        for q in &stage.bank.questions {
            order += 1;
            let Some(l) = last.get(&(stage.meta.id.as_str(), q.id.as_str())) else {
                continue;
            };
            let listed = practise.iter().any(|s| s.id == q.id);
            if !l.under_hire() || l.ago < RECENT_SESSIONS || listed {
                continue;
            }
            let why = format!("{} {}; not tried since", l.scored(), l.when());
            due.push((l.ago, l.score, order, suggestion(stage, q, why)));
        }
    }
    // Longest waiting first, then the weakest answer.
    due.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.total_cmp(&b.1)).then(a.2.cmp(&b.2)));
    let due = due
        .into_iter()
        .map(|(_, _, _, s)| s)
        .take(QUESTIONS_LISTED)
        .collect();
    (practise, due)
}

fn suggestion(
    stage: &crate::rubric::Stage,
    q: &crate::rubric::Question,
    why: String,
) -> Suggestion {
    Suggestion {
        id: q.id.clone(),
        stage: stage.meta.id.clone(),
        text: q.text.clone(),
        why,
    }
}
