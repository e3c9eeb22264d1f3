//! Turning a loaded rubric set into pattern groups: one per stage (its criteria and penalties),
//! one for the values every stage shares, and one per bank question (its own concepts). Groups
//! are built lazily, so a one-answer `mockloop score` compiles only what it needs, a stage's
//! patterns are compiled once however many of its questions are asked, and the values once
//! however many stages a session or batch holds.

use super::card::Shared;
use super::matcher::{Group, GroupBuilder};
use crate::rubric::{Criterion, Pattern, Problems, RubricSet, SignalRule, Stage};

pub struct CompiledCriterion {
    pub id: Shared,
    pub name: Shared,
    pub weight: f64,
    pub advice: Shared,
    /// Indices into the group's patterns.
    pub patterns: Vec<usize>,
    pub signals: Vec<SignalRule>,
}

pub struct CompiledValue {
    pub id: Shared,
    pub name: Shared,
    pub weight: f64,
    pub advice: Shared,
    pub indicators: Vec<usize>,
    pub counters: Vec<usize>,
    pub signals: Vec<SignalRule>,
    pub counter_signals: Vec<SignalRule>,
}

pub struct Compiled {
    pub group: Group,
    pub criteria: Vec<CompiledCriterion>,
    /// The question's own concepts; empty for free text.
    pub concepts: Vec<CompiledCriterion>,
    pub penalties: Vec<CompiledCriterion>,
}

/// The values rubric, scored on every answer of every stage.
pub struct CompiledValues {
    pub group: Group,
    pub values: Vec<CompiledValue>,
}

/// Compiles `stage` with the bank question at `question` (by position), or for free text.
pub fn compile(
    set: &RubricSet,
    stage: &Stage,
    question: Option<usize>,
) -> Result<Compiled, Problems> {
    let mut builder = GroupBuilder::default();
    // A question's group holds only its own concepts: the stage's criteria and the values are
    // compiled once per stage, not again for each of its questions.
    if let Some(q) = question {
        let bank_file = set.source.display(&stage.meta.questions);
        let at = format!("questions[{q}].concepts");
        let own = &stage.bank.questions[q].concepts;
        let concepts = add_all(&mut builder, own, &bank_file, &at);
        return Ok(Compiled {
            group: builder.build().map_err(Problems)?,
            criteria: Vec::new(),
            concepts,
            penalties: Vec::new(),
        });
    }
    let rubric_file = set.source.display(&stage.meta.rubric);
    let criteria = add_all(
        &mut builder,
        &stage.rubric.criteria,
        &rubric_file,
        "criteria",
    );
    let penalties = add_all(
        &mut builder,
        &stage.rubric.penalties,
        &rubric_file,
        "penalties",
    );
    Ok(Compiled {
        group: builder.build().map_err(Problems)?,
        criteria,
        concepts: Vec::new(),
        penalties,
    })
}

/// Compiles the values rubric.
pub fn compile_values(set: &RubricSet) -> Result<CompiledValues, Problems> {
    let mut builder = GroupBuilder::default();
    let values_file = set.source.display(&set.loop_file.values);
    let values = set
        .values
        .iter()
        .enumerate()
        .map(|(i, value)| {
            let mut add = |list: &str, patterns: &[Pattern]| -> Vec<usize> {
                let at = |j: usize| format!("values[{i}].{list}[{j}]");
                let each = patterns.iter().enumerate();
                each.map(|(j, p)| builder.add(p, &values_file, &at(j), &value.id))
                    .collect()
            };
            let indicators = add("indicators", &value.indicators);
            let counters = add("counter_indicators", &value.counter_indicators);
            CompiledValue {
                id: value.id.as_str().into(),
                name: value.name.as_str().into(),
                weight: value.weight,
                advice: value.advice.as_str().into(),
                indicators,
                counters,
                signals: value.signals.clone(),
                counter_signals: value.counter_signals.clone(),
            }
        })
        .collect();
    Ok(CompiledValues {
        group: builder.build().map_err(Problems)?,
        values,
    })
}

fn add_all(
    builder: &mut GroupBuilder,
    criteria: &[Criterion],
    file: &str,
    at: &str,
) -> Vec<CompiledCriterion> {
    let mut out = Vec::with_capacity(criteria.len());
    for (i, c) in criteria.iter().enumerate() {
        let patterns = c.patterns.iter().enumerate();
        let here = |j: usize| format!("{at}[{i}].patterns[{j}]");
        out.push(CompiledCriterion {
            id: c.id.as_str().into(),
            name: c.name.as_str().into(),
            weight: c.weight,
            advice: c.advice.as_str().into(),
            patterns: patterns
                .map(|(j, p)| builder.add(p, file, &here(j), &c.id))
                .collect(),
            signals: c.signals.clone(),
        });
    }
    out
}
