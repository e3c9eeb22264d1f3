//! The report as JSON: the model itself, pretty-printed, with `report_schema` for readers.

use super::{Exporter, Options};
use crate::report::SessionReport;

pub struct Json;

impl Exporter for Json {
    fn export(&self, report: &SessionReport, _: &Options) -> String {
        serde_json::to_string_pretty(report).expect("a report always serialises") + "\n"
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::report::export::sample;

    #[test]
    fn json_report() {
        insta::assert_snapshot!(Json.export(&sample::report(), &Options::default()), @r#"
        {
          "report_schema": 1,
          "session_id": "20261126-101500-00ab",
          "candidate": "Ada <b>Lovelace</b>",
          "loop_title": "Netflix Product Manager interview loop",
          "rubric_fingerprint": "0123456789abcdef",
          "started_at": "2026-11-26T10:15:00+00:00",
          "duration_secs": 1510.0,
          "status": "complete",
          "overall": 61.5,
          "band": "hire",
          "questions": [
            {
              "number": 1,
              "stage": "behavioral",
              "stage_title": "Behavioral",
              "question_id": "beh-failure",
              "question": "Tell me about a failure.",
              "seconds_used": 185.0,
              "budget_secs": 240,
              "over_budget": false,
              "score": 78.2,
              "band": "strong_hire",
              "status": "answered",
              "follow_ups": 1,
              "answer": "At my last company I <script>alert(1)</script> shipped | pipes | late.\nChurn fell 5% \u001b[31mred\u001b[0m 🎬",
              "conversation": [
                {
                  "kind": "answer",
                  "text": "At my last company I <script>alert(1)</script> shipped | pipes | late.\nWe missed the date."
                },
                {
                  "kind": "follow_up",
                  "reason": "the answer scored 0 on \"Measures the result\"",
                  "text": "What changed, in numbers?"
                },
                {
                  "kind": "follow_up_answer",
                  "text": "Churn fell 5% \u001b[31mred\u001b[0m 🎬"
                }
              ],
              "met": [
                {
                  "id": "personal_action",
                  "name": "Describes what you did",
                  "score": 100.0,
                  "evidence": [
                    "I <script>alert(1)</script> shipped",
                    "| pipes |"
                  ]
                }
              ],
              "missed": [
                {
                  "id": "reflection",
                  "name": "Reflects on the lesson",
                  "advice": "Close with what you learned or would do differently."
                }
              ],
              "exemplar": "At a fitness app I <b>shipped</b> | a flow | too early.\nI learned to test first.",
              "penalties": [],
              "adjustments": [
                {
                  "id": "jargon",
                  "effect": 0.9,
                  "reason": "3 buzzwords <em>without</em> a plain explanation"
                }
              ]
            },
            {
              "number": 2,
              "stage": "offer",
              "stage_title": "Offer and negotiation",
              "question_id": "of-current-salary",
              "question": "What are you making now?",
              "seconds_used": 200.0,
              "budget_secs": 180,
              "over_budget": true,
              "score": 44.8,
              "band": "no_hire",
              "status": "answered",
              "follow_ups": 0,
              "answer": "I'd rather not share that.",
              "conversation": [
                {
                  "kind": "offer",
                  "text": "The recruiter calls: \"We'd like to offer you the role: a base salary of $420,000.\""
                },
                {
                  "kind": "answer",
                  "text": "I'd rather not share that."
                },
                {
                  "kind": "counter_move",
                  "text": "Our offers are already top of market. What would it take for you to say yes?"
                },
                {
                  "kind": "reply",
                  "text": "Market data for the level."
                }
              ],
              "met": [],
              "missed": [
                {
                  "id": "market_data",
                  "name": "Cites market data",
                  "advice": "Anchor on market data for the role and level."
                }
              ],
              "exemplar": null,
              "penalties": [
                {
                  "id": "reveals_salary",
                  "name": "Gives away current salary",
                  "points": -4.5,
                  "evidence": [
                    "I'm making $150,000 <b>now</b>"
                  ],
                  "advice": "Don't name your current pay; anchor on the role's market range."
                }
              ],
              "adjustments": [
                {
                  "id": "penalties",
                  "effect": -4.5,
                  "reason": "points off for: reveals_salary"
                }
              ]
            },
            {
              "number": 3,
              "stage": "offer",
              "stage_title": "Offer and negotiation",
              "question_id": "of-deadline-tomorrow",
              "question": "We need an answer by tomorrow.",
              "seconds_used": null,
              "budget_secs": 180,
              "over_budget": false,
              "score": 0.0,
              "band": "strong_no_hire",
              "status": "skipped",
              "follow_ups": 0,
              "answer": null,
              "conversation": [],
              "met": [],
              "missed": [],
              "exemplar": "I'd ask for a week.",
              "penalties": [],
              "adjustments": []
            }
          ],
          "stages": [
            {
              "id": "behavioral",
              "title": "Behavioral",
              "score": 78.2,
              "band": "strong_hire"
            },
            {
              "id": "offer",
              "title": "Offer and negotiation",
              "score": 22.4,
              "band": "strong_no_hire"
            }
          ],
          "values": [
            {
              "id": "judgment",
              "name": "Judgment",
              "score": 64.0,
              "band": "hire",
              "evidence": [
                "trade-off"
              ]
            },
            {
              "id": "communication",
              "name": "Communication",
              "score": 40.5,
              "band": "no_hire",
              "evidence": []
            },
            {
              "id": "curiosity",
              "name": "Curiosity",
              "score": 22.0,
              "band": "strong_no_hire",
              "evidence": []
            },
            {
              "id": "courage",
              "name": "Courage",
              "score": 71.0,
              "band": "hire",
              "evidence": []
            },
            {
              "id": "innovation",
              "name": "Innovation",
              "score": 8.0,
              "band": "strong_no_hire",
              "evidence": []
            }
          ],
          "strengths": [
            {
              "kind": "criterion",
              "name": "Describes what you did",
              "score": 50.0,
              "evidence": [
                "I <script>alert(1)</script> shipped"
              ]
            }
          ],
          "improvements": [
            {
              "name": "Cites market data",
              "advice": "Anchor on market data for the role and level.",
              "gain": 9.5,
              "question": 2
            }
          ],
          "weakest": [
            {
              "question": 3,
              "stage_title": "Offer and negotiation",
              "text": "We need an answer by tomorrow.",
              "score": 0.0,
              "why": "skipped: a skip scores 0"
            },
            {
              "question": 2,
              "stage_title": "Offer and negotiation",
              "text": "What are you making now?",
              "score": 44.8,
              "why": "rambling: 410 words <i>for</i> a 3-minute answer"
            }
          ]
        }
        "#);
    }
}
