//! Compiles the built-in judgement patterns (`src/score/judge/patterns.rs`) into DFAs ahead of
//! time: compiling them at start-up was half of what one `mockloop score` process spent. The
//! library deserialises them without copying (`src/score/judge/prebuilt.rs`) and compiles any
//! pattern missing here at run time instead.

use std::env;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use regex_automata::dfa::{dense, regex::Regex};

#[allow(dead_code)]
#[path = "src/score/judge/patterns.rs"]
mod patterns;

#[allow(dead_code)]
#[path = "src/score/judge/ahead.rs"]
mod ahead;

#[allow(dead_code)]
#[path = "src/score/literals.rs"]
mod literals;

#[path = "src/score/signal_patterns.rs"]
mod signal_patterns;

/// A pattern whose DFA would be larger is compiled at run time (a bounded gap such as
/// `[^.]{0,60}` inside an unanchored search multiplies states).
const DFA_LIMIT: usize = 1 << 20;

fn main() {
    for file in [
        "build.rs",
        "src/score/judge/patterns.rs",
        "src/score/judge/ahead.rs",
        "src/score/literals.rs",
        "src/score/signal_patterns.rs",
        "rubrics",
    ] {
        println!("cargo:rerun-if-changed={file}");
    }
    let out = PathBuf::from(env::var_os("OUT_DIR").expect("cargo sets OUT_DIR"));
    judge_dfas(&out);
    rubric_literals(&out);
}

fn judge_dfas(out: &Path) {
    let big_endian = env::var("CARGO_CFG_TARGET_ENDIAN").as_deref() == Ok("big");
    let mut blob: Vec<u8> = Vec::new();
    let mut table = String::new();
    let mut too_big = String::new();
    let mut add = |bytes: (Vec<u8>, usize)| -> (usize, usize) {
        // Every DFA starts on an 8-byte boundary of the blob, which is itself 8-aligned.
        blob.resize(blob.len().next_multiple_of(8), 0);
        let start = blob.len();
        blob.extend_from_slice(&bytes.0[bytes.1..]);
        (start, blob.len() - start)
    };
    let serialise = |dfa: &dense::DFA<Vec<u32>>| {
        if big_endian {
            dfa.to_bytes_big_endian()
        } else {
            dfa.to_bytes_little_endian()
        }
    };
    // The gate: one automaton over the first bytes of the first literals of every pattern that
    // has them, so one pass over an answer tells which patterns can match at all and where
    // each could begin. Each head lists the patterns it begins.
    let mut gate = Gate::default();
    for pattern in ahead::all() {
        let built = Regex::builder()
            .dense(
                dense::Config::new()
                    .minimize(true)
                    .dfa_size_limit(Some(DFA_LIMIT))
                    .determinize_size_limit(Some(DFA_LIMIT)),
            )
            .build(&ahead::ascii(pattern));
        let re = match built {
            Ok(re) => re,
            Err(e) => {
                // A pattern that is wrong fails the build here rather than the first answer;
                // one that is right but whose DFA is too big is compiled at run time.
                if let Err(wrong) = regex_automata::nfa::thompson::NFA::new(&ahead::ascii(pattern))
                {
                    panic!("built-in judgement pattern {pattern}: {wrong}");
                }
                let _ = e; // over DFA_LIMIT; a test names every such pattern
                let loose = loose_dfa(&ahead::ascii(pattern)).map(|dfa| add(serialise(&dfa)));
                writeln!(too_big, "    ({pattern:?}, {loose:?}),").unwrap();
                continue;
            }
        };
        let fwd = add(serialise(re.forward()));
        let rev = add(serialise(re.reverse()));
        let gated = gate.admit(first_literals(&ahead::ascii(pattern)));
        writeln!(
            table,
            "    ({pattern:?}, ({}, {}), ({}, {}), {gated}),",
            fwd.0, fwd.1, rev.0, rev.1
        )
        .unwrap();
    }
    // The signals' regexes too, read as they are compiled (bytes, no Unicode).
    let mut signal_gates = String::new();
    for source in {
        use signal_patterns::*;
        [METRIC, STRUCTURE, SITUATION, TASK, RESULT]
    } {
        let hir = regex_syntax::ParserBuilder::new()
            .unicode(false)
            .utf8(false)
            .build()
            .parse(source)
            .expect("a signal regex parses");
        let gated = gate.admit(heads(&hir));
        writeln!(signal_gates, "    ({source:?}, {gated}),").unwrap();
    }
    let Gate {
        heads: gate_heads,
        gated,
    } = gate;
    std::fs::write(out.join("judge_gate.bin"), automaton(gate_heads.keys()))
        .expect("OUT_DIR is writable");
    let mut gate_owners = String::new();
    let mut gate_list = String::new();
    let mut listed = 0;
    for owners in gate_heads.values() {
        writeln!(gate_owners, "    ({listed}, {}),", owners.len()).unwrap();
        for owner in owners {
            write!(gate_list, "{owner}, ").unwrap();
        }
        listed += owners.len();
    }
    std::fs::write(out.join("judge_dfas.bin"), &blob).expect("OUT_DIR is writable");
    let code = format!(
        "/// (pattern, forward DFA, reverse DFA, each as (offset, length) in the blob, and the\n\
         /// pattern's place among the gated ones).\n\
         pub static TABLE: &[super::Entry] = &[\n{table}];\n\
         /// For each head in the gate (`judge_gate.bin`), its patterns' place in GATE_LIST.\n\
         pub static GATE_HEADS: &[(u32, u32)] = &[\n{gate_owners}];\n\
         /// The gated patterns each head begins.\n\
         pub static GATE_LIST: &[u16] = &[{gate_list}];\n\
         /// The signals' regexes and their places among the gated patterns.\n\
         pub static SIGNAL_GATES: &[(&str, Option<u16>)] = &[\n{signal_gates}];\n\
         /// How many patterns the gate serves.\n\
         pub static GATED: usize = {gated};\n\
         /// Patterns whose DFA would pass the size limit, compiled at run time, each with a\n\
         /// DFA of a looser pattern (`loose_dfa` in build.rs): where that finds nothing, the\n\
         /// pattern cannot match, and most answers need no run-time compile at all.\n\
         pub static TOO_BIG: &[super::Gated] = &[\n{too_big}];\n"
    );
    std::fs::write(out.join("judge_dfas.rs"), code).expect("OUT_DIR is writable");
}

