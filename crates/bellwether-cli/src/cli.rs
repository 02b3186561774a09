//! The command line: subcommands, their options, and the global ones.

use std::path::PathBuf;

use bellwether::chrono::{DateTime, FixedOffset, NaiveDate, Utc};
use clap::{Args, Parser, Subcommand, ValueEnum};

/// Turn language-model extractions from news articles into verified, scored signals, and a
/// morning brief only when the sources say something worth saying.
#[derive(Debug, Parser)]
#[command(name = "bellwether", version, about, after_help = EXIT_CODES)]
pub(crate) struct Cli {
    #[command(flatten)]
    pub(crate) global: Global,
    #[command(subcommand)]
    pub(crate) command: Command,
}

/// The exit codes, shown under `--help`.
pub(crate) const EXIT_CODES: &str = "Exit codes:
  0  done (a quiet day, with no brief due, is a success)
  1  failed (the error and each cause are printed); for `ingest`, also: some input could not
     be read (the rest was ingested and saved)
  2  bad arguments or configuration
  3  the state is locked by another run (try again later)";

/// Options every subcommand takes.
#[derive(Debug, Args)]
pub(crate) struct Global {
    /// The configuration file (TOML; see `bellwether config`). Default: none.
    #[arg(long, global = true, value_name = "FILE")]
    pub(crate) config: Option<PathBuf>,
    /// The state file (JSON), held under a writer lock while a command changes it.
    /// Default: `state` in the configuration, else `bellwether-state.json`.
    #[arg(long, global = true, value_name = "FILE")]
    pub(crate) state: Option<PathBuf>,
    /// The current time (RFC 3339), instead of the clock: for replays and tests.
    #[arg(long, global = true, value_name = "TIME")]
    pub(crate) now: Option<DateTime<Utc>>,
}

#[derive(Debug, Subcommand)]
pub(crate) enum Command {
    /// Ingest articles and their extractions: a directory in the sample layout
    /// (`days/*.json` and `articles/*.txt`), or JSON Lines on standard input
    /// (`{"article": {…, "text": "…"}, "extractions": [{…}]}` per line).
    Ingest(IngestArgs),
    /// Compose the brief due now and deliver it (save, deliver, record, save), or preview it.
    Brief(BriefArgs),
    /// List the signals in the state, strongest first.
    Signals(SignalsArgs),
    /// Explain a signal: every origin's contribution to its strength, when it next drops, and
    /// the claims its grounding check flagged.
    Explain(ExplainArgs),
    /// Print the extraction format as JSON Schema (draft 2020-12).
    Schema(SchemaArgs),
    /// Print the prompt for a model to extract an article (system and user messages, JSON).
    Prompt(PromptArgs),
    /// Remove an article and its evidence from every signal.
    Retract(RetractArgs),
    /// Forget everything published before a date, keeping the state bounded.
    Forget(ForgetArgs),
    /// Print the configuration in effect as TOML (the defaults, overlaid with `--config`).
    Config,
    /// Print a shell completion script.
    Completions(CompletionsArgs),
}

#[derive(Debug, Args)]
pub(crate) struct IngestArgs {
    /// The data directory; `-` or nothing reads JSON Lines from standard input.
    pub(crate) dir: Option<PathBuf>,
    /// Show a progress bar: `auto` (when standard error is a terminal), `always` or `never`
    /// (plain lines).
    #[arg(long, value_enum, default_value_t = Progress::Auto)]
    pub(crate) progress: Progress,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub(crate) enum Progress {
    Auto,
    Always,
    Never,
}

#[derive(Debug, Args)]
pub(crate) struct BriefArgs {
    /// How the brief is rendered. Default: `format` in the configuration, else `text`.
    #[arg(long, value_enum)]
    pub(crate) format: Option<Format>,
    /// Deliver the brief to FILE (replaced atomically) instead of standard output; a quiet
    /// morning leaves it as it was.
    #[arg(long, value_name = "FILE")]
    pub(crate) out: Option<PathBuf>,
    /// Compose and print the brief, but record no delivery, save nothing and hold no lock.
    #[arg(long)]
    pub(crate) preview: bool,
    /// The reader's UTC offset (`+02:00`). Default: `zone` in the configuration, else UTC.
    #[arg(long, value_name = "+HH:MM")]
    pub(crate) zone: Option<FixedOffset>,
}

/// The brief's formats.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum, serde::Deserialize, serde::Serialize)]
#[serde(rename_all = "kebab-case")]
pub(crate) enum Format {
    /// Plain text, wrapped at 80 columns.
    Text,
    /// CommonMark / GitHub Markdown.
    Markdown,
    /// A full HTML page.
    Html,
    /// HTML for an email body (inline styles).
    EmailHtml,
    /// A complete RFC 5322 email (text and HTML); needs `[email]` in the configuration.
    Email,
    /// JSON (the brief's documented schema).
    Json,
    /// An Atom 1.0 feed.
    Atom,
    /// A JSON Feed 1.1.
    Jsonfeed,
    /// A Slack Block Kit message payload.
    Slack,
    /// A Microsoft Teams message with an Adaptive Card.
    Teams,
    /// A generic webhook payload (JSON).
    Webhook,
}

#[derive(Debug, Args)]
pub(crate) struct SignalsArgs {
    /// JSON Lines (one signal per line, the signal model's JSON) instead of a table.
    #[arg(long)]
    pub(crate) json: bool,
}

#[derive(Debug, Args)]
pub(crate) struct ExplainArgs {
    /// The signal's id (see `bellwether signals`).
    pub(crate) id: String,
    /// The explanation as JSON instead of text.
    #[arg(long)]
    pub(crate) json: bool,
}

#[derive(Debug, Args)]
pub(crate) struct SchemaArgs {
    /// The structured-output variant (every property required, no additional properties).
    #[arg(long)]
    pub(crate) strict: bool,
}

#[derive(Debug, Args)]
pub(crate) struct PromptArgs {
    /// The article as JSON (`id`, `title`, `outlet`, `published`, `text`, optional `url` and
    /// `reliability`); `-` reads standard input.
    pub(crate) article: PathBuf,
    /// How many existing signals to offer the model as candidates.
    #[arg(long, default_value_t = 5)]
    pub(crate) candidates: usize,
}

#[derive(Debug, Args)]
pub(crate) struct RetractArgs {
    /// The article's id.
    pub(crate) article: String,
}

#[derive(Debug, Args)]
pub(crate) struct ForgetArgs {
    /// The horizon: a date (`2026-05-01`, midnight UTC) or an RFC 3339 time.
    #[arg(long, value_name = "DATE", value_parser = parse_horizon)]
    pub(crate) before: DateTime<Utc>,
}

#[derive(Debug, Args)]
pub(crate) struct CompletionsArgs {
    /// The shell.
    pub(crate) shell: clap_complete::Shell,
}

/// A date (midnight UTC) or an RFC 3339 time.
fn parse_horizon(text: &str) -> Result<DateTime<Utc>, String> {
    if let Ok(time) = text.parse::<DateTime<Utc>>() {
        return Ok(time);
    }
    text.parse::<NaiveDate>()
        .ok()
        .and_then(|date| date.and_hms_opt(0, 0, 0))
        .map(|time| time.and_utc())
        .ok_or_else(|| format!("{text:?} is neither a date (2026-05-01) nor an RFC 3339 time"))
}
