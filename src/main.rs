use std::process::ExitCode;

mod cli;

fn main() -> ExitCode {
    quiet_broken_pipe();
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

/// `mockloop … | head` closing the pipe is the reader's choice, not an error: end quietly as
/// Unix tools do, rather than panic in the middle of printing.
fn quiet_broken_pipe() {
    #[cfg(unix)]
    // SAFETY: restoring the default action of one signal, before any thread is started.
    unsafe {
        libc::signal(libc::SIGPIPE, libc::SIG_DFL);
    }
}