/// The gate's heads as they are gathered: each head, and the gated patterns it begins.
#[derive(Default)]
struct Gate {
    heads: std::collections::BTreeMap<Vec<u8>, Vec<usize>>,
    gated: usize,
}

impl Gate {
    /// Admits a pattern with these heads, if it has them; its place among the gated patterns,
    /// as the table writes it (`Some(n)` or `None`).
    fn admit(&mut self, heads: Option<Vec<Vec<u8>>>) -> String {
        let Some(heads) = heads else {
            return "None".to_string();
        };
        for head in heads {
            self.heads.entry(head).or_default().push(self.gated);
        }
        self.gated += 1;
        format!("Some({})", self.gated - 1)
    }
}

/// The literals one of which every match of `pattern` begins with, when there is such a finite
/// set of literals of two bytes or more. Extracted from the very syntax the pattern's DFA is
/// built from, so no match can begin anywhere else.
fn first_literals(pattern: &str) -> Option<Vec<Vec<u8>>> {
    heads(&regex_syntax::Parser::new().parse(pattern).ok()?)
}

/// The heads of the literals every match of `hir` begins with (see `first_literals`).
fn heads(hir: &regex_syntax::hir::Hir) -> Option<Vec<Vec<u8>>> {
    use regex_syntax::hir::literal::{ExtractKind, Extractor};
    let mut extractor = Extractor::new();
    // The word lists (jargon, reasons) run to a few hundred phrases.
    extractor.kind(ExtractKind::Prefix).limit_total(2_000);
    let literals = extractor.extract(hir).literals()?.to_vec();
    // A single byte would read most places in an answer as a candidate, but a digit is rare
    // in prose: figures (`\d[\d,.]*%`) are gated on their first digit.
    let long_enough = |l: &regex_syntax::hir::literal::Literal| match l.as_bytes() {
        [b] => b.is_ascii_digit(),
        bytes => bytes.len() >= 2,
    };
    if literals.is_empty() || !literals.iter().all(long_enough) {
        return None;
    }
    // Every match begins with the first few bytes of one of its literals too; the gate needs
    // no more than that, and short heads keep its automaton small enough to stay in cache.
    let mut heads: Vec<Vec<u8>> = literals
        .iter()
        .map(|l| l.as_bytes()[..l.as_bytes().len().min(GATE_HEAD)].to_vec())
        .collect();
    heads.sort_unstable();
    heads.dedup();
    Some(heads)
}

