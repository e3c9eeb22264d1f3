//! `mockloop report`: formats, output files, colour and width, hostile answers, bad input.

use std::path::{Path, PathBuf};

use crate::common::*;
use predicates::prelude::*;
use serde_json::Value;
use tempfile::TempDir;

const HOSTILE: &str = "At my last company I <script>alert(1)</script> pulled | the | data, \u{1b}[31mred\u{1b}[0m 🎬 and churn fell 5%.";

/// Runs a short loop in `dir` with scripted answers and returns the session file.
fn make_session(dir: &Path, answers: &[&str], stages: &[&str]) -> PathBuf {
    let file = dir.join("answers.json");
    std::fs::write(&file, serde_json::to_string(answers).unwrap()).unwrap();
    let mut cmd = mockloop();
    cmd.current_dir(dir)
        .args([
            "run",
            "--seed",
            "8",
            "--questions",
            "1",
            "--no-follow-ups",
            "--answers",
        ])
        .arg(&file);
    for stage in stages {
        cmd.args(["--stage", stage]);
    }
    cmd.output().unwrap();
    session_files(&dir.join("sessions"))
        .pop()
        .expect("a session file")
}

fn report(dir: &Path, args: &[&str]) -> std::process::Output {
    mockloop()
        .current_dir(dir)
        .arg("report")
        .args(args)
        .output()
        .unwrap()
}

#[test]
fn every_format_renders_a_finished_session() {
    let dir = TempDir::new().unwrap();
    make_session(
        dir.path(),
        &[
            HOSTILE,
            "I'd segment members by tenure and measure day-30 retention.",
        ],
        &["behavioral", "product_strategy"],
    );
    for format in ["table", "json", "markdown", "html"] {
        let out = report(dir.path(), &["latest", "--format", format]);
        assert!(out.status.success(), "{format}: {}", stderr_of(&out));
        assert!(!out.stdout.is_empty(), "{format}");
    }
    let json: Value =
        serde_json::from_slice(&report(dir.path(), &["latest", "--format", "json"]).stdout)
            .unwrap();
    assert_eq!(json["report_schema"], 1);
    assert!(json["overall"].is_number() && json["band"].is_string());
    assert_eq!(json["questions"].as_array().unwrap().len(), 2);
    assert!(json["questions"][0]["met"]
        .as_array()
        .unwrap()
        .iter()
        .any(|c| !c["evidence"].as_array().unwrap().is_empty()));
    assert_eq!(json["values"].as_array().unwrap().len(), 5);
    assert!(json["improvements"].as_array().unwrap().len() <= 3);
}

#[test]
fn hostile_answers_cannot_break_any_format() {
    let dir = TempDir::new().unwrap();
    make_session(dir.path(), &[HOSTILE], &["behavioral"]);
    let html = stdout_of(&report(dir.path(), &["latest", "--format", "html"]));
    assert!(
        !html.to_lowercase().contains("<script"),
        "no live markup from an answer"
    );
    assert!(html.contains("&lt;script&gt;"));
    assert!(html.contains('🎬'));
    assert!(!html.contains('\u{1b}'));

    let markdown = stdout_of(&report(dir.path(), &["latest", "--format", "markdown"]));
    assert!(!markdown.contains('\u{1b}') && !markdown.contains("<script"));
    for table in markdown
        .split("\n\n")
        .filter(|block| block.starts_with('|'))
    {
        let widths: Vec<usize> = table.lines().map(unescaped_pipes).collect();
        assert!(
            widths.windows(2).all(|w| w[0] == w[1]),
            "a row broke its table:\n{table}"
        );
    }

    let table = report(dir.path(), &["latest", "--evidence", "--color", "never"]);
    assert!(
        !table.stdout.contains(&0x1b),
        "no raw escape bytes in the terminal table"
    );
}

