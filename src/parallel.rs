//! Work over many session files on every core, one file per worker at a time, so thousands of
//! files neither serialise on one core nor sit in memory together.

use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Mutex;

/// `f` applied to every path, in parallel; results come back in the paths' order, whatever
/// order the workers finished in. `tick` is called once per file (for a progress bar).
pub fn map_files<T: Send>(
    paths: &[PathBuf],
    f: impl Fn(&Path) -> Result<T, String> + Sync,
    tick: &(dyn Fn() + Sync),
) -> Vec<Result<T, String>> {
    let next = AtomicUsize::new(0);
    let done: Mutex<Vec<(usize, Result<T, String>)>> = Mutex::new(Vec::with_capacity(paths.len()));
    let workers = std::thread::available_parallelism()
        .map_or(1, |n| n.get())
        .min(paths.len().max(1));
    std::thread::scope(|scope| {
        for _ in 0..workers {
            scope.spawn(|| loop {
                let i = next.fetch_add(1, Ordering::Relaxed);
                let Some(path) = paths.get(i) else { break };
                let result = f(path);
                done.lock().expect("no worker panics").push((i, result));
                tick();
            });
        }
    });
    let mut done = done.into_inner().expect("no worker panics");
    done.sort_by_key(|(i, _)| *i);
    done.into_iter().map(|(_, r)| r).collect()
}
