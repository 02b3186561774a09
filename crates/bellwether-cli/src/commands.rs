//! Each subcommand, on the library's API: the state through `bellwether::job::Backend`, the
//! morning through `bellwether::job::run_morning`, as the main job does.

use std::io::{Read, Write};

use bellwether::Article;
use bellwether::brief::{Masthead, RenderContext, Zone};
use bellwether::chrono::{DateTime, FixedOffset, Utc};
use bellwether::job::{Backend, Morning, run_morning, write_atomically};
use bellwether::signal::{ArticleId, SignalId};
use clap::CommandFactory;

use crate::cli::{BriefArgs, Cli, Command};
use crate::config::Config;
use crate::{Failure, ingest, render};

/// Why a command's request cannot be met (exit 1).
#[derive(Debug, thiserror::Error)]
enum CommandError {
    #[error("no signal {0:?} in the state; `bellwether signals` lists them")]
    UnknownSignal(String),
    #[error("no article {0:?} in the state")]
    UnknownArticle(String),
    #[error("reading the article {path}")]
    ReadArticle {
        path: String,
        #[source]
        source: std::io::Error,
    },
    #[error("the article {path} is not an article's JSON")]
    ArticleJson {
        path: String,
        #[source]
        source: serde_json::Error,
    },
    #[error("writing {path}")]
    WriteOut {
        path: String,
        #[source]
        source: std::io::Error,
    },
}

/// Runs the command; returns the exit code of a run that did not fail.
pub(crate) fn run(cli: Cli) -> Result<u8, Failure> {
    let config =
        Config::load(cli.global.config.as_deref()).map_err(|e| Failure::Usage(Box::new(e)))?;
    let state = cli
        .global
        .state
        .clone()
        .unwrap_or_else(|| config.state.clone());
    let now = cli.global.now.unwrap_or_else(Utc::now);
    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    match &cli.command {
        Command::Ingest(args) => {
            let mut backend = Backend::open(Some(&state), None, config.pipeline(), false)?;
            ingest::ingest(args, &mut backend, now, &mut out)
        }
        Command::Brief(args) => brief(args, &config, &state, now, &mut out),
        Command::Signals(args) => {
            let backend = Backend::open(Some(&state), None, config.pipeline(), true)?;
            let mut signals: Vec<_> = backend.pipeline().signals().collect();
            signals.sort_by(|a, b| {
                b.strength()
                    .cmp(&a.strength())
                    .then(a.id().as_str().cmp(b.id().as_str()))
            });
            for signal in signals {
                if args.json {
                    writeln!(out, "{}", serde_json::to_string(signal)?)?;
                } else {
                    writeln!(
                        out,
                        "str {:>2} · {} articles · {} · {}",
                        signal.strength().value(),
                        signal.article_count(),
                        signal.id(),
                        signal.thesis()
                    )?;
                }
            }
            Ok(0)
        }
        Command::Explain(args) => {
            let backend = Backend::open(Some(&state), None, config.pipeline(), true)?;
            let id = SignalId::new(&args.id).map_err(|e| Failure::Usage(Box::new(e)))?;
            let explanation = backend
                .pipeline()
                .explain(&id, now)?
                .ok_or_else(|| CommandError::UnknownSignal(args.id.clone()))?;
            match args.json {
                true => writeln!(out, "{}", serde_json::to_string_pretty(&explanation)?)?,
                false => write!(out, "{explanation}")?,
            }
            Ok(0)
        }
        Command::Schema(args) => {
            let schema = match args.strict {
                true => bellwether::schema::strict_extraction_schema(),
                false => bellwether::schema::extraction_schema(),
            };
            writeln!(out, "{}", serde_json::to_string_pretty(&schema)?)?;
            Ok(0)
        }
        Command::Prompt(args) => {
            let path = args.article.display().to_string();
            let mut text = String::new();
            let read = if path == "-" {
                std::io::stdin().read_to_string(&mut text).map(drop)
            } else {
                std::fs::read_to_string(&args.article).map(|t| text = t)
            };
            read.map_err(|source| CommandError::ReadArticle {
                path: path.clone(),
                source,
            })?;
            let article: Article = serde_json::from_str(&text)
                .map_err(|source| CommandError::ArticleJson { path, source })?;
            let backend = Backend::open(Some(&state), None, config.pipeline(), true)?;
            let prompt = backend.pipeline().prompt(&article, now, args.candidates)?;
            writeln!(out, "{}", serde_json::to_string_pretty(&prompt)?)?;
            Ok(0)
        }
        Command::Retract(args) => {
            let id = ArticleId::new(&args.article).map_err(|e| Failure::Usage(Box::new(e)))?;
            let mut backend = Backend::open(Some(&state), None, config.pipeline(), false)?;
            let removed = backend.retract(&id)?;
            if removed == 0 {
                return Err(CommandError::UnknownArticle(args.article.clone()).into());
            }
            backend.commit()?;
            writeln!(
                out,
                "Retracted article {id}: {removed} extractions removed; state saved to {}",
                state.display()
            )?;
            Ok(0)
        }
        Command::Forget(args) => {
            let mut backend = Backend::open(Some(&state), None, config.pipeline(), false)?;
            let forgotten = backend.forget_before(args.before)?;
            backend.commit()?;
            writeln!(
                out,
                "Forgot {forgotten} articles published before {}; state saved to {}",
                args.before.to_rfc3339(),
                state.display()
            )?;
            Ok(0)
        }
        Command::Config => {
            let text = config.to_toml().map_err(|e| Failure::Usage(Box::new(e)))?;
            write!(out, "{text}")?;
            Ok(0)
        }
        Command::Completions(args) => {
            clap_complete::generate(args.shell, &mut Cli::command(), "bellwether", &mut out);
            Ok(0)
        }
    }
}

