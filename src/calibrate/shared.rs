//! The shared labeled sets (`dev.json`, `trust-dev.json`, format in `../shared/eval/README.md`)
//! measured the way their README asks: pairwise accuracy per kind and per stage, paraphrase
//! spreads per level, and the dev set's salads, negations and floors. The calibration test
//! asserts the gates on this report; `examples/eval.rs` prints it while tuning.

use std::collections::BTreeMap;

use serde_json::Value;

/// How one labeled pair came out.
#[derive(Debug, Clone)]
pub struct PairResult {
    pub id: String,
    pub stage: String,
    pub kind: String,
    pub stronger: f64,
    pub weaker: f64,
}

impl PairResult {
    /// 1 when the stronger answer wins, 0.5 on a tie, 0 otherwise (the README's rule).
    pub fn credit(&self) -> f64 {
        if self.stronger > self.weaker {
            1.0
        } else if self.stronger == self.weaker {
            0.5
        } else {
            0.0
        }
    }
}

#[derive(Debug, Clone)]
pub struct GroupResult {
    pub id: String,
    pub stage: String,
    pub level: String,
    pub scores: Vec<f64>,
}

impl GroupResult {
    pub fn spread(&self) -> f64 {
        let max = self.scores.iter().copied().fold(f64::MIN, f64::max);
        let min = self.scores.iter().copied().fold(f64::MAX, f64::min);
        max - min
    }

    pub fn mean(&self) -> f64 {
        self.scores.iter().sum::<f64>() / self.scores.len().max(1) as f64
    }
}

/// Accuracy of a subset of pairs: (credit sum, count).
#[derive(Debug, Clone, Copy, Default)]
pub struct Tally {
    pub credit: f64,
    pub count: usize,
}

impl Tally {
    fn add(&mut self, credit: f64) {
        self.credit += credit;
        self.count += 1;
    }

    pub fn accuracy(&self) -> f64 {
        if self.count == 0 {
            1.0
        } else {
            self.credit / self.count as f64
        }
    }
}

/// Everything measured on `trust-dev.json`.
#[derive(Debug, Clone, Default)]
pub struct TrustReport {
    pub pairs: Vec<PairResult>,
    pub groups: Vec<GroupResult>,
}

impl TrustReport {
    pub fn by_kind(&self) -> BTreeMap<String, Tally> {
        let mut out: BTreeMap<String, Tally> = BTreeMap::new();
        for p in &self.pairs {
            out.entry(p.kind.clone()).or_default().add(p.credit());
        }
        out
    }

    pub fn by_stage(&self) -> BTreeMap<String, Tally> {
        let mut out: BTreeMap<String, Tally> = BTreeMap::new();
        for p in &self.pairs {
            out.entry(p.stage.clone()).or_default().add(p.credit());
        }
        out
    }

    pub fn overall(&self) -> Tally {
        let mut t = Tally::default();
        for p in &self.pairs {
            t.add(p.credit());
        }
        t
    }

    /// Share of pairs the stronger answer wins by at least `margin` points.
    pub fn won_by(&self, margin: f64) -> f64 {
        let won = self
            .pairs
            .iter()
            .filter(|p| p.stronger - p.weaker >= margin)
            .count();
        won as f64 / self.pairs.len().max(1) as f64
    }

    /// (mean spread, max spread, mean score) per level.
    pub fn spreads(&self) -> BTreeMap<String, (f64, f64, f64)> {
        let mut out = BTreeMap::new();
        for level in ["strong", "medium", "weak"] {
            let groups: Vec<&GroupResult> =
                self.groups.iter().filter(|g| g.level == level).collect();
            if groups.is_empty() {
                continue;
            }
            let n = groups.len() as f64;
            let mean = groups.iter().map(|g| g.spread()).sum::<f64>() / n;
            let max = groups.iter().map(|g| g.spread()).fold(0.0, f64::max);
            let score = groups.iter().map(|g| g.mean()).sum::<f64>() / n;
            out.insert(level.to_string(), (mean, max, score));
        }
        out
    }

    /// Over every two groups of different levels, the share ordered as their levels are.
    pub fn level_order(&self) -> f64 {
        let rank = |l: &str| match l {
            "strong" => 2,
            "medium" => 1,
            _ => 0,
        };
        let mut t = Tally::default();
        for a in &self.groups {
            for b in &self.groups {
                if rank(&a.level) > rank(&b.level) {
                    let credit = if a.mean() > b.mean() {
                        1.0
                    } else if a.mean() == b.mean() {
                        0.5
                    } else {
                        0.0
                    };
                    t.add(credit);
                }
            }
        }
        t.accuracy()
    }

