//! Does the answer address the question asked? Two checks, both traced to words:
//! the question's own content words (by stem, with a few plain synonyms) must be met in the
//! answer, and what the question asks for by its form (an estimate, a story of your own, a
//! setback rather than a success, feedback you received) must be there.

use std::cell::RefCell;
use std::collections::BTreeSet;
use std::rc::Rc;
use std::sync::OnceLock;

use rustc_hash::FxHashMap;

use super::{Hay, Regex};

use super::patterns::*;

use super::stem::{stem, Stem, Stems};
use crate::score::lexicon;
use crate::score::remembered::Remembered;
use crate::score::text::Text;

/// Question words that say how to answer, not what about. A `match`, not a list searched
/// word by word: it is asked of every word of every answer.
fn is_question_form(word: &str) -> bool {
    matches!(
        word,
        "tell"
            | "time"
            | "describe"
            | "example"
            | "walk"
            | "through"
            | "would"
            | "you"
            | "your"
            | "yours"
            | "netflix"
            | "think"
            | "approach"
            | "handle"
            | "give"
            | "talk"
            | "have"
            | "had"
            | "did"
            | "does"
            | "do"
            | "what"
            | "how"
            | "why"
            | "when"
            | "which"
            | "who"
            | "whether"
            | "said"
            | "say"
            | "want"
            | "wants"
            | "like"
            | "know"
            | "explain"
            | "answer"
            | "recruiter"
            | "asks"
            | "ask"
            | "question"
            | "someone"
            | "something"
            | "situation"
            | "today"
            | "now"
            | "ever"
            | "case"
            | "least"
            | "most"
            | "last"
            | "next"
            | "year"
            | "years"
            | "new"
            | "good"
            | "great"
            | "big"
            | "best"
            | "part"
            | "being"
            | "made"
            | "make"
            | "work"
            | "worked"
            | "working"
            | "team's"
    )
}

pub struct Relevance {
    /// 0–1: 1 when the answer meets the question.
    pub score: f64,
    /// The question's content words.
    pub asked: Vec<String>,
    /// Those the answer met, in the answer's own words.
    pub met: Vec<String>,
    /// What the question asks for by its form that the answer left out.
    pub missing: Vec<String>,
    /// The answer's most frequent content words, to show what it talked about instead.
    pub talked_about: Vec<String>,
}

struct Compiled {
    parties: Vec<(&'static str, Regex)>,
    synonyms: Vec<(Vec<String>, Regex)>,
    intents: Vec<(Regex, Regex)>,
    triumph: Regex,
}

fn compiled() -> &'static Compiled {
    static C: OnceLock<Compiled> = OnceLock::new();
    C.get_or_init(|| Compiled {
        parties: PARTIES
            .iter()
            .map(|(word, rx)| (*word, super::built_in(rx)))
            .collect(),
        synonyms: SYNONYMS
            .iter()
            .map(|(words, rx)| {
                (
                    words.iter().map(|w| stem(w).text.to_string()).collect(),
                    super::built_in(rx),
                )
            })
            .collect(),
        intents: INTENTS
            .iter()
            .map(|i| (super::built_in(i.question), super::built_in(i.answer)))
            .collect(),
        triumph: super::built_in(TRIUMPH),
    })
}

/// What relevance reads off a question alone. A batch asks the same few questions of many
/// answers, and working this out afresh for each was a tenth of judging relevance.
struct Asked {
    /// The question's content words, by stem, in question order ([`question_terms`]).
    terms: Vec<(String, Stem)>,
    /// Per term, the stems of its hyphenated parts longer than three bytes.
    parts: Vec<Vec<Stem>>,
    /// Per term, the synonym families (by place in `Compiled::synonyms`) its stem is among.
    synonyms: Vec<Vec<usize>>,
    /// Per intent, whether the question asks for it.
    asks: Vec<bool>,
    /// The party the question is about (by place in `Compiled::parties`).
    party: Option<usize>,
}

thread_local! {
    static QUESTIONS: RefCell<Remembered<Asked>> = RefCell::default();
}

