use bellwether_signal::{ActorKind, ReliabilityGrade, Signal};

const SEED: &str = include_str!("../../testdata/seed/signal.json");

fn seed() -> Signal {
    serde_json::from_str(SEED).expect("the seed signal is valid")
}

#[test]
fn seed_round_trips_to_identical_json() {
    let json = serde_json::to_string_pretty(&seed()).unwrap() + "\n";
    assert_eq!(json, SEED);
}

#[test]
fn seed_has_every_field_on_the_page() {
    let signal = seed();
    assert!(
        signal
            .thesis()
            .starts_with("US chip export controls accelerating adversary AI")
    );
    assert!(
        signal
            .analysis()
            .unwrap()
            .starts_with("The foundational assumption")
    );
    assert_eq!(signal.strength().to_string(), "str 8");
    assert_eq!(
        format!("extracted {}×", signal.extraction_count()),
        "extracted 3×"
    );
    assert_eq!(
        signal.first_seen().format("%-m/%-d/%Y").to_string(),
        "5/12/2026"
    );
    assert_eq!(
        signal.last_reinforced().format("%-m/%-d/%Y").to_string(),
        "5/26/2026"
    );
    assert_eq!(format!("{} articles", signal.article_count()), "3 articles");

    let mut tag_line: Vec<String> = signal.tags().labels().map(str::to_owned).collect();
    let regions: Vec<&str> = signal.regions().iter().map(|r| r.as_str()).collect();
    tag_line.push(regions.join(", "));
    assert_eq!(
        tag_line.join(" · "),
        "structural · regulatory · technological · AI · US, CN"
    );

    let actors: Vec<&str> = signal.actors().iter().map(|a| a.name()).collect();
    assert_eq!(actors, ["BIS", "Anthropic", "OpenAI", "DeepSeek"]);
    assert_eq!(signal.actors()[0].kind(), ActorKind::GovernmentBody);

    let quotes: Vec<(&str, &[String])> = signal
        .sources()
        .iter()
        .flat_map(|s| s.quotes())
        .map(|q| (q.text(), q.anchors()))
        .collect();
    assert_eq!(quotes.len(), 4);
    let anchors: Vec<&str> = quotes
        .iter()
        .flat_map(|(_, a)| a.iter().map(String::as_str))
        .collect();
    assert_eq!(
        anchors,
        [
            "export-control architectures",
            "distillation attacks",
            "offset deficits in AI computing power",
            "DeepSeek"
        ]
    );
    // The second White House quote lies inside the first.
    assert!(quotes[1].0.contains(quotes[2].0));
    assert_eq!(signal.reasoning().count(), 4);
    assert!(
        signal
            .sources()
            .iter()
            .all(|s| s.reliability() == Some(ReliabilityGrade::B))
    );
    let titles: Vec<&str> = signal.sources().iter().map(|s| s.title()).collect();
    assert_eq!(
        titles,
        [
            "The Software Layer of China-US Tech Diplomacy",
            "White House accuses China of ‘industrial-scale’ theft of AI technology",
            "The G-2 Reality"
        ]
    );
}

#[test]
fn seed_text_matches_the_seed_page_strings() {
    // Every string of the seed JSON that the page shows appears on the page verbatim; the page
    // itself lives outside this crate, so the check runs only where the workspace's shared/ is.
    let page = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../../shared/seed/000_4e6fc79684614b7f.txt");
    let Ok(page) = std::fs::read_to_string(page) else {
        return;
    };
    let signal = seed();
    let mut strings = vec![signal.thesis(), signal.analysis().unwrap()];
    for source in signal.sources() {
        strings.push(source.title());
        strings.extend(source.quotes().iter().map(|q| q.text()));
        strings.extend(source.reasoning().iter().map(String::as_str));
    }
    for s in strings {
        assert!(page.contains(s), "not on the page: {s}");
    }
}