/// How many leading bytes of a first literal the gate looks for: four made twice the false
/// candidates (a common word such as "the " before a rarer phrase) and eight saved little more
/// (measured when the gate was a DFA).
const GATE_HEAD: usize = 6;

/// Every prefix literal of the given patterns, each once, in a fixed order.
fn shared_literals(patterns: &std::collections::BTreeSet<String>) -> Vec<Vec<u8>> {
    let mut all = std::collections::BTreeSet::new();
    for raw in patterns {
        if let Ok(literals::Analysis {
            prefixes: Some((literals, _)),
            ..
        }) = literals::analyse(raw)
        {
            all.extend(literals);
        }
    }
    all.into_iter().collect()
}

/// A double-array Aho-Corasick automaton over `literals` (values: their positions), serialised.
/// Without its 2-gram prefilter: English text holds nearly every 2-gram the rubric's phrases
/// start with, so the filter would skip little, and it adds 64 KB to copy at start-up.
fn automaton<P: AsRef<[u8]>>(literals: impl IntoIterator<Item = P>) -> Vec<u8> {
    daachorse::DoubleArrayAhoCorasickBuilder::new()
        .use_prefilter(false)
        .build::<_, _, u32>(literals)
        .expect("the literals build one automaton")
        .serialize()
}

/// A double-array trie over `literals` (sorted, each once; values: their positions),
/// serialised: the literals that begin at a place are read off one walk from its root.
fn trie(literals: &[Vec<u8>]) -> Vec<u8> {
    let keys: Vec<(&[u8], u32)> = (0u32..)
        .zip(literals)
        .map(|(id, l)| (l.as_slice(), id))
        .collect();
    yada::builder::DoubleArrayBuilder::build(&keys).expect("the literals build one trie")
}

/// A DFA for a looser form of `pattern`, one whose bounded repetitions over 8 are unbounded:
/// it matches wherever the pattern does (and more), and stays small where `[^.]{0,60}`
/// multiplies the pattern's own states past any use.
fn loose_dfa(pattern: &str) -> Option<dense::DFA<Vec<u32>>> {
    use regex_syntax::hir::{Capture, Hir, HirKind, Repetition};
    fn loosen(hir: &Hir) -> Hir {
        match hir.kind() {
            HirKind::Repetition(rep) => Hir::repetition(Repetition {
                max: rep.max.filter(|&max| max <= 8),
                sub: Box::new(loosen(&rep.sub)),
                ..rep.clone()
            }),
            HirKind::Capture(cap) => Hir::capture(Capture {
                sub: Box::new(loosen(&cap.sub)),
                ..cap.clone()
            }),
            HirKind::Concat(subs) => Hir::concat(subs.iter().map(loosen).collect()),
            HirKind::Alternation(subs) => Hir::alternation(subs.iter().map(loosen).collect()),
            _ => hir.clone(),
        }
    }
    let hir = regex_syntax::Parser::new().parse(pattern).ok()?;
    let nfa = regex_automata::nfa::thompson::Compiler::new()
        .build_from_hir(&loosen(&hir))
        .ok()?;
    dense::Builder::new()
        .configure(
            dense::Config::new()
                .minimize(true)
                .dfa_size_limit(Some(DFA_LIMIT))
                .determinize_size_limit(Some(DFA_LIMIT)),
        )
        .build_from_nfa(&nfa)
        .ok()
}

