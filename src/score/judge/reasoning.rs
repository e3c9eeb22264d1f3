//! Reasoning mistakes in case answers that a careful interviewer catches: a p-value read as the
//! chance the change works, shipping on a one-week lift, small samples called significant,
//! percentage points read as percent, a question's own figure left out, a monthly figure
//! reported as a yearly one. Each is found in the answer's words and shown with them.

use std::sync::OnceLock;

use super::{Hay, Regex};

use super::patterns::*;

use crate::score::text::Text;

#[derive(Debug, Clone, PartialEq)]
pub struct Flaw {
    pub id: &'static str,
    pub name: &'static str,
    pub start: usize,
    pub end: usize,
    pub advice: String,
}

fn compiled() -> &'static (Vec<Regex>, Regex, Regex) {
    static C: OnceLock<(Vec<Regex>, Regex, Regex)> = OnceLock::new();
    C.get_or_init(|| {
        (
            RULES.iter().map(|r| super::built_in(r.pattern)).collect(),
            super::built_in(FROM_TO),
            super::built_in(NUMBER),
        )
    })
}

const NUMBER_WORDS: &[(&str, &str)] = &[
    ("2", "two"),
    ("3", "three"),
    ("4", "four"),
    ("5", "five"),
    ("6", "six"),
    ("7", "seven"),
    ("8", "eight"),
    ("9", "nine"),
    ("10", "ten"),
    ("12", "twelve"),
    ("20", "twenty"),
];

pub fn check(text: &Text, hay: Hay<'_>, question: &str) -> Vec<Flaw> {
    let (rules, from_to, number) = compiled();
    let lower = text.lower.as_str();
    let mut flaws = Vec::new();
    for (rule, rx) in RULES.iter().zip(rules) {
        if let Some(m) = rx.find_iter(hay).find(|m| !text.is_negated(m.start())) {
            flaws.push(Flaw {
                id: rule.id,
                name: rule.name,
                start: m.start(),
                end: m.end(),
                advice: rule.advice.to_string(),
            });
        }
    }
    let q = question.to_ascii_lowercase();

    // "From 0.8% to 0.6%" is a 0.2-point drop; calling it "0.2%" misreads points as percent.
    for caps in from_to
        .captures_iter(&q)
        .chain(from_to.captures_iter(lower))
    {
        let (Ok(a), Ok(b)) = (caps[1].parse::<f64>(), caps[2].parse::<f64>()) else {
            continue;
        };
        let diff = (a - b).abs();
        if diff == 0.0 {
            continue;
        }
        let stated = format!("{}%", trim(diff));
        let as_points = format!("{} percentage point", trim(diff));
        if let Some(at) = lower.find(&stated) {
            if !lower.contains(&as_points) && !lower.contains(&format!("{} point", trim(diff))) {
                flaws.push(Flaw {
                    id: "points_as_percent",
                    name: "Percentage points read as percent",
                    start: at,
                    end: at + stated.len(),
                    advice: format!(
                        "From {}% to {}% is a change of {} percentage points, a relative change of {:.0}%.",
                        trim(a),
                        trim(b),
                        trim(diff),
                        100.0 * diff / a.max(b)
                    ),
                });
                break;
            }
        }
    }

    let estimate = q.contains("estimate") || q.contains("how many") || q.contains("how much");
    if estimate {
        // A figure the question gives ("into 10 languages") belongs in the calculation.
        for m in number.find_iter(&q) {
            let n = m.as_str();
            if n.len() > 4 {
                continue;
            }
            let word = NUMBER_WORDS.iter().find(|(d, _)| *d == n).map(|(_, w)| *w);
            if worked(text, n) || word.is_some_and(|w| worked(text, w)) {
                continue;
            }
            let after: String = q[m.end()..]
                .split_whitespace()
                .take(2)
                .collect::<Vec<_>>()
                .join(" ")
                .trim_end_matches(|c: char| c.is_ascii_punctuation())
                .to_string();
            flaws.push(Flaw {
                id: "question_figure_unused",
                name: "A figure from the question left out",
                start: 0,
                end: lower.find(['.', '\n']).unwrap_or(lower.len()).min(80),
                advice: format!(
                    "The question gives {n} {after}; carry it through the calculation."
                ),
            });
        }
        // Asked per year, worked per month: the x12 must appear.
        let yearly = q.contains("year") || q.contains("annual");
        let monthly_work = lower.contains("a month") || lower.contains("per month");
        let scaled = [
            "x 12",
            "x12",
            "* 12",
            "times 12",
            "12 months",
            "twelve",
            "per year",
            "a year",
            "annual",
            "yearly",
        ]
        .iter()
        .any(|s| lower.contains(s));
        if yearly && monthly_work && !scaled {
            let at = lower.find("month").unwrap_or(0);
            flaws.push(Flaw {
                id: "period_mismatch",
                name: "Monthly figure given as yearly",
                start: at,
                end: at + 5,
                advice: "The question asks per year and the working is per month: multiply by 12 before concluding.".to_string(),
            });
        }
    }
    flaws
}

/// Whether a figure takes part in the working: some mention of it shares its clause with an
/// operation ("x 10", "across 10 languages", "for each of the ten"). Naming it in passing
/// ("in one of the ten languages") carries nothing through.
fn worked(text: &Text, figure: &str) -> bool {
    const SYMBOLS: &[&str] = &[" x ", "\u{d7}", "*", "="];
    const WORDS: &[&str] = &[
        "times",
        "multiply",
        "multiplied",
        "divide",
        "divided",
        "across",
        "each",
        "every",
        "per",
        "total",
        "gives",
        "that's",
        "comes",
        "works",
    ];
    let tokens = &text.tokens;
    tokens.iter().filter(|t| text.word(t) == figure).any(|t| {
        let clause: Vec<_> = tokens.iter().filter(|u| u.clause == t.clause).collect();
        let (start, end) = (clause[0].start, clause[clause.len() - 1].end);
        let span = format!(" {} ", &text.lower[start..end]);
        SYMBOLS.iter().any(|w| span.contains(w))
            || clause.iter().any(|u| WORDS.contains(&text.word(u)))
    })
}

fn trim(x: f64) -> String {
    let s = format!("{x:.2}");
    s.trim_end_matches('0').trim_end_matches('.').to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    const QUESTION: &str =
        "Estimate the hours of dubbed audio needed to dub the year's new shows into 10 languages.";

    fn flaws(answer: &str) -> Vec<Flaw> {
        let text = Text::new(answer);
        check(&text, super::super::Gate::read(&text.lower).hay(), QUESTION)
    }

    fn unused_figure(answer: &str) -> bool {
        flaws(answer)
            .iter()
            .any(|f| f.id == "question_figure_unused")
    }

    #[test]
    fn a_figure_from_the_question_must_be_worked_not_just_named() {
        assert!(unused_figure(
            "About 1,450 hours need dubbing, some already in one of the ten languages. So 1,450 hours a year."
        ));
        assert!(!unused_figure(
            "About 1,450 hours need dubbing. Across 10 languages, that's 14,500 hours a year."
        ));
        assert!(!unused_figure(
            "About 1,450 hours need dubbing into each of the ten languages: 14,500 hours."
        ));
        assert!(unused_figure("About 1,450 hours need dubbing a year."));
        let flaws = flaws("About 1,450 hours.");
        assert_eq!(
            flaws[0].advice,
            "The question gives 10 languages; carry it through the calculation."
        );
    }
}
