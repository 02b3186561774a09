//! The `bellwether` binary, run as a user runs it: every subcommand on the sample data, a quiet
//! morning, bad input, and a state another run holds.

// Tests may panic on a broken expectation: that is how they fail.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::path::{Path, PathBuf};
use std::process::Output;

use assert_cmd::Command;
use serde_json::Value;

/// The bundled sample data.
fn sample() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../examples/data")
}

/// The morning after the sample's last day.
const MORNING: &str = "2026-05-28T07:00:00Z";

/// `bellwether --state STATE --now NOW ARGS…` in `dir`.
fn bellwether(dir: &Path, now: &str, args: &[&str]) -> Command {
    let mut command = Command::cargo_bin("bellwether").unwrap();
    command
        .current_dir(dir)
        .args(["--state", "state.json", "--now", now])
        .args(args);
    command
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8(bytes.to_vec()).unwrap()
}

fn run(dir: &Path, now: &str, args: &[&str]) -> Output {
    bellwether(dir, now, args).output().unwrap()
}

/// A directory with the sample data ingested into `state.json`.
fn ingested() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let output = run(
        dir.path(),
        MORNING,
        &["ingest", sample().to_str().unwrap(), "--progress", "never"],
    );
    assert_eq!(output.status.code(), Some(0), "{}", text(&output.stderr));
    dir
}

#[test]
fn ingest_reads_the_sample_layout_reports_each_extraction_and_saves_the_state() {
    let dir = tempfile::tempdir().unwrap();
    let output = run(
        dir.path(),
        MORNING,
        &["ingest", sample().to_str().unwrap(), "--progress", "never"],
    );
    assert_eq!(output.status.code(), Some(0));
    let stdout = text(&output.stdout);
    assert!(
        stdout.contains("Ingested 17 extractions: 28 quotes accepted, 2 rejected"),
        "{stdout}"
    );
    assert!(stdout.contains("5 signals, 15 articles"), "{stdout}");
    // Without a terminal, progress is plain lines on standard error.
    let stderr = text(&output.stderr);
    assert!(
        stderr.contains("2026-05-22 · 2 articles · 2 extractions"),
        "{stderr}"
    );
    assert!(stderr.contains("0/1 quotes accepted"), "{stderr}");
    assert!(dir.path().join("state.json").exists());
    // Again: every extraction is recognised, nothing changes.
    let before = std::fs::read(dir.path().join("state.json")).unwrap();
    let again = run(
        dir.path(),
        MORNING,
        &["ingest", sample().to_str().unwrap(), "--progress", "never"],
    );
    assert_eq!(again.status.code(), Some(0));
    assert!(text(&again.stdout).contains("5 signals, 15 articles"));
    let after: Value =
        serde_json::from_slice(&std::fs::read(dir.path().join("state.json")).unwrap()).unwrap();
    let before: Value = serde_json::from_slice(&before).unwrap();
    assert_eq!(after["articles"], before["articles"]);
}

#[test]
fn ingest_reads_json_lines_on_standard_input_and_a_bad_line_costs_only_itself() {
    let dir = tempfile::tempdir().unwrap();
    let article = serde_json::json!({
        "id": "a1", "title": "The software layer", "outlet": "Pacific Policy Review",
        "published": "2026-05-12T09:30:00Z", "reliability": "B",
        "text": "Officials said capability now propagates through software, and software is not what export-control architectures were built to govern."
    });
    let extraction = serde_json::json!({
        "article_id": "a1", "extracted_at": "2026-05-12T13:00:00Z", "strength": 7,
        "thesis": "Export controls cannot govern capability that moves as software",
        "quotes": [{"text": "software is not what export-control architectures were built to govern"}]
    });
    let good = serde_json::json!({"article": article, "extractions": [extraction]});
    let input = format!(
        "{good}\nnot json\n{{\"article\": {article}, \"extractions\": [{{\"article_id\": \"a1\", \"strength\": 11}}]}}\n"
    );
    let output = bellwether(dir.path(), MORNING, &["ingest", "-"])
        .write_stdin(input)
        .output()
        .unwrap();
    // Some input could not be read: exit 1, the rest ingested and saved.
    assert_eq!(output.status.code(), Some(1), "{}", text(&output.stderr));
    let stdout = text(&output.stdout);
    assert!(
        stdout.contains("Ingested 1 extractions: 1 quotes accepted, 0 rejected; 0 extractions refused, 2 unreadable; 1 signals, 1 articles"),
        "{stdout}"
    );
    let stderr = text(&output.stderr);
    assert!(
        stderr.contains("line 2 is not an article with its extractions"),
        "{stderr}"
    );
    assert!(stderr.contains("is malformed at strength"), "{stderr}");
    let signals = run(dir.path(), MORNING, &["signals"]);
    assert!(text(&signals.stdout).contains("Export controls cannot govern"));
}

