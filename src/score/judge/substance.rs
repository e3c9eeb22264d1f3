//! What an answer says, counted in forms that survive rewording: numbers, the speaker's own
//! actions, names, reasons, a decision, a check on the outcome. And what hollows it out:
//! jargon and framework names in place of content, asides and repetition, vanity measures.

use rustc_hash::FxHashSet;
use std::sync::OnceLock;

use super::stem::Stems;
use super::{Hay, Regex};

use super::patterns::*;

use crate::score::lexicon;
use crate::score::signals::{Signals, Spans};
use crate::score::text::{gap_has, Text};

struct Compiled {
    reasoning: Vec<Regex>,
    decision: Regex,
    check: Vec<Regex>,
    sequence: Regex,
    jargon: Regex,
    frameworks: Regex,
    asides: Regex,
    restates: Regex,
    lessons: Regex,
    outcomes: Regex,
    vanity: Regex,
    goal: Regex,
}

fn compiled() -> &'static Compiled {
    static C: OnceLock<Compiled> = OnceLock::new();
    let rx = |s: &str| super::built_in(s);
    C.get_or_init(|| Compiled {
        reasoning: REASONING.iter().map(|s| rx(s)).collect(),
        decision: rx(DECISION),
        check: CHECK.iter().map(|s| rx(s)).collect(),
        sequence: rx(SEQUENCE),
        jargon: rx(JARGON),
        frameworks: rx(FRAMEWORKS),
        asides: rx(ASIDES),
        restates: rx(RESTATES),
        lessons: rx(LESSONS),
        outcomes: rx(OUTCOMES),
        vanity: rx(VANITY),
        goal: rx(GOAL_MEASURES),
    })
}

#[derive(Debug, Clone, Default)]
pub struct Substance {
    pub numbers: usize,
    pub actions: usize,
    pub names: usize,
    pub reasons: usize,
    pub decision: bool,
    pub checks: usize,
    pub sequence: usize,
    pub jargon: Vec<(usize, usize)>,
    pub frameworks: Vec<(usize, usize)>,
    pub asides: Vec<(usize, usize)>,
    pub vanity: Vec<(usize, usize)>,
    pub goal_measures: usize,
    /// The answer opens by handing the question back.
    pub restates: bool,
    /// Share of sentences that mostly repeat what earlier sentences said (0–1).
    pub repetition: f64,
    /// Spans for the signals rubric criteria may draw on.
    pub tradeoff_spans: Vec<(usize, usize)>,
    pub decision_spans: Vec<(usize, usize)>,
    pub check_spans: Vec<(usize, usize)>,
    pub lesson_spans: Vec<(usize, usize)>,
    pub outcome_spans: Vec<(usize, usize)>,
}

fn sat(count: usize, full: f64) -> f64 {
    (count as f64 / full).min(1.0)
}

/// The trade-off family's place among the reasoning patterns.
const TRADEOFFS: usize = 4;

impl Substance {
    pub(crate) fn measure(
        text: &Text,
        hay: Hay<'_>,
        original: &str,
        question: &str,
        signals: &Signals,
        stems: &Stems,
    ) -> Substance {
        let question = question.to_ascii_lowercase();
        let c = compiled();
        let lower = text.lower.as_str();
        let not_negated = |m: &super::Match| !text.is_negated(m.start());
        let spans = |rx: &Regex| -> Vec<(usize, usize)> {
            rx.find_iter(hay)
                .filter(not_negated)
                .map(|m| (m.start(), m.end()))
                .collect()
        };
        // Each family counts once, at its first hit that is not denied.
        let first_hits = |rxs: &[Regex]| -> Vec<(usize, usize)> {
            rxs.iter()
                .filter_map(|rx| rx.find_iter(hay).find(not_negated))
                .map(|m| (m.start(), m.end()))
                .collect()
        };
        // Trade-offs and decisions are counted in full for the signals; that they occur at
        // all is read from those counts, not searched for again.
        let tradeoff_spans = spans(&c.reasoning[TRADEOFFS]);
        let decision_spans = spans(&c.decision);
        let reasons = c
            .reasoning
            .iter()
            .enumerate()
            .filter(|&(k, rx)| match k {
                TRADEOFFS => !tradeoff_spans.is_empty(),
                _ => rx.find_iter(hay).any(|m| not_negated(&m)),
            })
            .count();
        // One span per kind of check, so the count says how many kinds, not how many words.
        let check_spans = first_hits(&c.check);
        Substance {
            numbers: signals.metrics,
            actions: signals.first_person_actions + steps(text),
            names: names(text, original),
            reasons,
            decision: !decision_spans.is_empty(),
            checks: check_spans.len(),
            sequence: c.sequence.find_iter(hay).count(),
            jargon: spans(&c.jargon),
            frameworks: spans(&c.frameworks),
            asides: c
                .asides
                .find_iter(hay)
                .map(|m| (m.start(), m.end()))
                .collect(),
            // A measure the question itself names is the goal, not vanity.
            vanity: spans(&c.vanity)
                .into_iter()
                .filter(|&(a, b)| !question.contains(&lower[a..b]))
                .collect(),
            goal_measures: c.goal.find_iter(hay).filter(not_negated).count(),
            restates: c.restates.is_match(lower.trim_start()),
            repetition: repetition(text, stems),
            tradeoff_spans,
            decision_spans,
            check_spans,
            lesson_spans: spans(&c.lessons),
            outcome_spans: spans(&c.outcomes),
        }
    }

