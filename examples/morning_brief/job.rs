//! The main job's run: arguments, the day loop, delivery after commit, exit codes.

use std::error::Error;
use std::io::Write;
use std::path::{Path, PathBuf};

use bellwether::brief::{Composed, RenderContext, Zone};
use bellwether::chrono::{Days, FixedOffset, NaiveTime, TimeZone};

use crate::backend::Backend;
use crate::data::{DEFAULT_DATA_DIR, load_days};
use crate::summary::{Format, print_report, render_brief};

struct Options {
    format: Format,
    out: Option<PathBuf>,
    state: Option<PathBuf>,
    store: Option<PathBuf>,
    data: PathBuf,
    zone: FixedOffset,
    preview: bool,
}

/// Why the run stopped: bad arguments (exit 2) or a failure while running (exit 1).
enum Failure {
    Usage(Box<dyn Error>),
    Run(Box<dyn Error>),
}

/// Runs the job with `args` (without the program name); returns the exit code: 0 done (a
/// quiet day included), 1 failed, 2 bad arguments.
pub(crate) fn execute(args: impl Iterator<Item = String>) -> u8 {
    let options = match parse_args(args) {
        Ok(options) => options,
        Err(failure) => return report(Failure::Usage(failure)),
    };
    match run(options) {
        Ok(()) => 0,
        Err(failure) => report(Failure::Run(failure)),
    }
}

/// Prints the error and every cause under it, and gives the exit code.
fn report(failure: Failure) -> u8 {
    let (error, code) = match &failure {
        Failure::Usage(error) => (error, 2),
        Failure::Run(error) => (error, 1),
    };
    eprint!("{}", describe(error.as_ref()));
    code
}

/// `error: …` and one `  caused by: …` line per cause under it: the underlying error (a full
/// disk, a directory where a file should be, invalid UTF-8) is always shown.
pub(crate) fn describe(error: &dyn Error) -> String {
    let mut text = format!("error: {error}\n");
    let mut cause = error.source();
    while let Some(error) = cause {
        text.push_str(&format!("  caused by: {error}\n"));
        cause = error.source();
    }
    text
}

fn parse_args(mut args: impl Iterator<Item = String>) -> Result<Options, Box<dyn Error>> {
    let mut options = Options {
        format: Format::Text,
        out: None,
        state: None,
        store: None,
        data: PathBuf::from(DEFAULT_DATA_DIR),
        zone: FixedOffset::east_opt(0).ok_or("bad zone")?,
        preview: false,
    };
    while let Some(arg) = args.next() {
        let mut value = || args.next().ok_or_else(|| format!("{arg} needs a value"));
        match arg.as_str() {
            "--format" => options.format = value()?.parse()?,
            "--out" => options.out = Some(value()?.into()),
            "--state" => options.state = Some(value()?.into()),
            "--store" => options.store = Some(value()?.into()),
            "--data" => options.data = value()?.into(),
            "--preview" => options.preview = true,
            "--zone" => {
                let zone = value()?;
                options.zone = zone
                    .parse()
                    .map_err(|_| format!("--zone {zone:?}: give a UTC offset such as +02:00"))?;
            }
            "--help" | "-h" => {
                println!(
                    "usage: morning_brief [--format text|markdown|html|email|json|atom|jsonfeed] \
                     [--out FILE] [--state FILE | --store FILE] [--data DIR] [--zone +HH:MM] \
                     [--preview]\n\
                     exit codes: 0 done (a quiet day included), 1 failed, 2 bad arguments"
                );
                std::process::exit(0);
            }
            other => return Err(format!("unknown argument {other:?}; see --help").into()),
        }
    }
    if options.state.is_some() && options.store.is_some() {
        return Err("give --state or --store, not both".into());
    }
    #[cfg(not(feature = "store"))]
    if options.store.is_some() {
        return Err("--store needs the store feature: \
                    cargo run --release --features store --example morning_brief -- --store FILE"
            .into());
    }
    Ok(options)
}

