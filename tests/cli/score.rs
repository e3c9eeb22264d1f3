//! `mockloop score`: one answer, batches, formats and bad input.

use crate::common::*;
use predicates::prelude::*;
use serde_json::Value;

fn score_json(stage: &str, answer: &str, extra: &[&str]) -> Value {
    let out = mockloop()
        .args(["score", "--stage", stage, "--format", "json"])
        .args(extra)
        .arg("-")
        .write_stdin(answer)
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr_of(&out));
    serde_json::from_str(&stdout_of(&out)).expect("one JSON object")
}

#[test]
fn table_shows_score_band_evidence_and_advice() {
    mockloop()
        .args(["score", "--stage", "behavioral"])
        .arg(repo().join("examples/answer.txt"))
        .assert()
        .success()
        .stdout(predicate::str::contains("Overall"))
        .stdout(predicate::str::contains("Describes what you did"))
        .stdout(predicate::str::contains("\"At my last company\""))
        .stdout(predicate::str::contains("Judgment"))
        .stdout(predicate::str::contains("What to improve"));
}

#[test]
fn json_has_the_documented_fields() {
    let card = score_json("behavioral", STRONG_BEHAVIORAL, &[]);
    assert!(card["overall"].as_f64().unwrap() > 0.0);
    assert!(["strong_no_hire", "no_hire", "hire", "strong_hire"]
        .contains(&card["band"].as_str().unwrap()));
    let criteria = card["criteria"].as_array().unwrap();
    let action = criteria
        .iter()
        .find(|c| c["id"] == "personal_action")
        .unwrap();
    assert!(action["score"].as_f64().unwrap() > 0.0);
    let evidence = &action["evidence"][0];
    let (start, end) = (
        evidence["start"].as_u64().unwrap() as usize,
        evidence["end"].as_u64().unwrap() as usize,
    );
    assert_eq!(
        &STRONG_BEHAVIORAL[start..end],
        evidence["text"].as_str().unwrap(),
        "byte range points at the text"
    );
    for value in [
        "judgment",
        "communication",
        "curiosity",
        "courage",
        "innovation",
    ] {
        assert!(card["values"][value]["score"].is_number(), "value {value}");
    }
    assert!(card["signals"]["metrics"].as_u64().unwrap() >= 3);
}

#[test]
fn same_answer_same_bytes() {
    let run = || {
        mockloop()
            .args([
                "score",
                "--stage",
                "product_strategy",
                "--format",
                "json",
                "-",
            ])
            .write_stdin(STRONG_BEHAVIORAL)
            .output()
            .unwrap()
            .stdout
    };
    assert_eq!(run(), run());
}

#[test]
fn stronger_answer_outscores_a_vague_one() {
    let strong = score_json("behavioral", STRONG_BEHAVIORAL, &[]);
    let weak = score_json("behavioral", WEAK_BEHAVIORAL, &[]);
    assert!(strong["overall"].as_f64().unwrap() > weak["overall"].as_f64().unwrap() + 30.0);
}

#[test]
fn negated_claims_show_as_negated_evidence_without_credit() {
    let denied = "I was the PM. We never shipped it on time, and retention never increased by 5%.";
    let card = score_json("behavioral", denied, &[]);
    let result = card["criteria"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["id"] == "result")
        .unwrap();
    assert_eq!(result["score"], 0.0, "{result}");
    let negated: Vec<&str> = result["negated"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["text"].as_str().unwrap())
        .collect();
    assert!(
        negated.contains(&"shipped it on time") || negated.contains(&"on time"),
        "{negated:?}"
    );

    let affirmed = score_json("behavioral", &denied.replace("never ", ""), &[]);
    assert!(affirmed["overall"].as_f64().unwrap() > card["overall"].as_f64().unwrap());
}

#[test]
fn a_bank_question_adds_its_own_concepts() {
    let free = score_json("behavioral", STRONG_BEHAVIORAL, &[]);
    let bank = score_json(
        "behavioral",
        STRONG_BEHAVIORAL,
        &["--question", "beh-influence-no-authority"],
    );
    assert_eq!(bank["question_id"], "beh-influence-no-authority");
    let from_question = |card: &Value| {
        card["criteria"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|c| c["source"] == "question")
            .count()
    };
    assert_eq!(from_question(&free), 0);
    assert!(from_question(&bank) >= 2);
}

#[test]
fn empty_and_whitespace_answers_score_at_the_floor() {
    for answer in ["", "   \n\t  "] {
        let card = score_json("onsite", answer, &[]);
        assert!(card["overall"].as_f64().unwrap() <= 20.0, "{answer:?}");
        assert_eq!(card["band"], "strong_no_hire");
    }
}

