//! Seeded mutation fuzzing through the real binary (issue 11): session, rubric, answers and
//! batch files are mutated (values swapped for hostile ones, bytes flipped, files cut short) and
//! fed to the commands that read them. No input may make mockloop panic or abort.
//!
//! Same seed, same files: a failure names the seed and the file to reproduce it.
//! `MOCKLOOP_FUZZ_SEED` and `MOCKLOOP_FUZZ_ROUNDS` widen a run by hand.

#![cfg(unix)]

use std::path::{Path, PathBuf};
use std::process::Output;

use crate::common::*;
use serde_json::{json, Value};
use tempfile::TempDir;

/// xorshift64*: small, seeded, and the same on every platform.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
}

fn hostile(rng: &mut Rng) -> Value {
    match rng.below(16) {
        0 => json!(""),
        1 => json!("é".repeat(9)),
        2 => json!("\u{1b}]0;x\u{7}\u{1b}[2J\u{202e}"),
        3 => json!("/../../../../tmp/mockloop-fuzz-escape"),
        4 => json!(-1),
        5 => json!(1e308),
        6 => json!(u64::MAX),
        7 => json!(null),
        8 => json!([]),
        9 => json!({}),
        10 => json!("(?:unclosed"),
        11 => json!("(?:a{1000}){1000}"),
        12 => json!("x".repeat(70_000)),
        13 => json!(true),
        14 => json!("9999-99-99T99:99:99Z"),
        _ => json!(0.0),
    }
}

/// Every node of a JSON value, as a path of keys and indices.
fn paths(v: &Value, here: &mut Vec<Value>, out: &mut Vec<Vec<Value>>) {
    out.push(here.clone());
    match v {
        Value::Object(map) => {
            for (k, child) in map {
                here.push(json!(k));
                paths(child, here, out);
                here.pop();
            }
        }
        Value::Array(items) => {
            for (i, child) in items.iter().enumerate() {
                here.push(json!(i));
                paths(child, here, out);
                here.pop();
            }
        }
        _ => {}
    }
}

/// The node at `path`, if an earlier mutation has not replaced one of its parents.
fn node<'a>(v: &'a mut Value, path: &[Value]) -> Option<&'a mut Value> {
    path.iter().try_fold(v, |v, step| match step {
        Value::String(k) => v.get_mut(k.as_str()),
        Value::Number(i) => v.get_mut(i.as_u64()? as usize),
        _ => None,
    })
}

/// One mutation of `text`: mostly a JSON value swapped (so the file still parses and the
/// checks behind the parser are reached), sometimes raw bytes.
fn mutate(text: &[u8], rng: &mut Rng) -> Vec<u8> {
    let mut bytes = text.to_vec();
    if rng.below(4) > 0 {
        if let Ok(mut v) = serde_json::from_slice::<Value>(text) {
            let mut all = Vec::new();
            paths(&v, &mut Vec::new(), &mut all);
            // Half the time a top-level field (id, status, fingerprint, a stage's title), where
            // one bad value reaches furthest; otherwise any node.
            let shallow: Vec<&Vec<Value>> = all.iter().filter(|p| p.len() == 1).collect();
            for _ in 0..1 + rng.below(3) {
                let path = if rng.below(2) == 0 && !shallow.is_empty() {
                    shallow[rng.below(shallow.len())]
                } else {
                    &all[rng.below(all.len())]
                };
                if path.is_empty() {
                    continue;
                }
                if let Some(slot) = node(&mut v, path) {
                    *slot = hostile(rng);
                }
            }
            return serde_json::to_vec_pretty(&v).unwrap();
        }
    }
    match rng.below(4) {
        0 => {
            let cut = rng.below(bytes.len());
            bytes.truncate(cut);
        }
        1 => {
            for _ in 0..1 + rng.below(8) {
                let i = rng.below(bytes.len());
                bytes[i] = rng.next() as u8;
            }
        }
        2 => {
            let at = rng.below(bytes.len());
            bytes.splice(at..at, [0xff, 0xfe, b'"', b'\\', 0x1b, b'[']);
        }
        _ => {
            let at = rng.below(bytes.len());
            let deep = "[".repeat(10_000);
            bytes.splice(at..at, deep.into_bytes());
        }
    }
    bytes
}

#[derive(Default)]
struct Tally {
    files: usize,
    lines: usize,
    runs: usize,
    panics: Vec<String>,
    aborts: Vec<String>,
    /// Killed by this test after 30 s: a hang or a runaway, not a crash.
    timeouts: Vec<String>,
}

impl Tally {
    fn check(&mut self, what: &str, out: &Output) {
        self.runs += 1;
        let err = String::from_utf8_lossy(&out.stderr);
        if err.contains("panicked") || out.status.code() == Some(101) {
            self.panics.push(format!("{what}: {err}"));
        }
        if out.status.code().is_none() {
            use std::os::unix::process::ExitStatusExt;
            let list = if out.status.signal() == Some(9) {
                &mut self.timeouts
            } else {
                &mut self.aborts
            };
            list.push(format!("{what}: {:?}", out.status));
        }
    }
}

fn run(dir: &Path, args: &[&str], extra: &[&Path]) -> Output {
    let mut cmd = mockloop();
    cmd.current_dir(dir).args(args);
    for p in extra {
        cmd.arg(p);
    }
    cmd.timeout(std::time::Duration::from_secs(30))
        .output()
        .unwrap()
}

fn write(path: &Path, bytes: &[u8]) -> PathBuf {
    std::fs::write(path, bytes).unwrap();
    path.to_path_buf()
}

