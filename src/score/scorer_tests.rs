//! `Scorer::score` on the built-in rubric: what a candidate sees on the card when an answer
//! misses the question, slips in its arithmetic, gives away its position in an offer, or closes
//! a gap the card pointed at.

use super::{Band, ScoreCard, Scorer};
use crate::rubric::RubricSet;

fn scorer() -> Scorer {
    Scorer::new(RubricSet::builtin().expect("built-in rubric"))
}

fn score(stage: &str, question: &str, answer: &str) -> ScoreCard {
    scorer()
        .score(stage, Some(question), answer)
        .expect("scores")
}

fn penalty<'a>(card: &'a ScoreCard, id: &str) -> Option<&'a super::CriterionScore> {
    card.penalties.iter().find(|p| &*p.id == id)
}

const MISTAKE: &str = "Tell me about a time you made a mistake that hurt your users.";

const SUCCESS_STORY: &str = "The launch I'm proudest of was offline downloads at a video app. \
I interviewed 20 commuters in Jakarta, saw that 60% lost their show on the train, and I wrote \
the spec with our lead engineer. I cut the sync feature to ship in six weeks. Downloads went \
from zero to 30% of mobile viewing in a quarter and churn in Indonesia fell from 6% to 4.5%.";

const MISTAKE_STORY: &str = "At a video app I shipped a new sign-up flow on a Friday without \
waiting for QA, because I wanted it out before the weekend. It had a bug: about 300 people in \
Canada were charged in US dollars. Support caught it on Saturday. On Monday I told the team it \
was my fault, we refunded everyone within two days, and I set a rule that nothing goes live on \
a Friday without a QA sign-off. Since then I check the release list myself every Thursday.";

#[test]
fn an_answer_to_another_question_cannot_pass_and_the_card_says_why() {
    let off = score("behavioral", MISTAKE, SUCCESS_STORY);
    let on = score("behavioral", MISTAKE, MISTAKE_STORY);
    assert!(off.band < Band::Hire, "{} {:?}", off.overall, off.band);
    assert!(
        on.overall > off.overall,
        "{} vs {}",
        on.overall,
        off.overall
    );
    let why = off
        .adjustments
        .iter()
        .find(|a| a.id == "relevance")
        .expect("a relevance adjustment");
    assert!(why.reason.contains("mistake"), "{}", why.reason);
    assert!(why.reason.contains("success story"), "{}", why.reason);
    assert!(!on
        .adjustments
        .iter()
        .any(|a| a.id == "relevance" && a.effect < 0.5));
}

#[test]
fn a_dropped_factor_is_a_penalty_with_the_step_and_the_right_figure() {
    let question = "Estimate the peak bandwidth for a live event watched on 30 million streams.";
    let wrong = "Say 4 Mbps per stream on average. Peak: 30 million x 4 Mbps = 120,000 Mbps, \
                 which is 120 Gbps, so a couple of data centres can serve it and I would not \
                 worry about delivery.";
    let right = "Say 4 Mbps per stream on average. Peak: 30 million x 4 Mbps = 120 million Mbps, \
                 which is 120 Tbps, so most of it has to come from caches inside ISPs and I \
                 would plan a lower default bitrate for the main event.";
    let slip = score("onsite", question, wrong);
    let sound = score("onsite", question, right);
    let p = penalty(&slip, "arithmetic").expect("the slip is a penalty");
    assert!(p.evidence[0]
        .text
        .contains("30 million x 4 Mbps = 120,000 Mbps"));
    assert!(p.advice.contains("120 million Mbps"), "{}", p.advice);
    assert!(penalty(&sound, "arithmetic").is_none());
    assert!(sound.overall > slip.overall);
}

#[test]
fn a_p_value_read_as_the_chance_it_works_is_a_penalty() {
    let card = score(
        "onsite",
        "A test shows viewing up 1.2% with p = 0.03 after one week. Would you ship it?",
        "Yes. A p-value of 0.03 means there's a 97% chance the feature really works, so I'd \
         roll it out to everyone right away and move the team to the next test.",
    );
    let p = penalty(&card, "p_value_misread").expect("penalty");
    assert!(p.evidence[0].text.contains("97%"), "{:?}", p.evidence);
}

#[test]
fn offer_blunders_are_caught_in_ordinary_words() {
    let q = "The recruiter asks what you earn today.";
    let pay = score(
        "offer",
        q,
        "Sure, I earn 310,000 base today, so anything above that works.",
    );
    assert!(
        penalty(&pay, "reveals_salary").is_some(),
        "{:?}",
        pay.penalties
    );
    let snap = score(
        "offer",
        "The recruiter makes you an offer on the phone.",
        "That's great, thank you. I accept, and I'll sign today.",
    );
    assert!(
        penalty(&snap, "accepts_on_spot").is_some(),
        "{:?}",
        snap.penalties
    );
}

#[test]
fn closing_the_gap_the_card_names_pays_what_it_promised() {
    let without = "At a video app I shipped a new sign-up flow on a Friday without waiting for \
                   QA. It had a bug: about 300 people in Canada were charged in US dollars. On \
                   Monday I told the team it was my fault and we refunded everyone within two \
                   days.";
    let before = score("behavioral", MISTAKE, without);
    let promised = before
        .improvements
        .iter()
        .find(|i| &*i.id == "reflection")
        .expect("the card asks for the lesson")
        .gain;
    let with = format!("{without} What I learned is to never skip QA to hit a date.");
    let after = score("behavioral", MISTAKE, &with);
    let reflection = after
        .criteria
        .iter()
        .find(|c| &*c.id == "reflection")
        .unwrap();
    assert_eq!(reflection.score, 100.0);
    assert!(
        after.overall - before.overall >= promised - 0.5,
        "promised +{promised}, got +{:.1}",
        after.overall - before.overall
    );
}

#[test]
fn the_same_answer_scores_the_same_bytes() {
    let a = serde_json::to_string(&score("behavioral", MISTAKE, MISTAKE_STORY)).unwrap();
    let b = serde_json::to_string(&score("behavioral", MISTAKE, MISTAKE_STORY)).unwrap();
    assert_eq!(a, b);
}
