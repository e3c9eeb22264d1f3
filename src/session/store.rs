//! Sessions on disk: one JSON file per session in a folder, written atomically, found by id,
//! unique prefix, `latest` or path.

use std::fs;
use std::path::{Path, PathBuf};

use serde::de::DeserializeOwned;

use super::lock::{LockError, SessionLock};
use super::model::{Session, SCHEMA_VERSION};
use crate::fsutil;
use crate::limits::{clip_values, SESSION_FILE_BYTES};

// No error here names its I/O cause as a `source`: the message already says it, and a chain
// printer would say it twice ("No space left on device: No space left on device").
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("cannot write to the sessions folder {}: {cause}; choose another with --sessions DIR", .dir.display())]
    NotWritable { dir: PathBuf, cause: std::io::Error },
    #[error("the sessions folder {} is a file, not a folder; point --sessions at a folder", .dir.display())]
    NotAFolder { dir: PathBuf },
    #[error("the sessions folder {} does not exist, so there are no sessions yet; start one with `mockloop run`, or point --sessions at another folder", .dir.display())]
    Missing { dir: PathBuf },
    #[error("cannot write {}: {cause}", .path.display())]
    Write {
        path: PathBuf,
        cause: std::io::Error,
    },
    #[error("{what} was not saved: cannot write {}: {cause}. Everything before it is kept; free some space, then continue with `mockloop run --resume {id}`", .path.display())]
    NotSaved {
        what: String,
        id: String,
        path: PathBuf,
        cause: std::io::Error,
    },
    #[error("cannot read {}: {cause}", .path.display())]
    Read {
        path: PathBuf,
        cause: std::io::Error,
    },
    #[error(
        "{} is not a valid session file ({detail}); it may be truncated or edited by hand", .path.display()
    )]
    Corrupt { path: PathBuf, detail: String },
    #[error("{} was written by a newer mockloop (session schema {found}; this one reads up to {supported}); upgrade mockloop to open it", .path.display())]
    NewerSchema {
        path: PathBuf,
        found: u64,
        supported: u32,
    },
    #[error("no session `{spec}` in the sessions folder `{}`; `mockloop sessions` lists them", .dir.display())]
    NotFound { spec: String, dir: PathBuf },
    #[error("`{spec}` matches several sessions: {}; give more of the id", .matches.join(", "))]
    Ambiguous { spec: String, matches: Vec<String> },
    #[error("no sessions yet in the sessions folder `{}`; start one with `mockloop run`, or point --sessions at another folder", .dir.display())]
    Empty { dir: PathBuf },
    #[error("session {id} is in use by another mockloop ({}); finish or quit that one first", .pid.map_or("pid unknown".to_string(), |p| format!("pid {p}")))]
    InUse { id: String, pid: Option<u32> },
    #[error("cannot lock session {id} in {}: {cause}", .dir.display())]
    Lock {
        id: String,
        dir: PathBuf,
        cause: std::io::Error,
    },
    #[error("{} is not a session file in the sessions folder {}; only those are deleted", .path.display(), .dir.display())]
    OutsideFolder { path: PathBuf, dir: PathBuf },
}

pub struct SessionStore {
    dir: PathBuf,
}

/// The session files of a folder, and the entries that look like session files but are not.
#[derive(Debug, Default)]
pub struct Listing {
    /// Files named `ID.json` with an id of the store's shape, oldest name first.
    pub files: Vec<PathBuf>,
    /// Other `*.json` files, with why they are not read.
    pub skipped: Vec<(PathBuf, String)>,
}

/// Whether `id` has the shape [`new_id`] makes (`20261126-091500-3fa2`): only such ids become
/// file names, so no id from a file can point outside the sessions folder.
pub fn is_valid_id(id: &str) -> bool {
    let b = id.as_bytes();
    b.len() == 20
        && b.iter().enumerate().all(|(i, c)| match i {
            8 | 15 => *c == b'-',
            0..=14 => c.is_ascii_digit(),
            _ => c.is_ascii_digit() || (b'a'..=b'f').contains(c),
        })
}

impl SessionStore {
    /// Opens (creating if needed) the sessions folder and checks it can be written, so a run
    /// fails before the first question rather than after the last.
    pub fn open(dir: &Path) -> Result<SessionStore, StoreError> {
        if fs::metadata(dir).is_ok_and(|m| !m.is_dir()) {
            return Err(StoreError::NotAFolder {
                dir: dir.to_path_buf(),
            });
        }
        let not_writable = |cause| StoreError::NotWritable {
            dir: dir.to_path_buf(),
            cause,
        };
        fs::create_dir_all(dir).map_err(not_writable)?;
        fsutil::check_writable(dir).map_err(not_writable)?;
        Ok(SessionStore {
            dir: dir.to_path_buf(),
        })
    }

