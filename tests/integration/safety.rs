//! Nothing lost, nothing corrupted: one writer per state (across processes), article identity
//! bound to content, believable dates, delivery recorded only after delivery, and the main
//! job's exit codes and error causes.

use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use bellwether::brief::Composed;
use bellwether::signal::{ArticleId, Extraction};
use bellwether::{Article, DateBounds, Error, Pipeline, PipelineConfig, StateLock};
use chrono::{DateTime, TimeDelta, Utc};

use crate::data::{DEFAULT_DATA_DIR, load_days};

/// Set in a child process started by these tests: the state file it works on.
const CHILD_STATE: &str = "BELLWETHER_SAFETY_CHILD_STATE";

fn scratch(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("bellwether-safety-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

fn at(s: &str) -> DateTime<Utc> {
    s.parse().unwrap()
}

/// This test binary again, running only the ignored test `name`, with the state file `state`.
fn spawn_child(name: &str, state: &Path) -> Child {
    Command::new(std::env::current_exe().unwrap())
        .args([
            "--ignored",
            "--exact",
            name,
            "--nocapture",
            "--test-threads=1",
        ])
        .env(CHILD_STATE, state)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap()
}

/// Reads the child's output until a line equal to `line`.
fn wait_for_line(child: &mut Child, line: &str) {
    let stdout = child.stdout.as_mut().unwrap();
    let mut reader = BufReader::new(stdout);
    let mut text = String::new();
    loop {
        text.clear();
        assert_ne!(reader.read_line(&mut text).unwrap(), 0, "child ended early");
        // libtest prints "test <name> ... " on the same line before the test runs.
        if text.trim().ends_with(line) {
            return;
        }
    }
}

/// The sample data ingested up to `until` (inclusive).
fn sample(until: &str) -> Pipeline {
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
    pipeline
}

/// Child: takes the lock of the state, says so, and holds it until killed or told to stop.
#[test]
#[ignore = "run as a child process by the lock tests"]
fn child_holds_the_state_lock() {
    let Some(state) = std::env::var_os(CHILD_STATE) else {
        return;
    };
    let _lock = StateLock::acquire(PathBuf::from(state)).unwrap();
    println!("locked");
    // Holds until the parent closes our standard input (or kills us).
    let _ = std::io::stdin().read_line(&mut String::new());
}

/// Child: saves its state over and over for a while; any error but `StateLocked` fails it.
#[test]
#[ignore = "run as a child process by the lock tests"]
fn child_saves_in_a_loop() {
    let Some(state) = std::env::var_os(CHILD_STATE) else {
        return;
    };
    let pipeline = sample("2026-05-27");
    println!("ready");
    let until = Instant::now() + Duration::from_millis(1500);
    while Instant::now() < until {
        match pipeline.save(PathBuf::from(&state)) {
            Ok(()) | Err(Error::StateLocked { .. }) => {}
            Err(other) => panic!("{other}"),
        }
    }
}

#[test]
fn a_second_process_cannot_take_a_held_state_and_is_told_who_holds_it() {
    let state = scratch("two-processes").join("state.json");
    let mut child = spawn_child("safety::child_holds_the_state_lock", &state);
    wait_for_line(&mut child, "locked");
    match StateLock::acquire(&state) {
        Err(Error::StateLocked { path, holder }) => {
            assert_eq!(path, state);
            assert!(
                holder.contains(&format!("process {}", child.id())),
                "{holder}"
            );
            let message = Error::StateLocked { path, holder }.to_string();
            assert!(message.contains("locked by process"), "{message}");
        }
        other => panic!("expected StateLocked, got {other:?}"),
    }
    assert!(matches!(
        sample("2026-05-12").save(&state),
        Err(Error::StateLocked { .. })
    ));
    assert!(
        !state.exists(),
        "nothing was written while the lock was held"
    );
    // kill -9: the operating system releases the lock with the process.
    child.kill().unwrap();
    child.wait().unwrap();
    let lock = StateLock::acquire(&state).unwrap();
    lock.save(&sample("2026-05-12")).unwrap();
}

#[test]
fn two_processes_saving_at_once_never_corrupt_the_state() {
    let state = scratch("racing").join("state.json");
    let theirs = sample("2026-05-27").to_json().unwrap();
    let ours = sample("2026-05-16");
    let ours_json = ours.to_json().unwrap();
    let mut child = spawn_child("safety::child_saves_in_a_loop", &state);
    wait_for_line(&mut child, "ready");
    let until = Instant::now() + Duration::from_millis(1500);
    // On a loaded machine the child may hold the lock for the whole window: go on (bounded)
    // until this process has saved at least once.
    let deadline = Instant::now() + Duration::from_secs(30);
    let (mut saved, mut refused) = (0, 0);
    while Instant::now() < until || (saved == 0 && Instant::now() < deadline) {
        match ours.save(&state) {
            Ok(()) => saved += 1,
            Err(Error::StateLocked { .. }) => refused += 1,
            Err(other) => panic!("{other}"),
        }
        // Every state on disk at any moment (once there is one) is one of the two, whole.
        if state.exists() {
            let on_disk = std::fs::read_to_string(&state).unwrap();
            assert!(
                on_disk == theirs || on_disk == ours_json,
                "a mixture on disk"
            );
            Pipeline::load(&state).unwrap();
        }
    }
    assert!(
        child.wait().unwrap().success(),
        "the child saw another error"
    );
    assert!(saved > 0, "saved {saved}, refused {refused}");
    let leftovers: Vec<_> = std::fs::read_dir(state.parent().unwrap())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|name| name.ends_with(".tmp"))
        .collect();
    assert!(leftovers.is_empty(), "{leftovers:?}");
}

fn article(id: &str, text: &str, outlet: &str, published: &str) -> Article {
    Article::new(
        ArticleId::new(id).unwrap(),
        "Title",
        outlet,
        at(published),
        text,
    )
    .unwrap()
}

fn extraction(id: &str, thesis: &str, quote: &str) -> Extraction {
    serde_json::from_str(&format!(
        r#"{{"article_id": {id:?}, "extracted_at": "2026-05-12T13:00:00Z",
            "thesis": {thesis:?}, "strength": 6, "quotes": [{{"text": {quote:?}}}]}}"#
    ))
    .unwrap()
}

