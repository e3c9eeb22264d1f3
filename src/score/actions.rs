//! The speaker's own actions, counted however they are told: "I pulled", "I'd pilot", "I send
//! it to…" as a habit, verbs joined to one "I", "my first step would be…", "what I did was…",
//! "I'd get there by hearing each side out", "I'd want to know whether…". Vague verbs and goals
//! ("I'd look into it", "I'd improve engagement") are not actions.

use super::lexicon;
use super::text::{gap_has, Text};

/// "I pulled", "I'd segment", "I quickly wrote": an action the speaker took or would take.
/// Returns each one's span, from "I" to the verb.
pub fn first_person_actions(text: &Text) -> Vec<(usize, usize)> {
    let tokens = &text.tokens;
    let mut spans = Vec::new();
    for (k, token) in tokens.iter().enumerate() {
        let modal = match text.word(token) {
            "i" => false,
            "i'd" | "i'll" => true,
            _ => continue,
        };
        // Up to the next punctuation: "then" opens a clause of its own, yet in "I would then
        // inform them" it stands between the modal and its verb.
        let unbroken = |j: &usize| {
            !gap_has(
                &text.lower[tokens[*j - 1].end..tokens[*j].start],
                b",;:.!?()\"\n",
            )
        };
        let mut rest = (k + 1..tokens.len()).take_while(unbroken).skip_while(|&j| {
            let w = text.word(&tokens[j]);
            (w.ends_with("ly") && w.len() > 3) || lexicon::is_adverb(w)
        });
        let Some(mut verb) = rest.next() else {
            continue;
        };
        let mut conditional = modal;
        if matches!(text.word(&tokens[verb]), "would" | "will") {
            conditional = true;
            // "I would then inform": the adverb after the modal is not the verb either.
            let mut next = rest.next();
            let adverb = |w: &str| lexicon::is_adverb(w) || (w.ends_with("ly") && w.len() > 3);
            while let Some(v) = next.filter(|&v| adverb(text.word(&tokens[v]))) {
                let _ = v;
                next = rest.next();
            }
            match next {
                Some(v) => verb = v,
                None => continue,
            }
        }
        // "I prefer to own the decision", "I'd rather own it": the step is the verb after.
        if let Some(v) = intended(text, verb) {
            verb = v;
            conditional = true;
        }
        let word = text.word(&tokens[verb]);
        // The token already knows it is a negation; no second lookup on this hot path.
        if tokens[verb].class & lexicon::NEGATION != 0 {
            continue;
        }
        if lexicon::is_non_action(word) {
            if conditional {
                if let Some(end) = wants_to_find_out(text, verb) {
                    spans.push((token.start, end));
                }
            }
            continue;
        }
        let past = (word.ends_with("ed") && word.len() > 3) || lexicon::is_irregular_action(word);
        // "Before a big call, I send my proposal to…": how the speaker works, told as a habit.
        let habit = !conditional && lexicon::is_base_action(word);
        // "I'd look at the data", "I would make sure": what anyone would say, not a plan.
        // "I'd start by looking at it" is as vague as the looking.
        let vague = conditional
            && (lexicon::is_vague_verb(word)
                || (opens_a_step(word)
                    && tokens.get(verb + 1).is_some_and(|t| text.word(t) == "by")
                    && by_doing(text, verb).is_none()));
        let counted = if past
            || habit
            || (conditional && !vague && word.chars().all(|c| c.is_ascii_alphabetic()))
        {
            spans.push((token.start, tokens[verb].end));
            true
        } else if let Some(means) = by_doing(text, verb) {
            // "I'd get there by hearing each side out": the step is the doing after "by".
            spans.push(means);
            true
        } else {
            false
        };
        // Verbs joined to a vague one ("I'd look at the data and compare it") are as vague.
        if counted {
            coordinated(text, verb, past && !conditional, &mut spans);
        }
    }
    stated_steps(text, &mut spans);
    spans.sort_unstable();
    spans
}

/// Steps told about oneself without "I" as the subject: "my first step would be a call with
/// engineering", "what I did was meet with him, send him updates and…". A conclusion-first or
/// formal telling names its actions this way as often as a plain one says "I did".
fn stated_steps(text: &Text, spans: &mut Vec<(usize, usize)>) {
    let tokens = &text.tokens;
    let word = |j: usize| tokens.get(j).map_or("", |t| text.word(t));
    for k in 0..tokens.len() {
        let (opens, copula) = match word(k) {
            "my" => {
                let mut j = k + 1;
                if matches!(
                    word(j),
                    "first" | "next" | "second" | "third" | "last" | "final"
                ) {
                    j += 1;
                }
                if !matches!(word(j), "step" | "move" | "plan" | "proposal" | "approach") {
                    continue;
                }
                (k, j + 1)
            }
            "what" if word(k + 1) == "i" && matches!(word(k + 2), "did" | "do") => (k, k + 3),
            "what" if word(k + 1) == "i'd" && word(k + 2) == "do" => (k, k + 3),
            _ => continue,
        };
        let verb = match (word(copula), word(copula + 1)) {
            ("was" | "is", "to") => copula + 2,
            ("was" | "is", _) => copula + 1,
            ("would" | "will", "be") if word(copula + 2) == "to" => copula + 3,
            ("would" | "will", "be") => copula + 2,
            _ => continue,
        };
        let Some(end) = tokens.get(verb).map(|t| t.end) else {
            continue;
        };
        // "My approach was to understand his view" says no more than "I'd understand it", and
        // "my first step would be a conversation with them" no more than "I'd talk to them".
        let talk = matches!(word(verb), "a" | "an" | "the")
            && matches!(
                word(verb + 1),
                "conversation" | "chat" | "discussion" | "talk" | "look" | "review" | "sync"
            );
        if talk || lexicon::is_vague_verb(word(verb)) || lexicon::is_non_action(word(verb)) {
            continue;
        }
        spans.push((tokens[opens].start, end));
        if lexicon::is_base_action(word(verb)) {
            coordinated(text, verb, false, spans);
        }
    }
}

