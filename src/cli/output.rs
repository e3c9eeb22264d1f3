//! Where a command's document goes: standard output, or a file written whole or not at all.

use std::io::{IsTerminal, Write};
use std::path::Path;

use anyhow::{Context, Result};

/// Writes `text` to `path` (`None` or `-`: standard output). A file is written to a temp file
/// beside it and renamed into place, so a failure never leaves a half-written report.
pub fn write(path: Option<&Path>, text: &str) -> Result<()> {
    match path {
        None => stdout(text),
        Some(p) if p.as_os_str() == "-" => stdout(text),
        Some(path) => mockloop::fsutil::write_atomic(path, text.as_bytes())
            .with_context(|| format!("cannot write {}", path.display())),
    }
}

fn stdout(text: &str) -> Result<()> {
    std::io::stdout()
        .lock()
        .write_all(text.as_bytes())
        .or_else(super::pipe::ignore_broken_pipe)
        .context("cannot write to standard output")
}

/// `--color auto|always|never`: auto means colour only on a terminal, and never when
/// `NO_COLOR` is set (https://no-color.org).
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum ColorChoice {
    Auto,
    Always,
    Never,
}

/// The `--color` option of every command that prints a table or a card.
#[derive(Debug, Clone, clap::Args)]
pub struct ColorArg {
    /// When to colour bands, changes and failures: auto (a terminal with NO_COLOR unset),
    /// always, never
    #[arg(long, value_enum, value_name = "WHEN", default_value_t = ColorChoice::Auto)]
    pub color: ColorChoice,
}

impl ColorArg {
    /// Whether what goes to standard output is coloured.
    pub fn on(&self) -> bool {
        self.color.enabled(false)
    }

    /// Whether a document is coloured: never in a file, whatever was asked.
    pub fn on_for(&self, to_file: bool) -> bool {
        self.color.enabled(to_file)
    }
}

impl ColorChoice {
    pub fn enabled(self, to_file: bool) -> bool {
        match self {
            ColorChoice::Always => true,
            ColorChoice::Never => false,
            ColorChoice::Auto => {
                !to_file
                    && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
                    && std::io::stdout().is_terminal()
            }
        }
    }
}
