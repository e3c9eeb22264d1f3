//! The shipped calibration cases' texts, lower-cased as scoring sees them: what the tests that
//! compare two ways of matching search.

/// Every case's answer and, when asked, its question.
pub fn calibration_texts(with_questions: bool) -> Vec<String> {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/rubrics/calibration");
    std::fs::read_dir(dir)
        .unwrap()
        .flat_map(|entry| {
            let text = std::fs::read_to_string(entry.unwrap().path()).unwrap();
            let file: serde_json::Value = serde_json::from_str(&text).unwrap();
            let cases = file["cases"].as_array().cloned().unwrap_or_default();
            cases
                .iter()
                .flat_map(|c| {
                    let question = c["question"].as_str().filter(|_| with_questions);
                    [c["answer"].as_str(), question]
                })
                .flatten()
                .map(str::to_ascii_lowercase)
                .collect::<Vec<_>>()
        })
        .collect()
}
