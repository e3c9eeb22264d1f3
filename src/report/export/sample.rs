//! A hand-built report for the exporters' snapshot tests: every kind of row, and user text
//! that tries to break out of each format (markup, pipes, escapes, emoji).

use crate::report::model::*;
use crate::score::Band;
use crate::session::Status;

pub fn report() -> SessionReport {
    SessionReport {
        report_schema: REPORT_SCHEMA,
        session_id: "20261126-101500-00ab".into(),
        candidate: Some("Ada <b>Lovelace</b>".into()),
        loop_title: "Netflix Product Manager interview loop".into(),
        rubric_fingerprint: "0123456789abcdef".into(),
        started_at: "2026-11-26T10:15:00+00:00".into(),
        duration_secs: Some(1510.0),
        status: Status::Complete,
        overall: 61.5,
        band: Band::Hire,
        questions: vec![
            QuestionRow {
                number: 1,
                stage: "behavioral".into(),
                stage_title: "Behavioral".into(),
                question_id: "beh-failure".into(),
                question: "Tell me about a failure.".into(),
                seconds_used: Some(185.0),
                budget_secs: 240,
                over_budget: false,
                score: Some(78.2),
                band: Some(Band::StrongHire),
                status: QuestionStatus::Answered,
                follow_ups: 1,
                answer: Some("At my last company I <script>alert(1)</script> shipped | pipes | late.\nChurn fell 5% \u{1b}[31mred\u{1b}[0m 🎬".into()),
                conversation: vec![
                    Turn {
                        kind: TurnKind::Answer,
                        reason: None,
                        text: "At my last company I <script>alert(1)</script> shipped | pipes | late.\nWe missed the date.".into(),
                    },
                    Turn {
                        kind: TurnKind::FollowUp,
                        reason: Some("the answer scored 0 on \"Measures the result\"".into()),
                        text: "What changed, in numbers?".into(),
                    },
                    Turn {
                        kind: TurnKind::FollowUpAnswer,
                        reason: None,
                        text: "Churn fell 5% \u{1b}[31mred\u{1b}[0m 🎬".into(),
                    },
                ],
                met: vec![CriterionLine {
                    id: "personal_action".into(),
                    name: "Describes what you did".into(),
                    score: 100.0,
                    evidence: vec!["I <script>alert(1)</script> shipped".into(), "| pipes |".into()],
                }],
                missed: vec![MissedLine {
                    id: "reflection".into(),
                    name: "Reflects on the lesson".into(),
                    advice: "Close with what you learned or would do differently.".into(),
                }],
                exemplar: Some("At a fitness app I <b>shipped</b> | a flow | too early.\nI learned to test first.".into()),
                penalties: vec![],
                adjustments: vec![crate::score::Adjustment {
                    id: "jargon".into(),
                    effect: 0.9,
                    reason: "3 buzzwords <em>without</em> a plain explanation".into(),
                }],
            },
            QuestionRow {
                number: 2,
                stage: "offer".into(),
                stage_title: "Offer and negotiation".into(),
                question_id: "of-current-salary".into(),
                question: "What are you making now?".into(),
                seconds_used: Some(200.0),
                budget_secs: 180,
                over_budget: true,
                score: Some(44.8),
                band: Some(Band::NoHire),
                status: QuestionStatus::Answered,
                follow_ups: 0,
                answer: Some("I'd rather not share that.".into()),
                conversation: vec![
                    Turn {
                        kind: TurnKind::Offer,
                        reason: None,
                        text: "The recruiter calls: \"We'd like to offer you the role: a base salary of $420,000.\"".into(),
                    },
                    Turn {
                        kind: TurnKind::Answer,
                        reason: None,
                        text: "I'd rather not share that.".into(),
                    },
                    Turn {
                        kind: TurnKind::CounterMove,
                        reason: None,
                        text: "Our offers are already top of market. What would it take for you to say yes?".into(),
                    },
                    Turn {
                        kind: TurnKind::Reply,
                        reason: None,
                        text: "Market data for the level.".into(),
                    },
                ],
                met: vec![],
                missed: vec![MissedLine {
                    id: "market_data".into(),
                    name: "Cites market data".into(),
                    advice: "Anchor on market data for the role and level.".into(),
                }],
                exemplar: None,
                penalties: vec![PenaltyLine {
                    id: "reveals_salary".into(),
                    name: "Gives away current salary".into(),
                    points: -4.5,
                    evidence: vec!["I'm making $150,000 <b>now</b>".into()],
                    advice: "Don't name your current pay; anchor on the role's market range.".into(),
                }],
                adjustments: vec![crate::score::Adjustment {
                    id: "penalties".into(),
                    effect: -4.5,
                    reason: "points off for: reveals_salary".into(),
                }],
            },
            QuestionRow {
                number: 3,
                stage: "offer".into(),
                stage_title: "Offer and negotiation".into(),
                question_id: "of-deadline-tomorrow".into(),
                question: "We need an answer by tomorrow.".into(),
                seconds_used: None,
                budget_secs: 180,
                over_budget: false,
                score: Some(0.0),
                band: Some(Band::StrongNoHire),
                status: QuestionStatus::Skipped,
                follow_ups: 0,
                answer: None,
                conversation: vec![],
                met: vec![],
                missed: vec![],
                exemplar: Some("I'd ask for a week.".into()),
                penalties: vec![],
                adjustments: vec![],
            },
        ],
        stages: vec![
            StageRow {
                id: "behavioral".into(),
                title: "Behavioral".into(),
                score: 78.2,
                band: Band::StrongHire,
            },
            StageRow {
                id: "offer".into(),
                title: "Offer and negotiation".into(),
                score: 22.4,
                band: Band::StrongNoHire,
            },
        ],
        values: ["Judgment", "Communication", "Curiosity", "Courage", "Innovation"]
            .iter()
            .enumerate()
            .map(|(i, name)| ValueRow {
                id: name.to_lowercase(),
                name: name.to_string(),
                score: [64.0, 40.5, 22.0, 71.0, 8.0][i],
                band: [Band::Hire, Band::NoHire, Band::StrongNoHire, Band::Hire, Band::StrongNoHire][i],
                evidence: if i == 0 { vec!["trade-off".into()] } else { vec![] },
            })
            .collect(),
        strengths: vec![StrengthRow {
            kind: "criterion",
            name: "Describes what you did".into(),
            score: 50.0,
            evidence: vec!["I <script>alert(1)</script> shipped".into()],
        }],
        improvements: vec![ImprovementRow {
            name: "Cites market data".into(),
            advice: "Anchor on market data for the role and level.".into(),
            gain: 9.5,
            question: 2,
        }],
        weakest: vec![
            WeakRow {
                question: 3,
                stage_title: "Offer and negotiation".into(),
                text: "We need an answer by tomorrow.".into(),
                score: 0.0,
                why: "skipped: a skip scores 0".into(),
            },
            WeakRow {
                question: 2,
                stage_title: "Offer and negotiation".into(),
                text: "What are you making now?".into(),
                score: 44.8,
                why: "rambling: 410 words <i>for</i> a 3-minute answer".into(),
            },
        ],
    }
}
