//! `mockloop plan` and `run --focus`, on sessions made by the real loop from scripted answers.

use std::collections::BTreeSet;
use std::path::Path;

use crate::common::*;
use predicates::prelude::*;
use serde_json::Value;
use tempfile::TempDir;

/// Strong behavioral answers that never measure the result: no number anywhere. The closing
/// sentences carry Markdown specials and a terminal escape, to see that quotes are made safe.
const UNMEASURED: [&str; 2] = [
    "At my last company I was the PM for the checkout flow, and my goal was to get the payments team to support saved cards. They did not report to me. I asked their lead what her team was rewarded for, and I reframed the request around their support load. I wrote a one-page proposal and offered to lend one of our engineers for a sprint. In the end she put it on the next quarter's plan and we shipped it together. I owned the rollout when it slipped a week. What I learned is that influence comes from \u{1b}[31mwhat the other team is rewarded for.",
    "At my last company I was the PM for search, and my goal was to get the platform team to rebuild the query parser. They did not report to me. I asked their lead what her team was measured on, and I reframed the work around the incidents her team kept paging on. I wrote a short proposal and I paired with their engineers on the design. In the end they took it on and we launched it together, and search got much better. I owned the rollout when it slipped. What I learned is that influence *starts* with their incentives | not mine.",
];

/// The probed behavioral questions: their follow-ups press for a measured result.
const PROBE_MEASURED: [&str; 3] = [
    "beh-data-changed-mind",
    "beh-incomplete-data",
    "beh-took-risk",
];

/// Runs a complete two-question behavioral loop in `dir` with the unmeasured answers.
fn unmeasured_session(dir: &Path, seed: u32) {
    let file = dir.join(format!("answers-{seed}.json"));
    std::fs::write(&file, serde_json::to_string(&UNMEASURED).unwrap()).unwrap();
    mockloop()
        .current_dir(dir)
        .args([
            "run",
            "--stage",
            "behavioral",
            "--questions",
            "2",
            "--no-follow-ups",
        ])
        .args(["--seed", &seed.to_string(), "--answers"])
        .arg(&file)
        .assert()
        .success();
}

fn plan_json(dir: &Path, extra: &[&str]) -> Value {
    let out = mockloop()
        .current_dir(dir)
        .args(["plan", "--format", "json"])
        .args(extra)
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr_of(&out));
    serde_json::from_str(&stdout_of(&out)).expect("plan JSON")
}

fn plan_text(dir: &Path, format: &str) -> String {
    let out = mockloop()
        .current_dir(dir)
        .args(["plan", "--format", format])
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr_of(&out));
    stdout_of(&out)
}

