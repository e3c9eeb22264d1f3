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

/// What one case's score is made of, so it can be recomputed under new weights. Weights are
/// referred to by index into the knob list.
struct Parts {
    criteria: Vec<(usize, f64)>,
    values: Vec<(usize, f64)>,
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
    let start = starting_weights(set);
    let knobs: Vec<Knob> = start.keys().cloned().collect();
    let index: BTreeMap<&Knob, usize> = knobs.iter().enumerate().map(|(i, k)| (k, i)).collect();
    let w0: Vec<f64> = knobs.iter().map(|k| start[k]).collect();
    let at = |knob: Knob| index.get(&knob).copied();
    let parts: Vec<Parts> = cards
        .iter()
        .zip(&cases.cases)
        .map(|(card, case)| Parts {
            criteria: card
                .criteria
                .iter()
                .filter_map(|c| {
                    let knob = match c.source {
                        Source::Stage => Knob::Criterion(case.stage.clone(), c.id.to_string()),
                        Source::Question => Knob::Concept(
                            case.stage.clone(),
                            card.question_id.clone().unwrap_or_default(),
                            c.id.to_string(),
                        ),
                    };
                    Some((at(knob)?, c.score / 100.0))
                })
                .collect(),
            values: card
                .values
                .iter()
                .filter_map(|(id, v)| Some((at(Knob::Value(id.to_string()))?, v.score / 100.0)))
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

    let model = Model::new(&parts, set.loop_file.mix, cases, &train_idx, knobs.len());
    let before_scores = model.scores(&w0, &set.loop_file.bands);
    let weights = model.descend(w0.clone());
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
        weights: knobs
            .into_iter()
            .zip(weights.iter().zip(&w0))
            .filter(|(_, (w, s))| (*w * 100.0).round() != (*s * 100.0).round())
            .map(|(k, (w, _))| (k, *w))
            .collect(),
        bands,
        train: train_idx,
        holdout: holdout_idx,
    })
}

/// The arithmetic of a score, and the training loss, recomputed incrementally: trying a new
/// weight rescores only the cases that use it, and rechecks only the relations that touch them.
struct Model<'a> {
    parts: &'a [Parts],
    mix: Mix,
    cases: &'a Cases,
    train: Vec<bool>,
    /// For each case, the case it must outscore (and the margin), if any.
    relation: Vec<Option<(usize, f64)>>,
    /// For each case, the cases whose relation names it.
    named_by: Vec<Vec<usize>>,
    /// For each knob, the training cases whose score uses it.
    users: Vec<Vec<usize>>,
}

impl<'a> Model<'a> {
    fn new(
        parts: &'a [Parts],
        mix: Mix,
        cases: &'a Cases,
        train_idx: &[usize],
        knobs: usize,
    ) -> Model<'a> {
        let n = parts.len();
        let mut train = vec![false; n];
        for &i in train_idx {
            train[i] = true;
        }
        let ids: BTreeMap<&str, usize> = cases
            .cases
            .iter()
            .enumerate()
            .map(|(i, c)| (c.id.as_str(), i))
            .collect();
        let relation: Vec<Option<(usize, f64)>> = cases
            .cases
            .iter()
            .map(|c| {
                let other = ids.get(c.expect.stronger_than.as_deref()?)?;
                Some((*other, c.expect.by.unwrap_or(0.0) + 2.0))
            })
            .collect();
        let mut named_by = vec![Vec::new(); n];
        for (i, r) in relation.iter().enumerate() {
            if let Some((j, _)) = r {
                named_by[*j].push(i);
            }
        }
        let mut users = vec![Vec::new(); knobs];
        for (i, p) in parts.iter().enumerate() {
            for &(k, _) in p.criteria.iter().chain(&p.values) {
                if users[k].last() != Some(&i) {
                    users[k].push(i);
                }
            }
        }
        Model {
            parts,
            mix,
            cases,
            train,
            relation,
            named_by,
            users,
        }
    }

    fn overall(&self, i: usize, weights: &[f64]) -> f64 {
        let p = &self.parts[i];
        let weighted = |items: &[(usize, f64)]| {
            let total: f64 = items.iter().map(|(k, _)| weights[*k]).sum();
            if total <= 0.0 {
                return 0.0;
            }
            items
                .iter()
                .map(|(k, credit)| weights[*k] * credit)
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

    fn scores(&self, weights: &[f64], bands: &Bands) -> Vec<(f64, Band)> {
        (0..self.parts.len())
            .map(|i| {
                let s = self.overall(i, weights);
                (s, formula::band(bands, s))
            })
            .collect()
    }

    /// A training case's share of the loss: its relation's hinge and its distance outside its
    /// expected range.
    fn term(&self, i: usize, scores: &[f64]) -> f64 {
        if !self.train[i] {
            return 0.0;
        }
        let e = &self.cases.cases[i].expect;
        let s = scores[i];
        let mut loss = 0.0;
        if let Some((j, margin)) = self.relation[i] {
            loss += (margin - (s - scores[j])).max(0.0);
        }
        if let Some(min) = e.min {
            loss += (min - s).max(0.0);
        }
        if let Some(max) = e.max {
            loss += (s - max).max(0.0);
        }
        loss
    }

    /// Log-ratio pull toward the starting weight: halving costs what doubling does, and
    /// shrinking to nothing is dear.
    fn pull(w: f64, w0: f64) -> f64 {
        PULL * (w.max(1e-6) / w0.max(1e-6)).ln().powi(2)
    }

    /// Coordinate descent: each knob tries each step and keeps the first that lowers the loss.
    fn descend(&self, w0: Vec<f64>) -> Vec<f64> {
        let mut weights = w0.clone();
        let mut scores: Vec<f64> = (0..self.parts.len())
            .map(|i| self.overall(i, &weights))
            .collect();
        for _ in 0..PASSES {
            let mut moved = false;
            for k in 0..weights.len() {
                if self.users[k].is_empty() {
                    continue; // no training case uses it: nothing to learn
                }
                let touched = self.touched(k);
                let current = weights[k];
                let old_loss: f64 = touched.iter().map(|&i| self.term(i, &scores)).sum::<f64>()
                    + Self::pull(current, w0[k]);
                let saved: Vec<f64> = self.users[k].iter().map(|&i| scores[i]).collect();
                for step in STEPS {
                    weights[k] = current * step;
                    for &i in &self.users[k] {
                        scores[i] = self.overall(i, &weights);
                    }
                    let new_loss: f64 = touched.iter().map(|&i| self.term(i, &scores)).sum::<f64>()
                        + Self::pull(weights[k], w0[k]);
                    if new_loss + 1e-9 < old_loss {
                        moved = true;
                        break;
                    }
                    weights[k] = current;
                    for (&i, &s) in self.users[k].iter().zip(&saved) {
                        scores[i] = s;
                    }
                }
            }
            if !moved {
                break;
            }
        }
        weights
    }

    /// The cases whose loss term can change when knob `k` moves: its users, and the cases whose
    /// relation names one of them.
    fn touched(&self, k: usize) -> Vec<usize> {
        let mut out: Vec<usize> = self.users[k].clone();
        for &i in &self.users[k] {
            out.extend(&self.named_by[i]);
        }
        out.sort_unstable();
        out.dedup();
        out
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
