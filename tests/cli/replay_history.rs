//! `mockloop sessions`, `replay` and `history`, and reading older session files.

use std::path::{Path, PathBuf};

use crate::common::*;
use predicates::prelude::*;
use serde_json::{json, Value};
use tempfile::TempDir;

const WEAK: &str = "We had some meetings and things went fairly well in the end I think.";
const MEDIUM: &str =
    "At my last company I was the PM. I pulled the data and proposed a fix; we shipped it.";

/// One finished behavioral session per answer, oldest first; returns the session files.
fn sessions(dir: &Path, answers: &[&str], name: &str) -> Vec<PathBuf> {
    for (i, answer) in answers.iter().enumerate() {
        let file = dir.join(format!("a{i}.json"));
        std::fs::write(&file, serde_json::to_string(&[answer]).unwrap()).unwrap();
        mockloop()
            .current_dir(dir)
            .args([
                "run",
                "--stage",
                "behavioral",
                "--questions",
                "1",
                "--no-follow-ups",
                "--seed",
                "4",
                "--name",
                name,
                "--answers",
            ])
            .arg(&file)
            .assert()
            .success();
        // Ids carry the start second; keep sessions in distinct seconds so "newest" is clear.
        std::thread::sleep(std::time::Duration::from_millis(1100));
    }
    session_files(&dir.join("sessions"))
}

fn cmd(dir: &Path, args: &[&str]) -> std::process::Output {
    mockloop().current_dir(dir).args(args).output().unwrap()
}

#[test]
fn sessions_lists_newest_first_and_skips_a_corrupt_file_with_a_warning() {
    let dir = TempDir::new().unwrap();
    let files = sessions(dir.path(), &[WEAK, STRONG_BEHAVIORAL], "Ada");
    std::fs::write(
        dir.path().join("sessions/20200101-000000-dead.json"),
        "{ truncated",
    )
    .unwrap();
    let out = cmd(dir.path(), &["sessions", "--format", "json"]);
    assert!(out.status.success());
    let rows: Vec<Value> = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(rows.len(), 2);
    assert_eq!(rows[0]["id"], read_json(&files[1])["id"], "newest first");
    assert_eq!(rows[0]["status"], "complete");
    assert_eq!(rows[0]["candidate"], "Ada");
    assert!(rows[0]["overall"].as_f64().unwrap() > rows[1]["overall"].as_f64().unwrap());
    let err = stderr_of(&out);
    assert_eq!(err.lines().count(), 1, "one warning line: {err}");
    assert!(err.contains("20200101-000000-dead.json") && err.contains("not a valid session file"));
}

