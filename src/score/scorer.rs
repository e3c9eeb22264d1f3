//! `Scorer::score(stage, question, answer) -> ScoreCard`: matching, credit and evidence.

use std::collections::BTreeMap;
use std::sync::OnceLock;

use super::card::{
    Adjustment, CriterionScore, Evidence, Improvement, ImprovementKind, Parts, ScoreCard, Shared,
    Source, ValueScore,
};
use super::compile::{compile, compile_values, Compiled, CompiledCriterion, CompiledValues};
use super::formula::{self, Inputs, Multipliers};
use super::judge::{self, Flaw, Judgement, Slip};
use super::matcher::{Group, Hits, Scan};
use super::signals::{SignalMatchers, Signals, Spans};
use super::text::Text;
use crate::rubric::{Problem, Problems, Question, RubricSet, SignalRule};

/// Answers above this are refused: no interview answer is a megabyte, and a paste that large is
/// almost always a mistake (a log, a file) that would make the report unreadable.
pub const MAX_ANSWER_BYTES: usize = 1 << 20;

#[derive(Debug, thiserror::Error)]
pub enum ScoreError {
    #[error("unknown stage `{stage}`; the stages are: {known}")]
    UnknownStage { stage: String, known: String },
    #[error("the answer is {bytes} bytes, over the limit of {limit} bytes (1 MiB); keep to the answer itself")]
    AnswerTooLarge { bytes: usize, limit: usize },
    #[error(transparent)]
    Rubric(#[from] Problems),
}

/// Scores answers against one rubric set. Regexes are compiled once per set and per stage and
/// question, on first use.
pub struct Scorer {
    set: RubricSet,
    matchers: SignalMatchers,
    /// By stage, then 0 for the stage's own group (criteria, penalties, values) and `q + 1` for
    /// the concepts of the bank question at position `q`.
    compiled: Vec<Vec<OnceLock<Result<Compiled, Problems>>>>,
    values: OnceLock<Result<CompiledValues, Problems>>,
}

impl Scorer {
    pub fn new(set: RubricSet) -> Scorer {
        let compiled = set
            .stages
            .iter()
            .map(|s| {
                (0..=s.bank.questions.len())
                    .map(|_| OnceLock::new())
                    .collect()
            })
            .collect();
        Scorer {
            set,
            matchers: SignalMatchers::new(),
            compiled,
            values: OnceLock::new(),
        }
    }

    pub fn set(&self) -> &RubricSet {
        &self.set
    }

    /// Compiles every pattern of the set and reports every problem found.
    pub fn check(&self) -> Result<(), Problems> {
        let mut problems: Vec<Problem> = Vec::new();
        for (stage, slots) in self.compiled.iter().enumerate() {
            for slot in 0..slots.len() {
                let question = slot.checked_sub(1);
                // Each pattern lives in exactly one group, so each problem is found once.
                match self.compiled(stage, question) {
                    Ok(compiled) => problems.extend(compiled.group.compile_all()),
                    Err(e) => problems.extend(e.0),
                }
            }
        }
        match self.values() {
            Ok(values) => problems.extend(values.group.compile_all()),
            Err(e) => problems.extend(e.0),
        }
        if problems.is_empty() {
            Ok(())
        } else {
            Err(Problems(problems))
        }
    }

    fn compiled(&self, stage: usize, question: Option<usize>) -> Result<&Compiled, Problems> {
        let slot = question.map_or(0, |q| q + 1);
        self.compiled[stage][slot]
            .get_or_init(|| compile(&self.set, &self.set.stages[stage], question))
            .as_ref()
            .map_err(Clone::clone)
    }

    fn values(&self) -> Result<&CompiledValues, Problems> {
        self.values
            .get_or_init(|| compile_values(&self.set))
            .as_ref()
            .map_err(Clone::clone)
    }

    /// Finds a bank question by id, or by its exact text (ignoring case and surrounding space).
    pub fn find_question(&self, stage: &str, id_or_text: &str) -> Option<&Question> {
        let stage = self.set.stage(stage)?;
        let wanted = id_or_text.trim();
        let by_text = |q: &&Question| q.text.trim().eq_ignore_ascii_case(wanted);
        stage
            .question(wanted)
            .or_else(|| stage.bank.questions.iter().find(by_text))
    }