#[test]
fn a_bad_data_directory_fails_with_exit_one_naming_the_file() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    std::fs::create_dir_all(data.join("days")).unwrap();
    std::fs::write(
        data.join("days/2026-05-12.json"),
        "{\"date\": \"2026-05-12\", \"articles\": [",
    )
    .unwrap();
    let output = run(dir.path(), MORNING, &["ingest", data.to_str().unwrap()]);
    assert_eq!(output.status.code(), Some(1));
    let stderr = text(&output.stderr);
    assert!(
        stderr.contains("2026-05-12.json: not a day file"),
        "{stderr}"
    );
    assert!(stderr.contains("caused by: EOF while parsing"), "{stderr}");
    assert!(
        !dir.path().join("state.json").exists() || {
            // The state, if written, holds nothing.
            let state: Value =
                serde_json::from_slice(&std::fs::read(dir.path().join("state.json")).unwrap())
                    .unwrap();
            state["articles"].as_array().is_none_or(Vec::is_empty)
        }
    );
    // A missing directory, and a corrupt state file: exit 1 with the cause.
    let output = run(dir.path(), MORNING, &["ingest", "no-such-dir"]);
    assert_eq!(output.status.code(), Some(1));
    std::fs::write(dir.path().join("state.json"), "{ not a state").unwrap();
    let output = run(dir.path(), MORNING, &["signals"]);
    assert_eq!(output.status.code(), Some(1));
    assert!(text(&output.stderr).contains("not a valid Bellwether state"));
}

#[test]
fn brief_delivers_records_and_then_the_same_morning_is_quiet_and_still_a_success() {
    let dir = ingested();
    let path = dir.path();
    // A preview prints the brief and changes nothing.
    let before = std::fs::read(path.join("state.json")).unwrap();
    let preview = run(path, MORNING, &["brief", "--preview"]);
    assert_eq!(preview.status.code(), Some(0));
    assert!(text(&preview.stdout).contains("Brief 1 · 2026-05-28 · 4 signals: 4 new"));
    assert!(text(&preview.stderr).contains("Preview of brief 1: nothing recorded"));
    assert_eq!(std::fs::read(path.join("state.json")).unwrap(), before);
    // Delivered to a file, and recorded.
    let output = run(
        path,
        MORNING,
        &["brief", "--format", "markdown", "--out", "brief.md"],
    );
    assert_eq!(output.status.code(), Some(0), "{}", text(&output.stderr));
    let markdown = std::fs::read_to_string(path.join("brief.md")).unwrap();
    assert!(markdown.contains("4 signals: 4 new"), "{markdown}");
    // The same morning again: nothing new to say, the file untouched, exit 0.
    let quiet = run(path, MORNING, &["brief", "--out", "brief.md"]);
    assert_eq!(quiet.status.code(), Some(0));
    assert!(
        text(&quiet.stderr)
            .contains("No brief due: 1 signal below strength 6; 4 unchanged since the last brief."),
        "{}",
        text(&quiet.stderr)
    );
    assert_eq!(
        std::fs::read_to_string(path.join("brief.md")).unwrap(),
        markdown
    );
}