const TEXT: &str = "Officials said that capability now propagates through software today.";
const OTHER: &str = "Officials said that capability now propagates through hardware today.";

#[test]
fn an_id_reused_the_same_day_for_other_text_is_refused_and_changes_nothing() {
    let now = at("2026-05-12T18:00:00Z");
    let mut pipeline = Pipeline::new();
    let first = article("a1", TEXT, "Wire", "2026-05-12T09:30:00Z");
    pipeline
        .ingest(
            &first,
            &extraction("a1", "Software", "capability now propagates"),
            now,
        )
        .unwrap();
    let before = pipeline.to_json().unwrap();
    let impostor = article("a1", OTHER, "Wire", "2026-05-12T09:30:00Z");
    match pipeline.ingest(
        &impostor,
        &extraction("a1", "Hardware", "propagates through hardware"),
        now,
    ) {
        Err(Error::ArticleConflict { article, fields }) => {
            assert_eq!((article.as_str(), fields), ("a1", vec!["text"]));
        }
        other => panic!("expected ArticleConflict, got {other:?}"),
    }
    assert_eq!(pipeline.to_json().unwrap(), before);
    // The same article with a second extraction is welcome.
    let again = pipeline
        .ingest(
            &first,
            &extraction("a1", "Another reading", "capability now"),
            now,
        )
        .unwrap();
    assert!(again.signal().is_some());
}

