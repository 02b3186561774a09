//! What each kind of claim is matched with, and where the evidence points.

// Tests may panic on a broken expectation: that is how they fail.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use bellwether_ground::{ClaimKind, Grounder, Sources, Unit, Verdict};

const ARTICLE: &str = "SEOUL \u{2014} Hanbit Materials will spend $2,100\u{00A0}million on two separation \
plants, its chair, Min-jun Park, said on Tuesday. Exports fell 40\u{00A0}per cent in 2025; the \
deal was signed on 3 March 2026 with the Japan\u{2011}based Kanto Magnet Works.";

fn check(prose: &str) -> (Sources, bellwether_ground::Grounding) {
    let sources = Sources::new(&[ARTICLE]).unwrap();
    let grounding = Grounder::new().check(&sources, prose).unwrap();
    (sources, grounding)
}

fn evidence_text(verdict: &Verdict) -> &'static str {
    match verdict {
        Verdict::Supported(e) | Verdict::Contradicted { evidence: e, .. } => {
            &ARTICLE[e.span.clone()]
        }
        _ => "",
    }
}

#[test]
fn money_in_another_form_is_found_where_the_article_writes_it() {
    let (_, g) = check("Hanbit will invest 2.1bn dollars.");
    let money = g
        .claims
        .iter()
        .find(|c| matches!(&c.kind, ClaimKind::Quantity(q) if matches!(q.unit, Unit::Money(_))))
        .unwrap();
    assert_eq!(evidence_text(&money.verdict), "$2,100\u{00A0}million");
}

#[test]
fn shares_years_and_dates_in_other_forms_are_supported() {
    let (_, g) = check("Exports dropped 40% in 2025, and the deal was signed on March 3, 2026.");
    assert!(g.is_grounded(), "{g:#?}");
    assert_eq!(
        g.claims
            .iter()
            .filter(|c| matches!(c.kind, ClaimKind::Date(_)))
            .count(),
        1
    );
}

#[test]
fn a_different_count_of_the_same_thing_is_a_contradiction() {
    let (_, g) = check("Hanbit will build 3 separation plants.");
    let flagged: Vec<_> = g.flagged().collect();
    assert_eq!(flagged.len(), 1);
    assert_eq!(flagged[0].text, "3 separation");
    match &flagged[0].verdict {
        Verdict::Contradicted { evidence, reason } => {
            assert_eq!(&ARTICLE[evidence.span.clone()], "two");
            assert!(reason.contains("separation"), "{reason}");
        }
        other => panic!("expected a contradiction, got {other:?}"),
    }
}

#[test]
fn a_shifted_date_or_year_is_unsupported() {
    let (_, g) = check("The deal was signed on 4 March 2026, after exports fell in 2024.");
    assert_eq!(
        g.flagged().map(|c| c.text.as_str()).collect::<Vec<_>>(),
        ["4 March 2026", "2024"]
    );
}

#[test]
fn invented_and_substituted_names_are_flagged_and_real_ones_are_not() {
    let (_, g) =
        check("Park and Kanto Magnet Works met officials from Samsung and Kanto Steel in Seoul.");
    let flagged: Vec<_> = g.flagged().map(|c| c.text.as_str()).collect();
    assert_eq!(flagged, ["Samsung", "Kanto Steel"]);
}

#[test]
fn an_attribution_needs_the_speaker_near_the_words() {
    let (_, g) = check("Min-jun Park said Hanbit would spend heavily on separation plants.");
    assert!(g.is_grounded(), "{g:#?}");
    let far = format!(
        "{ARTICLE} {}Lee Soo-min chairs the board.",
        "Unrelated filler text. ".repeat(30)
    );
    let sources = Sources::new(&[far]).unwrap();
    let g = Grounder::new()
        .check(
            &sources,
            "Lee Soo-min said Hanbit would spend heavily on separation plants.",
        )
        .unwrap();
    assert!(
        g.claims
            .iter()
            .any(|c| matches!(c.kind, ClaimKind::Attribution { .. }) && c.is_flagged()),
        "{g:#?}"
    );
}

#[test]
fn a_capital_alone_stands_for_its_country_and_initials_for_a_name() {
    let sources =
        Sources::new(&["China tightened licensing. The EU answered; US officials met."]).unwrap();
    let grounder = Grounder::new();
    let g = grounder
        .check(
            &sources,
            "Beijing tightened licensing and the European Union answered.",
        )
        .unwrap();
    assert!(g.is_grounded(), "{g:#?}");
    let g = grounder
        .check(
            &sources,
            "The Bank of Beijing and the United Nations answered.",
        )
        .unwrap();
    let flagged: Vec<_> = g.flagged().map(|c| c.text.as_str()).collect();
    assert_eq!(flagged, ["Bank of Beijing", "United Nations"]);
}

#[test]
fn a_hedged_number_may_round_and_a_bare_one_may_not() {
    let sources = Sources::new(&["Exports fell 38.6% in the 1990s."]).unwrap();
    let grounder = Grounder::new();
    assert!(
        grounder
            .check(&sources, "Exports fell about 40% in 1995.")
            .unwrap()
            .is_grounded()
    );
    let g = grounder
        .check(&sources, "Exports fell 40% in 2005.")
        .unwrap();
    assert_eq!(
        g.flagged().map(|c| c.text.as_str()).collect::<Vec<_>>(),
        ["40%", "2005"]
    );
}

#[test]
fn an_initialism_is_found_as_the_name_it_abbreviates() {
    // The article writes only `Kanto Magnet Works`; the prose abbreviates it, and attributes.
    let (_, g) = check("KMW signed the deal in March 2026, KMW said.");
    assert_eq!(g.flagged().count(), 0, "{:?}", g.claims);
    let name = g.claims.iter().find(|c| c.text == "KMW").unwrap();
    assert_eq!(evidence_text(&name.verdict), "Kanto Magnet Works");
}

#[test]
fn an_initialism_no_name_abbreviates_is_flagged() {
    for invented in ["HMW", "MKW", "KMWA"] {
        let (_, g) = check(&format!("{invented} signed the deal in March 2026."));
        let flagged: Vec<&str> = g.flagged().map(|c| c.text.as_str()).collect();
        assert_eq!(flagged, [invented], "{invented}");
    }
}

#[test]
fn an_abbreviated_word_of_a_name_is_found_in_full_and_the_reverse() {
    let sources = Sources::new(&["The Commerce Department fined Acme Corp. on Tuesday."]).unwrap();
    let grounder = Grounder::new();
    for prose in [
        "The Commerce Dept. fined Acme.",
        "Acme Corporation was fined by Commerce.",
    ] {
        let g = grounder.check(&sources, prose).unwrap();
        assert_eq!(g.flagged().count(), 0, "{prose}: {:?}", g.claims);
    }
    let g = grounder
        .check(&sources, "The Treasury Dept. fined Acme.")
        .unwrap();
    let flagged: Vec<&str> = g.flagged().map(|c| c.text.as_str()).collect();
    assert_eq!(flagged, ["Treasury Dept"]);
}
