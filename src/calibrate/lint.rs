//! Warnings about a rubric set that is valid but probably not what its author meant.

use std::collections::{BTreeMap, HashMap, HashSet};

use super::cases::Cases;
use crate::rubric::{Criterion, Pattern, Problem, RubricSet};
use crate::score::{ScoreError, Scorer};

/// A criterion whose full credit moves the overall by less than this many points can never
/// change a band in practice.
const NEGLIGIBLE_POINTS: f64 = 1.0;
/// Unmatched pattern ids listed per file before "and N more".
const LISTED: usize = 8;

pub fn lint(scorer: &Scorer, cases: Option<&Cases>) -> Result<Vec<Problem>, ScoreError> {
    let set = scorer.set();
    let mut out = Vec::new();
    duplicate_patterns(set, &mut out);
    negligible_weights(set, &mut out);
    questions_without_follow_ups(set, &mut out);
    questions_without_exemplars(set, &mut out);
    if let Some(cases) = cases {
        unmatched_patterns(scorer, cases, &mut out)?;
    }
    Ok(out)
}

fn duplicate_patterns(set: &RubricSet, out: &mut Vec<Problem>) {
    for stage in &set.stages {
        let file = set.source.display(&stage.meta.rubric);
        let generic: Vec<&Criterion> = stage
            .rubric
            .criteria
            .iter()
            .chain(&stage.rubric.penalties)
            .collect();
        report_duplicates(&file, &generic, out);
        for q in &stage.bank.questions {
            let mut with_own: Vec<&Criterion> = generic.clone();
            with_own.extend(&q.concepts);
            let bank = set.source.display(&stage.meta.questions);
            // Only pairs that involve this question's concepts; the stage's own were reported.
            let own: HashSet<&str> = q.concepts.iter().map(|c| c.id.as_str()).collect();
            let mut seen: HashMap<&str, &str> = HashMap::new();
            for c in &with_own {
                for p in &c.patterns {
                    if let Some(first) = seen.insert(p.regex.as_str(), c.id.as_str()) {
                        if first != c.id && (own.contains(first) || own.contains(c.id.as_str())) {
                            out.push(Problem::new(&bank, format!("question {}", q.id), format!("the pattern `{}` is in both `{first}` and `{}`; one answer phrase should show one concept", p.regex, c.id)));
                        }
                    }
                }
            }
        }
    }
    let values_file = set.source.display(&set.loop_file.values);
    let mut seen: HashMap<&str, &str> = HashMap::new();
    for v in &set.values {
        for p in v.indicators.iter().chain(&v.counter_indicators) {
            if let Some(first) = seen.insert(p.regex.as_str(), v.id.as_str()) {
                if first != v.id {
                    out.push(Problem::new(
                        &values_file,
                        format!("value {}", v.id),
                        format!("the pattern `{}` is also in value `{first}`", p.regex),
                    ));
                }
            }
        }
    }
}

fn report_duplicates(file: &str, criteria: &[&Criterion], out: &mut Vec<Problem>) {
    let mut seen: HashMap<&str, &str> = HashMap::new();
    for c in criteria {
        for p in &c.patterns {
            if let Some(first) = seen.insert(p.regex.as_str(), c.id.as_str()) {
                if first != c.id {
                    out.push(Problem::new(file, format!("criterion {}", c.id), format!("the pattern `{}` is also in `{first}`; one answer phrase should show one concept", p.regex)));
                }
            }
        }
    }
}

fn negligible_weights(set: &RubricSet, out: &mut Vec<Problem>) {
    let mix = &set.loop_file.mix;
    let keyword_share = mix.keywords / (mix.keywords + mix.values + mix.specificity);
    for stage in &set.stages {
        let total: f64 = stage.rubric.criteria.iter().map(|c| c.weight).sum();
        let file = set.source.display(&stage.meta.rubric);
        for c in &stage.rubric.criteria {
            let points = 100.0 * keyword_share * (c.weight / total) / mix.coverage_for_full_marks;
            if points < NEGLIGIBLE_POINTS {
                out.push(Problem::new(&file, format!("criterion {}", c.id), format!("weight {} is worth at most {points:.1} points, too little to ever change a band; raise it or remove the criterion", c.weight)));
            }
        }
    }
}