    /// A store for reading only: the folder need not be writable.
    pub fn at(dir: &Path) -> SessionStore {
        SessionStore {
            dir: dir.to_path_buf(),
        }
    }

    pub fn dir(&self) -> &Path {
        &self.dir
    }

    /// The file of a session; `id` must have the store's shape (see [`is_valid_id`]).
    pub fn path_of(&self, id: &str) -> PathBuf {
        self.dir.join(format!("{id}.json"))
    }

    /// Where the answer editor keeps its history.
    pub fn history_file(&self) -> PathBuf {
        self.dir.join(".history")
    }

    /// Takes the one-writer lock of session `id` for as long as the guard lives; a second
    /// process is refused, naming the first one's pid.
    pub fn lock(&self, id: &str) -> Result<SessionLock, StoreError> {
        if !is_valid_id(id) {
            return Err(bad_id(&self.path_of_unchecked(id), id));
        }
        SessionLock::acquire(&self.dir.join(format!(".{id}.lock"))).map_err(|e| match e {
            LockError::Busy(pid) => StoreError::InUse {
                id: id.to_string(),
                pid,
            },
            LockError::Io(cause) => StoreError::Lock {
                id: id.to_string(),
                dir: self.dir.clone(),
                cause,
            },
        })
    }

    fn path_of_unchecked(&self, id: &str) -> PathBuf {
        self.dir.join(format!("{}.json", clip_values(id)))
    }

    /// Writes the session so that a crash, a kill or a full disk at any moment leaves either
    /// the old file or the new one, never a mix and never a stray temp file.
    pub fn save(&self, session: &Session) -> Result<PathBuf, StoreError> {
        if !is_valid_id(&session.id) {
            return Err(bad_id(&self.path_of_unchecked(&session.id), &session.id));
        }
        let path = self.path_of(&session.id);
        let mut json = serde_json::to_vec_pretty(session).expect("a session always serialises");
        json.push(b'\n');
        let written = if json.len() as u64 > SESSION_FILE_BYTES {
            // Never write a file this build would refuse to read back.
            Err(std::io::Error::new(
                std::io::ErrorKind::InvalidData,
                fsutil::TooLarge {
                    limit: SESSION_FILE_BYTES,
                    what: "a session file",
                },
            ))
        } else {
            fsutil::write_atomic(&path, &json)
        };
        written.map_err(|cause| StoreError::NotSaved {
            what: unsaved(session, Self::load(&path).ok().as_ref()),
            id: session.id.clone(),
            path: path.clone(),
            cause,
        })?;
        Ok(path)
    }

    /// Reads a session file, refusing one from a newer schema and migrating an older one.
    pub fn load(path: &Path) -> Result<Session, StoreError> {
        let bytes = read_bytes(path)?;
        let value: serde_json::Value =
            serde_json::from_slice(&bytes).map_err(|e| corrupt(path, e.to_string()))?;
        let Some(found) = value
            .get("schema_version")
            .and_then(serde_json::Value::as_u64)
        else {
            return Err(corrupt(path, "it has no schema_version".into()));
        };
        check_version(path, found)?;
        let value = if found < u64::from(SCHEMA_VERSION) {
            super::migrate::migrate(value, found).map_err(|e| corrupt(path, e))?
        } else {
            value
        };
        let session: Session = serde_path_to_error::deserialize(value)
            .map_err(|e| corrupt(path, format!("{}: {}", e.path(), e.inner())))?;
        check_id(path, &session.id)?;
        Ok(session)
    }

