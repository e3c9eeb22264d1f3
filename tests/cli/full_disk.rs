//! A full disk is survivable (issue 11, item 7): a failed save removes its temp file, says which
//! answer was not saved and how to resume, and a later run on a freed disk works.
//!
//! Two ways to fill a disk: a file-size limit on the child (`RLIMIT_FSIZE`, works for any user,
//! always runs) and, where the test may mount one, a real 200 KB tmpfs (true `ENOSPC`).
#![cfg(target_os = "linux")]

use std::os::unix::process::CommandExt;
use std::path::Path;

use crate::common::*;
use serde_json::json;
use tempfile::TempDir;

/// An unfinished session in `sessions` with the first of three answers; returns its id.
fn unfinished(dir: &Path, sessions: &Path) -> String {
    let answers = dir.join("first.json");
    std::fs::write(&answers, json!([STRONG_BEHAVIORAL]).to_string()).unwrap();
    mockloop()
        .current_dir(dir)
        .args([
            "run",
            "--stage",
            "behavioral",
            "--questions",
            "3",
            "--no-follow-ups",
        ])
        .args(["--seed", "2", "--sessions"])
        .arg(sessions)
        .arg("--answers")
        .arg(&answers)
        .assert()
        .code(1);
    let files = session_files(sessions);
    read_json(&files[0])["id"].as_str().unwrap().to_string()
}

/// Resumes `id`, giving one long answer; `limit` caps the size of any file the child writes.
fn resume(dir: &Path, sessions: &Path, id: &str, limit: Option<u64>) -> std::process::Output {
    let mut std_cmd = mockloop_std();
    std_cmd
        .current_dir(dir)
        .args(["run", "--resume", id, "--sessions"])
        .arg(sessions);
    if let Some(limit) = limit {
        // SAFETY: setrlimit and signal are async-signal-safe; nothing else runs before exec.
        unsafe {
            std_cmd.pre_exec(move || {
                // Over the limit a write fails with EFBIG instead of killing the process.
                libc::signal(libc::SIGXFSZ, libc::SIG_IGN);
                let rl = libc::rlimit {
                    rlim_cur: limit,
                    rlim_max: limit,
                };
                libc::setrlimit(libc::RLIMIT_FSIZE, &rl);
                Ok(())
            });
        }
    }
    let mut cmd = assert_cmd::Command::from_std(std_cmd);
    cmd.write_stdin(format!("{}\n\n", STRONG_BEHAVIORAL.repeat(4)));
    cmd.output().unwrap()
}

/// What a failed save must leave and say, then a freed disk resumes.
fn survives(
    dir: &Path,
    sessions: &Path,
    id: &str,
    fill: impl FnOnce() -> Option<u64>,
    free: impl FnOnce(),
) {
    let file = sessions.join(format!("{id}.json"));
    let before = read_json(&file);
    let limit = fill();
    let out = resume(dir, sessions, id, limit);
    let err = stderr_of(&out);
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert!(
        err.contains("your answer to question 2 of 3 (behavioral,")
            && err.contains("was not saved")
            && err.contains(&format!("mockloop run --resume {id}")),
        "{err}"
    );
    assert_eq!(err.lines().count(), 1, "{err}");
    free();
    let mut names: Vec<String> = std::fs::read_dir(sessions)
        .unwrap()
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n != "filler")
        .collect();
    names.sort();
    assert_eq!(
        names,
        [format!("{id}.json")],
        "no temp, lock or write-check debris"
    );
    // The last good file: earlier saves of this run may have landed, the failed one did not.
    let kept = read_json(&file);
    assert_eq!(
        kept["questions"][0], before["questions"][0],
        "the first answer is kept"
    );
    assert_ne!(
        kept["questions"][1]["done"], true,
        "the failed save did not land"
    );

    let out = resume(dir, sessions, id, None);
    assert!(out.status.success(), "{}", stderr_of(&out));
    let saved = read_json(&file);
    assert!(saved["questions"][1]["answer"].is_string(), "{saved}");
}

#[test]
fn a_failed_save_keeps_the_last_file_and_says_how_to_resume() {
    let dir = TempDir::new().unwrap();
    let sessions = dir.path().join("sessions");
    let id = unfinished(dir.path(), &sessions);
    let size = std::fs::metadata(sessions.join(format!("{id}.json")))
        .unwrap()
        .len();
    survives(dir.path(), &sessions, &id, || Some(size + 512), || {});
}

#[test]
fn a_full_tmpfs_is_survivable() {
    let dir = TempDir::new().unwrap();
    let mount = dir.path().join("small");
    std::fs::create_dir(&mount).unwrap();
    let mounted = std::process::Command::new("mount")
        .args(["-t", "tmpfs", "-o", "size=200k", "tmpfs"])
        .arg(&mount)
        .output()
        .is_ok_and(|o| o.status.success());
    if !mounted {
        println!(
            "skipped: cannot mount a tmpfs here (needs root); the RLIMIT_FSIZE test covers this"
        );
        return;
    }
    struct Unmount<'a>(&'a Path);
    impl Drop for Unmount<'_> {
        fn drop(&mut self) {
            let _ = std::process::Command::new("umount").arg(self.0).status();
        }
    }
    let _unmount = Unmount(&mount);
    let sessions = mount.join("sessions");
    let id = unfinished(dir.path(), &sessions);
    let filler = sessions.join("filler");
    let size = std::fs::metadata(sessions.join(format!("{id}.json")))
        .unwrap()
        .len();
    survives(
        dir.path(),
        &sessions,
        &id,
        || {
            use std::io::Write;
            let mut f = std::fs::File::create(&filler).unwrap();
            let chunk = vec![0u8; 4096];
            while f.write_all(&chunk).is_ok() {}
            let _ = f.sync_all();
            // Leave room (in 4 KB pages) for a copy of the old file, the lock file, the write
            // check and one page more: not for the file grown by a long answer.
            let room = size.div_ceil(4096) * 4096 + 3 * 4096;
            let len = f.metadata().unwrap().len();
            f.set_len(len.saturating_sub(room)).unwrap();
            None
        },
        || std::fs::remove_file(&filler).unwrap(),
    );
}
