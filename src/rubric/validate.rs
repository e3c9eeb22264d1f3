//! Checks that need the whole set: ids, references between files, weights, thresholds.

use std::collections::HashSet;

use super::model::{Criterion, Pattern, SignalRule};
use super::problem::Problem;
use super::RubricSet;
use crate::limits::PATTERNS_PER_SET;

/// Whether to parse every pattern: yes for a user's set, no for the built-in one (see
/// `check_patterns`; a test runs the deep check over the built-in set).
fn deep_checks(set: &RubricSet) -> bool {
    !matches!(set.source, super::RubricSource::Builtin)
}

fn pattern_count(set: &RubricSet) -> usize {
    let criteria = |list: &[Criterion]| list.iter().map(|c| c.patterns.len()).sum::<usize>();
    let values: usize = set
        .values
        .iter()
        .map(|v| v.indicators.len() + v.counter_indicators.len())
        .sum();
    let stages: usize = set
        .stages
        .iter()
        .map(|s| {
            criteria(&s.rubric.criteria)
                + criteria(&s.rubric.penalties)
                + s.bank
                    .questions
                    .iter()
                    .map(|q| criteria(&q.concepts))
                    .sum::<usize>()
        })
        .sum();
    values + stages
}

pub fn validate(set: &RubricSet) -> Vec<Problem> {
    let mut out = Vec::new();
    let deep = deep_checks(set);
    let loop_name = set.source.display(super::load::LOOP_FILE);
    // Checked first and alone: every later check costs time per pattern.
    let patterns = pattern_count(set);
    if patterns > PATTERNS_PER_SET {
        out.push(Problem::new(
            &loop_name,
            "",
            format!("the set has {patterns} patterns, over the limit of {PATTERNS_PER_SET}; merge phrasings into fewer patterns"),
        ));
        return out;
    }
    check_loop(set, &loop_name, &mut out);
    check_values(set, &mut out);
    let mut question_ids = HashSet::new();
    for (i, stage) in set.stages.iter().enumerate() {
        let rubric_file = set.source.display(&stage.meta.rubric);
        let bank_file = set.source.display(&stage.meta.questions);
        if stage.rubric.stage != stage.meta.id {
            out.push(Problem::new(
                &rubric_file,
                "stage",
                format!(
                    "says `{}` but the loop uses this file for stage `{}`; make them the same",
                    stage.rubric.stage, stage.meta.id
                ),
            ));
        }
        if stage.bank.stage != stage.meta.id {
            out.push(Problem::new(
                &bank_file,
                "stage",
                format!(
                    "says `{}` but the loop uses this file for stage `{}`; make them the same",
                    stage.bank.stage, stage.meta.id
                ),
            ));
        }
        check_criteria(
            &rubric_file,
            "criteria",
            &stage.rubric.criteria,
            true,
            deep,
            &mut out,
        );
        check_criteria(
            &rubric_file,
            "penalties",
            &stage.rubric.penalties,
            false,
            deep,
            &mut out,
        );
        let stage_ids: HashSet<&str> = stage
            .rubric
            .criteria
            .iter()
            .map(|c| c.id.as_str())
            .collect();
        if stage.bank.questions.is_empty() {
            out.push(Problem::new(
                &bank_file,
                "questions",
                format!(
                    "stage `{}` has no questions; add at least one",
                    stage.meta.id
                ),
            ));
        } else if stage.meta.draw as usize > stage.bank.questions.len() {
            out.push(Problem::new(
                &loop_name,
                format!("stages[{i}].draw"),
                format!(
                    "draws {} questions but stage `{}` has only {}; lower `draw` or add questions",
                    stage.meta.draw,
                    stage.meta.id,
                    stage.bank.questions.len()
                ),
            ));
        }
        for (q, question) in stage.bank.questions.iter().enumerate() {
            let at = format!("questions[{q}]");
            check_id(&bank_file, &format!("{at}.id"), &question.id, &mut out);
            if !question_ids.insert(question.id.clone()) {
                out.push(dup(
                    &bank_file,
                    &format!("{at}.id"),
                    "question",
                    &question.id,
                ));
            }
            if question.text.trim().is_empty() {
                out.push(Problem::new(
                    &bank_file,
                    format!("{at}.text"),
                    "is empty; write the question",
                ));
            }
            if question
                .exemplar
                .as_deref()
                .is_some_and(|e| e.trim().is_empty())
            {
                out.push(Problem::new(
                    &bank_file,
                    format!("{at}.exemplar"),
                    "is empty; write a strong answer to the question, or remove the field",
                ));
            }
            check_criteria(
                &bank_file,
                &format!("{at}.concepts"),
                &question.concepts,
                false,
                deep,
                &mut out,
            );
            for (c, concept) in question.concepts.iter().enumerate() {
                if stage_ids.contains(concept.id.as_str()) {
                    out.push(Problem::new(
                        &bank_file,
                        format!("{at}.concepts[{c}].id"),
                        format!(
                            "`{}` is already a criterion of stage `{}`; give the concept its own id",
                            concept.id, stage.meta.id
                        ),
                    ));
                }
            }
            for (f, follow_up) in question.follow_ups.iter().enumerate() {
                let known = stage_ids.contains(follow_up.when_missing.as_str())
                    || question
                        .concepts
                        .iter()
                        .any(|c| c.id == follow_up.when_missing);
                if !known {
                    out.push(Problem::new(
                        &bank_file,
                        format!("{at}.follow_ups[{f}].when_missing"),
                        format!(
                            "`{}` is neither a criterion of stage `{}` nor a concept of this question",
                            follow_up.when_missing, stage.meta.id
                        ),
                    ));
                }
                if follow_up.prompt.trim().is_empty() {
                    out.push(Problem::new(
                        &bank_file,
                        format!("{at}.follow_ups[{f}].prompt"),
                        "is empty; write the question the interviewer asks",
                    ));
                }
            }
        }
    }
    out
}

