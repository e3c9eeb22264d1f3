//! `mockloop run` at a real (pseudo-)terminal, through the rustyline editor, as a person would
//! use it: multi-line answers, /hint, /skip, a follow-up, the negotiation, Ctrl-C and Ctrl-D.

use std::path::Path;
use std::process::Command;

use crate::common::{read_json, session_files, stages_of, LOOP_ORDER};
use rexpect::session::{spawn_command, PtySession};
use serde_json::Value;
use tempfile::TempDir;

fn spawn(dir: &Path, args: &[&str]) -> PtySession {
    let mut cmd = Command::new(assert_cmd::cargo::cargo_bin("mockloop"));
    cmd.current_dir(dir)
        .args(args)
        .env("TERM", "xterm")
        .env("COLUMNS", "120")
        .env_remove("MOCKLOOP_SESSIONS")
        .env_remove("MOCKLOOP_RUBRICS");
    spawn_command(cmd, Some(30_000)).expect("spawn in a pseudo-terminal")
}

/// The loop most tests need: behavioral questions without follow-ups, waiting at the first
/// prompt. `extra` adds options (`--rubrics DIR`).
fn behavioral(dir: &Path, questions: u32, extra: &[&str]) -> PtySession {
    let questions = questions.to_string();
    let mut args = vec![
        "run",
        "--seed",
        "3",
        "--questions",
        &questions,
        "--no-follow-ups",
        "--stage",
        "behavioral",
    ];
    args.extend_from_slice(extra);
    let mut p = spawn(dir, &args);
    p.exp_string(&format!("Question 1/{questions}")).unwrap();
    p.exp_string("> ").unwrap();
    p
}

fn session(dir: &Path) -> Value {
    let file = session_files(&dir.join("sessions"))
        .pop()
        .expect("a session file");
    read_json(&file)
}

/// Types a multi-line answer the way a person does: line, Enter, line, Enter, empty Enter.
fn answer(p: &mut PtySession, lines: &[&str]) {
    for line in lines {
        p.send_line(line).unwrap();
    }
    p.send_line("").unwrap();
}

#[test]
fn a_full_loop_at_the_terminal() {
    let dir = TempDir::new().unwrap();
    let mut p = spawn(
        dir.path(),
        &["run", "--seed", "21", "--questions", "1", "--name", "Ada"],
    );
    let (mut question, mut follow_ups, mut negotiations) = (0, 0, 0);
    loop {
        let (_, seen) = p
            .exp_regex(r"Question [1-6]/6|Follow-up: |Recruiter: |Mock loop complete")
            .unwrap();
        p.exp_string("> ").unwrap_or_default();
        if seen.starts_with("Question") {
            question += 1;
            if question == 1 {
                p.send_line("/hint").unwrap();
                p.exp_string("A strong answer here").unwrap();
                p.exp_string("> ").unwrap();
            }
            if question == 3 {
                p.send_line("/skip").unwrap();
                p.exp_string("Skipped").unwrap();
                continue;
            }
            let first = format!("Question {question}: we had a problem.");
            answer(&mut p, &[&first, "I worked on it with the team."]);
        } else if seen.starts_with("Follow-up") {
            follow_ups += 1;
            answer(
                &mut p,
                &["I pulled the data myself, and churn fell from 6% to 4% in a quarter."],
            );
        } else if seen.starts_with("Recruiter") {
            negotiations += 1;
            answer(
                &mut p,
                &["Thank you. I'd like a day to review the offer in writing."],
            );
        } else {
            break;
        }
    }
    p.exp_string("Overall").unwrap();
    p.exp_string("Session saved:").unwrap();
    p.exp_eof().unwrap();
    assert_eq!(question, 6);
    assert!(follow_ups >= 1, "short answers with gaps draw follow-ups");
    assert_eq!(negotiations, 1);

    let s = session(dir.path());
    assert_eq!(s["status"], "complete");
    assert_eq!(s["candidate"], "Ada");
    let questions = s["questions"].as_array().unwrap();
    assert_eq!(stages_of(&s), LOOP_ORDER);
    assert_eq!(
        questions[0]["answer"],
        "Question 1: we had a problem.\nI worked on it with the team."
    );
    assert_eq!(questions[0]["hints"], 1);
    assert_eq!(questions[2]["skipped"], true);
    for (i, q) in questions.iter().enumerate().filter(|(i, _)| *i != 2) {
        assert!(q["seconds_used"].is_number(), "question {i} is timed");
        assert!(q["card"]["overall"].is_number(), "question {i} is scored");
    }
    let answered_follow_ups = questions
        .iter()
        .flat_map(|q| q["follow_ups"].as_array().cloned().unwrap_or_default())
        .filter(|f| f["answer"].is_string())
        .count();
    assert_eq!(answered_follow_ups, follow_ups);
}