#[test]
fn sessions_that_never_measure_results_put_that_criterion_first() {
    let dir = TempDir::new().unwrap();
    for seed in [1, 2, 3] {
        unmeasured_session(dir.path(), seed);
    }
    let plan = plan_json(dir.path(), &[]);
    assert_eq!(plan["sessions"], 3);
    let weaknesses = plan["weaknesses"].as_array().unwrap();
    let first = &weaknesses[0];
    assert_eq!(first["id"], "measured_result", "{plan:#}");
    assert_eq!(first["kind"], "criterion");
    assert_eq!(first["name"], "Measures the result");
    assert_eq!(first["missed"]["times"], 6, "missed in every answer");
    assert_eq!(first["missed"]["of"], 6);
    assert_eq!(
        first["trend"], 0.0,
        "never measured, so no better and no worse"
    );
    for field in [
        "id", "name", "kind", "missed", "cost", "trend", "advice", "quote",
    ] {
        for w in weaknesses {
            assert!(w.get(field).is_some(), "weakness without `{field}`: {w}");
        }
    }
    let kinds: Vec<&str> = weaknesses
        .iter()
        .map(|w| w["kind"].as_str().unwrap())
        .collect();
    assert_eq!(
        kinds.last(),
        Some(&"value"),
        "the weakest value comes last: {kinds:?}"
    );
    assert_eq!(kinds.iter().filter(|k| **k == "value").count(), 1);
    assert!(weaknesses.len() <= 4);

    // The quote is a line the candidate wrote, made safe: no escape character left.
    let quote = first["quote"].as_str().expect("a quote");
    assert!(!quote.contains('\u{1b}'), "{quote}");
    let plain = quote.replace("\\u{1b}", "\u{1b}");
    assert!(
        UNMEASURED.iter().any(|a| a.contains(&plain)),
        "{quote} is not from the answers"
    );

    // Questions to practise: behavioral ones that probe a measured result come first, none
    // of them answered in these (recent, well-scored) sessions.
    let answered: BTreeSet<String> = session_files(&dir.path().join("sessions"))
        .iter()
        .flat_map(|f| {
            let s = read_json(f);
            let ids: Vec<String> = s["questions"]
                .as_array()
                .unwrap()
                .iter()
                .map(|q| q["question_id"].as_str().unwrap().to_string())
                .collect();
            ids
        })
        .collect();
    let questions = plan["questions"].as_array().unwrap();
    assert!(!questions.is_empty());
    for q in questions {
        for field in ["id", "stage", "text", "why"] {
            assert!(q[field].is_string(), "question without `{field}`: {q}");
        }
        let id = q["id"].as_str().unwrap();
        let why = q["why"].as_str().unwrap();
        if answered.contains(id) {
            assert!(
                why.contains("no_hire"),
                "{id} was answered well and recently: {why}"
            );
        }
    }
    let top = &questions[0];
    assert_eq!(top["stage"], "behavioral");
    assert!(
        top["why"].as_str().unwrap().contains("Measures the result"),
        "{top}"
    );
    // The questions whose follow-ups press for a measured result are among them.
    let listed: Vec<&str> = questions
        .iter()
        .map(|q| q["id"].as_str().unwrap())
        .collect();
    assert!(
        PROBE_MEASURED.iter().any(|id| listed.contains(id)),
        "{listed:?} lists none of {PROBE_MEASURED:?}"
    );
}

#[test]
fn table_and_markdown_show_the_plan_safely() {
    let dir = TempDir::new().unwrap();
    for seed in [1, 2] {
        unmeasured_session(dir.path(), seed);
    }
    let table = plan_text(dir.path(), "table");
    assert!(table.contains("from 2 sessions"), "{table}");
    for part in [
        "Weakest spots",
        "Measures the result",
        "Practise next",
        "Due again",
        "mockloop run --focus weakest",
    ] {
        assert!(table.contains(part), "no `{part}` in\n{table}");
    }
    assert!(table.contains("4 of 4"), "{table}");
    assert!(table.contains("You said: “"), "{table}");
    assert!(
        !table.contains('\u{1b}'),
        "a saved answer must not drive the terminal"
    );

    let markdown = plan_text(dir.path(), "markdown");
    assert!(
        markdown.starts_with("# Practice plan, from 2 sessions"),
        "{markdown}"
    );
    assert!(
        markdown.contains("| 1 | **Measures the result** (criterion `measured_result`) | 4 of 4 |"),
        "{markdown}"
    );
    assert!(markdown.contains("## Practise next"));
    assert!(!markdown.contains('\u{1b}'));
    // Every table row keeps its seven cells: quoted pipes, stars and brackets are escaped.
    let row = markdown
        .lines()
        .find(|l| l.starts_with("| 1 | **"))
        .unwrap();
    let cells = row.replace("\\|", "").matches('|').count() - 1;
    assert_eq!(cells, 7, "{row}");
    assert!(
        row.contains("\\*starts\\* with their incentives \\| not mine")
            || row.contains("\\u{1b}\\[31m"),
        "{row}"
    );
}

#[test]
fn no_sessions_says_how_to_start_and_exits_zero() {
    let dir = TempDir::new().unwrap();
    // An empty sessions folder; a missing one is an error, as for `sessions` and `history`.
    std::fs::create_dir(dir.path().join("sessions")).unwrap();
    mockloop()
        .current_dir(dir.path())
        .arg("plan")
        .assert()
        .success()
        .stdout(
            predicate::str::contains("No completed sessions")
                .and(predicate::str::contains("mockloop run")),
        );
    let out = mockloop()
        .current_dir(dir.path())
        .args(["plan", "--format", "json"])
        .output()
        .unwrap();
    assert!(out.status.success());
    let plan: Value = serde_json::from_str(&stdout_of(&out)).unwrap();
    assert_eq!(plan["sessions"], 0);
    assert_eq!(plan["weaknesses"], serde_json::json!([]));
    assert!(stderr_of(&out).contains("mockloop run"));
}

