//! `mockloop … | head` closing the pipe is the reader's choice, not an error: end quietly as
//! Unix tools do. On Unix the default SIGPIPE action ends the process at the first write to a
//! closed pipe (so `println!` never panics); elsewhere the write fails with `BrokenPipe`, and
//! the commands that stream output pass that error through [`ignore_broken_pipe`].

/// Restores the default SIGPIPE action, which Rust's runtime sets to "ignore".
pub fn restore_default_sigpipe() {
    #[cfg(unix)]
    // SAFETY: restoring the default action of one signal, before any thread is started.
    unsafe {
        libc::signal(libc::SIGPIPE, libc::SIG_DFL);
    }
}

/// A write that failed only because the reader went away counts as done.
pub fn ignore_broken_pipe(e: std::io::Error) -> std::io::Result<()> {
    if e.kind() == std::io::ErrorKind::BrokenPipe {
        Ok(())
    } else {
        Err(e)
    }
}