    /// Finds a session by path, id, unique id prefix, or `latest` (the newest by the time it
    /// was started, among the files that read as sessions).
    pub fn resolve(&self, spec: &str) -> Result<PathBuf, StoreError> {
        let as_path = Path::new(spec);
        if spec.ends_with(".json") || spec.contains(std::path::MAIN_SEPARATOR) {
            return if as_path.is_file() {
                Ok(as_path.to_path_buf())
            } else {
                Err(StoreError::NotFound {
                    spec: clip_values(spec),
                    dir: self.dir.clone(),
                })
            };
        }
        if spec == "latest" {
            return self.latest();
        }
        let ids = self.ids()?;
        if ids.iter().any(|id| id == spec) {
            return Ok(self.path_of(spec));
        }
        let matches: Vec<String> = ids.into_iter().filter(|id| id.starts_with(spec)).collect();
        match matches.len() {
            0 => Err(StoreError::NotFound {
                spec: clip_values(spec),
                dir: self.dir.clone(),
            }),
            1 => Ok(self.path_of(&matches[0])),
            _ => Err(StoreError::Ambiguous {
                spec: spec.to_string(),
                matches,
            }),
        }
    }

    /// Like [`SessionStore::resolve`], for deleting: the file must be a session file directly
    /// inside this sessions folder, whatever path or link led to it.
    pub fn resolve_own(&self, spec: &str) -> Result<PathBuf, StoreError> {
        let path = self.resolve(spec)?;
        let outside = || StoreError::OutsideFolder {
            path: path.clone(),
            dir: self.dir.clone(),
        };
        let named_as_session = path
            .file_name()
            .and_then(|n| n.to_str())
            .and_then(|n| n.strip_suffix(".json"))
            .is_some_and(is_valid_id);
        let regular = fs::symlink_metadata(&path).is_ok_and(|m| m.file_type().is_file());
        let parent = path.parent().filter(|p| !p.as_os_str().is_empty());
        let same_folder = match (
            fs::canonicalize(parent.unwrap_or(Path::new("."))),
            fs::canonicalize(&self.dir),
        ) {
            (Ok(a), Ok(b)) => a == b,
            _ => false,
        };
        if named_as_session && regular && same_folder {
            Ok(path)
        } else {
            Err(outside())
        }
    }

    /// The newest session by its start time; files that do not read as sessions are passed
    /// over, whatever their names say.
    fn latest(&self) -> Result<PathBuf, StoreError> {
        let listing = self.list()?;
        let read = crate::parallel::map_files(
            &listing.files,
            |p| {
                super::summary::Summary::read(p)
                    .map(|s| (s.started_at, s.id))
                    .map_err(|e| e.to_string())
            },
            &|| {},
        );
        listing
            .files
            .iter()
            .zip(read)
            .filter_map(|(path, r)| r.ok().map(|key| (key, path)))
            .max_by(|a, b| a.0.cmp(&b.0))
            .map(|(_, path)| path.clone())
            .ok_or_else(|| StoreError::Empty {
                dir: self.dir.clone(),
            })
    }

    /// Ids of the session files in the folder, oldest name first.
    pub fn ids(&self) -> Result<Vec<String>, StoreError> {
        let listing = self.list()?;
        Ok(listing
            .files
            .iter()
            .filter_map(|p| Some(p.file_stem()?.to_str()?.to_string()))
            .collect())
    }

    /// The one listing of a sessions folder: every `ID.json` whose name has the store's id
    /// shape; other `*.json` files are reported as skipped. Hidden files (temp files, locks)
    /// are not sessions and are passed over silently.
    pub fn list(&self) -> Result<Listing, StoreError> {
        let entries = match fs::read_dir(&self.dir) {
            Ok(entries) => entries,
            Err(_) if !self.dir.exists() => {
                return Err(StoreError::Missing {
                    dir: self.dir.clone(),
                })
            }
            Err(_) if !self.dir.is_dir() => {
                return Err(StoreError::NotAFolder {
                    dir: self.dir.clone(),
                })
            }
            Err(cause) => {
                return Err(StoreError::Read {
                    path: self.dir.clone(),
                    cause,
                })
            }
        };
        let mut listing = Listing::default();
        for entry in entries.flatten() {
            let path = entry.path();
            let Some(name) = entry.file_name().to_str().map(str::to_string) else {
                continue;
            };
            let Some(stem) = name.strip_suffix(".json") else {
                continue;
            };
            if stem.starts_with('.') {
                continue;
            }
            if is_valid_id(stem) {
                listing.files.push(path);
            } else {
                listing.skipped.push((
                    path.clone(),
                    format!(
                        "{} is not named like a session file (ids look like 20261126-091500-3fa2)",
                        path.display()
                    ),
                ));
            }
        }
        listing.files.sort();
        listing.skipped.sort();
        Ok(listing)
    }
}