/// Every built-in rubric pattern with its [`literals::analyse`], so building a stage's group
/// parses none of them, and DFAs for those a scan runs as regexes, so it compiles none. A
/// pattern that does not parse is left out: the library reports it.
fn rubric_literals(out: &Path) {
    let mut patterns = std::collections::BTreeSet::new();
    // The stages' and the values' patterns: their literals share one trie.
    let mut shared_patterns = std::collections::BTreeSet::new();
    for dir in ["rubrics", "rubrics/stages", "rubrics/questions"] {
        let Ok(entries) = std::fs::read_dir(dir) else {
            continue;
        };
        for entry in entries.flatten() {
            let path = entry.path();
            if path.extension().is_some_and(|e| e == "json") {
                let text = std::fs::read_to_string(&path).expect("a rubric file reads");
                // A file that is not JSON is the library's to report.
                if let Ok(json) = serde_json::from_str::<serde_json::Value>(&text) {
                    collect_regexes(&json, &mut patterns);
                    if dir != "rubrics/questions" {
                        collect_regexes(&json, &mut shared_patterns);
                    }
                }
            }
        }
    }
    // Offsets, not references: a table of references would need a relocation per pattern and
    // per literal each time the program starts.
    let mut text = String::new();
    let mut bytes: Vec<u8> = Vec::new();
    let mut entries = String::new();
    let mut lits = String::new();
    let mut lit_count = 0;
    let mut dfas = Dfas::default();
    // One trie over the stages' and values' literals: building a stage's automaton at
    // start-up was half of what one `mockloop score` process spent.
    let shared = shared_literals(&shared_patterns);
    std::fs::write(out.join("rubric_shared.bin"), trie(&shared)).expect("OUT_DIR is writable");
    let shared_id: std::collections::HashMap<&[u8], usize> = shared
        .iter()
        .enumerate()
        .map(|(id, l)| (l.as_slice(), id))
        .collect();
    for raw in &patterns {
        let Ok(analysis) = literals::analyse(raw) else {
            continue;
        };
        dfas.add(raw, &analysis);
        let at = text.len();
        text.push_str(raw);
        let (prefixed, exact, literals) = match &analysis.prefixes {
            Some((literals, exact)) => (true, *exact, literals.as_slice()),
            None => (false, false, &[][..]),
        };
        let first = lit_count;
        for literal in literals {
            let id = shared_id
                .get(literal.as_slice())
                .map_or(u32::MAX, |&id| id as u32);
            writeln!(lits, "    ({}, {}, {id}),", bytes.len(), literal.len()).unwrap();
            bytes.extend_from_slice(literal);
            lit_count += 1;
        }
        writeln!(
            entries,
            "    ({at}, {}, {}, {prefixed}, {exact}, {first}, {}),",
            raw.len(),
            analysis.matches_empty,
            literals.len()
        )
        .unwrap();
    }
    std::fs::write(out.join("rubric_patterns.txt"), &text).expect("OUT_DIR is writable");
    std::fs::write(out.join("rubric_literals.bin"), &bytes).expect("OUT_DIR is writable");
    let code = format!(
        "pub static ENTRIES: &[super::Entry] = &[\n{entries}];\n\
         pub static LITERALS: &[(u32, u32, u32)] = &[\n{lits}];\n\
         pub static SHARED_LITERALS: usize = {};\n",
        shared.len()
    );
    std::fs::write(out.join("rubric_literals.rs"), code).expect("OUT_DIR is writable");
    dfas.signals();
    std::fs::write(out.join("rubric_dfas.bin"), &dfas.blob).expect("OUT_DIR is writable");
    let code = format!(
        "/// (source, forward DFA, reverse DFA when searched in full), as (offset, length).\n\
         pub static TABLE: &[super::DfaEntry] = &[\n{}];\n\
         /// The signals' regexes: (source, forward DFA, reverse DFA).\n\
         pub static SIGNALS: &[super::SignalEntry] = &[\n{}];\n",
        dfas.table, dfas.signals
    );
    std::fs::write(out.join("rubric_dfas.rs"), code).expect("OUT_DIR is writable");
}

/// The rubric patterns' DFAs, as `matcher` would build their regexes: anchored only for a
/// pattern with prefix literals, in full for one without. A pattern that is exactly its
/// literals needs its regex so rarely that it gets none; one too big for a DFA is compiled at
/// run time.
#[derive(Default)]
struct Dfas {
    blob: Vec<u8>,
    table: String,
    signals: String,
}