fn questions_without_follow_ups(set: &RubricSet, out: &mut Vec<Problem>) {
    for stage in &set.stages {
        let file = set.source.display(&stage.meta.questions);
        for q in stage
            .bank
            .questions
            .iter()
            .filter(|q| q.follow_ups.is_empty())
        {
            out.push(Problem::new(
                &file,
                format!("question {}", q.id),
                "has no follow-ups, so a gap in an answer to it is never probed",
            ));
        }
    }
}

/// A warning, not an error: a user's own bank is still usable without model answers, it just
/// teaches less.
fn questions_without_exemplars(set: &RubricSet, out: &mut Vec<Problem>) {
    for stage in &set.stages {
        let file = set.source.display(&stage.meta.questions);
        for q in stage.bank.questions.iter().filter(|q| q.exemplar.is_none()) {
            out.push(Problem::new(
                &file,
                format!("question {}", q.id),
                "has no exemplar, so the report cannot show a strong answer beside the candidate's; add an `exemplar`",
            ));
        }
    }
}

/// Patterns that no case matched (negated matches count: the phrase occurred).
fn unmatched_patterns(
    scorer: &Scorer,
    cases: &Cases,
    out: &mut Vec<Problem>,
) -> Result<(), ScoreError> {
    let set = scorer.set();
    let mut matched: HashSet<(String, String, String)> = HashSet::new();
    for case in &cases.cases {
        let card = scorer.score(&case.stage, case.question.as_deref(), &case.answer)?;
        for c in card.criteria.iter().chain(&card.penalties) {
            for e in c.evidence.iter().chain(&c.negated) {
                matched.insert((case.stage.clone(), c.id.to_string(), e.pattern.to_string()));
            }
        }
        for (id, v) in &card.values {
            for e in v.evidence.iter().chain(&v.counter_evidence) {
                matched.insert(("".into(), id.to_string(), e.pattern.to_string()));
            }
        }
    }
    let mut by_file: BTreeMap<String, Vec<String>> = BTreeMap::new();
    let mut check = |file: String, stage: &str, owner: &str, patterns: &[Pattern]| {
        for p in patterns {
            if !matched.contains(&(stage.to_string(), owner.to_string(), p.id.clone())) {
                by_file
                    .entry(file.clone())
                    .or_default()
                    .push(format!("{owner}/{}", p.id));
            }
        }
    };
    for stage in &set.stages {
        let file = set.source.display(&stage.meta.rubric);
        for c in stage.rubric.criteria.iter().chain(&stage.rubric.penalties) {
            check(file.clone(), &stage.meta.id, &c.id, &c.patterns);
        }
        let bank = set.source.display(&stage.meta.questions);
        for q in &stage.bank.questions {
            for c in &q.concepts {
                check(bank.clone(), &stage.meta.id, &c.id, &c.patterns);
            }
        }
    }
    let values_file = set.source.display(&set.loop_file.values);
    for v in &set.values {
        check(values_file.clone(), "", &v.id, &v.indicators);
        check(values_file.clone(), "", &v.id, &v.counter_indicators);
    }
    for (file, ids) in by_file {
        let listed: Vec<&str> = ids.iter().take(LISTED).map(String::as_str).collect();
        let more = ids.len().saturating_sub(LISTED);
        let tail = if more > 0 {
            format!(" and {more} more")
        } else {
            String::new()
        };
        out.push(Problem::new(&file, "", format!("{} patterns no calibration case matches: {}{tail}; add cases that use them, or drop them", ids.len(), listed.join(", "))));
    }
    Ok(())
}