#[test]
fn an_id_reused_on_a_later_day_for_another_article_is_refused_naming_what_differs() {
    let mut pipeline = Pipeline::new();
    let original = article("a1", TEXT, "Wire", "2026-05-12T09:30:00Z")
        .with_reliability(bellwether::signal::ReliabilityGrade::A);
    pipeline
        .ingest(
            &original,
            &extraction("a1", "Software", "capability now propagates"),
            at("2026-05-12T18:00:00Z"),
        )
        .unwrap();
    let later = article("a1", OTHER, "Gossip Blog", "2026-05-20T09:30:00Z")
        .with_reliability(bellwether::signal::ReliabilityGrade::D);
    // In a batch as alone: the same refusal.
    let results = pipeline.ingest_batch(
        &[(
            later,
            extraction("a1", "Hardware", "propagates through hardware"),
        )],
        at("2026-05-20T18:00:00Z"),
    );
    match &results[..] {
        [Err(Error::ArticleConflict { fields, .. })] => {
            assert_eq!(fields, &["outlet", "published"]);
        }
        other => panic!("expected one ArticleConflict, got {other:?}"),
    }
    // The grade-A record stands.
    assert_eq!(pipeline.article_count(), 1);
    let signal = pipeline.signals().next().unwrap();
    assert_eq!(signal.sources()[0].outlet(), "Wire");
}

#[test]
fn a_state_record_without_a_content_hash_still_refuses_an_id_reused_elsewhere() {
    let mut pipeline = Pipeline::new();
    let now = at("2026-05-12T18:00:00Z");
    let original = article("a1", TEXT, "Wire", "2026-05-12T09:30:00Z");
    pipeline
        .ingest(
            &original,
            &extraction("a1", "Software", "capability now propagates"),
            now,
        )
        .unwrap();
    // The same state with its records' content hashes removed (version 2 files, which had
    // none, are refused since their quotes may be the model's words; a record without a hash
    // is still compared on URL, outlet and publication time).
    let mut json: serde_json::Value = serde_json::from_str(&pipeline.to_json().unwrap()).unwrap();
    for record in json["articles"].as_array_mut().unwrap() {
        record.as_object_mut().unwrap().remove("content").unwrap();
    }
    let mut old =
        Pipeline::read_json(json.to_string().as_bytes(), PipelineConfig::default()).unwrap();
    let moved = article("a1", TEXT, "Elsewhere", "2026-05-12T09:30:00Z");
    assert!(matches!(
        old.ingest(&moved, &extraction("a1", "Software", "capability now"), now),
        Err(Error::ArticleConflict { .. })
    ));
    assert!(old.to_json().unwrap().contains("\"version\": 3"));
}

#[test]
fn articles_dated_far_in_the_future_or_before_the_floor_are_refused_with_a_reason() {
    let now = at("2026-05-13T07:00:00Z");
    let mut pipeline = Pipeline::new();
    for (published, why) in [
        ("2099-01-01T00:00:00Z", "after the time of ingest"),
        ("1960-05-14T00:00:00Z", "before the floor"),
        ("2026-05-14T07:00:01Z", "more than 1 day after"),
    ] {
        let dated = article("a1", TEXT, "Wire", published);
        match pipeline.ingest(&dated, &extraction("a1", "Software", "capability now"), now) {
            Err(error @ Error::ArticleDate { .. }) => {
                assert!(error.to_string().contains(why), "{error}");
            }
            other => panic!("{published}: expected ArticleDate, got {other:?}"),
        }
    }
    assert_eq!(pipeline.article_count(), 0);
    // Within a day of now, and at the floor exactly, is believed; the bounds are configurable.
    let tomorrow = article("a1", TEXT, "Wire", "2026-05-14T07:00:00Z");
    assert!(
        pipeline
            .ingest(
                &tomorrow,
                &extraction("a1", "Software", "capability now"),
                now
            )
            .is_ok()
    );
    let archive = PipelineConfig {
        dates: DateBounds {
            floor: at("1900-01-01T00:00:00Z"),
            future_tolerance: TimeDelta::zero(),
        },
        ..PipelineConfig::default()
    };
    let mut archive = Pipeline::with_config(archive);
    let old = article("a2", TEXT, "Wire", "1960-05-14T00:00:00Z");
    assert!(
        archive
            .ingest(&old, &extraction("a2", "Software", "capability now"), now)
            .is_ok()
    );
}

