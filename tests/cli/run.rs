//! `mockloop run` without a terminal: piped and scripted answers, autosave, resume, bad input.

use std::io::Write;
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use crate::common::*;
use predicates::prelude::*;
use serde_json::Value;
use tempfile::TempDir;

fn only_session(dir: &Path) -> Value {
    let files = session_files(dir);
    assert_eq!(files.len(), 1, "{files:?}");
    read_json(&files[0])
}

fn scores(session: &Value) -> Vec<f64> {
    let questions = session["questions"].as_array().unwrap();
    questions
        .iter()
        .map(|q| q["card"]["overall"].as_f64().unwrap_or(-1.0))
        .collect()
}

const ANSWERS: [&str; 3] = [
    "At my last company I was the PM for search. I pulled the query logs and found 20% of searches failed.\nI proposed a spelling fix and we shipped it in two weeks; failures dropped from 20% to 6%.",
    "First I'd clarify the goal: retention of new members. I'd segment users by tenure and device, weigh two options and their trade-offs, and measure day-30 retention with a guardrail on streaming hours.",
    "Thank you, I'm excited. Before I decide I'd like to review the full offer in writing, and based on market data for this level I'd ask you to move the base closer to $520,000. I can answer by Friday.",
];

#[test]
fn piped_and_scripted_answers_give_the_same_scores() {
    let args = [
        "run",
        "--seed",
        "11",
        "--questions",
        "1",
        "--no-follow-ups",
        "--stage",
        "behavioral",
        "--stage",
        "onsite",
        "--stage",
        "offer",
    ];
    // The offer stage asks for a reply to the counter-move: four prompts in all.
    let replies = [
        ANSWERS[0],
        ANSWERS[1],
        ANSWERS[2],
        "I understand. Given my competing offer, a $60,000 sign-on would close the gap.",
    ];

    let piped = TempDir::new().unwrap();
    let stdin: String = replies.iter().map(|a| format!("{a}\n\n")).collect();
    mockloop()
        .current_dir(piped.path())
        .args(args)
        .write_stdin(stdin)
        .assert()
        .success()
        .stdout(predicate::str::contains("Mock loop complete"));

    let scripted = TempDir::new().unwrap();
    let file = scripted.path().join("answers.json");
    std::fs::write(&file, serde_json::to_string(&replies).unwrap()).unwrap();
    mockloop()
        .current_dir(scripted.path())
        .args(args)
        .arg("--answers")
        .arg(&file)
        .assert()
        .success();

    let (a, b) = (
        only_session(&piped.path().join("sessions")),
        only_session(&scripted.path().join("sessions")),
    );
    assert_eq!(a["status"], "complete");
    assert_eq!(scores(&a), scores(&b));
    assert!(scores(&a).iter().all(|s| *s > 0.0), "{:?}", scores(&a));
    assert_eq!(
        a["questions"][0]["answer"], ANSWERS[0],
        "saved exactly as typed, lines and all"
    );
    assert_eq!(a["questions"][2]["negotiation"]["response"], replies[3]);
}

#[test]
fn the_whole_loop_draws_from_all_six_stages_in_order() {
    let dir = TempDir::new().unwrap();
    let answers: Vec<String> = (0..40)
        .map(|i| format!("Answer {i}: at my last company I pulled the data and retention rose 5%."))
        .collect();
    let file = dir.path().join("answers.json");
    std::fs::write(&file, serde_json::to_string(&answers).unwrap()).unwrap();
    mockloop()
        .current_dir(dir.path())
        .args(["run", "--seed", "5", "--questions", "1", "--answers"])
        .arg(&file)
        .assert()
        .success();
    let session = only_session(&dir.path().join("sessions"));
    assert_eq!(stages_of(&session), LOOP_ORDER);
    assert_eq!(session["seed"], 5);
    for q in session["questions"].as_array().unwrap() {
        assert!(
            q["seconds_used"].is_number()
                && q["asked_at"].is_string()
                && q["answered_at"].is_string()
        );
        for f in q["follow_ups"].as_array().into_iter().flatten() {
            assert!(
                f["reason"].as_str().unwrap().contains("scored"),
                "each follow-up says why: {f}"
            );
        }
    }
}

