//! Session and rubric files turned against the user (issue 11): ids that point outside the
//! sessions folder, `sessions rm` on other files, non-ASCII fingerprints, escape sequences and
//! bidi controls in any text, clear errors, and what `latest` means.

use std::path::{Path, PathBuf};

use crate::common::*;
use serde_json::{json, Value};
use tempfile::TempDir;

/// An unfinished one-stage session (one of two answers given); returns its file.
fn unfinished(dir: &Path) -> PathBuf {
    let answers = dir.join("one-answer.json");
    std::fs::write(&answers, json!([STRONG_BEHAVIORAL]).to_string()).unwrap();
    mockloop()
        .current_dir(dir)
        .args(["run", "--stage", "behavioral", "--questions", "2"])
        .args(["--no-follow-ups", "--seed", "3", "--answers"])
        .arg(&answers)
        .assert()
        .code(1);
    let files = session_files(&dir.join("sessions"));
    assert_eq!(files.len(), 1);
    files[0].clone()
}

fn run_in(dir: &Path, args: &[&str]) -> std::process::Output {
    mockloop().current_dir(dir).args(args).output().unwrap()
}

fn no_panic(out: &std::process::Output) {
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(!err.contains("panicked"), "{err}");
    assert_ne!(out.status.code(), Some(101), "{err}");
}

#[test]
fn a_session_id_cannot_point_outside_the_sessions_folder() {
    let dir = TempDir::new().unwrap();
    let outside = TempDir::new().unwrap();
    let file = unfinished(dir.path());
    let pwned = outside.path().join("pwned");
    edit_json(&file, |v| v["id"] = json!(pwned.to_str().unwrap()));

    let out = mockloop()
        .current_dir(dir.path())
        .args(["run", "--resume"])
        .arg(&file)
        .write_stdin("an answer\n\n")
        .output()
        .unwrap();
    no_panic(&out);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stderr_of(&out).contains("is not a session id"),
        "{}",
        stderr_of(&out)
    );
    let written: Vec<_> = std::fs::read_dir(outside.path()).unwrap().collect();
    assert!(written.is_empty(), "nothing written outside: {written:?}");

    // Listed as invalid, with a warning, not shown as a session.
    let out = run_in(dir.path(), &["sessions", "--format", "json"]);
    no_panic(&out);
    let rows: Vec<Value> = serde_json::from_slice(&out.stdout).unwrap();
    assert!(rows.is_empty(), "{rows:?}");
    assert!(stderr_of(&out).contains("is not a session id"));
}

#[test]
fn sessions_rm_deletes_only_session_files_inside_the_folder() {
    let dir = TempDir::new().unwrap();
    let kept = unfinished(dir.path());
    let elsewhere = TempDir::new().unwrap();
    let notes = elsewhere.path().join("notes.txt");
    std::fs::write(&notes, "mine").unwrap();
    // A session file, but in another folder.
    let copy = elsewhere.path().join(kept.file_name().unwrap());
    std::fs::copy(&kept, &copy).unwrap();

    for target in [&notes, &copy] {
        let out = mockloop()
            .current_dir(dir.path())
            .args(["sessions", "rm", "--yes"])
            .arg(target)
            .output()
            .unwrap();
        no_panic(&out);
        assert_eq!(out.status.code(), Some(1), "{}", stdout_of(&out));
        assert!(
            stderr_of(&out).contains("is not a session file in the sessions folder"),
            "{}",
            stderr_of(&out)
        );
        assert!(target.exists(), "{} kept", target.display());
    }
    // Its own session file still goes.
    let out = mockloop()
        .current_dir(dir.path())
        .args(["sessions", "rm", "--yes", "latest"])
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr_of(&out));
    assert!(!kept.exists());
}

#[test]
fn a_non_ascii_fingerprint_is_listed_not_a_panic() {
    let dir = TempDir::new().unwrap();
    let file = unfinished(dir.path());
    edit_json(&file, |v| v["rubric_fingerprint"] = json!("ééééééééé"));
    let out = run_in(dir.path(), &["sessions"]);
    no_panic(&out);
    assert!(out.status.success(), "{}", stderr_of(&out));
    assert!(stdout_of(&out).contains("éééééééé"));
}

