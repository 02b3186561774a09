//! The main job's run: arguments, the day loop, delivery after commit, exit codes.

use std::error::Error;
use std::io::Write;
use std::path::PathBuf;

use bellwether::PipelineConfig;
use bellwether::brief::{RenderContext, Zone};
use bellwether::chrono::{Days, FixedOffset, NaiveTime, TimeZone};
pub(crate) use bellwether::job::describe;
use bellwether::job::{Backend, Morning, run_morning, write_atomically};

use crate::data::{DEFAULT_DATA_DIR, load_days};
use crate::summary::{Format, print_malformed, print_report, render_brief};

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
    let stdout = std::io::stdout();
    match run(options, &mut stdout.lock()) {
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

/// Replays the days of `options.data`, writing what happens to `out`.
///
/// A malformed extraction, an extraction naming an article its day does not have, and an
/// extraction the pipeline refuses are reported on their own line and cost only themselves:
/// the rest of the day and the run go on.
fn run(options: Options, out: &mut dyn Write) -> Result<(), Box<dyn Error>> {
    let days = load_days(&options.data)?;
    let mut backend = Backend::open(
        options.state.as_deref(),
        options.store.as_deref(),
        PipelineConfig::default(),
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
            writeln!(
                out,
                "━━ {} · already processed in the saved state",
                day.date
            )?;
            continue;
        }
        // Ingested and saved by an earlier run: only its brief may still be undelivered.
        let resumed = settled == Some(morning);
        if !resumed {
            writeln!(
                out,
                "━━ {} · {} articles · {} extractions",
                day.date,
                day.articles.len(),
                day.extractions.len() + day.malformed.len()
            )?;
            for malformed in &day.malformed {
                print_malformed(out, malformed)?;
            }
            for extraction in &day.extractions {
                let Some(article) = day.article_of(extraction) else {
                    writeln!(
                        out,
                        "  ✗ extraction for article {} skipped: the day has no such article",
                        extraction.article_id()
                    )?;
                    continue;
                };
                match backend.ingest(article, extraction, extraction.extracted_at()) {
                    Ok(report) => print_report(out, backend.pipeline(), article, &report)?,
                    // A refusal of the extraction itself (a reused id, an absurd date, …)
                    // costs only that extraction; a failure to keep the state stops the run.
                    Err(error) if error.costs_only_itself() => writeln!(
                        out,
                        "  ✗ {} ({}) · extraction refused, nothing changed: {error}",
                        article.source().title(),
                        article.source().outlet()
                    )?,
                    Err(error) => return Err(error.into()),
                }
            }
        }

        let context = RenderContext::new(morning).zone(Zone::Fixed(options.zone));
        let morning = run_morning(&mut backend, morning, |brief| {
            let rendered =
                render_brief(options.format, brief, &context).map_err(std::io::Error::other)?;
            if resumed {
                writeln!(
                    out,
                    "━━ {} · ingested in the saved state, but its brief was not delivered",
                    day.date
                )?;
            }
            writeln!(
                out,
                "\n☀ Morning brief for {next} ({} items)\n",
                brief.items().len()
            )?;
            match &options.out {
                Some(path) if !options.preview => {
                    write_atomically(path, rendered.as_bytes()).map_err(|e| {
                        std::io::Error::new(e.kind(), format!("writing {}: {e}", path.display()))
                    })?;
                    writeln!(out, "Brief written to {}\n", path.display())?;
                }
                _ => writeln!(out, "{rendered}")?,
            }
            Ok::<(), std::io::Error>(())
        })
        .map_err(|error| -> Box<dyn Error> { Box::new(error) })?;
        match morning {
            Morning::Delivered(_) => delivered += 1,
            Morning::Quiet(quiet) if !resumed => {
                writeln!(out, "\n☾ No brief on the morning of {next}: {quiet}.\n")?
            }
            _ => writeln!(
                out,
                "━━ {} · already processed in the saved state",
                day.date
            )?,
        }
    }

    if let Some(path) = &options.out
        && delivered == 0
    {
        writeln!(out, "No brief was due, so {} is unchanged", path.display())?;
    }
    match (
        options.state.as_ref().or(options.store.as_ref()),
        options.preview,
    ) {
        (Some(path), false) => writeln!(out, "State saved to {}", path.display())?,
        (Some(path), true) => writeln!(
            out,
            "Preview: nothing recorded, {} unchanged",
            path.display()
        )?,
        (None, _) => {}
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    //! The main job on the sample data with the slips a model makes: each costs only itself.

    // Tests may panic on a broken expectation: that is how they fail.
    #![allow(clippy::unwrap_used, clippy::expect_used)]

    use std::fs;
    use std::path::{Path, PathBuf};

    use serde_json::Value;

    use super::*;
    use crate::data::DEFAULT_DATA_DIR;

    /// A copy of the sample data in a fresh directory, its day files passed through `edit`.
    fn sample_data_with(name: &str, edit: impl Fn(&str, &mut Value)) -> PathBuf {
        let dir = std::env::temp_dir().join(format!(
            "bellwether-morning-brief-{name}-{}",
            std::process::id()
        ));
        let _ = fs::remove_dir_all(&dir);
        let source = Path::new(DEFAULT_DATA_DIR);
        for sub in ["articles", "days"] {
            fs::create_dir_all(dir.join(sub)).unwrap();
            for entry in fs::read_dir(source.join(sub)).unwrap() {
                let path = entry.unwrap().path();
                let target = dir.join(sub).join(path.file_name().unwrap());
                if sub == "days" {
                    let mut day: Value =
                        serde_json::from_str(&fs::read_to_string(&path).unwrap()).unwrap();
                    edit(path.file_name().unwrap().to_str().unwrap(), &mut day);
                    fs::write(target, serde_json::to_string_pretty(&day).unwrap()).unwrap();
                } else {
                    fs::copy(&path, target).unwrap();
                }
            }
        }
        dir
    }

    /// Runs the main job on `data` in `format`, returning what it printed.
    fn run_on(data: &Path, format: &str) -> String {
        let args = ["--data", data.to_str().unwrap(), "--format", format];
        let options = parse_args(args.into_iter().map(str::to_owned)).unwrap();
        let mut out = Vec::new();
        run(options, &mut out).unwrap();
        String::from_utf8(out).unwrap()
    }

    #[test]
    fn an_anchor_slip_and_malformed_extractions_cost_only_themselves() {
        let data = sample_data_with("slips", |file, day| {
            if file != "2026-05-26.json" {
                return;
            }
            let extractions = day["extractions"].as_array_mut().unwrap();
            // The slip: the quote has a curly apostrophe, the anchor a straight one.
            let mut found = false;
            for extraction in extractions.iter_mut() {
                for quote in extraction["quotes"].as_array_mut().unwrap() {
                    if quote["text"]
                        .as_str()
                        .unwrap()
                        .starts_with("China's dominance")
                    {
                        quote["text"] =
                            "China\u{2019}s dominance in rare earths was never about geology alone"
                                .into();
                        quote["anchors"] = serde_json::json!(["China's dominance"]);
                        found = true;
                    }
                }
            }
            assert!(found);
            // A malformed extraction, and one for an article the day does not have.
            let mut malformed = extractions[0].clone();
            malformed["strength"] = 11.into();
            let mut orphan = extractions[0].clone();
            orphan["article_id"] = "no-such-article".into();
            extractions.insert(0, malformed);
            extractions.push(orphan);
        });
        let out = run_on(&data, "text");
        // Before, the run stopped at this day: "anchor … does not occur in its quote".
        assert!(
            out.contains("━━ 2026-05-26 · 2 articles · 5 extractions"),
            "{out}"
        );
        assert!(out.contains("is malformed at strength"), "{out}");
        assert!(
            out.contains("extraction for article no-such-article skipped"),
            "{out}"
        );
        assert!(out.contains("✓ The G-2 Reality (Strategy Quarterly) · 2/2 quotes accepted"));
        // The rest of the day and the next day go on; the anchor is placed, typography folded.
        assert!(out.contains("━━ 2026-05-27"), "{out}");
        assert!(out.contains("☀ Morning brief for 2026-05-28"), "{out}");
        let words = out.split_whitespace().collect::<Vec<_>>().join(" ");
        assert!(
            words.contains(
                "\"China\u{2019}s dominance in rare earths was never about geology alone\" [China\u{2019}s dominance]"
            ),
            "{out}"
        );
        fs::remove_dir_all(data).unwrap();
    }

    #[test]
    fn one_word_misquotes_are_shown_in_the_articles_words_and_reported() {
        // As the issue measured: one word changed in each long quote of the sample data.
        let misquotes = std::cell::RefCell::new(Vec::new());
        let data = sample_data_with("misquotes", |_, day| {
            for extraction in day["extractions"].as_array_mut().unwrap() {
                for quote in extraction["quotes"].as_array_mut().unwrap() {
                    let text = quote["text"].as_str().unwrap().to_owned();
                    let change = [(" is ", " was "), (" and ", " & ")]
                        .into_iter()
                        .find(|(from, _)| text.len() > 80 && text.contains(from));
                    if let Some((from, to)) = change {
                        let misquoted = text.replacen(from, to, 1);
                        misquotes.borrow_mut().push(misquoted.clone());
                        quote["text"] = misquoted.into();
                    }
                }
            }
        });
        let misquotes = misquotes.into_inner();
        assert!(misquotes.len() >= 15, "{}", misquotes.len());
        let words = |text: &str| text.split_whitespace().collect::<Vec<_>>().join(" ");
        for format in ["text", "markdown", "json"] {
            let out = run_on(&data, format);
            assert!(
                out.contains("the model wrote 'was', the article says 'is'"),
                "{format}: {out}"
            );
            assert!(out.contains("the model wrote '&', the article says 'and'"));
            // Only the report's "rejected" lines may repeat the model's words.
            let shown: String = out
                .lines()
                .filter(|line| !line.trim_start().starts_with("rejected \""))
                .collect::<Vec<_>>()
                .join("\n");
            let shown = words(&shown);
            for misquote in &misquotes {
                let misquote = words(misquote);
                assert!(
                    !shown.contains(&misquote),
                    "{format} shows the model's words {misquote:?}"
                );
            }
        }
        fs::remove_dir_all(data).unwrap();
    }
}
