//! The one way a command reads a sessions folder: its session files, and a warning line for
//! each file passed over (badly named, unreadable, from a newer mockloop).

use std::path::PathBuf;

use anyhow::Result;
use mockloop::history::read_summaries;
use mockloop::report::sanitize::for_terminal;
use mockloop::session::summary::Summary;
use mockloop::session::SessionStore;

pub type Skipped = Vec<(PathBuf, String)>;

/// The folder's session files, oldest name first; files that are not are warned about.
pub fn session_files(store: &SessionStore) -> Result<Vec<PathBuf>> {
    let listing = store.list()?;
    warn(&listing.skipped);
    Ok(listing.files)
}

/// Every session's summary, and every file that could not give one (each warned about).
pub fn summaries(
    store: &SessionStore,
    tick: &(dyn Fn() + Sync),
) -> Result<(Vec<Summary>, Skipped)> {
    let listing = store.list()?;
    let (summaries, unread) = read_summaries(&listing.files, tick);
    let mut skipped = listing.skipped;
    skipped.extend(unread);
    warn(&skipped);
    Ok((summaries, skipped))
}

pub fn warn(skipped: &[(PathBuf, String)]) {
    for (_, why) in skipped {
        eprintln!("warning: {}; skipped", for_terminal(why));
    }
}