    /// Scores `answer` to `question` (a bank id, a question's text, or any free text; `None` when
    /// unknown) on `stage`'s rubric and the values rubric.
    pub fn score(
        &self,
        stage: &str,
        question: Option<&str>,
        answer: &str,
    ) -> Result<ScoreCard, ScoreError> {
        let Some(index) = self.set.stages.iter().position(|s| s.meta.id == stage) else {
            return Err(ScoreError::UnknownStage {
                stage: stage.to_string(),
                known: self.set.stage_ids().join(", "),
            });
        };
        if answer.len() > MAX_ANSWER_BYTES {
            return Err(ScoreError::AnswerTooLarge {
                bytes: answer.len(),
                limit: MAX_ANSWER_BYTES,
            });
        }
        let bank_question = question.and_then(|q| self.find_question(stage, q));
        let bank = &self.set.stages[index].bank.questions;
        let position = bank_question.and_then(|q| bank.iter().position(|b| b.id == q.id));
        let compiled = self.compiled(index, None)?;
        let own = position
            .map(|q| self.compiled(index, Some(q)))
            .transpose()?;
        let values = self.values()?;
        let question_text = bank_question.map(|q| q.text.as_str()).or(question);

        let text = Text::new(answer);
        // One pass finds where each judgement pattern and signal regex could match.
        let gate = judge::Gate::read(&text.lower);
        let (mut signals, mut spans) =
            Signals::compute(&text, question_text.unwrap_or(""), &self.matchers, &gate);
        let mut judged = judge::judge(&text, &gate, answer, question_text.unwrap_or(""), &signals);
        judged.substance.fill(&mut signals, &mut spans);
        let ctx = Ctx {
            text: &text,
            answer,
            signals: &signals,
            spans: &spans,
        };

        // One pass of the built-in literals' automaton serves the stage's and values' groups.
        let scan = Scan::new(&text);
        let hits = compiled.group.scan_with(&scan);
        let group = &compiled.group;
        let mut criteria: Vec<CriterionScore> = compiled
            .criteria
            .iter()
            .map(|c| ctx.criterion(c, Source::Stage, group, &hits))
            .collect();
        if let Some(own) = own {
            let own_hits = own.group.scan_with(&scan);
            let scored = own.concepts.iter();
            criteria
                .extend(scored.map(|c| ctx.criterion(c, Source::Question, &own.group, &own_hits)));
        }
        let mut penalties: Vec<CriterionScore> = compiled
            .penalties
            .iter()
            .map(|c| ctx.criterion(c, Source::Stage, group, &hits))
            .filter(|c| c.score > 0.0)
            .collect();
        penalties.extend(ctx.arithmetic(&judged.slips));
        penalties.extend(judged.flaws.iter().map(|f| ctx.flaw(f)));
        let value_hits = values.group.scan_with(&scan);
        let value_scores: Vec<(f64, Shared, ValueScore)> = values
            .values
            .iter()
            .map(|v| {
                let shown = ctx.evidence(&v.indicators, &values.group, &value_hits);
                let against = ctx.evidence(&v.counters, &values.group, &value_hits);
                let mut signal_credit = BTreeMap::new();
                let shown_weight = shown.weights.iter().sum::<f64>()
                    + rules_credit(&v.signals, &signals, 1.0, &mut signal_credit);
                let against_weight = against.weights.iter().sum::<f64>()
                    + rules_credit(&v.counter_signals, &signals, -1.0, &mut signal_credit);
                let score =
                    formula::round1(100.0 * formula::value_credit(shown_weight, against_weight));
                let card = ValueScore {
                    name: v.name.clone(),
                    score,
                    evidence: shown.credited,
                    counter_evidence: against.credited,
                    signals: signal_credit,
                    advice: v.advice.clone(),
                };
                (v.weight, v.id.clone(), card)
            })
            .collect();

        let mix = &self.set.loop_file.mix;
        let multipliers = Multipliers::of(&signals, &judged);
        let penalty_weight: f64 = penalties.iter().map(|p| p.weight * p.score / 100.0).sum();
        let penalty_points = mix.penalty_points * penalty_weight;
        let inputs = Inputs {
            coverage: coverage(&criteria),
            values: weighted_values(&value_scores),
            specificity: judged.substance.score(),
            multiplier: multipliers.product(),
            penalty: penalty_points,
        };
        let bands = &self.set.loop_file.bands;
        let off_question = judged.relevance.score < formula::RELEVANCE_FLOOR;
        // An answer to another question cannot pass, however polished.
        let cap = |x: f64| {
            if off_question {
                x.min(formula::round1(bands.hire - 0.1))
            } else {
                x
            }
        };
        let overall = cap(formula::overall(mix, &inputs));
        let total_weight: f64 = criteria.iter().map(|c| c.weight).sum();
        for c in &mut criteria {
            if total_weight > 0.0 && c.score > 0.0 {
                let without = Inputs {
                    coverage: inputs.coverage - c.weight * c.score / 100.0 / total_weight,
                    ..inputs
                };
                c.points = formula::round1(overall - formula::overall(mix, &without));
            }
        }
        let gaps = Gaps {
            criteria: &criteria,
            penalties: &penalties,
            values: &value_scores,
            multipliers: &multipliers,
        };
        let improvements = improvements(mix, &inputs, overall, &gaps);
        Ok(ScoreCard {
            stage: stage.to_string(),
            question_id: bank_question.map(|q| q.id.clone()),
            overall,
            band: formula::band(&self.set.loop_file.bands, overall),
            parts: Parts {
                coverage: formula::round1(100.0 * inputs.coverage) / 100.0,
                keywords: formula::round1(100.0 * formula::keyword_part(mix, inputs.coverage)),
                values: formula::round1(100.0 * inputs.values),
                specificity: formula::round1(100.0 * inputs.specificity),
            },
            adjustments: adjustments(
                &text,
                &signals,
                &judged,
                &multipliers,
                &penalties,
                penalty_points,
            ),
            criteria,
            penalties,
            values: value_scores
                .into_iter()
                .map(|(_, id, card)| (id, card))
                .collect(),
            improvements,
            signals,
        })
    }
}

struct Ctx<'a> {
    text: &'a Text,
    answer: &'a str,
    signals: &'a Signals,
    spans: &'a Spans,
}

