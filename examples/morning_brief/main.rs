//! The main job: replays several days of bundled news through the pipeline and prints each
//! day's ingest summary and the next morning's brief, or why there is none.
//!
//! ```text
//! cargo run --release --example morning_brief -- [--format text|markdown|html|email|json|atom|jsonfeed]
//!     [--out FILE] [--state FILE | --store FILE] [--data DIR] [--zone +HH:MM] [--preview]
//! ```
//!
//! - `--format`: how the briefs are rendered (default `text`).
//! - `--out FILE`: deliver each brief to FILE (replaced atomically, so it ends holding the last
//!   brief) instead of printing it. A run that composes no brief leaves FILE as it was.
//! - `--state FILE`: load the pipeline state from FILE if it exists, save it back; the run holds
//!   the state's writer lock throughout, so a second run on the same FILE stops at once.
//!   Extractions already ingested are recognised and change nothing.
//! - `--store FILE`: keep the state in an embedded transactional database instead (feature
//!   `store`: `cargo run --release --features store --example morning_brief -- --store FILE`);
//!   every ingest is committed as it happens, nothing is rewritten whole. `--state` and
//!   `--store` exclude each other.
//! - `--data DIR`: another data directory in the layout of `examples/data/`.
//! - `--zone +HH:MM`: the reader's UTC offset; briefs are composed at 07:00 there.
//! - `--preview`: compose and print the briefs, but record no delivery and save nothing.
//!
//! Each morning, in this order: ingest the day; compose; save the state (the ingests are safe);
//! deliver the brief (print it, or write `--out`); record the delivery; save again. A failure
//! never marks an undelivered brief as sent; a crash between delivery and the last save sends
//! that brief again on the next run.
//!
//! The run is the library's (`bellwether::job`): the `bellwether` command line's `brief` runs
//! the same morning.
//!
//! Exit codes: 0 when the run completed, whether or not a brief was due (a quiet day is a
//! success); 1 when it failed (the error and its causes are printed; the state holds what was
//! saved before the failure); 2 for bad arguments.

mod data;
mod job;
mod summary;

use std::process::ExitCode;

fn main() -> ExitCode {
    ExitCode::from(job::execute(std::env::args().skip(1)))
}
