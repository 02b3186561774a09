//! Saving and loading: round trips, crashes mid-save, truncated, corrupt and newer files.

use std::fs;
use std::path::{Path, PathBuf};

use bellwether::{Error, Pipeline};
use chrono::{DateTime, Utc};

use crate::data::{DEFAULT_DATA_DIR, load_days};

fn scratch(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("bellwether-state-{name}-{}", std::process::id()));
    let _ = fs::remove_dir_all(&dir);
    fs::create_dir_all(&dir).unwrap();
    dir.join("state.json")
}

fn sample_pipeline(until: &str) -> Pipeline {
    let mut pipeline = Pipeline::new();
    for day in load_days(Path::new(DEFAULT_DATA_DIR)).unwrap() {
        if day.date.to_string().as_str() > until {
            break;
        }
        for extraction in &day.extractions {
            let article = day.article_of(extraction).unwrap();
            pipeline
                .ingest(article, extraction, extraction.extracted_at())
                .unwrap();
        }
    }
    let now: DateTime<Utc> = format!("{until}T23:00:00Z").parse().unwrap();
    if let bellwether::brief::Composed::Brief(brief) = pipeline.compose(now).unwrap() {
        pipeline.record_delivery(&brief).unwrap();
    }
    pipeline
}

#[test]
fn save_then_load_round_trips_the_whole_state() {
    let path = scratch("round-trip");
    let pipeline = sample_pipeline("2026-05-27");
    pipeline.save(&path).unwrap();
    let loaded = Pipeline::load(&path).unwrap();
    assert_eq!(loaded.to_json().unwrap(), pipeline.to_json().unwrap());
    assert_eq!(loaded.last_brief(), pipeline.last_brief());
    assert_eq!(loaded.signals().count(), pipeline.signals().count());
}

#[test]
fn state_carries_over_so_the_next_brief_reports_only_changes() {
    let path = scratch("carry-over");
    sample_pipeline("2026-05-20").save(&path).unwrap();
    let mut resumed = Pipeline::load(&path).unwrap();
    let mut straight = sample_pipeline("2026-05-20");
    let now: DateTime<Utc> = "2026-05-21T07:00:00Z".parse().unwrap();
    // Nothing new since the brief composed at the end of the 20th: both stay quiet alike.
    let a = resumed.compose(now).unwrap();
    let b = straight.compose(now).unwrap();
    assert_eq!(a.is_quiet(), b.is_quiet());
    assert_eq!(resumed.to_json().unwrap(), straight.to_json().unwrap());
}

#[test]
fn a_crash_before_the_rename_leaves_the_last_good_state_loadable() {
    let path = scratch("crash");
    let good = sample_pipeline("2026-05-16");
    good.save(&path).unwrap();
    // A crash mid-save leaves a temporary file, possibly half written, beside the state.
    let newer = sample_pipeline("2026-05-27").to_json().unwrap();
    let temporary = path.with_file_name("state.json.tmp");
    fs::write(&temporary, &newer[..newer.len() / 2]).unwrap();
    let loaded = Pipeline::load(&path).unwrap();
    assert_eq!(loaded.to_json().unwrap(), good.to_json().unwrap());
    // The next save succeeds, through a temporary file of its own: the leftover is never
    // opened, so a stale (or planted) file of the old fixed name cannot be written through.
    loaded.save(&path).unwrap();
    assert_eq!(
        fs::read_to_string(&temporary).unwrap(),
        newer[..newer.len() / 2]
    );
}

#[test]
fn a_truncated_state_file_is_a_typed_error_and_changes_nothing() {
    let path = scratch("truncated");
    sample_pipeline("2026-05-16").save(&path).unwrap();
    let full = fs::read(&path).unwrap();
    fs::write(&path, &full[..full.len() - 100]).unwrap();
    let before = fs::read(&path).unwrap();
    assert!(matches!(
        Pipeline::load(&path),
        Err(Error::StateCorrupt { .. })
    ));
    assert_eq!(fs::read(&path).unwrap(), before);
}

#[test]
fn corrupt_foreign_and_newer_files_are_refused() {
    let path = scratch("refused");
    fs::write(&path, "{ not json").unwrap();
    assert!(matches!(
        Pipeline::load(&path),
        Err(Error::StateCorrupt { .. })
    ));
    fs::write(&path, r#"{"format": "something-else", "version": 1}"#).unwrap();
    assert!(matches!(
        Pipeline::load(&path),
        Err(Error::StateCorrupt { .. })
    ));

    let json = sample_pipeline("2026-05-14").to_json().unwrap();
    let newer = json.replacen("\"version\": 3", "\"version\": 99", 1);
    fs::write(&path, newer).unwrap();
    let err = Pipeline::load(&path).unwrap_err();
    assert!(
        matches!(
            err,
            Error::StateVersion {
                found: 99,
                supported: 3,
                ..
            }
        ),
        "{err}"
    );
    assert!(err.to_string().contains("upgrade bellwether"));

    let missing = path.with_file_name("missing.json");
    assert!(matches!(
        Pipeline::load(&missing),
        Err(Error::StateIo { .. })
    ));
}

#[test]
fn a_state_whose_signals_disagree_with_its_evidence_is_refused() {
    let path = scratch("inconsistent");
    let json = sample_pipeline("2026-05-16").to_json().unwrap();
    let tampered = json.replacen("\"extraction_count\": 1", "\"extraction_count\": 7", 1);
    assert_ne!(tampered, json);
    fs::write(&path, tampered).unwrap();
    assert!(matches!(
        Pipeline::load(&path),
        Err(Error::StateInconsistent { .. })
    ));
}

#[test]
fn a_state_from_before_the_fingerprint_change_is_refused_and_left_alone() {
    let path = scratch("outdated");
    let json = sample_pipeline("2026-05-16").to_json().unwrap();
    // Version 1 wrote fingerprints without a scheme, of the 64-permutation MinHash.
    let old = json
        .replacen("\"version\": 3", "\"version\": 1", 1)
        .replace("\"scheme\": 2,", "");
    assert_ne!(old, json);
    fs::write(&path, &old).unwrap();
    let err = Pipeline::load(&path).unwrap_err();
    assert!(
        matches!(
            err,
            Error::StateOutdated {
                found: 1,
                supported: 3,
                ..
            }
        ),
        "{err}"
    );
    assert!(err.to_string().contains("re-ingest the articles"));
    assert_eq!(fs::read_to_string(&path).unwrap(), old);
}

#[test]
fn a_state_whose_quotes_may_hold_the_models_wording_is_refused_and_left_alone() {
    let path = scratch("model-worded");
    let json = sample_pipeline("2026-05-16").to_json().unwrap();
    // Version 2 kept a fuzzy match's quote in the model's words; the state holds no article
    // text to recover the article's, so the file is refused, not read with its misquotes.
    let old = json.replacen("\"version\": 3", "\"version\": 2", 1);
    assert_ne!(old, json);
    fs::write(&path, &old).unwrap();
    let err = Pipeline::load(&path).unwrap_err();
    assert!(
        matches!(
            err,
            Error::StateOutdated {
                found: 2,
                supported: 3,
                ..
            }
        ),
        "{err}"
    );
    assert!(err.to_string().contains("model's wording"), "{err}");
    assert_eq!(fs::read_to_string(&path).unwrap(), old);
}
