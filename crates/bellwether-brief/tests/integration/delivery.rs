//! Delivery formats (Slack, Teams, webhook, email): snapshots of the seed brief, the chat
//! services' limits, and hostile text that must stay text: no mention, broadcast, link or
//! markup it did not come with, and no header it could add.

#[cfg(feature = "email")]
use bellwether_brief::{EmailRenderer, Mailbox, RenderError};
use bellwether_brief::{
    JsonRenderer, MAX_TEAMS_CARD_BYTES, Render, SlackRenderer, TeamsRenderer, WebhookRenderer,
    slack_limits,
};
use bellwether_signal::Signal;
#[cfg(feature = "email")]
use mail_parser::{MessageParser, MimeHeaders};
use proptest::prelude::*;
use serde_json::{Value, json};

use crate::fixtures::{brief_of, linked_context, seed, seed_json, signal};
use crate::hostile::{Version, hostile_context, hostile_signal, markup_soup, payloads};
#[cfg(feature = "email")]
use crate::markup_checks::html_problems;
use crate::markup_checks::{markdown_problems, markdown_skeleton};

fn value(json: &str) -> Value {
    serde_json::from_str(json).unwrap()
}

#[cfg(feature = "email")]
fn email_renderer() -> EmailRenderer {
    EmailRenderer::new(
        Mailbox::new(Some("Bellwether brief"), "brief@bellwether.example").unwrap(),
        vec![
            Mailbox::new(Some("Morning desk"), "desk@newsroom.example").unwrap(),
            Mailbox::new(None, "archive@newsroom.example").unwrap(),
        ],
    )
}

#[test]
fn seed_brief_as_slack_message() {
    let brief = brief_of(&[seed()]);
    let json = SlackRenderer::new()
        .pretty(true)
        .render_to_string(&brief, &linked_context())
        .unwrap();
    assert_eq!(
        slack_problems(&value(&json), &SEED_HOSTS),
        Vec::<String>::new()
    );
    insta::assert_snapshot!("seed_brief_slack", json);
}

#[test]
fn seed_brief_as_teams_card() {
    let brief = brief_of(&[seed()]);
    let json = TeamsRenderer::new()
        .pretty(true)
        .render_to_string(&brief, &linked_context())
        .unwrap();
    let card = &value(&json)["attachments"][0]["content"];
    assert_eq!(teams_problems(card), Vec::<String>::new());
    insta::assert_snapshot!("seed_brief_teams", json);
}

#[test]
fn seed_brief_as_webhook_payload() {
    let brief = brief_of(&[seed()]);
    let ctx = linked_context();
    let json = WebhookRenderer::new()
        .pretty(true)
        .render_to_string(&brief, &ctx)
        .unwrap();
    insta::assert_snapshot!("seed_brief_webhook", json);
    // The brief inside is exactly the JSON renderer's document.
    let document = value(&JsonRenderer::new().render_to_string(&brief, &ctx).unwrap());
    assert_eq!(value(&json)["brief"], document);
}

#[cfg(feature = "email")]
#[test]
fn seed_brief_as_email() {
    let brief = brief_of(&[seed()]);
    let message = email_renderer()
        .render_to_string(&brief, &linked_context())
        .unwrap();
    insta::assert_snapshot!("seed_brief_email", message);
}

