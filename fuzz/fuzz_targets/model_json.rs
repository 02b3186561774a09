//! Deserializing every public model type from arbitrary JSON.
//!
//! Each type either rejects the input with a typed error or accepts it; whatever it accepts
//! must serialize, and deserialize again to the same value (and, for the shared signal model,
//! to an equal value by `PartialEq`): validation that lets in a value it cannot write back, or
//! writes a value it would not read, loses data on the next save.

#![no_main]

use bellwether::{anchor, brief, score, signal};
use libfuzzer_sys::fuzz_target;
use serde::Serialize;
use serde::de::DeserializeOwned;

/// Deserializes `data` as `T`; if accepted, checks the value survives a JSON round trip
/// (compared as JSON trees, which ignore map order) and returns both values.
fn round_trip<T: DeserializeOwned + Serialize>(data: &[u8], name: &str) -> Option<(T, T)> {
    let value: T = serde_json::from_slice(data).ok()?;
    let json = serde_json::to_value(&value)
        .unwrap_or_else(|e| panic!("{name}: accepted value does not serialize: {e}"));
    let text = json.to_string();
    let again: T = serde_json::from_str(&text)
        .unwrap_or_else(|e| panic!("{name}: its own output {text} is rejected: {e}"));
    let json_again = serde_json::to_value(&again)
        .unwrap_or_else(|e| panic!("{name}: reloaded value does not serialize: {e}"));
    assert_eq!(
        json, json_again,
        "{name}: value changes across a round trip"
    );
    Some((value, again))
}

macro_rules! equal_round_trip {
    ($data:expr, $($ty:ty),+ $(,)?) => {
        $(
            if let Some((first, second)) = round_trip::<$ty>($data, stringify!($ty)) {
                assert_eq!(first, second, "{} differs after a round trip", stringify!($ty));
            }
        )+
    };
}

macro_rules! json_round_trip {
    ($data:expr, $($ty:ty),+ $(,)?) => {
        $( let _ = round_trip::<$ty>($data, stringify!($ty)); )+
    };
}

fuzz_target!(|data: &[u8]| {
    equal_round_trip!(
        data,
        signal::Signal,
        signal::Extraction,
        signal::SourceArticle,
        signal::Quote,
        signal::ProposedQuote,
        signal::ByteSpan,
        signal::MatchMethod,
        signal::MatchQuality,
        signal::Region,
        signal::Actor,
        signal::ActorKind,
        signal::Tags,
        signal::Nature,
        signal::Domain,
        signal::Topic,
        signal::Label,
        signal::SignalId,
        signal::ArticleId,
        signal::Strength,
        signal::StrengthBand,
        signal::StrengthBands,
        signal::ReliabilityGrade,
        signal::WebUrl,
        anchor::NotatedQuote,
        anchor::QuoteStyle,
        anchor::Span,
        anchor::QuoteMatch,
        anchor::Rung,
        anchor::AnchorMatch,
    );
    json_round_trip!(
        data,
        anchor::Candidate,
        anchor::WordDifference,
        anchor::TextDirective,
        anchor::AnnotationSelectors,
        anchor::Selector,
        anchor::TextPositionSelector,
        anchor::TextQuoteSelector,
        anchor::MergedQuote,
        anchor::Overlap,
        anchor::OverlapKind,
        anchor::PlacedQuote,
        anchor::AnchorSuggestion,
        score::ClusterConfig,
        score::DecayPolicy,
        score::HalfLife,
        score::ArticleId,
        score::ExtractionId,
        score::Outlet,
        score::Stance,
        score::DecayFactor,
        score::Explanation,
        score::OriginContribution,
        score::ExtractionFeatures,
        score::SignalId,
        score::Fingerprint,
        score::Ledger,
        score::LineageEdge,
        score::LineageEvent,
        score::LineageNode,
        score::Grade,
        score::ReliabilityTable,
        score::Score,
        score::Scorer,
        score::Assignment,
        score::SignalClusters,
        score::SignalMatch,
        score::Strength,
        score::Thresholds,
        score::EvidenceMass,
        score::Weight,
        brief::Badge,
        brief::Change,
        brief::Update,
        brief::Coverage,
        brief::DateStyle,
        brief::IndexEntry,
        brief::SignalIndex,
        brief::SignalPage,
        brief::BriefItem,
        brief::Brief,
        brief::Omissions,
        brief::Quiet,
        brief::QuietReason,
        brief::LeftOut,
        brief::LeftOutReason,
        brief::ItemOrder,
        brief::Novelty,
        brief::Policy,
        brief::SafeUrl,
        brief::Snapshot,
        brief::SnapshotEntry,
    );
});