fn run(options: Options) -> Result<(), Box<dyn Error>> {
    let days = load_days(&options.data)?;
    let mut backend = Backend::open(
        options.state.as_deref(),
        options.store.as_deref(),
        options.preview,
    )?;
    let seven = NaiveTime::from_hms_opt(7, 0, 0).ok_or("bad time")?;
    let mut delivered = 0usize;

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
        let settled = backend.pipeline().settled_at();
        if settled.is_some_and(|at| at > morning) {
            println!("━━ {} · already processed in the saved state", day.date);
            continue;
        }
        // Ingested and saved by an earlier run: only its brief may still be undelivered.
        let resumed = settled == Some(morning);
        if !resumed {
            println!(
                "━━ {} · {} articles · {} extractions",
                day.date,
                day.articles.len(),
                day.extractions.len()
            );
            for extraction in &day.extractions {
                let article = day.article_of(extraction).ok_or_else(|| {
                    format!("{}: no article {}", day.date, extraction.article_id())
                })?;
                let report = backend.ingest(article, extraction, extraction.extracted_at())?;
                print_report(backend.pipeline(), article, &report);
            }
        }

        let context = RenderContext::new(morning).zone(Zone::Fixed(options.zone));
        let composed = backend.compose(morning)?;
        backend.commit()?;
        match composed {
            Composed::Brief(brief) => {
                let rendered = render_brief(options.format, &brief, &context)?;
                if resumed {
                    println!(
                        "━━ {} · ingested in the saved state, but its brief was not delivered",
                        day.date
                    );
                }
                println!(
                    "\n☀ Morning brief for {next} ({} items)\n",
                    brief.items().len()
                );
                match &options.out {
                    Some(path) if !options.preview => {
                        write_atomically(path, &rendered)?;
                        println!("Brief written to {}\n", path.display());
                    }
                    _ => println!("{rendered}"),
                }
                if !options.preview {
                    backend.record_delivery(&brief)?;
                    backend.commit()?;
                }
                delivered += 1;
            }
            Composed::Quiet(quiet) if !resumed => {
                println!("\n☾ No brief on the morning of {next}: {quiet}.\n")
            }
            Composed::Quiet(_) => {
                println!("━━ {} · already processed in the saved state", day.date)
            }
        }
    }

    if let Some(path) = &options.out
        && delivered == 0
    {
        println!("No brief was due, so {} is unchanged", path.display());
    }
    match (
        options.state.as_ref().or(options.store.as_ref()),
        options.preview,
    ) {
        (Some(path), false) => println!("State saved to {}", path.display()),
        (Some(path), true) => println!("Preview: nothing recorded, {} unchanged", path.display()),
        (None, _) => {}
    }
    Ok(())
}

/// Writes `text` to `path` atomically: a fresh temporary file beside it, synced, then renamed
/// over it; on failure the temporary file is removed and `path` is as it was.
fn write_atomically(path: &Path, text: &str) -> Result<(), Box<dyn Error>> {
    let dir = match path.parent() {
        Some(dir) if !dir.as_os_str().is_empty() => dir,
        _ => Path::new("."),
    };
    let context = |e: std::io::Error| format!("writing {}: {e}", path.display());
    let mut file = tempfile::NamedTempFile::new_in(dir).map_err(context)?;
    // A brief is for reading: keep the permissions of the file it replaces, else owner
    // read-write and world-readable (the temporary file starts private).
    let permissions = match std::fs::metadata(path) {
        Ok(metadata) => metadata.permissions(),
        Err(_) => {
            #[cfg(unix)]
            let permissions = std::os::unix::fs::PermissionsExt::from_mode(0o644);
            #[cfg(not(unix))]
            let permissions = file.as_file().metadata().map_err(context)?.permissions();
            permissions
        }
    };
    file.as_file()
        .set_permissions(permissions)
        .map_err(context)?;
    file.write_all(text.as_bytes()).map_err(context)?;
    file.as_file().sync_all().map_err(context)?;
    file.persist(path).map_err(|e| context(e.error))?;
    Ok(())
}
