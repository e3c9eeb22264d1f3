//! One thing wrong with a rubric set, located well enough to fix without hunting.

use std::fmt;

/// A problem found while loading, validating or compiling a rubric set.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    /// The file as the user knows it (a path, or `built-in:<name>`).
    pub file: String,
    /// `line:column` for syntax errors, a JSON path (`criteria[2].patterns[0].regex`) otherwise.
    pub location: String,
    /// What is wrong and what to do about it.
    pub message: String,
}

impl Problem {
    pub fn new(file: &str, location: impl Into<String>, message: impl Into<String>) -> Self {
        Problem {
            file: file.to_string(),
            location: location.into(),
            // Messages quote values from the file; a long one is cut, never echoed whole.
            message: crate::limits::clip_values(&message.into()),
        }
    }
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.location.is_empty() {
            write!(f, "{}: {}", self.file, self.message)
        } else {
            write!(f, "{}: {}: {}", self.file, self.location, self.message)
        }
    }
}

/// Every problem found in a rubric set; loading reports them all at once rather than one per run.
#[derive(Debug, Clone, thiserror::Error)]
#[error("{}", render(.0))]
pub struct Problems(pub Vec<Problem>);

fn render(problems: &[Problem]) -> String {
    let lines: Vec<String> = problems.iter().map(Problem::to_string).collect();
    match lines.len() {
        1 => lines[0].clone(),
        n => format!("{n} problems in the rubric set:\n  {}", lines.join("\n  ")),
    }
}
