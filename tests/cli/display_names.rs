//! People read names, not ids: stage titles, question text and value names in the rubric's
//! order in the score card (`score`, `run --feedback each`) and in `replay`; and value scores
//! carry no hiring-band colours.

use crate::common::*;
use tempfile::TempDir;

/// The value names of the built-in rubric, in its order.
fn value_names() -> Vec<String> {
    let values = read_json(&repo().join("rubrics/values.json"));
    values["values"]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v["name"].as_str().unwrap().to_string())
        .collect()
}

/// Asserts the names appear in `text` in the given order, each starting a table cell.
fn in_order(text: &str, names: &[String], what: &str) {
    let mut at = 0;
    for name in names {
        let found = text[at..]
            .find(&format!("│ {name} "))
            .unwrap_or_else(|| panic!("{what}: {name} missing or out of order:\n{text}"));
        at += found + name.len();
    }
}

#[test]
fn the_score_card_uses_names_in_rubric_order() {
    let out = mockloop()
        .args(["score", "--stage", "cross_functional", "-"])
        .write_stdin(STRONG_BEHAVIORAL)
        .output()
        .unwrap();
    let text = stdout_of(&out);
    let first = text.lines().next().unwrap();
    assert!(
        first.starts_with("Cross-functional partnership · "),
        "{first}"
    );
    assert!(!text.contains("cross_functional"), "{text}");
    in_order(&text, &value_names(), "score");
}

#[test]
fn feedback_each_and_replay_use_names_in_loop_order() {
    let dir = TempDir::new().unwrap();
    let answers = dir.path().join("answers.json");
    std::fs::write(
        &answers,
        serde_json::to_string(&[STRONG_BEHAVIORAL]).unwrap(),
    )
    .unwrap();
    let out = mockloop()
        .current_dir(dir.path())
        .args([
            "run",
            "--stage",
            "product_strategy",
            "--questions",
            "1",
            "--seed",
            "2",
        ])
        .args(["--no-follow-ups", "--feedback", "each", "--answers"])
        .arg(&answers)
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr_of(&out));
    let text = stdout_of(&out);
    let session = read_json(&session_files(&dir.path().join("sessions"))[0]);
    let question = session["questions"][0]["question"].as_str().unwrap();
    let first_words: String = question
        .split_whitespace()
        .take(3)
        .collect::<Vec<_>>()
        .join(" ");
    let card_head = format!("Product strategy · {first_words}");
    assert!(text.contains(&card_head), "{card_head}\n{text}");
    in_order(&text, &value_names(), "feedback each");

    let replayed = stdout_of(
        &mockloop()
            .current_dir(dir.path())
            .args(["replay", "latest"])
            .output()
            .unwrap(),
    );
    assert!(replayed.contains("┆ Product strategy "), "{replayed}");
    assert!(!replayed.contains("product_strategy"), "{replayed}");
    in_order(&replayed, &value_names(), "replay");
}

#[test]
fn value_scores_carry_no_band_colours_in_html() {
    let dir = TempDir::new().unwrap();
    let answers = dir.path().join("answers.json");
    std::fs::write(
        &answers,
        serde_json::to_string(&[STRONG_BEHAVIORAL]).unwrap(),
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
            "2",
        ])
        .args(["--no-follow-ups", "--answers"])
        .arg(&answers)
        .assert()
        .success();
    let html = stdout_of(
        &mockloop()
            .current_dir(dir.path())
            .args(["report", "latest", "-f", "html"])
            .output()
            .unwrap(),
    );
    let start = html.find("<h2>Values</h2>").expect("a values section");
    let end = start + html[start..].find("</table>").unwrap();
    assert!(!html[start..end].contains("band-"), "{}", &html[start..end]);
}