/// What a list of patterns matched: credited evidence, negated evidence, and the weight of each
/// distinct pattern that earned credit.
struct Matched {
    credited: Vec<Evidence>,
    negated: Vec<Evidence>,
    weights: Vec<f64>,
}

impl Ctx<'_> {
    fn criterion(
        &self,
        c: &CompiledCriterion,
        source: Source,
        group: &Group,
        hits: &Hits,
    ) -> CriterionScore {
        let Matched {
            mut credited,
            negated,
            mut weights,
        } = self.evidence(&c.patterns, group, hits);
        for rule in &c.signals {
            let credit = rule.weight * (self.signals.get(rule.signal) / rule.full_at).min(1.0);
            if credit > 0.0 {
                weights.push(credit);
                let name: Shared = format!("signal:{}", signal_name(rule.signal)).into();
                for &(start, end) in self.spans.of(rule.signal) {
                    credited.push(self.span(&name, start, end));
                }
            }
        }
        CriterionScore {
            id: c.id.clone(),
            name: c.name.clone(),
            source,
            weight: c.weight,
            score: formula::round1(100.0 * formula::criterion_credit(weights)),
            points: 0.0,
            evidence: credited,
            negated,
            advice: c.advice.clone(),
        }
    }

    /// Matches of the given patterns, grouped by pattern in rubric order.
    fn evidence(&self, patterns: &[usize], group: &Group, hits: &Hits) -> Matched {
        let mut matched = Matched {
            credited: Vec::new(),
            negated: Vec::new(),
            weights: Vec::new(),
        };
        for &p in patterns {
            let pattern = &group.patterns[p];
            let mut credited = false;
            for hit in hits.of(p) {
                let evidence = self.span(&pattern.id, hit.start, hit.end);
                if hit.negated {
                    matched.negated.push(evidence);
                } else {
                    matched.credited.push(evidence);
                    credited = true;
                }
            }
            if credited {
                matched.weights.push(pattern.weight);
            }
        }
        matched
    }

    /// Each slip in written-out arithmetic is a penalty, with the step as evidence and the
    /// figure it should have come to.
    fn arithmetic(&self, slips: &[Slip]) -> Option<CriterionScore> {
        if slips.is_empty() {
            return None;
        }
        let name: Shared = "arithmetic".into();
        let evidence: Vec<Evidence> = slips
            .iter()
            .map(|s| self.span(&name, s.start, s.end))
            .collect();
        let fixes: Vec<String> = slips
            .iter()
            .zip(&evidence)
            .map(|(s, e)| format!("\"{}\" should come to {}", e.text, s.expected))
            .collect();
        Some(CriterionScore {
            id: name.clone(),
            name: "Arithmetic slip".into(),
            source: Source::Stage,
            weight: 1.5 * slips.len().min(2) as f64,
            score: 100.0,
            points: 0.0,
            evidence,
            negated: Vec::new(),
            advice: format!(
                "Check each step's magnitude and unit: {}.",
                fixes.join("; ")
            )
            .into(),
        })
    }

    fn flaw(&self, f: &Flaw) -> CriterionScore {
        let id: Shared = f.id.into();
        CriterionScore {
            evidence: vec![self.span(&id, f.start, f.end)],
            id,
            name: f.name.into(),
            source: Source::Stage,
            // A misread statistic or a dropped factor drives the wrong decision: it weighs as
            // much as an arithmetic slip.
            weight: 1.5,
            score: 100.0,
            points: 0.0,
            negated: Vec::new(),
            advice: f.advice.as_str().into(),
        }
    }

    /// Evidence for a span of the normalised text, reported in the original's offsets.
    fn span(&self, pattern: &Shared, start: usize, end: usize) -> Evidence {
        let (start, end) = self.text.original_range(start, end);
        Evidence {
            pattern: pattern.clone(),
            start,
            end,
            text: self.answer[start..end].to_string(),
        }
    }
}

