//! A progress bar on standard error, shown only at a terminal and only for work big enough to
//! take more than a moment.

use std::io::IsTerminal;

use indicatif::{ProgressBar, ProgressStyle};

/// Below this many items the work is quick; a bar would only flicker.
const WORTH_A_BAR: usize = 200;

pub struct Progress(Option<ProgressBar>);

impl Progress {
    pub fn new(total: usize, what: &str) -> Progress {
        if total < WORTH_A_BAR || !std::io::stderr().is_terminal() {
            return Progress(None);
        }
        let bar = ProgressBar::new(total as u64);
        let style = ProgressStyle::with_template("{msg} {bar:30} {pos}/{len} ({eta})")
            .unwrap_or_else(|_| ProgressStyle::default_bar());
        bar.set_style(style);
        bar.set_message(what.to_string());
        Progress(Some(bar))
    }

    pub fn tick(&self) {
        if let Some(bar) = &self.0 {
            bar.inc(1);
        }
    }

    pub fn finish(&self) {
        if let Some(bar) = &self.0 {
            bar.finish_and_clear();
        }
    }
}