#[cfg(feature = "email")]
#[test]
fn the_email_is_a_well_formed_multipart_alternative_message() {
    let brief = brief_of(&[seed()]);
    let ctx = linked_context();
    let bytes = email_renderer().message(&brief, &ctx).unwrap();
    assert!(bytes.is_ascii(), "the message is 7-bit clean");
    let text = String::from_utf8(bytes.clone()).unwrap();
    // Every line ends in CRLF and keeps RFC 5322's 998-character limit.
    for line in text.split("\r\n") {
        assert!(!line.contains('\n') && !line.contains('\r'), "{line:?}");
        assert!(line.len() <= 998, "{}", line.len());
    }
    let parsed = MessageParser::default().parse(&bytes).unwrap();
    let from = parsed.from().unwrap().first().unwrap();
    assert_eq!(from.address(), Some("brief@bellwether.example"));
    assert_eq!(from.name(), Some("Bellwether brief"));
    let to: Vec<_> = parsed.to().unwrap().iter().map(|a| a.address()).collect();
    assert_eq!(
        to,
        [
            Some("desk@newsroom.example"),
            Some("archive@newsroom.example")
        ]
    );
    // The feed title: number, date and the thesis cut at a word, on one line.
    let subject = parsed.subject().unwrap();
    assert!(
        subject.starts_with("Brief 1 · 5/27/2026: US chip export controls accelerating"),
        "{subject}"
    );
    assert!(
        subject.ends_with('…') && !subject.contains('\n'),
        "{subject}"
    );
    assert_eq!(
        parsed.message_id(),
        Some("bellwether-brief-1-20260527T070000Z@bellwether.example")
    );
    assert_eq!(
        parsed.date().map(|d| d.to_timestamp()),
        Some(brief.composed_at().timestamp())
    );
    assert_eq!(parsed.content_type().unwrap().ctype(), "multipart");
    assert_eq!(
        parsed.content_type().unwrap().subtype(),
        Some("alternative")
    );
    // The plain text part is the text renderer's brief, the HTML part the email renderer's.
    let plain = parsed.body_text(0).unwrap();
    let expected_plain = bellwether_brief::TextRenderer::new()
        .width(72)
        .render_to_string(&brief, &ctx)
        .unwrap();
    assert_eq!(plain.replace("\r\n", "\n"), expected_plain);
    let html = parsed.body_html(0).unwrap();
    let expected_html = bellwether_brief::HtmlRenderer::email()
        .render_to_string(&brief, &ctx)
        .unwrap();
    assert_eq!(html.replace("\r\n", "\n"), expected_html);
    // The same brief makes the same message.
    assert_eq!(email_renderer().message(&brief, &ctx).unwrap(), bytes);
}

#[cfg(feature = "email")]
#[test]
fn an_email_needs_a_recipient_and_refuses_addresses_that_could_add_headers() {
    let brief = brief_of(&[seed()]);
    let lonely = EmailRenderer::new(Mailbox::new(None, "a@b.example").unwrap(), vec![]);
    assert!(matches!(
        lonely.render_to_string(&brief, &linked_context()),
        Err(RenderError::InvalidOption { option: "to", .. })
    ));
    for address in [
        "desk@newsroom.example\r\nBcc: all@evil.example",
        "desk@newsroom.example>, <all@evil.example",
        "\"quoted\"@newsroom.example",
        "desk@",
        "@newsroom.example",
        "desk@-newsroom.example",
        "desk..x@newsroom.example",
        "désk@newsroom.example",
        "desk newsroom@example",
        "",
    ] {
        assert!(
            matches!(
                Mailbox::new(None, address),
                Err(RenderError::InvalidAddress { .. })
            ),
            "{address:?}"
        );
    }
    for name in ["Desk\r\nBcc: all@evil.example", "Desk\nX: y", "Desk\u{0}"] {
        assert!(Mailbox::new(Some(name), "desk@newsroom.example").is_err());
    }
    // Any other name is carried, encoded, and read back exactly.
    let name = "Rédaction \"du matin\" <desk@evil.example>, (chefs); =?utf-8?q?x?=";
    let renderer = EmailRenderer::new(
        Mailbox::new(Some(name), "brief@bellwether.example").unwrap(),
        vec![Mailbox::new(None, "desk@newsroom.example").unwrap()],
    );
    let bytes = renderer.message(&brief, &linked_context()).unwrap();
    let parsed = MessageParser::default().parse(&bytes).unwrap();
    let from = parsed.from().unwrap().first().unwrap();
    assert_eq!(from.name(), Some(name));
    assert_eq!(from.address(), Some("brief@bellwether.example"));
    assert_eq!(parsed.to().unwrap().iter().count(), 1);
}

/// Every `mrkdwn` text object of a Slack message.
fn mrkdwn_texts(message: &Value) -> Vec<&Value> {
    let mut texts = Vec::new();
    for block in message["blocks"].as_array().unwrap() {
        if block["text"]["type"] == "mrkdwn" {
            texts.push(&block["text"]);
        }
        if let Some(elements) = block["elements"].as_array() {
            texts.extend(elements.iter().filter(|e| e["type"] == "mrkdwn"));
        }
    }
    texts
}

