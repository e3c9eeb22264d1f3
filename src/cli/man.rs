//! `mockloop man`: the manual page in roff, generated from the clap definition, so
//! `man mockloop` says what `--help` says.

use std::process::ExitCode;

use anyhow::Result;
use clap::CommandFactory;

use super::output;

/// Print the manual page (roff), for `man -l -` or a man directory
#[derive(Debug, clap::Args)]
#[command(after_help = "Examples:
  mockloop man | man -l -
  mockloop man > ~/.local/share/man/man1/mockloop.1")]
pub struct Args {}

pub fn run(_: Args) -> Result<ExitCode> {
    let mut page = Vec::new();
    clap_mangen::Man::new(super::Cli::command()).render(&mut page)?;
    output::write(None, &String::from_utf8(page)?)?;
    Ok(ExitCode::SUCCESS)
}
