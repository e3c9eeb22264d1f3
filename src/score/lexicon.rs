//! Small closed word lists the signals rely on. They describe English, not any rubric, so they
//! live in code; everything a rubric author may want to tune lives in the rubric files.
//!
//! Each token is classified once, by one table lookup, into the classes below.

use std::sync::OnceLock;

use rustc_hash::FxHashMap;

/// How many tokens before a match a negation cue may stand ("did not really check the data").
pub const NEGATION_REACH: usize = 5;

/// Token classes, as bits.
pub const FUNCTION: u8 = 1;
pub const FILLER: u8 = 1 << 1;
pub const HEDGE: u8 = 1 << 2;
pub const NEGATION: u8 = 1 << 3;
pub const CLAUSE: u8 = 1 << 4;
pub const OPENS_PAIR: u8 = 1 << 5;

/// The classes of a (lower-case) word; 0 for an ordinary content word.
pub fn classify(word: &str) -> u8 {
    // FxHash: SipHash cost more than everything else done per word.
    static TABLE: OnceLock<FxHashMap<&'static str, u8>> = OnceLock::new();
    let table = TABLE.get_or_init(|| {
        let mut table = FxHashMap::default();
        let lists = [
            (FUNCTION_WORDS, FUNCTION),
            (FILLERS, FILLER),
            (HEDGES, HEDGE),
            (NEGATIONS, NEGATION),
            (CLAUSE_WORDS, CLAUSE),
            (PAIR_OPENERS, OPENS_PAIR),
        ];
        for (words, class) in lists {
            for word in words {
                *table.entry(*word).or_insert(0) |= class;
            }
        }
        table
    });
    table.get(word).copied().unwrap_or(0)
}

/// Negation cues: a claim after one of these, in the same clause, is denied.
pub const NEGATIONS: &[&str] = &[
    "not",
    "no",
    "never",
    "neither",
    "nor",
    "without",
    "nobody",
    "none",
    "nothing",
    "cannot",
    "can't",
    "cant",
    "don't",
    "dont",
    "didn't",
    "didnt",
    "doesn't",
    "doesnt",
    "won't",
    "wont",
    "wasn't",
    "wasnt",
    "weren't",
    "isn't",
    "aren't",
    "haven't",
    "hasn't",
    "hadn't",
    "couldn't",
    "wouldn't",
    "shouldn't",
    "ignored",
    "skipped",
    "refused",
    "forgot",
    "neglected",
    "avoided",
    "instead",
    "hardly",
    "barely",
    "lacked",
];
/// Words that start a new clause, so a negation before them does not reach past them.
pub const CLAUSE_WORDS: &[&str] = &[
    "but", "and", "so", "then", "because", "although", "though", "while", "which", "however",
    "yet", "after", "once", "until",
];
/// Function words: grammatical glue. Prose is roughly half glue; a keyword list has almost
/// none, which is how a keyword salad gives itself away.
pub const FUNCTION_WORDS: &[&str] = &[
    "a", "an", "the", "and", "or", "but", "if", "so", "of", "to", "in", "on", "at", "by", "for",
    "with", "from", "into", "about", "as", "than", "that", "this", "these", "those", "it", "its",
    "it's", "i", "i'd", "i'm", "i've", "i'll", "me", "my", "we", "we'd", "we're", "we've", "us",
    "our", "you", "your", "he", "she", "his", "her", "they", "them", "their", "is", "was", "were",
    "are", "be", "been", "being", "am", "have", "has", "had", "do", "did", "does", "would", "will",
    "could", "should", "can", "may", "might", "not", "no", "what", "which", "who", "when", "where",
    "why", "how", "there", "then", "up", "out", "over", "after", "before", "because", "also",
    "just", "all", "some", "any", "each", "more", "most", "very", "too", "here", "don't", "didn't",
    "one", "him", "who's", "that's", "there's", "let", "let's", "get", "got", "make", "made",
    "yes", "ok", "okay", "well", "really", "thing", "things", "way", "lot",
];
/// Filler: words that carry nothing when spoken, and less when typed.
pub const FILLERS: &[&str] = &[
    "um",
    "umm",
    "uh",
    "uhh",
    "er",
    "erm",
    "hmm",
    "like",
    "basically",
    "literally",
    "actually",
    "honestly",
    "yeah",
    "anyway",
    "whatever",
    "stuff",
    "etc",
];
/// Hedges: words that soften a claim until it says little.
pub const HEDGES: &[&str] = &[
    "maybe",
    "perhaps",
    "probably",
    "possibly",
    "somewhat",
    "fairly",
    "hopefully",
    "generally",
    "usually",
    "somehow",
    "pretty",
    "arguably",
];