#[test]
fn an_unfinished_session_is_not_planned_from_but_mentioned() {
    let dir = TempDir::new().unwrap();
    mockloop()
        .current_dir(dir.path())
        .args([
            "run",
            "--stage",
            "behavioral",
            "--questions",
            "2",
            "--seed",
            "1",
        ])
        .write_stdin(format!("{}\n\n", UNMEASURED[0]))
        .assert()
        .success();
    mockloop()
        .current_dir(dir.path())
        .arg("plan")
        .assert()
        .success()
        .stdout(
            predicate::str::contains("No completed sessions")
                .and(predicate::str::contains("--resume latest")),
        );
}

#[test]
fn one_session_gives_a_plan_marked_as_such() {
    let dir = TempDir::new().unwrap();
    unmeasured_session(dir.path(), 4);
    let table = plan_text(dir.path(), "table");
    assert!(table.contains("from one session"), "{table}");
    assert!(table.contains("Measures the result"));
    let plan = plan_json(dir.path(), &[]);
    assert_eq!(plan["sessions"], 1);
    assert_eq!(plan["weaknesses"][0]["id"], "measured_result");
    assert_eq!(
        plan["weaknesses"][0]["trend"],
        Value::Null,
        "no trend from one session"
    );
    assert!(plan_text(dir.path(), "markdown").contains("from one session"));
}

#[test]
fn rescoring_with_the_same_rubric_gives_the_same_plan() {
    let dir = TempDir::new().unwrap();
    for seed in [5, 6] {
        unmeasured_session(dir.path(), seed);
    }
    assert_eq!(
        plan_json(dir.path(), &[]),
        plan_json(dir.path(), &["--rescore"])
    );
}

/// Draws a focused behavioral loop (no answers: the session is saved as drawn) and returns
/// its question ids, its recorded focus and what it printed.
fn focused_draw(dir: &Path, focus: &str, seed: u32) -> (Vec<String>, Value, String) {
    let before = session_files(&dir.join("sessions"));
    let out = mockloop()
        .current_dir(dir)
        .args([
            "run",
            "--stage",
            "behavioral",
            "--questions",
            "2",
            "--focus",
            focus,
        ])
        .args(["--seed", &seed.to_string()])
        .write_stdin("")
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr_of(&out));
    let mut new = session_files(&dir.join("sessions"));
    new.retain(|f| !before.contains(f));
    assert_eq!(new.len(), 1, "{new:?}");
    let session = read_json(&new[0]);
    std::fs::remove_file(&new[0]).unwrap();
    let ids = session["questions"]
        .as_array()
        .unwrap()
        .iter()
        .map(|q| q["question_id"].as_str().unwrap().to_string())
        .collect();
    (ids, session["settings"]["focus"].clone(), stdout_of(&out))
}

#[test]
fn focus_draws_the_questions_that_exercise_it_and_repeats_with_a_seed() {
    let dir = TempDir::new().unwrap();
    let mut pairs = BTreeSet::new();
    for seed in 1..=6 {
        let (ids, focus, stdout) = focused_draw(dir.path(), "measured_result", seed);
        assert_eq!(ids.len(), 2);
        for id in &ids {
            assert!(
                PROBE_MEASURED.contains(&id.as_str()),
                "seed {seed} drew {id}"
            );
        }
        assert_eq!(
            focused_draw(dir.path(), "measured_result", seed).0,
            ids,
            "same seed, same draw"
        );
        assert_eq!(focus["asked"], "measured_result");
        assert_eq!(focus["targets"][0]["id"], "measured_result");
        assert_eq!(focus["targets"][0]["kind"], "criterion");
        assert_eq!(
            stdout.lines().next().unwrap(),
            "This loop trains Measures the result. The questions that exercise it most were drawn first.",
        );
        pairs.insert(ids);
    }
    assert!(pairs.len() > 1, "ties are broken by the seed: {pairs:?}");
}