#[test]
fn same_seed_same_questions_and_a_fresh_seed_is_recorded() {
    let ids = |seed: Option<&str>| -> (Vec<String>, u64) {
        let dir = TempDir::new().unwrap();
        let mut cmd = mockloop();
        cmd.current_dir(dir.path())
            .args(["run", "--questions", "1"]);
        if let Some(seed) = seed {
            cmd.args(["--seed", seed]);
        }
        cmd.write_stdin("").assert().success();
        let s = only_session(&dir.path().join("sessions"));
        let ids = s["questions"]
            .as_array()
            .unwrap()
            .iter()
            .map(|q| q["question_id"].as_str().unwrap().to_string())
            .collect();
        (ids, s["seed"].as_u64().unwrap())
    };
    assert_eq!(ids(Some("42")).0, ids(Some("42")).0);
    let (drawn, seed) = ids(None);
    assert_eq!(
        ids(Some(&seed.to_string())).0,
        drawn,
        "the recorded seed reproduces the draw"
    );
}

#[test]
fn sigkill_mid_loop_keeps_every_answer_and_resume_finishes() {
    let dir = TempDir::new().unwrap();
    let sessions = dir.path().join("sessions");
    let mut child = Command::new(assert_cmd::cargo::cargo_bin("mockloop"))
        .current_dir(dir.path())
        .args([
            "run",
            "--seed",
            "3",
            "--questions",
            "1",
            "--no-follow-ups",
            "--stage",
            "behavioral",
            "--stage",
            "culture_fit",
            "--stage",
            "onsite",
        ])
        .env_remove("MOCKLOOP_SESSIONS")
        .stdin(Stdio::piped())
        .stdout(Stdio::null())
        .spawn()
        .unwrap();
    let mut stdin = child.stdin.take().unwrap();
    write!(stdin, "{}\n\n{}\n\n", ANSWERS[0], ANSWERS[1]).unwrap();
    stdin.flush().unwrap();
    // Wait until both answers are on disk, then kill without warning.
    let deadline = Instant::now() + Duration::from_secs(30);
    loop {
        let done = session_files(&sessions)
            .first()
            .and_then(|p| std::fs::read_to_string(p).ok())
            .and_then(|t| serde_json::from_str::<Value>(&t).ok())
            .is_some_and(|s| {
                s["questions"]
                    .as_array()
                    .unwrap()
                    .iter()
                    .filter(|q| q["done"] == true)
                    .count()
                    == 2
            });
        if done {
            break;
        }
        assert!(
            Instant::now() < deadline,
            "answers never reached the session file"
        );
        std::thread::sleep(Duration::from_millis(20));
    }
    child.kill().unwrap(); // SIGKILL on Unix
    child.wait().unwrap();
    drop(stdin);

    let session = only_session(&sessions);
    assert_eq!(session["status"], "unfinished");
    assert_eq!(session["questions"][0]["answer"], ANSWERS[0]);
    assert_eq!(session["questions"][1]["answer"], ANSWERS[1]);
    assert!(session["questions"][2]["answer"].is_null());
    assert!(std::fs::read_dir(&sessions)
        .unwrap()
        .flatten()
        .all(|e| !e.file_name().to_string_lossy().ends_with(".tmp")));

    mockloop()
        .current_dir(dir.path())
        .args(["run", "--resume", "latest"])
        .write_stdin(format!("{}\n\n", ANSWERS[1]))
        .assert()
        .success()
        .stdout(predicate::str::contains("Mock loop complete"));
    let session = only_session(&sessions);
    assert_eq!(session["status"], "complete");
    assert_eq!(
        session["questions"][0]["answer"], ANSWERS[0],
        "resume kept the earlier answers"
    );
    assert_eq!(scores(&session).len(), 3);
}