fn check_loop(set: &RubricSet, file: &str, out: &mut Vec<Problem>) {
    let lp = &set.loop_file;
    check_id(file, "id", &lp.id, out);
    if lp.stages.is_empty() {
        out.push(Problem::new(
            file,
            "stages",
            "is empty; list the stages of the loop in order",
        ));
    }
    let mut seen = HashSet::new();
    for (i, stage) in lp.stages.iter().enumerate() {
        check_id(file, &format!("stages[{i}].id"), &stage.id, out);
        if !seen.insert(stage.id.as_str()) {
            out.push(dup(file, &format!("stages[{i}].id"), "stage", &stage.id));
        }
        if stage.time_budget_secs == 0 {
            out.push(Problem::new(
                file,
                format!("stages[{i}].time_budget_secs"),
                "must be above 0",
            ));
        }
        if stage.draw == 0 {
            out.push(Problem::new(
                file,
                format!("stages[{i}].draw"),
                "must be at least 1",
            ));
        }
    }
    let b = lp.bands;
    let ordered =
        0.0 <= b.no_hire && b.no_hire < b.hire && b.hire < b.strong_hire && b.strong_hire <= 100.0;
    if !ordered {
        out.push(Problem::new(
            file,
            "bands",
            "thresholds must rise within 0-100: no_hire < hire < strong_hire",
        ));
    }
    let m = lp.mix;
    let parts = [
        ("keywords", m.keywords),
        ("values", m.values),
        ("specificity", m.specificity),
    ];
    for (name, weight) in parts {
        if weight.is_nan() || weight < 0.0 {
            out.push(Problem::new(
                file,
                format!("mix.{name}"),
                "must be 0 or more",
            ));
        }
    }
    if parts.iter().all(|(_, w)| *w <= 0.0) {
        out.push(Problem::new(
            file,
            "mix",
            "all weights are zero; give at least one a positive weight",
        ));
    }
    if !(0.0..=1.0).contains(&m.coverage_for_full_marks) || m.coverage_for_full_marks == 0.0 {
        out.push(Problem::new(
            file,
            "mix.coverage_for_full_marks",
            "must be above 0 and at most 1",
        ));
    }
    if m.penalty_points.is_nan() || m.penalty_points < 0.0 {
        out.push(Problem::new(
            file,
            "mix.penalty_points",
            "must be 0 or more",
        ));
    }
    if let Some(offer) = &lp.offer_template {
        let lists = [
            ("base_salary", offer.base_salary.len()),
            ("sign_on", offer.sign_on.len()),
            ("stock_option_share", offer.stock_option_share.len()),
            ("start_in_weeks", offer.start_in_weeks.len()),
            ("counter_moves", offer.counter_moves.len()),
        ];
        for (name, len) in lists {
            if len == 0 {
                out.push(Problem::new(
                    file,
                    format!("offer_template.{name}"),
                    "is empty; give at least one",
                ));
            }
        }
    }
}