#[test]
fn ctrl_c_keeps_the_draft_and_resume_offers_it_back() {
    let dir = TempDir::new().unwrap();
    let mut p = behavioral(dir.path(), 1, &[]);
    p.send_line("The first line of my draft").unwrap();
    p.send("and the second, half typed").unwrap();
    p.flush().unwrap();
    std::thread::sleep(std::time::Duration::from_millis(300));
    p.send_control('c').unwrap();
    p.exp_string("Interrupted").unwrap();
    p.exp_eof().unwrap();
    let s = session(dir.path());
    assert_eq!(s["status"], "unfinished");
    assert_eq!(
        s["questions"][0]["draft"],
        "The first line of my draft\nand the second, half typed"
    );

    // The draft comes back in the editor; two Enters submit it as the answer.
    let mut p = spawn(dir.path(), &["run", "--resume", "latest"]);
    p.exp_string("half typed").unwrap();
    p.send_line("").unwrap();
    p.send_line("").unwrap();
    p.exp_string("Mock loop complete").unwrap();
    p.exp_eof().unwrap();
    let s = session(dir.path());
    assert_eq!(s["status"], "complete");
    assert_eq!(
        s["questions"][0]["answer"],
        "The first line of my draft\nand the second, half typed"
    );
}

#[test]
fn ctrl_d_on_an_empty_prompt_saves_and_quits() {
    let dir = TempDir::new().unwrap();
    let mut p = spawn(
        dir.path(),
        &["run", "--seed", "3", "--questions", "1", "--stage", "offer"],
    );
    p.exp_string("> ").unwrap();
    p.send_control('d').unwrap();
    p.exp_string("Continue with: mockloop run --resume")
        .unwrap();
    p.exp_eof().unwrap();
    assert_eq!(session(dir.path())["status"], "unfinished");
}

#[test]
fn commands_between_lines_of_an_answer_keep_the_lines_apart() {
    let dir = TempDir::new().unwrap();
    let mut p = behavioral(dir.path(), 1, &[]);
    p.send_line("Line one.").unwrap();
    p.send_line("/repeat").unwrap();
    p.exp_string("Question 1/1").unwrap();
    p.exp_string("> ").unwrap();
    p.send_line("Line two.").unwrap();
    p.send_line("/time").unwrap();
    p.exp_string(" used").unwrap();
    p.exp_string("> ").unwrap();
    p.send_line("Line three.").unwrap();
    p.send_line("").unwrap();
    p.exp_string("Mock loop complete").unwrap();
    p.exp_eof().unwrap();
    let s = session(dir.path());
    assert_eq!(
        s["questions"][0]["answer"],
        "Line one.\nLine two.\nLine three."
    );
}