const HOSTILE: &str = "\u{1b}]0;pwned\u{7}\u{1b}[2J\u{202e}evil\u{2066}";

fn clean(text: &str, what: &str) {
    for bad in ['\u{1b}', '\u{7}', '\u{202e}', '\u{2066}', '\u{9b}'] {
        assert!(
            !text.contains(bad),
            "{what} contains U+{:04X}:\n{text}",
            bad as u32
        );
    }
}

#[test]
fn no_escape_sequence_or_bidi_control_reaches_the_terminal_or_a_document() {
    let rubric = rubric_copy();
    let r = rubric.path();
    edit_json(&r.join("loop.json"), |v| {
        for stage in v["stages"].as_array_mut().unwrap() {
            stage["title"] = json!(format!("Title {HOSTILE}"));
            stage["brief"] = json!(format!("Brief {HOSTILE}"));
        }
        let moves = v["offer_template"]["counter_moves"].as_array_mut().unwrap();
        for m in moves {
            *m = json!(format!("Counter {HOSTILE}"));
        }
    });
    for stage in ["behavioral", "offer"] {
        edit_json(&r.join(format!("stages/{stage}.json")), |v| {
            for c in v["criteria"].as_array_mut().unwrap() {
                c["name"] = json!(format!("Name {HOSTILE}"));
                c["advice"] = json!(format!("Advice {HOSTILE}"));
            }
        });
        edit_json(&r.join(format!("questions/{stage}.json")), |v| {
            for q in v["questions"].as_array_mut().unwrap() {
                q["text"] = json!(format!("Question {HOSTILE}"));
                for f in q["follow_ups"].as_array_mut().into_iter().flatten() {
                    f["prompt"] = json!(format!("Follow-up {HOSTILE}"));
                }
            }
        });
    }
    let dir = TempDir::new().unwrap();
    let answers = dir.path().join("answers.json");
    let replies: Vec<String> = (0..12)
        .map(|i| format!("{STRONG_BEHAVIORAL} {i} {HOSTILE}"))
        .collect();
    std::fs::write(&answers, json!(replies).to_string()).unwrap();
    let out = mockloop()
        .current_dir(dir.path())
        .args(["run", "--stage", "behavioral", "--stage", "offer"])
        .args(["--questions", "1", "--feedback", "each", "--seed", "5"])
        .args(["--name", HOSTILE, "--rubrics"])
        .arg(r)
        .arg("--answers")
        .arg(&answers)
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr_of(&out));
    clean(&stdout_of(&out), "run");
    assert!(
        stdout_of(&out).contains("\\u{1b}]0;pwned"),
        "shown, not obeyed"
    );

    let session = session_files(&dir.path().join("sessions"))[0].clone();
    // A draft restored from a session file is shown for editing the same way.
    edit_json(&session, |v| {
        v["status"] = json!("unfinished");
        let q = &mut v["questions"][1];
        q["done"] = json!(false);
        q["draft"] = json!(HOSTILE);
    });
    for args in [
        vec!["sessions"],
        vec!["history"],
        vec!["report", "latest"],
        vec!["report", "latest", "--format", "markdown"],
        vec!["report", "latest", "--format", "html"],
        vec!["replay", "latest", "--transcript"],
        vec!["run", "--resume", "latest"],
    ] {
        let out = mockloop()
            .current_dir(dir.path())
            .env("COLUMNS", "60")
            .arg("--rubrics")
            .arg(r)
            .args(&args)
            .write_stdin("")
            .output()
            .unwrap();
        no_panic(&out);
        clean(&stdout_of(&out), &args.join(" "));
        clean(&stderr_of(&out), &args.join(" "));
    }
}

