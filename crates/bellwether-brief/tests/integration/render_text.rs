//! Plain-text rendering: the seed in snapshots, the width invariant, options.

use bellwether_brief::{
    Brief, Composer, DateStyle, LinkPolicy, Render, RenderContext, RenderError, TextRenderer, Zone,
};
use bellwether_signal::Signal;
use chrono::FixedOffset;
use proptest::prelude::*;
use unicode_width::UnicodeWidthStr;

use crate::fixtures::{brief_of, linked_context, morning, seed, seed_context, seed_json, signal};

fn seed_brief() -> Brief {
    brief_of(&[seed(), signal("weak-signal", 3, 1, 4)])
}

#[test]
fn seed_brief_as_text() {
    let text = TextRenderer::new()
        .render_to_string(&seed_brief(), &seed_context())
        .unwrap();
    insta::assert_snapshot!("seed_brief_text", text);
}

#[test]
fn seed_page_as_text_with_links() {
    let page = Composer::default().page(&seed(), None).unwrap();
    let text = TextRenderer::new()
        .width(60)
        .render_to_string(&page, &linked_context())
        .unwrap();
    insta::assert_snapshot!("seed_page_text_60", text);
}

#[test]
fn seed_index_as_text_in_iso_dates_and_a_fixed_zone() {
    let index = Composer::default()
        .index(&[seed(), signal("weak-signal", 3, 1, 26)], None)
        .unwrap();
    let ctx = linked_context()
        .date_style(DateStyle::Iso)
        .relative_dates(true)
        .zone(Zone::Fixed(FixedOffset::east_opt(9 * 3600).unwrap()));
    let text = TextRenderer::new().render_to_string(&index, &ctx).unwrap();
    insta::assert_snapshot!("seed_index_text", text);
}

#[test]
fn headlines_only_leaves_out_the_body() {
    let text = TextRenderer::new()
        .headlines_only(true)
        .render_to_string(&seed_brief(), &seed_context())
        .unwrap();
    assert!(text.contains("str 8 · extracted 3×"));
    assert!(!text.contains("Analysis") && !text.contains("Reasoning from this article"));
}

#[test]
fn masthead_can_be_left_out() {
    let with = TextRenderer::new()
        .render_to_string(&seed_brief(), &seed_context())
        .unwrap();
    let without = TextRenderer::new()
        .masthead(false)
        .render_to_string(&seed_brief(), &seed_context())
        .unwrap();
    assert!(with.starts_with("The Bellwether\nA morning brief"));
    assert!(without.starts_with("Brief 1 · "), "{without}");
    assert!(!without.contains("The Bellwether"));
    // Only the masthead's lines (title, tagline and the blank line after them) go.
    assert_eq!(with.lines().count() - 3, without.lines().count());
}

/// Every content line of the seed page appears in our page, except the lines this crate
/// deliberately writes differently (actors with separators, the meta line with labels,
/// the site's own header and footer).
#[test]
fn reproduces_every_content_line_of_the_seed_page() {
    let page = Composer::default().page(&seed(), None).unwrap();
    let text = TextRenderer::new()
        .width(10_000)
        .render_to_string(&page, &seed_context())
        .unwrap();
    let ours: Vec<&str> = text.lines().map(str::trim).collect();
    let differs = [
        "Marco andrea@passaglia.it",
        "str 8 extracted 3× 5/12/2026 · last reinforced 5/26/2026 · 3 articles",
        "BISAnthropicOpenAIDeepSeek",
        "Bellwether · 2026 Marco",
    ];
    for line in include_str!("../../testdata/seed/page.txt")
        .lines()
        .map(str::trim)
    {
        if line.is_empty() || differs.contains(&line) {
            continue;
        }
        assert!(
            ours.contains(&line),
            "missing seed line: {line}\n---\n{text}"
        );
    }
    assert!(ours.contains(
        &"str 8 · extracted 3× · first seen 5/12/2026 · last reinforced 5/26/2026 · 3 articles"
    ));
    assert!(ours.contains(&"BIS · Anthropic · OpenAI · DeepSeek"));
}

#[test]
fn dates_default_to_iso_and_relative_days() {
    let text = TextRenderer::new()
        .render_to_string(&seed_brief(), &RenderContext::new(morning()))
        .unwrap();
    assert!(
        text.contains("first seen 2026-05-12 · last reinforced yesterday"),
        "{text}"
    );
    assert!(text.contains("Brief 1 · 2026-05-27"));
}