#[test]
fn sessions_rm_needs_confirmation_or_yes() {
    let dir = TempDir::new().unwrap();
    let files = sessions(dir.path(), &[WEAK], "Ada");
    mockloop()
        .current_dir(dir.path())
        .args(["sessions", "rm", "latest"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains("pass --yes"));
    assert!(files[0].exists());
    mockloop()
        .current_dir(dir.path())
        .args(["sessions", "rm", "latest", "--yes"])
        .assert()
        .success()
        .stdout(predicate::str::contains("Deleted"));
    assert!(!files[0].exists());
    mockloop()
        .current_dir(dir.path())
        .args(["sessions", "rm", "nope", "--yes"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains("no session `nope`"));
}

#[test]
fn replay_with_a_heavier_weight_moves_the_score_up_and_never_touches_the_session() {
    let dir = TempDir::new().unwrap();
    let files = sessions(dir.path(), &[MEDIUM], "Ada");
    let before_bytes = std::fs::read(&files[0]).unwrap();
    // The answer shows a personal action but no reflection: weighting action up must raise it.
    let rubric = rubric_copy();
    edit_json(&rubric.path().join("stages/behavioral.json"), |v| {
        for c in v["criteria"].as_array_mut().unwrap() {
            if c["id"] == "personal_action" {
                c["weight"] = json!(6.0);
            }
        }
    });
    let out = mockloop()
        .current_dir(dir.path())
        .args(["replay", "latest", "--format", "json", "--rubrics"])
        .arg(rubric.path())
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr_of(&out));
    assert!(
        stderr_of(&out).contains("was scored with rubric"),
        "says the rubric differs"
    );
    let r: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_ne!(r["fingerprint_then"], r["fingerprint_now"]);
    assert!(
        r["overall_after"].as_f64().unwrap() > r["overall_before"].as_f64().unwrap(),
        "{r}"
    );
    assert_eq!(
        std::fs::read(&files[0]).unwrap(),
        before_bytes,
        "the session file is unchanged"
    );

    // With the same rubric nothing moves.
    let same: Value =
        serde_json::from_slice(&cmd(dir.path(), &["replay", "latest", "--format", "json"]).stdout)
            .unwrap();
    assert_eq!(same["overall_after"], same["overall_before"]);
    assert_eq!(same["fingerprint_then"], same["fingerprint_now"]);
}

#[test]
fn replay_all_summarises_and_skips_bad_files() {
    let dir = TempDir::new().unwrap();
    sessions(dir.path(), &[WEAK, MEDIUM], "Ada");
    std::fs::write(dir.path().join("sessions/20200101-000000-0000.json"), "").unwrap();
    std::fs::write(
        dir.path().join("sessions/20200101-000000-0001.json"),
        r#"{"schema_version": 7}"#,
    )
    .unwrap();
    let rubric = rubric_copy();
    edit_json(&rubric.path().join("loop.json"), |v| {
        v["bands"] = json!({"no_hire": 1, "hire": 2, "strong_hire": 3})
    });
    let out = mockloop()
        .current_dir(dir.path())
        .args(["replay", "--all", "--rubrics"])
        .arg(rubric.path())
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr_of(&out));
    let text = stdout_of(&out);
    assert!(
        text.contains("2 sessions replayed") && text.contains("sessions change band"),
        "{text}"
    );
    let err = stderr_of(&out);
    assert_eq!(err.lines().count(), 2, "{err}");
    assert!(
        err.contains("20200101-000000-0001.json") && err.contains("newer mockloop"),
        "{err}"
    );
}

#[test]
fn transcript_plays_the_session_back() {
    let dir = TempDir::new().unwrap();
    sessions(dir.path(), &[MEDIUM], "Ada");
    mockloop()
        .current_dir(dir.path())
        .args(["replay", "latest", "--transcript"])
        .assert()
        .success()
        .stdout(
            predicate::str::contains("== Behavioral ==")
                .and(predicate::str::contains("«I pulled»"))
                .and(predicate::str::contains("of 4:00")),
        );
}

