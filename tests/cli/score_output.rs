//! What `score` says about the calibration answers, pinned: every score, band, part,
//! adjustment and evidence span of every card. The matching machinery (precompiled DFAs,
//! literal tables, stem memory) must leave all of it unchanged; a deliberate change to the
//! rubric or the scorer shows here as a reviewable snapshot diff (`cargo insta review`).

use serde_json::Value;

use crate::common::{mockloop, stdout_of};

/// `pattern@start-end` for every span in a list of evidence.
fn spans(evidence: &Value) -> String {
    let spans: Vec<String> = evidence
        .as_array()
        .into_iter()
        .flatten()
        .map(|e| {
            format!(
                "{}@{}-{}",
                e["pattern"].as_str().unwrap_or("?"),
                e["start"],
                e["end"]
            )
        })
        .collect();
    spans.join(" ")
}

/// One card in a few lines, without the prose that only repeats the rubric.
fn summary(id: &str, card: &Value) -> String {
    let mut out = format!(
        "{id}: {} {}\n",
        card["overall"],
        card["band"].as_str().unwrap_or("?")
    );
    out += &format!("  parts {}\n", card["parts"]);
    for key in ["criteria", "penalties"] {
        for c in card[key].as_array().into_iter().flatten() {
            out += &format!(
                "  {} {}={} ({}) [{}]\n",
                &key[..4],
                c["id"].as_str().unwrap_or("?"),
                c["score"],
                c["points"],
                spans(&c["evidence"])
            );
        }
    }
    for (id, v) in card["values"].as_object().into_iter().flatten() {
        out += &format!(
            "  value {id}={} [{}] against [{}] {}\n",
            v["score"],
            spans(&v["evidence"]),
            spans(&v["counter_evidence"]),
            v["signals"]
        );
    }
    for a in card["adjustments"].as_array().into_iter().flatten() {
        out += &format!(
            "  adjust {}={}\n",
            a["id"].as_str().unwrap_or("?"),
            a["effect"]
        );
    }
    out += &format!("  signals {}\n", card["signals"]);
    out
}

#[test]
fn calibration_cards_are_unchanged() {
    let cases = mockloop::calibrate::Cases::builtin().unwrap();
    let mut input = String::new();
    for case in &cases.cases {
        let line = serde_json::json!({"stage": case.stage, "question": case.question, "answer": case.answer});
        input.push_str(&format!("{line}\n"));
    }
    let output = mockloop()
        .args(["score", "--batch", "-", "--format", "json"])
        .write_stdin(input)
        .output()
        .unwrap();
    assert!(output.status.success());
    let stdout = stdout_of(&output);
    let cards: Vec<Value> = stdout
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(cards.len(), cases.cases.len());
    let all: String = cases
        .cases
        .iter()
        .zip(&cards)
        .map(|(case, card)| summary(&case.id, card))
        .collect();
    insta::assert_snapshot!(all);
}