#[test]
fn mutated_files_never_panic_or_abort() {
    let seed: u64 = std::env::var("MOCKLOOP_FUZZ_SEED")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(0x6d6f_636b_6c6f_6f70);
    let rounds: usize = std::env::var("MOCKLOOP_FUZZ_ROUNDS")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(1);
    let mut rng = Rng(seed);
    let mut tally = Tally::default();
    let work = TempDir::new().unwrap();
    let dir = work.path();

    // Real files to start from.
    let answers = write(
        &dir.join("answers.json"),
        json!([
            STRONG_BEHAVIORAL,
            WEAK_BEHAVIORAL,
            "Thanks; I would like 10% more base.",
            STRONG_BEHAVIORAL,
            WEAK_BEHAVIORAL,
            "Thank you. I am excited, and I would need 450k base to sign this week.",
            STRONG_BEHAVIORAL,
            WEAK_BEHAVIORAL
        ])
        .to_string()
        .as_bytes(),
    );
    mockloop()
        .current_dir(dir)
        .args([
            "run",
            "--stage",
            "behavioral",
            "--stage",
            "offer",
            "--questions",
            "1",
        ])
        .args(["--seed", "1", "--name", "Ada", "--answers"])
        .arg(&answers)
        .assert()
        .success();
    let session = std::fs::read(&session_files(&dir.join("sessions"))[0]).unwrap();
    let answers_text = std::fs::read(&answers).unwrap();
    let batch_line =
        json!({"stage": "behavioral", "question": "bh-influence", "answer": STRONG_BEHAVIORAL})
            .to_string();
    let rubric = rubric_copy();
    let rubric_files = [
        "loop.json",
        "values.json",
        "stages/offer.json",
        "questions/behavioral.json",
    ];

    for round in 0..rounds {
        // Sessions: 150 mutated files in one folder, read by every command that lists them,
        // and a few opened one by one.
        let folder = dir.join(format!("fuzz-sessions-{round}"));
        std::fs::create_dir_all(&folder).unwrap();
        let mut mutated = Vec::new();
        for i in 0..150 {
            let name = format!("20260101-00{:04}-{:04x}.json", i, rng.below(0xffff));
            mutated.push(write(&folder.join(name), &mutate(&session, &mut rng)));
            tally.files += 1;
        }
        for args in [
            &["sessions"][..],
            &["history"],
            &["replay", "--all"],
            &["report", "latest"],
        ] {
            let mut all = args.to_vec();
            all.push("--sessions");
            let out = run(dir, &all, &[&folder]);
            tally.check(&format!("{args:?} over {}", folder.display()), &out);
        }
        for file in mutated.iter().take(6) {
            for args in [&["report"][..], &["replay"], &["run", "--resume"]] {
                let mut all = args.to_vec();
                all.extend(["--sessions", folder.to_str().unwrap()]);
                let out = run(dir, &all, &[file]);
                tally.check(&format!("{args:?} {}", file.display()), &out);
            }
        }

        // Rubrics: one file of the set mutated per run.
        for i in 0..12 {
            let copy = rubric_copy();
            let rel = rubric_files[i % rubric_files.len()];
            let original = std::fs::read(rubric.path().join(rel)).unwrap();
            write(&copy.path().join(rel), &mutate(&original, &mut rng));
            tally.files += 1;
            let args: &[&str] = if i % 2 == 0 {
                &["rubric", "check", "--rubrics"]
            } else {
                &["score", "--stage", "offer", "--rubrics"]
            };
            let answer = write(&dir.join("answer.txt"), STRONG_BEHAVIORAL.as_bytes());
            let extra: Vec<&Path> = if i % 2 == 0 {
                vec![copy.path()]
            } else {
                vec![copy.path(), &answer]
            };
            let out = run(dir, args, &extra);
            tally.check(
                &format!("{args:?} with {rel} mutated (seed {seed}, round {round})"),
                &out,
            );
        }

        // Answers files.
        for _ in 0..8 {
            let file = write(
                &dir.join("mutated-answers.json"),
                &mutate(&answers_text, &mut rng),
            );
            tally.files += 1;
            let out = run(
                dir,
                &[
                    "run",
                    "--stage",
                    "offer",
                    "--questions",
                    "1",
                    "--sessions",
                    "scratch",
                    "--answers",
                ],
                &[&file],
            );
            tally.check(&format!("run --answers (seed {seed}, round {round})"), &out);
        }

        // Batch files: 200 mutated lines in one file.
        let lines: Vec<u8> = (0..200)
            .flat_map(|_| {
                let mut line = mutate(batch_line.as_bytes(), &mut rng);
                line.retain(|b| *b != b'\n');
                line.push(b'\n');
                line
            })
            .collect();
        tally.lines += 200;
        let batch = write(&dir.join("batch.jsonl"), &lines);
        tally.files += 1;
        let out = run(dir, &["score", "--batch"], &[&batch]);
        tally.check("score --batch", &out);
    }

    println!(
        "mutation fuzz (seed {seed:#x}, {rounds} round(s)): {} files and {} batch lines mutated, {} runs, {} panics, {} aborts, {} timeouts",
        tally.files,
        tally.lines,
        tally.runs,
        tally.panics.len(),
        tally.aborts.len(),
        tally.timeouts.len()
    );
    assert!(
        tally.panics.is_empty(),
        "panics:\n{}",
        tally.panics.join("\n")
    );
    assert!(
        tally.aborts.is_empty(),
        "aborts:\n{}",
        tally.aborts.join("\n")
    );
    assert!(
        tally.timeouts.is_empty(),
        "timeouts:\n{}",
        tally.timeouts.join("\n")
    );
    assert!(
        !Path::new("/tmp/mockloop-fuzz-escape.json").exists(),
        "a mutated id wrote outside the sessions folder"
    );
}
