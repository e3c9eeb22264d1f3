//! Fitting a rubric's numbers to labeled cases: criterion, concept and value weights by
//! coordinate descent on a pairwise-ranking loss with a pull back toward the starting weights,
//! then the band thresholds. Patterns are never touched.
//!
//! Every case is matched once; a card already holds each criterion's credit and each value's
//! score, so trying new weights only re-runs the arithmetic of [`formula::overall`].

use std::collections::BTreeMap;

use rand::rngs::Xoshiro256PlusPlus;
use rand::seq::SliceRandom;
use rand::SeedableRng;

use super::cases::Cases;
use super::evaluate::{check_where, score_all, Metrics};
use crate::rubric::{Bands, Mix, RubricSet};
use crate::score::formula::{self, Inputs};
use crate::score::{Band, ScoreError, Scorer, Source};

/// Multipliers tried for each weight in a pass.
const STEPS: [f64; 4] = [0.5, 0.8, 1.25, 2.0];
/// Passes over all weights; tuning stops early when a pass changes nothing.
const PASSES: usize = 6;
/// How strongly weights are pulled back toward where they started: doubling (or halving) a
/// weight costs about two points of ranking error, so a few cases cannot drag a weight far.
const PULL: f64 = 4.0;
/// Cases a fit needs before it means anything.
pub const MIN_CASES: usize = 10;

#[derive(Debug, thiserror::Error)]
pub enum TuneError {
    #[error("tuning needs at least {MIN_CASES} cases and at least one in each of train and holdout; got {train} to train on and {holdout} held out")]
    TooFew { train: usize, holdout: usize },
    #[error("--holdout must be above 0 and below 1, got {0}")]
    Holdout(f64),
    #[error(transparent)]
    Score(#[from] ScoreError),
}

/// A weight the tuner may move.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub enum Knob {
    /// A stage criterion, by stage and criterion id.
    Criterion(String, String),
    /// A question's own concept, by stage, question id and concept id.
    Concept(String, String, String),
    Value(String),
}

/// What one case's score is made of, so it can be recomputed under new weights.
struct Parts {
    criteria: Vec<(Knob, f64)>,
    values: Vec<(Knob, f64)>,
    specificity: f64,
    multiplier: f64,
    penalty: f64,
}

pub struct Fit {
    pub weights: BTreeMap<Knob, f64>,
    pub bands: Bands,
    pub train: Vec<usize>,
    pub holdout: Vec<usize>,
    pub before: (Metrics, Metrics),
    pub after: (Metrics, Metrics),
}

impl Fit {
    /// Whether holdout agreement got worse: pairwise accuracy or the share of cases passing.
    pub fn holdout_worse(&self) -> bool {
        let (b, a) = (&self.before.1, &self.after.1);
        let acc = |m: &Metrics| m.pairwise_accuracy().unwrap_or(1.0);
        let pass = |m: &Metrics| {
            if m.cases == 0 {
                1.0
            } else {
                1.0 - m.failed as f64 / m.cases as f64
            }
        };
        acc(a) + 1e-9 < acc(b) || pass(a) + 1e-9 < pass(b)
    }
}

