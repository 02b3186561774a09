//! Grounding speed: one paragraph of prose checked against 21.8 KB of sources (two State of
//! the Union excerpts), and the one-off preparation of those sources.
//!
//! Run: `cargo bench -p bellwether-ground --bench ground -- --warm-up-time 1 --measurement-time 3`

#![allow(missing_docs)]
// criterion_group! generates undocumented items
// The inputs are constants within every limit: an error must stop the run, not be timed.
#![allow(clippy::expect_used)]

use std::hint::black_box;

use bellwether_ground::{Grounder, Sources};
use criterion::{Criterion, Throughput, criterion_group, criterion_main};

const SOURCES: [&str; 2] = [
    include_str!("../testdata/sotu/2014-obama.txt"),
    include_str!("../testdata/sotu/1988-reagan.txt"),
];

/// Paragraphs from the labelled set: names, numbers, money, shares and attributions.
const PARAGRAPHS: [&str; 4] = [
    "Obama opened by tying the recovery to ordinary work, crediting businesses with more than 8 million new jobs over the past 4 years and pointing to the strongest 5-year stretch of farm exports in the country's history.",
    "His administration had launched three hubs for high-tech manufacturing, in Raleigh, North Carolina, and Dayton, Ohio, and he announced ten more for the year.",
    "The administration took $73 billion off the deficit compared to the year before, and the deficit fell from 6.3 percent of the gross national product to 3.4 percent.",
    "Invoking the spirit of Jefferson, Reagan said there were no Republicans and no Democrats in the Chamber that night, just Americans.",
];

fn ground(c: &mut Criterion) {
    let total: usize = SOURCES.iter().map(|s| s.len()).sum();
    let sources = Sources::new(&SOURCES).expect("sources within limits");
    let grounder = Grounder::new()
        .known_entity(&["Barack Obama", "Obama"])
        .and_then(|g| g.known_entity(&["Ronald Reagan", "Reagan"]))
        .expect("valid names");
    let mut group = c.benchmark_group("ground");
    group.throughput(Throughput::Elements(PARAGRAPHS.len() as u64));
    group.bench_function("check 4 paragraphs vs 21.8 KB", |b| {
        b.iter(|| {
            for paragraph in PARAGRAPHS {
                black_box(
                    grounder
                        .check(&sources, black_box(paragraph))
                        .expect("paragraph within limits"),
                );
            }
        })
    });
    group.throughput(Throughput::Bytes(total as u64));
    group.bench_function("prepare 21.8 KB of sources", |b| {
        b.iter(|| black_box(Sources::new(black_box(&SOURCES)).expect("sources within limits")))
    });
    group.finish();
}

criterion_group!(benches, ground);
criterion_main!(benches);
