//! Facts computed once per answer, whatever the rubric: size, structure, specificity, ownership,
//! filler and hedging. Rubrics draw on them; the overall score uses a few of them directly.

use std::cell::RefCell;
use std::rc::Rc;

use rustc_hash::FxHashSet;
use serde::{Deserialize, Serialize};

use super::judge::{signal_gate, Gate};
use super::lexicon;
use super::prebuilt_rubric::{Engine as Regex, Spans as MatchSpans};
use super::remembered::Remembered;
use super::text::Text;
use crate::rubric::SignalKind;

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct Signals {
    pub words: usize,
    pub sentences: usize,
    /// Words that are neither function words nor filler.
    pub content_words: usize,
    /// Content words that do not just echo the question.
    pub new_content_words: usize,
    /// Share of words that are grammatical glue (0–1); prose sits near 0.4–0.55.
    pub function_word_share: f64,
    pub words_per_sentence: f64,
    /// Numbers, percentages, money and counted time spans.
    pub metrics: usize,
    /// "I" followed by an action ("I pulled", "I'd segment"), not an opinion ("I think").
    pub first_person_actions: usize,
    pub i_count: usize,
    pub we_count: usize,
    /// Share of first-person pronouns that are plural (0–1).
    pub we_share: f64,
    pub fillers: usize,
    pub hedges: usize,
    /// Per 100 words.
    pub filler_rate: f64,
    pub hedge_rate: f64,
    pub questions: usize,
    pub structure_markers: usize,
    pub star: Star,
    /// Counted by the judgement layer in plain words as well as PM terms; absent in cards
    /// saved before it existed.
    #[serde(default)]
    pub tradeoffs: usize,
    #[serde(default)]
    pub decisions: usize,
    #[serde(default)]
    pub checks: usize,
    #[serde(default)]
    pub lessons: usize,
    #[serde(default)]
    pub outcomes: usize,
}

/// Which parts of a Situation–Task–Action–Result story the answer has.
#[derive(Debug, Clone, Copy, Serialize, Deserialize, PartialEq, Eq, Default)]
pub struct Star {
    pub situation: bool,
    pub task: bool,
    pub action: bool,
    pub result: bool,
}

/// Where in the (normalised) text the countable signals were found, so credit drawn from a
/// signal can still show its evidence.
#[derive(Debug, Clone, Default)]
pub struct Spans {
    pub metrics: Vec<(usize, usize)>,
    pub actions: Vec<(usize, usize)>,
    pub tradeoffs: Vec<(usize, usize)>,
    pub decisions: Vec<(usize, usize)>,
    pub checks: Vec<(usize, usize)>,
    pub lessons: Vec<(usize, usize)>,
    pub outcomes: Vec<(usize, usize)>,
}

impl Spans {
    pub fn of(&self, kind: SignalKind) -> &[(usize, usize)] {
        match kind {
            SignalKind::Metrics => &self.metrics,
            SignalKind::FirstPersonActions => &self.actions,
            SignalKind::Tradeoffs => &self.tradeoffs,
            SignalKind::Decisions => &self.decisions,
            SignalKind::Checks => &self.checks,
            SignalKind::Lessons => &self.lessons,
            SignalKind::Outcomes => &self.outcomes,
            _ => &[],
        }
    }
}

/// The regexes signals need, compiled once per scorer.
pub struct SignalMatchers {
    metric: Matcher,
    structure: Matcher,
    situation: Matcher,
    task: Matcher,
    result: Matcher,
}

/// A signal regex, and its place among the patterns the judgement's [`Gate`] reads for.
struct Matcher {
    regex: Regex,
    gated: Option<u16>,
}

impl Matcher {
    fn new(source: &str) -> Matcher {
        Matcher {
            regex: Regex::signal(source),
            gated: signal_gate(source),
        }
    }

    /// Every match in the text `gate` read, searched only where a match could begin when the
    /// gate serves this regex.
    fn find_iter<'r, 'h>(&'r self, gate: &'h Gate<'h>) -> MatchSpans<'r, 'h> {
        let starts = self.gated.map(|p| gate.starts(p));
        self.regex.find_iter_from(gate.text().as_bytes(), starts)
    }
}

impl SignalMatchers {
    pub fn new() -> SignalMatchers {
        use super::signal_patterns::*;
        SignalMatchers {
            metric: Matcher::new(METRIC),
            structure: Matcher::new(STRUCTURE),
            situation: Matcher::new(SITUATION),
            task: Matcher::new(TASK),
            result: Matcher::new(RESULT),
        }
    }
}

