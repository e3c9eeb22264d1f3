//! One writer per session (issue 11, item 2): two processes resuming the same session, and temp
//! files that a planted symlink cannot redirect.

use std::io::Write;
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use crate::common::*;
use serde_json::{json, Value};
use tempfile::TempDir;

const QUESTIONS: usize = 6;

fn binary() -> Command {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_mockloop"));
    cmd.env_remove("MOCKLOOP_RUBRICS")
        .env_remove("MOCKLOOP_SESSIONS")
        .env("COLUMNS", "120");
    cmd
}

/// An unfinished behavioral session with one of [`QUESTIONS`] answered; returns its id.
fn unfinished(dir: &Path) -> String {
    let answers = dir.join("first.json");
    std::fs::write(&answers, json!(["first answer, kept"]).to_string()).unwrap();
    let out = binary()
        .current_dir(dir)
        .args(["run", "--stage", "behavioral", "--questions"])
        .arg(QUESTIONS.to_string())
        .args(["--no-follow-ups", "--seed", "9", "--answers"])
        .arg(&answers)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1), "{}", stderr_of(&out));
    let file = &session_files(&dir.join("sessions"))[0];
    read_json(file)["id"].as_str().unwrap().to_string()
}

fn answers_in(dir: &Path, id: &str) -> Vec<String> {
    let session = read_json(&dir.join("sessions").join(format!("{id}.json")));
    session["questions"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|q| q["answer"].as_str().map(str::to_string))
        .collect()
}

/// Both processes resume at once and answer turn about over pipes, so both are saving while the
/// other runs. An answer is acknowledged when the runner prints "Answered in" (it does so only
/// after the save); every acknowledged answer must be in the file at the end.
/// Returns (acknowledged answers lost, writers refused).
fn race(round: usize) -> (usize, usize) {
    let dir = TempDir::new().unwrap();
    let id = unfinished(dir.path());
    let spawn = || {
        binary()
            .current_dir(dir.path())
            .args(["run", "--resume", &id])
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap()
    };
    let mut children = [spawn(), spawn()];
    let mut pipes: Vec<_> = children
        .iter_mut()
        .map(|c| c.stdin.take().unwrap())
        .collect();
    let sent: Vec<Vec<String>> = (0..2)
        .map(|w| {
            (1..QUESTIONS)
                .map(|q| format!("round {round} writer {w} answer {q}"))
                .collect()
        })
        .collect();
    std::thread::sleep(Duration::from_millis(300));
    // Turn about: writer 0's first answer, writer 1's first, writer 0's second, …
    let turns = (0..QUESTIONS - 1).flat_map(|q| sent.iter().map(move |a| &a[q]).enumerate());
    for (w, answer) in turns {
        // A refused writer has gone: its pipe is closed, which is fine.
        let _ = pipes[w].write_all(format!("{answer}\n\n").as_bytes());
        let _ = pipes[w].flush();
        std::thread::sleep(Duration::from_millis(40));
    }
    drop(pipes);
    let outputs: Vec<_> = children
        .into_iter()
        .map(|c| c.wait_with_output().unwrap())
        .collect();
    let saved = answers_in(dir.path(), &id);
    let (mut lost, mut refused) = (0, 0);
    for (w, out) in outputs.iter().enumerate() {
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(!err.contains("panicked"), "{err}");
        if err.contains("is in use by another mockloop (pid ") {
            refused += 1;
            assert_eq!(out.status.code(), Some(1), "{err}");
        }
        let acknowledged = String::from_utf8_lossy(&out.stdout)
            .matches("Answered in")
            .count();
        lost += sent[w][..acknowledged.min(sent[w].len())]
            .iter()
            .filter(|a| !saved.contains(a))
            .count();
    }
    assert!(saved.contains(&"first answer, kept".to_string()));
    (lost, refused)
}

#[test]
fn two_processes_resuming_one_session_lose_no_answer() {
    let start = Instant::now();
    let (mut lost, mut refused, mut rounds) = (0, 0, 0);
    while rounds < 10 && (rounds < 3 || start.elapsed() < Duration::from_secs(20)) {
        let (l, r) = race(rounds);
        lost += l;
        refused += r;
        rounds += 1;
    }
    println!("two writers: {rounds} rounds, {refused} refused, {lost} acknowledged answers lost");
    assert_eq!(lost, 0, "answers lost in {rounds} rounds");
    assert!(refused > 0, "no round overlapped: the test did not test");
}

#[test]
fn a_second_writer_is_refused_while_the_first_waits_for_input() {
    let dir = TempDir::new().unwrap();
    let id = unfinished(dir.path());
    let mut first = binary()
        .current_dir(dir.path())
        .args(["run", "--resume", &id])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    // Wait until the first has taken the session (its lock file appears).
    let lock = dir.path().join("sessions").join(format!(".{id}.lock"));
    let waited = Instant::now();
    while !lock.exists() && waited.elapsed() < Duration::from_secs(20) {
        std::thread::sleep(Duration::from_millis(20));
    }
    let out = binary()
        .current_dir(dir.path())
        .args(["run", "--resume", &id])
        .stdin(Stdio::null())
        .output()
        .unwrap();
    let err = stderr_of(&out);
    assert_eq!(out.status.code(), Some(1), "{err}");
    let pid = first.id();
    assert!(
        err.contains(&format!(
            "session {id} is in use by another mockloop (pid {pid})"
        )),
        "{err}"
    );
    // The first finishes normally, and the lock dies with it: a third resume works.
    drop(first.stdin.take());
    assert!(first.wait().unwrap().success());
    assert!(!lock.exists(), "lock file removed");
    let out = binary()
        .current_dir(dir.path())
        .args(["run", "--resume", &id])
        .stdin(Stdio::null())
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr_of(&out));
}

#[cfg(unix)]
#[test]
fn planted_symlinks_are_never_written_through() {
    let dir = TempDir::new().unwrap();
    let id = unfinished(dir.path());
    let sessions = dir.path().join("sessions");
    let victim = dir.path().join("victim.txt");
    std::fs::write(&victim, "untouched").unwrap();
    // The old temp name was predictable: `.ID.json.tmp`.
    std::os::unix::fs::symlink(&victim, sessions.join(format!(".{id}.json.tmp"))).unwrap();
    let out = mockloop()
        .current_dir(dir.path())
        .args(["run", "--resume", &id])
        .write_stdin("a second answer\n\n")
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr_of(&out));
    assert_eq!(std::fs::read_to_string(&victim).unwrap(), "untouched");
    let file = sessions.join(format!("{id}.json"));
    assert!(std::fs::symlink_metadata(&file).unwrap().is_file());
    let saved: Value = read_json(&file);
    assert_eq!(saved["questions"][1]["answer"], "a second answer");

    // A link planted at the lock file is refused, not followed.
    std::os::unix::fs::symlink(&victim, sessions.join(format!(".{id}.lock"))).unwrap();
    let out = mockloop()
        .current_dir(dir.path())
        .args(["run", "--resume", &id])
        .write_stdin("a third answer\n\n")
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1), "{}", stdout_of(&out));
    assert!(
        stderr_of(&out).contains("cannot lock session"),
        "{}",
        stderr_of(&out)
    );
    assert_eq!(std::fs::read_to_string(&victim).unwrap(), "untouched");
}