/// The hosts of the seed's sources and of the linked context's pages.
const SEED_HOSTS: [&str; 4] = [
    "pacificpolicy.example",
    "eveningledger.example",
    "strategyquarterly.example",
    "brief.example",
];

fn utf16_len(text: &str) -> usize {
    text.encode_utf16().count()
}

/// What is wrong with a Slack message: a block or text over Slack's limits, a text object
/// Slack would parse for mentions, a `<…>` that is not a link to an allowed web address, an
/// `&` that does not open one of the three entities.
fn slack_problems(message: &Value, allowed_hosts: &[&str]) -> Vec<String> {
    let mut problems = Vec::new();
    let blocks = message["blocks"].as_array().unwrap();
    if blocks.len() > slack_limits::MAX_BLOCKS {
        problems.push(format!("{} blocks", blocks.len()));
    }
    for block in blocks {
        if block["type"] == "header"
            && utf16_len(block["text"]["text"].as_str().unwrap()) > slack_limits::MAX_HEADER_TEXT
        {
            problems.push("header too long".into());
        }
        if let Some(elements) = block["elements"].as_array()
            && elements.len() > slack_limits::MAX_CONTEXT_ELEMENTS
        {
            problems.push("context too long".into());
        }
    }
    for object in mrkdwn_texts(message) {
        if object["verbatim"] != true {
            problems.push(format!("not verbatim: {object}"));
        }
        let text = object["text"].as_str().unwrap();
        if text.is_empty() || utf16_len(text) > slack_limits::MAX_SECTION_TEXT {
            problems.push(format!("text of {} units", utf16_len(text)));
        }
        let mut rest = text;
        while let Some(open) = rest.find('<') {
            let Some(close) = rest[open..].find('>') else {
                problems.push(format!("unclosed < in {text:?}"));
                break;
            };
            let inner = &rest[open + 1..open + close];
            let target = inner.split('|').next().unwrap_or_default();
            let allowed = allowed_hosts
                .iter()
                .any(|host| target.starts_with(&format!("https://{host}/")));
            if !allowed || !inner.contains('|') {
                problems.push(format!("markup <{inner}>"));
            }
            rest = &rest[open + close + 1..];
        }
        for (at, _) in text.match_indices('&') {
            if !["&amp;", "&lt;", "&gt;"]
                .iter()
                .any(|e| text[at..].starts_with(e))
            {
                problems.push(format!("bare & in {text:?}"));
            }
        }
    }
    problems
}

/// What is wrong with a Teams card: a `TextBlock` whose Markdown holds raw HTML, an image or a
/// link outside `http`, `https` and `mailto`; a card over the size limit.
fn teams_problems(card: &Value) -> Vec<String> {
    let mut problems = Vec::new();
    let size = serde_json::to_string(card).unwrap().len();
    if size > MAX_TEAMS_CARD_BYTES {
        problems.push(format!("card of {size} bytes"));
    }
    for text in text_blocks(card) {
        problems.extend(markdown_problems(text));
    }
    problems
}

/// The Markdown of every `TextBlock` in `value`, in order.
fn text_blocks(value: &Value) -> Vec<&str> {
    let mut texts = Vec::new();
    match value {
        Value::Object(map) => {
            if map.get("type") == Some(&json!("TextBlock"))
                && let Some(text) = map.get("text").and_then(Value::as_str)
            {
                texts.push(text);
            }
            for child in map.values() {
                texts.extend(text_blocks(child));
            }
        }
        Value::Array(items) => items
            .iter()
            .for_each(|item| texts.extend(text_blocks(item))),
        _ => {}
    }
    texts
}

/// The structure of a card's Markdown, with the emphasis the renderer writes set aside.
fn teams_skeleton(card: &Value) -> Vec<Vec<String>> {
    text_blocks(card)
        .into_iter()
        .map(|text| {
            markdown_skeleton(text)
                .into_iter()
                .filter(|tag| {
                    !matches!(
                        tag.as_str(),
                        "Strong" | "/Strong" | "Emphasis" | "/Emphasis"
                    )
                })
                .collect()
        })
        .collect()
}

