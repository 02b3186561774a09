//! Properties: valid values round-trip, malformed ones are rejected, identities are stable.

use bellwether_signal::{
    Actor, ActorKey, ActorKind, Domain, Label, Nature, ProposedQuote, Region, Signal, SignalError,
    Strength, Tags, Topic,
};
use proptest::prelude::*;

fn label_text() -> impl Strategy<Value = String> {
    "[A-Za-z0-9][A-Za-z0-9 é中’-]{0,30}[A-Za-z0-9]".prop_map(|s| s.trim().to_owned())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(128))]

    #[test]
    fn every_strength_in_range_round_trips(value in 1u8..=10) {
        let strength = Strength::new(value).unwrap();
        let json = serde_json::to_string(&strength).unwrap();
        prop_assert_eq!(serde_json::from_str::<Strength>(&json).unwrap(), strength);
    }

    #[test]
    fn every_strength_out_of_range_is_rejected(value in prop_oneof![i64::MIN..=0, 11..=i64::MAX]) {
        prop_assert_eq!(Strength::try_from(value), Err(SignalError::StrengthOutOfRange { value }));
        let err = serde_json::from_str::<Strength>(&value.to_string()).unwrap_err();
        prop_assert!(err.to_string().contains("out of range"));
    }

    #[test]
    fn fractional_strengths_are_rejected(value in 0.0f64..20.0) {
        prop_assume!(value.fract() != 0.0);
        prop_assert!(
            matches!(Strength::try_from(value), Err(SignalError::StrengthNotWhole { .. })),
            "expected StrengthNotWhole for {}",
            value
        );
    }

    #[test]
    fn every_region_round_trips_in_any_case(index in 0usize..253, lower in any::<bool>()) {
        let region = Region::all().nth(index).unwrap();
        let code = if lower { region.as_str().to_lowercase() } else { region.as_str().to_owned() };
        prop_assert_eq!(Region::new(&code).unwrap(), region);
        let json = serde_json::to_string(&region).unwrap();
        prop_assert_eq!(serde_json::from_str::<Region>(&json).unwrap(), region);
    }

    #[test]
    fn unassigned_two_letter_codes_are_rejected(code in "[A-Z]{2}") {
        let assigned = Region::all().any(|r| r.as_str() == code);
        prop_assert_eq!(Region::new(&code).is_ok(), assigned);
    }

    #[test]
    fn labels_round_trip_and_reject_control_characters(
        text in label_text(),
        c in prop_oneof![Just('\u{0}'), Just('\u{7}'), Just('\u{1b}'), Just('\u{7f}'), Just('\u{85}'), Just('\n'), Just('\t')],
    ) {
        let label = Label::new(&text).unwrap();
        let json = serde_json::to_string(&label).unwrap();
        prop_assert_eq!(serde_json::from_str::<Label>(&json).unwrap(), label);
        let dirty = format!("{text}{c}{text}");
        prop_assert!(
            matches!(Label::new(&dirty), Err(SignalError::ControlCharacter { .. })),
            "expected ControlCharacter"
        );
    }

    #[test]
    fn tags_round_trip(nature in label_text(), domain in label_text(), topic in label_text()) {
        let tags = Tags::new(
            vec![Nature::new(&nature).unwrap()],
            vec![Domain::new(&domain).unwrap()],
            vec![Topic::new(&topic).unwrap()],
        ).unwrap();
        let json = serde_json::to_string(&tags).unwrap();
        prop_assert_eq!(serde_json::from_str::<Tags>(&json).unwrap(), tags);
    }

    #[test]
    fn identity_keys_are_stable_under_case_and_whitespace(
        name in "[A-Za-z][A-Za-z0-9]{0,10}( [A-Za-z0-9]{1,10}){0,3}",
        upper in any::<bool>(),
        pad in "[ \t\u{a0}]{0,3}",
    ) {
        let changed = if upper { name.to_uppercase() } else { name.to_lowercase() };
        let spaced = format!("{pad}{}{pad}", changed.replace(' ', &format!(" {pad}")));
        prop_assert_eq!(ActorKey::of(&name), ActorKey::of(&spaced));
        let a = Actor::new(&name, ActorKind::Company, &[]).unwrap();
        let b = Actor::new(&spaced.replace('\t', " "), ActorKind::Company, &[]).unwrap();
        prop_assert!(a.is_same_as(&b));
    }

    #[test]
    fn quotes_accept_any_substring_as_anchor(words in proptest::collection::vec("[a-zA-Z]{1,8}", 1..10), start in 0usize..10, len in 1usize..4) {
        let text = words.join(" ");
        let start = start % words.len();
        let end = (start + len).min(words.len());
        let anchor = words[start..end].join(" ").to_uppercase();
        let quote = ProposedQuote::new(&text, &[&anchor]).unwrap();
        let json = serde_json::to_string(&quote).unwrap();
        prop_assert_eq!(serde_json::from_str::<ProposedQuote>(&json).unwrap(), quote);
    }

    #[test]
    fn seed_variants_with_valid_strength_round_trip(value in 1u8..=10, count in 3u32..1000) {
        let mut json: serde_json::Value = serde_json::from_str(include_str!("../../testdata/seed/signal.json")).unwrap();
        json["strength"] = value.into();
        json["extraction_count"] = count.into();
        let signal: Signal = serde_json::from_value(json).unwrap();
        let again: Signal = serde_json::from_str(&serde_json::to_string(&signal).unwrap()).unwrap();
        prop_assert_eq!(again, signal);
    }
}
