//! Every built-in judgement pattern, as plain data. The judge modules read them; `build.rs`
//! reads this same file to compile them ahead of time, so a pattern is written once.
//!
//! Patterns are matched against the lower-cased answer; `\b` and `\w` are ASCII (see
//! `judge::built_in`).

// Substance: what an answer says, and what hollows it out.

/// Each family counts once, however often or in whatever words it appears.
pub const REASONING: &[&str] = &[
    r"\b(?:because|since|due to|given (?:that|it|it's|the|how|their|our|its)|driven by|as it's|as it is|as they|in case|to avoid)\b",
    r"\b(?:so that|which means|which meant|this means|this meant|that means|meaning|that's why|that way,? (?:we|i|it|they|you|the|nobody|no one|everyone|people|members)|as a result|which led|led to|(?:lets|allows|would let|will let) (?:us|me|them|you|the|real|people|members|everyone)|so (?:i|we|the|it|they|people|members|nobody|no one|everyone))\b",
    r"\b(?:if|unless|otherwise|as long as|only if)\b",
    r"\b(?:but|however|though|although|the catch|on the other hand|even so)\b",
    r"\b(?:risk\w*|downside|at the cost of|cost (?:us|them|me)|give up|gave up|trade-?offs?|in exchange|would lose|we'd lose|would cost|could cost|cannibali[sz]\w*|at the expense)\b",
    r"\b(?:instead|rather than|over the|not the)\b",
];
pub const DECISION: &str = r"\b(?:i (?:decided|chose|picked|made the call|went with|recommended|proposed|pushed for|committed|called it)|(?:i'd|i would|i'll|i will)(?: \w+){0,2} (?:recommend|go with|choose|pick|lean|launch|ship|start|begin|stick with|hold off|say (?:yes|no)|prioriti\w+|focus|pilot|test|try|build|cut|drop|keep|tell|propose|ask|push|switch|put|spend|run|plan|hold|give|offer|counter|accept|decline|wait|invest|stop|kill|delay|roll)|my (?:call|recommendation|answer|decision|pick|choice|position|lean|proposal|suggestion|plan|view|take|instinct|preference|vote|advice|bet) (?:is|was|would|hinges)|i'd be honest|i made (?:the|a) (?:call|decision)|(?:yes|no),? i'd|(?:so|that's why) i(?:'d| would| decided| chose))";
pub const CHECK: &[&str] = &[
    r"\b(?:measur\w*|metrics?|track\w*|monitor\w*|guardrails?|how often|how many (?:people|members|users|of)|(?:the )?share of (?:people|members|users|viewers)|per (?:session|member|user|viewer|household))\b",
    r"\b(?:test\w*|pilot\w*|experiment\w*|trial|holdout|control group|(?:people|members|users|viewers|those|a group) (?:who|that) (?:don't|do not|didn't|did not|never) (?:have|get|see)|(?:half|the other half|the rest) (?:don't|do not|didn't) (?:get|see))\b",
    r"\b(?:check\w*|compar\w*|confirm\w*|verif\w*|look at (?:how|whether|what|the)|see (?:whether|if|how)|watch (?:for|whether|how))\b",
];
pub const SEQUENCE: &str = r"\b(?:then|afterwards?|within (?:a|two|three|\d)|later|by the end|the next (?:day|week|month|quarter|sprint)|over the (?:next|following)|after (?:a|two|three|\d|the)|first,|two (?:days|weeks|months) (?:later|ahead))\b";

/// A lesson drawn from the story.
pub const LESSONS: &str = r"\b(?:i learned|i've learned|i learnt|learned that|taught me|what i took from|the lesson|since then|these days i|now i|next time|do differently|i now|changed how i|i'd do it differently|i realised|i realized)\b";
/// An outcome told, in numbers or in words.
pub const OUTCOMES: &str = r"\b(?:went (?:up|down|from)|rose|fell|dropped|grew|increased|decreased|doubled|halved|improved|recovered|from \d[\d.,%]* to \d|as a result|in the end|ended up|which meant|the result|result was|shipped|launched|saved|signed|won|hit (?:the|our)|cut (?:\w+ )?by|no (?:change|movement) in)\b";