/// The hostile version of `text` and its plain twin, rendered in every delivery format, checked.
fn assert_delivery_inert(text: &str) {
    let hostile = hostile_signal(text, Version::Hostile);
    let twin = hostile_signal(text, Version::Twin);
    let (brief, twin_brief) = (brief_of(&[hostile]), brief_of(&[twin]));
    let ctx = hostile_context(text, Version::Hostile);
    let twin_ctx = hostile_context(text, Version::Twin);

    let slack = SlackRenderer::new().message(&brief, &ctx).unwrap();
    let problems = slack_problems(&slack, &["news.example", "brief.example"]);
    assert!(problems.is_empty(), "{problems:?} for {text:?}\n{slack:#}");
    let twin_slack = SlackRenderer::new()
        .message(&twin_brief, &twin_ctx)
        .unwrap();
    assert_eq!(
        slack["blocks"].as_array().unwrap().len(),
        twin_slack["blocks"].as_array().unwrap().len(),
        "blocks changed for {text:?}"
    );

    let card = TeamsRenderer::new().card(&brief, &ctx).unwrap();
    let problems = teams_problems(&card);
    assert!(problems.is_empty(), "{problems:?} for {text:?}\n{card:#}");
    let twin_card = TeamsRenderer::new().card(&twin_brief, &twin_ctx).unwrap();
    assert_eq!(
        teams_skeleton(&card),
        teams_skeleton(&twin_card),
        "structure changed for {text:?}\n{card:#}"
    );

    let payload = WebhookRenderer::new()
        .render_to_string(&brief, &ctx)
        .unwrap();
    let payload = value(&payload);
    assert_eq!(payload["event"], "bellwether.brief");
    assert!(
        payload["title"]
            .as_str()
            .unwrap()
            .chars()
            .all(|c| !c.is_control())
    );

    #[cfg(feature = "email")]
    check_email(text, &brief, &ctx);
}

/// The email of a hostile brief: 7-bit, exactly the renderer's headers, both recipients, a
/// one-line subject and HTML that parses with nothing injected.
#[cfg(feature = "email")]
fn check_email(text: &str, brief: &bellwether_brief::Brief, ctx: &bellwether_brief::RenderContext) {
    let bytes = email_renderer().message(brief, ctx).unwrap();
    assert!(bytes.is_ascii());
    let parsed = MessageParser::default().parse(&bytes).unwrap();
    let headers: Vec<String> = parsed
        .headers()
        .iter()
        .map(|h| h.name().to_ascii_lowercase())
        .collect();
    assert_eq!(
        headers,
        [
            "from",
            "to",
            "subject",
            "date",
            "message-id",
            "mime-version",
            "content-type"
        ],
        "headers for {text:?}"
    );
    assert_eq!(parsed.to().unwrap().iter().count(), 2);
    let subject = parsed.subject().unwrap();
    assert!(subject.starts_with("Brief 1 · "), "{subject:?}");
    assert!(!subject.contains(['\r', '\n']));
    let html = parsed.body_html(0).unwrap();
    let problems = html_problems(&html, false);
    assert!(problems.is_empty(), "{problems:?} for {text:?}");
}

#[test]
fn known_attack_payloads_stay_text_in_every_delivery_format() {
    let mut payloads = payloads();
    payloads.extend(
        [
            "<!channel> <!here> <!everyone> @channel @here",
            "<@U024BE7LH> <@W123|boss> <!subteam^SAZ94GDB8|team>",
            "<#C024BE7LR|general> #general",
            "<https://evil.example|click me> <mailto:a@evil.example|mail>",
            "&lt;!channel&gt; &amp;lt;",
            "*bold* _italic_ ~strike~ `code` ```block```",
            "> quote\n>>> rest",
            ":smile: :rotating_light:",
            "<at>Everyone</at> <at id=\"0\">x</at>",
            "[link](https://evil.example) ![img](https://evil.example/x.png)",
            "**bold** __u__ # heading\n- item\n1. item",
            "{\"type\": \"Action.OpenUrl\", \"url\": \"https://evil.example\"}",
            "Subject: x\r\nBcc: all@evil.example\r\n\r\nbody",
            "=?utf-8?B?PHNjcmlwdD4=?= =_bellwether-brief-1-20260527T070000Z",
            "\r\n.\r\nMAIL FROM:<a@evil.example>",
        ]
        .map(str::to_owned),
    );
    for payload in payloads {
        assert_delivery_inert(&payload);
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(32))]

    #[test]
    fn generated_strings_stay_text_in_every_delivery_format(
        text in prop_oneof![markup_soup(), any::<String>()],
    ) {
        assert_delivery_inert(&text);
    }
}