#[test]
fn end_of_input_ends_the_answer_and_saves_unfinished() {
    let dir = TempDir::new().unwrap();
    mockloop()
        .current_dir(dir.path())
        .args([
            "run",
            "--seed",
            "1",
            "--questions",
            "1",
            "--stage",
            "behavioral",
            "--stage",
            "offer",
        ])
        .write_stdin("My partial answer without a blank line")
        .assert()
        .success()
        .stdout(
            predicate::str::contains("saved as unfinished")
                .and(predicate::str::contains("--resume")),
        );
    let session = only_session(&dir.path().join("sessions"));
    assert_eq!(session["status"], "unfinished");
    assert_eq!(
        session["questions"][0]["answer"],
        "My partial answer without a blank line"
    );
    assert!(session["questions"][0]["card"]["overall"].is_number());
}

#[test]
fn too_few_scripted_answers_is_an_error_that_keeps_what_was_answered() {
    let dir = TempDir::new().unwrap();
    let file = dir.path().join("a.json");
    std::fs::write(
        &file,
        r#"["only one answer, about the time I pulled the data"]"#,
    )
    .unwrap();
    mockloop()
        .current_dir(dir.path())
        .args([
            "run",
            "--seed",
            "2",
            "--questions",
            "1",
            "--no-follow-ups",
            "--answers",
        ])
        .arg(&file)
        .assert()
        .code(1)
        .stdout(predicate::str::contains("saved as unfinished"));
    let session = only_session(&dir.path().join("sessions"));
    assert_eq!(
        session["questions"][0]["answer"],
        "only one answer, about the time I pulled the data"
    );
}

#[test]
fn a_huge_answer_is_kept_but_not_scored_and_control_characters_stay_off_the_terminal() {
    let dir = TempDir::new().unwrap();
    let huge = "word ".repeat(300_000);
    let input = format!("{huge}\n\nEvil \u{1b}[2J\u{7} text\n\n");
    let out = mockloop()
        .current_dir(dir.path())
        .args([
            "run",
            "--seed",
            "9",
            "--questions",
            "1",
            "--no-follow-ups",
            "--stage",
            "behavioral",
            "--stage",
            "culture_fit",
            "--feedback",
            "each",
        ])
        .write_stdin(input)
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr_of(&out));
    assert!(!out.stdout.contains(&0x1b) && !out.stdout.contains(&0x07));
    let session = only_session(&dir.path().join("sessions"));
    assert_eq!(
        session["questions"][0]["answer"].as_str().unwrap().len(),
        huge.trim_end().len()
    );
    assert!(session["questions"][0]["score_error"]
        .as_str()
        .unwrap()
        .contains("over the limit"));
    assert_eq!(
        session["questions"][1]["answer"], "Evil \u{1b}[2J\u{7} text",
        "saved exactly as typed"
    );
}