#[test]
fn compose_records_nothing_until_the_delivery_is_recorded() {
    let mut pipeline = sample("2026-05-14");
    let morning = at("2026-05-15T07:00:00Z");
    let Composed::Brief(first) = pipeline.compose(morning).unwrap() else {
        panic!("a brief is due");
    };
    assert!(pipeline.last_brief().is_none(), "composing is a preview");
    // Composing again gives the same brief: nothing was marked as sent.
    let Composed::Brief(again) = pipeline.compose(morning).unwrap() else {
        panic!("still due");
    };
    assert_eq!(again, first);
    pipeline.record_delivery(&first).unwrap();
    assert_eq!(pipeline.last_brief(), Some(first.snapshot()));
    pipeline.record_delivery(&first).unwrap(); // idempotent
    // Once delivered, the same morning has nothing new to say.
    assert!(pipeline.compose(morning).unwrap().is_quiet());

    // A brief composed before another delivery was recorded is refused.
    let mut other = sample("2026-05-14");
    let Composed::Brief(stale) = other.compose(morning).unwrap() else {
        panic!("due");
    };
    let mut later = sample("2026-05-16");
    let Composed::Brief(second) = later.compose(at("2026-05-17T07:00:00Z")).unwrap() else {
        panic!("due");
    };
    later.record_delivery(&second).unwrap();
    assert!(matches!(
        later.record_delivery(&stale),
        Err(Error::DeliveryOutOfOrder {
            found: 1,
            expected: 2
        })
    ));
}

/// A data directory holding only the given days of the sample data (and all its articles).
fn data_with_days(name: &str, days: &[&str]) -> PathBuf {
    let dir = scratch(name).join("data");
    std::fs::create_dir_all(dir.join("days")).unwrap();
    std::fs::create_dir_all(dir.join("articles")).unwrap();
    let sample = Path::new(DEFAULT_DATA_DIR);
    for entry in std::fs::read_dir(sample.join("articles")).unwrap() {
        let entry = entry.unwrap();
        std::fs::copy(entry.path(), dir.join("articles").join(entry.file_name())).unwrap();
    }
    for day in days {
        let file = format!("days/{day}.json");
        std::fs::copy(sample.join(&file), dir.join(&file)).unwrap();
    }
    dir
}

fn job(args: &[&str]) -> u8 {
    crate::job::execute(args.iter().map(|a| a.to_string()))
}

#[test]
fn a_quiet_day_with_out_exits_zero_and_leaves_the_file_alone() {
    let data = data_with_days("quiet", &["2026-05-22"]);
    let out = data.with_file_name("brief.txt");
    let data = data.to_str().unwrap();
    assert_eq!(job(&["--data", data, "--out", out.to_str().unwrap()]), 0);
    assert!(!out.exists());
    std::fs::write(&out, "yesterday's brief").unwrap();
    assert_eq!(job(&["--data", data, "--out", out.to_str().unwrap()]), 0);
    assert_eq!(std::fs::read_to_string(&out).unwrap(), "yesterday's brief");
}

#[test]
fn a_rerun_with_state_and_out_exits_zero_and_delivers_nothing_twice() {
    let data = data_with_days("rerun", &["2026-05-12", "2026-05-14"]);
    let out = data.with_file_name("brief.txt");
    let state = data.with_file_name("state.json");
    let args = [
        "--data",
        data.to_str().unwrap(),
        "--out",
        out.to_str().unwrap(),
        "--state",
        state.to_str().unwrap(),
    ];
    assert_eq!(job(&args), 0);
    let brief = std::fs::read_to_string(&out).unwrap();
    let saved = std::fs::read(&state).unwrap();
    std::fs::remove_file(&out).unwrap();
    assert_eq!(job(&args), 0);
    assert!(!out.exists(), "nothing was due again");
    assert_eq!(
        std::fs::read(&state).unwrap(),
        saved,
        "a re-run is byte-identical"
    );
    assert!(brief.contains("Morning") || !brief.is_empty());
}

