//! The plan cache, `.plan-cache` in the sessions folder: each file's compact facts, kept
//! while the file's size and modification time stay the same. Reading 10,000 session files
//! (150 KB each, mostly evidence) takes seconds; reading their facts from here takes a fraction.
//! Any trouble with the cache (missing, corrupt, another version, a read-only folder) only means
//! the files are read again.

use std::collections::HashMap;
use std::path::Path;
use std::time::UNIX_EPOCH;

use serde::{Deserialize, Serialize};

use super::compact::{Compact, Tables};

/// Bumped whenever what is cached, or how it is computed, changes.
const VERSION: u32 = 1;

/// Not `.json`: tools that glob a folder's session files must not pick it up.
pub const FILE_NAME: &str = ".plan-cache";

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub(super) struct Stamp {
    len: u64,
    modified_ns: u64,
}

impl Stamp {
    /// For a file whose size or time could not be read: never matches, so it is read again.
    pub const NONE: Stamp = Stamp {
        len: u64::MAX,
        modified_ns: 0,
    };
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub(super) struct Cached {
    pub stamp: Stamp,
    pub facts: Compact,
}

#[derive(Debug, Default, Serialize, Deserialize)]
pub(super) struct Cache {
    version: u32,
    pub tables: Tables,
    /// By file name.
    pub files: HashMap<String, Cached>,
}

pub(super) fn stamp(path: &Path) -> Option<Stamp> {
    let meta = std::fs::metadata(path).ok()?;
    let modified = meta.modified().ok()?.duration_since(UNIX_EPOCH).ok()?;
    Some(Stamp {
        len: meta.len(),
        modified_ns: u64::try_from(modified.as_nanos()).ok()?,
    })
}

pub(super) fn load(path: &Path) -> Cache {
    let cache = std::fs::read(path)
        .ok()
        .and_then(|bytes| serde_json::from_slice::<Cache>(&bytes).ok())
        .filter(|c| c.version == VERSION);
    let mut cache = cache.unwrap_or_default();
    cache.version = VERSION;
    cache.tables.reindex();
    cache
}

/// Written to a temp file and renamed, so a reader never sees half of it; failures are quiet.
pub(super) fn save(path: &Path, cache: &Cache) {
    let Ok(bytes) = serde_json::to_vec(cache) else {
        return;
    };
    let temp = path.with_extension(format!("tmp-{}", std::process::id()));
    if std::fs::write(&temp, bytes).is_err() || std::fs::rename(&temp, path).is_err() {
        let _ = std::fs::remove_file(&temp);
    }
}
