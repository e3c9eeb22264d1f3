//! Progress across completed sessions: overall and each value per session, oldest first, with
//! the best, the mean, the latest and the trend.

use std::collections::BTreeMap;
use std::path::PathBuf;

use chrono::{DateTime, NaiveDate, Utc};
use serde::Serialize;

use crate::score::formula::round1;
use crate::session::summary::{mean, Summary};
use crate::session::Status;

#[derive(Debug, Clone, Default)]
pub struct Filter {
    /// Sessions started on or after this day (UTC).
    pub since: Option<NaiveDate>,
    /// Only sessions that practised this stage; their overall is that stage's mean.
    pub stage: Option<String>,
    /// Only this candidate (case-insensitive).
    pub name: Option<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct Point {
    pub session_id: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub candidate: Option<String>,
    pub started_at: DateTime<Utc>,
    pub overall: f64,
    pub values: BTreeMap<String, f64>,
}

#[derive(Debug, Clone, Serialize)]
pub struct Series {
    /// `overall` or a value id.
    pub id: String,
    pub scores: Vec<f64>,
    pub best: f64,
    pub mean: f64,
    pub latest: f64,
    /// Least-squares slope: points gained per session (positive is improving).
    pub trend: f64,
}

#[derive(Debug, Clone, Serialize)]
pub struct History {
    pub sessions: Vec<Point>,
    pub series: Vec<Series>,
    /// Files that could not be read, with why.
    pub skipped: Vec<(PathBuf, String)>,
}

/// Reads every file's summary, in parallel, one file per worker at a time.
pub fn read_summaries(
    paths: &[PathBuf],
    tick: &(dyn Fn() + Sync),
) -> (Vec<Summary>, Vec<(PathBuf, String)>) {
    let results =
        crate::parallel::map_files(paths, |p| Summary::read(p).map_err(|e| e.to_string()), tick);
    let (mut ok, mut skipped) = (Vec::new(), Vec::new());
    for (path, r) in paths.iter().zip(results) {
        match r {
            Ok(s) => ok.push(s),
            Err(why) => skipped.push((path.clone(), why)),
        }
    }
    (ok, skipped)
}

pub fn history(mut summaries: Vec<Summary>, filter: &Filter, value_ids: &[String]) -> History {
    summaries.sort_by(|a, b| {
        a.started_at
            .cmp(&b.started_at)
            .then_with(|| a.id.cmp(&b.id))
    });
    let sessions: Vec<Point> = summaries
        .into_iter()
        .filter(|s| s.status == Status::Complete)
        .filter(|s| {
            filter
                .since
                .is_none_or(|day| s.started_at.date_naive() >= day)
        })
        .filter(|s| {
            let want = filter.name.as_deref().map(str::to_lowercase);
            want.is_none_or(|w| s.candidate.as_deref().map(str::to_lowercase) == Some(w))
        })
        .filter_map(|s| {
            let overall = match &filter.stage {
                Some(stage) => mean(s.stage_scores.get(stage)?)?,
                None => s.overall?,
            };
            Some(Point {
                session_id: s.id,
                candidate: s.candidate,
                started_at: s.started_at,
                overall: round1(overall),
                values: s.values.into_iter().map(|(k, v)| (k, round1(v))).collect(),
            })
        })
        .collect();
    let mut series = vec![stats(
        "overall",
        sessions.iter().map(|p| p.overall).collect(),
    )];
    for id in value_ids {
        let scores = sessions
            .iter()
            .map(|p| p.values.get(id).copied().unwrap_or(0.0))
            .collect();
        series.push(stats(id, scores));
    }
    History {
        sessions,
        series,
        skipped: Vec::new(),
    }
}

fn stats(id: &str, scores: Vec<f64>) -> Series {
    let n = scores.len() as f64;
    let avg = mean(&scores).unwrap_or(0.0);
    let trend = if scores.len() < 2 {
        0.0
    } else {
        let x_mean = (n - 1.0) / 2.0;
        let (num, den) = scores
            .iter()
            .enumerate()
            .fold((0.0, 0.0), |(num, den), (i, y)| {
                let dx = i as f64 - x_mean;
                (num + dx * (y - avg), den + dx * dx)
            });
        num / den
    };
    Series {
        id: id.to_string(),
        best: round1(scores.iter().copied().fold(0.0, f64::max)),
        mean: round1(avg),
        latest: scores.last().copied().unwrap_or(0.0),
        trend: round1(trend),
        scores,
    }
}

/// Eight levels of a 0-100 score, for a one-line chart in the terminal.
pub fn sparkline(scores: &[f64]) -> String {
    const BARS: [char; 8] = ['▁', '▂', '▃', '▄', '▅', '▆', '▇', '█'];
    scores
        .iter()
        .map(|s| BARS[((s.clamp(0.0, 100.0) / 100.0) * 7.0).round() as usize])
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn trend_is_the_least_squares_slope() {
        assert_eq!(stats("x", vec![40.0, 50.0, 60.0]).trend, 10.0);
        assert_eq!(stats("x", vec![70.0]).trend, 0.0);
        let s = stats("x", vec![60.0, 40.0, 50.0]);
        assert_eq!(
            (s.best, s.mean, s.latest, s.trend),
            (60.0, 50.0, 50.0, -5.0)
        );
    }

    #[test]
    fn sparkline_spans_the_scale() {
        assert_eq!(sparkline(&[0.0, 50.0, 100.0]), "▁▅█");
    }
}