fn unescaped_pipes(line: &str) -> usize {
    let bytes = line.as_bytes();
    (0..bytes.len())
        .filter(|&i| bytes[i] == b'|' && (i == 0 || bytes[i - 1] != b'\\'))
        .count()
}

#[test]
fn table_fits_80_and_200_columns_and_no_color_means_no_escapes() {
    let dir = TempDir::new().unwrap();
    make_session(dir.path(), &[HOSTILE, "Freedom and responsibility: at my last job I shipped without asking and told my manager."], &["behavioral", "culture_fit"]);
    for columns in ["80", "200"] {
        let out = mockloop()
            .current_dir(dir.path())
            .env("COLUMNS", columns)
            .env("NO_COLOR", "1")
            .args(["report", "latest", "--evidence"])
            .output()
            .unwrap();
        let text = stdout_of(&out);
        let widest = text.lines().map(|l| l.chars().count()).max().unwrap();
        assert!(
            widest <= columns.parse().unwrap(),
            "{columns}: a line is {widest} wide"
        );
        assert!(!out.stdout.contains(&0x1b), "NO_COLOR: no escape bytes");
    }
    let coloured = mockloop()
        .current_dir(dir.path())
        .args(["report", "latest", "--color", "always"])
        .output()
        .unwrap();
    assert!(
        coloured.stdout.contains(&0x1b),
        "--color always colours the bands"
    );
}

#[test]
fn output_file_is_written_whole_or_not_at_all() {
    let dir = TempDir::new().unwrap();
    make_session(dir.path(), &[HOSTILE], &["behavioral"]);
    mockloop()
        .current_dir(dir.path())
        .args(["report", "latest", "--format", "markdown", "-o", "out.md"])
        .assert()
        .success()
        .stdout("");
    assert!(std::fs::read_to_string(dir.path().join("out.md"))
        .unwrap()
        .starts_with("# Mock loop report"));
    mockloop()
        .current_dir(dir.path())
        .args([
            "report",
            "latest",
            "-o",
            "no/such/folder/out.html",
            "--format",
            "html",
        ])
        .assert()
        .code(1)
        .stderr(predicate::str::contains(
            "cannot write no/such/folder/out.html",
        ));
    let leftovers: Vec<_> = std::fs::read_dir(dir.path())
        .unwrap()
        .flatten()
        .filter(|e| e.file_name().to_string_lossy().contains(".tmp"))
        .collect();
    assert!(leftovers.is_empty());
}

#[test]
fn run_can_export_the_report_at_the_end() {
    let dir = TempDir::new().unwrap();
    let file = dir.path().join("answers.json");
    std::fs::write(&file, serde_json::to_string(&[HOSTILE]).unwrap()).unwrap();
    mockloop()
        .current_dir(dir.path())
        .args([
            "run",
            "--stage",
            "behavioral",
            "--questions",
            "1",
            "--no-follow-ups",
            "--report",
            "html",
            "-o",
            "r.html",
            "--answers",
        ])
        .arg(&file)
        .assert()
        .success()
        .stdout(predicate::str::contains("Report written: r.html"));
    assert!(std::fs::read_to_string(dir.path().join("r.html"))
        .unwrap()
        .contains("values-radar"));
}