#[test]
fn slack_mentions_are_escaped_and_links_are_only_the_sources() {
    let mut value = seed_json();
    value["thesis"] = json!("<!channel> export controls <@U024BE7LH> & <https://evil.example|x>");
    let signal: Signal = serde_json::from_value(value).unwrap();
    let message = SlackRenderer::new()
        .message(&brief_of(&[signal]), &linked_context())
        .unwrap();
    let headline = message["blocks"][2]["text"]["text"].as_str().unwrap();
    assert!(
        headline.starts_with(
            "*1. &lt;!channel&gt; export controls &lt;@U024BE7LH&gt; &amp; &lt;https://evil.example|x&gt;*"
        ),
        "{headline}"
    );
}

#[test]
fn a_brief_too_long_for_one_slack_message_keeps_its_limits_and_says_what_it_left_out() {
    // 60 items with a source each need far more than 50 blocks.
    let signals: Vec<Signal> = (0..60)
        .map(|n| signal(&format!("s{n:02}"), 8, 3, 20))
        .collect();
    let composer = bellwether_brief::Composer::new(
        bellwether_brief::Policy::builder()
            .max_items(100)
            .build()
            .unwrap(),
    );
    let brief = composer
        .compose(&signals, None, crate::fixtures::morning())
        .unwrap()
        .brief()
        .cloned()
        .unwrap();
    assert_eq!(brief.items().len(), 60);
    let message = SlackRenderer::new()
        .message(&brief, &linked_context())
        .unwrap();
    assert!(slack_problems(&message, &["news.example", "brief.example"]).is_empty());
    let blocks = message["blocks"].as_array().unwrap();
    assert_eq!(blocks.len(), slack_limits::MAX_BLOCKS);
    let all = serde_json::to_string(&message).unwrap();
    assert!(all.contains("more signals not shown here"), "{all}");
    assert!(
        all.contains("Quotes, analysis and sources are left out"),
        "{all}"
    );
    // Every item is either shown by its headline or named among those left out.
    for item in brief.items() {
        assert!(
            all.contains(item.signal().thesis()),
            "{}",
            item.signal().thesis()
        );
    }

    // Teams: the card keeps its size and says the same.
    let card = TeamsRenderer::new()
        .card(&brief, &linked_context())
        .unwrap();
    assert!(teams_problems(&card).is_empty());
    let all = serde_json::to_string(&card).unwrap();
    assert!(
        all.contains("Quotes, analysis and sources are left out"),
        "{all}"
    );
}

#[test]
fn a_long_analysis_is_cut_at_slacks_section_limit_with_an_ellipsis() {
    let mut value = seed_json();
    value["analysis"] = json!("Capability moves as software & chips. ".repeat(200));
    let signal: Signal = serde_json::from_value(value).unwrap();
    let message = SlackRenderer::new()
        .message(&brief_of(&[signal]), &linked_context())
        .unwrap();
    let problems = slack_problems(&message, &SEED_HOSTS);
    assert!(problems.is_empty(), "{problems:?}");
    let analysis = mrkdwn_texts(&message)
        .into_iter()
        .map(|t| t["text"].as_str().unwrap())
        .find(|t| t.starts_with("*Analysis*"))
        .unwrap();
    assert!(analysis.ends_with('…'), "{analysis}");
    assert!(utf16_len(analysis) <= slack_limits::MAX_SECTION_TEXT);
    assert!(utf16_len(analysis) > slack_limits::MAX_SECTION_TEXT - 10);
}

#[test]
fn teams_quotes_are_text_runs_with_the_articles_words_and_bold_anchors() {
    let card = TeamsRenderer::new()
        .card(&brief_of(&[seed()]), &linked_context())
        .unwrap();
    let all = serde_json::to_string(&card).unwrap();
    // The seed's first quote, anchor in bold, words exactly as the article has them.
    assert!(
        all.contains(r#"{"italic":true,"text":"export-control architectures","type":"TextRun","weight":"Bolder"}"#),
        "{all}"
    );
}