fn signal_name(kind: crate::rubric::SignalKind) -> &'static str {
    match kind {
        crate::rubric::SignalKind::Metrics => "metrics",
        crate::rubric::SignalKind::FirstPersonActions => "first_person_actions",
        crate::rubric::SignalKind::Questions => "questions",
        crate::rubric::SignalKind::FillerRate => "filler_rate",
        crate::rubric::SignalKind::HedgeRate => "hedge_rate",
        crate::rubric::SignalKind::WeShare => "we_share",
        crate::rubric::SignalKind::StructureMarkers => "structure_markers",
        crate::rubric::SignalKind::Tradeoffs => "tradeoffs",
        crate::rubric::SignalKind::Decisions => "decisions",
        crate::rubric::SignalKind::Checks => "checks",
        crate::rubric::SignalKind::Lessons => "lessons",
        crate::rubric::SignalKind::Outcomes => "outcomes",
    }
}

fn rules_credit(
    rules: &[SignalRule],
    signals: &Signals,
    sign: f64,
    out: &mut BTreeMap<String, f64>,
) -> f64 {
    rules
        .iter()
        .map(|rule| {
            let credit = rule.weight * (signals.get(rule.signal) / rule.full_at).min(1.0);
            out.insert(
                signal_name(rule.signal).to_string(),
                formula::round1(sign * credit * 100.0) / 100.0,
            );
            credit
        })
        .sum()
}

fn coverage(criteria: &[CriterionScore]) -> f64 {
    let total: f64 = criteria.iter().map(|c| c.weight).sum();
    if total <= 0.0 {
        return 0.0;
    }
    criteria
        .iter()
        .map(|c| c.weight * c.score / 100.0)
        .sum::<f64>()
        / total
}

