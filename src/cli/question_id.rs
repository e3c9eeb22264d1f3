//! `--question` takes a bank question id or any question text. A single word that is not an id
//! is almost always a mistyped id, and scoring it silently as free text would drop the
//! question's own concepts from the score; so it is an error that names the closest ids.

use mockloop::limits::clip_values;
use mockloop::rubric::RubricSet;
use mockloop::spelling::distance;

/// How many near ids an error suggests.
const SUGGESTED: usize = 3;

/// Characters of a mistyped id compared with the bank's ids: ids are short, and the edit
/// distance grows with the product of the lengths (a batch line may hold megabytes).
const COMPARED_CHARS: usize = 64;

/// Checks a `--question` value against `stage`'s bank: text with spaces is free text; one word
/// must be an id (or a question's exact text).
pub fn check(set: &RubricSet, stage: &str, question: &str) -> Result<(), String> {
    let wanted = question.trim();
    if wanted.contains(char::is_whitespace) {
        return Ok(());
    }
    // An unknown stage is reported by the scorer with the list of stages.
    let Some(in_stage) = set.stage(stage) else {
        return Ok(());
    };
    if in_stage.question(wanted).is_some()
        || in_stage
            .bank
            .questions
            .iter()
            .any(|q| q.text.trim() == wanted)
    {
        return Ok(());
    }
    // The word is shown back in the error: clipped, so a huge one cannot flood it.
    let shown = clip_values(wanted);
    if let Some(other) = set.stages.iter().find(|s| s.question(wanted).is_some()) {
        return Err(format!(
            "question `{shown}` is in stage `{}`, not `{stage}`; use --stage {} or another id",
            other.meta.id, other.meta.id
        ));
    }
    let compared: String = wanted
        .chars()
        .take(COMPARED_CHARS)
        .collect::<String>()
        .to_lowercase();
    let mut ids: Vec<(usize, &str)> = in_stage
        .bank
        .questions
        .iter()
        .map(|q| (distance(&compared, &q.id.to_lowercase()), q.id.as_str()))
        .collect();
    ids.sort();
    let closest: Vec<&str> = ids.iter().take(SUGGESTED).map(|(_, id)| *id).collect();
    Err(format!(
        "no question `{shown}` in stage `{stage}`; closest ids: {}; for your own question, \
         pass its text with --question-text",
        closest.join(", ")
    ))
}
