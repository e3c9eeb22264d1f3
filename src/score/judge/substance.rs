//! What an answer says, counted in forms that survive rewording: numbers, the speaker's own
//! actions, names, reasons, a decision, a check on the outcome. And what hollows it out:
//! jargon and framework names in place of content, asides and repetition, vanity measures.

use std::collections::BTreeSet;
use std::sync::OnceLock;

use regex::Regex;

use crate::score::signals::{Signals, Spans};
use crate::score::text::Text;

/// Each family counts once, however often or in whatever words it appears.
const REASONING: &[&str] = &[
    r"\b(?:because|since|due to|given that|driven by|as it's|as it is|as they)\b",
    r"\b(?:so that|which means|that means|meaning|that's why|as a result|which led|led to|so (?:i|we|the|it|they|people|members))\b",
    r"\b(?:if|unless|otherwise|as long as|only if)\b",
    r"\b(?:but|however|though|although|the catch|on the other hand|even so)\b",
    r"\b(?:risk\w*|downside|at the cost of|cost (?:us|them|me)|give up|gave up|trade-?offs?|in exchange|would lose|we'd lose|would cost|could cost|cannibali[sz]\w*|at the expense)\b",
    r"\b(?:instead|rather than|over the|not the)\b",
];
const DECISION: &str = r"\b(?:i (?:decided|chose|picked|made the call|went with|recommended|proposed|pushed for|committed|called it)|(?:i'd|i would|i'll|i will)(?: \w+){0,2} (?:recommend|go with|choose|pick|lean|launch|ship|start|prioriti\w+|focus|pilot|test|try|build|cut|drop|keep|tell|propose|ask|push|switch|put|spend|run|plan|hold|give|offer|counter|accept|decline|wait|invest|stop|kill|delay|roll)|my (?:call|recommendation|answer|decision|pick|choice|position|lean|proposal|suggestion|plan) (?:is|was|would|hinges)|i'd be honest|i made (?:the|a) (?:call|decision)|(?:yes|no),? i'd|(?:so|that's why) i(?:'d| would| decided| chose))";
const CHECK: &[&str] = &[
    r"\b(?:measur\w*|metrics?|track\w*|monitor\w*|guardrails?)\b",
    r"\b(?:test\w*|pilot\w*|experiment\w*|trial|holdout|control group)\b",
    r"\b(?:check\w*|compar\w*|confirm\w*|verif\w*|look at (?:how|whether|what|the)|see (?:whether|if|how)|watch (?:for|whether|how))\b",
];
const SEQUENCE: &str = r"\b(?:then|afterwards?|within (?:a|two|three|\d)|later|by the end|the next (?:day|week|month|quarter|sprint)|over the (?:next|following)|after (?:a|two|three|\d|the)|first,|two (?:days|weeks|months) (?:later|ahead))\b";

/// A lesson drawn from the story.
const LESSONS: &str = r"\b(?:i learned|i've learned|i learnt|learned that|taught me|what i took from|the lesson|since then|these days i|now i|next time|do differently|i now|changed how i|i'd do it differently|i realised|i realized)\b";
/// An outcome told, in numbers or in words.
const OUTCOMES: &str = r"\b(?:went (?:up|down|from)|rose|fell|dropped|grew|increased|decreased|doubled|halved|improved|recovered|from \d[\d.,%]* to \d|as a result|in the end|ended up|which meant|the result|result was|shipped|launched|saved|signed|won|hit (?:the|our)|cut (?:\w+ )?by|no (?:change|movement) in)\b";