#[test]
fn brief_renders_every_format() {
    let dir = ingested();
    let config = dir.path().join("config.toml");
    std::fs::write(
        &config,
        "title = \"Desk brief\"\n[email]\nfrom = \"brief@bellwether.example\"\nto = [\"desk@newsroom.example\"]\n",
    )
    .unwrap();
    let config = config.to_str().unwrap();
    for (format, expect) in [
        ("text", "Desk brief"),
        ("markdown", "Desk brief"),
        ("html", "<!DOCTYPE html>"),
        ("email-html", "Desk brief"),
        ("json", "\"kind\":\"brief\""),
        ("atom", "<feed xmlns=\"http://www.w3.org/2005/Atom\""),
        ("jsonfeed", "https://jsonfeed.org/version/1.1"),
        ("slack", "\"type\":\"header\""),
        ("teams", "application/vnd.microsoft.card.adaptive"),
        ("webhook", "\"event\":\"bellwether.brief\""),
        ("email", "Content-Type: multipart/alternative"),
    ] {
        let output = run(
            dir.path(),
            MORNING,
            &["--config", config, "brief", "--preview", "--format", format],
        );
        assert_eq!(
            output.status.code(),
            Some(0),
            "{format}: {}",
            text(&output.stderr)
        );
        let stdout = text(&output.stdout);
        assert!(stdout.contains(expect), "{format}: {stdout}");
    }
    // The email format without addresses is a clear failure.
    let output = run(
        dir.path(),
        MORNING,
        &["brief", "--preview", "--format", "email"],
    );
    assert_eq!(output.status.code(), Some(1));
    assert!(text(&output.stderr).contains("needs an [email] section"));
}

#[test]
fn a_state_held_by_another_run_exits_three_naming_the_holder() {
    let dir = ingested();
    let _held = bellwether::StateLock::acquire(dir.path().join("state.json")).unwrap();
    for args in [
        &["brief"][..],
        &["ingest", sample().to_str().unwrap()],
        &["retract", "the-g-2-reality"],
        &["forget", "--before", "2026-05-15"],
    ] {
        let output = run(dir.path(), MORNING, args);
        assert_eq!(
            output.status.code(),
            Some(3),
            "{args:?}: {}",
            text(&output.stderr)
        );
        assert!(
            text(&output.stderr).contains("lock"),
            "{}",
            text(&output.stderr)
        );
    }
    // Reading is not blocked: a preview and the listing hold no lock.
    assert_eq!(
        run(dir.path(), MORNING, &["signals"]).status.code(),
        Some(0)
    );
    assert_eq!(
        run(dir.path(), MORNING, &["brief", "--preview"])
            .status
            .code(),
        Some(0)
    );
}

#[test]
fn signals_lists_strongest_first_and_explain_accounts_for_a_signals_strength() {
    let dir = ingested();
    let output = run(dir.path(), MORNING, &["signals", "--json"]);
    assert_eq!(output.status.code(), Some(0));
    let signals: Vec<Value> = text(&output.stdout)
        .lines()
        .map(|line| serde_json::from_str(line).unwrap())
        .collect();
    assert_eq!(signals.len(), 5);
    let strengths: Vec<u64> = signals
        .iter()
        .map(|s| s["strength"].as_u64().unwrap())
        .collect();
    assert!(strengths.windows(2).all(|w| w[0] >= w[1]), "{strengths:?}");
    let id = signals[0]["id"].as_str().unwrap();
    let output = run(dir.path(), MORNING, &["explain", id, "--json"]);
    assert_eq!(output.status.code(), Some(0));
    let explanation: Value = serde_json::from_slice(&output.stdout).unwrap();
    assert_eq!(explanation["signal"], signals[0]["id"]);
    assert_eq!(explanation["strength"]["strength"], signals[0]["strength"]);
    assert!(
        !explanation["strength"]["origins"]
            .as_array()
            .unwrap()
            .is_empty()
    );
    let reader = text(&run(dir.path(), MORNING, &["explain", id]).stdout);
    assert!(
        reader.starts_with(&format!("signal {id}: strength {}", signals[0]["strength"])),
        "{reader}"
    );
    let unknown = run(dir.path(), MORNING, &["explain", "no-such-signal"]);
    assert_eq!(unknown.status.code(), Some(1));
    assert!(text(&unknown.stderr).contains("no signal \"no-such-signal\""));
}