    /// Hands the counts rubric criteria may draw on to the signals, with their spans.
    /// The spans move: nothing reads them here afterwards.
    pub fn fill(&mut self, signals: &mut Signals, spans: &mut Spans) {
        signals.tradeoffs = self.tradeoff_spans.len();
        signals.decisions = self.decision_spans.len();
        signals.checks = self.check_spans.len();
        signals.lessons = self.lesson_spans.len();
        signals.outcomes = self.outcome_spans.len();
        spans.tradeoffs = std::mem::take(&mut self.tradeoff_spans);
        spans.decisions = std::mem::take(&mut self.decision_spans);
        spans.checks = std::mem::take(&mut self.check_spans);
        spans.lessons = std::mem::take(&mut self.lesson_spans);
        spans.outcomes = std::mem::take(&mut self.outcome_spans);
    }

    /// 0–1: how much concrete content the answer carries, whatever its wording or length.
    pub fn score(&self) -> f64 {
        // Reasons and sequence are told with connectives that change with wording, so they
        // weigh less than numbers, own actions and names, which survive any rewording.
        0.28 * sat(self.numbers, 4.0)
            + 0.26 * sat(self.actions, 3.0)
            + 0.12 * sat(self.names, 2.0)
            + 0.10 * sat(self.reasons, 2.0)
            + 0.08 * f64::from(u8::from(self.decision))
            + 0.12 * sat(self.checks, 2.0)
            + 0.04 * sat(self.sequence, 1.0)
    }

    /// Jargon and listed frameworks per 100 words, beyond what a plain answer uses.
    pub fn hollowness(&self, words: usize) -> f64 {
        let words = words.max(40) as f64;
        let jargon = 100.0 * self.jargon.len() as f64 / words;
        let frameworks = self.frameworks.len().saturating_sub(1) as f64;
        (jargon - 1.0).max(0.0) + 1.5 * frameworks + if self.restates { 2.0 } else { 0.0 }
    }

    /// Asides, repeated sentences, and many words per concrete point: words that make an
    /// answer longer, not better.
    pub fn rambling(&self, words: usize) -> f64 {
        let items = (self.numbers
            + self.actions
            + self.names
            + self.checks
            + self.reasons
            + usize::from(self.decision)
            + 1) as f64;
        let wordiness = ((words as f64 / items - 25.0).max(0.0) / 10.0).min(2.0);
        let words = words.max(40) as f64;
        100.0 * self.asides.len() as f64 / words + 4.0 * self.repetition + wordiness
    }

    /// Attention measures offered as success with no goal measure beside them.
    pub fn vanity_only(&self) -> usize {
        self.vanity.len().saturating_sub(2 * self.goal_measures)
    }
}