/// Words that sound like product thinking and carry none on their own.
const JARGON: &str = r"\b(?:leverag\w*|synerg\w*|north star|stakeholders?|alignment|align(?:ed)? (?:on|with|around|cross)|data-driven|best-in-class|end-to-end|holistic\w*|scalable|future-proof|unlock\w*|drive (?:engagement|growth|impact|value|adoption|results|outcomes|retention)|driving (?:engagement|growth|impact|value|adoption)|optimi[sz]\w*|delight\w*|seamless\w*|frictionless|robust|strategic\w*|high-impact|impactful|key levers?|levers|ecosystem|paradigm|move the needle|low-hanging fruit|value proposition|customer-centric|member-centric|user-centric|empower\w*|best practices?|deep dive|actionable|insights|game-chang\w*|world-class|mission-critical|circle back|learnings|structured approach|framework|frameworks|holistically|intelligently|dynamically|at scale|lifecycle|go-to-market|cross-functional stakeholders|key stakeholders|sustainable growth|full potential|positioning|brand equity|transparen\w*|collaborat\w*|ownership mindset|growth mindset|thought leadership|win-win|mutually beneficial|core competenc\w*|user journey|customer journey|pain points?|hypothes[ie]s|validate|radical \w+|vulnerabilit\w*|accountabilit\w*|end to end|facilitat\w*|blameless|post-mortem|root causes?|quality gates|mitigat\w*|remediat\w*|lean(?:ing)? into|psychological safety|key takeaways?|opportunit(?:y|ies) for growth|continuous improvement|proactive\w*|impacted|partnered with|surface[sd]? |learnings|touchpoints?|bandwidth to|value-add|visibility|cadence|north-star|kpis?|okrs?|roadmap alignment|prioritization framework|customer obsession|bias for action|deliver(?:ing)? value|drive (?:alignment|clarity|ownership)|ensur(?:e|ing) alignment|business outcomes|strategic priorities|high-level|best-in-class|innovat\w* culture|culture of \w+|growth opportunit\w*|unlock\w*|optimal|capabilit(?:y|ies)|initiatives?|holistic|top priority|key metric|be thorough|jump to conclusions|come up with a plan|keep (?:leadership|everyone|stakeholders|them) informed|no surprises|get their perspectives?|understand(?:s)? the urgency|make sure everyone|the key things?|learn from it|prevent it from happening again|figure (?:it|things) out|on the same page|touch base|moving forward|going forward)\b";
/// Named frameworks and culture-memo terms: worth something when applied, nothing when listed.
const FRAMEWORKS: &str = r"\b(?:rice|kano|circles|batna|zopa|tam|sam|som|heart framework|aarrr|pirate metrics|jobs to be done|jtbd|moscow|swot|porter'?s|five forces|star method|opportunity sizing|cost of delay|informed captain|farming for dissent|farm for dissent|disagree and commit|context,? not control|keeper test|freedom and responsibility|radical cando[u]?r|culture memo|first principles|design thinking|lean startup|double diamond|ice score|weighted scoring|raci|daci|rapid model|stakeholder mapping|cost-benefit analysis|decision matrix|impact/effort|impact-effort|eisenhower matrix|classic \w+ trade-off)\b";
/// Openings that hand the question back instead of answering it.
const RESTATES: &str = r"^(?:so,? )?(?:the question is|to decide between|you're asking|this is a classic|great question|the question is about|that's a great question)";
/// Asides that add words and no content.
const ASIDES: &str = r"\b(?:by the way|which i loved|when you think about it|like i said|as i said|as i mentioned|so yeah|anyway|to be honest|i used to joke|long story short|funny enough|side note|going back to|where was i|which is good|which was great|which is a lot|if that makes sense|at the end of the day|you know what i mean|believe it or not|needless to say|i guess|and stuff|and so on|and all that|sort of thing|kind of thing|which made it harder|which was nice|just saying|honestly|right\?|even as a kid|kind of funny|i've always been like that|it was great|which was really \w+|i'd say i'm|to be fair|which is natural|(?:is|was) so important|which is really important|i really believe|that's how i'd (?:do it|think about|handle)|that's the thing|which is a cool|there were a lot of memes|that's what makes it|i've seen that many times)(?:\b|\s|$)";
/// Measures of attention rather than of the goal, and the goal measures that answer them.
const VANITY: &str = r"\b(?:views|page views|downloads|clicks|click-through|time spent|impressions|buzz|likes|shares|peak (?:viewers|concurrent)|social (?:mentions|media)|trending|press coverage|hype|installs|sessions|minutes watched|hours watched|viewing hours)\b";
const GOAL_MEASURES: &str = r"\b(?:retention|retain\w*|churn|cancel\w*|conversion|convert\w*|revenue|renew\w*|completion|satisfaction|paid|paying|subscri\w*|lifetime value|ltv|guardrails?|come back|came back|stay\w*|repeat|sign-?ups?|signups?|reactivat\w*|activation|purchases?|bookings?|orders?|margin|profit\w*)\b";

