use std::process::ExitCode;

mod cli;

fn main() -> ExitCode {
    cli::pipe::restore_default_sigpipe();
    match cli::run() {
        Ok(code) => code,
        Err(e) => {
            // `{:#}` prints the whole context chain on one line: "reading x.txt: not UTF-8".
            // Errors quote files (a bad value, a name); none of it may drive the terminal.
            let message = mockloop::report::sanitize::for_terminal_lines(&format!("{e:#}"));
            eprintln!("error: {message}");
            ExitCode::FAILURE
        }
    }
}
