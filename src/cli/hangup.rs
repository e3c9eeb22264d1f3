//! Closing the terminal window sends SIGHUP, whose default action ends the process at once and
//! loses the answer being typed. Ignored, the editor's next read fails instead, and the loop
//! saves the draft as it does on Ctrl-C.

/// Ignores SIGHUP for the rest of the run; called only when answers come from a terminal.
pub fn survive_hangup() {
    #[cfg(unix)]
    // SAFETY: setting one signal's action to "ignore" before the editor starts; no handler
    // code runs.
    unsafe {
        libc::signal(libc::SIGHUP, libc::SIG_IGN);
    }
}
