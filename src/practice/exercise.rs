//! How much a bank question exercises a criterion or a value, read from the rubric alone.
//!
//! A stage criterion is scored on every question of its stage; a question whose follow-ups
//! probe it (the interviewer presses when it is missing) exercises it more. A question's own
//! concept is exercised by that question only, and most. A value is scored on every answer, so
//! what sets questions apart is how much of the value's language the rubric's picture of a
//! strong answer uses: its text, its concepts' names and advice, its follow-up prompts.

use regex::{Regex, RegexBuilder};

use super::{Kind, Target};
use crate::rubric::{Question, RubricSet, Stage};

/// A stage criterion on one of its stage's questions.
const STAGE_CRITERION: u32 = 1;
/// More when a follow-up of the question probes it.
const PROBED: u32 = 1;
/// A question's own concept.
const OWN_CONCEPT: u32 = 3;

pub struct Exerciser {
    targets: Vec<(Target, Vec<Regex>)>,
}

impl Exerciser {
    pub fn new(set: &RubricSet, targets: &[Target]) -> Exerciser {
        let targets = targets
            .iter()
            .map(|t| {
                let indicators = match t.kind {
                    Kind::Value => set
                        .values
                        .iter()
                        .filter(|v| v.id == t.id)
                        .flat_map(|v| &v.indicators)
                        .filter_map(|p| whole_words(&p.regex))
                        .collect(),
                    _ => Vec::new(),
                };
                (t.clone(), indicators)
            })
            .collect();
        Exerciser { targets }
    }

    /// For each target in order, how much `question` exercises it (0: not at all).
    pub fn each(&self, stage: &Stage, question: &Question) -> Vec<u32> {
        let mut rubric_text: Option<String> = None;
        self.targets
            .iter()
            .map(|(t, indicators)| match t.kind {
                Kind::Value => {
                    let text = rubric_text.get_or_insert_with(|| picture(question));
                    indicators.iter().filter(|r| r.is_match(text)).count() as u32
                }
                Kind::Criterion | Kind::Concept => criterion(stage, question, &t.id),
            })
            .collect()
    }

    /// How much `question` exercises all the targets together.
    pub fn weight(&self, stage: &Stage, question: &Question) -> u32 {
        self.each(stage, question).iter().sum()
    }
}

fn criterion(stage: &Stage, question: &Question, id: &str) -> u32 {
    let probed = question.follow_ups.iter().any(|f| f.when_missing == id);
    let base = if question.concepts.iter().any(|c| c.id == id) {
        OWN_CONCEPT
    } else if stage.rubric.criteria.iter().any(|c| c.id == id) {
        STAGE_CRITERION
    } else {
        return 0;
    };
    base + if probed { PROBED } else { 0 }
}

/// What the rubric says a strong answer to `question` covers.
fn picture(question: &Question) -> String {
    let mut parts = vec![question.text.as_str()];
    for c in &question.concepts {
        parts.push(&c.name);
        parts.push(&c.advice);
    }
    parts.extend(question.follow_ups.iter().map(|f| f.prompt.as_str()));
    parts.join(". ")
}

/// The rubric's own matching rule: case-insensitive, whole words.
fn whole_words(pattern: &str) -> Option<Regex> {
    RegexBuilder::new(&format!(
        r"(?:^|[^A-Za-z0-9])(?:{pattern})(?:[^A-Za-z0-9]|$)"
    ))
    .case_insensitive(true)
    .build()
    .ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn target(kind: Kind, id: &str) -> Target {
        Target {
            kind,
            id: id.into(),
            name: id.into(),
        }
    }

    #[test]
    fn a_probed_criterion_weighs_more_and_other_stages_not_at_all() {
        let set = RubricSet::builtin().unwrap();
        let ex = Exerciser::new(&set, &[target(Kind::Criterion, "measured_result")]);
        let beh = set.stage("behavioral").unwrap();
        let probed = beh.question("beh-took-risk").unwrap();
        let plain = beh.question("beh-failure").unwrap();
        assert_eq!(ex.weight(beh, probed), STAGE_CRITERION + PROBED);
        assert_eq!(ex.weight(beh, plain), STAGE_CRITERION);
        let offer = set.stage("offer").unwrap();
        assert_eq!(ex.weight(offer, &offer.bank.questions[0]), 0);
    }

    #[test]
    fn every_built_in_indicator_compiles_under_the_whole_word_rule() {
        let set = RubricSet::builtin().unwrap();
        for v in &set.values {
            let ex = Exerciser::new(&set, &[target(Kind::Value, &v.id)]);
            assert_eq!(ex.targets[0].1.len(), v.indicators.len(), "{}", v.id);
        }
    }

    #[test]
    fn a_value_is_exercised_where_the_rubric_speaks_its_language() {
        let set = RubricSet::builtin().unwrap();
        let ex = Exerciser::new(&set, &[target(Kind::Value, "courage")]);
        let beh = set.stage("behavioral").unwrap();
        let disagree = beh.question("beh-disagree-manager").unwrap();
        let data = beh.question("beh-data-changed-mind").unwrap();
        assert!(ex.weight(beh, disagree) > ex.weight(beh, data));
    }
}
