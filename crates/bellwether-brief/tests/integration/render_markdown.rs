//! Markdown rendering.

use bellwether_brief::{Composed, Composer, MarkdownRenderer, Render};

use crate::fixtures::{morning, seed, seed_context};

#[test]
fn show_md() {
    let Composed::Brief(brief) = Composer::default()
        .compose(&[seed()], None, morning())
        .unwrap()
    else {
        panic!()
    };
    let text = MarkdownRenderer::new()
        .render_to_string(&brief, &seed_context())
        .unwrap();
    println!("{text}");
}

#[test]
fn show_html() {
    use bellwether_brief::HtmlRenderer;
    let Composed::Brief(brief) = Composer::default()
        .compose(&[seed()], None, morning())
        .unwrap()
    else {
        panic!()
    };
    let text = HtmlRenderer::page()
        .stylesheet(false)
        .render_to_string(&brief, &seed_context())
        .unwrap();
    println!("{text}");
}
