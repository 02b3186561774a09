//! `bellwether ingest`: a data directory in the sample layout, or JSON Lines on standard input,
//! into the state; a progress bar on a terminal, plain lines otherwise.

use std::io::{BufRead, IsTerminal, Write};
use std::path::Path;

use bellwether::chrono::{DateTime, Utc};
use bellwether::days::load_days;
use bellwether::job::Backend;
use bellwether::signal::Extraction;
use bellwether::{Article, MalformedExtraction, read_extraction};
use indicatif::{ProgressBar, ProgressStyle};
use serde::Deserialize;

use crate::Failure;
use crate::cli::{IngestArgs, Progress};

/// One line of JSON Lines input.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Line {
    article: Article,
    extractions: Vec<serde_json::Value>,
}

/// What one ingest did, for the summary line.
#[derive(Debug, Default)]
struct Tally {
    extractions: usize,
    accepted_quotes: usize,
    rejected_quotes: usize,
    refused: usize,
    unreadable: usize,
}

/// Where progress goes: a bar on a terminal, plain lines on standard error otherwise.
enum Reporter {
    Bar(ProgressBar),
    Lines,
}

impl Reporter {
    fn new(progress: Progress, total: Option<u64>) -> Reporter {
        let terminal = std::io::stderr().is_terminal();
        let bar = match progress {
            Progress::Always => true,
            Progress::Never => false,
            Progress::Auto => terminal,
        };
        if !bar {
            return Reporter::Lines;
        }
        let bar = match total {
            Some(total) => ProgressBar::new(total),
            None => ProgressBar::new_spinner(),
        };
        if let Ok(style) = ProgressStyle::with_template(
            "{spinner} [{elapsed_precise}] {wide_bar} {pos}/{len} extractions {msg}",
        ) {
            bar.set_style(style);
        }
        Reporter::Bar(bar)
    }

    /// A line of news: printed above the bar, or as it is.
    fn line(&self, text: &str) {
        match self {
            Reporter::Bar(bar) => bar.println(text),
            Reporter::Lines => eprintln!("{text}"),
        }
    }

    fn step(&self, message: &str) {
        if let Reporter::Bar(bar) = self {
            bar.set_message(message.to_owned());
            bar.inc(1);
        }
    }

    fn finish(&self) {
        if let Reporter::Bar(bar) = self {
            bar.finish_and_clear();
        }
    }
}

/// Runs `ingest`; returns the exit code (1 when some input could not be read).
pub(crate) fn ingest(
    args: &IngestArgs,
    backend: &mut Backend,
    now: DateTime<Utc>,
    out: &mut dyn Write,
) -> Result<u8, Failure> {
    let mut tally = Tally::default();
    match args.dir.as_deref().filter(|dir| *dir != Path::new("-")) {
        Some(dir) => {
            let days = load_days(dir)?;
            let total: usize = days.iter().map(|d| d.extractions.len()).sum();
            let reporter = Reporter::new(args.progress, Some(total as u64));
            for day in &days {
                reporter.line(&format!(
                    "{} · {} articles · {} extractions",
                    day.date,
                    day.articles.len(),
                    day.extractions.len() + day.malformed.len()
                ));
                for malformed in &day.malformed {
                    unreadable(&reporter, &mut tally, malformed);
                }
                for extraction in &day.extractions {
                    reporter.step(&day.date.to_string());
                    match day.article_of(extraction) {
                        Some(article) => {
                            one(backend, article, extraction, now, &reporter, &mut tally)?
                        }
                        None => {
                            tally.unreadable += 1;
                            reporter.line(&format!(
                                "  ✗ extraction for article {} skipped: the day has no such article",
                                extraction.article_id()
                            ));
                        }
                    }
                }
            }
            reporter.finish();
        }
        None => {
            let reporter = Reporter::new(args.progress, None);
            let stdin = std::io::stdin();
            for (number, line) in stdin.lock().lines().enumerate() {
                let line = line?;
                if line.trim().is_empty() {
                    continue;
                }
                let parsed: Line = match serde_json::from_str(&line) {
                    Ok(parsed) => parsed,
                    Err(error) => {
                        tally.unreadable += 1;
                        reporter.line(&format!(
                            "  ✗ line {} is not an article with its extractions: {error} · skipped",
                            number + 1
                        ));
                        continue;
                    }
                };
                for (index, value) in parsed.extractions.iter().enumerate() {
                    reporter.step(parsed.article.id().as_str());
                    match read_extraction(index, value) {
                        Ok(extraction) if extraction.article_id() != parsed.article.id() => {
                            tally.unreadable += 1;
                            reporter.line(&format!(
                                "  ✗ line {}: extraction {} names article {}, not {} · skipped",
                                number + 1,
                                index + 1,
                                extraction.article_id(),
                                parsed.article.id()
                            ));
                        }
                        Ok(extraction) => one(
                            backend,
                            &parsed.article,
                            &extraction,
                            now,
                            &reporter,
                            &mut tally,
                        )?,
                        Err(malformed) => unreadable(&reporter, &mut tally, &malformed),
                    }
                }
            }
            reporter.finish();
        }
    }
    backend.commit()?;
    writeln!(
        out,
        "Ingested {} extractions: {} quotes accepted, {} rejected; {} extractions refused, {} unreadable; {} signals, {} articles in the state",
        tally.extractions,
        tally.accepted_quotes,
        tally.rejected_quotes,
        tally.refused,
        tally.unreadable,
        backend.pipeline().signals().count(),
        backend.pipeline().article_count(),
    )?;
    Ok(if tally.unreadable > 0 { 1 } else { 0 })
}

fn unreadable(reporter: &Reporter, tally: &mut Tally, malformed: &MalformedExtraction) {
    tally.unreadable += 1;
    reporter.line(&format!(
        "  ✗ extraction {} for article {} is malformed at {}: {} · skipped",
        malformed.index + 1,
        malformed.article.as_deref().unwrap_or("(no article id)"),
        malformed.field,
        malformed.message
    ));
}

/// Ingests one extraction; a refusal of the extraction itself costs only it, a failure to keep
/// the state stops the run.
fn one(
    backend: &mut Backend,
    article: &Article,
    extraction: &Extraction,
    now: DateTime<Utc>,
    reporter: &Reporter,
    tally: &mut Tally,
) -> Result<(), Failure> {
    let title = article.source().title();
    match backend.ingest(article, extraction, now) {
        Ok(report) => {
            tally.extractions += 1;
            tally.accepted_quotes += report.accepted.len();
            tally.rejected_quotes += report.rejected.len();
            let mark = if report.accepted.is_empty() {
                '✗'
            } else {
                '✓'
            };
            reporter.line(&format!(
                "  {mark} {title} · {}/{} quotes accepted",
                report.accepted.len(),
                report.accepted.len() + report.rejected.len()
            ));
            for rejected in &report.rejected {
                reporter.line(&format!(
                    "      rejected {:?}: {}",
                    rejected.text, rejected.message
                ));
            }
            Ok(())
        }
        Err(error) if error.costs_only_itself() => {
            tally.refused += 1;
            reporter.line(&format!(
                "  ✗ {title} · extraction refused, nothing changed: {error}"
            ));
            Ok(())
        }
        Err(error) => Err(error.into()),
    }
}