fn weighted_values(values: &[(f64, Shared, ValueScore)]) -> f64 {
    let total: f64 = values.iter().map(|(w, _, _)| w).sum();
    if total <= 0.0 {
        return 0.0;
    }
    values
        .iter()
        .map(|(w, _, v)| w * v.score / 100.0)
        .sum::<f64>()
        / total
}

fn adjustments(
    text: &Text,
    signals: &Signals,
    judged: &Judgement,
    m: &Multipliers,
    penalties: &[CriterionScore],
    points: f64,
) -> Vec<Adjustment> {
    let mut out = Vec::new();
    if m.substance < 1.0 {
        out.push(Adjustment {
            id: "substance".to_string(),
            effect: formula::round1(m.substance * 100.0) / 100.0,
            reason: format!(
                "{} words of your own beyond the question; a full answer has at least {}",
                signals.new_content_words,
                formula::SUBSTANCE_FULL as usize
            ),
        });
    }
    if m.prose < 1.0 {
        out.push(Adjustment {
            id: "prose".to_string(),
            effect: formula::round1(m.prose * 100.0) / 100.0,
            reason: format!(
                "{:.0}% function words and {:.0} words per sentence: reads as a list of terms, not sentences",
                signals.function_word_share * 100.0,
                signals.words_per_sentence
            ),
        });
    }
    if m.clarity < 1.0 {
        out.push(Adjustment {
            id: "clarity".to_string(),
            effect: formula::round1(m.clarity * 100.0) / 100.0,
            reason: format!(
                "{} filler and {} hedge words ({:.1} per 100 words)",
                signals.fillers,
                signals.hedges,
                signals.filler_rate + signals.hedge_rate
            ),
        });
    }
    let effect = |x: f64| formula::round1(x * 100.0) / 100.0;
    if m.relevance < 1.0 {
        let r = &judged.relevance;
        let mut reason = format!(
            "the question asked about: {}; the answer met: {}",
            list_or_none(&r.asked),
            list_or_none(&r.met)
        );
        for missing in &r.missing {
            reason.push_str("; ");
            reason.push_str(missing);
        }
        reason.push_str(&format!(
            "; the answer talked about: {}",
            list_or_none(&r.talked_about)
        ));
        out.push(Adjustment {
            id: "relevance".to_string(),
            effect: effect(m.relevance),
            reason,
        });
    }
    // Quotes the first few distinct phrases, so the reason shows the words it counted.
    let quote = |spans: &[(usize, usize)]| -> String {
        let mut seen: Vec<&str> = Vec::new();
        for &(a, b) in spans {
            let w = &text.lower[a..b];
            if !seen.contains(&w) {
                seen.push(w);
            }
        }
        let shown: Vec<String> = seen.iter().take(5).map(|w| format!("\"{w}\"")).collect();
        if shown.is_empty() {
            String::new()
        } else {
            format!(" ({})", shown.join(", "))
        }
    };
    if m.hollow < 1.0 {
        let sub = &judged.substance;
        out.push(Adjustment {
            id: "jargon".to_string(),
            effect: effect(m.hollow),
            reason: format!(
                "{} jargon phrases{} and {} named frameworks{} in {} words, with {} numbers and {} actions of your own",
                sub.jargon.len(),
                quote(&sub.jargon),
                sub.frameworks.len(),
                quote(&sub.frameworks),
                signals.words,
                sub.numbers,
                sub.actions
            ),
        });
    }
    if m.rambling < 1.0 {
        let sub = &judged.substance;
        out.push(Adjustment {
            id: "rambling".to_string(),
            effect: effect(m.rambling),
            reason: format!(
                "{} asides{} and {:.0}% of sentences repeating earlier ones",
                sub.asides.len(),
                quote(&sub.asides),
                sub.repetition * 100.0
            ),
        });
    }
    if m.vanity < 1.0 {
        out.push(Adjustment {
            id: "vanity_metrics".to_string(),
            effect: effect(m.vanity),
            reason: format!(
                "{} attention measures{} and {} measures of the goal (retention, revenue, conversion…)",
                judged.substance.vanity.len(),
                quote(&judged.substance.vanity),
                judged.substance.goal_measures
            ),
        });
    }
    if points > 0.0 {
        let names: Vec<&str> = penalties.iter().map(|p| &*p.id).collect();
        out.push(Adjustment {
            id: "penalties".to_string(),
            effect: -formula::round1(points),
            reason: format!("points off for: {}", names.join(", ")),
        });
    }
    out
}