/// Words that sound like product thinking and carry none on their own.
pub const JARGON: &str = r"\b(?:leverag\w*|synerg\w*|north star|stakeholders?|alignment|align(?:ed)? (?:on|with|around|cross)|data-driven|best-in-class|end-to-end|holistic\w*|scalable|future-proof|unlock\w*|drive (?:engagement|growth|impact|value|adoption|results|outcomes|retention)|driving (?:engagement|growth|impact|value|adoption)|optimi[sz]\w*|delight\w*|seamless\w*|frictionless|robust|strategic\w*|high-impact|impactful|key levers?|levers|ecosystem|paradigm|move the needle|low-hanging fruit|value proposition|customer-centric|member-centric|user-centric|empower\w*|best practices?|deep dive|actionable|insights|game-chang\w*|world-class|mission-critical|circle back|learnings|structured approach|framework|frameworks|holistically|intelligently|dynamically|at scale|lifecycle|go-to-market|cross-functional stakeholders|key stakeholders|sustainable growth|full potential|positioning|brand equity|transparen\w*|collaborat\w*|ownership mindset|growth mindset|thought leadership|win-win|mutually beneficial|core competenc\w*|user journey|customer journey|pain points?|hypothes[ie]s|validate|radical \w+|vulnerabilit\w*|accountabilit\w*|end to end|facilitat\w*|blameless|post-mortem|root causes?|quality gates|mitigat\w*|remediat\w*|lean(?:ing)? into|psychological safety|key takeaways?|opportunit(?:y|ies) for growth|continuous improvement|proactive\w*|impacted|partnered with|surface[sd]? |learnings|touchpoints?|bandwidth to|value-add|visibility|cadence|north-star|kpis?|okrs?|roadmap alignment|prioritization framework|customer obsession|bias for action|deliver(?:ing)? value|drive (?:alignment|clarity|ownership)|ensur(?:e|ing) alignment|business outcomes|strategic priorities|high-level|best-in-class|innovat\w* culture|culture of \w+|growth opportunit\w*|unlock\w*|optimal|capabilit(?:y|ies)|initiatives?|holistic|top priority|key metric|be thorough|jump to conclusions|come up with a plan|keep (?:leadership|everyone|stakeholders|them) informed|no surprises|get their perspectives?|understand(?:s)? the urgency|make sure everyone|the key things?|learn from it|prevent it from happening again|figure (?:it|things) out|on the same page|touch base|moving forward|going forward)\b";
/// Named frameworks and culture-memo terms: worth something when applied, nothing when listed.
pub const FRAMEWORKS: &str = r"\b(?:rice|kano|circles|batna|zopa|tam|sam|som|heart framework|aarrr|pirate metrics|jobs to be done|jtbd|moscow|swot|porter'?s|five forces|star method|opportunity sizing|cost of delay|informed captain|farming for dissent|farm for dissent|disagree and commit|context,? not control|keeper test|freedom and responsibility|radical cando[u]?r|culture memo|first principles|design thinking|lean startup|double diamond|ice score|weighted scoring|raci|daci|rapid model|stakeholder mapping|cost-benefit analysis|decision matrix|impact/effort|impact-effort|eisenhower matrix|classic \w+ trade-off)\b";
/// Openings that hand the question back instead of answering it.
pub const RESTATES: &str = r"^(?:so,? )?(?:the question is|to decide between|you're asking|this is a classic|great question|the question is about|that's a great question)";
/// Asides that add words and no content.
pub const ASIDES: &str = r"\b(?:by the way|which i loved|when you think about it|like i said|as i said|as i mentioned|so yeah|anyway|to be honest|i used to joke|long story short|funny enough|side note|going back to|where was i|which is good|which was great|which is a lot|if that makes sense|at the end of the day|you know what i mean|believe it or not|needless to say|i guess|and stuff|and so on|and all that|sort of thing|kind of thing|which made it harder|which was nice|just saying|honestly|right\?|even as a kid|kind of funny|i've always been like that|it was great|which was really \w+|i'd say i'm|to be fair|which is natural|(?:is|was) so important|which is really important|i really believe|that's how i'd (?:do it|think about|handle)|that's the thing|which is a cool|there were a lot of memes|that's what makes it|i've seen that many times)(?:\b|\s|$)";
/// Measures of attention rather than of the goal, and the goal measures that answer them.
pub const VANITY: &str = r"\b(?:views|page views|downloads|clicks|click-through|time spent|impressions|buzz|likes|shares|peak (?:viewers|concurrent)|social (?:mentions|media)|trending|press coverage|hype|installs|sessions|minutes watched|hours watched|viewing hours)\b";
pub const GOAL_MEASURES: &str = r"\b(?:retention|retain\w*|churn|cancel\w*|conversion|convert\w*|revenue|renew\w*|completion|satisfaction|paid|paying|subscri\w*|lifetime value|ltv|guardrails?|come back|came back|stay\w*|repeat|sign-?ups?|signups?|reactivat\w*|activation|purchases?|bookings?|orders?|margin|profit\w*)\b";

