//! The recruiter's counter-move, chosen from what the candidate just said: an acceptance is
//! confirmed, a named number gets a response to that number, an ask on base gets an answer on
//! base, a request for time gets a deadline, a competing offer gets a question about it.
//! Anything else gets the move drawn with the plan. Same reply and same seed, same move.

use regex::Regex;

use crate::session::model::Offer;
use crate::session::offer::money;

/// What the reply was, as far as the recruiter's next line is concerned.
#[derive(Debug, Clone, PartialEq)]
enum Reply {
    CompetingOffer,
    Accepts,
    /// A figure in dollars, and whether it was about a sign-on bonus.
    Number {
        dollars: u32,
        sign_on: bool,
    },
    AsksForTime {
        day: Option<&'static str>,
    },
    AsksOnBase,
    Other,
}

const DAYS: [&str; 7] = [
    "Monday",
    "Tuesday",
    "Wednesday",
    "Thursday",
    "Friday",
    "Saturday",
    "Sunday",
];

fn re(pattern: &str) -> Regex {
    Regex::new(&format!("(?i){pattern}")).expect("a fixed pattern")
}

fn read(reply: &str) -> Reply {
    let competing = re(
        r"\b(competing|other|another|second|rival)\s+(offer|company|companies|process)|\boffer from\b|\bverbal offer\b",
    );
    if competing.is_match(reply) {
        return Reply::CompetingOffer;
    }
    let accepts = re(
        r"\b(i accept|accept (it|this|the offer|your offer)|where do i sign|i'?ll take it|i'?m in\b|happy to sign|let'?s do it|deal\b)",
    );
    // "Before I accept", "not ready to accept", "I accept if…": not an acceptance yet.
    let hedged = re(
        r"\b(not|n't|never|before|once|until|if|unless|provided|but)\b[^.!?]{0,40}\baccept|\baccept\b[^.!?]{0,40}\b(if|unless|provided|once|but)\b",
    );
    if accepts.is_match(reply) && !hedged.is_match(reply) {
        return Reply::Accepts;
    }
    if let Some((dollars, at)) = first_amount(reply) {
        // The sentence the figure is in says what it is for.
        let start = reply[..at].rfind(['.', '!', '?']).map_or(0, |i| i + 1);
        let rest = &reply[at..];
        let end = rest
            .char_indices()
            .find(|&(i, c)| {
                matches!(c, '!' | '?' | '\n')
                    || (c == '.' && rest[i + 1..].chars().next().is_none_or(char::is_whitespace))
            })
            .map_or(reply.len(), |(i, _)| at + i);
        let sign_on = re(r"sign[- ]?(on|ing)|bonus|one[- ]time").is_match(&reply[start..end]);
        return Reply::Number { dollars, sign_on };
    }
    let time = re(
        r"\b(time to (think|review|consider|decide)|think (it )?over|sleep on|(a|one|two|few|couple( of)?) (day|days|weeks?)|the weekend|in writing|talk (it )?(over|through) with|discuss (it )?with|get back to you|by (monday|tuesday|wednesday|thursday|friday|saturday|sunday))",
    );
    if time.is_match(reply) {
        let lower = reply.to_lowercase();
        let day = DAYS
            .iter()
            .find(|d| lower.contains(&d.to_lowercase()))
            .copied();
        return Reply::AsksForTime { day };
    }
    let base = re(
        r"\b(base|salary|more (money|cash)|higher|increase|bump|raise|move (on )?the (number|offer))\b",
    );
    if base.is_match(reply) {
        return Reply::AsksOnBase;
    }
    Reply::Other
}

/// The first dollar figure in the reply and where it starts: `$500,000`, `$500k`, `500k`,
/// `500 thousand`, or a bare number of five or more digits.
fn first_amount(reply: &str) -> Option<(u32, usize)> {
    let amount = re(
        r"\$\s?(\d[\d,]*(?:\.\d+)?)\s?(k|m|thousand|million)?\b|\b(\d[\d,]*(?:\.\d+)?)\s?(k|thousand)\b|\b(\d{2,3},\d{3}|\d{5,7})\b",
    );
    let caps = amount.captures(reply)?;
    let at = caps.get(0)?.start();
    let (digits, unit) = if let Some(d) = caps.get(1) {
        (d.as_str(), caps.get(2).map(|u| u.as_str()))
    } else if let Some(d) = caps.get(3) {
        (d.as_str(), caps.get(4).map(|u| u.as_str()))
    } else {
        (caps.get(5)?.as_str(), None)
    };
    let value: f64 = digits.replace(',', "").parse().ok()?;
    let scale = match unit.map(str::to_ascii_lowercase).as_deref() {
        Some("k" | "thousand") => 1_000.0,
        Some("m" | "million") => 1_000_000.0,
        _ => 1.0,
    };
    let dollars = value * scale;
    // Small figures are percentages, weeks or counts, not pay.
    (1_000.0..100_000_000.0)
        .contains(&dollars)
        .then_some((dollars.round() as u32, at))
}

