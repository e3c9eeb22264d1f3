//! Reading an answer from a file or standard input, refusing what cannot be an answer.

use std::io::{IsTerminal, Read};
use std::path::Path;

use anyhow::{bail, Context, Result};
use mockloop::score::MAX_ANSWER_BYTES;

/// Reads `path` (`-` for standard input), at most the answer size limit.
pub fn read_text(path: &Path) -> Result<String> {
    let is_stdin = path.as_os_str() == "-";
    let name = if is_stdin {
        "standard input".to_string()
    } else {
        path.display().to_string()
    };
    let mut bytes = Vec::new();
    // Read one byte past the limit: enough to know it is too big without reading a huge file.
    let limit = MAX_ANSWER_BYTES as u64 + 1;
    if is_stdin {
        std::io::stdin().lock().take(limit).read_to_end(&mut bytes)
    } else {
        std::fs::File::open(path)
            .with_context(|| format!("cannot open {name}"))?
            .take(limit)
            .read_to_end(&mut bytes)
    }
    .with_context(|| format!("cannot read {name}"))?;
    if bytes.len() > MAX_ANSWER_BYTES {
        bail!("{name} is over the answer limit of {MAX_ANSWER_BYTES} bytes (1 MiB); keep to the answer itself");
    }
    String::from_utf8(bytes).map_err(|e| {
        anyhow::anyhow!(
            "{name} is not UTF-8 text (bad byte at offset {}); save it as UTF-8",
            e.utf8_error().valid_up_to()
        )
    })
}

/// The answer file, or standard input when it is piped; a terminal gets a hint instead of a hang.
pub fn answer_path(file: Option<&Path>) -> Result<&Path> {
    match file {
        Some(path) => Ok(path),
        None if std::io::stdin().is_terminal() => {
            bail!("no answer given: name an answer FILE, or pipe the answer in (`-` reads standard input)")
        }
        None => Ok(Path::new("-")),
    }
}