// Relevance: whether the answer meets the question.

/// A question word, and answer phrasings that address it in other words.
pub const SYNONYMS: &[(&[&str], &str)] = &[
    (
        &["feedback", "criticism", "critique"],
        r"\b(?:told me|said (?:that )?i\b|pointed out|feedback|critici|called me out|asked me to|it stung)",
    ),
    (
        &["leader", "executive", "senior", "boss", "leadership"],
        r"\b(?:ceo|cpo|cto|coo|cmo|vp|svp|director|head of|exec\w*|boss|founder|leadership)\b",
    ),
    (
        &["hire", "hiring", "hired"],
        r"\b(?:hire|hired|hiring|recruit\w*|candidate|interview\w*)",
    ),
    (
        &["angry", "upset", "frustrated", "furious", "unhappy"],
        r"\b(?:angry|upset|frustrat\w*|furious|annoyed|complain\w*|escalat\w*|unhappy)",
    ),
    (
        &[
            "conflict",
            "disagree",
            "disagreement",
            "disagreed",
            "dissent",
            "objection",
        ],
        r"\b(?:disagre\w*|conflict\w*|argu\w*|push(?:ed)? back|objected|objection|tension|clash\w*)",
    ),
    (
        &["cheaper", "cheap", "price", "pricing", "cost"],
        r"(?:\bprice\w*|\bcheap\w*|\bdiscount\w*|\bcost\w*|\$\d)",
    ),
    (
        &["start", "join", "joining"],
        r"\b(?:start\w*|join\w*|first day|notice)\b",
    ),
    (
        &["launch", "launched", "ship"],
        r"\b(?:launch\w*|ship\w*|roll\w* (?:it )?out|release\w*)",
    ),
    (
        &["metric", "metrics", "measure", "success"],
        r"\b(?:metric|measur\w*|track\w*|rate|retention|churn|conversion)\b|%",
    ),
    (
        &["team", "teams"],
        r"\b(?:team|engineers?|designers?|pms?|reports?|squad)\b",
    ),
    (
        &["decision", "decide", "call", "choice"],
        r"\b(?:decid\w*|decision|chose|choice|call)\b",
    ),
    (
        &["partner", "studio", "partners"],
        r"\b(?:partner\w*|studio|producer|distributor)",
    ),
    (
        &["idea", "proposal"],
        r"\b(?:idea|feature|proposal|plan|pitch\w*)\b",
    ),
    (
        &["context"],
        r"\b(?:context|why it mattered|the goal|background)\b",
    ),
    (
        &["offer", "package", "compensation"],
        r"\b(?:offer|package|comp\w*|base|salary|sign-on|equity|options)\b",
    ),
    (
        &["problem", "issue", "bug", "trouble"],
        r"\b(?:problems?|issues?|bugs?|trouble|broken|failing|glitch\w*|outage)\b",
    ),
    (
        &[
            "spot",
            "spotted",
            "notice",
            "noticed",
            "discover",
            "discovered",
        ],
        r"\b(?:spott\w*|notic\w*|found|caught|discover\w*|realis\w*|realiz\w*|kept seeing)\b",
    ),
    (
        &["nobody", "noone"],
        r"\b(?:nobody|no one|no-one|no team|none of (?:us|them))\b",
    ),
    (
        &["mistake", "wrong", "failure", "failed"],
        r"\b(?:mistake|wrong|fail\w*|misjudg\w*|should have|my fault|regret\w*)",
    ),
    (
        &["users", "members", "customers", "subscribers"],
        r"\b(?:users?|members?|customers?|subscribers?|viewers?|households?|people|families)\b",
    ),
    (&["estimate", "many", "much"], r"\d"),
];