/// Steps of a plan told as instructions: a step verb opening a sentence or following an
/// ordinal ("Second, build games around the shows"), and the step verbs joined to it in the
/// same sentence ("Offer it to 5% of sign-ups, judge it on revenue and track the share").
fn steps(text: &Text) -> usize {
    let mut count = 0;
    let mut previous_end = 0;
    let mut previous: Option<&str> = None;
    let mut before_previous: Option<&str> = None;
    // Whether this sentence opened with a step, so joined verbs are steps too.
    let mut instructing = false;
    for (k, token) in text.tokens.iter().enumerate() {
        let gap = &text.lower[previous_end..token.start];
        let opens = previous.is_none() || gap_has(gap, b".!?:\n");
        if opens {
            instructing = false;
        }
        // "I would also examine" is the speaker's action, counted as one already.
        let spoken = matches!(
            before_previous,
            Some("i" | "i'd" | "i'll" | "would" | "will" | "we" | "we'd" | "we'll" | "should")
        );
        let after_ordinal = !spoken
            && matches!(
                previous,
                Some(
                    "first"
                        | "second"
                        | "third"
                        | "fourth"
                        | "fifth"
                        | "next"
                        | "then"
                        | "finally"
                        | "also"
                )
            );
        let joined = instructing && (gap.contains(',') || matches!(previous, Some("and")));
        let word = text.word(token);
        // "Test results showed…", "Price is…": a noun opening a sentence, not an instruction.
        let at = |j: usize| text.tokens.get(j).map_or("", |t| text.word(t));
        let verb_like = |w: &str| {
            matches!(
                w,
                "is" | "was"
                    | "are"
                    | "were"
                    | "has"
                    | "had"
                    | "have"
                    | "showed"
                    | "shows"
                    | "show"
                    | "would"
                    | "will"
                    | "came"
                    | "went"
                    | "rose"
                    | "fell"
                    | "dropped"
                    | "suggest"
                    | "suggested"
                    | "of"
            )
        };
        let subject = || verb_like(at(k + 1)) || (at(k + 1).ends_with('s') && verb_like(at(k + 2)));
        if (opens || after_ordinal || joined) && lexicon::is_base_action(word) && !subject() {
            count += 1;
            instructing = true;
        }
        previous_end = token.end;
        before_previous = previous;
        previous = Some(word);
    }
    count
}

/// Capitalised words inside a sentence: people, places, products, companies.
fn names(text: &Text, original: &str) -> usize {
    let mut seen: FxHashSet<&str> = FxHashSet::default();
    let mut previous_end = 0;
    for token in &text.tokens {
        let gap = &text.lower[previous_end..token.start];
        previous_end = token.end;
        let sentence_start = token.start == 0 || gap_has(gap, b".!?:\"'\n");
        if sentence_start {
            continue;
        }
        let (start, _) = text.original_range(token.start, token.end);
        let first = original[start..].chars().next().unwrap_or(' ');
        let word = text.word(token);
        if first.is_uppercase() && !word.starts_with("i'") && word != "i" {
            seen.insert(word);
        }
    }
    seen.len()
}

/// Share of sentences whose content words (by stem) were mostly said already.
fn repetition(text: &Text, stems: &Stems) -> f64 {
    // A content word was said already when its stem's first content word (kept by the stem's
    // first position, the answer's dense number for it) is in an earlier sentence.
    let mut first_content = vec![usize::MAX; stems.list.len()];
    let (mut counted, mut repeated) = (0usize, 0usize);
    let (mut words, mut old) = (0usize, 0usize);
    let mut sentence_start = 0usize;
    let mut previous_end = 0;
    let mut close = |words: usize, old: usize| {
        if words >= 3 {
            counted += 1;
            if old * 10 >= words * 6 {
                repeated += 1;
            }
        }
    };
    for (k, (token, s)) in text.tokens.iter().zip(&stems.list).enumerate() {
        if gap_has(&text.lower[previous_end..token.start], b".!?") {
            close(words, old);
            (words, old, sentence_start) = (0, 0, k);
        }
        previous_end = token.end;
        if token.class == 0 && s.countable {
            words += 1;
            let first = &mut first_content[stems.first[k] as usize];
            old += usize::from(*first < sentence_start);
            *first = (*first).min(k);
        }
    }
    close(words, old);
    if counted == 0 {
        0.0
    } else {
        repeated as f64 / counted as f64
    }
}

#[cfg(test)]
mod tests {
    fn reasons(answer: &str) -> String {
        let counts = crate::score::substance_counts(answer, "");
        counts
            .split(" reas ")
            .nth(1)
            .unwrap_or("")
            .chars()
            .take(1)
            .collect()
    }

    #[test]
    fn a_reason_counts_in_plain_connectives_as_in_formal_ones() {
        assert_eq!(
            reasons("They want one look, which is fair since it's their work."),
            "1"
        );
        assert_eq!(
            reasons("They want one look, a fair concern given it's their work."),
            "1"
        );
        assert_eq!(reasons("A test lets real viewing settle it."), "1");
        assert_eq!(reasons("They want one look. It is their work."), "0");
    }
}
