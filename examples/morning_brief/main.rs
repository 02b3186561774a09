//! The main job: replays several days of bundled news through the pipeline and prints each
//! day's ingest summary and the next morning's brief, or why there is none.
//!
//! ```text
//! cargo run --release --example morning_brief -- [--format text|markdown|html|email|json|atom|jsonfeed]
//!     [--out FILE] [--state FILE] [--data DIR] [--zone +HH:MM]
//! ```
//!
//! - `--format`: how the briefs are rendered (default `text`).
//! - `--out FILE`: write the last brief there instead of printing every brief.
//! - `--state FILE`: load the pipeline state from FILE if it exists, save it back at the end;
//!   extractions already ingested are recognised and change nothing.
//! - `--data DIR`: another data directory in the layout of `examples/data/`.
//! - `--zone +HH:MM`: the reader's UTC offset; briefs are composed at 07:00 there.

mod data;
mod summary;

use std::error::Error;
use std::path::PathBuf;
use std::process::ExitCode;

use bellwether::Pipeline;
use bellwether::brief::{Composed, RenderContext, Zone};
use bellwether::chrono::{Days, FixedOffset, NaiveTime, TimeZone};

use crate::data::{DEFAULT_DATA_DIR, load_days};
use crate::summary::{Format, print_report, render_brief};

struct Options {
    format: Format,
    out: Option<PathBuf>,
    state: Option<PathBuf>,
    data: PathBuf,
    zone: FixedOffset,
}

fn main() -> ExitCode {
    match parse_args(std::env::args().skip(1)).and_then(run) {
        Ok(()) => ExitCode::SUCCESS,
        Err(err) => {
            eprintln!("error: {err}");
            ExitCode::FAILURE
        }
    }
}

fn parse_args(mut args: impl Iterator<Item = String>) -> Result<Options, Box<dyn Error>> {
    let mut options = Options {
        format: Format::Text,
        out: None,
        state: None,
        data: PathBuf::from(DEFAULT_DATA_DIR),
        zone: FixedOffset::east_opt(0).ok_or("bad zone")?,
    };
    while let Some(arg) = args.next() {
        let mut value = || args.next().ok_or_else(|| format!("{arg} needs a value"));
        match arg.as_str() {
            "--format" => options.format = value()?.parse()?,
            "--out" => options.out = Some(value()?.into()),
            "--state" => options.state = Some(value()?.into()),
            "--data" => options.data = value()?.into(),
            "--zone" => {
                let zone = value()?;
                options.zone = zone
                    .parse()
                    .map_err(|_| format!("--zone {zone:?}: give a UTC offset such as +02:00"))?;
            }
            "--help" | "-h" => {
                println!(
                    "usage: morning_brief [--format text|markdown|html|email|json|atom|jsonfeed] \
                     [--out FILE] [--state FILE] [--data DIR] [--zone +HH:MM]"
                );
                std::process::exit(0);
            }
            other => return Err(format!("unknown argument {other:?}; see --help").into()),
        }
    }
    Ok(options)
}

fn run(options: Options) -> Result<(), Box<dyn Error>> {
    let days = load_days(&options.data)?;
    let mut pipeline = match &options.state {
        Some(path) if path.exists() => Pipeline::load(path)?,
        _ => Pipeline::new(),
    };
    let seven = NaiveTime::from_hms_opt(7, 0, 0).ok_or("bad time")?;
    let mut last_brief = None;

    for day in &days {
        // The brief is composed at 07:00 the next morning in the reader's zone.
        let next = day
            .date
            .checked_add_days(Days::new(1))
            .ok_or("date out of range")?;
        let morning = options
            .zone
            .from_local_datetime(&next.and_time(seven))
            .single()
            .ok_or("no such local time")?
            .to_utc();
        if pipeline.settled_at().is_some_and(|at| at >= morning) {
            println!("━━ {} · already processed in the saved state", day.date);
            continue;
        }
        println!(
            "━━ {} · {} articles · {} extractions",
            day.date,
            day.articles.len(),
            day.extractions.len()
        );
        for extraction in &day.extractions {
            let article = day
                .article_of(extraction)
                .ok_or_else(|| format!("{}: no article {}", day.date, extraction.article_id()))?;
            let report = pipeline.ingest(article, extraction, extraction.extracted_at())?;
            print_report(&pipeline, article, &report);
        }

        let context = RenderContext::new(morning).zone(Zone::Fixed(options.zone));
        match pipeline.compose(morning)? {
            Composed::Brief(brief) => {
                let rendered = render_brief(options.format, &brief, &context)?;
                println!(
                    "\n☀ Morning brief for {next} ({} items)\n",
                    brief.items().len()
                );
                if options.out.is_none() {
                    println!("{rendered}");
                }
                last_brief = Some(rendered);
            }
            Composed::Quiet(quiet) => println!("\n☾ No brief on the morning of {next}: {quiet}.\n"),
        }
    }

    if let Some(path) = &options.out {
        let brief = last_brief.ok_or("no brief was composed, so there is nothing to write")?;
        std::fs::write(path, brief).map_err(|e| format!("{}: {e}", path.display()))?;
        println!("Last brief written to {}", path.display());
    }
    if let Some(path) = &options.state {
        pipeline.save(path)?;
        println!("State saved to {}", path.display());
    }
    Ok(())
}
