//! A card's JSON, written straight into a buffer for `score --batch`.
//!
//! Through serde, a card cost a sixth of a batch answer's instructions: serde_json escapes
//! every string byte by byte, and nine tenths of a card's string bytes are field names and the
//! rubric's own text (names, advice, pattern ids), the same in every card. Here a field name is
//! a literal, and a string is copied whole once a branch-free pass finds nothing to escape.
//!
//! The bytes are exactly serde_json's for the same card (a test compares the two on every
//! calibration card), so this writer is a faster path to the `--format json` output, never a
//! second format. Numbers go through serde_json itself, so they are its bytes by construction.

use std::collections::BTreeMap;

use serde::Serialize;

use super::card::{
    Adjustment, CriterionScore, Evidence, Improvement, ScoreCard, Source, ValueScore,
};
use super::signals::Signals;

impl ScoreCard {
    /// Appends the card as one line of compact JSON, byte for byte what
    /// `serde_json::to_writer` writes for it.
    pub fn write_json(&self, out: &mut Vec<u8>) -> serde_json::Result<()> {
        write(out, self)
    }
}

fn write(out: &mut Vec<u8>, card: &ScoreCard) -> serde_json::Result<()> {
    out.extend_from_slice(b"{\"stage\":");
    string(out, &card.stage)?;
    out.extend_from_slice(b",\"question_id\":");
    match &card.question_id {
        Some(id) => string(out, id)?,
        None => out.extend_from_slice(b"null"),
    }
    out.extend_from_slice(b",\"overall\":");
    number(out, &card.overall)?;
    out.extend_from_slice(b",\"band\":\"");
    out.extend_from_slice(card.band.as_str().as_bytes());
    out.extend_from_slice(b"\",\"criteria\":");
    list(out, &card.criteria, criterion)?;
    out.extend_from_slice(b",\"penalties\":");
    list(out, &card.penalties, criterion)?;
    out.extend_from_slice(b",\"values\":");
    map(out, &card.values, value)?;
    let p = &card.parts;
    out.extend_from_slice(b",\"parts\":{\"coverage\":");
    number(out, &p.coverage)?;
    out.extend_from_slice(b",\"keywords\":");
    number(out, &p.keywords)?;
    out.extend_from_slice(b",\"values\":");
    number(out, &p.values)?;
    out.extend_from_slice(b",\"specificity\":");
    number(out, &p.specificity)?;
    out.extend_from_slice(b"},\"adjustments\":");
    list(out, &card.adjustments, adjustment)?;
    out.extend_from_slice(b",\"improvements\":");
    list(out, &card.improvements, improvement)?;
    out.extend_from_slice(b",\"signals\":");
    signals(out, &card.signals)?;
    out.push(b'}');
    Ok(())
}

fn adjustment(out: &mut Vec<u8>, a: &Adjustment) -> serde_json::Result<()> {
    out.extend_from_slice(b"{\"id\":");
    string(out, &a.id)?;
    out.extend_from_slice(b",\"effect\":");
    number(out, &a.effect)?;
    out.extend_from_slice(b",\"reason\":");
    string(out, &a.reason)?;
    out.push(b'}');
    Ok(())
}

fn signals(out: &mut Vec<u8>, s: &Signals) -> serde_json::Result<()> {
    out.extend_from_slice(b"{\"words\":");
    number(out, &s.words)?;
    out.extend_from_slice(b",\"sentences\":");
    number(out, &s.sentences)?;
    out.extend_from_slice(b",\"content_words\":");
    number(out, &s.content_words)?;
    out.extend_from_slice(b",\"new_content_words\":");
    number(out, &s.new_content_words)?;
    out.extend_from_slice(b",\"function_word_share\":");
    number(out, &s.function_word_share)?;
    out.extend_from_slice(b",\"words_per_sentence\":");
    number(out, &s.words_per_sentence)?;
    out.extend_from_slice(b",\"metrics\":");
    number(out, &s.metrics)?;
    out.extend_from_slice(b",\"first_person_actions\":");
    number(out, &s.first_person_actions)?;
    out.extend_from_slice(b",\"i_count\":");
    number(out, &s.i_count)?;
    out.extend_from_slice(b",\"we_count\":");
    number(out, &s.we_count)?;
    out.extend_from_slice(b",\"we_share\":");
    number(out, &s.we_share)?;
    out.extend_from_slice(b",\"fillers\":");
    number(out, &s.fillers)?;
    out.extend_from_slice(b",\"hedges\":");
    number(out, &s.hedges)?;
    out.extend_from_slice(b",\"filler_rate\":");
    number(out, &s.filler_rate)?;
    out.extend_from_slice(b",\"hedge_rate\":");
    number(out, &s.hedge_rate)?;
    out.extend_from_slice(b",\"questions\":");
    number(out, &s.questions)?;
    out.extend_from_slice(b",\"structure_markers\":");
    number(out, &s.structure_markers)?;
    let star = &s.star;
    out.extend_from_slice(b",\"star\":{\"situation\":");
    number(out, &star.situation)?;
    out.extend_from_slice(b",\"task\":");
    number(out, &star.task)?;
    out.extend_from_slice(b",\"action\":");
    number(out, &star.action)?;
    out.extend_from_slice(b",\"result\":");
    number(out, &star.result)?;
    out.extend_from_slice(b"},\"tradeoffs\":");
    number(out, &s.tradeoffs)?;
    out.extend_from_slice(b",\"decisions\":");
    number(out, &s.decisions)?;
    out.extend_from_slice(b",\"checks\":");
    number(out, &s.checks)?;
    out.extend_from_slice(b",\"lessons\":");
    number(out, &s.lessons)?;
    out.extend_from_slice(b",\"outcomes\":");
    number(out, &s.outcomes)?;
    out.push(b'}');
    Ok(())
}

