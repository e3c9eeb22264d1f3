//! One writer per session: an advisory lock on `.ID.lock` beside the session file. The lock is
//! the operating system's (`flock`), so it dies with the process and a crash never leaves a
//! session stuck; the file holds the owner's pid only to name it in the refusal.

use std::fs::{self, File, OpenOptions};
use std::io::{Read, Seek, Write};
use std::path::{Path, PathBuf};

use crate::fsutil::no_follow;

/// Held while a process may write the session; dropping it releases the lock and removes the
/// lock file.
#[derive(Debug)]
pub struct SessionLock {
    /// Held open for the lock's lifetime: closing it releases the lock.
    _file: File,
    path: PathBuf,
}

pub enum LockError {
    /// Another live process holds it; its pid when it could be read.
    Busy(Option<u32>),
    Io(std::io::Error),
}

impl SessionLock {
    pub fn acquire(path: &Path) -> Result<SessionLock, LockError> {
        // A lock file can be removed by its owner between our open and our lock; then we hold a
        // lock on a file nobody else will find, so check that the path is still ours and retry.
        for _ in 0..8 {
            let mut options = OpenOptions::new();
            options.read(true).write(true).create(true).truncate(false);
            no_follow(&mut options);
            let mut file = options.open(path).map_err(LockError::Io)?;
            match try_lock(&file) {
                Ok(true) => {}
                Ok(false) => return Err(LockError::Busy(owner(&mut file))),
                Err(e) => return Err(LockError::Io(e)),
            }
            if !same_file(&file, path) {
                continue;
            }
            let pid = std::process::id().to_string();
            file.set_len(0)
                .and_then(|()| file.rewind())
                .and_then(|()| file.write_all(pid.as_bytes()))
                .map_err(LockError::Io)?;
            return Ok(SessionLock {
                _file: file,
                path: path.to_path_buf(),
            });
        }
        Err(LockError::Busy(None))
    }
}

impl Drop for SessionLock {
    fn drop(&mut self) {
        // Removed while still locked, so a waiting process sees the file gone and retries.
        let _ = fs::remove_file(&self.path);
        // Closing the file (when `self.file` drops) releases the lock.
    }
}

/// `Ok(false)` when another process holds the lock. `flock` rather than `File::try_lock`,
/// which needs Rust 1.89 (the crate supports 1.85).
#[cfg(unix)]
fn try_lock(file: &File) -> std::io::Result<bool> {
    use std::os::unix::io::AsRawFd;
    // SAFETY: flock on a descriptor this File owns for the duration of the call.
    if unsafe { libc::flock(file.as_raw_fd(), libc::LOCK_EX | libc::LOCK_NB) } == 0 {
        return Ok(true);
    }
    let e = std::io::Error::last_os_error();
    if e.kind() == std::io::ErrorKind::WouldBlock {
        Ok(false)
    } else {
        Err(e)
    }
}

#[cfg(not(unix))]
#[allow(clippy::incompatible_msrv)]
fn try_lock(file: &File) -> std::io::Result<bool> {
    match file.try_lock() {
        Ok(()) => Ok(true),
        Err(std::fs::TryLockError::WouldBlock) => Ok(false),
        Err(std::fs::TryLockError::Error(e)) => Err(e),
    }
}

fn owner(file: &mut File) -> Option<u32> {
    let mut text = String::new();
    file.take(20).read_to_string(&mut text).ok()?;
    text.trim().parse().ok()
}

#[cfg(unix)]
fn same_file(file: &File, path: &Path) -> bool {
    use std::os::unix::fs::MetadataExt;
    match (file.metadata(), fs::symlink_metadata(path)) {
        (Ok(a), Ok(b)) => a.dev() == b.dev() && a.ino() == b.ino(),
        _ => false,
    }
}

#[cfg(not(unix))]
fn same_file(_file: &File, path: &Path) -> bool {
    path.exists()
}