struct Compiled {
    reasoning: Vec<Regex>,
    decision: Regex,
    check: Vec<Regex>,
    sequence: Regex,
    jargon: Regex,
    frameworks: Regex,
    asides: Regex,
    restates: Regex,
    lessons: Regex,
    outcomes: Regex,
    vanity: Regex,
    goal: Regex,
}

fn compiled() -> &'static Compiled {
    static C: OnceLock<Compiled> = OnceLock::new();
    let rx = |s: &str| super::built_in(s);
    C.get_or_init(|| Compiled {
        reasoning: REASONING.iter().map(|s| rx(s)).collect(),
        decision: rx(DECISION),
        check: CHECK.iter().map(|s| rx(s)).collect(),
        sequence: rx(SEQUENCE),
        jargon: rx(JARGON),
        frameworks: rx(FRAMEWORKS),
        asides: rx(ASIDES),
        restates: rx(RESTATES),
        lessons: rx(LESSONS),
        outcomes: rx(OUTCOMES),
        vanity: rx(VANITY),
        goal: rx(GOAL_MEASURES),
    })
}

#[derive(Debug, Clone, Default)]
pub struct Substance {
    pub numbers: usize,
    pub actions: usize,
    pub names: usize,
    pub reasons: usize,
    pub decision: bool,
    pub checks: usize,
    pub sequence: usize,
    pub jargon: Vec<(usize, usize)>,
    pub frameworks: Vec<(usize, usize)>,
    pub asides: Vec<(usize, usize)>,
    pub vanity: Vec<(usize, usize)>,
    pub goal_measures: usize,
    /// The answer opens by handing the question back.
    pub restates: bool,
    /// Share of sentences that mostly repeat what earlier sentences said (0–1).
    pub repetition: f64,
    /// Spans for the signals rubric criteria may draw on.
    pub tradeoff_spans: Vec<(usize, usize)>,
    pub decision_spans: Vec<(usize, usize)>,
    pub check_spans: Vec<(usize, usize)>,
    pub lesson_spans: Vec<(usize, usize)>,
    pub outcome_spans: Vec<(usize, usize)>,
}

fn sat(count: usize, full: f64) -> f64 {
    (count as f64 / full).min(1.0)
}