/// The form of a question, and what an answer to it cannot leave out.
pub struct Intent {
    pub name: &'static str,
    pub question: &'static str,
    pub answer: &'static str,
    /// Said when the answer has none of it.
    pub missing: &'static str,
}

pub const INTENTS: &[Intent] = &[
    Intent {
        name: "estimate",
        question: r"\b(?:estimate|how many|how much|size (?:the|of)|sizing|back of the envelope)\b",
        answer: r"\d[\d,.]*\s*(?:%|[kmb]\b|million|billion|thousand)?\s*(?:x|\*|times|multiplied by|divided by|/|=|\bper\b)",
        missing: "the question asks for an estimate; the answer works through no numbers",
    },
    Intent {
        name: "received feedback",
        question: r"\b(?:received|receive|got|get|given|hear|heard)\b[^.?]*\bfeedback\b|\bfeedback\b[^.?]*\b(?:you received|you got|to hear|about you)\b",
        answer: r"\b(?:told me|said (?:that )?(?:i|my)\b|pointed out (?:that )?(?:i|my)\b|gave me|called me out|asked me to|it stung|i heard|was hard to hear|criticism of (?:me|my))",
        missing: "the question asks about feedback you received; the answer never has someone tell you something",
    },
    Intent {
        name: "gave feedback",
        question: r"\b(?:gave|give|giving|deliver\w*)\b[^.?]*\b(?:feedback|criticism)\b",
        answer: r"\b(?:i (?:\w+ ){0,2}(?:said|told|asked|wrote to)|and said|told (?:him|her|them) (?:that|directly|what)|feedback|pointed out|i raised|gave (?:him|her|them)|said (?:it|that) to|sat (?:him|her|them|down)|one[- ]to[- ]one|1:1|conversation with)",
        missing: "the question asks about feedback you gave; the answer never has you tell anyone anything",
    },
    Intent {
        name: "setback",
        question: r"\b(?:wrong|mistake|fail\w*|hard to hear|would not work|wouldn't work|didn't like|did not like|disagree\w*|conflict|angry|upset|regret|setback|went badly|pet idea|push(?:ed)? back|unpopular)\b",
        answer: r"\b(?:wrong|mistake|fail\w*|didn't work|did not work|wouldn't work|would not work|disagre\w*|upset|angry|frustrat\w*|stung|pushed back|push back|objected|objection|struggled|disappoint\w*|concern\w*|complain\w*|problem|worried|unhappy|tension|argu\w*|risk|late|missed|bad|flaw\w*|doubt\w*|didn't like|resist\w*|wasn't|weren't|not going to|hurt|bug|bugs|fault|error\w*|broke\w*|outage|crash\w*|issue|issues|overcharg\w*|awful|sorry|apologi\w*|embarrass\w*|blam\w*|slipped|delay\w*|lost|losing|drop\w*|fell|angr\w*|mad|annoy\w*|escalat\w*|pushback|against|no|never)\b",
        missing: "the question asks about a setback or a disagreement; the answer tells only of things going well",
    },
    Intent {
        name: "timing",
        question: r"\bwhen (?:you )?(?:can|could|would|will) (?:you )?(?:start|join|begin)|\bstart date\b|\bhow soon\b",
        answer: r"\b(?:\d+|one|two|three|four|five|six|seven|eight|nine|ten|a couple of|a few) (?:weeks?|days?|months?)\b|\bstart date\b|\b(?:on|by|from) (?:monday|tuesday|wednesday|thursday|friday|january|february|march|april|may|june|july|august|september|october|november|december)\b",
        missing: "the question asks when; the answer names no date or span of time",
    },
];