/// Two-word fillers and hedges, checked on consecutive tokens. Keep [`PAIR_OPENERS`] in step.
pub const FILLER_PAIRS: &[(&str, &str)] = &[("you", "know"), ("i", "mean"), ("so", "yeah")];
pub const HEDGE_PAIRS: &[(&str, &str)] = &[
    ("i", "think"),
    ("i", "guess"),
    ("i", "suppose"),
    ("i", "believe"),
    ("kind", "of"),
    ("sort", "of"),
    ("more", "or"),
    ("pretty", "much"),
    ("i'd", "say"),
    ("would", "say"),
    ("a", "bit"),
    ("or", "something"),
    ("like", "that"),
    ("i", "feel"),
];

/// The first words of [`FILLER_PAIRS`] and [`HEDGE_PAIRS`]: only these need the pair lists.
pub const PAIR_OPENERS: &[&str] = &[
    "you", "i", "so", "kind", "sort", "more", "pretty", "i'd", "would", "a", "or", "like",
];

/// Irregular past tenses an "I ..." action may use; regular ones end in -ed.
/// Adverbs without the "-ly" that stand between "I'd" and its verb ("I'd just tell them").
pub fn is_adverb(word: &str) -> bool {
    matches!(
        word,
        "just"
            | "also"
            | "then"
            | "still"
            | "first"
            | "even"
            | "only"
            | "therefore"
            | "then,"
            | "rather"
            | "instead"
            | "always"
            | "often"
            | "soon"
            | "now"
            | "again"
            | "both"
            | "all"
            | "probably"
            | "personally"
            | "actually"
            | "really"
            | "quickly"
    )
}

/// Verbs a hypothetical answer uses without committing to anything ("I'd look into it").
pub fn is_vague_verb(word: &str) -> bool {
    matches!(
        word,
        "look"
            | "talk"
            | "think"
            | "consider"
            | "gather"
            | "understand"
            | "make"
            | "keep"
            | "want"
            | "like"
            | "get"
            | "see"
            | "work"
            | "review"
            | "explore"
            | "ensure"
            | "align"
            | "communicate"
            | "engage"
            | "leverage"
            | "figure"
            | "discuss"
            | "say"
            | "be"
            | "have"
            | "need"
            | "use"
            | "do"
            | "go"
            | "come"
            | "take"
            | "involve"
            | "also"
            // Goals, not steps: "I'd improve engagement" names no action.
            | "improve"
            | "expand"
            | "increase"
            | "enhance"
            | "optimise"
            | "optimize"
            | "grow"
            | "boost"
            | "strengthen"
            | "maximise"
            | "maximize"
            | "drive"
    )
}

pub fn is_irregular_action(word: &str) -> bool {
    IRREGULAR_ACTIONS.contains(&word)
}

/// Concrete verbs in their plain form: a further step of a plan after "and" or "then" ("I'd
/// test it in Japan and share the results"), a habit ("I send it to…") or an instruction
/// ("Offer it to 5% of sign-ups").
pub fn is_base_action(word: &str) -> bool {
    // Sorted (a test holds it so), so a binary search rather than a walk of 150 words.
    BASE_ACTIONS.binary_search(&word).is_ok()
}