pub fn tune(scorer: &Scorer, cases: &Cases, holdout: f64, seed: u64) -> Result<Fit, TuneError> {
    if !(holdout > 0.0 && holdout < 1.0) {
        return Err(TuneError::Holdout(holdout));
    }
    let set = scorer.set();
    let mut order: Vec<usize> = (0..cases.cases.len()).collect();
    order.shuffle(&mut Xoshiro256PlusPlus::seed_from_u64(seed));
    let held = ((order.len() as f64) * holdout).round() as usize;
    let (mut holdout_idx, mut train_idx) = (order[..held].to_vec(), order[held..].to_vec());
    holdout_idx.sort_unstable();
    train_idx.sort_unstable();
    if cases.cases.len() < MIN_CASES || holdout_idx.is_empty() || train_idx.is_empty() {
        return Err(TuneError::TooFew {
            train: train_idx.len(),
            holdout: holdout_idx.len(),
        });
    }

    let cards = score_all(scorer, cases)?;
    let parts: Vec<Parts> = cards
        .iter()
        .zip(&cases.cases)
        .map(|(card, case)| Parts {
            criteria: card
                .criteria
                .iter()
                .map(|c| {
                    let knob = match c.source {
                        Source::Stage => Knob::Criterion(case.stage.clone(), c.id.to_string()),
                        Source::Question => Knob::Concept(
                            case.stage.clone(),
                            card.question_id.clone().unwrap_or_default(),
                            c.id.to_string(),
                        ),
                    };
                    (knob, c.score / 100.0)
                })
                .collect(),
            values: card
                .values
                .iter()
                .map(|(id, v)| (Knob::Value(id.to_string()), v.score / 100.0))
                .collect(),
            specificity: card.parts.specificity / 100.0,
            multiplier: card
                .adjustments
                .iter()
                .filter(|a| a.id != "penalties")
                .map(|a| a.effect)
                .product(),
            penalty: -card
                .adjustments
                .iter()
                .filter(|a| a.id == "penalties")
                .map(|a| a.effect)
                .sum::<f64>(),
        })
        .collect();

    let start = starting_weights(set);
    let mix = set.loop_file.mix;
    let model = Model {
        parts: &parts,
        mix,
        cases,
        start: &start,
    };
    let before_scores = model.scores(&start, &set.loop_file.bands);
    let mut weights = start.clone();
    let mut loss = model.loss(&weights, &train_idx);
    let knobs: Vec<Knob> = weights.keys().cloned().collect();
    for _ in 0..PASSES {
        let mut moved = false;
        for knob in &knobs {
            let current = weights[knob];
            for step in STEPS {
                weights.insert(knob.clone(), current * step);
                let trial = model.loss(&weights, &train_idx);
                if trial + 1e-9 < loss {
                    loss = trial;
                    moved = true;
                    break;
                }
                weights.insert(knob.clone(), current);
            }
        }
        if !moved {
            break;
        }
    }
    let raw: Vec<f64> = (0..parts.len())
        .map(|i| model.overall(i, &weights))
        .collect();
    let bands = fit_bands(cases, &raw, &train_idx, set.loop_file.bands);
    let after_scores = model.scores(&weights, &bands);
    let metrics = |scores: &[(f64, Band)], idx: &[usize]| subset_metrics(cases, scores, idx);
    Ok(Fit {
        before: (
            metrics(&before_scores, &train_idx),
            metrics(&before_scores, &holdout_idx),
        ),
        after: (
            metrics(&after_scores, &train_idx),
            metrics(&after_scores, &holdout_idx),
        ),
        // Only what visibly moved (weights are written with two decimals).
        weights: weights
            .into_iter()
            .filter(|(k, w)| (w * 100.0).round() != (start[k] * 100.0).round())
            .collect(),
        bands,
        train: train_idx,
        holdout: holdout_idx,
    })
}

struct Model<'a> {
    parts: &'a [Parts],
    mix: Mix,
    cases: &'a Cases,
    start: &'a BTreeMap<Knob, f64>,
}