fn criterion(out: &mut Vec<u8>, c: &CriterionScore) -> serde_json::Result<()> {
    out.extend_from_slice(b"{\"id\":");
    string(out, &c.id)?;
    out.extend_from_slice(b",\"name\":");
    string(out, &c.name)?;
    out.extend_from_slice(match c.source {
        Source::Stage => b",\"source\":\"stage\",\"weight\":",
        Source::Question => b",\"source\":\"question\",\"weight\":",
    });
    number(out, &c.weight)?;
    out.extend_from_slice(b",\"score\":");
    number(out, &c.score)?;
    out.extend_from_slice(b",\"points\":");
    number(out, &c.points)?;
    out.extend_from_slice(b",\"evidence\":");
    list(out, &c.evidence, evidence)?;
    // `skip_serializing_if = "Vec::is_empty"` on the card's field.
    if !c.negated.is_empty() {
        out.extend_from_slice(b",\"negated\":");
        list(out, &c.negated, evidence)?;
    }
    out.extend_from_slice(b",\"advice\":");
    string(out, &c.advice)?;
    out.push(b'}');
    Ok(())
}

fn evidence(out: &mut Vec<u8>, e: &Evidence) -> serde_json::Result<()> {
    out.extend_from_slice(b"{\"pattern\":");
    string(out, &e.pattern)?;
    out.extend_from_slice(b",\"start\":");
    number(out, &e.start)?;
    out.extend_from_slice(b",\"end\":");
    number(out, &e.end)?;
    out.extend_from_slice(b",\"text\":");
    string(out, &e.text)?;
    out.push(b'}');
    Ok(())
}

fn value(out: &mut Vec<u8>, v: &ValueScore) -> serde_json::Result<()> {
    out.extend_from_slice(b"{\"name\":");
    string(out, &v.name)?;
    out.extend_from_slice(b",\"score\":");
    number(out, &v.score)?;
    out.extend_from_slice(b",\"evidence\":");
    list(out, &v.evidence, evidence)?;
    out.extend_from_slice(b",\"counter_evidence\":");
    list(out, &v.counter_evidence, evidence)?;
    out.extend_from_slice(b",\"signals\":");
    map(out, &v.signals, number)?;
    out.extend_from_slice(b",\"advice\":");
    string(out, &v.advice)?;
    out.push(b'}');
    Ok(())
}

fn improvement(out: &mut Vec<u8>, i: &Improvement) -> serde_json::Result<()> {
    out.extend_from_slice(b"{\"kind\":\"");
    out.extend_from_slice(i.kind.as_str().as_bytes());
    out.extend_from_slice(b"\",\"id\":");
    string(out, &i.id)?;
    out.extend_from_slice(b",\"name\":");
    string(out, &i.name)?;
    out.extend_from_slice(b",\"advice\":");
    string(out, &i.advice)?;
    out.extend_from_slice(b",\"gain\":");
    number(out, &i.gain)?;
    out.push(b'}');
    Ok(())
}

fn list<T>(
    out: &mut Vec<u8>,
    items: &[T],
    each: fn(&mut Vec<u8>, &T) -> serde_json::Result<()>,
) -> serde_json::Result<()> {
    out.push(b'[');
    for (i, item) in items.iter().enumerate() {
        if i > 0 {
            out.push(b',');
        }
        each(out, item)?;
    }
    out.push(b']');
    Ok(())
}

fn map<K: AsRef<str>, V>(
    out: &mut Vec<u8>,
    entries: &BTreeMap<K, V>,
    each: fn(&mut Vec<u8>, &V) -> serde_json::Result<()>,
) -> serde_json::Result<()> {
    out.push(b'{');
    for (i, (key, item)) in entries.iter().enumerate() {
        if i > 0 {
            out.push(b',');
        }
        string(out, key.as_ref())?;
        out.push(b':');
        each(out, item)?;
    }
    out.push(b'}');
    Ok(())
}

