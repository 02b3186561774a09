//! How the example prints an ingest report and renders a brief.

use std::io::{self, Write};
use std::str::FromStr;

use bellwether::brief::{
    AtomRenderer, Brief, HtmlRenderer, JsonFeedRenderer, JsonRenderer, MarkdownRenderer, Render,
    RenderContext, TextRenderer,
};
use bellwether::ground::Verdict;
use bellwether::{
    Article, IngestOutcome, IngestReport, MalformedExtraction, Paragraph, Pipeline, Rejection,
};

/// The output formats.
#[derive(Debug, Clone, Copy)]
pub(crate) enum Format {
    Text,
    Markdown,
    Html,
    Email,
    Json,
    Atom,
    JsonFeed,
}

impl FromStr for Format {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Ok(match s {
            "text" => Format::Text,
            "markdown" | "md" => Format::Markdown,
            "html" => Format::Html,
            "email" => Format::Email,
            "json" => Format::Json,
            "atom" => Format::Atom,
            "jsonfeed" | "json-feed" => Format::JsonFeed,
            _ => {
                return Err(format!(
                    "unknown format {s:?}; use text, markdown, html, email, json, atom or jsonfeed"
                ));
            }
        })
    }
}

/// Renders `brief` in `format`.
pub(crate) fn render_brief(
    format: Format,
    brief: &Brief,
    context: &RenderContext,
) -> Result<String, bellwether::brief::RenderError> {
    Ok(match format {
        Format::Text => TextRenderer::new().render_to_string(brief, context)?,
        Format::Markdown => MarkdownRenderer::new().render_to_string(brief, context)?,
        Format::Html => HtmlRenderer::page().render_to_string(brief, context)?,
        Format::Email => HtmlRenderer::email().render_to_string(brief, context)?,
        Format::Atom => AtomRenderer::new().render_to_string(brief, context)?,
        Format::JsonFeed => JsonFeedRenderer::new().render_to_string(brief, context)?,
        Format::Json => JsonRenderer::new().render_to_string(brief, context)?,
    })
}

/// Prints one line for an extraction that could not be read.
pub(crate) fn print_malformed(
    out: &mut dyn Write,
    malformed: &MalformedExtraction,
) -> io::Result<()> {
    let article = malformed.article.as_deref().unwrap_or("(no article id)");
    writeln!(
        out,
        "  ✗ extraction {} for article {article} is malformed at {}: {} · skipped",
        malformed.index + 1,
        malformed.field,
        malformed.message
    )
}

/// Prints one line per extraction, then one line per quote shown in other words than the
/// model's, per anchor dropped, per rejected quote and per claim of the analysis or reasoning
/// that the article does not bear out.
pub(crate) fn print_report(
    out: &mut dyn Write,
    pipeline: &Pipeline,
    article: &Article,
    report: &IngestReport,
) -> io::Result<()> {
    let source = article.source();
    let quotes = report.accepted.len() + report.rejected.len();
    let verdict = match &report.outcome {
        IngestOutcome::Created {
            signal, strength, ..
        } => {
            format!("created {} ({strength})", headline(pipeline, signal))
        }
        IngestOutcome::Reinforced {
            signal,
            before,
            after,
            ..
        } => {
            format!(
                "reinforced {} ({before} → {after})",
                headline(pipeline, signal)
            )
        }
        IngestOutcome::AlreadyIngested { .. } => "already ingested: nothing changed".to_owned(),
        IngestOutcome::NoQuoteAccepted => "no quote accepted: reinforces nothing".to_owned(),
        _ => "ingested".to_owned(),
    };
    let mark = if report.signal().is_some() {
        '✓'
    } else {
        '✗'
    };
    writeln!(
        out,
        "  {mark} {} ({}) · {}/{quotes} quotes accepted · {verdict}",
        source.title(),
        source.outlet(),
        report.accepted.len()
    )?;
    for accepted in &report.accepted {
        if !accepted.differences.is_empty() {
            let changes: Vec<String> = accepted.differences.iter().map(|c| c.to_string()).collect();
            writeln!(
                out,
                "      shown in the article's words, not the model's: {}",
                changes.join("; ")
            )?;
        }
        for dropped in &accepted.dropped_anchors {
            writeln!(out, "      anchor dropped: {}", dropped.reason)?;
        }
    }
    for rejected in &report.rejected {
        let why = match &rejected.reason {
            Rejection::Misquoted {
                best_candidate,
                score,
            } => {
                format!("misquoted (scores {score:.2}); the article says: \"{best_candidate}\"")
            }
            Rejection::NotFound { score, .. } => {
                format!("not in the article (closest passage scores {score:.2}): fabricated?")
            }
            _ => rejected.message.clone(),
        };
        writeln!(out, "      rejected \"{}\": {why}", rejected.text)?;
    }
    for paragraph in &report.grounding {
        let which = match paragraph.paragraph {
            Paragraph::Analysis => "analysis".to_owned(),
            Paragraph::Reasoning(i) => format!("reasoning {}", i + 1),
            _ => "paragraph".to_owned(),
        };
        for claim in paragraph.flagged() {
            let why = match &claim.verdict {
                Verdict::Contradicted { reason, .. } => format!("contradicted: {reason}"),
                Verdict::Unsupported { reason } => format!("unsupported: {reason}"),
                _ => "not borne out by the article".to_owned(),
            };
            writeln!(out, "      {which} says \"{}\": {why}", claim.text)?;
        }
    }
    Ok(())
}

fn headline(pipeline: &Pipeline, id: &bellwether::signal::SignalId) -> String {
    let thesis = pipeline.signal(id).map_or("", |s| s.thesis());
    let short: String = thesis.chars().take(60).collect();
    if short.len() < thesis.len() {
        format!("“{short}…”")
    } else {
        format!("“{short}”")
    }
}