impl Default for SignalMatchers {
    fn default() -> Self {
        Self::new()
    }
}

impl Signals {
    /// The signals of `text`, which `gate` read ([`Gate::read`] of `text.lower`): the gate
    /// spares the searches where no match can begin.
    pub(crate) fn compute(
        text: &Text,
        question: &str,
        m: &SignalMatchers,
        gate: &Gate<'_>,
    ) -> (Signals, Spans) {
        let words: Vec<&str> = text.words().collect();
        let question_words = question_words(question);
        let mut content = 0;
        let mut new_content = 0;
        let mut function = 0;
        let mut fillers = 0;
        let mut hedges = 0;
        let (mut i_count, mut we_count) = (0, 0);
        for (k, (w, token)) in words.iter().zip(&text.tokens).enumerate() {
            use lexicon::{FILLER, FUNCTION, HEDGE, NEGATION, OPENS_PAIR};
            let class = token.class;
            let next = words.get(k + 1).copied().unwrap_or("");
            // Only a few words open a two-word filler or hedge; skip the pair lists otherwise.
            let pair_is = |pairs: &[(&str, &str)]| {
                class & OPENS_PAIR != 0 && pairs.iter().any(|(a, b)| a == w && *b == next)
            };
            if class & FILLER != 0 || pair_is(lexicon::FILLER_PAIRS) {
                fillers += 1;
            } else if class & HEDGE != 0 || pair_is(lexicon::HEDGE_PAIRS) {
                hedges += 1;
            }
            if class & FUNCTION != 0 {
                function += 1;
            } else if class & (FILLER | HEDGE | NEGATION) == 0 {
                content += 1;
                if !question_words.contains(*w) {
                    new_content += 1;
                }
            }
            match *w {
                "i" | "i'd" | "i'm" | "i've" | "i'll" | "me" | "my" | "myself" => i_count += 1,
                "we" | "we'd" | "we're" | "we've" | "we'll" | "us" | "our" | "ourselves" => {
                    we_count += 1
                }
                _ => {}
            }
        }
        let n = words.len();
        let per_100 = |count: usize| {
            if n == 0 {
                0.0
            } else {
                round2(count as f64 * 100.0 / n as f64)
            }
        };
        let found = |re: &Matcher| re.find_iter(gate).any(|mt| !text.is_negated(mt.start()));
        let actions = super::actions::first_person_actions(text);
        let metrics: Vec<(usize, usize)> = m
            .metric
            .find_iter(gate)
            .filter(|mt| !text.is_negated(mt.start()))
            .map(|mt| (mt.start(), mt.end()))
            .collect();
        let first_person_actions = actions.len();
        let signals = Signals {
            words: n,
            sentences: text.sentences.len(),
            content_words: content,
            new_content_words: new_content,
            function_word_share: if n == 0 {
                0.0
            } else {
                round2(function as f64 / n as f64)
            },
            words_per_sentence: if text.sentences.is_empty() {
                0.0
            } else {
                round2(n as f64 / text.sentences.len() as f64)
            },
            metrics: metrics.len(),
            first_person_actions,
            i_count,
            we_count,
            we_share: if i_count + we_count == 0 {
                0.0
            } else {
                round2(we_count as f64 / (i_count + we_count) as f64)
            },
            fillers,
            hedges,
            filler_rate: per_100(fillers),
            hedge_rate: per_100(hedges),
            questions: text.sentences.iter().filter(|s| s.is_question).count(),
            structure_markers: m.structure.find_iter(gate).count(),
            star: Star {
                situation: found(&m.situation),
                task: found(&m.task),
                action: first_person_actions > 0,
                result: found(&m.result),
            },
            tradeoffs: 0,
            decisions: 0,
            checks: 0,
            lessons: 0,
            outcomes: 0,
        };
        (
            signals,
            Spans {
                metrics,
                actions,
                ..Spans::default()
            },
        )
    }

    /// The value of a signal a value rubric asked for.
    pub fn get(&self, kind: SignalKind) -> f64 {
        match kind {
            SignalKind::Metrics => self.metrics as f64,
            SignalKind::FirstPersonActions => self.first_person_actions as f64,
            SignalKind::Questions => self.questions as f64,
            SignalKind::FillerRate => self.filler_rate,
            SignalKind::HedgeRate => self.hedge_rate,
            SignalKind::WeShare => self.we_share,
            SignalKind::StructureMarkers => self.structure_markers as f64,
            SignalKind::Tradeoffs => self.tradeoffs as f64,
            SignalKind::Decisions => self.decisions as f64,
            SignalKind::Checks => self.checks as f64,
            SignalKind::Lessons => self.lessons as f64,
            SignalKind::Outcomes => self.outcomes as f64,
        }
    }
}