    /// Stages where the mean level scores are not ordered strong > medium > weak.
    pub fn misordered_stages(&self) -> Vec<String> {
        let mut by_stage: BTreeMap<&str, BTreeMap<&str, Vec<f64>>> = BTreeMap::new();
        for g in &self.groups {
            by_stage
                .entry(&g.stage)
                .or_default()
                .entry(&g.level)
                .or_default()
                .push(g.mean());
        }
        let mut out = Vec::new();
        for (stage, levels) in by_stage {
            let mean = |l: &str| {
                levels
                    .get(l)
                    .map(|v| v.iter().sum::<f64>() / v.len() as f64)
            };
            let ordered: Vec<f64> = ["strong", "medium", "weak"]
                .iter()
                .filter_map(|l| mean(l))
                .collect();
            if ordered.windows(2).any(|w| w[0] <= w[1]) {
                out.push(stage.to_string());
            }
        }
        out
    }
}

/// Everything measured on `dev.json`.
#[derive(Debug, Clone, Default)]
pub struct DevReport {
    pub pairs: Vec<PairResult>,
    /// (id, reference, salad)
    pub salads: Vec<(String, f64, f64)>,
    /// (id, positive, negated)
    pub negations: Vec<(String, f64, f64)>,
    /// (id, score, max)
    pub floors: Vec<(String, f64, f64)>,
}

/// How far below its reference a keyword salad must stay.
pub const SALAD_MARGIN: f64 = 15.0;

impl DevReport {
    pub fn pairs_ok(&self) -> usize {
        self.pairs.iter().filter(|p| p.stronger > p.weaker).count()
    }
    pub fn salads_ok(&self) -> usize {
        self.salads
            .iter()
            .filter(|(_, r, s)| *s <= r - SALAD_MARGIN)
            .count()
    }
    pub fn negations_ok(&self) -> usize {
        self.negations.iter().filter(|(_, p, n)| p > n).count()
    }
    pub fn floors_ok(&self) -> usize {
        self.floors.iter().filter(|(_, s, m)| s <= m).count()
    }
}

fn text<'a>(v: &'a Value, key: &str) -> &'a str {
    v[key].as_str().unwrap_or_default()
}

fn items<'a>(v: &'a Value, key: &str) -> &'a [Value] {
    v[key].as_array().map(Vec::as_slice).unwrap_or_default()
}

/// Scores `trust-dev.json` with `score(stage, question, answer)`.
pub fn trust_report(set: &Value, score: impl Fn(&str, &str, &str) -> f64) -> TrustReport {
    let pairs = items(set, "pairs")
        .iter()
        .map(|p| {
            let (stage, q) = (text(p, "stage"), text(p, "question"));
            PairResult {
                id: text(p, "id").to_string(),
                stage: stage.to_string(),
                kind: text(p, "kind").to_string(),
                stronger: score(stage, q, text(p, "stronger")),
                weaker: score(stage, q, text(p, "weaker")),
            }
        })
        .collect();
    let groups = items(set, "paraphrase")
        .iter()
        .map(|g| {
            let (stage, q) = (text(g, "stage"), text(g, "question"));
            GroupResult {
                id: text(g, "id").to_string(),
                stage: stage.to_string(),
                level: text(g, "level").to_string(),
                scores: items(g, "answers")
                    .iter()
                    .map(|a| score(stage, q, a.as_str().unwrap_or_default()))
                    .collect(),
            }
        })
        .collect();
    TrustReport { pairs, groups }
}

/// Scores `dev.json` with `score(stage, question, answer)`.
pub fn dev_report(set: &Value, score: impl Fn(&str, &str, &str) -> f64) -> DevReport {
    let two = |key: &str, a: &str, b: &str| -> Vec<(String, f64, f64)> {
        items(set, key)
            .iter()
            .map(|c| {
                let (stage, q) = (text(c, "stage"), text(c, "question"));
                (
                    text(c, "id").to_string(),
                    score(stage, q, text(c, a)),
                    score(stage, q, text(c, b)),
                )
            })
            .collect()
    };
    let pairs = items(set, "pairs")
        .iter()
        .map(|p| {
            let (stage, q) = (text(p, "stage"), text(p, "question"));
            let matched = p["length_matched"].as_bool().unwrap_or(false);
            PairResult {
                id: text(p, "id").to_string(),
                stage: stage.to_string(),
                kind: if matched { "length_matched" } else { "shorter" }.to_string(),
                stronger: score(stage, q, text(p, "stronger")),
                weaker: score(stage, q, text(p, "weaker")),
            }
        })
        .collect();
    let floors = items(set, "floors")
        .iter()
        .map(|c| {
            (
                text(c, "id").to_string(),
                score(text(c, "stage"), text(c, "question"), text(c, "answer")),
                c["max_score"].as_f64().unwrap_or(0.0),
            )
        })
        .collect();
    DevReport {
        pairs,
        salads: two("salad", "reference", "salad"),
        negations: two("negation", "positive", "negated"),
        floors,
    }
}
