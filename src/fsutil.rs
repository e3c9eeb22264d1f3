//! The one way mockloop writes a file (whole or not at all) and reads one (never more than a
//! cap). Sessions, `-o` reports, tuned rubrics and the sessions-folder write check all use it.

use std::fs::{self, File, OpenOptions};
use std::io::{self, Read, Write};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU32, Ordering};

/// Writes `bytes` to `path` so that a crash or a full disk at any moment leaves the old file or
/// the new one, never a mix: a fresh temp file beside it, synced, then renamed over it. On
/// failure the temp file is removed, so a full disk leaves no debris.
///
/// A target that exists and is not a regular file (`/dev/stdout`, a pipe) is written directly:
/// renaming over a device would replace the device itself.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> io::Result<()> {
    if fs::metadata(path).is_ok_and(|m| !m.is_file()) {
        return OpenOptions::new()
            .write(true)
            .open(path)
            .and_then(|mut f| f.write_all(bytes).and_then(|()| f.flush()));
    }
    let dir = parent_of(path);
    let name = path
        .file_name()
        .map_or_else(|| "file".into(), |n| n.to_string_lossy().into_owned());
    let (mut file, temp) = create_temp(dir, &name)?;
    let result = file
        .write_all(bytes)
        .and_then(|()| file.sync_all())
        .and_then(|()| {
            drop(file);
            fs::rename(&temp, path)
        });
    if let Err(e) = result {
        let _ = fs::remove_file(&temp);
        return Err(e);
    }
    // Make the rename itself durable; not every platform lets a folder be synced.
    if let Ok(dir) = File::open(dir) {
        let _ = dir.sync_all();
    }
    Ok(())
}

/// Checks that files can be created in `dir`, the way [`write_atomic`] creates them, and leaves
/// nothing behind.
pub fn check_writable(dir: &Path) -> io::Result<()> {
    let (mut file, temp) = create_temp(dir, "write-check")?;
    let result = file.write_all(b"ok").and_then(|()| file.sync_all());
    drop(file);
    let removed = fs::remove_file(&temp);
    result.and(removed)
}

/// A new temp file `.NAME.PID-N.tmp` in `dir`, created exclusively and never through a symlink:
/// a file or link planted at that name makes it try the next name, not write through it.
fn create_temp(dir: &Path, name: &str) -> io::Result<(File, PathBuf)> {
    static NEXT: AtomicU32 = AtomicU32::new(0);
    let pid = std::process::id();
    let mut last = None;
    for _ in 0..64 {
        let n = NEXT.fetch_add(1, Ordering::Relaxed);
        let temp = dir.join(format!(".{name}.{pid}-{n}.tmp"));
        match exclusive(&temp) {
            Ok(file) => return Ok((file, temp)),
            Err(e) if e.kind() == io::ErrorKind::AlreadyExists => last = Some(e),
            Err(e) => return Err(e),
        }
    }
    Err(last.unwrap_or_else(|| io::Error::other("no free temp file name")))
}

/// Opens a new file for writing; fails if anything (a file, a symlink) is already at `path`.
pub fn exclusive(path: &Path) -> io::Result<File> {
    let mut options = OpenOptions::new();
    options.write(true).create_new(true);
    no_follow(&mut options);
    options.open(path)
}

/// On unix, refuse to open through a symlink at the last path component.
pub fn no_follow(options: &mut OpenOptions) {
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.custom_flags(libc::O_NOFOLLOW);
    }
    #[cfg(not(unix))]
    let _ = options;
}

fn parent_of(path: &Path) -> &Path {
    match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d,
        _ => Path::new("."),
    }
}

/// A read refused because the input is over its cap.
#[derive(Debug, thiserror::Error)]
#[error("is over the limit of {limit} bytes for {what}")]
pub struct TooLarge {
    pub limit: u64,
    pub what: &'static str,
}

/// Reads at most `limit` bytes of `reader`; one byte more and it is refused, without ever
/// holding more than the cap (so `/dev/zero` costs nothing).
pub fn read_capped(reader: impl Read, limit: u64, what: &'static str) -> io::Result<Vec<u8>> {
    let mut bytes = Vec::new();
    reader.take(limit + 1).read_to_end(&mut bytes)?;
    if bytes.len() as u64 > limit {
        return Err(io::Error::new(
            io::ErrorKind::InvalidData,
            TooLarge { limit, what },
        ));
    }
    Ok(bytes)
}

/// [`read_capped`] of a file.
pub fn read_file_capped(path: &Path, limit: u64, what: &'static str) -> io::Result<Vec<u8>> {
    read_capped(File::open(path)?, limit, what)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_failed_write_leaves_no_temp_file() {
        let dir = tempfile::tempdir().unwrap();
        // A folder where the file should be: the rename fails after the temp file is written.
        let target = dir.path().join("report.html");
        fs::create_dir(&target).unwrap();
        fs::write(target.join("inside"), "x").unwrap();
        assert!(write_atomic(&target, b"new").is_err());
        let names: Vec<_> = fs::read_dir(dir.path()).unwrap().flatten().collect();
        assert_eq!(names.len(), 1, "only the folder is left: {names:?}");
    }

    #[cfg(unix)]
    #[test]
    fn a_planted_symlink_is_never_written_through() {
        let dir = tempfile::tempdir().unwrap();
        let victim = dir.path().join("victim");
        fs::write(&victim, "keep").unwrap();
        let planted = dir.path().join("planted");
        std::os::unix::fs::symlink(&victim, &planted).unwrap();
        assert!(exclusive(&planted).is_err());
        assert_eq!(fs::read_to_string(&victim).unwrap(), "keep");
    }

    #[test]
    fn reading_stops_one_byte_past_the_cap() {
        let err = read_capped(io::repeat(0), 10, "a test").unwrap_err();
        assert!(err
            .to_string()
            .contains("over the limit of 10 bytes for a test"));
        assert_eq!(read_capped(&b"0123456789"[..], 10, "x").unwrap().len(), 10);
    }
}
