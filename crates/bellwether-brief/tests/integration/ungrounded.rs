//! Paragraphs with claims their article does not bear out: marked in every format by default,
//! left out under `UngroundedClaims::Omit`.

use bellwether_brief::{
    AtomRenderer, Composed, Composer, HtmlRenderer, JsonFeedRenderer, JsonRenderer,
    MarkdownRenderer, Policy, Render, TextRenderer, UngroundedClaims,
};
use bellwether_signal::Signal;

use crate::fixtures::{morning, seed_context, seed_json};

/// The seed with one flagged claim in its first source's first reasoning paragraph and one in
/// its analysis.
fn flagged_seed() -> (Signal, String, String) {
    let mut json = seed_json();
    let paragraph = json["sources"][0]["reasoning"][0]
        .as_str()
        .unwrap()
        .to_owned();
    let analysis = json["analysis"].as_str().unwrap().to_owned();
    json["sources"][0]["flagged"] = serde_json::json!([
        {"paragraph": 0, "text": "China-US", "contradicted": false, "reason": "not in the article"}
    ]);
    json["analysis_flagged"] = serde_json::json!([
        {"paragraph": 0, "text": "DeepSeek", "contradicted": true, "reason": "the article says otherwise"}
    ]);
    (serde_json::from_value(json).unwrap(), paragraph, analysis)
}

fn renders(composed: &Composed) -> Vec<(&'static str, String)> {
    let Composed::Brief(brief) = composed else {
        panic!("the seed is news")
    };
    let ctx = seed_context();
    vec![
        (
            "text",
            TextRenderer::new().render_to_string(brief, &ctx).unwrap(),
        ),
        (
            "markdown",
            MarkdownRenderer::new()
                .render_to_string(brief, &ctx)
                .unwrap(),
        ),
        (
            "html",
            HtmlRenderer::page().render_to_string(brief, &ctx).unwrap(),
        ),
        (
            "email",
            HtmlRenderer::email().render_to_string(brief, &ctx).unwrap(),
        ),
        (
            "atom",
            AtomRenderer::new().render_to_string(brief, &ctx).unwrap(),
        ),
        (
            "json feed",
            JsonFeedRenderer::new()
                .render_to_string(brief, &ctx)
                .unwrap(),
        ),
        (
            "json",
            JsonRenderer::new().render_to_string(brief, &ctx).unwrap(),
        ),
    ]
}

/// The words of `text` with markup, escapes and wrapping taken out, for a format-blind search.
fn words(text: &str) -> String {
    let unescaped = text
        .replace("&amp;", "&")
        .replace("\\u201c", "\u{201C}")
        .replace("\\u201d", "\u{201D}");
    let mut plain = String::new();
    let mut in_tag = false;
    for c in unescaped.chars() {
        match c {
            '<' => in_tag = true,
            '>' if in_tag => in_tag = false,
            _ if in_tag => {}
            _ if c.is_alphanumeric() => plain.push(c),
            _ => plain.push(' '),
        }
    }
    plain.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[test]
fn flagged_claims_are_marked_in_every_format_by_default() {
    let (signal, _, _) = flagged_seed();
    let composed = Composer::default()
        .compose(&[signal], None, morning())
        .unwrap();
    for (format, out) in renders(&composed) {
        let plain = words(&out);
        if format == "json" {
            // The signal's own JSON carries the flags as data.
            assert!(
                out.contains(r#""flagged":[{"paragraph":0,"text":"China-US""#),
                "{format}"
            );
            continue;
        }
        assert!(
            plain.contains("Not found in its article China US"),
            "{format}: {plain}"
        );
        assert!(
            plain.contains("Contradicted by its article DeepSeek"),
            "{format}: {plain}"
        );
    }
}

#[test]
fn omitting_leaves_the_flagged_paragraphs_out_and_keeps_the_rest() {
    let (signal, paragraph, analysis) = flagged_seed();
    let kept = signal.sources()[1].reasoning()[0].clone();
    let policy = Policy::builder()
        .ungrounded(UngroundedClaims::Omit)
        .build()
        .unwrap();
    let composed = Composer::new(policy)
        .compose(&[signal], None, morning())
        .unwrap();
    for (format, out) in renders(&composed) {
        let plain = words(&out);
        assert!(
            !plain.contains(&words(&paragraph)),
            "{format} keeps the flagged paragraph"
        );
        assert!(
            !plain.contains(&words(&analysis)),
            "{format} keeps the flagged analysis"
        );
        assert!(
            plain.contains(&words(&kept)),
            "{format} lost an unflagged paragraph"
        );
        assert!(!plain.contains("Not found in its article"), "{format}");
    }
}