impl Dfas {
    fn add(&mut self, raw: &str, analysis: &literals::Analysis) {
        use regex_automata::dfa::StartKind;
        use regex_automata::nfa::thompson::WhichCaptures;
        if analysis.matches_empty {
            return;
        }
        let anchored = match &analysis.prefixes {
            Some((_, true)) => return,
            Some((_, false)) => true,
            None => false,
        };
        let source = literals::whole_words(raw);
        let config = dense::Config::new()
            .minimize(true)
            .dfa_size_limit(Some(RUBRIC_DFA_LIMIT))
            .determinize_size_limit(Some(RUBRIC_DFA_LIMIT));
        let syntax = regex_automata::util::syntax::Config::new()
            .case_insensitive(true)
            .unicode(false)
            .utf8(false);
        let thompson = regex_automata::nfa::thompson::Config::new()
            .utf8(false)
            .which_captures(WhichCaptures::None);
        let (fwd, rev) = if anchored {
            let built = dense::Builder::new()
                .configure(config.start_kind(StartKind::Anchored))
                .syntax(syntax)
                .thompson(thompson)
                .build(&source);
            let Ok(dfa) = built else { return };
            (self.push(&dfa), None)
        } else {
            let Some((fwd, rev)) = self.full(&source, syntax) else {
                return;
            };
            (fwd, Some(rev))
        };
        writeln!(self.table, "    ({source:?}, {fwd:?}, {rev:?}),").unwrap();
    }

    /// The signals' fixed regexes, as `regex::bytes` would compile them (no Unicode).
    fn signals(&mut self) {
        use signal_patterns::*;
        let syntax = regex_automata::util::syntax::Config::new()
            .unicode(false)
            .utf8(false);
        for source in [METRIC, STRUCTURE, SITUATION, TASK, RESULT] {
            let (fwd, rev) = self
                .full(source, syntax)
                .unwrap_or_else(|| panic!("signal regex {source} does not build as a DFA"));
            writeln!(self.signals, "    ({source:?}, {fwd:?}, {rev:?}),").unwrap();
        }
    }

    /// Forward and reverse DFAs for a search in full.
    fn full(
        &mut self,
        source: &str,
        syntax: regex_automata::util::syntax::Config,
    ) -> Option<((usize, usize), (usize, usize))> {
        let thompson = regex_automata::nfa::thompson::Config::new()
            .utf8(false)
            .which_captures(regex_automata::nfa::thompson::WhichCaptures::None);
        let re = Regex::builder()
            .dense(
                dense::Config::new()
                    .minimize(true)
                    .dfa_size_limit(Some(RUBRIC_DFA_LIMIT))
                    .determinize_size_limit(Some(RUBRIC_DFA_LIMIT)),
            )
            .syntax(syntax)
            .thompson(thompson)
            .build(source)
            .ok()?;
        Some((self.push(re.forward()), self.push(re.reverse())))
    }

    fn push(&mut self, dfa: &dense::DFA<Vec<u32>>) -> (usize, usize) {
        let (bytes, pad) = if env::var("CARGO_CFG_TARGET_ENDIAN").as_deref() == Ok("big") {
            dfa.to_bytes_big_endian()
        } else {
            dfa.to_bytes_little_endian()
        };
        self.push_bytes(&bytes[pad..])
    }

    /// Appends on an 8-byte boundary of the blob, which is itself 8-aligned.
    fn push_bytes(&mut self, bytes: &[u8]) -> (usize, usize) {
        self.blob.resize(self.blob.len().next_multiple_of(8), 0);
        let start = self.blob.len();
        self.blob.extend_from_slice(bytes);
        (start, self.blob.len() - start)
    }
}

/// Rubric patterns are small; one that is not is rare enough to compile at run time.
const RUBRIC_DFA_LIMIT: usize = 256 << 10;

/// Every string under a `regex` key, at any depth.
fn collect_regexes(json: &serde_json::Value, into: &mut std::collections::BTreeSet<String>) {
    match json {
        serde_json::Value::Object(map) => {
            for (key, value) in map {
                match (key.as_str(), value) {
                    ("regex", serde_json::Value::String(raw)) => {
                        into.insert(raw.clone());
                    }
                    _ => collect_regexes(value, into),
                }
            }
        }
        serde_json::Value::Array(items) => items.iter().for_each(|v| collect_regexes(v, into)),
        _ => {}
    }
}
