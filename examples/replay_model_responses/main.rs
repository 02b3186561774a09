//! A round trip with a language model, replayed from recorded responses (no network):
//! prompt → response → ingest → brief.
//!
//! The bundled sample data (`examples/data`) is the history; two new articles and three
//! recorded responses (`fixtures/`, hand-written in the shape a model returns) are replayed:
//! one contradicts the export-control signal, one reinforces the EU AI Act signal with a
//! fabricated quote among real ones, one is malformed and costs only itself. Then the morning
//! brief shows the challenged signal.
//!
//! ```text
//! cargo run --example replay_model_responses
//! ```

#[path = "../morning_brief/data.rs"]
#[allow(dead_code)]
mod data;
mod replay;

use std::error::Error;

use bellwether::brief::{Composed, Render, RenderContext, TextRenderer};
use bellwether::{IngestOutcome, VerdictOutcome};

fn main() -> Result<(), Box<dyn Error>> {
    let now = "2026-05-28T07:00:00Z".parse()?;
    let (mut pipeline, steps) = replay::replay(now)?;
    for step in &steps {
        println!("── {}", step.file.display());
        let candidates: Vec<&str> = step
            .prompt
            .user
            .lines()
            .filter_map(|line| line.strip_prefix("- id: "))
            .collect();
        println!(
            "prompt {}: {} characters, candidates {}",
            step.prompt.version,
            step.prompt.system.len() + step.prompt.user.len(),
            candidates.join(", ")
        );
        let report = match &step.outcome {
            Ok(report) => report,
            Err(error) => {
                println!("skipped: {error}");
                continue;
            }
        };
        println!(
            "quotes: {} accepted, {} rejected",
            report.accepted.len(),
            report.rejected.len()
        );
        for rejected in &report.rejected {
            println!("  rejected: {:?}", rejected.reason);
        }
        match &report.verdict {
            Some(VerdictOutcome::Honoured {
                verdict, signal, ..
            }) => {
                let overrides = match report
                    .verdict
                    .as_ref()
                    .is_some_and(|v| v.overrides_clustering())
                {
                    true => ", overriding clustering",
                    false => ", as clustering would",
                };
                println!("verdict {verdict}: joined {signal}{overrides}");
            }
            Some(VerdictOutcome::Ignored { verdict, reason }) => {
                println!("verdict {verdict} ignored: {reason}");
            }
            _ => {}
        }
        match &report.outcome {
            IngestOutcome::Challenged {
                signal,
                before,
                after,
                ..
            } => {
                println!("challenged {signal}: {before} → {after}");
            }
            IngestOutcome::Reinforced {
                signal,
                before,
                after,
                ..
            } => {
                println!("reinforced {signal}: {before} → {after}");
            }
            IngestOutcome::Created {
                signal, strength, ..
            } => {
                println!("created {signal} at strength {strength}");
            }
            other => println!("{other:?}"),
        }
    }
    println!();
    match pipeline.compose(now)? {
        Composed::Brief(brief) => {
            let text = TextRenderer::new()
                .width(100)
                .render_to_string(&brief, &RenderContext::new(now))?;
            print!("{text}");
        }
        Composed::Quiet(quiet) => println!("no brief: {quiet}"),
    }
    Ok(())
}