#[test]
fn focus_weakest_trains_what_the_plan_found() {
    let dir = TempDir::new().unwrap();
    mockloop()
        .current_dir(dir.path())
        .args(["run", "--stage", "behavioral", "--focus", "weakest"])
        .write_stdin("")
        .assert()
        .failure()
        .stderr(
            predicate::str::contains("needs a completed session")
                .and(predicate::str::contains("mockloop run")),
        );
    for seed in [1, 2] {
        unmeasured_session(dir.path(), seed);
    }
    let (ids, focus, stdout) = focused_draw(dir.path(), "weakest", 9);
    assert_eq!(focus["asked"], "weakest");
    assert_eq!(focus["targets"][0]["id"], "measured_result");
    assert!(
        stdout.starts_with("This loop trains your weakest spots: Measures the result"),
        "{stdout}"
    );
    assert!(
        ids.iter().any(|id| PROBE_MEASURED.contains(&id.as_str())),
        "{ids:?}"
    );
}

#[test]
fn an_unknown_focus_names_the_close_ids() {
    let dir = TempDir::new().unwrap();
    mockloop()
        .current_dir(dir.path())
        .args(["run", "--focus", "measured_results"])
        .write_stdin("")
        .assert()
        .code(1)
        .stderr(
            predicate::str::contains("unknown focus `measured_results`")
                .and(predicate::str::contains("close: measured_result")),
        );
    assert!(
        session_files(&dir.path().join("sessions")).is_empty(),
        "no session started"
    );
}

#[test]
fn the_plan_cache_follows_the_files_and_survives_damage() {
    let dir = TempDir::new().unwrap();
    for seed in [1, 2] {
        unmeasured_session(dir.path(), seed);
    }
    let first = plan_json(dir.path(), &[]);
    let cache = dir.path().join("sessions/.plan-cache");
    assert!(cache.is_file(), "the first plan leaves a cache");
    assert_eq!(
        plan_json(dir.path(), &[]),
        first,
        "the cached plan is the same"
    );

    std::fs::write(&cache, "not json").unwrap();
    assert_eq!(
        plan_json(dir.path(), &[]),
        first,
        "a broken cache is rebuilt"
    );

    // A session edited after the cache was written is read again.
    let files = session_files(&dir.path().join("sessions"));
    edit_json(&files[0], |s| s["status"] = "abandoned".into());
    let after = plan_json(dir.path(), &[]);
    assert_eq!(after["sessions"], 1);
    assert_eq!(after["weaknesses"][0]["missed"]["of"], 2);
}

#[test]
fn name_keeps_one_candidates_sessions() {
    let dir = TempDir::new().unwrap();
    unmeasured_session(dir.path(), 1);
    let file = dir.path().join("weak.json");
    std::fs::write(
        &file,
        serde_json::to_string(&[WEAK_BEHAVIORAL, WEAK_BEHAVIORAL]).unwrap(),
    )
    .unwrap();
    mockloop()
        .current_dir(dir.path())
        .args([
            "run",
            "--stage",
            "behavioral",
            "--questions",
            "2",
            "--no-follow-ups",
        ])
        .args(["--seed", "2", "--name", "Bob", "--answers"])
        .arg(&file)
        .assert()
        .success();
    assert_eq!(plan_json(dir.path(), &[])["sessions"], 2);
    let bob = plan_json(dir.path(), &["--name", "bob"]);
    assert_eq!(bob["sessions"], 1);
    assert_eq!(bob["weaknesses"][0]["missed"]["of"], 2);
}

#[test]
fn a_focus_the_chosen_stages_cannot_train_is_said() {
    let dir = TempDir::new().unwrap();
    mockloop()
        .current_dir(dir.path())
        .args([
            "run",
            "--stage",
            "offer",
            "--questions",
            "1",
            "--focus",
            "measured_result",
        ])
        .write_stdin("")
        .assert()
        .success()
        .stderr(predicate::str::contains(
            "no question of the chosen stages exercises Measures the result",
        ));
}