/// What a failed save loses: the first question that differs from the file on disk.
fn unsaved(session: &Session, on_disk: Option<&Session>) -> String {
    let total = session.questions.len();
    let differs = |i: usize| {
        let q = &session.questions[i];
        on_disk.and_then(|d| d.questions.get(i)) != Some(q)
    };
    let touched = |i: &usize| {
        let q = &session.questions[*i];
        q.done || q.answer.is_some() || q.draft.is_some()
    };
    match (0..total).filter(touched).find(|&i| differs(i)) {
        Some(i) => {
            let q = &session.questions[i];
            format!(
                "your answer to question {} of {total} ({}, {})",
                i + 1,
                q.stage,
                q.question_id
            )
        }
        None => format!("session {}", session.id),
    }
}

fn bad_id(path: &Path, id: &str) -> StoreError {
    corrupt(
        path,
        format!(
            "its id `{}` is not a session id (ids look like 20261126-091500-3fa2)",
            clip_values(id)
        ),
    )
}

/// Ids become file names when a session is saved, so one of another shape is refused on read.
pub(crate) fn check_id(path: &Path, id: &str) -> Result<(), StoreError> {
    if is_valid_id(id) {
        Ok(())
    } else {
        Err(bad_id(path, id))
    }
}

/// A reader's own narrow view of a session file: a struct naming only the fields it needs, so
/// that reading thousands of files skips the evidence that makes up most of each.
pub trait View: DeserializeOwned {
    fn schema_version(&self) -> u64;
    /// The session's id, checked like [`SessionStore::load`] checks it.
    fn id(&self) -> &str;
}

/// Reads a session file into a [`View`], under the same version rule as [`SessionStore::load`].
pub fn read_view<T: View>(path: &Path) -> Result<T, StoreError> {
    let bytes = read_bytes(path)?;
    match serde_json::from_slice::<T>(&bytes) {
        Ok(view) => {
            check_version(path, view.schema_version())?;
            check_id(path, view.id())?;
            Ok(view)
        }
        Err(e) => {
            // A newer mockloop's file may not fit today's view: say it is newer, not broken.
            #[derive(serde::Deserialize)]
            struct Version {
                schema_version: u64,
            }
            if let Ok(v) = serde_json::from_slice::<Version>(&bytes) {
                check_version(path, v.schema_version)?;
            }
            Err(corrupt(path, e.to_string()))
        }
    }
}

fn read_bytes(path: &Path) -> Result<Vec<u8>, StoreError> {
    fsutil::read_file_capped(path, SESSION_FILE_BYTES, "a session file").map_err(|cause| {
        StoreError::Read {
            path: path.to_path_buf(),
            cause,
        }
    })
}

/// The detail often quotes the file (serde's "unknown variant `…`"): cut long values short.
fn corrupt(path: &Path, detail: String) -> StoreError {
    StoreError::Corrupt {
        path: path.to_path_buf(),
        detail: clip_values(&detail),
    }
}

/// The one rule for which files this build reads: any schema up to its own.
fn check_version(path: &Path, found: u64) -> Result<(), StoreError> {
    if found > u64::from(SCHEMA_VERSION) {
        return Err(StoreError::NewerSchema {
            path: path.to_path_buf(),
            found,
            supported: SCHEMA_VERSION,
        });
    }
    Ok(())
}

/// A new session id: the start time (so ids sort by age) and a short suffix so two sessions
/// started in the same second differ. The suffix is not random (`--seed` owns randomness).
pub fn new_id(now: chrono::DateTime<chrono::Utc>, taken: &[String]) -> String {
    let stem = now.format("%Y%m%d-%H%M%S").to_string();
    let mut n = (now.timestamp_subsec_micros() ^ std::process::id()) % 0x1_0000;
    loop {
        let id = format!("{stem}-{n:04x}");
        if !taken.contains(&id) {
            return id;
        }
        n = (n + 1) % 0x1_0000;
    }
}

#[cfg(test)]
mod tests {
    use super::{is_valid_id, new_id};

    #[test]
    fn only_ids_of_the_store_shape_are_valid() {
        let now = chrono::Utc::now();
        assert!(is_valid_id(&new_id(now, &[])));
        assert!(is_valid_id("20261126-091500-3fa2"));
        for bad in [
            "",
            "/../../tmp/x/pwned",
            "20261126-091500-3FA2",
            "20261126-091500-3fa",
            "20261126-091500-3fa2.json",
            "2026112a-091500-3fa2",
            "..",
            "20261126-091500-é",
        ] {
            assert!(!is_valid_id(bad), "{bad}");
        }
    }
}