/// "I'd want to know whether people who skip it like the show less": a question the plan
/// sets out to answer is a step of it, as "I'd check whether" is.
fn wants_to_find_out(text: &Text, verb: usize) -> Option<usize> {
    let word = |j: usize| text.tokens.get(j).map_or("", |t| text.word(t));
    if !matches!(word(verb), "want" | "like") || word(verb + 1) != "to" {
        return None;
    }
    let mut j = verb + 2;
    match word(j) {
        "find" if word(j + 1) == "out" => j += 1,
        "know" | "check" | "see" | "learn" | "confirm" | "test" | "measure" => {}
        _ => return None,
    }
    matches!(
        word(j + 1),
        "whether" | "if" | "how" | "what" | "why" | "which"
    )
    .then(|| text.tokens[j].end)
}

/// The verb a stated preference or attempt leads to: "prefer to own", "try to land",
/// "rather own". Judged as a plan's verb is.
fn intended(text: &Text, verb: usize) -> Option<usize> {
    let word = |j: usize| text.tokens.get(j).map_or("", |t| text.word(t));
    match (word(verb), word(verb + 1)) {
        ("prefer" | "try" | "tend" | "aim" | "endeavor" | "endeavour" | "choose", "to") => {
            Some(verb + 2).filter(|&j| j < text.tokens.len())
        }
        ("rather", _) if !word(verb + 1).is_empty() => Some(verb + 1),
        _ => None,
    }
}

/// Verbs that only open the step that follows them: "I'd start by pulling the logs".
fn opens_a_step(word: &str) -> bool {
    matches!(word, "start" | "begin" | "kick")
}

/// The concrete step a vague verb names after "by" in its clause ("start by pulling").
fn by_doing(text: &Text, verb: usize) -> Option<(usize, usize)> {
    let tokens = &text.tokens;
    let clause = tokens[verb].clause;
    let at = (verb + 1..tokens.len())
        .take_while(|&j| tokens[j].clause == clause)
        .find(|&j| text.word(&tokens[j]) == "by")?;
    let doing = tokens.get(at + 1).filter(|t| t.clause == clause)?;
    let word = text.word(doing);
    let stem = word.strip_suffix("ing")?;
    // "making" is "make" and "taking" is "take": try the stem with its "e" back too.
    let with_e = format!("{stem}e");
    let vague = [stem, with_e.as_str()]
        .iter()
        .any(|w| lexicon::is_vague_verb(w) || lexicon::is_non_action(w));
    (stem.len() > 2 && !vague).then_some((tokens[verb].start, doing.end))
}

/// Further actions of the same "I" in the same sentence, joined by a comma, "and" or "then": "I pulled
/// the logs, compared the two weeks and wrote it up" is three actions, as three sentences each
/// opening with "I" would be. A polished telling joins its verbs; a plain one repeats the "I".
fn coordinated(text: &Text, verb: usize, past: bool, spans: &mut Vec<(usize, usize)>) {
    let tokens = &text.tokens;
    for j in verb + 1..tokens.len() {
        let gap = &text.lower[tokens[j - 1].end..tokens[j].start];
        if gap_has(gap, b".!?;:\n") {
            return;
        }
        let joined = gap.contains(',') || matches!(text.word(&tokens[j - 1]), "and" | "then");
        if !joined || tokens[j].class & lexicon::NEGATION != 0 {
            continue;
        }
        let word = text.word(&tokens[j]);
        // A new subject ends the chain: "and we shipped" is not the speaker's, and the verbs
        // after "and I compared" are that "I"'s to count, not this one's too.
        if matches!(
            word,
            "i" | "i'd" | "i'll" | "we" | "we'd" | "they" | "he" | "she" | "it" | "you" | "someone"
        ) {
            return;
        }
        if lexicon::is_non_action(word) {
            continue;
        }
        let action = if past {
            (word.ends_with("ed") && word.len() > 3) || lexicon::is_irregular_action(word)
        } else {
            lexicon::is_base_action(word)
        };
        if action {
            spans.push((tokens[j].start, tokens[j].end));
        }
    }
}