#[test]
fn unknown_stage_is_a_one_line_error_listing_the_stages() {
    let out = mockloop()
        .args(["score", "--stage", "lunch", "-"])
        .write_stdin("hi")
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let err = stderr_of(&out);
    assert_eq!(err.trim().lines().count(), 1, "{err}");
    assert!(
        err.contains("unknown stage `lunch`") && err.contains("behavioral, product_strategy"),
        "{err}"
    );
}

#[test]
fn missing_file_names_the_file() {
    mockloop()
        .args(["score", "--stage", "offer", "no-such-answer.txt"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains("no-such-answer.txt"));
}

#[test]
fn non_utf8_input_is_refused_clearly() {
    mockloop()
        .args(["score", "--stage", "offer", "-"])
        .write_stdin(vec![b'o', b'k', 0xff, 0xfe])
        .assert()
        .code(1)
        .stderr(predicate::str::contains("not UTF-8").and(predicate::str::contains("offset 2")));
}

#[test]
fn a_five_megabyte_paste_is_refused() {
    let big = "word ".repeat(1_000_000);
    mockloop()
        .args(["score", "--stage", "offer", "-"])
        .write_stdin(big)
        .assert()
        .code(1)
        .stderr(predicate::str::contains("over the answer limit"));
}

#[test]
fn control_characters_never_reach_the_terminal_table() {
    let out = mockloop()
        .args(["score", "--stage", "behavioral", "-"])
        .write_stdin("At my last company\u{1b}[31m I pulled the data \u{7} and it dropped 10%.")
        .output()
        .unwrap();
    assert!(out.status.success());
    assert!(!out.stdout.contains(&0x1b) && !out.stdout.contains(&0x07));
}

#[test]
fn batch_scores_every_line_in_order_and_reports_bad_lines() {
    let input = format!(
        "{}\nnot json\n\n{}\n{}\n",
        serde_json::json!({"stage": "behavioral", "answer": STRONG_BEHAVIORAL}),
        serde_json::json!({"stage": "nope", "answer": "x"}),
        serde_json::json!({"stage": "offer", "question": "of-competing-offer", "answer": "Thank you."}),
    );
    let out = mockloop()
        .args(["score", "--batch", "-"])
        .write_stdin(input)
        .output()
        .unwrap();
    assert_eq!(
        out.status.code(),
        Some(1),
        "a bad line makes the run exit 1"
    );
    let lines: Vec<Value> = stdout_of(&out)
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(lines.len(), 4);
    assert_eq!(lines[0]["stage"], "behavioral");
    assert_eq!(lines[1]["line"], 2);
    assert!(lines[1]["error"].as_str().unwrap().contains("expected"));
    assert_eq!(lines[2]["line"], 4);
    assert!(lines[2]["error"]
        .as_str()
        .unwrap()
        .contains("unknown stage"));
    assert_eq!(lines[3]["question_id"], "of-competing-offer");
}

#[test]
fn batch_results_match_single_scores() {
    let input = serde_json::json!({"stage": "behavioral", "answer": STRONG_BEHAVIORAL}).to_string();
    let out = mockloop()
        .args(["score", "--batch", "-"])
        .write_stdin(input)
        .output()
        .unwrap();
    assert!(out.status.success());
    let batch: Value = serde_json::from_str(stdout_of(&out).trim()).unwrap();
    assert_eq!(batch, score_json("behavioral", STRONG_BEHAVIORAL, &[]));
}

#[test]
fn empty_batch_is_an_error() {
    mockloop()
        .args(["score", "--batch", "-"])
        .write_stdin("\n\n")
        .assert()
        .code(1)
        .stderr(predicate::str::contains("has no answers"));
}

#[test]
fn works_from_any_folder_with_the_built_in_rubric() {
    let elsewhere = tempfile::TempDir::new().unwrap();
    mockloop()
        .current_dir(elsewhere.path())
        .args(["score", "--stage", "culture_fit", "-"])
        .write_stdin("Freedom and responsibility: at my last job I shipped a fix without asking, and told my manager.")
        .assert()
        .success();
}

#[test]
fn a_rubric_folder_from_the_environment_is_used() {
    let dir = rubric_copy();
    edit_json(&dir.path().join("loop.json"), |v| {
        v["bands"]["strong_hire"] = 99.0.into()
    });
    let run = |with_env: bool| -> Value {
        let mut cmd = mockloop();
        if with_env {
            cmd.env("MOCKLOOP_RUBRICS", dir.path());
        }
        let out = cmd
            .args(["score", "--stage", "behavioral", "--format", "json", "-"])
            .write_stdin(STRONG_BEHAVIORAL)
            .output()
            .unwrap();
        serde_json::from_str(&stdout_of(&out)).unwrap()
    };
    let (builtin, custom) = (run(false), run(true));
    assert_eq!(builtin["overall"], custom["overall"]);
    assert_eq!(builtin["band"], "strong_hire");
    assert_eq!(custom["band"], "hire");
}

#[test]
fn a_reader_closing_the_pipe_early_is_not_a_crash() {
    use std::io::Read;
    use std::process::{Command, Stdio};
    // Far more than a pipe's buffer, so the write really meets the closed pipe.
    let mut child = Command::new(assert_cmd::cargo::cargo_bin("mockloop"))
        .args(["rubric", "test", "--format", "json"])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut first = [0u8; 64];
    child.stdout.take().unwrap().read_exact(&mut first).unwrap();
    let out = child.wait_with_output().unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(!err.contains("panicked"), "{err}");
    assert_ne!(out.status.code(), Some(101), "a panic exits 101");
}

#[test]
fn a_mistyped_question_id_is_an_error_naming_the_closest_ids() {
    let score = |args: &[&str]| {
        mockloop()
            .args(["score", "--stage", "behavioral"])
            .args(args)
            .arg("-")
            .write_stdin(STRONG_BEHAVIORAL)
            .output()
            .unwrap()
    };
    let out = score(&["--question", "beh-influence-no-authorty"]);
    assert_eq!(out.status.code(), Some(1));
    let err = stderr_of(&out);
    assert_eq!(err.trim().lines().count(), 1, "{err}");
    assert!(err.contains("beh-influence-no-authorty"), "{err}");
    assert!(
        err.contains("closest ids: beh-influence-no-authority"),
        "{err}"
    );
    assert!(err.contains("--question-text"), "{err}");
    assert!(out.stdout.is_empty());

    // An id from another stage says which stage it belongs to.
    let err = stderr_of(&score(&["--question", "of-competing-offer"]));
    assert!(err.contains("stage `offer`"), "{err}");

    // Free text stays possible: with spaces, or with --question-text.
    for args in [
        [
            "--question",
            "Tell me about a time you led without authority",
        ],
        ["--question-text", "influence"],
    ] {
        let out = score(&args);
        assert!(out.status.success(), "{args:?}: {}", stderr_of(&out));
    }

    // The same rule holds for batch lines, line by line.
    let line = r#"{"stage":"behavioral","question":"beh-nope","answer":"I shipped it."}"#;
    let out = mockloop()
        .args(["score", "--batch", "-"])
        .write_stdin(line)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stdout_of(&out).contains("closest ids"),
        "{}",
        stdout_of(&out)
    );
}