#[test]
fn schema_and_prompt_give_a_model_its_instructions() {
    let dir = ingested();
    let schema = run(dir.path(), MORNING, &["schema", "--strict"]);
    assert_eq!(schema.status.code(), Some(0));
    let schema: Value = serde_json::from_slice(&schema.stdout).unwrap();
    assert_eq!(schema["additionalProperties"], false);
    let article = dir.path().join("article.json");
    std::fs::write(
        &article,
        serde_json::json!({"id": "new-1", "title": "Chips still matter", "outlet": "Strategy Quarterly",
            "published": "2026-05-27T15:00:00Z",
            "text": "Engineers said export controls on chips still slow DeepSeek and other AI labs."})
        .to_string(),
    )
    .unwrap();
    let output = run(dir.path(), MORNING, &["prompt", article.to_str().unwrap()]);
    assert_eq!(output.status.code(), Some(0), "{}", text(&output.stderr));
    let prompt: Value = serde_json::from_slice(&output.stdout).unwrap();
    assert!(
        prompt["user"]
            .as_str()
            .unwrap()
            .contains("Chips still matter")
    );
    // The seed signal is among the candidates offered.
    assert!(
        prompt["user"]
            .as_str()
            .unwrap()
            .contains("us-chip-export-controls")
    );
    std::fs::write(&article, "{\"id\": \"x\"}").unwrap();
    let bad = run(dir.path(), MORNING, &["prompt", article.to_str().unwrap()]);
    assert_eq!(bad.status.code(), Some(1));
    assert!(text(&bad.stderr).contains("is not an article's JSON"));
}

#[test]
fn retract_and_forget_remove_evidence_and_save() {
    let dir = ingested();
    let output = run(
        dir.path(),
        MORNING,
        &["retract", "storvik-datacentre-pause"],
    );
    assert_eq!(output.status.code(), Some(0), "{}", text(&output.stderr));
    assert!(text(&output.stdout).contains("Retracted article storvik-datacentre-pause"));
    let missing = run(dir.path(), MORNING, &["retract", "no-such-article"]);
    assert_eq!(missing.status.code(), Some(1));
    let output = run(dir.path(), MORNING, &["forget", "--before", "2026-05-15"]);
    assert_eq!(output.status.code(), Some(0), "{}", text(&output.stderr));
    assert!(
        text(&output.stdout).contains("Forgot 4 articles published before 2026-05-15"),
        "{}",
        text(&output.stdout)
    );
    let bad = run(dir.path(), MORNING, &["forget", "--before", "last tuesday"]);
    assert_eq!(bad.status.code(), Some(2));
}

#[test]
fn config_prints_the_configuration_in_effect_and_a_bad_one_exits_two() {
    let dir = tempfile::tempdir().unwrap();
    let config = dir.path().join("config.toml");
    std::fs::write(&config, "[brief]\nmin_strength = 7\n").unwrap();
    let output = run(
        dir.path(),
        MORNING,
        &["--config", config.to_str().unwrap(), "config"],
    );
    assert_eq!(output.status.code(), Some(0));
    let printed = text(&output.stdout);
    assert!(printed.contains("min_strength = 7"), "{printed}");
    assert!(printed.contains("[scoring]"), "{printed}");
    std::fs::write(&config, "[brief]\nmin_strength = 11\n").unwrap();
    let output = run(
        dir.path(),
        MORNING,
        &["--config", config.to_str().unwrap(), "config"],
    );
    assert_eq!(output.status.code(), Some(2));
    assert!(
        text(&output.stderr).contains("[brief] is invalid"),
        "{}",
        text(&output.stderr)
    );
    assert_eq!(
        run(dir.path(), MORNING, &["--bogus"]).status.code(),
        Some(2)
    );
}

#[test]
fn completions_are_generated_for_each_shell() {
    let dir = tempfile::tempdir().unwrap();
    for shell in ["bash", "zsh", "fish", "elvish", "powershell"] {
        let output = run(dir.path(), MORNING, &["completions", shell]);
        assert_eq!(output.status.code(), Some(0), "{shell}");
        let script = text(&output.stdout);
        assert!(
            script.contains("ingest") && script.contains("brief"),
            "{shell}"
        );
    }
}