#[test]
fn history_over_three_sessions_has_the_recorded_scores_and_their_trend() {
    let dir = TempDir::new().unwrap();
    let files = sessions(dir.path(), &[WEAK, MEDIUM, STRONG_BEHAVIORAL], "Ada");
    let recorded: Vec<f64> = files
        .iter()
        .map(|f| {
            read_json(f)["questions"][0]["card"]["overall"]
                .as_f64()
                .unwrap()
        })
        .collect();
    let out = cmd(dir.path(), &["history", "--format", "json"]);
    assert!(out.status.success(), "{}", stderr_of(&out));
    let h: Value = serde_json::from_slice(&out.stdout).unwrap();
    let overall = &h["series"][0];
    assert_eq!(overall["id"], "overall");
    let scores: Vec<f64> = overall["scores"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s.as_f64().unwrap())
        .collect();
    assert_eq!(scores, recorded, "oldest to newest, as recorded");
    let slope = (recorded[2] - recorded[0]) / 2.0;
    assert!(
        (overall["trend"].as_f64().unwrap() - slope).abs() < 0.06,
        "least squares over 3 evenly spaced points is (last-first)/2"
    );
    assert_eq!(overall["latest"].as_f64().unwrap(), recorded[2]);
    assert_eq!(
        h["series"].as_array().unwrap().len(),
        6,
        "overall and five values"
    );

    let table = stdout_of(&cmd(dir.path(), &["history"]));
    let spark = table
        .lines()
        .find(|l| l.contains("Overall"))
        .unwrap_or_default();
    assert!(table.contains("3 completed sessions"), "{table}");
    assert_eq!(
        spark.chars().filter(|c| ('▁'..='█').contains(c)).count(),
        3,
        "one bar a session: {spark}"
    );
    let html = stdout_of(&cmd(dir.path(), &["history", "--format", "html"]));
    assert!(html.contains("<svg id=\"chart-overall\"") && !html.to_lowercase().contains("<script"));

    let none: Value = serde_json::from_slice(
        &cmd(
            dir.path(),
            &["history", "--format", "json", "--since", "2999-01-01"],
        )
        .stdout,
    )
    .unwrap();
    assert!(none["sessions"].as_array().unwrap().is_empty());
    let other: Value = serde_json::from_slice(
        &cmd(
            dir.path(),
            &["history", "--format", "json", "--name", "Grace"],
        )
        .stdout,
    )
    .unwrap();
    assert!(other["sessions"].as_array().unwrap().is_empty());
    let offer: Value = serde_json::from_slice(
        &cmd(
            dir.path(),
            &["history", "--format", "json", "--stage", "offer"],
        )
        .stdout,
    )
    .unwrap();
    assert!(
        offer["sessions"].as_array().unwrap().is_empty(),
        "no session practised the offer stage"
    );
    mockloop()
        .current_dir(dir.path())
        .args(["history", "--stage", "lunch"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains("unknown stage"));
}

#[test]
fn a_schema_1_session_is_read_by_migrating_it() {
    let dir = TempDir::new().unwrap();
    mockloop()
        .current_dir(dir.path())
        .args([
            "run",
            "--stage",
            "behavioral",
            "--stage",
            "offer",
            "--questions",
            "1",
            "--no-follow-ups",
            "--seed",
            "2",
        ])
        .write_stdin(format!("{MEDIUM}\n\n"))
        .assert()
        .success();
    let file = session_files(&dir.path().join("sessions"))
        .pop()
        .expect("a session file");
    // Write it back as schema 1 wrote it.
    let mut v1 = read_json(&file);
    v1["schema_version"] = json!(1);
    v1["status"] = json!("in_progress");
    std::fs::write(&file, serde_json::to_string_pretty(&v1).unwrap()).unwrap();
    let before = std::fs::read(&file).unwrap();
    let report = cmd(dir.path(), &["report", "latest", "--format", "json"]);
    assert!(report.status.success(), "{}", stderr_of(&report));
    let r: Value = serde_json::from_slice(&report.stdout).unwrap();
    assert_eq!(r["status"], "unfinished");
    assert!(cmd(dir.path(), &["replay", "latest"]).status.success());
    assert_eq!(
        std::fs::read(&file).unwrap(),
        before,
        "reading never rewrites the file"
    );
    // And the resume continues it.
    mockloop()
        .current_dir(dir.path())
        .args(["run", "--resume", "latest", "--no-follow-ups"])
        .write_stdin("Thank you; I'd like to review the offer in writing.\n\nFine.\n\n")
        .assert()
        .success();
}

#[test]
fn replay_all_agrees_with_replaying_each_session() {
    let dir = TempDir::new().unwrap();
    sessions(dir.path(), &[MEDIUM], "Ada");
    let rubric = rubric_copy();
    edit_json(&rubric.path().join("stages/behavioral.json"), |v| {
        v["criteria"][0]["weight"] = json!(5.0)
    });
    let run = |args: &[&str]| -> Value {
        let out = mockloop()
            .current_dir(dir.path())
            .args(args)
            .arg("--rubrics")
            .arg(rubric.path())
            .output()
            .unwrap();
        serde_json::from_slice(&out.stdout).unwrap()
    };
    let one = run(&["replay", "latest", "--format", "json"]);
    let all = run(&["replay", "--all", "--format", "json"]);
    assert_eq!(all["largest"][0]["after"], one["overall_after"]);
    assert_eq!(all["largest"][0]["before"], one["overall_before"]);
}

#[test]
fn a_newcomer_with_no_sessions_or_a_loose_date_is_told_what_to_do() {
    let dir = TempDir::new().unwrap();
    for args in [
        &["replay", "--all"][..],
        &["report", "latest"],
        &["replay", "latest"],
    ] {
        mockloop()
            .current_dir(dir.path())
            .args(args)
            .assert()
            .code(1)
            .stderr(
                predicate::str::contains("no sessions yet")
                    .and(predicate::str::contains("mockloop run")),
            );
    }
    mockloop()
        .current_dir(dir.path())
        .args(["history", "--since", "yesterday"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("write it as YYYY-MM-DD"));
}

#[test]
fn session_ids_never_wrap_in_a_table_at_80_columns_or_more() {
    let dir = TempDir::new().unwrap();
    let files = sessions(dir.path(), &[WEAK, MEDIUM], "Ada Lovelace-Byron");
    let ids: Vec<String> = files
        .iter()
        .map(|f| f.file_stem().unwrap().to_string_lossy().to_string())
        .collect();
    for columns in ["80", "100", "200"] {
        for args in [&["sessions"][..], &["history"][..]] {
            let out = mockloop()
                .current_dir(dir.path())
                .env("COLUMNS", columns)
                .args(args)
                .output()
                .unwrap();
            assert!(out.status.success(), "{args:?}");
            let text = stdout_of(&out);
            for id in &ids {
                assert!(
                    text.lines().any(|l| l.contains(id.as_str())),
                    "{args:?} at {columns} columns splits {id}:\n{text}"
                );
            }
        }
    }
}

#[test]
fn history_keeps_candidates_apart_and_its_html_labels_every_point() {
    let dir = TempDir::new().unwrap();
    let ada = sessions(dir.path(), &[WEAK, MEDIUM], "Ada");
    let grace = sessions(dir.path(), &[STRONG_BEHAVIORAL], "Grace");
    let id = |p: &PathBuf| p.file_stem().unwrap().to_string_lossy().to_string();
    let grace_id = grace
        .iter()
        .map(id)
        .find(|g| !ada.iter().map(id).any(|a| a == *g))
        .unwrap();

    let both = stdout_of(&cmd(dir.path(), &["history"]));
    assert!(both.contains("Candidate"), "{both}");
    assert!(both.contains("Grace") && both.contains("Ada"), "{both}");
    let one = stdout_of(&cmd(dir.path(), &["history", "--name", "ada"]));
    assert!(!one.contains(&grace_id), "{one}");
    assert!(
        !one.contains("Candidate"),
        "one candidate needs no column: {one}"
    );

    let html = stdout_of(&cmd(dir.path(), &["history", "--format", "html"]));
    // Every point says its date, session and score; the overall chart has the band lines.
    let titled = html.matches("<circle").count();
    assert!(titled >= 3 * 6, "a point per session per series: {titled}");
    assert!(
        html.contains(&format!("· {grace_id} ·")),
        "point labels name the session"
    );
    assert!(html.contains("class=\"band\"") && html.contains(">hire</text>"));
    let table = &html[html
        .find("<h2>Sessions</h2>")
        .expect("a table under the charts")..];
    for file in ada.iter().chain(&grace) {
        assert!(table.contains(&id(file)), "{}", id(file));
    }
    assert!(table.contains("<th>Candidate</th>") && table.contains("Grace"));
}
