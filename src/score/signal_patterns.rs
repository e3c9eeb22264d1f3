//! The fixed regexes signals count with, as plain data: `signals` reads them, and `build.rs`
//! reads this same file to compile them ahead of time. Matched against the lower-cased answer
//! as bytes, without Unicode classes.

/// A figure: money, a percentage, a multiple, a span of time, or a bare number.
pub const METRIC: &str = r"(?x)
                (?:\$|€|£)\s?\d[\d,.]*\s?(?:k|m|mm|b|bn|million|billion)?\b
                | \b\d[\d,.]*\s?(?:%|percent\b|x\b|k\b|m\b|bn\b|ms\b|pts?\b|points?\b|basis\ points\b)
                | \b\d[\d,.]*\s?(?:seconds?|minutes?|hours?|days?|weeks?|months?|quarters?|years?|sprints?)\b
                | \b(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty|thirty|forty|fifty|a\ hundred|half\ a|a\ quarter\ of\ a)\s
                   (?:percent|points?|seconds?|minutes?|hours?|days?|weeks?|months?|quarters?|years?|sprints?|times)\b
                | \b\d[\d,.]*\b";
/// Markers of a structured answer: ordinals, steps, options, list items.
pub const STRUCTURE: &str = r"\b(?:first(?:ly)?|second(?:ly)?|third(?:ly)?|finally|lastly|next|then|step\s\d|option\s(?:a|b|\d|one|two))\b|(?:^|\n)\s*(?:\d+[.)]|[-*])\s";
/// The STAR situation: where and when the story happened.
pub const SITUATION: &str = r"\b(?:at my (?:last|previous|current|old)|when i was|in my (?:last|previous|current) (?:role|job|team)|last (?:year|quarter)|a few years ago|(?:three|two|six) (?:weeks|months) before|i was the (?:pm|product manager|lead))\b";
/// The STAR task: what the speaker was responsible for.
pub const TASK: &str = r"\b(?:my (?:goal|job|task|role|responsibility|mandate) was|i was (?:responsible|asked|tasked|accountable)|i needed to|i had to|i owned|i was the one who)\b";
/// The STAR result: what came of it.
pub const RESULT: &str = r"\b(?:as a result|result(?:ed)? (?:in|was)|which (?:led|meant)|in the end|ended up|(?:dropped|fell|rose|grew|went|increased|decreased|improved|reduced|cut) (?:from|by|to)|we (?:launched|shipped|hit|reached)|the outcome)\b";