#[test]
fn example_shows_the_answered_questions_exemplar_made_safe() {
    let rubrics = crate::common::rubric_copy();
    let bank = rubrics.path().join("questions/behavioral.json");
    // Each question's exemplar names its id, so the test can tell whose is shown; one carries a
    // terminal escape that must not reach the terminal.
    crate::common::edit_json(&bank, |v| {
        for q in v["questions"].as_array_mut().unwrap() {
            let id = q["id"].as_str().unwrap().to_string();
            q["exemplar"] =
                format!("Exemplar for {id}: I led it \u{1b}[31mcarefully\u{1b}[0m.").into();
        }
    });
    let dir = TempDir::new().unwrap();
    let rubrics_arg = rubrics.path().to_str().unwrap().to_string();
    let mut p = behavioral(dir.path(), 2, &["--rubrics", &rubrics_arg]);
    // Not before answering: that would hand over the answer.
    p.send_line("/example").unwrap();
    p.exp_string("once you have answered").unwrap();
    p.exp_string("> ").unwrap();
    answer(&mut p, &["My answer to the first question."]);
    p.exp_string("Question 2/2").unwrap();
    p.exp_string("> ").unwrap();
    p.send_line("/example").unwrap();
    let shown = p.exp_string("carefully").unwrap();
    p.exp_string("> ").unwrap();
    answer(&mut p, &["My answer to the second."]);
    p.exp_string("Mock loop complete").unwrap();
    p.exp_eof().unwrap();

    let s = session(dir.path());
    let first = s["questions"][0]["question_id"].as_str().unwrap();
    let second = s["questions"][1]["question_id"].as_str().unwrap();
    assert!(shown.contains(&format!("Exemplar for {first}:")), "{shown}");
    assert!(!shown.contains(second), "{shown}");
    assert!(
        shown.contains("\\u{1b}[31m"),
        "the escape is shown, not sent: {shown}"
    );
    // The editor draws with escapes of its own; the exemplar's text carries none.
    let exemplar = &shown[shown.find("Exemplar for").unwrap()..];
    assert!(!exemplar.contains('\u{1b}'), "{exemplar:?}");
}

#[test]
fn time_spent_before_ctrl_c_is_kept_on_resume() {
    let dir = TempDir::new().unwrap();
    let args = [
        "run",
        "--seed",
        "3",
        "--questions",
        "1",
        "--no-follow-ups",
        "--stage",
        "behavioral",
    ];
    let mut p = spawn(dir.path(), &args);
    p.exp_string("> ").unwrap();
    p.send_line("Half of my answer").unwrap();
    std::thread::sleep(std::time::Duration::from_millis(2200));
    p.send_control('c').unwrap();
    p.exp_string("Interrupted").unwrap();
    p.exp_eof().unwrap();
    let s = session(dir.path());
    let before = s["questions"][0]["seconds_used"]
        .as_f64()
        .expect("time kept");
    assert!(before >= 2.0, "{before}");

    let mut p = spawn(dir.path(), &["run", "--resume", "latest"]);
    p.exp_string("Half of my answer").unwrap();
    p.send_line("and the rest.").unwrap();
    p.send_line("").unwrap();
    p.exp_string("Mock loop complete").unwrap();
    p.exp_eof().unwrap();
    let s = session(dir.path());
    let total = s["questions"][0]["seconds_used"].as_f64().unwrap();
    assert!(
        total >= before,
        "{total} < {before}: the time before Ctrl-C was lost"
    );
}

#[test]
fn passing_the_budget_is_said_at_the_next_key_typed() {
    let rubrics = crate::common::rubric_copy();
    crate::common::edit_json(&rubrics.path().join("loop.json"), |v| {
        for stage in v["stages"].as_array_mut().unwrap() {
            stage["time_budget_secs"] = 1.into();
        }
    });
    let dir = TempDir::new().unwrap();
    let rubrics_arg = rubrics.path().to_str().unwrap().to_string();
    let mut p = behavioral(dir.path(), 1, &["--rubrics", &rubrics_arg]);
    p.send_line("A first line, in time.").unwrap();
    std::thread::sleep(std::time::Duration::from_millis(1600));
    p.send("A").unwrap();
    p.flush().unwrap();
    p.exp_string("over budget]").unwrap();
    // The note is shown, never typed in: the right arrow does not take it into the answer.
    p.send("\u{1b}[C").unwrap();
    p.send_line("nd the second line.").unwrap();
    p.send_line("").unwrap();
    p.exp_string("Mock loop complete").unwrap();
    p.exp_eof().unwrap();
    assert_eq!(
        session(dir.path())["questions"][0]["answer"],
        "A first line, in time.\nAnd the second line."
    );
}

