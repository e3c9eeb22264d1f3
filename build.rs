//! Compiles the built-in judgement patterns (`src/score/judge/patterns.rs`) into DFAs ahead of
//! time: compiling them at start-up was half of what one `mockloop score` process spent. The
//! library deserialises them without copying (`src/score/judge/prebuilt.rs`) and compiles any
//! pattern missing here at run time instead.

use std::env;
use std::fmt::Write as _;
use std::path::PathBuf;

use regex_automata::dfa::{dense, regex::Regex};

#[allow(dead_code)]
#[path = "src/score/judge/patterns.rs"]
mod patterns;

#[allow(dead_code)]
#[path = "src/score/judge/ahead.rs"]
mod ahead;

/// A pattern whose DFA would be larger is compiled at run time (a bounded gap such as
/// `[^.]{0,60}` inside an unanchored search multiplies states).
const DFA_LIMIT: usize = 1 << 20;

fn main() {
    for file in [
        "build.rs",
        "src/score/judge/patterns.rs",
        "src/score/judge/ahead.rs",
    ] {
        println!("cargo:rerun-if-changed={file}");
    }
    let out = PathBuf::from(env::var_os("OUT_DIR").expect("cargo sets OUT_DIR"));
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
    for pattern in ahead::all() {
        let built = Regex::builder()
            .dense(
                dense::Config::new()
                    .minimize(false)
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
                writeln!(too_big, "    {pattern:?},").unwrap();
                continue;
            }
        };
        let serialise = |dfa: &dense::DFA<Vec<u32>>| {
            if big_endian {
                dfa.to_bytes_big_endian()
            } else {
                dfa.to_bytes_little_endian()
            }
        };
        let fwd = add(serialise(re.forward()));
        let rev = add(serialise(re.reverse()));
        writeln!(
            table,
            "    ({pattern:?}, ({}, {}), ({}, {})),",
            fwd.0, fwd.1, rev.0, rev.1
        )
        .unwrap();
    }
    std::fs::write(out.join("judge_dfas.bin"), &blob).expect("OUT_DIR is writable");
    let code = format!(
        "/// (pattern, forward DFA, reverse DFA), each as (offset, length) in the blob.\n\
         pub static TABLE: &[(&str, (usize, usize), (usize, usize))] = &[\n{table}];\n\
         /// Patterns whose DFA would pass the size limit, compiled at run time.\n\
         pub static TOO_BIG: &[&str] = &[\n{too_big}];\n"
    );
    std::fs::write(out.join("judge_dfas.rs"), code).expect("OUT_DIR is writable");
}