/// `bellwether brief`: the morning, as the main job runs it.
fn brief(
    args: &BriefArgs,
    config: &Config,
    state: &std::path::Path,
    now: DateTime<Utc>,
    out: &mut dyn Write,
) -> Result<u8, Failure> {
    let zone = match args.zone {
        Some(zone) => zone,
        None => config.zone.parse::<FixedOffset>().map_err(|_| {
            Failure::Usage(
                format!(
                    "configuration: zone {:?} is not a UTC offset such as +02:00",
                    config.zone
                )
                .into(),
            )
        })?,
    };
    let format = args.format.unwrap_or(config.format);
    let mut context = RenderContext::new(now).zone(Zone::Fixed(zone));
    if let Some(title) = &config.title {
        let mut masthead = Masthead::new(title);
        if let Some(tagline) = &config.tagline {
            masthead = masthead.tagline(tagline);
        }
        context = context.masthead(masthead);
    }
    let mut backend = Backend::open(Some(state), None, config.pipeline(), args.preview)?;
    let morning = run_morning(&mut backend, now, |brief| -> Result<(), DeliveryError> {
        let rendered = render::render(format, brief, &context, config.email.as_ref())?;
        match &args.out {
            Some(path) if !args.preview => {
                write_atomically(path, rendered.as_bytes()).map_err(|source| {
                    CommandError::WriteOut {
                        path: path.display().to_string(),
                        source,
                    }
                })?;
                eprintln!("Brief {} written to {}", brief.number(), path.display());
            }
            _ => out
                .write_all(rendered.as_bytes())
                .map_err(DeliveryError::Print)?,
        }
        Ok(())
    })?;
    match morning {
        Morning::Delivered(brief) if args.preview => eprintln!(
            "Preview of brief {}: nothing recorded, {} unchanged",
            brief.number(),
            state.display()
        ),
        Morning::Delivered(_) => {}
        Morning::Quiet(quiet) => eprintln!("No brief due: {quiet}."),
        _ => {}
    }
    Ok(0)
}

/// Why delivering a brief failed.
#[derive(Debug, thiserror::Error)]
enum DeliveryError {
    #[error(transparent)]
    Render(#[from] render::RenderFailure),
    #[error(transparent)]
    Write(#[from] CommandError),
    #[error("printing the brief")]
    Print(#[source] std::io::Error),
}
