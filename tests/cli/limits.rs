//! Bounded memory and time (issue 11, item 4): every input has a cap, checked before the work,
//! with a one-line error naming the file and the limit. `/dev/zero` stands for an endless file.

use std::path::Path;
use std::time::{Duration, Instant};

use crate::common::*;
use serde_json::json;
use tempfile::TempDir;

fn refused(args: &[&str], rubrics: Option<&Path>, stdin: &str, names: &[&str]) {
    let dir = TempDir::new().unwrap();
    let mut std_cmd = mockloop_std();
    std_cmd.current_dir(dir.path()).args(args);
    if let Some(r) = rubrics {
        std_cmd.arg("--rubrics").arg(r);
    }
    // A bound on memory too: a run that grows without limit fails here, not the machine.
    #[cfg(target_os = "linux")]
    {
        use std::os::unix::process::CommandExt;
        // SAFETY: only async-signal-safe calls between fork and exec.
        unsafe {
            std_cmd.pre_exec(|| {
                let limit = libc::rlimit {
                    rlim_cur: 1 << 30,
                    rlim_max: 1 << 30,
                };
                libc::setrlimit(libc::RLIMIT_AS, &limit);
                Ok(())
            });
        }
    }
    let mut cmd = assert_cmd::Command::from_std(std_cmd);
    cmd.write_stdin(stdin);
    let started = Instant::now();
    let out = cmd.timeout(Duration::from_secs(60)).output().unwrap();
    let err = stderr_of(&out);
    assert_eq!(out.status.code(), Some(1), "{args:?}: {err}");
    assert_eq!(err.lines().count(), 1, "one line: {err}");
    for name in names {
        assert!(err.contains(name), "{args:?}: `{name}` not in: {err}");
    }
    assert!(
        started.elapsed() < Duration::from_secs(30),
        "{args:?} took {:?}",
        started.elapsed()
    );
}

#[cfg(unix)]
#[test]
fn endless_inputs_are_refused_at_their_cap() {
    refused(
        &["score", "--batch", "/dev/zero"],
        None,
        "",
        &["line 1 of /dev/zero", "over the limit of 8388608 bytes"],
    );
    refused(
        &["run", "--stage", "offer", "--answers", "/dev/zero"],
        None,
        "",
        &["answers file /dev/zero", "over the limit of 16777216 bytes"],
    );
    refused(
        &["rubric", "test", "--cases", "/dev/zero"],
        None,
        "",
        &["/dev/zero", "over the limit of 16777216 bytes"],
    );
    // A session file over its cap (sparse: it takes no disk space).
    let big = TempDir::new().unwrap();
    let file = big.path().join("20260101-000000-0000.json");
    std::fs::File::create(&file)
        .unwrap()
        .set_len(300 << 20)
        .unwrap();
    refused(
        &["report", file.to_str().unwrap()],
        None,
        "",
        &[
            "20260101-000000-0000.json",
            "over the limit of 268435456 bytes",
        ],
    );
}

#[test]
fn huge_rubrics_are_refused_before_any_work() {
    // A 5 MB pattern: over the pattern cap, and its file over the rubric file cap.
    let rubric = rubric_copy();
    edit_json(&rubric.path().join("stages/offer.json"), |v| {
        v["criteria"][0]["patterns"][0]["regex"] = json!("a".repeat(5 << 20));
    });
    refused(
        &["score", "--stage", "offer", "-"],
        Some(rubric.path()),
        "Thank you.",
        &["stages/offer.json", "over the limit of 4194304 bytes"],
    );
    // A 100 KB pattern in a small file: over the pattern cap.
    let rubric = rubric_copy();
    edit_json(&rubric.path().join("stages/offer.json"), |v| {
        v["criteria"][0]["patterns"][0]["regex"] = json!("a".repeat(100 << 10));
    });
    refused(
        &["score", "--stage", "offer", "-"],
        Some(rubric.path()),
        "Thank you.",
        &[
            "criteria[0].patterns[0].regex",
            "over the limit of 4096 bytes",
        ],
    );
    // 100,000 patterns make a file over the rubric file cap; 12,000 short ones fit in a file
    // but not under the pattern count cap.
    for (count, says) in [
        (100_000, "over the limit of 4194304 bytes"),
        (12_000, "patterns, over the limit of 10000"),
    ] {
        let rubric = rubric_copy();
        edit_json(&rubric.path().join("stages/offer.json"), |v| {
            let many: Vec<_> = (0..count)
                .map(|i| json!({"id": format!("p{i}"), "regex": format!("word{i}"), "weight": 1.0}))
                .collect();
            v["criteria"][0]["patterns"] = json!(many);
        });
        refused(
            &["score", "--stage", "offer", "-"],
            Some(rubric.path()),
            "Thank you.",
            &[says],
        );
    }
}

#[test]
fn a_piped_answer_without_end_is_refused() {
    let dir = TempDir::new().unwrap();
    // Endless lines with no blank line to end the answer (`yes | mockloop run`), capped.
    let endless = "y\n".repeat((16 << 20) / 2 + 10);
    let out = mockloop()
        .current_dir(dir.path())
        .args(["run", "--stage", "offer", "--questions", "1"])
        .write_stdin(endless)
        .output()
        .unwrap();
    let err = stderr_of(&out);
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert!(
        err.contains("an answer is over the limit of 16777216 bytes"),
        "{err}"
    );
}