#[test]
fn bad_sessions_are_clear_errors() {
    let dir = TempDir::new().unwrap();
    let sessions = dir.path().join("sessions");
    std::fs::create_dir(&sessions).unwrap();
    for id in ["20260101-000000-aaaa", "20260101-000000-aaab"] {
        std::fs::write(sessions.join(format!("{id}.json")), "{}").unwrap();
    }
    let err = stderr_of(&report(dir.path(), &["20260101"]));
    assert!(
        err.contains("matches several sessions")
            && err.contains("20260101-000000-aaaa")
            && err.contains("20260101-000000-aaab"),
        "{err}"
    );
    assert!(stderr_of(&report(dir.path(), &["nope"])).contains("no session `nope`"));

    std::fs::write(
        sessions.join("20260101-000000-aaaa.json"),
        "{\"schema_version\": 1, \"id\": \"x\", \"questions\": [",
    )
    .unwrap();
    let out = report(dir.path(), &["20260101-000000-aaaa"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stderr_of(&out).contains("20260101-000000-aaaa.json is not a valid session file"),
        "{}",
        stderr_of(&out)
    );

    std::fs::write(
        sessions.join("20260101-000000-aaab.json"),
        "{\"schema_version\": 99}",
    )
    .unwrap();
    let err = stderr_of(&report(dir.path(), &["20260101-000000-aaab"]));
    assert!(
        err.contains("session schema 99") && err.contains("reads up to 2"),
        "{err}"
    );
}

#[test]
fn an_unfinished_session_reports_what_exists_and_says_so() {
    let dir = TempDir::new().unwrap();
    mockloop()
        .current_dir(dir.path())
        .args([
            "run",
            "--seed",
            "2",
            "--questions",
            "1",
            "--no-follow-ups",
            "--stage",
            "behavioral",
            "--stage",
            "onsite",
        ])
        .write_stdin(format!("{HOSTILE}\n\n"))
        .assert()
        .success();
    let out = report(dir.path(), &["latest"]);
    assert!(out.status.success());
    assert!(stderr_of(&out).contains("is unfinished"));
    assert!(stdout_of(&out).contains("Mock loop unfinished"));
}

/// The bank's exemplar for a session's first question, read from the built-in files.
fn exemplar_of(session: &Path) -> String {
    let saved = read_json(session);
    let id = saved["questions"][0]["question_id"].as_str().unwrap();
    let stage = saved["questions"][0]["stage"].as_str().unwrap();
    let bank = read_json(&repo().join(format!("rubrics/questions/{stage}.json")));
    let question = bank["questions"]
        .as_array()
        .unwrap()
        .iter()
        .find(|q| q["id"] == id)
        .expect("a bank question");
    question["exemplar"]
        .as_str()
        .expect("an exemplar")
        .to_string()
}

#[test]
fn exports_show_the_exemplar_after_the_answer_with_what_was_missed() {
    let dir = TempDir::new().unwrap();
    let session = make_session(dir.path(), &[WEAK_BEHAVIORAL], &["behavioral"]);
    let exemplar = exemplar_of(&session);

    let json: Value =
        serde_json::from_slice(&report(dir.path(), &["latest", "--format", "json"]).stdout)
            .unwrap();
    assert_eq!(json["questions"][0]["exemplar"], exemplar.as_str());
    let missed: Vec<&str> = json["questions"][0]["missed"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| m["name"].as_str().unwrap())
        .collect();
    assert!(!missed.is_empty(), "a weak answer misses something");

    let markdown = stdout_of(&report(dir.path(), &["latest", "--format", "markdown"]));
    let answer_at = markdown.find("> So I think").expect("the answer");
    let exemplar_at = markdown.find("#### Exemplar answer").expect("the exemplar");
    assert!(answer_at < exemplar_at, "{markdown}");
    let after = &markdown[exemplar_at..];
    let marked = after
        .lines()
        .find(|l| l.starts_with("Missed in your answer"))
        .expect("what was missed, by the exemplar");
    for name in &missed {
        assert!(marked.contains(&format!("**{name}**")), "{name}: {marked}");
    }
    let opening: String = exemplar
        .split_whitespace()
        .take(4)
        .collect::<Vec<_>>()
        .join(" ");
    assert!(after.contains(&format!("> {opening}")), "{after}");

    let html = stdout_of(&report(dir.path(), &["latest", "--format", "html"]));
    let exemplar_at = html.find("<div class=\"exemplar\">").expect("the exemplar");
    assert!(html.find("<div class=\"answer\">").unwrap() < exemplar_at);
    for name in &missed {
        assert!(
            html[exemplar_at..].contains(&format!("<mark>{name}</mark>")),
            "{name}"
        );
    }
    let escaped = exemplar.replace('&', "&amp;").replace('\'', "&#39;");
    assert!(html[exemplar_at..].contains(&escaped));
}

#[test]
fn a_hostile_exemplar_is_escaped_in_every_export() {
    let dir = TempDir::new().unwrap();
    make_session(dir.path(), &[STRONG_BEHAVIORAL], &["behavioral"]);
    let rubrics = rubric_copy();
    edit_json(&rubrics.path().join("questions/behavioral.json"), |v| {
        for q in v["questions"].as_array_mut().unwrap() {
            q["exemplar"] = "<script>alert(1)</script> | # \u{1b}[2J end".into();
        }
    });
    let export = |format: &str| {
        let out = mockloop()
            .current_dir(dir.path())
            .arg("--rubrics")
            .arg(rubrics.path())
            .args(["report", "latest", "--format", format])
            .output()
            .unwrap();
        assert!(out.status.success(), "{format}: {}", stderr_of(&out));
        stdout_of(&out)
    };
    let html = export("html");
    assert!(html.contains("&lt;script&gt;alert(1)&lt;/script&gt; | # \\u{1b}[2J end"));
    assert!(!html.to_lowercase().contains("<script") && !html.contains('\u{1b}'));
    let markdown = export("markdown");
    assert!(markdown.contains("> &lt;script&gt;alert(1)&lt;/script&gt; \\| \\# \\u{1b}\\[2J end"));
    assert!(!markdown.contains("<script") && !markdown.contains('\u{1b}'));
}

#[test]
fn a_strength_is_measured_over_the_answers_its_criterion_applies_to() {
    let dir = TempDir::new().unwrap();
    make_session(
        dir.path(),
        &[
            STRONG_BEHAVIORAL,
            "I'd segment members by tenure and measure day-30 retention.",
            "Thank you. I'd like a day to review the offer in writing.",
            "Thank you.",
        ],
        &["behavioral", "product_strategy", "offer"],
    );
    let json: Value =
        serde_json::from_slice(&report(dir.path(), &["latest", "--format", "json"]).stdout)
            .unwrap();
    // The criteria the strong behavioral answer met, by name.
    let met: Vec<&str> = json["questions"][0]["met"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["name"].as_str().unwrap())
        .collect();
    assert!(!met.is_empty());
    let strengths = json["strengths"].as_array().unwrap();
    let behavioral = strengths
        .iter()
        .find(|s| s["kind"] == "criterion" && met.contains(&s["name"].as_str().unwrap()))
        .unwrap_or_else(|| panic!("no behavioral strength among {strengths:?}"));
    assert_eq!(behavioral["score"], 100.0, "{behavioral}");
}

#[test]
fn exports_carry_the_whole_conversation() {
    let dir = TempDir::new().unwrap();
    let args = [
        "run",
        "--seed",
        "9",
        "--questions",
        "1",
        "--stage",
        "behavioral",
        "--stage",
        "offer",
    ];
    // The plan first (no input stops at once), to key the scripted answers by question id.
    mockloop()
        .current_dir(dir.path())
        .args(args)
        .write_stdin("")
        .output()
        .unwrap();
    let planned = session_files(&dir.path().join("sessions")).pop().unwrap();
    let plan = read_json(&planned);
    std::fs::remove_file(planned).unwrap();
    let id = |i: usize| {
        plan["questions"][i]["question_id"]
            .as_str()
            .unwrap()
            .to_string()
    };
    let answers = serde_json::json!({
        id(0): [WEAK_BEHAVIORAL, "I pulled the numbers: churn fell from 6% to 4%.",
                "I owned the plan.", "I learned to ask earlier.", "We shipped it."],
        id(1): ["Thank you, I'd like a few days to review it in writing.",
                "Friday works, thank you."],
    });
    let file = dir.path().join("answers.json");
    std::fs::write(&file, answers.to_string()).unwrap();
    let out = mockloop()
        .current_dir(dir.path())
        .args(args)
        .arg("--answers")
        .arg(&file)
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr_of(&out));
    let session = read_json(&session_files(&dir.path().join("sessions")).pop().unwrap());
    let follow_up = &session["questions"][0]["follow_ups"][0];
    let prompt = follow_up["prompt"].as_str().expect("a follow-up was asked");
    let counter = session["questions"][1]["negotiation"]["counter_move"]
        .as_str()
        .unwrap();

    let json: Value =
        serde_json::from_slice(&report(dir.path(), &["latest", "-f", "json"]).stdout).unwrap();
    let turns = |i: usize| {
        json["questions"][i]["conversation"]
            .as_array()
            .unwrap()
            .clone()
    };
    let asked = turns(0);
    let f = asked
        .iter()
        .find(|t| t["kind"] == "follow_up")
        .expect("follow-up turn");
    assert_eq!(f["text"], prompt);
    assert_eq!(f["reason"], follow_up["reason"]);
    let kinds: Vec<String> = turns(1)
        .iter()
        .map(|t| t["kind"].as_str().unwrap().to_string())
        .collect();
    assert_eq!(kinds, ["offer", "answer", "counter_move", "reply"]);

    let markdown = stdout_of(&report(dir.path(), &["latest", "-f", "markdown"]));
    let html = stdout_of(&report(dir.path(), &["latest", "-f", "html"]));
    for (format, text) in [("markdown", &markdown), ("html", &html)] {
        for label in [
            "Follow-up",
            "asked because",
            "The offer",
            "counter-move",
            "Reply",
        ] {
            assert!(text.contains(label), "{format}: {label}");
        }
        let words = |t: &str| t.split_whitespace().take(4).collect::<Vec<_>>().join(" ");
        for said in [prompt, counter, "Friday works, thank you."] {
            assert!(
                text.contains(&words(said).replace('\'', "&#39;")) || text.contains(&words(said)),
                "{format}: {said}"
            );
        }
    }
}

