//! Loading a state file from arbitrary bytes.
//!
//! `Pipeline::load` reads whatever is on disk (a truncated write from an older version, a file
//! edited by hand, another program's JSON): it must return a pipeline or a typed error, never
//! panic; and a state it accepts must save and load again to the same state.

#![no_main]

use std::path::PathBuf;
use std::sync::OnceLock;

use bellwether::{Error, Pipeline};
use libfuzzer_sys::fuzz_target;

/// One scratch file per fuzzing process (libFuzzer may run several with `-fork`/`-jobs`).
fn scratch() -> &'static PathBuf {
    static PATH: OnceLock<PathBuf> = OnceLock::new();
    PATH.get_or_init(|| {
        std::env::temp_dir().join(format!("bellwether-fuzz-state-{}.json", std::process::id()))
    })
}

fuzz_target!(|data: &[u8]| {
    let path = scratch();
    std::fs::write(path, data).unwrap_or_else(|e| panic!("cannot write {}: {e}", path.display()));
    match Pipeline::load(path) {
        Ok(pipeline) => {
            let json = pipeline
                .to_json()
                .unwrap_or_else(|e| panic!("a loaded state does not serialize: {e}"));
            std::fs::write(path, &json)
                .unwrap_or_else(|e| panic!("cannot write {}: {e}", path.display()));
            let again = Pipeline::load(path)
                .unwrap_or_else(|e| panic!("a state saved from a loaded one is rejected: {e}"));
            let json_again = again
                .to_json()
                .unwrap_or_else(|e| panic!("a reloaded state does not serialize: {e}"));
            assert_eq!(json, json_again, "the state changes across save and load");
        }
        // Typed errors: unreadable, corrupt, newer, inconsistent, or evidence the member
        // crates reject while rebuilding the signals (a timestamp out of range, too many
        // actors). Serializing is the one step that cannot fail on any input.
        Err(error) => {
            assert!(
                !matches!(error, Error::Serialize { .. }),
                "load failed to serialize: {error}"
            );
            let _ = error.to_string();
        }
    }
});