fn check_values(set: &RubricSet, out: &mut Vec<Problem>) {
    let deep = deep_checks(set);
    let file = set.source.display(&set.loop_file.values);
    let mut seen = HashSet::new();
    if set.values.is_empty() {
        out.push(Problem::new(
            &file,
            "values",
            "is empty; define at least one value",
        ));
    }
    for (i, value) in set.values.iter().enumerate() {
        let at = format!("values[{i}]");
        check_id(&file, &format!("{at}.id"), &value.id, out);
        if !seen.insert(value.id.as_str()) {
            out.push(dup(&file, &format!("{at}.id"), "value", &value.id));
        }
        check_weight(&file, &format!("{at}.weight"), value.weight, out);
        if value.advice.trim().is_empty() {
            out.push(Problem::new(
                &file,
                format!("{at}.advice"),
                "is empty; say how to show this value",
            ));
        }
        if value.indicators.is_empty() && value.signals.is_empty() {
            out.push(Problem::new(
                &file,
                format!("{at}.indicators"),
                "is empty; add phrases that show the value",
            ));
        }
        let indicators = format!("{at}.indicators");
        check_patterns(&file, &indicators, &value.id, &value.indicators, deep, out);
        let counters = format!("{at}.counter_indicators");
        check_patterns(
            &file,
            &counters,
            &value.id,
            &value.counter_indicators,
            deep,
            out,
        );
        check_rules(&file, &format!("{at}.signals"), &value.signals, out);
        check_rules(
            &file,
            &format!("{at}.counter_signals"),
            &value.counter_signals,
            out,
        );
    }
    if set.values.iter().all(|v| v.weight <= 0.0) && !set.values.is_empty() {
        out.push(Problem::new(
            &file,
            "values",
            "every weight is zero; give at least one value a positive weight",
        ));
    }
}

fn check_criteria(
    file: &str,
    at: &str,
    criteria: &[Criterion],
    required: bool,
    deep: bool,
    out: &mut Vec<Problem>,
) {
    if required && criteria.is_empty() {
        out.push(Problem::new(
            file,
            at,
            "is empty; add at least one criterion",
        ));
    }
    let mut seen = HashSet::new();
    for (i, c) in criteria.iter().enumerate() {
        let here = format!("{at}[{i}]");
        if !valid_id(&c.id) {
            check_id(file, &format!("{here}.id"), &c.id, out);
        }
        if !seen.insert(c.id.as_str()) {
            out.push(dup(file, &format!("{here}.id"), "criterion", &c.id));
        }
        check_weight(file, &format!("{here}.weight"), c.weight, out);
        if c.advice.trim().is_empty() {
            out.push(Problem::new(
                file,
                format!("{here}.advice"),
                "is empty; tell the candidate how to improve",
            ));
        }
        if c.patterns.is_empty() && c.signals.is_empty() {
            out.push(Problem::new(
                file,
                format!("{here}.patterns"),
                "is empty; add at least one phrasing",
            ));
        }
        check_patterns(
            file,
            &format!("{here}.patterns"),
            &c.id,
            &c.patterns,
            deep,
            out,
        );
        check_rules(file, &format!("{here}.signals"), &c.signals, out);
    }
    if !criteria.is_empty() && criteria.iter().all(|c| c.weight <= 0.0) {
        out.push(Problem::new(
            file,
            at,
            "every weight is zero; give at least one a positive weight",
        ));
    }
}