/// People and parties a question can be about: an answer to it has to deal with them.
pub const PARTIES: &[(&str, &str)] = &[
    (
        "studio",
        r"\b(?:studio|partner\w*|producer|distributor|their (?:team|side|film|show))",
    ),
    (
        "partner",
        r"\b(?:partner\w*|studio|vendor|supplier|their (?:team|side))",
    ),
    ("designer", r"\b(?:designer|design\w*)\b"),
    ("legal", r"\b(?:legal|lawyer\w*|counsel|compliance)\b"),
    ("finance", r"\b(?:finance|cfo|budget\w*)\b"),
    (
        "marketing",
        r"\b(?:marketing|marketer\w*|campaign\w*|cmo)\b",
    ),
    (
        "engineer",
        r"\b(?:engineer\w*|developer\w*|tech lead|cto)\b",
    ),
    (
        "engineering",
        r"\b(?:engineer\w*|developer\w*|tech lead|cto)\b",
    ),
    (
        "leader",
        r"\b(?:ceo|cpo|cto|coo|cmo|vp|svp|director|head of|exec\w*|boss|founder|leader\w*|manager)\b",
    ),
    (
        "executive",
        r"\b(?:ceo|cpo|cto|coo|cmo|vp|svp|director|head of|exec\w*|boss|founder|leader\w*)\b",
    ),
];

/// Answer openings that tell a success story, which a question about a setback did not ask for.
pub const TRIUMPH: &str = r"\b(?:the best (?:\w+ )?(?:i|we) (?:ever|have ever)|(?:i'm|i am) (?:most )?proudest|proudest|most successful|my favou?rite (?:launch|project))";

// Reasoning: mistakes in case answers.

pub struct Rule {
    pub id: &'static str,
    pub name: &'static str,
    pub pattern: &'static str,
    pub advice: &'static str,
}

pub const RULES: &[Rule] = &[
    Rule {
        id: "p_value_misread",
        name: "p-value read as the chance it works",
        pattern: r"\b\d+(?:\.\d+)?% (?:chance|probability|likely|sure|certain|confident)\b[^.]{0,60}\b(?:works|work|better|real|increases|improves|wins|is real|effect)|p(?:-value)? (?:of )?(?:=\s*)?0?\.\d+ means (?:there(?:'s| is) )?(?:a |an )?\d+%",
        advice: "A p-value is how surprising the result would be if the change did nothing, not the chance the change works; say what it does tell you and what it does not.",
    },
    Rule {
        id: "novelty_ship",
        name: "Shipping on a short-lived lift",
        pattern: r"\b(?:a|one|the first|1|single) week is (?:enough|plenty)|not worried that it only ran (?:one|a) week|(?:first|one) week is (?:also )?when the effect should be clearest|ship(?:ped)? (?:it )?after (?:just )?(?:one|a|1) week",
        advice: "A change people notice lifts at first and fades: run it long enough (several weeks, full weekly cycles) to see past the novelty before shipping.",
    },
    Rule {
        id: "small_sample_significant",
        name: "Small sample called significant",
        pattern: r"\b(?:significant enough|plenty of data|enough data|clearly came out ahead|clearly (?:won|wins|better)|that's significant|definitely significant|statistically significant already)\b",
        advice: "Check the difference against its noise: with small samples a few extra conversions are within chance; compute the standard error or the sample size needed.",
    },
    Rule {
        id: "peeking",
        name: "Stopping a test when it first looks significant",
        pattern: r"\b(?:stop(?:ped)? the test|call(?:ed)? it|end(?:ed)? the test) (?:as soon as|once|the moment|when) (?:it|the (?:variant|result|test)) (?:hit|hits|reached|reaches|looked|looks|was|is|became|becomes) significant|\bcheck(?:ed|ing)? (?:the results? )?(?:every day|daily) and (?:ship|stop)",
        advice: "Decide the sample size before the test and read it once: checking daily and stopping at the first significant day inflates false wins.",
    },
];

/// A move from one percentage to another ("from 4% to 5%"), read as points or percent.
pub const FROM_TO: &str = r"from (\d+(?:\.\d+)?)% to (\d+(?:\.\d+)?)%";
/// A figure, with thousands separators and decimals.
pub const NUMBER: &str = r"\b(\d+(?:,\d{3})*(?:\.\d+)?)\b";