#[test]
fn bad_arguments_fail_before_the_first_question() {
    let dir = TempDir::new().unwrap();
    let blocker = dir.path().join("not-a-folder");
    std::fs::write(&blocker, "x").unwrap();
    mockloop()
        .current_dir(dir.path())
        .args(["run", "--sessions"])
        .arg(&blocker)
        .write_stdin("an answer\n\n")
        .assert()
        .code(1)
        .stdout(predicate::str::contains("Question").not())
        .stderr(predicate::str::contains("is a file, not a folder"));
    let fails = |args: &[&str], code: i32, message: &str| {
        mockloop()
            .current_dir(dir.path())
            .args(args)
            .assert()
            .code(code)
            .stderr(predicate::str::contains(message));
    };
    fails(&["run", "--stage", "lunch"], 1, "unknown stage `lunch`");
    fails(&["run", "--questions", "0"], 2, "--questions");
    fails(
        &["run", "--questions", "99", "--stage", "offer"],
        1,
        "stage `offer` has only",
    );
    let bad = dir.path().join("bad.json");
    std::fs::write(&bad, r#"{"beh-failure": 3}"#).unwrap();
    mockloop()
        .current_dir(dir.path())
        .args(["run", "--answers"])
        .arg(&bad)
        .assert()
        .code(1)
        .stderr(
            predicate::str::contains("bad.json is not valid")
                .and(predicate::str::contains("answers.beh-failure")),
        );
}

#[test]
fn resume_refuses_unknown_and_complete_sessions() {
    let dir = TempDir::new().unwrap();
    mockloop()
        .current_dir(dir.path())
        .args(["run", "--resume", "nope"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains("no session `nope`"));
    mockloop()
        .current_dir(dir.path())
        .args([
            "run",
            "--seed",
            "4",
            "--questions",
            "1",
            "--no-follow-ups",
            "--stage",
            "culture_fit",
        ])
        .write_stdin(format!("{}\n\n", ANSWERS[0]))
        .assert()
        .success();
    mockloop()
        .current_dir(dir.path())
        .args(["run", "--resume", "latest"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains("already complete"));
}

#[test]
fn a_follow_up_whose_gap_an_earlier_reply_closed_is_not_asked() {
    let weak = "We had a problem with a launch and we worked through it as a team.";
    let covering = "At my last company I was the PM and I owned the launch. I pulled the data, proposed a new plan, and told my VP directly. As a result failures dropped from 20% to 5% in a month, and what I learned is to flag risks early. I weighed short-term revenue against long-term member trust, because that call was hard to reverse.";
    let asked = |follow_up_reply: &str| -> usize {
        let dir = TempDir::new().unwrap();
        let file = dir.path().join("a.json");
        std::fs::write(
            &file,
            serde_json::to_string(&[weak, follow_up_reply, "I helped."]).unwrap(),
        )
        .unwrap();
        mockloop()
            .current_dir(dir.path())
            .args([
                "run",
                "--stage",
                "behavioral",
                "--questions",
                "1",
                "--seed",
                "1",
                "--answers",
            ])
            .arg(&file)
            .assert()
            .success();
        let session = only_session(&dir.path().join("sessions"));
        session["questions"][0]["follow_ups"]
            .as_array()
            .unwrap()
            .len()
    };
    assert_eq!(
        asked("I helped."),
        2,
        "a thin reply leaves the second gap open"
    );
    assert_eq!(
        asked(covering),
        1,
        "a reply that closes the second gap makes it moot"
    );
}

/// The hint printed on leaving, taken from the output: everything after "Continue with: ".
fn continue_with(text: &str) -> String {
    let at = text.find("Continue with: ").expect("a resume hint") + "Continue with: ".len();
    text[at..].lines().next().unwrap().trim().to_string()
}

#[test]
fn the_resume_hint_names_every_non_default_option_and_works_as_printed() {
    let dir = TempDir::new().unwrap();
    let rubrics = rubric_copy();
    let bin = assert_cmd::cargo::cargo_bin("mockloop");
    let start = |stdin: &str| {
        mockloop()
            .current_dir(dir.path())
            .args([
                "run",
                "--seed",
                "5",
                "--stage",
                "behavioral",
                "--questions",
                "2",
            ])
            .args(["--no-follow-ups", "--sessions", "my sessions", "--rubrics"])
            .arg(rubrics.path())
            .write_stdin(stdin.to_string())
            .output()
            .unwrap()
    };

    // `/quit` names the folder and the rubrics, quoted for the shell where needed.
    let quit = stdout_of(&start("/quit\n"));
    let hint = continue_with(&quit);
    assert!(hint.contains("--sessions 'my sessions'"), "{hint}");
    assert!(
        hint.contains(&format!("--rubrics {}", rubrics.path().display())),
        "{hint}"
    );

    // End of input after one answer: the printed command, pasted into a shell, finishes it.
    let ended = stdout_of(&start(&format!("{}\n\n", ANSWERS[0])));
    let hint = continue_with(&ended);
    assert!(hint.starts_with("mockloop run --resume "), "{hint}");
    let pasted = hint.replacen("mockloop", &format!("'{}'", bin.display()), 1);
    let out = Command::new("sh")
        .arg("-c")
        .arg(&pasted)
        .current_dir(dir.path())
        .env_remove("MOCKLOOP_SESSIONS")
        .env_remove("MOCKLOOP_RUBRICS")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .and_then(|mut child| {
            child
                .stdin
                .take()
                .unwrap()
                .write_all(format!("{}\n\n", ANSWERS[0]).as_bytes())?;
            child.wait_with_output()
        })
        .unwrap();
    assert!(out.status.success(), "{pasted}: {}", stderr_of(&out));
    assert!(stdout_of(&out).contains("Mock loop complete"), "{pasted}");
    let id = hint.split_whitespace().nth(3).expect("the session id");
    let resumed = read_json(&dir.path().join("my sessions").join(format!("{id}.json")));
    assert_eq!(resumed["status"], "complete");
}

#[test]
fn the_loop_keeps_to_a_40_column_terminal_breaking_at_word_boundaries() {
    let dir = TempDir::new().unwrap();
    let typed = [
        "/hint",
        "/help",
        "/frobnicate",
        "We had a problem. I worked on it with the team and it went fine.",
        "",
        "I pulled the data myself, and churn fell from 6% to 4% in a quarter.",
        "",
        "Yes, I accept right now. My current salary is $100,000.",
        "",
        "Thank you.",
        "",
    ];
    let out = mockloop()
        .current_dir(dir.path())
        .env("COLUMNS", "40")
        .args([
            "run",
            "--stage",
            "behavioral",
            "--stage",
            "offer",
            "--questions",
            "1",
        ])
        .args(["--seed", "5", "--feedback", "each"])
        .write_stdin(typed.join("\n") + "\n")
        .output()
        .unwrap();
    let text = stdout_of(&out);
    assert!(text.contains("A strong answer here"), "{text}");
    assert!(text.contains("Recruiter:"), "{text}");
    for line in text.lines() {
        // The resume command is kept whole on purpose, so it can be copied.
        if line.starts_with("Continue with: ") {
            continue;
        }
        let width = line.chars().count();
        assert!(
            width <= 40 || !line.trim().contains(' '),
            "{width} columns: {line:?}\n{text}"
        );
    }
    // Words are never cut to fit: every word of the stage brief is on the screen whole.
    let set = read_json(&repo().join("rubrics/loop.json"));
    let brief = set["stages"][0]["brief"].as_str().unwrap();
    let shown: Vec<&str> = text.split_whitespace().collect();
    for word in brief.split_whitespace() {
        assert!(shown.contains(&word), "{word:?} was cut");
    }
}

#[test]
fn follow_ups_on_a_bank_question_are_its_own_probes() {
    // Every bank question's own follow-up prompts, by question id.
    let mut own: std::collections::HashMap<String, Vec<String>> = Default::default();
    for entry in std::fs::read_dir(repo().join("rubrics/questions")).unwrap() {
        let bank = read_json(&entry.unwrap().path());
        for q in bank["questions"].as_array().unwrap() {
            let prompts = q["follow_ups"].as_array().cloned().unwrap_or_default();
            own.insert(
                q["question_id"]
                    .as_str()
                    .or(q["id"].as_str())
                    .unwrap()
                    .to_string(),
                prompts
                    .iter()
                    .map(|f| f["prompt"].as_str().unwrap().to_string())
                    .collect(),
            );
        }
    }
    let dir = TempDir::new().unwrap();
    let file = dir.path().join("answers.json");
    std::fs::write(
        &file,
        serde_json::to_string(&vec![WEAK_BEHAVIORAL; 60]).unwrap(),
    )
    .unwrap();
    let mut asked = 0;
    for seed in ["1", "2", "3"] {
        mockloop()
            .current_dir(dir.path())
            .args(["run", "--questions", "1", "--seed", seed, "--answers"])
            .arg(&file)
            .assert()
            .success();
        let path = session_files(&dir.path().join("sessions")).pop().unwrap();
        let session = read_json(&path);
        std::fs::remove_file(path).unwrap();
        for q in session["questions"].as_array().unwrap() {
            let id = q["question_id"].as_str().unwrap();
            for f in q["follow_ups"].as_array().cloned().unwrap_or_default() {
                asked += 1;
                let prompt = f["prompt"].as_str().unwrap().to_string();
                // Asking for the question itself is the question's own probe too.
                let for_the_question = f["criterion"] == "relevance";
                assert!(
                    for_the_question || own[id].contains(&prompt),
                    "{id}: a stage probe {prompt:?}"
                );
            }
        }
    }
    assert!(asked > 0, "weak answers draw follow-ups");
}