/// [`Asked`] of `question`, remembered per thread while the stems' numbers hold.
fn asked(question: &str) -> Rc<Asked> {
    let generation = super::stem::generation();
    QUESTIONS
        .with_borrow_mut(|questions| questions.get(question, generation, || work_out(question)))
}

fn work_out(question: &str) -> Asked {
    let c = compiled();
    let terms = question_terms(question);
    let parts = terms
        .iter()
        .map(|(word, _)| {
            word.split('-')
                .map(stem)
                .filter(|p| p.text.len() > 3)
                .collect()
        })
        .collect();
    let synonyms = terms
        .iter()
        .map(|(_, s)| {
            (0..c.synonyms.len())
                .filter(|&k| c.synonyms[k].0.iter().any(|w| **w == *s.text))
                .collect()
        })
        .collect();
    let lower_question = question.to_ascii_lowercase();
    let asks = c
        .intents
        .iter()
        .map(|(q, _)| q.is_match(&lower_question))
        .collect();
    let question_words: Vec<&str> = lower_question
        .split(|ch: char| !ch.is_ascii_alphanumeric())
        .collect();
    // "As a leader", "product manager": the candidate's own role is not another party.
    let own_role = |w: &str| {
        lower_question.contains(&format!("as a {w}"))
            || lower_question.contains(&format!("as an {w}"))
            || lower_question.contains(&format!("product {w}"))
    };
    let party = c
        .parties
        .iter()
        .position(|(w, _)| question_words.contains(w) && !own_role(w));
    Asked {
        terms,
        parts,
        synonyms,
        asks,
        party,
    }
}

/// The question's content words, by stem, in question order.
pub fn question_terms(question: &str) -> Vec<(String, Stem)> {
    let lower = question.to_ascii_lowercase();
    let mut seen = BTreeSet::new();
    let mut out = Vec::new();
    for word in lower.split(|c: char| !(c.is_ascii_alphanumeric() || c == '\'' || c == '-')) {
        let word = word.trim_matches(|c| c == '\'' || c == '-');
        if word.len() < 3
            || lexicon::classify(word) != 0
            || is_question_form(word)
            || word.chars().all(|c| c.is_ascii_digit())
        {
            continue;
        }
        let s = stem(word);
        if seen.insert(s.id) {
            out.push((word.to_string(), s));
        }
    }
    out
}