impl Model<'_> {
    fn overall(&self, i: usize, weights: &BTreeMap<Knob, f64>) -> f64 {
        let p = &self.parts[i];
        let weighted = |items: &[(Knob, f64)]| {
            let total: f64 = items
                .iter()
                .map(|(k, _)| weights.get(k).copied().unwrap_or(1.0))
                .sum();
            if total <= 0.0 {
                return 0.0;
            }
            items
                .iter()
                .map(|(k, credit)| weights.get(k).copied().unwrap_or(1.0) * credit)
                .sum::<f64>()
                / total
        };
        let inputs = Inputs {
            coverage: weighted(&p.criteria),
            values: weighted(&p.values),
            specificity: p.specificity,
            multiplier: p.multiplier,
            penalty: p.penalty,
        };
        formula::overall(&self.mix, &inputs)
    }

    fn scores(&self, weights: &BTreeMap<Knob, f64>, bands: &Bands) -> Vec<(f64, Band)> {
        (0..self.parts.len())
            .map(|i| {
                let s = self.overall(i, weights);
                (s, formula::band(bands, s))
            })
            .collect()
    }

    /// Pairwise hinge loss over the training relations, distance outside expected ranges, and
    /// a pull toward the starting weights so that a few cases cannot drag a weight anywhere.
    fn loss(&self, weights: &BTreeMap<Knob, f64>, train: &[usize]) -> f64 {
        let index: BTreeMap<&str, usize> = self
            .cases
            .cases
            .iter()
            .enumerate()
            .map(|(i, c)| (c.id.as_str(), i))
            .collect();
        let mut loss = 0.0;
        for &i in train {
            let case = &self.cases.cases[i];
            let s = self.overall(i, weights);
            let e = &case.expect;
            if let Some(j) = e.stronger_than.as_deref().and_then(|id| index.get(id)) {
                let margin = e.by.unwrap_or(0.0) + 2.0;
                loss += (margin - (s - self.overall(*j, weights))).max(0.0);
            }
            if let Some(min) = e.min {
                loss += (min - s).max(0.0);
            }
            if let Some(max) = e.max {
                loss += (s - max).max(0.0);
            }
        }
        let pull: f64 = weights
            .iter()
            // Log-ratio: halving costs what doubling does, and shrinking to nothing is dear.
            .map(|(k, w)| (w.max(1e-6) / self.start[k].max(1e-6)).ln().powi(2))
            .sum();
        loss + PULL * pull
    }
}

fn starting_weights(set: &RubricSet) -> BTreeMap<Knob, f64> {
    let mut weights = BTreeMap::new();
    for stage in &set.stages {
        for c in &stage.rubric.criteria {
            weights.insert(
                Knob::Criterion(stage.meta.id.clone(), c.id.clone()),
                c.weight,
            );
        }
        for q in &stage.bank.questions {
            for c in &q.concepts {
                weights.insert(
                    Knob::Concept(stage.meta.id.clone(), q.id.clone(), c.id.clone()),
                    c.weight,
                );
            }
        }
    }
    for v in &set.values {
        weights.insert(Knob::Value(v.id.clone()), v.weight);
    }
    weights.retain(|_, w| *w > 0.0);
    weights
}

/// Thresholds that best agree with the training cases' band labels (exact `band` and
/// `min_band`), scanned on whole points; unchanged when no case has a band label.
fn fit_bands(cases: &Cases, scores: &[f64], train: &[usize], current: Bands) -> Bands {
    let labeled: Vec<usize> = train
        .iter()
        .copied()
        .filter(|&i| {
            cases.cases[i].expect.band.is_some() || cases.cases[i].expect.min_band.is_some()
        })
        .collect();
    if labeled.is_empty() {
        return current;
    }
    let agree = |b: &Bands| -> usize {
        labeled
            .iter()
            .filter(|&&i| {
                let got = formula::band(b, scores[i]);
                let e = &cases.cases[i].expect;
                e.band.is_none_or(|want| want == got) && e.min_band.is_none_or(|floor| got >= floor)
            })
            .count()
    };
    let mut best = (agree(&current), current);
    for no_hire in (10..=60).step_by(5) {
        for hire in (no_hire + 5..=80).step_by(5) {
            for strong in (hire + 5..=95).step_by(5) {
                let b = Bands {
                    no_hire: no_hire as f64,
                    hire: hire as f64,
                    strong_hire: strong as f64,
                };
                let score = agree(&b);
                // Prefer the current thresholds on ties: move only for a real gain.
                if score > best.0 {
                    best = (score, b);
                }
            }
        }
    }
    best.1
}

fn subset_metrics(cases: &Cases, scores: &[(f64, Band)], idx: &[usize]) -> Metrics {
    let keep: std::collections::HashSet<usize> = idx.iter().copied().collect();
    check_where(cases, scores, |i| keep.contains(&i)).overall
}
