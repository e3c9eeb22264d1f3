//! The floor for batch scoring: the least any scorer of this rubric must do per answer. It reads
//! the same JSON Lines as `mockloop score --batch`, lower-cases and tokenises each answer, and
//! runs one Aho-Corasick scan over the rubric's literal phrases, writing one short line per
//! answer, over the phrases of the answer's stage and the values (what the scorer scans it
//! with, less the question's own concepts). One thread. Nothing it does can be skipped by a real scorer, so `score --batch` per
//! answer over the floor per answer is how far mockloop is from the machine's limit.
//!
//! Run by the `score` bench as its own process (the bench re-executes itself), so both sides of
//! the ratio pay process start, reading and writing alike.

use std::collections::HashMap;
use std::io::{BufRead, BufReader, BufWriter, Write};
use std::path::Path;

use aho_corasick::AhoCorasick;
use regex_syntax::hir::literal::{ExtractKind, Extractor};
use regex_syntax::ParserBuilder;
use serde::Deserialize;

/// The lower-cased literal prefixes of every pattern, as the scorer's automaton holds them.
pub fn phrases(regexes: &[String]) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for raw in regexes {
        let Ok(hir) = ParserBuilder::new()
            .unicode(false)
            .utf8(false)
            .build()
            .parse(raw)
        else {
            continue;
        };
        let mut extractor = Extractor::new();
        extractor.kind(ExtractKind::Prefix);
        if let Some(literals) = extractor.extract(&hir).literals() {
            for l in literals.iter().filter(|l| l.as_bytes().len() >= 2) {
                out.push(String::from_utf8_lossy(l.as_bytes()).to_ascii_lowercase());
            }
        }
    }
    out.sort_unstable();
    out.dedup();
    out
}

#[derive(Deserialize)]
struct Line {
    stage: String,
    #[allow(dead_code)]
    #[serde(default)]
    question: Option<String>,
    answer: String,
}

/// Scans every answer of `input` (JSON Lines) and writes `tokens hits` per answer to stdout.
/// `phrases_file` holds `stage<TAB>phrase` lines; each stage's automaton is built when its first
/// answer arrives, as the scorer builds a stage's group.
pub fn run(phrases_file: &Path, input: &Path) -> std::io::Result<()> {
    let text = std::fs::read_to_string(phrases_file)?;
    let mut by_stage: HashMap<&str, Vec<&str>> = HashMap::new();
    for line in text.lines() {
        if let Some((stage, phrase)) = line.split_once('\t') {
            by_stage.entry(stage).or_default().push(phrase);
        }
    }
    let mut automata: HashMap<String, AhoCorasick> = HashMap::new();
    let reader = BufReader::new(std::fs::File::open(input)?);
    let mut out = BufWriter::new(std::io::stdout().lock());
    for line in reader.lines() {
        let line = line?;
        let item: Line = serde_json::from_str(&line).map_err(std::io::Error::other)?;
        if !automata.contains_key(&item.stage) {
            let phrases = by_stage
                .get(item.stage.as_str())
                .cloned()
                .unwrap_or_default();
            let automaton = AhoCorasick::new(phrases).map_err(std::io::Error::other)?;
            automata.insert(item.stage.clone(), automaton);
        }
        let lower = item.answer.to_ascii_lowercase();
        let tokens = lower
            .split(|c: char| !c.is_ascii_alphanumeric() && c != '\'')
            .filter(|t| !t.is_empty())
            .count();
        let hits = automata[&item.stage].find_overlapping_iter(&lower).count();
        writeln!(out, "{tokens} {hits}")?;
    }
    out.flush()
}