pub fn judge(
    text: &Text,
    hay: Hay<'_>,
    question: &str,
    stems: &Stems,
    numbers: usize,
) -> Relevance {
    let c = compiled();
    let asked = asked(question);
    let terms = &asked.terms;
    let mut met = Vec::new();
    let mut covered = 0usize;
    // Where each part of a hyphenated stem first occurs (a stem without a hyphen is its own
    // one part, so those are looked up among the stems).
    let mut first_part: FxHashMap<&str, usize> = FxHashMap::default();
    for (k, text) in &stems.hyphenated {
        for part in text.split('-') {
            first_part.entry(part).or_insert(*k);
        }
    }
    let first_as_part = |p: &Stem| {
        let whole = stems.first_of(p);
        let part = first_part.get(&*p.text).copied();
        whole.into_iter().chain(part).min()
    };
    for (t, (_, s)) in terms.iter().enumerate() {
        // Hyphenated question words ("mobile-only") are met by any of their parts' stems too.
        let found = asked.parts[t]
            .iter()
            .filter_map(first_as_part)
            .chain(stems.first_of(s))
            .min()
            .map(|k| &text.tokens[k]);
        if let Some(token) = found {
            covered += 1;
            met.push(text.word(token).to_string());
            continue;
        }
        let synonym = asked.synonyms[t]
            .iter()
            .find_map(|&k| c.synonyms[k].1.find(hay));
        if let Some(m) = synonym {
            covered += 1;
            met.push(m.as_str().to_string());
        }
    }
    // A long question is met by its main words, not all of them.
    let needed = (terms.len() as f64 * 0.4).ceil().max(2.0);
    let lexical = if terms.is_empty() {
        1.0
    } else {
        (covered as f64 / needed).min(1.0)
    };

    let mut missing = Vec::new();
    let mut party_missing = None;
    for ((intent, (_, a)), &asks) in INTENTS.iter().zip(&c.intents).zip(&asked.asks) {
        // Several numbers are an estimate even when the steps are told in words.
        let met_otherwise = intent.name == "estimate" && numbers >= 4;
        if asks && !a.is_match(hay) && !met_otherwise {
            missing.push(intent.missing);
        }
        if intent.name == "setback"
            && asks
            && c.triumph.is_match(hay)
            && !missing.contains(&intent.missing)
        {
            missing.push("the question asks about a setback; the answer is a success story");
        }
    }
    // The one party the question is about (a studio, the recruiter…) must appear in the answer.
    if let Some((word, rx)) = asked.party.map(|p| &c.parties[p]) {
        if !rx.is_match(hay) {
            party_missing = Some(format!(
                "the question is about the {word}; the answer never deals with them"
            ));
        }
    }
    let form_factor = 0.45f64.powi((missing.len() + usize::from(party_missing.is_some())) as i32);
    let mut missing: Vec<String> = missing.into_iter().map(str::to_string).collect();
    // Words alone are a weak test: a good answer may use none of the question's words, and
    // the same answer reworded meets a different share of them. So they weigh little; what
    // the question asks for by its form, and who it is about, weigh most.
    missing.extend(party_missing);
    Relevance {
        score: (0.92 + 0.08 * ((lexical - 0.1) / 0.4).clamp(0.0, 1.0)) * form_factor,
        asked: terms.iter().map(|(w, _)| w.clone()).collect(),
        met,
        missing,
        talked_about: top_words(text, stems, 5),
    }
}

/// The answer's most used content words (ties in first-use order).
fn top_words(text: &Text, stems: &Stems, n: usize) -> Vec<String> {
    // Per stem, by its first position (the answer's dense number for it): how often it is
    // used and its first counted word, which shows it.
    let mut counts: Vec<(u32, usize)> = vec![(0, 0); stems.list.len()];
    for (k, (token, &stem)) in text.tokens.iter().zip(&stems.first).enumerate() {
        let word = text.word(token);
        if token.class != 0
            || word.len() < 4
            || is_question_form(word)
            || word.bytes().any(|c| c.is_ascii_digit())
        {
            continue;
        }
        let (count, first) = &mut counts[stem as usize];
        if *count == 0 {
            *first = k;
        }
        *count += 1;
    }
    counts.retain(|&(count, _)| count > 0);
    counts.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
    counts
        .into_iter()
        .take(n)
        .map(|(_, k)| text.word(&text.tokens[k]).to_string())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::score::judge::Gate;

    fn judged(answer: &str, question: &str) -> (f64, Vec<String>, Vec<String>) {
        let text = Text::new(answer);
        let gate = Gate::read(&text.lower);
        let stems = super::super::stem::stems(text.words());
        let r = judge(&text, gate.hay(), question, &stems, 0);
        (r.score, r.met, r.missing)
    }

    /// A remembered question is judged as a fresh one, even after the stems' memory was
    /// cleared and its numbers given out again.
    #[test]
    fn a_remembered_question_judges_as_a_fresh_one_across_a_memory_clear() {
        let question = "Tell me about a time you cut churn on the mobile-only plan";
        let answer =
            "We cut mobile churn by pricing the plan lower; the mobile-only tier kept users.";
        let fresh = judged(answer, question);
        assert_eq!(judged(answer, question), fresh, "remembered");
        // Fill the memory past its bound: the next answer's stems clear it first.
        for n in 0..super::super::stem::REMEMBERED {
            stem(&format!("filler{n}"));
        }
        // Another answer first, so the numbers are given out in another order.
        judged(
            "Onboarding changed, revenue grew, and the plan kept its price.",
            "Why?",
        );
        assert_eq!(judged(answer, question), fresh, "after a clear");
        assert!(
            !fresh.1.is_empty(),
            "the question's words were met: {fresh:?}"
        );
    }
}
