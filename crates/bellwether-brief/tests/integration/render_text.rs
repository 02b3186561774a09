//! Plain-text rendering.

use bellwether_brief::{Composed, Composer, Render, TextRenderer};

use crate::fixtures::{morning, seed, seed_context};

#[test]
fn show() {
    let Composed::Brief(brief) = Composer::default()
        .compose(&[seed()], None, morning())
        .unwrap()
    else {
        panic!()
    };
    let text = TextRenderer::new()
        .width(80)
        .render_to_string(&brief, &seed_context())
        .unwrap();
    println!("{text}");
    let page = Composer::default().page(&seed(), None).unwrap();
    println!(
        "{}",
        TextRenderer::new()
            .width(60)
            .render_to_string(&page, &seed_context())
            .unwrap()
    );
}
