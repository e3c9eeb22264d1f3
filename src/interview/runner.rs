//! Walking a session through its questions: show, ask, time, follow up, score, save.
//! The runner talks to an [`AnswerSource`], so the same loop serves a terminal, a pipe and a
//! scripted file, and saves after every answer so that nothing typed is lost.

use std::io::Write;

use chrono::Utc;

use super::answer::{AnswerSource, Ask, Command, Reply, COMMAND_HELP};
use super::follow_up;
use super::recruiter;
use crate::report::card_table;
use crate::report::layout::clock;
use crate::report::sanitize::{for_terminal, for_terminal_lines};
use crate::rubric::RubricSet;
use crate::score::{ScoreError, Scorer};
use crate::session::model::{Feedback, Offer, QuestionRecord, Session, Status};
use crate::session::plan::OFFER_STAGE;
use crate::session::store::{SessionStore, StoreError};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RunEnd {
    Complete,
    /// `/quit` or Ctrl-D: saved, resumable.
    Quit,
    /// Ctrl-C: the draft is saved, resumable.
    Interrupted,
    /// Input ended (piped or scripted) before the last question.
    EndOfInput,
}

#[derive(Debug, thiserror::Error)]
pub enum RunError {
    #[error(transparent)]
    Store(#[from] StoreError),
    #[error("reading the answer: {0}")]
    Input(std::io::Error),
    #[error("writing to the terminal: {0}")]
    Output(std::io::Error),
}

pub struct Runner<'a> {
    pub scorer: &'a Scorer,
    pub store: &'a SessionStore,
    pub source: &'a mut dyn AnswerSource,
    pub out: &'a mut dyn Write,
    pub width: Option<u16>,
}

enum Flow {
    Next,
    Stop(RunEnd),
}