impl Substance {
    pub fn measure(
        text: &Text,
        original: &str,
        question: &str,
        signals: &Signals,
        stems: &[String],
    ) -> Substance {
        let question = question.to_ascii_lowercase();
        let c = compiled();
        let lower = text.lower.as_str();
        let not_negated = |m: &regex::Match| !text.is_negated(m.start());
        let spans = |rx: &Regex| -> Vec<(usize, usize)> {
            rx.find_iter(lower)
                .filter(not_negated)
                .map(|m| (m.start(), m.end()))
                .collect()
        };
        // Each family counts once, at its first hit that is not denied.
        let first_hits = |rxs: &[Regex]| -> Vec<(usize, usize)> {
            rxs.iter()
                .filter_map(|rx| rx.find_iter(lower).find(not_negated))
                .map(|m| (m.start(), m.end()))
                .collect()
        };
        let reasons = first_hits(&c.reasoning).len();
        // One span per kind of check, so the count says how many kinds, not how many words.
        let check_spans = first_hits(&c.check);
        let decision = c.decision.find_iter(lower).find(not_negated);
        Substance {
            numbers: signals.metrics,
            actions: signals.first_person_actions + steps(text),
            names: names(text, original),
            reasons,
            decision: decision.is_some(),
            checks: check_spans.len(),
            sequence: c.sequence.find_iter(lower).count(),
            jargon: spans(&c.jargon),
            frameworks: spans(&c.frameworks),
            asides: c
                .asides
                .find_iter(lower)
                .map(|m| (m.start(), m.end()))
                .collect(),
            // A measure the question itself names is the goal, not vanity.
            vanity: spans(&c.vanity)
                .into_iter()
                .filter(|&(a, b)| !question.contains(&lower[a..b]))
                .collect(),
            goal_measures: c.goal.find_iter(lower).filter(not_negated).count(),
            restates: c.restates.is_match(lower.trim_start()),
            repetition: repetition(text, stems),
            tradeoff_spans: spans(&c.reasoning[4]),
            decision_spans: spans(&c.decision),
            check_spans,
            lesson_spans: spans(&c.lessons),
            outcome_spans: spans(&c.outcomes),
        }
    }

    /// Hands the counts rubric criteria may draw on to the signals, with their spans.
    /// The spans move: nothing reads them here afterwards.
    pub fn fill(&mut self, signals: &mut Signals, spans: &mut Spans) {
        signals.tradeoffs = self.tradeoff_spans.len();
        signals.decisions = self.decision_spans.len();
        signals.checks = self.check_spans.len();
        signals.lessons = self.lesson_spans.len();
        signals.outcomes = self.outcome_spans.len();
        spans.tradeoffs = std::mem::take(&mut self.tradeoff_spans);
        spans.decisions = std::mem::take(&mut self.decision_spans);
        spans.checks = std::mem::take(&mut self.check_spans);
        spans.lessons = std::mem::take(&mut self.lesson_spans);
        spans.outcomes = std::mem::take(&mut self.outcome_spans);
    }

    /// 0–1: how much concrete content the answer carries, whatever its wording or length.
    pub fn score(&self) -> f64 {
        // Reasons and sequence are told with connectives that change with wording, so they
        // weigh less than numbers, own actions and names, which survive any rewording.
        0.28 * sat(self.numbers, 4.0)
            + 0.26 * sat(self.actions, 3.0)
            + 0.12 * sat(self.names, 2.0)
            + 0.10 * sat(self.reasons, 2.0)
            + 0.08 * f64::from(u8::from(self.decision))
            + 0.12 * sat(self.checks, 2.0)
            + 0.04 * sat(self.sequence, 1.0)
    }

    /// Jargon and listed frameworks per 100 words, beyond what a plain answer uses.
    pub fn hollowness(&self, words: usize) -> f64 {
        let words = words.max(40) as f64;
        let jargon = 100.0 * self.jargon.len() as f64 / words;
        let frameworks = self.frameworks.len().saturating_sub(1) as f64;
        (jargon - 1.0).max(0.0) + 1.5 * frameworks + if self.restates { 2.0 } else { 0.0 }
    }

    /// Asides, repeated sentences, and many words per concrete point: words that make an
    /// answer longer, not better.
    pub fn rambling(&self, words: usize) -> f64 {
        let items = (self.numbers
            + self.actions
            + self.names
            + self.checks
            + self.reasons
            + usize::from(self.decision)
            + 1) as f64;
        let wordiness = ((words as f64 / items - 25.0).max(0.0) / 10.0).min(2.0);
        let words = words.max(40) as f64;
        100.0 * self.asides.len() as f64 / words + 4.0 * self.repetition + wordiness
    }

