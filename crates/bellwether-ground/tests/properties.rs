//! Invariants: a claim copied from a source is always supported; a supported number changed to
//! a value no source gives is never supported (the numbers are bare: a hedged one, `about 40%`,
//! may round by up to 5%, which `tests/claims.rs` specifies).

// Tests may panic on a broken expectation: that is how they fail.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use bellwether_ground::{Grounder, Sources, Verdict};
use proptest::prelude::*;

const SYLLABLES: [&str; 12] = [
    "zor", "vak", "quel", "tamb", "oxi", "draun", "pel", "yrk", "gav", "lund", "ifer", "mox",
];
const NOUNS: [&str; 6] = [
    "plants",
    "mines",
    "reactors",
    "depots",
    "licences",
    "contracts",
];
const MONTHS: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

fn name() -> impl Strategy<Value = String> {
    (
        0..SYLLABLES.len(),
        0..SYLLABLES.len(),
        0..SYLLABLES.len(),
        0..SYLLABLES.len(),
    )
        .prop_map(|(a, b, c, d)| {
            let cap = |s: String| {
                let mut chars = s.chars();
                chars
                    .next()
                    .map(|f| f.to_uppercase().chain(chars).collect::<String>())
                    .unwrap_or_default()
            };
            format!(
                "{} {}",
                cap(format!("{}{}", SYLLABLES[a], SYLLABLES[b])),
                cap(format!("{}{}", SYLLABLES[c], SYLLABLES[d]))
            )
        })
}

/// One source sentence with a number in it: its text as a function of the number, and the number.
#[derive(Debug, Clone)]
struct Fact {
    template: u8,
    who: String,
    noun: &'static str,
    value: u32,
    day: u32,
    month: usize,
}

impl Fact {
    fn render(&self, value: u32) -> String {
        let (who, noun) = (&self.who, self.noun);
        let month = MONTHS[self.month];
        match self.template % 5 {
            0 => format!("{who} will build {value} {noun} near the coast."),
            1 => format!(
                "{who} said the {noun} would cost \u{0024}{}.{}\u{00A0}billion.",
                value / 10,
                value % 10
            ),
            2 => format!(
                "Output rose {value}\u{00A0}per cent after {who} opened the {noun}, according to officials."
            ),
            3 => format!(
                "On {} {month} 2026, {who} signed {value} new {noun}.",
                self.day
            ),
            _ => format!(
                "The \u{201C}{who}\u{201D} group\u{2019}s {value} {noun} were sold for \u{20AC}{value}m."
            ),
        }
    }
}

fn fact() -> impl Strategy<Value = Fact> {
    (
        0u8..5,
        name(),
        0..NOUNS.len(),
        12u32..999,
        1u32..29,
        0..12usize,
    )
        .prop_map(|(template, who, noun, value, day, month)| Fact {
            template,
            who,
            noun: NOUNS[noun],
            value,
            day,
            month,
        })
}

fn article(facts: &[Fact], wrap: bool) -> String {
    let sentences: Vec<String> = facts.iter().map(|f| f.render(f.value)).collect();
    if wrap {
        sentences.join("\n")
    } else {
        sentences.join(" ")
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(128))]

    #[test]
    fn a_claim_copied_from_a_source_is_supported(facts in prop::collection::vec(fact(), 1..8), pick in any::<prop::sample::Index>(), wrap in any::<bool>(), straighten in any::<bool>()) {
        let text = article(&facts, wrap);
        let sources = Sources::new(&[text]).unwrap();
        let mut passage = facts[pick.index(facts.len())].render(facts[pick.index(facts.len())].value);
        if straighten {
            // The model's usual typography: straight quotes, ordinary spaces.
            passage = passage.replace(['\u{201C}', '\u{201D}'], "\"").replace('\u{2019}', "'").replace('\u{00A0}', " ");
        }
        let grounding = Grounder::new().check(&sources, &passage).unwrap();
        prop_assert!(!grounding.claims.is_empty());
        for claim in &grounding.claims {
            prop_assert!(matches!(claim.verdict, Verdict::Supported(_)), "{passage:?}: {claim:?}");
        }
    }

    #[test]
    fn a_number_changed_to_a_value_no_source_gives_is_never_supported(facts in prop::collection::vec(fact(), 1..8), pick in any::<prop::sample::Index>(), new_value in 12u32..999) {
        let used: Vec<u32> = facts.iter().flat_map(|f| [f.value, f.day, f.value / 10, f.value % 10]).collect();
        prop_assume!(!used.contains(&new_value) && !used.contains(&(new_value / 10)));
        let text = article(&facts, false);
        let sources = Sources::new(&[text]).unwrap();
        let fact = &facts[pick.index(facts.len())];
        let passage = fact.render(new_value);
        let grounding = Grounder::new().check(&sources, &passage).unwrap();
        let changed = match fact.template % 5 {
            1 => format!("{}.{}", new_value / 10, new_value % 10),
            _ => new_value.to_string(),
        };
        let bytes = passage.as_bytes();
        let at = passage
            .match_indices(&changed)
            .map(|(at, _)| at)
            .find(|&at| {
                let end = at + changed.len();
                let digit_before = at > 0 && bytes[at - 1].is_ascii_digit();
                let digit_after = bytes.get(end).is_some_and(u8::is_ascii_digit);
                !digit_before && !digit_after
            })
            .unwrap();
        let claim = grounding.claims.iter().find(|c| c.span.start <= at && at < c.span.end);
        let claim = claim.expect("the changed number is read as a claim");
        prop_assert!(!matches!(claim.verdict, Verdict::Supported(_)), "{passage:?}: {claim:?}");
    }
}

/// Text mixing the characters the check treats specially: digits, capitals, currency signs,
/// dashes, quotes, soft hyphens, no-break spaces, line ends, combining marks, other scripts.
fn hostile_text() -> impl Strategy<Value = String> {
    prop::collection::vec(
        prop_oneof![
            Just("$".to_owned()),
            Just("€".to_owned()),
            Just("½".to_owned()),
            Just("-\n".to_owned()),
            Just("\u{00AD}".to_owned()),
            Just("\u{00A0}".to_owned()),
            Just("\u{201C}".to_owned()),
            Just("’s ".to_owned()),
            Just("U.S.".to_owned()),
            Just("e\u{0301}".to_owned()),
            Just("İ".to_owned()),
            Just("said ".to_owned()),
            Just("May ".to_owned()),
            Just("1/2 ".to_owned()),
            Just("5/12/2026 ".to_owned()),
            "[0-9]{1,5}",
            "[A-Z][a-z]{0,6} ?",
            "[a-z]{1,6} ?",
            "[,.;:!?()]",
            any::<char>().prop_map(String::from),
        ],
        0..40,
    )
    .prop_map(|parts| parts.concat())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn any_text_is_checked_without_panicking_and_spans_point_into_it(passage in hostile_text(), source in hostile_text()) {
        let sources = Sources::new(&[source.as_str()]).unwrap();
        let grounding = Grounder::new().check(&sources, &passage).unwrap();
        for claim in &grounding.claims {
            prop_assert_eq!(passage.get(claim.span.clone()), Some(claim.text.as_str()));
            if let Verdict::Supported(e) | Verdict::Contradicted { evidence: e, .. } = &claim.verdict {
                prop_assert!(source.get(e.span.clone()).is_some(), "{:?} in {:?}", e.span, source);
            }
        }
    }
}
