//! One member crate alone through the facade: check a model's quotes against an article with
//! `bellwether::anchor`, without scoring or briefs.
//!
//! Run with `cargo run --example verify_quotes [ARTICLE.txt QUOTES.txt]`. QUOTES.txt holds one
//! quote per line in the notation the model emits: `"quote" [anchor]`. Without arguments, the
//! bundled White House article and three quotes (one real, one heavily paraphrased, one fabricated) are
//! used.

use std::error::Error;
use std::process::ExitCode;

use bellwether::anchor::{
    LocateError, Locator, PreparedText, locate_anchor, parse_block, text_fragment,
};

const ARTICLE: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/examples/data/articles/white-house-industrial-scale-theft.txt"
);
const QUOTES: &str = r#""Chinese AI firms are relying on distillation attacks to offset deficits in AI computing power and illicitly reproduce the core capabilities of US models." [distillation attacks]
"Chinese AI firms are relying on model theft to make up for shortages of computing power and copy the core capabilities of US models." [model theft]
"Beijing has promised to open its chip market to American firms by the end of the year." [chip market]"#;

fn main() -> ExitCode {
    match run() {
        Ok(()) => ExitCode::SUCCESS,
        Err(err) => {
            eprintln!("error: {err}");
            ExitCode::FAILURE
        }
    }
}

fn run() -> Result<(), Box<dyn Error>> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let (article, quotes) = match args.as_slice() {
        [] => (std::fs::read_to_string(ARTICLE)?, QUOTES.to_owned()),
        [article, quotes] => (
            std::fs::read_to_string(article)?,
            std::fs::read_to_string(quotes)?,
        ),
        _ => return Err("usage: verify_quotes [ARTICLE.txt QUOTES.txt]".into()),
    };

    // Prepare the article once; every quote is then located against the same prepared text.
    let text = PreparedText::new(&article);
    let locator = Locator::new();
    for quote in parse_block(&quotes)? {
        println!("\"{}\"", quote.text());
        match locator.locate(&text, quote.text()) {
            Ok(found) => {
                let span = found.span();
                println!(
                    "  ✓ {:?}, score {:.3}, bytes {:?}, UTF-16 units {:?}",
                    found.rung(),
                    found.score(),
                    span.bytes(),
                    span.utf16()
                );
                for anchor in quote.anchors() {
                    match locate_anchor(quote.text(), anchor) {
                        Ok(found) => println!(
                            "    anchor [{anchor}] at bytes {:?} of the quote",
                            found.span
                        ),
                        Err(err) => println!("    anchor [{anchor}] rejected: {err}"),
                    }
                }
                let directive = text_fragment(&article, span.bytes())?;
                println!("    deep link fragment: #:~:{directive}");
            }
            Err(LocateError::Misquoted { best, .. }) => {
                println!(
                    "  ✗ misquoted (score {:.3}); the article says: \"{}\"",
                    best.score, best.text
                );
            }
            Err(err) => println!("  ✗ {err}"),
        }
    }
    Ok(())
}