/// Closing the terminal window: the kernel hangs up the terminal (SIGHUP, then reads fail).
/// rexpect cannot close its terminal without killing the child, so this test opens its own.
#[cfg(unix)]
#[test]
fn closing_the_terminal_keeps_the_draft_as_ctrl_c_does() {
    use std::io::{Read, Write};
    use std::os::fd::FromRawFd;
    use std::os::unix::process::CommandExt;

    let dir = TempDir::new().unwrap();
    // SAFETY: plain POSIX calls on fds this test owns; checked for errors.
    let (master, slave) = unsafe {
        let master = libc::posix_openpt(libc::O_RDWR | libc::O_NOCTTY);
        assert!(master >= 0);
        assert_eq!(libc::grantpt(master), 0);
        assert_eq!(libc::unlockpt(master), 0);
        let name = std::ffi::CStr::from_ptr(libc::ptsname(master)).to_owned();
        let slave = libc::open(name.as_ptr(), libc::O_RDWR | libc::O_NOCTTY);
        assert!(slave >= 0);
        (master, slave)
    };
    let mut cmd = Command::new(assert_cmd::cargo::cargo_bin("mockloop"));
    cmd.current_dir(dir.path())
        .args(["run", "--seed", "3", "--questions", "1", "--no-follow-ups"])
        .args(["--stage", "behavioral"])
        .env("TERM", "xterm")
        .env("COLUMNS", "120")
        .env_remove("MOCKLOOP_SESSIONS")
        .env_remove("MOCKLOOP_RUBRICS");
    // SAFETY: only async-signal-safe calls between fork and exec.
    unsafe {
        cmd.pre_exec(move || {
            // A session of its own with this terminal as its controlling one, as a shell in a
            // terminal window has.
            libc::setsid();
            libc::ioctl(slave, libc::TIOCSCTTY as _, 0);
            for fd in 0..3 {
                libc::dup2(slave, fd);
            }
            libc::close(slave);
            libc::close(master);
            Ok(())
        });
    }
    let mut child = cmd.spawn().unwrap();
    // SAFETY: the parent's copy of the slave is no longer needed; the master is owned here.
    unsafe { libc::close(slave) };
    let mut terminal = unsafe { std::fs::File::from_raw_fd(master) };
    let mut seen = Vec::new();
    let mut chunk = [0u8; 4096];
    while !String::from_utf8_lossy(&seen).contains("> ") {
        let n = terminal.read(&mut chunk).unwrap();
        assert!(
            n > 0,
            "the prompt never came: {}",
            String::from_utf8_lossy(&seen)
        );
        seen.extend_from_slice(&chunk[..n]);
    }
    terminal.write_all(b"My first line\r").unwrap();
    std::thread::sleep(std::time::Duration::from_millis(200));
    terminal.write_all(b"and a half-typed second").unwrap();
    std::thread::sleep(std::time::Duration::from_millis(300));
    drop(terminal);
    let status = child.wait().unwrap();
    assert_eq!(
        status.code(),
        Some(130),
        "ends as on Ctrl-C, not killed by the signal"
    );
    let s = session(dir.path());
    assert_eq!(s["status"], "unfinished");
    assert_eq!(
        s["questions"][0]["draft"],
        "My first line\nand a half-typed second"
    );
}
