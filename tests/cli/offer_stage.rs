//! The offer stage agrees with itself and the recruiter listens: questions quote the drawn offer
//! or no figures at all, and the counter-move answers what the candidate said.

use std::path::Path;

use crate::common::*;
use serde_json::Value;
use tempfile::TempDir;

/// Runs the offer stage with `seed`, giving `reply` to the question and a short response to
/// the counter-move; returns the saved session and what was shown.
fn offer_round(dir: &Path, seed: &str, reply: &str) -> (Value, String) {
    let out = mockloop()
        .current_dir(dir)
        .args([
            "run",
            "--stage",
            "offer",
            "--questions",
            "1",
            "--no-follow-ups",
        ])
        .args(["--seed", seed])
        .write_stdin(format!("{reply}\n\nThank you, I'll think about it.\n\n"))
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr_of(&out));
    let file = session_files(&dir.join("sessions")).pop().unwrap();
    let session = read_json(&file);
    std::fs::remove_file(file).unwrap();
    (session, stdout_of(&out))
}

fn counter(session: &Value) -> String {
    session["questions"][0]["negotiation"]["counter_move"]
        .as_str()
        .expect("a counter-move")
        .to_string()
}

fn money(n: u64) -> String {
    let digits = n.to_string();
    let mut out = String::from("$");
    for (k, ch) in digits.chars().enumerate() {
        if k > 0 && (digits.len() - k) % 3 == 0 {
            out.push(',');
        }
        out.push(ch);
    }
    out
}

#[test]
fn the_recruiter_answers_what_the_candidate_said() {
    let dir = TempDir::new().unwrap();
    let replies = [
        ("accepts", "Yes, I accept the offer. Thank you so much!"),
        (
            "number",
            "Thank you. Based on market data for this level I was hoping for $590,000.",
        ),
        (
            "time",
            "Thank you, I'm excited. Could I have a few days to review the offer in writing?",
        ),
        (
            "competing",
            "I have a competing offer from another company, and I'd like Netflix to match it.",
        ),
        (
            "base",
            "I appreciate it. Is there any flexibility on the base salary?",
        ),
    ];
    let mut moves = Vec::new();
    for (kind, reply) in replies {
        let (session, shown) = offer_round(dir.path(), "12", reply);
        let said = counter(&session);
        // What was shown is the saved move (wrapped to the terminal, so compared by words).
        let words = |t: &str| t.split_whitespace().collect::<Vec<_>>().join(" ");
        let line = format!("Recruiter: \"{said}\"");
        assert!(
            words(&shown).contains(&words(&line)),
            "{kind}: shown\n{shown}"
        );
        let base = money(session["offer"]["base_salary"].as_u64().unwrap());
        let ok = match kind {
            "accepts" => said.contains("accepted") && said.contains(&base),
            "number" => said.contains("$590,000"),
            "time" => said.contains("by end of day"),
            "competing" => said.contains("another offer") && said.ends_with('?'),
            "base" => said.starts_with("On base") && said.contains('$'),
            _ => unreachable!(),
        };
        assert!(ok, "{kind}: {reply:?} got {said:?}");
        // The acceptance still costs its penalty: the move confirms it, it does not undo it.
        if kind == "accepts" {
            let penalties = session["questions"][0]["card"]["penalties"]
                .as_array()
                .unwrap();
            assert!(
                penalties.iter().any(|p| p["id"] == "accepts_on_spot"),
                "{penalties:?}"
            );
        }
        // Same seed, same reply: the same move.
        let (again, _) = offer_round(dir.path(), "12", reply);
        assert_eq!(counter(&again), said, "{kind}");
        moves.push(said);
    }
    moves.sort();
    moves.dedup();
    assert_eq!(moves.len(), replies.len(), "each reply gets its own move");
}

#[test]
fn offer_questions_quote_the_drawn_figures_or_none() {
    let dir = TempDir::new().unwrap();
    let figure = regex::Regex::new(r"\$\d[\d,]*\d").unwrap();
    for seed in 0..6 {
        // Every offer question, drawn; no input, so the run stops at the first and saves.
        mockloop()
            .current_dir(dir.path())
            .args(["run", "--stage", "offer", "--questions", "10"])
            .args(["--seed", &seed.to_string()])
            .write_stdin("")
            .output()
            .unwrap();
        let file = session_files(&dir.path().join("sessions")).pop().unwrap();
        let session = read_json(&file);
        std::fs::remove_file(file).unwrap();
        let offer = &session["offer"];
        let drawn = [
            money(offer["base_salary"].as_u64().unwrap()),
            money(offer["sign_on"].as_u64().unwrap()),
        ];
        let mut quoted = 0;
        for q in session["questions"].as_array().unwrap() {
            let text = q["question"].as_str().unwrap();
            for m in figure.find_iter(text) {
                quoted += 1;
                assert!(
                    drawn.contains(&m.as_str().to_string()),
                    "seed {seed}: {text} vs {drawn:?}"
                );
            }
        }
        assert!(
            quoted >= 1,
            "seed {seed}: the offer question quotes the drawn base"
        );
    }
}