/// A set of words, by their text.
type Words = FxHashSet<Box<str>>;

/// A question's lower-cased words. Splitting the question afresh for every answer, then
/// looking every answer word up in the list, was a tenth of the signals; each question's set
/// is remembered per thread.
fn question_words(question: &str) -> Rc<Words> {
    thread_local! {
        static SEEN: RefCell<Remembered<Words>> = RefCell::default();
    }
    SEEN.with_borrow_mut(|seen| {
        seen.get(question, 0, || {
            question
                .to_ascii_lowercase()
                .split(|c: char| !(c.is_ascii_alphanumeric() || c == '\'' || c == '-'))
                .filter(|w| !w.is_empty())
                .map(Box::from)
                .collect()
        })
    })
}

pub fn round2(x: f64) -> f64 {
    (x * 100.0).round() / 100.0
}

#[cfg(test)]
mod tests {
    use super::*;

    fn signals(answer: &str) -> Signals {
        let text = Text::new(answer);
        let gate = Gate::read(&text.lower);
        Signals::compute(&text, "", &SignalMatchers::new(), &gate).0
    }

    #[test]
    fn joined_verbs_count_as_the_actions_they_are() {
        let joined = signals("I pulled the logs, compared the two weeks and wrote it up.");
        let apart = signals("I pulled the logs. I compared the two weeks. I wrote it up.");
        assert_eq!(joined.first_person_actions, 3);
        assert_eq!(apart.first_person_actions, 3);
        // A new subject is not the speaker's action.
        assert_eq!(
            signals("I pulled the logs and we shipped it.").first_person_actions,
            1
        );
        // Each "I" counts its own joined verbs, once.
        let two_heads = signals("I pulled the logs, I compared them and wrote it up.");
        assert_eq!(two_heads.first_person_actions, 3);
        let plan = signals("I'd test it in Japan and share the results with them.");
        assert_eq!(plan.first_person_actions, 2);
    }

    #[test]
    fn habits_and_means_are_actions_too() {
        let habit =
            signals("Before a big call, I send my proposal to the people most likely to disagree.");
        assert_eq!(habit.first_person_actions, 1);
        let stated = signals("My first step would be a pilot with 5% of members.");
        assert_eq!(stated.first_person_actions, 1);
        let talk = signals("My first step would be a conversation with engineering.");
        assert_eq!(
            talk.first_person_actions, 0,
            "as vague as 'I'd talk to engineering'"
        );
        let cleft =
            signals("What I did was meet with him, send him updates and ask what worried him.");
        assert_eq!(cleft.first_person_actions, 3);
        assert_eq!(
            signals("I'd start by looking at the data.").first_person_actions,
            0
        );
        assert_eq!(
            signals("I'd start by pulling the logs.").first_person_actions,
            1
        );
        assert_eq!(
            signals("My approach was to understand his view.").first_person_actions,
            0
        );
        let means = signals("I'd get there by hearing each side out.");
        assert_eq!(means.first_person_actions, 1);
        // Opinions stay opinions, whatever follows.
        assert_eq!(
            signals("I think we should ship it.").first_person_actions,
            0
        );
        assert_eq!(signals("I'd look into it.").first_person_actions, 0);
        let question =
            signals("Finally, I'd want to know whether people who skip it like the show less.");
        assert_eq!(question.first_person_actions, 1);
        assert_eq!(
            signals("I'd want to know more about it.").first_person_actions,
            0
        );
        assert_eq!(
            signals("I prefer to own the decision.").first_person_actions,
            1
        );
        assert_eq!(
            signals("I would likely begin with events.").first_person_actions,
            1
        );
        assert_eq!(signals("I try to understand them.").first_person_actions, 0);
        // A goal is not a step.
        assert_eq!(
            signals("I'd improve engagement and grow the catalogue.").first_person_actions,
            0
        );
    }

    #[test]
    fn actions_are_not_opinions() {
        let s =
            signals("I pulled the data. I think it helped. I'd segment users. I did not check.");
        assert_eq!(s.first_person_actions, 2);
    }

    #[test]
    fn metrics_count_numbers_and_spans() {
        let s =
            signals("Failures dropped from 18% to 11%, about $400K a month, over three months.");
        assert!(s.metrics >= 4, "{s:?}");
    }

    #[test]
    fn fillers_and_hedges() {
        let s = signals("um so like you know I think it was kind of fine");
        assert_eq!(s.fillers, 3);
        assert_eq!(s.hedges, 2);
    }
}