/// Rounded to the nearest $5,000, as recruiters quote numbers.
fn round5k(x: f64) -> u32 {
    ((x / 5_000.0).round() * 5_000.0) as u32
}

/// The recruiter's line after `reply`. `drawn` is the move drawn with the plan, used when the
/// reply gives nothing specific to react to.
pub fn counter_move(reply: &str, offer: Option<&Offer>, drawn: &str, seed: u64) -> String {
    let Some(offer) = offer else {
        return drawn.to_string();
    };
    let base = f64::from(offer.base_salary);
    let top_of_band = round5k(base * 1.05);
    match read(reply) {
        Reply::CompetingOffer => "You mentioned another offer. If you can share it in writing, I'll take it to the team today. Who is it from, and how does it break down: base, sign-on, equity?".to_string(),
        Reply::Accepts => format!(
            "Wonderful, I'll tell the team you've accepted: {} base{}, starting in {} weeks. The offer letter will be in your inbox today.",
            money(offer.base_salary),
            if offer.sign_on > 0 { format!(" and a {} sign-on bonus", money(offer.sign_on)) } else { String::new() },
            offer.start_in_weeks
        ),
        Reply::Number { dollars, sign_on: true } => {
            let most = offer.sign_on.saturating_add(50_000);
            if dollars <= most {
                format!("A {} sign-on I can get approved, if you can confirm this week.", money(dollars))
            } else {
                format!("{} as a sign-on is more than I can get approved. I can do {}, paid in your first month. Would that work?", money(dollars), money(most))
            }
        }
        Reply::Number { dollars, sign_on: false } => {
            let asked = f64::from(dollars);
            if asked <= base {
                format!("{} is within what we offered: the base is already {}. Is there anything else holding you back?", money(dollars), money(offer.base_salary))
            } else if asked <= base * 1.10 {
                let meet = round5k((base + asked) / 2.0).max(round5k(base) + 5_000);
                format!("{} is above our band for this level, but I can meet you at {} base. Can we close on that?", money(dollars), money(meet))
            } else {
                format!("{} is well above the band for this level. The most I can do on base is {}; I could look at a sign-on bonus for the rest. Would that work?", money(dollars), money(top_of_band))
            }
        }
        Reply::AsksForTime { day: Some(day) } => format!(
            "{day} works. I'll send the full offer in writing today; please let me know by end of day {day}."
        ),
        Reply::AsksForTime { day: None } => {
            let day = ["Thursday", "Friday", "Monday"][(seed % 3) as usize];
            format!("Of course. I'll send the full offer in writing today. Can you give me an answer by end of day {day}?")
        }
        Reply::AsksOnBase => format!(
            "On base, the most I can do is {}: that's the top of the band for this level. Would that get you to a yes?",
            money(top_of_band)
        ),
        Reply::Other => drawn.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn replies_are_read_by_what_they_ask() {
        assert_eq!(read("Yes, I accept the offer!"), Reply::Accepts);
        assert_eq!(
            read("Before I accept, I'd like a few days."),
            Reply::AsksForTime { day: None }
        );
        assert_eq!(
            read("I have a competing offer from Meta."),
            Reply::CompetingOffer
        );
        assert_eq!(
            read("I was hoping for $500k."),
            Reply::Number {
                dollars: 500_000,
                sign_on: false
            }
        );
        assert_eq!(
            read("A $60,000 sign-on bonus would close the gap."),
            Reply::Number {
                dollars: 60_000,
                sign_on: true
            }
        );
        assert_eq!(read("Could you move on the base?"), Reply::AsksOnBase);
        assert_eq!(
            read("Can I get back to you by Friday?"),
            Reply::AsksForTime {
                day: Some("Friday")
            }
        );
        assert_eq!(read("Thanks, that's exciting."), Reply::Other);
        assert_eq!(
            read("I want $500k. Also, tell me about the bonus."),
            Reply::Number {
                dollars: 500_000,
                sign_on: false
            }
        );
        assert_eq!(
            read("I can start in 4 weeks, 20% in options."),
            Reply::Other
        );
    }
}
