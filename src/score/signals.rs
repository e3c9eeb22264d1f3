//! Facts computed once per answer, whatever the rubric: size, structure, specificity, ownership,
//! filler and hedging. Rubrics draw on them; the overall score uses a few of them directly.

use serde::{Deserialize, Serialize};

use super::lexicon;
use super::prebuilt_rubric::Engine as Regex;
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
    metric: Regex,
    structure: Regex,
    situation: Regex,
    task: Regex,
    result: Regex,
}

impl SignalMatchers {
    pub fn new() -> SignalMatchers {
        use super::signal_patterns::*;
        SignalMatchers {
            metric: Regex::signal(METRIC),
            structure: Regex::signal(STRUCTURE),
            situation: Regex::signal(SITUATION),
            task: Regex::signal(TASK),
            result: Regex::signal(RESULT),
        }
    }
}

impl Default for SignalMatchers {
    fn default() -> Self {
        Self::new()
    }
}

impl Signals {
    pub fn compute(text: &Text, question: &str, m: &SignalMatchers) -> (Signals, Spans) {
        let words: Vec<&str> = text.words().collect();
        // A question is a dozen words: a slice beats hashing every answer word.
        let question = question.to_ascii_lowercase();
        let question_words: Vec<&str> = question
            .split(|c: char| !(c.is_ascii_alphanumeric() || c == '\'' || c == '-'))
            .filter(|w| !w.is_empty())
            .collect();
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
                if !question_words.contains(w) {
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
        let found = |re: &Regex| {
            re.find_iter(text.lower.as_bytes())
                .any(|mt| !text.is_negated(mt.start()))
        };
        let actions = first_person_actions(text);
        let metrics: Vec<(usize, usize)> = m
            .metric
            .find_iter(text.lower.as_bytes())
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
            structure_markers: m.structure.find_iter(text.lower.as_bytes()).count(),
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

/// "I pulled", "I'd segment", "I quickly wrote": an action the speaker took or would take.
/// Returns each one's span, from "I" to the verb.
fn first_person_actions(text: &Text) -> Vec<(usize, usize)> {
    let tokens = &text.tokens;
    let mut spans = Vec::new();
    for (k, token) in tokens.iter().enumerate() {
        let modal = match text.word(token) {
            "i" => false,
            "i'd" | "i'll" => true,
            _ => continue,
        };
        let mut rest = tokens[k + 1..]
            .iter()
            .filter(|t| t.clause == token.clause)
            .skip_while(|t| {
                let w = text.word(t);
                (w.ends_with("ly") && w.len() > 3) || lexicon::is_adverb(w)
            });
        let Some(mut verb) = rest.next() else {
            continue;
        };
        let mut conditional = modal;
        if matches!(text.word(verb), "would" | "will") {
            conditional = true;
            // "I would then inform": the adverb after the modal is not the verb either.
            let mut next = rest.next();
            while let Some(v) = next.filter(|v| lexicon::is_adverb(text.word(v))) {
                let _ = v;
                next = rest.next();
            }
            match next {
                Some(v) => verb = v,
                None => continue,
            }
        }
        let word = text.word(verb);
        // The token already knows it is a negation; no second lookup on this hot path.
        if verb.class & lexicon::NEGATION != 0 || lexicon::is_non_action(word) {
            continue;
        }
        let past = (word.ends_with("ed") && word.len() > 3) || lexicon::is_irregular_action(word);
        // "I'd look at the data", "I would make sure": what anyone would say, not a plan.
        let vague = conditional && lexicon::is_vague_verb(word);
        if past || (conditional && !vague && word.chars().all(|c| c.is_ascii_alphabetic())) {
            spans.push((token.start, verb.end));
        }
    }
    spans
}

pub fn round2(x: f64) -> f64 {
    (x * 100.0).round() / 100.0
}

#[cfg(test)]
mod tests {
    use super::*;

    fn signals(answer: &str) -> Signals {
        Signals::compute(&Text::new(answer), "", &SignalMatchers::new()).0
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
