//! Helpers shared by the integration tests, which all run the real `mockloop` binary.
#![allow(dead_code)]

use std::path::{Path, PathBuf};

use assert_cmd::Command;
use serde_json::Value;
use tempfile::TempDir;

pub fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// The binary, isolated from the caller's environment.
pub fn mockloop() -> Command {
    let mut cmd = Command::cargo_bin("mockloop").expect("binary builds");
    cmd.env_remove("MOCKLOOP_RUBRICS")
        .env_remove("MOCKLOOP_SESSIONS")
        .env("COLUMNS", "120");
    cmd
}

/// The binary as a plain `std::process::Command`, isolated like [`mockloop`], for tests that
/// set process limits before it starts (`pre_exec`); wrap it with `Command::from_std`.
pub fn mockloop_std() -> std::process::Command {
    let mut cmd = std::process::Command::new(env!("CARGO_BIN_EXE_mockloop"));
    cmd.env_remove("MOCKLOOP_RUBRICS")
        .env_remove("MOCKLOOP_SESSIONS")
        .env("COLUMNS", "120");
    cmd
}

/// A writable copy of the built-in rubric set (without calibration cases).
pub fn rubric_copy() -> TempDir {
    let dir = TempDir::new().unwrap();
    let src = repo().join("rubrics");
    for file in ["loop.json", "values.json"] {
        std::fs::copy(src.join(file), dir.path().join(file)).unwrap();
    }
    for sub in ["stages", "questions"] {
        std::fs::create_dir(dir.path().join(sub)).unwrap();
        for entry in std::fs::read_dir(src.join(sub)).unwrap() {
            let entry = entry.unwrap();
            std::fs::copy(entry.path(), dir.path().join(sub).join(entry.file_name())).unwrap();
        }
    }
    dir
}

/// Rewrites a JSON file through `edit`.
pub fn edit_json(path: &Path, edit: impl FnOnce(&mut Value)) {
    let mut value: Value = serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
    edit(&mut value);
    std::fs::write(path, serde_json::to_string_pretty(&value).unwrap()).unwrap();
}

pub fn stdout_of(output: &std::process::Output) -> String {
    String::from_utf8(output.stdout.clone()).expect("stdout is UTF-8")
}

pub fn stderr_of(output: &std::process::Output) -> String {
    String::from_utf8(output.stderr.clone()).expect("stderr is UTF-8")
}

pub const STRONG_BEHAVIORAL: &str = "At my last company I was the PM for checkout, and I needed the payments team to support saved cards. They didn't report to me. I pulled three months of funnel data and found 18% of guest checkouts failed at card entry. I asked their lead what her team was measured on, and reframed the request around support tickets. I offered to lend one of our engineers for a sprint. She put it on the next quarter's plan, and after launch failures dropped from 18% to 11%. What I learned is that influence comes from understanding what the other team is rewarded for.";

pub const WEAK_BEHAVIORAL: &str = "So I think it is basically about, you know, building relationships and trust. We kind of set up some meetings and we talked through things and eventually people were more or less on the same page and it went fairly well I would say.";

/// The built-in loop's stages, in order.
pub const LOOP_ORDER: [&str; 6] = [
    "behavioral",
    "product_strategy",
    "cross_functional",
    "culture_fit",
    "onsite",
    "offer",
];

/// The stage of each question of a saved session, in order.
pub fn stages_of(session: &Value) -> Vec<&str> {
    let questions = session["questions"].as_array().expect("questions");
    questions
        .iter()
        .map(|q| q["stage"].as_str().expect("stage"))
        .collect()
}

/// The session files in a sessions folder, oldest first (ids begin with the start time).
pub fn session_files(sessions: &Path) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(sessions)
        .map(|d| d.flatten().map(|e| e.path()).collect())
        .unwrap_or_default();
    files.retain(|p| p.extension().is_some_and(|e| e == "json"));
    files.sort();
    files
}

pub fn read_json(path: &Path) -> Value {
    let text = std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    serde_json::from_str(&text).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}