impl Runner<'_> {
    pub fn run(&mut self, session: &mut Session) -> Result<RunEnd, RunError> {
        let mut shown_stage: Option<String> = None;
        while let Some(i) = session.next_question() {
            let stage = session.questions[i].stage.clone();
            if shown_stage.as_deref() != Some(&stage) {
                self.stage_header(session, &stage)?;
                shown_stage = Some(stage);
            }
            if let Flow::Stop(end) = self.question(session, i)? {
                return Ok(end);
            }
        }
        session.status = Status::Complete;
        session.finished_at = Some(Utc::now());
        self.store.save(session)?;
        Ok(RunEnd::Complete)
    }

    fn set(&self) -> &RubricSet {
        self.scorer.set()
    }

    /// Prose wrapped at word boundaries to the terminal width (40 to 100 columns); a word
    /// longer than the line (a path) is kept whole rather than cut.
    fn wrap(&self, text: &str) -> String {
        let width = self.width.map_or(100, usize::from).clamp(40, 100);
        text.split('\n')
            .map(|line| {
                let body = line.trim_start();
                let indent = &line[..line.len() - body.len()];
                let hang = format!("{indent}  ");
                let options = textwrap::Options::new(width)
                    .break_words(false)
                    .initial_indent(indent)
                    .subsequent_indent(if indent.is_empty() { "" } else { &hang });
                textwrap::fill(body, options)
            })
            .collect::<Vec<_>>()
            .join("\n")
    }

    /// Prose to the candidate, wrapped to the terminal.
    fn say(&mut self, text: &str) -> Result<(), RunError> {
        // Made safe before wrapping, so an escape's width counts toward the line.
        let wrapped = self.wrap(&crate::report::sanitize::for_terminal_lines(text));
        self.say_laid_out(&wrapped)
    }

    /// Text already laid out for the width (a score card's tables). Everything the loop prints
    /// passes here, so no rubric or session text (a stage title, a counter-move, a prompt from a
    /// session file) can drive the terminal.
    fn say_laid_out(&mut self, text: &str) -> Result<(), RunError> {
        let text = crate::report::sanitize::for_terminal_lines(text);
        writeln!(self.out, "{text}").map_err(RunError::Output)?;
        self.out.flush().map_err(RunError::Output)
    }

    fn stage_header(&mut self, session: &Session, stage_id: &str) -> Result<(), RunError> {
        let Some(stage) = self.set().stage(stage_id) else {
            return Ok(());
        };
        let chosen: Vec<&str> = session.settings.stages.iter().map(String::as_str).collect();
        let number = chosen
            .iter()
            .position(|s| *s == stage_id)
            .map_or(0, |p| p + 1);
        let header = format!(
            "\n== Stage {number} of {} · {} · {} per answer ==\n{}\n",
            chosen.len(),
            stage.meta.title,
            clock(f64::from(stage.meta.time_budget_secs)),
            self.wrap(&stage.meta.brief)
        );
        self.say(&header)?;
        if stage_id == OFFER_STAGE {
            if let Some(offer) = &session.offer {
                let text = self.wrap(&offer_text(offer));
                self.say(&format!("{text}\n"))?;
            }
        }
        Ok(())
    }

    fn show_question(&mut self, session: &Session, i: usize) -> Result<(), RunError> {
        let q = &session.questions[i];
        let text = format!(
            "Question {}/{} · budget {}\n{}\n(finish with an empty line; /help for commands)",
            i + 1,
            session.questions.len(),
            clock(f64::from(q.budget_secs)),
            self.wrap(&for_terminal(&q.question))
        );
        self.say(&text)
    }

    fn question(&mut self, session: &mut Session, i: usize) -> Result<Flow, RunError> {
        if session.questions[i].answer.is_none() {
            self.show_question(session, i)?;
            // Time spent before leaving (Ctrl-C, /quit) still counts: the clock restarts as if
            // the question had been asked that long ago.
            let q = &mut session.questions[i];
            let spent = q.seconds_used.unwrap_or(0.0).max(0.0);
            q.asked_at = Some(Utc::now() - chrono::Duration::milliseconds((spent * 1000.0) as i64));
            match self.prompt(session, i, Prompted::Main)? {
                Got::Text(text) => self.record_answer(session, i, text)?,
                Got::Skipped => {
                    let q = &mut session.questions[i];
                    q.skipped = true;
                    q.done = true;
                    self.store.save(session)?;
                    self.say("Skipped; it scores 0.\n")?;
                    return Ok(Flow::Next);
                }
                Got::Stop(end, partial) => {
                    if end == RunEnd::EndOfInput && !partial.trim().is_empty() {
                        // End of input ends the answer: keep it and score it.
                        self.record_answer(session, i, partial)?;
                        self.finish(session, i)?;
                    } else {
                        let q = &mut session.questions[i];
                        q.seconds_used = q.asked_at.map(|at| seconds_between(at, Utc::now()));
                        self.store.save(session)?;
                    }
                    return Ok(Flow::Stop(end));
                }
            }
        }
        // Follow-ups, or the offer negotiation, then the final score.
        if let Some(negotiation) = &session.questions[i].negotiation {
            if negotiation.response.is_none() {
                let counter = negotiation.counter_move.clone();
                self.say(&format!("\nRecruiter: \"{counter}\"\nYour response:"))?;
                match self.prompt(session, i, Prompted::Negotiation)? {
                    Got::Text(text) => set_response(&mut session.questions[i], text),
                    Got::Skipped => set_response(&mut session.questions[i], String::new()),
                    Got::Stop(end, partial) => {
                        if !partial.trim().is_empty() {
                            set_response(&mut session.questions[i], partial);
                        }
                        self.store.save(session)?;
                        return Ok(Flow::Stop(end));
                    }
                }
                self.store.save(session)?;
            }
        }
        let mut next = follow_up::next(self.scorer, &mut session.questions[i]);
        while let Some(f) = next {
            let prompt = session.questions[i].follow_ups[f].prompt.clone();
            self.say(&format!("\nFollow-up: {prompt}"))?;
            let started = Utc::now();
            match self.prompt(session, i, Prompted::FollowUp(f))? {
                Got::Text(text) => {
                    let follow_up = &mut session.questions[i].follow_ups[f];
                    follow_up.answer = Some(text.clone());
                    follow_up.seconds_used = Some(seconds_between(started, Utc::now()));
                    self.source.remember(&text);
                }
                Got::Skipped => session.questions[i].follow_ups[f].skipped = true,
                Got::Stop(end, partial) => {
                    if !partial.trim().is_empty() {
                        session.questions[i].follow_ups[f].answer = Some(partial);
                    }
                    self.store.save(session)?;
                    return Ok(Flow::Stop(end));
                }
            }
            self.store.save(session)?;
            next = follow_up::next(self.scorer, &mut session.questions[i]);
        }
        self.finish(session, i)?;
        Ok(Flow::Next)
    }

    /// Asks until an answer, a skip, or a reason to stop; commands are handled here.
    fn prompt(&mut self, session: &mut Session, i: usize, what: Prompted) -> Result<Got, RunError> {
        loop {
            let q = &session.questions[i];
            let draft = q.draft.clone().unwrap_or_default();
            let reply = self
                .source
                .ask(Ask {
                    question_id: &q.question_id,
                    draft: &draft,
                    budget_ends: q
                        .asked_at
                        .map(|at| at + chrono::Duration::seconds(i64::from(q.budget_secs))),
                })
                .map_err(RunError::Input)?;
            match reply {
                Reply::Answer(text) if text.trim().is_empty() => continue,
                Reply::Answer(text) => {
                    session.questions[i].draft = None;
                    return Ok(Got::Text(text));
                }
                Reply::Interrupted(typed) => {
                    if !typed.trim().is_empty() {
                        session.questions[i].draft = Some(typed);
                    }
                    return Ok(Got::Stop(RunEnd::Interrupted, String::new()));
                }
                Reply::End(typed) => return Ok(Got::Stop(RunEnd::EndOfInput, typed)),
                Reply::Command(command, typed) => {
                    // The lines before a command were finished with Enter: offer them back
                    // ending in a line break, so the next line typed starts a line of its own
                    // instead of being glued onto the last one.
                    if !typed.trim().is_empty() {
                        session.questions[i].draft = Some(format!("{typed}\n"));
                    }
                    match command {
                        Command::Skip => {
                            session.questions[i].draft = None;
                            return Ok(Got::Skipped);
                        }
                        Command::Quit => return Ok(Got::Stop(RunEnd::Quit, String::new())),
                        Command::Hint => {
                            session.questions[i].hints += 1;
                            let hint = self.hint(&session.questions[i]);
                            self.say(&hint)?;
                        }
                        Command::Repeat => match what {
                            Prompted::Main => self.show_question(session, i)?,
                            Prompted::FollowUp(f) => {
                                let prompt = session.questions[i].follow_ups[f].prompt.clone();
                                self.say(&format!("Follow-up: {prompt}"))?;
                            }
                            Prompted::Negotiation => {
                                let q = &session.questions[i];
                                let counter =
                                    q.negotiation.as_ref().map(|n| n.counter_move.clone());
                                self.say(&format!(
                                    "Recruiter: \"{}\"",
                                    counter.unwrap_or_default()
                                ))?;
                            }
                        },
                        Command::Time => {
                            let q = &session.questions[i];
                            // Whole seconds first, so used and left add up to the budget.
                            let since = |at| seconds_between(at, Utc::now());
                            let used = q.asked_at.map_or(0.0, since).round();
                            let budget = f64::from(q.budget_secs);
                            let line = if used <= budget {
                                format!("{} used, {} left.", clock(used), clock(budget - used))
                            } else {
                                format!(
                                    "{} used: {} over the {} budget.",
                                    clock(used),
                                    clock(used - budget),
                                    clock(budget)
                                )
                            };
                            self.say(&line)?;
                        }
                        Command::Example => {
                            let shown = self.example(session, i);
                            self.say(&shown)?;
                        }
                        Command::Help => self.say(COMMAND_HELP)?,
                        Command::Unknown(word) => self.say(&format!(
                            "Unknown command /{word}; /help lists the commands."
                        ))?,
                    }
                }
            }
        }
    }

    fn record_answer(
        &mut self,
        session: &mut Session,
        i: usize,
        text: String,
    ) -> Result<(), RunError> {
        let now = Utc::now();
        let follow_ups_on = session.settings.follow_ups;
        let (offer, seed) = (session.offer.clone(), session.seed);
        let q = &mut session.questions[i];
        // The recruiter answers what was said; saved with the answer, so a resume shows the
        // same move.
        if let Some(n) = &mut q.negotiation {
            n.counter_move = recruiter::counter_move(&text, offer.as_ref(), &n.counter_move, seed);
        }
        let used = q.asked_at.map_or(0.0, |at| seconds_between(at, now));
        q.answered_at = Some(now);
        q.seconds_used = Some(used);
        q.over_budget = used > f64::from(q.budget_secs);
        q.answer = Some(text.clone());
        q.draft = None;
        self.source.remember(&text);
        // Decide the follow-ups now and save them with the answer, so a resume asks the same.
        if follow_ups_on && q.negotiation.is_none() {
            let card = self
                .scorer
                .score(&q.stage, Some(&q.question_id), &text)
                .ok();
            if let Some(card) = card {
                q.follow_ups = follow_up::choose(self.set(), q, &card);
            }
        }
        let budget = f64::from(q.budget_secs);
        let line = if q.over_budget {
            format!(
                "Answered in {}: {} over the {} budget.",
                clock(used),
                clock(used - budget),
                clock(budget)
            )
        } else {
            format!("Answered in {} (budget {}).", clock(used), clock(budget))
        };
        self.store.save(session)?;
        self.say(&line)
    }

    /// Scores everything said for the question and marks it done.
    fn finish(&mut self, session: &mut Session, i: usize) -> Result<(), RunError> {
        let q = &mut session.questions[i];
        match self
            .scorer
            .score(&q.stage, Some(&q.question_id), &q.full_answer())
        {
            Ok(card) => q.card = Some(card),
            Err(e @ ScoreError::AnswerTooLarge { .. }) => q.score_error = Some(e.to_string()),
            Err(e) => q.score_error = Some(e.to_string()),
        }
        q.done = true;
        let feedback = session.settings.feedback;
        let card = session.questions[i].card.clone();
        self.store.save(session)?;
        match (feedback, card) {
            (Feedback::Each, Some(card)) => {
                let shown = card_table::render(&card, self.set(), self.width, false);
                self.say_laid_out(&shown)
            }
            (Feedback::Each, None) => {
                let why = session.questions[i].score_error.clone().unwrap_or_default();
                self.say(&format!("Not scored: {why}"))
            }
            (Feedback::End, _) => self.say(""),
        }
    }

    /// The exemplar of the question answered last: this one once its answer is in (during
    /// follow-ups and the negotiation), otherwise the one before. Never the question still to
    /// be answered, which would hand the candidate the answer.
    fn example(&self, session: &Session, i: usize) -> String {
        let answered = |q: &QuestionRecord| q.answer.is_some() || q.skipped;
        let Some(q) = session.questions[..=i].iter().rev().find(|q| answered(q)) else {
            return "/example shows a strong answer to a question once you have answered it."
                .to_string();
        };
        let exemplar = self
            .set()
            .stage(&q.stage)
            .and_then(|s| s.question(&q.question_id))
            .and_then(|b| b.exemplar.as_deref());
        let asked = self.wrap(&for_terminal(&q.question));
        match exemplar {
            Some(text) => {
                let body: Vec<String> = for_terminal_lines(text)
                    .lines()
                    .map(|line| self.wrap(line))
                    .collect();
                format!("A strong answer to \"{asked}\":\n\n{}\n", body.join("\n"))
            }
            None => format!("No example answer for \"{asked}\" yet."),
        }
    }

    /// What a strong answer covers, by name only: the candidate still has to write it.
    fn hint(&self, q: &QuestionRecord) -> String {
        let Some(stage) = self.set().stage(&q.stage) else {
            return String::new();
        };
        let generic: Vec<&str> = stage
            .rubric
            .criteria
            .iter()
            .map(|c| c.name.as_str())
            .collect();
        let mut text = format!("A strong answer here: {}.", generic.join("; "));
        if let Some(question) = stage.question(&q.question_id) {
            let own: Vec<&str> = question.concepts.iter().map(|c| c.name.as_str()).collect();
            if !own.is_empty() {
                text.push_str(&format!("\nFor this question also: {}.", own.join("; ")));
            }
        }
        text
    }
}

#[derive(Clone, Copy)]
enum Prompted {
    Main,
    FollowUp(usize),
    Negotiation,
}

enum Got {
    Text(String),
    Skipped,
    /// Why the run stops, and text typed before input ended.
    Stop(RunEnd, String),
}

fn set_response(q: &mut QuestionRecord, text: String) {
    if let Some(n) = &mut q.negotiation {
        n.response = Some(text);
    }
}

fn offer_text(offer: &Offer) -> String {
    for_terminal(&crate::session::offer::describe(offer))
}

fn seconds_between(from: chrono::DateTime<Utc>, to: chrono::DateTime<Utc>) -> f64 {
    ((to - from).num_milliseconds().max(0) as f64 / 1000.0 * 10.0).round() / 10.0
}
