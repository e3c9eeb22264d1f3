//! `--color auto|always|never` on every command that prints a table or a card: `always` paints
//! even into a pipe, `never` and `auto` off a terminal do not, and `NO_COLOR` turns auto off.

use std::path::Path;

use tempfile::TempDir;

use crate::common::*;

/// Two finished behavioral sessions, weak then strong, so history has a trend; the newest
/// session's recorded score is lowered so that replay shows a change.
fn two_sessions(dir: &Path) {
    for (i, answer) in [WEAK_BEHAVIORAL, STRONG_BEHAVIORAL].iter().enumerate() {
        let file = dir.join(format!("a{i}.json"));
        std::fs::write(&file, serde_json::to_string(&[answer]).unwrap()).unwrap();
        mockloop()
            .current_dir(dir)
            .args(["run", "--stage", "behavioral", "--questions", "1"])
            .args(["--no-follow-ups", "--seed", "4", "--answers"])
            .arg(&file)
            .assert()
            .success();
        // Ids carry the start second; distinct seconds keep `latest` the strong one.
        std::thread::sleep(std::time::Duration::from_millis(1100));
    }
    let newest = session_files(&dir.join("sessions")).pop().unwrap();
    edit_json(&newest, |s| {
        s["questions"][0]["card"]["overall"] = 1.0.into()
    });
}

const COMMANDS: [&[&str]; 6] = [
    &["score", "--stage", "behavioral", "answer.txt"],
    &["sessions"],
    &["history"],
    &["replay", "latest"],
    &["rubric", "check"],
    &["rubric", "explain", "--stage", "behavioral", "answer.txt"],
];

fn stdout(dir: &Path, args: &[&str], color: Option<&str>, no_color: bool) -> Vec<u8> {
    let mut cmd = mockloop();
    cmd.current_dir(dir).args(args);
    if let Some(when) = color {
        cmd.args(["--color", when]);
    }
    if no_color {
        cmd.env("NO_COLOR", "1");
    } else {
        cmd.env_remove("NO_COLOR");
    }
    let out = cmd.output().unwrap();
    assert!(out.status.success(), "{args:?}: {}", stderr_of(&out));
    out.stdout
}

#[test]
fn color_always_paints_never_and_auto_off_a_terminal_do_not() {
    let dir = TempDir::new().unwrap();
    two_sessions(dir.path());
    std::fs::write(dir.path().join("answer.txt"), STRONG_BEHAVIORAL).unwrap();
    for args in COMMANDS {
        let always = stdout(dir.path(), args, Some("always"), false);
        assert!(always.contains(&0x1b), "{args:?} --color always: no colour");
        for (color, no_color) in [(Some("never"), false), (Some("auto"), true)] {
            let out = stdout(dir.path(), args, color, no_color);
            assert!(
                !out.contains(&0x1b),
                "{args:?} --color {color:?} NO_COLOR={no_color}: escape bytes in a pipe"
            );
        }
    }
    // Every command decides through the same ColorChoice::enabled, so these two are checked once.
    let sessions: &[&str] = &["sessions"];
    // `always` is asked for explicitly, so NO_COLOR (which governs auto) does not undo it.
    assert!(stdout(dir.path(), sessions, Some("always"), true).contains(&0x1b));
    // The default is auto, and a test's stdout is a pipe.
    assert!(!stdout(dir.path(), sessions, None, false).contains(&0x1b));
}

#[test]
fn color_rejects_an_unknown_choice() {
    mockloop()
        .args(["sessions", "--color", "sometimes"])
        .assert()
        .failure()
        .stderr(predicates::str::contains(
            "possible values: auto, always, never",
        ));
}
