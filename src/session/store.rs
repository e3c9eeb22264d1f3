//! Sessions on disk: one JSON file per session in a folder, written atomically, found by id,
//! unique prefix, `latest` or path.

use std::fs::{self, File};
use std::io::Write;
use std::path::{Path, PathBuf};

use serde::de::DeserializeOwned;

use super::model::{Session, SCHEMA_VERSION};

#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error(
        "cannot write to the sessions folder {dir}: {source}; choose another with --sessions DIR"
    )]
    NotWritable {
        dir: PathBuf,
        source: std::io::Error,
    },
    #[error("cannot write {path}: {source}")]
    Write {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("cannot read {path}: {source}")]
    Read {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error(
        "{path} is not a valid session file ({detail}); it may be truncated or edited by hand"
    )]
    Corrupt { path: PathBuf, detail: String },
    #[error("{path} was written by a newer mockloop (session schema {found}; this one reads up to {supported}); upgrade mockloop to open it")]
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
}

pub struct SessionStore {
    dir: PathBuf,
}

impl SessionStore {
    /// Opens (creating if needed) the sessions folder and checks it can be written, so a run
    /// fails before the first question rather than after the last.
    pub fn open(dir: &Path) -> Result<SessionStore, StoreError> {
        let not_writable = |source| StoreError::NotWritable {
            dir: dir.to_path_buf(),
            source,
        };
        fs::create_dir_all(dir).map_err(not_writable)?;
        let probe = dir.join(format!(".write-check-{}", std::process::id()));
        File::create(&probe)
            .and_then(|mut f| f.write_all(b"ok"))
            .map_err(not_writable)?;
        let _ = fs::remove_file(&probe);
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

    pub fn path_of(&self, id: &str) -> PathBuf {
        self.dir.join(format!("{id}.json"))
    }

    /// Where the answer editor keeps its history.
    pub fn history_file(&self) -> PathBuf {
        self.dir.join(".history")
    }

    /// Writes the session so that a crash at any moment leaves either the old file or the new
    /// one, never a mix: a temp file in the same folder, synced, then renamed over the old.
    pub fn save(&self, session: &Session) -> Result<PathBuf, StoreError> {
        let path = self.path_of(&session.id);
        let temp = self.dir.join(format!(".{}.json.tmp", session.id));
        let write_err = |source| StoreError::Write {
            path: path.clone(),
            source,
        };
        let json = serde_json::to_vec_pretty(session).expect("a session always serialises");
        let mut file = File::create(&temp).map_err(write_err)?;
        file.write_all(&json).map_err(write_err)?;
        file.write_all(b"\n").map_err(write_err)?;
        file.sync_all().map_err(write_err)?;
        drop(file);
        fs::rename(&temp, &path).map_err(write_err)?;
        // Make the rename itself durable; not every platform lets a folder be synced.
        if let Ok(dir) = File::open(&self.dir) {
            let _ = dir.sync_all();
        }
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
        serde_path_to_error::deserialize(value)
            .map_err(|e| corrupt(path, format!("{}: {}", e.path(), e.inner())))
    }

    /// Finds a session by path, id, unique id prefix, or `latest`.
    pub fn resolve(&self, spec: &str) -> Result<PathBuf, StoreError> {
        let as_path = Path::new(spec);
        if spec.ends_with(".json") || spec.contains(std::path::MAIN_SEPARATOR) {
            return if as_path.is_file() {
                Ok(as_path.to_path_buf())
            } else {
                Err(StoreError::NotFound {
                    spec: spec.to_string(),
                    dir: self.dir.clone(),
                })
            };
        }
        let ids = self.ids();
        if spec == "latest" {
            // Ids start with the start time, so the greatest is the newest.
            return ids
                .last()
                .map(|id| self.path_of(id))
                .ok_or_else(|| StoreError::Empty {
                    dir: self.dir.clone(),
                });
        }
        if ids.iter().any(|id| id == spec) {
            return Ok(self.path_of(spec));
        }
        let matches: Vec<String> = ids.into_iter().filter(|id| id.starts_with(spec)).collect();
        match matches.len() {
            0 => Err(StoreError::NotFound {
                spec: spec.to_string(),
                dir: self.dir.clone(),
            }),
            1 => Ok(self.path_of(&matches[0])),
            _ => Err(StoreError::Ambiguous {
                spec: spec.to_string(),
                matches,
            }),
        }
    }

    /// Ids of the session files in the folder, oldest first.
    pub fn ids(&self) -> Vec<String> {
        let mut ids: Vec<String> = fs::read_dir(&self.dir)
            .into_iter()
            .flatten()
            .flatten()
            .filter_map(|entry| {
                let name = entry.file_name().into_string().ok()?;
                let id = name.strip_suffix(".json")?;
                (!id.starts_with('.')).then(|| id.to_string())
            })
            .collect();
        ids.sort();
        ids
    }
}

/// A reader's own narrow view of a session file: a struct naming only the fields it needs, so
/// that reading thousands of files skips the evidence that makes up most of each.
pub trait View: DeserializeOwned {
    fn schema_version(&self) -> u64;
}

/// Reads a session file into a [`View`], under the same version rule as [`SessionStore::load`].
pub fn read_view<T: View>(path: &Path) -> Result<T, StoreError> {
    let bytes = read_bytes(path)?;
    match serde_json::from_slice::<T>(&bytes) {
        Ok(view) => {
            check_version(path, view.schema_version())?;
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
    fs::read(path).map_err(|source| StoreError::Read {
        path: path.to_path_buf(),
        source,
    })
}

fn corrupt(path: &Path, detail: String) -> StoreError {
    StoreError::Corrupt {
        path: path.to_path_buf(),
        detail,
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
