//! Scoring labeled cases and measuring how well the scores agree with the labels.

use std::collections::{BTreeMap, HashMap};

use serde::Serialize;

use super::cases::Cases;
use crate::score::{Band, ScoreCard, ScoreError, Scorer};

#[derive(Debug, Clone, Serialize)]
pub struct Outcome {
    pub id: String,
    pub stage: String,
    pub score: f64,
    pub band: Band,
    /// What was expected and not met; empty when the case passes.
    pub failures: Vec<String>,
    /// The criteria that earned the score, with their phrases: the why behind a failure.
    pub evidence: Vec<String>,
}

/// Agreement with the labels for a set of cases.
#[derive(Debug, Clone, Default, Serialize, PartialEq)]
pub struct Metrics {
    pub cases: usize,
    pub failed: usize,
    /// `stronger_than` relations that held, of those checked.
    pub pairs_ok: usize,
    pub pairs: usize,
    pub bands_exact: usize,
    pub bands_within_one: usize,
    pub bands: usize,
    /// Cohen's kappa between expected and scored bands (`None` without band labels).
    pub kappa: Option<f64>,
    /// Mean distance (points) of scores outside their expected range; 0 inside.
    pub range_mae: Option<f64>,
    pub ranges: usize,
}

impl Metrics {
    pub fn pairwise_accuracy(&self) -> Option<f64> {
        (self.pairs > 0).then(|| self.pairs_ok as f64 / self.pairs as f64)
    }
}

#[derive(Debug, Clone, Serialize)]
pub struct TestReport {
    pub outcomes: Vec<Outcome>,
    pub overall: Metrics,
    pub by_stage: BTreeMap<String, Metrics>,
}

impl TestReport {
    pub fn failures(&self) -> impl Iterator<Item = &Outcome> {
        self.outcomes.iter().filter(|o| !o.failures.is_empty())
    }
}

/// The score each case got; computed once, then checked against every expectation.
pub fn score_all(scorer: &Scorer, cases: &Cases) -> Result<Vec<ScoreCard>, ScoreError> {
    cases
        .cases
        .iter()
        .map(|c| scorer.score(&c.stage, c.question.as_deref(), &c.answer))
        .collect()
}

pub fn evaluate(scorer: &Scorer, cases: &Cases) -> Result<TestReport, ScoreError> {
    let cards = score_all(scorer, cases)?;
    let scores: Vec<(f64, Band)> = cards.iter().map(|c| (c.overall, c.band)).collect();
    let mut report = check(cases, &scores);
    for (outcome, card) in report.outcomes.iter_mut().zip(&cards) {
        outcome.evidence = card
            .criteria
            .iter()
            .filter(|c| c.score > 0.0)
            .map(|c| {
                let phrases: Vec<String> = c
                    .evidence
                    .iter()
                    .take(2)
                    .map(|e| format!("\"{}\"", e.text))
                    .collect();
                format!("{} {:.0}: {}", c.name, c.score, phrases.join(", "))
            })
            .collect();
    }
    Ok(report)
}

/// Checks scores against the cases' expectations. Pure arithmetic, so tuning can call it on
/// scores recomputed from new weights without re-matching any text.
pub fn check(cases: &Cases, scores: &[(f64, Band)]) -> TestReport {
    check_where(cases, scores, |_| true)
}