#[test]
fn a_huge_mistyped_question_id_is_cut_in_the_error_and_answered_at_once() {
    // One word of a megabyte: not an id. The error shows it clipped (one line, not a flood)
    // and suggests ids without comparing the whole word against each one.
    let word = "x".repeat(1 << 20);
    let line =
        serde_json::json!({"stage": "behavioral", "question": word, "answer": "I shipped it."});
    let started = std::time::Instant::now();
    let out = mockloop()
        .args(["score", "--batch", "-"])
        .write_stdin(line.to_string())
        .output()
        .unwrap();
    assert!(started.elapsed() < std::time::Duration::from_secs(20));
    assert_eq!(out.status.code(), Some(1));
    let said = stdout_of(&out);
    assert!(
        said.contains("closest ids") && said.contains("more characters"),
        "{}",
        &said[..said.len().min(300)]
    );
    assert!(said.len() < 2_000, "{} bytes", said.len());
}

/// Every calibration answer, with bad lines among them, scored on several threads and on one:
/// the same bytes, in the same order, whatever the threads finish first.
#[test]
fn batch_on_every_core_writes_what_one_thread_writes() {
    let cases = mockloop::calibrate::Cases::builtin().unwrap();
    let mut input = String::new();
    for (i, case) in cases.cases.iter().enumerate() {
        let line = serde_json::json!({"stage": case.stage, "question": case.question, "answer": case.answer});
        input.push_str(&format!("{line}\n"));
        if i % 37 == 5 {
            input.push_str("{\"stage\": \"nope\", \"answer\": \"x\"}\n\n");
        }
    }
    let run = |jobs: &str| {
        mockloop()
            .args(["score", "--batch", "-", "--jobs", jobs])
            .write_stdin(input.clone())
            .output()
            .unwrap()
    };
    let one = run("1");
    assert_eq!(one.status.code(), Some(1), "{}", stderr_of(&one));
    let lines = stdout_of(&one).lines().count();
    assert!(lines > cases.cases.len(), "{lines} lines");
    for jobs in ["2", "3"] {
        let many = run(jobs);
        assert_eq!(many.status.code(), Some(1));
        assert!(
            many.stdout == one.stdout,
            "--jobs {jobs} differs from --jobs 1"
        );
        assert_eq!(stderr_of(&many), stderr_of(&one));
    }
}

#[test]
fn batch_jobs_of_zero_is_refused() {
    mockloop()
        .args(["score", "--batch", "-", "--jobs", "0"])
        .write_stdin("\n")
        .assert()
        .code(2)
        .stderr(predicate::str::contains("--jobs"));
}
