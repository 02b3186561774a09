//! Temporary diagnostics.
use crate::stream::{StreamShape, generate, pairwise_precision_recall};
use bellwether_score::{ClusterConfig, SignalClusters};

#[test]
#[ignore]
fn sweep() {
    let stream = generate(
        1,
        &StreamShape {
            claims: 600,
            sibling_rate: 0.35,
            mean_extra: 3.0,
        },
    );
    let truth: Vec<usize> = stream.iter().map(|l| l.label).collect();
    for th in [0.4, 0.45, 0.5, 0.55, 0.6, 0.65] {
        for aw in [0.1, 0.2, 0.3] {
            for tw in [0.0, 0.05, 0.1] {
                let Ok(config) = ClusterConfig::builder()
                    .threshold(th)
                    .actor_weight(aw)
                    .tag_weight(tw)
                    .region_weight(0.05)
                    .build()
                else {
                    continue;
                };
                let clusters = SignalClusters::batch(
                    config,
                    stream.iter().map(|l| l.features.clone()).collect(),
                )
                .unwrap();
                let predicted: Vec<u64> = stream
                    .iter()
                    .map(|l| clusters.signal_of(&l.features.extraction_id).unwrap().get())
                    .collect();
                let (p, r, ..) = pairwise_precision_recall(&truth, &predicted);
                let mut inc = SignalClusters::new(config);
                let predicted: Vec<u64> = stream
                    .iter()
                    .map(|l| inc.assign(l.features.clone()).unwrap().signal.get())
                    .collect();
                let (ip, ir, ..) = pairwise_precision_recall(&truth, &predicted);
                println!(
                    "th {th} aw {aw} tw {tw}: batch P {p:.3} R {r:.3} | incremental P {ip:.3} R {ir:.3}"
                );
            }
        }
    }
}