#[test]
fn rejects_a_width_too_narrow_to_read() {
    for width in [0, 1, 19] {
        let err = TextRenderer::new()
            .width(width)
            .render_to_string(&seed_brief(), &seed_context())
            .unwrap_err();
        assert!(
            matches!(
                err,
                RenderError::InvalidOption {
                    option: "width",
                    ..
                }
            ),
            "{err:?}"
        );
        assert!(err.to_string().contains(&format!("`width` = {width}")));
    }
    assert!(
        TextRenderer::new()
            .width(20)
            .render_to_string(&seed_brief(), &seed_context())
            .is_ok()
    );
}

#[test]
fn links_can_be_turned_off() {
    let ctx = seed_context().links(LinkPolicy::default().links(false));
    let text = TextRenderer::new()
        .render_to_string(&seed_brief(), &ctx)
        .unwrap();
    assert!(!text.contains("https://"));
}

#[test]
fn unsafe_source_urls_are_not_printed_as_links() {
    let mut value = seed_json();
    value["sources"][0]["quotes"][0]["deep_link"] =
        "https://pacificpolicy.example/a#:~:text=Capability%20now".into();
    let signal: Signal = serde_json::from_value(value).unwrap();
    let page = Composer::default().page(&signal, None).unwrap();
    let text = TextRenderer::new()
        .width(200)
        .render_to_string(&page, &seed_context())
        .unwrap();
    assert!(
        text.contains("→ https://pacificpolicy.example/a#:~:text=Capability%20now"),
        "{text}"
    );
    let no_deep = seed_context().links(LinkPolicy::default().deep_links(false));
    let text = TextRenderer::new()
        .width(200)
        .render_to_string(&page, &no_deep)
        .unwrap();
    assert!(!text.contains("→ https://"));
}

fn hostile_text() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        "[a-zA-Z]{1,14}",
        "[漢字仮名한국어中文]{1,10}",
        "[😀🎉👍🏽❤\u{FE0F}👩\u{200D}💻]{1,4}",
        "[\u{1b}\u{202E}\u{7}\t]",
        Just("https://example.com/a/really/long/path/that/cannot/break?x=1".to_owned()),
        Just("supercalifragilisticexpialidocious-and-more".to_owned()),
    ];
    proptest::collection::vec(piece, 1..25).prop_map(|parts| parts.join(" "))
}

fn lone_link(line: &str) -> bool {
    let rest = line.trim().trim_start_matches("→ ");
    !rest.contains(' ') && rest.contains("://")
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(48))]
    #[test]
    fn text_never_exceeds_the_width_except_for_links(
        thesis in hostile_text(),
        analysis in hostile_text(),
        quote in hostile_text(),
        width in 20usize..100,
    ) {
        let mut value = seed_json();
        value["thesis"] = thesis.chars().filter(|c| !c.is_control()).collect::<String>().into();
        value["analysis"] = analysis.into();
        value["sources"][0]["quotes"][0]["text"] = format!("{quote} export-control architectures").into();
        value["sources"][1]["reasoning"][0] = quote.into();
        let Ok(signal) = serde_json::from_value::<Signal>(value) else { return Ok(()) };
        let page = Composer::default().page(&signal, None).unwrap();
        let text = TextRenderer::new().width(width).render_to_string(&page, &seed_context()).unwrap();
        for line in text.lines() {
            prop_assert!(line.width() <= width || lone_link(line),
                "line {:?} is {} columns wide for {}", line, line.width(), width);
            prop_assert!(!line.contains(['\x1b', '\u{202E}']), "unsafe character in {:?}", line);
        }
    }
}

#[test]
fn relative_days_follow_the_readers_calendar() {
    // 14:05 UTC on the 26th; at 23:30 UTC on the 26th it is already the 27th in Tokyo.
    let now = crate::fixtures::at("2026-05-26T23:30:00Z");
    let page = Composer::default().page(&seed(), None).unwrap();
    let utc = RenderContext::new(now);
    let tokyo = RenderContext::new(now).zone(Zone::Fixed(FixedOffset::east_opt(9 * 3600).unwrap()));
    let text_utc = TextRenderer::new().render_to_string(&page, &utc).unwrap();
    let text_tokyo = TextRenderer::new().render_to_string(&page, &tokyo).unwrap();
    assert!(text_utc.contains("last reinforced today"), "{text_utc}");
    assert!(
        text_tokyo.contains("last reinforced yesterday"),
        "{text_tokyo}"
    );
}

#[cfg(feature = "tz")]
#[test]
fn named_zones_show_local_time_and_abbreviation() {
    let ctx = RenderContext::new(morning())
        .zone(Zone::Named(chrono_tz::America::New_York))
        .date_style(DateStyle::DayMonthYear)
        .relative_dates(false);
    let text = TextRenderer::new()
        .render_to_string(&seed_brief(), &ctx)
        .unwrap();
    assert!(
        text.contains("the newest was published 26 May 2026 10:05 EDT."),
        "{text}"
    );
    assert!(text.contains("first seen 12 May 2026"), "{text}");
}