    /// Attention measures offered as success with no goal measure beside them.
    pub fn vanity_only(&self) -> usize {
        self.vanity.len().saturating_sub(2 * self.goal_measures)
    }
}

/// Verbs that open a step of a plan told as instructions ("First, fix awareness").
const STEP_VERBS: &[&str] = &[
    "put",
    "build",
    "fix",
    "try",
    "add",
    "make",
    "run",
    "test",
    "launch",
    "ship",
    "start",
    "cut",
    "ask",
    "talk",
    "tell",
    "look",
    "check",
    "measure",
    "keep",
    "send",
    "call",
    "pilot",
    "pick",
    "focus",
    "drop",
    "set",
    "give",
    "offer",
    "show",
    "write",
    "share",
    "plan",
    "move",
    "raise",
    "lower",
    "price",
    "segment",
    "survey",
    "interview",
    "compare",
    "split",
    "track",
    "watch",
    "remove",
    "bundle",
    "partner",
    "negotiate",
    "counter",
    "propose",
    "escalate",
    "prototype",
];

/// Steps of a plan told as instructions: a step verb opening a sentence or following an
/// ordinal ("Second, build games around the shows").
fn steps(text: &Text) -> usize {
    let mut count = 0;
    let mut previous_end = 0;
    let mut previous: Option<&str> = None;
    for token in &text.tokens {
        let gap = &text.lower[previous_end..token.start];
        let opens = previous.is_none() || gap.contains(['.', '!', '?', ':', '\n']);
        let after_ordinal = matches!(
            previous,
            Some(
                "first"
                    | "second"
                    | "third"
                    | "fourth"
                    | "fifth"
                    | "next"
                    | "then"
                    | "finally"
                    | "also"
            )
        );
        let word = text.word(token);
        if (opens || after_ordinal) && STEP_VERBS.contains(&word) {
            count += 1;
        }
        previous_end = token.end;
        previous = Some(word);
    }
    count
}

/// Capitalised words inside a sentence: people, places, products, companies.
fn names(text: &Text, original: &str) -> usize {
    let mut seen = BTreeSet::new();
    let mut previous_end = 0;
    for token in &text.tokens {
        let gap = &text.lower[previous_end..token.start];
        previous_end = token.end;
        let sentence_start =
            token.start == 0 || gap.contains(['.', '!', '?', ':', '"', '\'', '\n']);
        if sentence_start {
            continue;
        }
        let (start, _) = text.original_range(token.start, token.end);
        let first = original[start..].chars().next().unwrap_or(' ');
        let word = text.word(token);
        if first.is_uppercase() && !word.starts_with("i'") && word != "i" {
            seen.insert(word.to_string());
        }
    }
    seen.len()
}

/// Share of sentences whose content words (by stem) were mostly said already.
fn repetition(text: &Text, stems: &[String]) -> f64 {
    // Sentences as lists of content stems.
    let mut sentences: Vec<Vec<&str>> = vec![Vec::new()];
    let mut previous_end = 0;
    for (token, s) in text.tokens.iter().zip(stems) {
        if text.lower[previous_end..token.start].contains(['.', '!', '?']) {
            sentences.push(Vec::new());
        }
        previous_end = token.end;
        if token.class == 0 && s.len() > 2 && !s.chars().any(|c| c.is_ascii_digit()) {
            if let Some(last) = sentences.last_mut() {
                last.push(s);
            }
        }
    }
    let mut seen: BTreeSet<&str> = BTreeSet::new();
    let (mut counted, mut repeated) = (0usize, 0usize);
    for sentence in sentences {
        if sentence.len() >= 3 {
            counted += 1;
            let old = sentence.iter().filter(|s| seen.contains(*s)).count();
            if old * 10 >= sentence.len() * 6 {
                repeated += 1;
            }
        }
        seen.extend(sentence);
    }
    if counted == 0 {
        0.0
    } else {
        repeated as f64 / counted as f64
    }
}