#[test]
fn disk_and_folder_errors_are_clear_and_said_once() {
    let dir = TempDir::new().unwrap();
    // A sessions path that is a file.
    std::fs::write(dir.path().join("sessions"), "").unwrap();
    for args in [
        &["sessions"][..],
        &["history"],
        &["run", "--stage", "behavioral"],
    ] {
        let out = run_in(dir.path(), args);
        assert_eq!(out.status.code(), Some(1), "{args:?}");
        assert!(
            stderr_of(&out).contains("is a file, not a folder"),
            "{args:?}: {}",
            stderr_of(&out)
        );
    }
    // A missing sessions folder.
    let empty = TempDir::new().unwrap();
    for args in [&["sessions"][..], &["history"]] {
        let out = run_in(empty.path(), args);
        assert_eq!(out.status.code(), Some(1), "{args:?}");
        assert!(
            stderr_of(&out).contains("does not exist"),
            "{args:?}: {}",
            stderr_of(&out)
        );
    }
    // A disk error's cause once, not twice.
    #[cfg(target_os = "linux")]
    {
        let out = mockloop()
            .current_dir(dir.path())
            .args(["history", "-o", "/dev/full"])
            .args(["--sessions"])
            .arg(unfinished_folder().path().join("sessions"))
            .output()
            .unwrap();
        let err = stderr_of(&out);
        assert_eq!(out.status.code(), Some(1), "{err}");
        assert_eq!(err.matches("No space left on device").count(), 1, "{err}");
    }
}

fn unfinished_folder() -> TempDir {
    let dir = TempDir::new().unwrap();
    unfinished(dir.path());
    dir
}

#[test]
fn an_escape_sequence_in_a_bad_value_is_not_printed_raw() {
    let dir = TempDir::new().unwrap();
    let file = unfinished(dir.path());
    edit_json(&file, |v| v["status"] = json!(HOSTILE));
    for args in [&["report", file.to_str().unwrap()][..], &["sessions"]] {
        let out = run_in(dir.path(), args);
        assert!(stderr_of(&out).contains("unknown"), "{}", stderr_of(&out));
        clean(&stderr_of(&out), "an error");
    }
}

#[test]
fn values_from_a_file_are_shortened_in_errors() {
    let dir = TempDir::new().unwrap();
    let file = unfinished(dir.path());
    let secret = format!("sk_live_{}", "Q".repeat(300));
    edit_json(&file, |v| v["status"] = json!(secret));
    let out = run_in(dir.path(), &["report", file.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1));
    let err = stderr_of(&out);
    assert!(err.contains("sk_live_QQQ"), "{err}");
    assert!(!err.contains(&secret), "the whole value is echoed: {err}");
    assert!(err.len() < 600, "{err}");
}

#[test]
fn latest_is_the_newest_started_valid_session() {
    let dir = TempDir::new().unwrap();
    let file = unfinished(dir.path());
    let sessions = dir.path().join("sessions");
    let id = read_json(&file)["id"].as_str().unwrap().to_string();
    // An older session whose file name sorts last, and a broken file named later still.
    let mut older = read_json(&file);
    older["id"] = json!("29991231-235959-ffff");
    older["started_at"] = json!("2001-01-01T00:00:00Z");
    older["candidate"] = json!("Old");
    std::fs::write(
        sessions.join("29991231-235959-ffff.json"),
        older.to_string(),
    )
    .unwrap();
    std::fs::write(sessions.join("29991231-235959-fffe.json"), "{ broken").unwrap();

    let out = run_in(dir.path(), &["report", "latest", "--format", "json"]);
    assert!(out.status.success(), "{}", stderr_of(&out));
    let report: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(report["session_id"], json!(id), "{report}");
}

#[test]
fn a_huge_name_or_question_is_cut_on_screen_not_wrapped_for_a_minute() {
    let dir = TempDir::new().unwrap();
    let file = unfinished(dir.path());
    edit_json(&file, |v| {
        v["candidate"] = json!("x".repeat(70_000));
        v["questions"][0]["question"] = json!("q".repeat(100_000));
    });
    for args in [&["sessions"][..], &["report", "latest"]] {
        let started = std::time::Instant::now();
        let out = run_in(dir.path(), args);
        assert!(out.status.success(), "{args:?}: {}", stderr_of(&out));
        assert!(
            started.elapsed() < std::time::Duration::from_secs(15),
            "{args:?} took {:?}",
            started.elapsed()
        );
        // Cut on screen: neither the name nor the question is printed whole.
        let shown = stdout_of(&out).len();
        assert!(shown < 30_000, "{args:?} printed {shown} bytes");
    }
}
