use bellwether::signal::Signal;

const SEED: &str = include_str!("../data/seed/signal.json");

#[test]
fn facade_reads_the_seed_signal_and_writes_it_back_identically() {
    let signal: Signal = serde_json::from_str(SEED).unwrap();
    assert_eq!(serde_json::to_string_pretty(&signal).unwrap() + "\n", SEED);
}

#[test]
fn bundled_seed_copies_agree() {
    // The signal crate carries its own copy so that it tests from its published package.
    let crate_copy = include_str!("../../crates/bellwether-signal/testdata/seed/signal.json");
    assert_eq!(crate_copy, SEED);
}
