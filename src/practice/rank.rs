//! Ranking weaknesses across sessions: how often each criterion and value was missed where it
//! applied, what that cost, and whether it is getting better.

use super::compact::{Compact, Label, Row, Tables};
use super::facts::QuoteAt;
use super::{Kind, Missed, Weakness, WEAKEST_CRITERIA};
use crate::score::formula::round1;

/// Places kept to quote from, so that two weaknesses need not show the same line.
const QUOTE_CHOICES: usize = 4;

/// One criterion or value over every session.
struct Entry {
    applied: usize,
    missed: usize,
    gain_sum: f64,
    /// Its mean score in each session where it applied, oldest first.
    by_session: Vec<f64>,
    /// The best places to quote from, best first: (session position, where in it).
    quotes: Vec<(usize, QuoteAt)>,
}

impl Entry {
    /// A miss seen once is weaker evidence than a run of misses: one imagined met answer is
    /// added, so 1 of 1 ranks below 5 of 6.
    fn miss_rate(&self) -> f64 {
        self.missed as f64 / (self.applied + 1) as f64
    }

    fn cost(&self) -> f64 {
        self.gain_sum / self.applied.max(1) as f64
    }

    fn trend(&self) -> Option<f64> {
        let n = self.by_session.len();
        if n < 2 {
            return None;
        }
        let half = n / 2;
        let mean = |xs: &[f64]| xs.iter().sum::<f64>() / xs.len() as f64;
        Some(round1(
            mean(&self.by_session[n - half..]) - mean(&self.by_session[..half]),
        ))
    }
}

/// The weakest criteria (or concepts) and the weakest value, each with where to quote from.
pub(super) fn weakest(
    sessions: &[&Compact],
    tables: &Tables,
) -> Vec<(Weakness, Vec<(usize, QuoteAt)>)> {
    let mut entries: Vec<Option<Entry>> = Vec::new();
    entries.resize_with(tables.labels.len(), || None);
    for (position, facts) in sessions.iter().enumerate() {
        for &Row(label, applied, missed, score_sum, gain_sum, quote) in &facts.rows {
            let Some(slot) = entries.get_mut(label as usize) else {
                continue;
            };
            let e = slot.get_or_insert_with(|| Entry {
                applied: 0,
                missed: 0,
                gain_sum: 0.0,
                by_session: Vec::new(),
                quotes: Vec::new(),
            });
            e.applied += applied as usize;
            e.missed += missed as usize;
            e.gain_sum += gain_sum;
            e.by_session.push(score_sum / f64::from(applied.max(1)));
            // At equal strength the later session wins: what the candidate says now.
            if let Some(q) = quote {
                e.quotes.push((position, q));
                e.quotes.sort_by(|(pa, a), (pb, b)| {
                    (b.strength, pb)
                        .cmp(&(a.strength, pa))
                        .then(b.gain.total_cmp(&a.gain))
                });
                e.quotes.truncate(QUOTE_CHOICES);
            }
        }
    }
    let mut ranked: Vec<(&Label, Entry)> = entries
        .into_iter()
        .zip(&tables.labels)
        .filter_map(|(e, label)| e.filter(|e| e.missed > 0).map(|e| (label, e)))
        .collect();
    ranked.sort_by(|(la, a), (lb, b)| {
        b.miss_rate()
            .total_cmp(&a.miss_rate())
            .then_with(|| b.cost().total_cmp(&a.cost()))
            .then_with(|| (la.kind, &la.id).cmp(&(lb.kind, &lb.id)))
    });
    let criteria = ranked
        .iter()
        .filter(|(l, _)| l.kind != Kind::Value)
        .take(WEAKEST_CRITERIA);
    let value = ranked.iter().filter(|(l, _)| l.kind == Kind::Value).take(1);
    criteria
        .chain(value)
        .map(|(label, e)| {
            let weakness = Weakness {
                id: label.id.clone(),
                name: label.name.clone(),
                kind: label.kind,
                missed: Missed {
                    times: e.missed,
                    of: e.applied,
                },
                cost: round1(e.cost()),
                trend: e.trend(),
                advice: label.advice.clone(),
                quote: None,
            };
            (weakness, e.quotes.clone())
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn entry(applied: usize, missed: usize, by_session: Vec<f64>) -> Entry {
        Entry {
            applied,
            missed,
            gain_sum: 0.0,
            by_session,
            quotes: Vec::new(),
        }
    }

    #[test]
    fn a_run_of_misses_outranks_a_single_one() {
        assert!(entry(6, 5, vec![]).miss_rate() > entry(1, 1, vec![]).miss_rate());
    }

    #[test]
    fn trend_is_later_half_minus_earlier_half() {
        assert_eq!(entry(3, 0, vec![20.0, 90.0, 60.0]).trend(), Some(40.0));
        assert_eq!(
            entry(4, 0, vec![80.0, 60.0, 40.0, 20.0]).trend(),
            Some(-40.0)
        );
        assert_eq!(entry(1, 1, vec![0.0]).trend(), None);
    }
}