const SUBSTANCE_ADVICE: &str =
    "Say more: a full answer walks through one concrete example, what you did and what came of it.";
const PROSE_ADVICE: &str = "Answer in sentences that connect the ideas, not a list of keywords.";
const CLARITY_ADVICE: &str =
    "Cut filler and hedges (\"kind of\", \"I think\", \"basically\"): say it plainly.";

/// Every gap priced by re-running the formula with the gap closed, biggest gain first.
/// The parts of a card that can fall short.
struct Gaps<'a> {
    criteria: &'a [CriterionScore],
    penalties: &'a [CriterionScore],
    values: &'a [(f64, Shared, ValueScore)],
    multipliers: &'a Multipliers,
}

fn improvements(
    mix: &crate::rubric::Mix,
    inputs: &Inputs,
    overall: f64,
    gaps: &Gaps,
) -> Vec<Improvement> {
    let Gaps {
        criteria,
        penalties,
        values,
        multipliers: m,
    } = *gaps;
    let gain = |changed: Inputs| formula::round1(formula::overall(mix, &changed) - overall);
    let mut out = Vec::new();
    let total_weight: f64 = criteria.iter().map(|c| c.weight).sum();
    for c in criteria {
        if c.score >= 100.0 || total_weight <= 0.0 {
            continue;
        }
        let closed = inputs.coverage + c.weight * (1.0 - c.score / 100.0) / total_weight;
        out.push(Improvement {
            kind: ImprovementKind::Criterion,
            id: c.id.clone(),
            name: c.name.clone(),
            advice: c.advice.clone(),
            gain: gain(Inputs {
                coverage: closed,
                ..*inputs
            }),
        });
    }
    let value_weight: f64 = values.iter().map(|(w, _, _)| w).sum();
    for (weight, id, v) in values {
        if value_weight <= 0.0 || v.score >= 80.0 {
            continue;
        }
        let raised = inputs.values + weight * (80.0 - v.score) / 100.0 / value_weight;
        out.push(Improvement {
            kind: ImprovementKind::Value,
            id: id.clone(),
            name: v.name.clone(),
            advice: v.advice.clone(),
            gain: gain(Inputs {
                values: raised,
                ..*inputs
            }),
        });
    }
    for p in penalties {
        let without = inputs.penalty - mix.penalty_points * p.weight * p.score / 100.0;
        out.push(Improvement {
            kind: ImprovementKind::Penalty,
            id: p.id.clone(),
            name: p.name.clone(),
            advice: p.advice.clone(),
            gain: gain(Inputs {
                penalty: without.max(0.0),
                ..*inputs
            }),
        });
    }
    let factors = [
        (
            "substance",
            "Too short",
            SUBSTANCE_ADVICE,
            m.substance,
            Multipliers {
                substance: 1.0,
                ..*m
            },
        ),
        (
            "prose",
            "Keyword list",
            PROSE_ADVICE,
            m.prose,
            Multipliers { prose: 1.0, ..*m },
        ),
        (
            "clarity",
            "Filler and hedging",
            CLARITY_ADVICE,
            m.clarity,
            Multipliers { clarity: 1.0, ..*m },
        ),
    ];
    for (id, name, advice, factor, without) in factors {
        if factor < 1.0 {
            out.push(Improvement {
                kind: ImprovementKind::Adjustment,
                id: id.into(),
                name: name.into(),
                advice: advice.into(),
                gain: gain(Inputs {
                    multiplier: without.product(),
                    ..*inputs
                }),
            });
        }
    }
    out.retain(|i| i.gain >= 0.5);
    // Stable sort: equal gains keep rubric order, so the list is the same on every run.
    out.sort_by(|a, b| b.gain.total_cmp(&a.gain));
    out
}

fn list_or_none(words: &[String]) -> String {
    if words.is_empty() {
        "nothing".to_string()
    } else {
        words.join(", ")
    }
}
