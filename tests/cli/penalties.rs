//! Penalties reach every view of a score: the card, the report table and its `--evidence`,
//! Markdown, HTML, JSON and the replayed transcript, each with name, points, evidence, advice.

use std::path::Path;

use crate::common::*;
use serde_json::Value;
use tempfile::TempDir;

const GIVES_IT_AWAY: &str = "Thank you, the team sounds great. My current salary is $150,000, \
    so this is a big step up for me and my family. Yes, I accept the offer right now.";
const PENALTY: &str = "Gives away current salary";

/// One offer-stage question answered so that it draws penalties; returns the folder.
fn penalised_session() -> TempDir {
    let dir = TempDir::new().unwrap();
    let file = dir.path().join("answers.json");
    let answers = [GIVES_IT_AWAY, "Great, where do I sign?"];
    std::fs::write(&file, serde_json::to_string(&answers).unwrap()).unwrap();
    let out = mockloop()
        .current_dir(dir.path())
        .args(["run", "--seed", "4", "--questions", "1", "--stage", "offer"])
        .args(["--no-follow-ups", "--answers"])
        .arg(&file)
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr_of(&out));
    dir
}

fn run(dir: &Path, args: &[&str]) -> String {
    let out = mockloop().current_dir(dir).args(args).output().unwrap();
    assert!(out.status.success(), "{args:?}: {}", stderr_of(&out));
    stdout_of(&out)
}

/// The advice of a built-in offer penalty, read from the rubric so the test follows edits.
fn advice(id: &str) -> String {
    let stage = read_json(&repo().join("rubrics/stages/offer.json"));
    let found = stage["penalties"].as_array().unwrap().iter();
    let found = found.into_iter().find(|p| p["id"] == id).expect("penalty");
    found["advice"].as_str().unwrap().to_string()
}

#[test]
fn the_json_report_carries_each_penalty_with_points_evidence_and_advice() {
    let dir = penalised_session();
    let json: Value =
        serde_json::from_str(&run(dir.path(), &["report", "latest", "-f", "json"])).unwrap();
    let q = &json["questions"][0];
    let penalties = q["penalties"].as_array().expect("penalties listed");
    let salary = penalties
        .iter()
        .find(|p| p["id"] == "reveals_salary")
        .expect("the salary penalty");
    assert_eq!(salary["name"], PENALTY);
    assert!(salary["points"].as_f64().unwrap() < 0.0, "{salary}");
    assert!(salary["evidence"][0]
        .as_str()
        .unwrap()
        .contains("current salary is"));
    assert_eq!(salary["advice"], advice("reveals_salary"));
    // The points of the penalties add up to what the card took off.
    let total: f64 = penalties
        .iter()
        .map(|p| p["points"].as_f64().unwrap())
        .sum();
    let off = q["adjustments"]
        .as_array()
        .unwrap()
        .iter()
        .find(|a| a["id"] == "penalties")
        .expect("the penalties adjustment")["effect"]
        .as_f64()
        .unwrap();
    assert!((total - off).abs() <= 0.1, "{total} vs {off}");
}

#[test]
fn every_text_view_names_the_penalty_its_points_evidence_and_advice() {
    let dir = penalised_session();
    let advice = advice("reveals_salary");
    let first_words: String = advice
        .split_whitespace()
        .take(4)
        .collect::<Vec<_>>()
        .join(" ");
    let wide = |args: &[&str]| {
        let out = mockloop()
            .current_dir(dir.path())
            .env("COLUMNS", "400")
            .args(args)
            .output()
            .unwrap();
        assert!(out.status.success(), "{args:?}");
        stdout_of(&out)
    };
    let views = [
        ("table", wide(&["report", "latest", "--color", "never"])),
        (
            "evidence",
            wide(&["report", "latest", "--evidence", "--color", "never"]),
        ),
        (
            "markdown",
            run(dir.path(), &["report", "latest", "-f", "markdown"]),
        ),
        ("html", run(dir.path(), &["report", "latest", "-f", "html"])),
        (
            "transcript",
            run(dir.path(), &["replay", "latest", "--transcript"]),
        ),
    ];
    for (view, text) in &views {
        // The improvement list may name the penalty too; the penalty's own line has its points.
        let line = text
            .lines()
            .find(|l| l.contains(PENALTY) && l.contains(" points"))
            .unwrap_or_else(|| panic!("{view}: no penalty line in\n{text}"));
        assert!(line.contains(" points"), "{view}: {line}");
        assert!(
            regex_like_points(line),
            "{view}: points are a negative number: {line}"
        );
        assert!(line.contains("current salary is"), "{view}: {line}");
        let shown = line.replace("&#39;", "'");
        assert!(
            shown.contains(&first_words),
            "{view}: advice missing: {line}"
        );
    }
    // The score card of the same answer shows a penalty table with the points column.
    let card = mockloop()
        .args(["score", "--stage", "offer", "-"])
        .env("COLUMNS", "200")
        .write_stdin(GIVES_IT_AWAY)
        .output()
        .unwrap();
    let card = stdout_of(&card);
    assert!(
        card.contains("Penalty") && card.contains("Points"),
        "{card}"
    );
    let row = card
        .lines()
        .find(|l| l.contains(PENALTY))
        .expect("penalty row");
    assert!(row.contains("-") && row.contains(&first_words), "{row}");
    assert!(card.contains("Parts: keywords"), "{card}");
}

/// A line shows points as a signed negative number, e.g. `-4.5 points`.
fn regex_like_points(line: &str) -> bool {
    let Some(at) = line.find(" points") else {
        return false;
    };
    let number = line[..at]
        .rsplit([' ', '(', '>'])
        .next()
        .unwrap_or_default();
    number.starts_with('-') && number[1..].parse::<f64>().is_ok_and(|x| x > 0.0)
}