pub const BASE_ACTIONS: &[&str] = &[
    "accept",
    "add",
    "admit",
    "agree",
    "analyse",
    "analyze",
    "apologise",
    "apologize",
    "approve",
    "ask",
    "assign",
    "book",
    "brief",
    "bring",
    "build",
    "bundle",
    "calculate",
    "call",
    "cancel",
    "cap",
    "charge",
    "check",
    "circulate",
    "close",
    "coach",
    "collect",
    "compare",
    "counter",
    "cut",
    "decide",
    "decline",
    "delegate",
    "demo",
    "discount",
    "divide",
    "document",
    "draft",
    "drop",
    "email",
    "escalate",
    "estimate",
    "examine",
    "explain",
    "fire",
    "fix",
    "flag",
    "follow",
    "give",
    "hand",
    "hire",
    "interrupt",
    "interview",
    "invite",
    "judge",
    "kill",
    "launch",
    "lead",
    "limit",
    "list",
    "loop",
    "lower",
    "map",
    "measure",
    "meet",
    "mentor",
    "message",
    "move",
    "multiply",
    "name",
    "negotiate",
    "note",
    "offer",
    "onboard",
    "open",
    "own",
    "pair",
    "partner",
    "pay",
    "phone",
    "pick",
    "pilot",
    "pitch",
    "plan",
    "post",
    "present",
    "price",
    "propose",
    "prototype",
    "publish",
    "pull",
    "push",
    "put",
    "raise",
    "rank",
    "read",
    "rebuild",
    "record",
    "recruit",
    "redesign",
    "redo",
    "refund",
    "reject",
    "remind",
    "remove",
    "replace",
    "reply",
    "request",
    "respond",
    "review",
    "rework",
    "rewrite",
    "ring",
    "roll",
    "run",
    "sample",
    "schedule",
    "score",
    "segment",
    "sell",
    "send",
    "set",
    "share",
    "shift",
    "ship",
    "show",
    "simplify",
    "size",
    "sketch",
    "sort",
    "split",
    "start",
    "stop",
    "sum",
    "summarise",
    "summarize",
    "survey",
    "teach",
    "tell",
    "test",
    "text",
    "thank",
    "track",
    "train",
    "trim",
    "visit",
    "walk",
    "watch",
    "write",
];

/// Verbs after "I" that are not actions: opinions, states, hedges.
pub fn is_non_action(word: &str) -> bool {
    NON_ACTIONS.contains(&word)
}
pub const IRREGULAR_ACTIONS: &[&str] = &[
    "built",
    "wrote",
    "ran",
    "made",
    "set",
    "took",
    "sent",
    "led",
    "met",
    "sat",
    "gave",
    "told",
    "brought",
    "cut",
    "chose",
    "found",
    "put",
    "kept",
    "spent",
    "drove",
    "went",
    "sought",
    "taught",
    "began",
    "dug",
    "split",
    "shut",
    "bet",
    "rewrote",
    "won",
    "sold",
    "held",
    "drew",
    "paid",
    "fought",
    "rebuilt",
    "stood",
    "struck",
    "spoke",
    "understood",
    "undertook",
    "withdrew",
    "bought",
];

pub const NON_ACTIONS: &[&str] = &[
    "think", "thought", "guess", "feel", "felt", "believe", "believed", "hope", "hoped", "wished",
    "wish", "say", "mean", "suppose", "imagine", "like", "liked", "love", "loved", "be", "have",
    "had", "was", "am", "wanted", "want", "need", "needed", "seemed", "tend", "tended", "would",
    "could", "should", "might", "just", "probably", "maybe", "really", "always", "also", "used",
    "kind", "sort", "did", "got", "know", "knew", "saw", "been",
];

#[cfg(test)]
mod tests {
    use super::*;

    /// `is_base_action` searches the list by halves; an entry out of order would be missed.
    #[test]
    fn base_actions_are_sorted_and_found() {
        assert!(
            BASE_ACTIONS.windows(2).all(|w| w[0] < w[1]),
            "sort BASE_ACTIONS"
        );
        assert!(BASE_ACTIONS.iter().all(|w| is_base_action(w)));
        assert!(!is_base_action("improve"));
    }

    #[test]
    fn every_pair_is_opened_by_a_listed_word() {
        for (first, _) in FILLER_PAIRS.iter().chain(HEDGE_PAIRS) {
            assert!(
                classify(first) & OPENS_PAIR != 0,
                "add `{first}` to PAIR_OPENERS"
            );
        }
    }

    #[test]
    fn a_word_can_have_several_classes() {
        assert_eq!(classify("so"), FUNCTION | CLAUSE | OPENS_PAIR);
        assert_eq!(classify("planned"), 0);
    }
}