#[test]
fn a_brief_left_undelivered_by_a_crash_is_delivered_by_the_next_run() {
    let data = data_with_days("undelivered", &["2026-05-12"]);
    let state = data.with_file_name("state.json");
    let out = data.with_file_name("brief.txt");
    // What a run that crashed after saving its ingests, before delivering, leaves behind.
    let mut pipeline = Pipeline::new();
    for day in load_days(&data).unwrap() {
        for extraction in &day.extractions {
            let article = day.article_of(extraction).unwrap();
            pipeline
                .ingest(article, extraction, extraction.extracted_at())
                .unwrap();
        }
    }
    assert!(
        !pipeline
            .compose(at("2026-05-13T07:00:00Z"))
            .unwrap()
            .is_quiet()
    );
    pipeline.save(&state).unwrap();
    let args = [
        "--data",
        data.to_str().unwrap(),
        "--state",
        state.to_str().unwrap(),
        "--out",
        out.to_str().unwrap(),
    ];
    assert_eq!(job(&args), 0);
    assert!(out.exists(), "the pending brief was delivered");
    let delivered = Pipeline::load(&state).unwrap();
    assert_eq!(delivered.last_brief().map(|s| s.brief_number()), Some(1));
    std::fs::remove_file(&out).unwrap();
    assert_eq!(job(&args), 0);
    assert!(!out.exists(), "and only once");
}

#[test]
fn bad_arguments_exit_two_and_failures_exit_one_with_their_cause() {
    assert_eq!(job(&["--bogus"]), 2);
    assert_eq!(job(&["--zone", "Mars"]), 2);
    let dir = scratch("failures");
    // The state's directory does not exist: the lock file cannot be created.
    let missing = dir.join("no-such-dir/state.json");
    assert_eq!(job(&["--state", missing.to_str().unwrap()]), 1);
    let error = StateLock::acquire(&missing).unwrap_err();
    let text = crate::job::describe(&error);
    assert!(
        text.contains("caused by: No such file or directory"),
        "{text}"
    );
    // A state file that is a directory: the OS error is shown, not a guess.
    let directory = dir.join("state.json");
    std::fs::create_dir_all(&directory).unwrap();
    assert_eq!(job(&["--state", directory.to_str().unwrap()]), 1);
    let error = Pipeline::load(&directory).unwrap_err();
    let text = crate::job::describe(&error);
    assert!(text.contains("caused by: Is a directory"), "{text}");
    // Invalid UTF-8 in the state.
    let binary = dir.join("binary.json");
    std::fs::write(&binary, [0xff, 0xfe, 0x00]).unwrap();
    let text = crate::job::describe(&Pipeline::load(&binary).unwrap_err());
    assert!(text.contains("caused by: invalid utf-8"), "{text}");
    // Another run holding the state: exit 1, naming the holder.
    let held = dir.join("held.json");
    let _lock = StateLock::acquire(&held).unwrap();
    assert_eq!(job(&["--state", held.to_str().unwrap()]), 1);
}

#[test]
fn a_preview_composes_and_prints_but_records_and_saves_nothing() {
    let data = data_with_days("preview", &["2026-05-12"]);
    let state = data.with_file_name("state.json");
    let out = data.with_file_name("brief.txt");
    let data = data.to_str().unwrap();
    let state_arg = state.to_str().unwrap();
    let out_arg = out.to_str().unwrap();
    assert_eq!(job(&["--data", data, "--state", state_arg, "--preview"]), 0);
    assert!(!state.exists());
    assert_eq!(
        job(&["--data", data, "--state", state_arg, "--out", out_arg]),
        0
    );
    let saved = std::fs::read(&state).unwrap();
    std::fs::remove_file(&out).unwrap();
    assert_eq!(
        job(&[
            "--data",
            data,
            "--state",
            state_arg,
            "--out",
            out_arg,
            "--preview"
        ]),
        0
    );
    assert_eq!(std::fs::read(&state).unwrap(), saved);
    assert!(!out.exists(), "a preview delivers nothing");
}
