//! Work over a stream on every core, with the results handed on in the stream's order.
//!
//! Each worker takes the next piece, works on it, and whoever completes the piece that is
//! next in order hands it (and any completed pieces after it) on. Nobody waits at a barrier:
//! `score --batch` had read a chunk, scored it on every core, then written it while the cores
//! sat idle, and the last answers of every chunk ran on one core. The calling thread is one of
//! the workers, so one worker runs with no thread at all.

use std::collections::BTreeMap;
use std::sync::{Condvar, Mutex, MutexGuard, PoisonError};

/// How far, in pieces per worker, work may run ahead of the oldest piece not yet handed on:
/// enough slack that a slow piece rarely stalls the others, little enough that memory stays
/// bounded by a few pieces whatever the stream's length.
const AHEAD_PER_WORKER: u64 = 4;

/// Takes pieces from `next` until it returns `None`, applies `work` to each on `workers`
/// threads (the calling one included), and passes every result to `hand_on` in the order
/// `next` gave the pieces. `next` and `hand_on` are called by one thread at a time. The first
/// error of `hand_on` stops the work and is returned; pieces taken before it are not handed on.
pub fn map_in_order<P, R, E>(
    workers: usize,
    next: impl FnMut() -> Option<P> + Send,
    work: impl Fn(P) -> R + Sync,
    hand_on: impl FnMut(R) -> Result<(), E> + Send,
) -> Result<(), E>
where
    P: Send,
    R: Send,
    E: Send,
{
    let workers = workers.max(1);
    let shared = Shared {
        source: Mutex::new(Source { next, taken: 0 }),
        sink: Mutex::new(Sink {
            hand_on,
            handed: 0,
            done: BTreeMap::new(),
            failed: None,
        }),
        room: Condvar::new(),
        ahead: AHEAD_PER_WORKER * workers as u64,
    };
    std::thread::scope(|scope| {
        // A thread the system will not start (`--jobs 60000`) is one worker fewer, not a
        // failed run: the calling thread works whatever happens.
        for _ in 1..workers {
            let spawned = std::thread::Builder::new().spawn_scoped(scope, || shared.work(&work));
            if spawned.is_err() {
                break;
            }
        }
        shared.work(&work);
    });
    let sink = shared
        .sink
        .into_inner()
        .unwrap_or_else(PoisonError::into_inner);
    sink.failed.map_or(Ok(()), Err)
}

struct Shared<N, H, R, E> {
    source: Mutex<Source<N>>,
    sink: Mutex<Sink<H, R, E>>,
    /// Signalled whenever pieces are handed on, for workers waiting to run ahead.
    room: Condvar,
    ahead: u64,
}

struct Source<N> {
    next: N,
    /// Pieces taken so far: the next piece's number.
    taken: u64,
}

struct Sink<H, R, E> {
    hand_on: H,
    /// Pieces handed on so far: the number of the next one to hand on.
    handed: u64,
    /// Completed pieces waiting for an earlier one.
    done: BTreeMap<u64, R>,
    failed: Option<E>,
}

impl<N, H, P, R, E> Shared<N, H, R, E>
where
    N: FnMut() -> Option<P>,
    H: FnMut(R) -> Result<(), E>,
{
    fn work(&self, work: &(impl Fn(P) -> R + Sync)) {
        loop {
            let Some((number, piece)) = self.take() else {
                return;
            };
            let result = work(piece);
            let mut guard = lock(&self.sink);
            let sink = &mut *guard;
            sink.done.insert(number, result);
            while let Some(result) = sink.done.remove(&sink.handed) {
                sink.handed += 1;
                if sink.failed.is_none() {
                    if let Err(e) = (sink.hand_on)(result) {
                        sink.failed = Some(e);
                    }
                }
            }
            drop(guard);
            self.room.notify_all();
        }
    }

    /// The next piece and its number, once there is room to run ahead; `None` when the
    /// stream has ended or handing on has failed.
    fn take(&self) -> Option<(u64, P)> {
        let mut source = lock(&self.source);
        let mut sink = lock(&self.sink);
        // The piece numbered `handed` is in some worker's hands (or is this one), so the
        // wait always ends.
        while source.taken >= sink.handed + self.ahead && sink.failed.is_none() {
            sink = self.room.wait(sink).unwrap_or_else(PoisonError::into_inner);
        }
        if sink.failed.is_some() {
            return None;
        }
        drop(sink);
        let piece = (source.next)()?;
        source.taken += 1;
        Some((source.taken - 1, piece))
    }
}

/// A worker that panicked has already failed the whole run (the scope re-raises its panic);
/// the data behind a poisoned lock is still whole for the others to finish with.
fn lock<T>(mutex: &Mutex<T>) -> MutexGuard<'_, T> {
    mutex.lock().unwrap_or_else(PoisonError::into_inner)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Pieces that finish out of order (later ones are quicker) come out in order, on any
    /// number of workers.
    #[test]
    fn results_come_in_the_order_of_the_pieces() {
        for workers in [1, 2, 3, 8] {
            let mut pieces = 0..200u64;
            let mut seen = Vec::new();
            let result: Result<(), ()> = map_in_order(
                workers,
                || pieces.next(),
                |n| {
                    std::thread::sleep(std::time::Duration::from_micros((200 - n) % 7 * 50));
                    n * 10
                },
                |r| {
                    seen.push(r);
                    Ok(())
                },
            );
            assert_eq!(result, Ok(()));
            assert_eq!(seen, (0..200).map(|n| n * 10).collect::<Vec<_>>());
        }
    }

    /// No more than the allowed number of pieces is ever taken and not yet handed on.
    #[test]
    fn work_runs_ahead_only_so_far() {
        let in_flight = std::sync::atomic::AtomicU64::new(0);
        let most = std::sync::atomic::AtomicU64::new(0);
        let mut pieces = 0..500u64;
        let result: Result<(), ()> = map_in_order(
            3,
            || {
                let now = in_flight.fetch_add(1, std::sync::atomic::Ordering::SeqCst) + 1;
                most.fetch_max(now, std::sync::atomic::Ordering::SeqCst);
                pieces.next()
            },
            // The first piece is slow, so the others pile up behind it.
            |n| {
                if n % 100 == 0 {
                    std::thread::sleep(std::time::Duration::from_millis(20));
                }
                n
            },
            |_| {
                in_flight.fetch_sub(1, std::sync::atomic::Ordering::SeqCst);
                Ok(())
            },
        );
        assert_eq!(result, Ok(()));
        let most = most.load(std::sync::atomic::Ordering::SeqCst);
        assert!(most <= AHEAD_PER_WORKER * 3 + 1, "{most} pieces in flight");
        assert!(
            most >= AHEAD_PER_WORKER * 3,
            "{most}: the slow piece held nobody back"
        );
    }

    /// Handing on stops at its first error, which is returned; nothing after it is handed on.
    #[test]
    fn the_first_error_stops_the_work() {
        let mut pieces = 0..10_000u64;
        let mut handed = Vec::new();
        let result = map_in_order(
            2,
            || pieces.next(),
            |n| n,
            |n| {
                if n == 37 {
                    return Err(format!("failed at {n}"));
                }
                handed.push(n);
                Ok(())
            },
        );
        assert_eq!(result, Err("failed at 37".to_string()));
        assert_eq!(handed, (0..37).collect::<Vec<_>>());
        assert!(pieces.next().is_some_and(|n| n < 100), "work went on");
    }
}
