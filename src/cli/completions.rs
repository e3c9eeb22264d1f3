//! `mockloop completions SHELL`: a completion script for the shell, generated from the same
//! clap definition that parses the arguments, so it cannot fall behind a new flag.

use std::process::ExitCode;

use anyhow::Result;
use clap::CommandFactory;
use clap_complete::Shell;

use super::output;

/// Print a shell completion script
#[derive(Debug, clap::Args)]
#[command(after_help = "Examples:
  mockloop completions bash > ~/.local/share/bash-completion/completions/mockloop
  mockloop completions zsh > ~/.zfunc/_mockloop
  mockloop completions fish > ~/.config/fish/completions/mockloop.fish")]
pub struct Args {
    /// The shell to complete for
    #[arg(value_enum)]
    shell: Shell,
}

pub fn run(args: Args) -> Result<ExitCode> {
    let mut command = super::Cli::command();
    let mut script = Vec::new();
    clap_complete::generate(args.shell, &mut command, "mockloop", &mut script);
    output::write(None, &String::from_utf8(script)?)?;
    Ok(ExitCode::SUCCESS)
}