/// A JSON string. Most strings need no escape, and the check reads them without a branch per
/// byte; one that does goes through serde_json, so its escapes are serde_json's.
fn string(out: &mut Vec<u8>, s: &str) -> serde_json::Result<()> {
    if needs_escape(s.as_bytes()) {
        return serde_json::to_writer(&mut *out, s);
    }
    out.reserve(s.len() + 2);
    out.push(b'"');
    out.extend_from_slice(s.as_bytes());
    out.push(b'"');
    Ok(())
}

/// Whether any byte needs a JSON escape. Sixteen bytes at a time without a branch inside, which
/// the compiler turns into vector compares; a byte-at-a-time loop cost a third of the writer.
fn needs_escape(bytes: &[u8]) -> bool {
    let escapes = |any: bool, &b: &u8| any | (b < 0x20) | (b == b'"') | (b == b'\\');
    let mut chunks = bytes.chunks_exact(16);
    for chunk in &mut chunks {
        if chunk.iter().fold(false, escapes) {
            return true;
        }
    }
    chunks.remainder().iter().fold(false, escapes)
}

/// A number or `true`/`false`, as serde_json writes it.
fn number<N: Serialize>(out: &mut Vec<u8>, n: &N) -> serde_json::Result<()> {
    serde_json::to_writer(&mut *out, n)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rubric::RubricSet;
    use crate::score::card::{Band, ImprovementKind, Parts};
    use crate::score::Scorer;

    fn both(card: &ScoreCard) -> (String, String) {
        let mut fast = Vec::new();
        card.write_json(&mut fast).unwrap();
        let serde = serde_json::to_string(card).unwrap();
        (String::from_utf8(fast).unwrap(), serde)
    }

    /// Every shipped calibration case, scored with and without its question: the batch's
    /// bytes are serde_json's.
    #[test]
    fn every_calibration_card_is_written_as_serde_writes_it() {
        let scorer = Scorer::new(RubricSet::builtin().unwrap());
        let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/rubrics/calibration");
        let mut cards = 0;
        for entry in std::fs::read_dir(dir).unwrap() {
            let text = std::fs::read_to_string(entry.unwrap().path()).unwrap();
            let file: serde_json::Value = serde_json::from_str(&text).unwrap();
            for case in file["cases"].as_array().unwrap() {
                let stage = case["stage"].as_str().unwrap();
                let answer = case["answer"].as_str().unwrap();
                for question in [None, case["question"].as_str()] {
                    let Ok(card) = scorer.score(stage, question, answer) else {
                        continue;
                    };
                    let (fast, serde) = both(&card);
                    assert_eq!(fast, serde, "{stage}: {answer}");
                    cards += 1;
                }
            }
        }
        assert!(cards > 100, "only {cards} cards compared");
    }

    /// What the calibration cards may not hold: escapes of every kind, a question id, a
    /// negated match, numbers serde writes as `null`, and no evidence at all.
    #[test]
    fn escapes_and_rare_fields_are_written_as_serde_writes_them() {
        let scorer = Scorer::new(RubricSet::builtin().unwrap());
        let answer = "I said \"no\" \\ then\ttabbed,\u{1} and \u{7f}é — launched \u{2028} it; \
                      we never cut churn by 5%.\r\nNext line.";
        let mut card = scorer.score("behavioral", None, answer).unwrap();
        card.question_id = Some("q-\"1\"\n".into());
        card.overall = f64::NAN;
        card.band = Band::StrongHire;
        card.parts = Parts {
            coverage: f64::INFINITY,
            keywords: -0.0,
            values: 1e21,
            specificity: 1.5e-7,
        };
        card.improvements.push(Improvement {
            kind: ImprovementKind::Penalty,
            id: "a\u{0}b".into(),
            name: "\\".into(),
            advice: "\u{1f}\"".into(),
            gain: 0.1 + 0.2,
        });
        let mut criterion = card.criteria[0].clone();
        criterion.source = Source::Question;
        criterion.negated = criterion.evidence.clone();
        criterion.evidence.clear();
        card.penalties.push(criterion);
        for (value, score) in card.values.values_mut().zip(1..) {
            value.signals.insert("x\"y".into(), f64::from(score) / 3.0);
            value.counter_evidence.clear();
        }
        let (fast, serde) = both(&card);
        assert_eq!(fast, serde);
        assert!(fast.contains(r#""negated":["#), "{fast}");
    }

    #[test]
    fn a_string_needs_an_escape_wherever_its_escape_falls() {
        for len in 0..40 {
            for at in 0..len {
                for bad in [b'"', b'\\', b'\n', 0u8, 0x1f] {
                    let mut bytes = vec![b'a'; len];
                    bytes[at] = bad;
                    assert!(needs_escape(&bytes), "{len} {at} {bad}");
                }
            }
            assert!(!needs_escape(&vec![b' '; len]));
        }
    }
}