/// [`check`] for the cases `include` selects; a relation may still compare against any case.
pub fn check_where(
    cases: &Cases,
    scores: &[(f64, Band)],
    include: impl Fn(usize) -> bool,
) -> TestReport {
    let index: HashMap<&str, usize> = cases
        .cases
        .iter()
        .enumerate()
        .map(|(i, c)| (c.id.as_str(), i))
        .collect();
    let mut outcomes = Vec::with_capacity(cases.cases.len());
    let mut overall = Tally::default();
    let mut by_stage: BTreeMap<String, Tally> = BTreeMap::new();
    for (i, case) in cases.cases.iter().enumerate().filter(|(i, _)| include(*i)) {
        let (score, band) = scores[i];
        let mut failures = Vec::new();
        let mut tally = Tally::default();
        let e = &case.expect;
        if let Some(expected) = e.band {
            tally.bands.push((expected, band));
            if expected != band {
                failures.push(format!("expected band {expected}, got {band} ({score:.1})"));
            }
        }
        if let Some(floor) = e.min_band {
            tally.min_bands.push(band >= floor);
            if band < floor {
                failures.push(format!(
                    "expected {floor} or better, got {band} ({score:.1})"
                ));
            }
        }
        if e.min.is_some() || e.max.is_some() {
            let (min, max) = (e.min.unwrap_or(0.0), e.max.unwrap_or(100.0));
            let off = if score < min {
                min - score
            } else if score > max {
                score - max
            } else {
                0.0
            };
            tally.ranges.push(off);
            if off > 0.0 {
                failures.push(format!(
                    "expected a score in {min:.0}-{max:.0}, got {score:.1}"
                ));
            }
        }
        if let Some(other) = &e.stronger_than {
            if let Some(&j) = index.get(other.as_str()) {
                let (theirs, _) = scores[j];
                let margin = e.by.unwrap_or(0.0);
                let ok = score > theirs + margin || (margin > 0.0 && score >= theirs + margin);
                tally.pairs.push(ok);
                if !ok {
                    let by = if margin > 0.0 {
                        format!(" by {margin:.0}")
                    } else {
                        String::new()
                    };
                    failures.push(format!(
                        "expected to outscore `{other}`{by}: {score:.1} vs {theirs:.1}"
                    ));
                }
            }
        }
        tally.cases = 1;
        tally.failed = usize::from(!failures.is_empty());
        overall.add(&tally);
        by_stage.entry(case.stage.clone()).or_default().add(&tally);
        outcomes.push(Outcome {
            id: case.id.clone(),
            stage: case.stage.clone(),
            score,
            band,
            failures,
            evidence: Vec::new(),
        });
    }
    TestReport {
        outcomes,
        overall: overall.metrics(),
        by_stage: by_stage
            .into_iter()
            .map(|(k, t)| (k, t.metrics()))
            .collect(),
    }
}

#[derive(Default)]
struct Tally {
    cases: usize,
    failed: usize,
    pairs: Vec<bool>,
    bands: Vec<(Band, Band)>,
    min_bands: Vec<bool>,
    ranges: Vec<f64>,
}

impl Tally {
    fn add(&mut self, other: &Tally) {
        self.cases += other.cases;
        self.failed += other.failed;
        self.pairs.extend(&other.pairs);
        self.bands.extend(&other.bands);
        self.min_bands.extend(&other.min_bands);
        self.ranges.extend(&other.ranges);
    }

    fn metrics(&self) -> Metrics {
        let rank = |b: Band| b as i32;
        Metrics {
            cases: self.cases,
            failed: self.failed,
            pairs_ok: self.pairs.iter().filter(|ok| **ok).count(),
            pairs: self.pairs.len(),
            bands_exact: self.bands.iter().filter(|(e, g)| e == g).count(),
            bands_within_one: self
                .bands
                .iter()
                .filter(|(e, g)| (rank(*e) - rank(*g)).abs() <= 1)
                .count(),
            bands: self.bands.len(),
            kappa: kappa(&self.bands),
            range_mae: (!self.ranges.is_empty())
                .then(|| self.ranges.iter().sum::<f64>() / self.ranges.len() as f64),
            ranges: self.ranges.len(),
        }
    }
}

/// Cohen's kappa: agreement beyond what the two band distributions give by chance.
fn kappa(pairs: &[(Band, Band)]) -> Option<f64> {
    if pairs.is_empty() {
        return None;
    }
    let n = pairs.len() as f64;
    let observed = pairs.iter().filter(|(e, g)| e == g).count() as f64 / n;
    let chance: f64 = Band::all()
        .iter()
        .map(|b| {
            let expected = pairs.iter().filter(|(e, _)| e == b).count() as f64 / n;
            let got = pairs.iter().filter(|(_, g)| g == b).count() as f64 / n;
            expected * got
        })
        .sum();
    if (1.0 - chance).abs() < 1e-12 {
        return Some(if observed >= 1.0 { 1.0 } else { 0.0 });
    }
    Some((observed - chance) / (1.0 - chance))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kappa_is_one_for_perfect_agreement_and_zero_for_chance() {
        use Band::*;
        assert_eq!(kappa(&[(Hire, Hire), (NoHire, NoHire)]), Some(1.0));
        let chance = [
            (Hire, Hire),
            (Hire, NoHire),
            (NoHire, Hire),
            (NoHire, NoHire),
        ];
        assert_eq!(kappa(&chance), Some(0.0));
        assert_eq!(kappa(&[]), None);
    }
}