/// `owner` is the criterion or value the patterns belong to, to name it in a problem.
/// `deep`: also parse each regex and bound its compiled size. The built-in set skips it: it is
/// compiled into the binary and checked whole by its tests and by `rubric check` in CI, and
/// parsing 1,000 patterns was a third of every one-answer `score`.
fn check_patterns(
    file: &str,
    at: &str,
    owner: &str,
    patterns: &[Pattern],
    deep: bool,
    out: &mut Vec<Problem>,
) {
    let mut seen = HashSet::new();
    for (i, p) in patterns.iter().enumerate() {
        // The path is only formatted for a problem: a set has a thousand patterns.
        if !valid_id(&p.id) {
            check_id(file, &format!("{at}[{i}].id"), &p.id, out);
        }
        if !seen.insert(p.id.as_str()) {
            out.push(dup(file, &format!("{at}[{i}].id"), "pattern", &p.id));
        }
        if let Some(why) = deep
            .then(|| super::pattern_check::why_not(&p.regex))
            .flatten()
        {
            out.push(Problem::new(
                file,
                format!("{at}[{i}].regex"),
                format!("pattern `{}` of `{owner}` {why}", p.id),
            ));
        }
        if !(0.0..=1.0).contains(&p.weight) || p.weight == 0.0 {
            out.push(Problem::new(
                file,
                format!("{at}[{i}].weight"),
                format!(
                    "is {}; a pattern weight must be above 0 and at most 1",
                    p.weight
                ),
            ));
        }
    }
}

fn check_rules(file: &str, at: &str, rules: &[SignalRule], out: &mut Vec<Problem>) {
    for (j, rule) in rules.iter().enumerate() {
        if rule.full_at.is_nan() || rule.full_at <= 0.0 {
            out.push(Problem::new(
                file,
                format!("{at}[{j}].full_at"),
                "must be above 0",
            ));
        }
        check_weight(file, &format!("{at}[{j}].weight"), rule.weight, out);
    }
}

fn check_weight(file: &str, at: &str, weight: f64, out: &mut Vec<Problem>) {
    if !weight.is_finite() || weight < 0.0 {
        out.push(Problem::new(
            file,
            at,
            format!("is {weight}; weights must be 0 or more"),
        ));
    }
}

fn valid_id(id: &str) -> bool {
    let mut chars = id.chars();
    chars.next().is_some_and(|c| c.is_ascii_lowercase())
        && chars.all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_' || c == '-')
}

fn check_id(file: &str, at: &str, id: &str, out: &mut Vec<Problem>) {
    if !valid_id(id) {
        let shown = if id.is_empty() {
            "an empty id".to_string()
        } else {
            format!("`{id}`")
        };
        out.push(Problem::new(
            file,
            at,
            format!("{shown} is not a valid id; use lower-case letters, digits, `_` or `-`, starting with a letter"),
        ));
    }
}

fn dup(file: &str, at: &str, what: &str, id: &str) -> Problem {
    Problem::new(
        file,
        at,
        format!("duplicate {what} id `{id}`; ids must be unique"),
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rubric::RubricSource;

    /// The built-in set is not validated when it loads (`RubricSet::builtin`); this is where
    /// it is, with the per-pattern parse too, so a broken or oversized built-in pattern, or
    /// any other problem in the built-in files, fails the tests.
    #[test]
    fn the_built_in_set_passes_the_deep_pattern_check() {
        let mut set = RubricSet::builtin().expect("built-in set loads");
        set.source = RubricSource::Dir("rubrics".into());
        assert!(deep_checks(&set));
        let problems = validate(&set);
        assert!(problems.is_empty(), "{problems:?}");
    }
}
