//! Independent work split over threads so that the result does not depend on their number: the
//! work is cut into fixed ranges whose results are put back in range order.

use std::num::NonZeroUsize;
use std::ops::Range;
use std::sync::atomic::{AtomicUsize, Ordering};

/// Below this many items a batch step runs on the calling thread: starting threads would cost
/// more than it saves.
const PARALLEL_FROM: usize = 4_096;

/// The number of threads a batch step over `items` items uses: every available core for large
/// batches, one thread for small ones.
pub(crate) fn batch_threads(items: usize) -> usize {
    if items < PARALLEL_FROM {
        return 1;
    }
    std::thread::available_parallelism().map_or(1, NonZeroUsize::get)
}

/// Calls `work` on the consecutive ranges of `0..count` of `chunk` items each (the last one
/// shorter) and returns the results in range order. Up to `threads` threads take ranges as they
/// become free; each has its own `state`, made with `S::default()` and reused across its ranges.
/// The ranges and their order do not depend on `threads`, so neither does the result as long as
/// `work` depends only on its range.
///
/// A panic in `work` is passed on to the caller.
pub(crate) fn map_chunks<S, T, F>(count: usize, chunk: usize, threads: usize, work: F) -> Vec<T>
where
    S: Default,
    T: Send,
    F: Fn(&mut S, Range<usize>) -> T + Sync,
{
    let chunk = chunk.max(1);
    let chunks = count.div_ceil(chunk);
    let range = |index: usize| index * chunk..((index + 1) * chunk).min(count);
    let threads = threads.clamp(1, chunks.max(1));
    if threads == 1 {
        let mut state = S::default();
        return (0..chunks)
            .map(|index| work(&mut state, range(index)))
            .collect();
    }
    let next = AtomicUsize::new(0);
    let worker = || {
        let mut state = S::default();
        let mut done = Vec::new();
        loop {
            let index = next.fetch_add(1, Ordering::Relaxed);
            if index >= chunks {
                return done;
            }
            done.push((index, work(&mut state, range(index))));
        }
    };
    let mut results: Vec<(usize, T)> = std::thread::scope(|scope| {
        let handles: Vec<_> = (1..threads).map(|_| scope.spawn(worker)).collect();
        let mut all = worker();
        for handle in handles {
            match handle.join() {
                Ok(done) => all.extend(done),
                Err(panic) => std::panic::resume_unwind(panic),
            }
        }
        all
    });
    results.sort_unstable_by_key(|(index, _)| *index);
    results.into_iter().map(|(_, result)| result).collect()
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::*;

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(64))]

        #[test]
        fn results_come_back_in_range_order_for_any_number_of_threads(
            count in 0usize..500,
            chunk in 1usize..40,
            threads in 1usize..6,
        ) {
            let ranges = map_chunks(count, chunk, threads, |calls: &mut usize, range| {
                *calls += 1;
                range
            });
            let flat: Vec<usize> = ranges.iter().flat_map(Clone::clone).collect();
            prop_assert_eq!(flat, (0..count).collect::<Vec<_>>());
            prop_assert!(ranges.iter().all(|range| range.len() <= chunk && !range.is_empty()));
        }
    }

    #[test]
    fn small_batches_stay_on_one_thread() {
        assert_eq!(batch_threads(10), 1);
        assert!(batch_threads(1_000_000) >= 1);
    }
}