#[test]
fn the_report_names_the_weakest_answers_and_what_held_them_back() {
    let dir = TempDir::new().unwrap();
    let file = dir.path().join("answers.json");
    let answers = [STRONG_BEHAVIORAL, "/skip", WEAK_BEHAVIORAL];
    std::fs::write(&file, serde_json::to_string(&answers).unwrap()).unwrap();
    mockloop()
        .current_dir(dir.path())
        .args(["run", "--seed", "8", "--questions", "3", "--no-follow-ups"])
        .args(["--stage", "behavioral", "--answers"])
        .arg(&file)
        .assert()
        .success();
    let json: Value =
        serde_json::from_slice(&report(dir.path(), &["latest", "-f", "json"]).stdout).unwrap();
    let weakest = json["weakest"].as_array().unwrap();
    let numbers: Vec<u64> = weakest
        .iter()
        .map(|w| w["question"].as_u64().unwrap())
        .collect();
    assert_eq!(numbers.first(), Some(&2), "the skip first: {weakest:?}");
    assert!(
        numbers.contains(&3),
        "the weak answer is named: {weakest:?}"
    );
    assert!(weakest[0]["why"].as_str().unwrap().contains("skipped"));
    assert!(!weakest[1]["why"].as_str().unwrap().is_empty());

    let table = stdout_of(&report(dir.path(), &["latest", "--color", "never"]));
    let markdown = stdout_of(&report(dir.path(), &["latest", "-f", "markdown"]));
    let html = stdout_of(&report(dir.path(), &["latest", "-f", "html"]));
    assert!(
        table.contains("Weakest answers") && table.contains("Question 2 ("),
        "{table}"
    );
    assert!(markdown.contains("## Weakest answers") && markdown.contains("**Question 3**"));
    assert!(html.contains("<h2>Weakest answers</h2>") && html.contains("href=\"#q3\""));
}
