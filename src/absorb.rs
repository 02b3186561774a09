//! Combining pipelines: the evidence of several shards joined into one state, as if one
//! pipeline had ingested everything.

use std::cmp::Ordering;
use std::collections::btree_map::Entry;

use serde::Serialize;

use crate::report::AbsorbReport;
use crate::{Error, Pipeline};

/// A total order on serializable values: by their JSON text. Used only to pick, the same way on
/// every side, between two different records that claim the same identity.
fn json_order<T: Serialize>(a: &T, b: &T) -> Result<Ordering, Error> {
    let json =
        |value: &T| serde_json::to_string(value).map_err(|source| Error::Serialize { source });
    Ok(json(a)?.cmp(&json(b)?))
}

impl Pipeline {
    /// Joins `other`'s evidence into this pipeline, then rebuilds every signal.
    ///
    /// The state is the union of both sides' articles and verified extractions (each kept
    /// once), as a ledger merge joins evidence: absorbing is commutative, associative and
    /// idempotent, so shards of a stream, each ingested by its own pipeline (on its own
    /// machine) and absorbed in any order, give byte for byte the state and brief of one
    /// pipeline fed everything. An article recorded differently on the two sides (another
    /// outlet, time or text) keeps one record, chosen the same way whatever the order, and is
    /// listed in the report. Of the two last briefs, the later one (by brief number, then time)
    /// is kept; the signals are settled at the later of the two settle instants.
    ///
    /// This pipeline's configuration is kept; `other` is unchanged.
    ///
    /// Cost: `O(n log n)` for `n` articles and extractions on both sides, plus one
    /// [`Pipeline::settle`].
    ///
    /// # Errors
    ///
    /// As [`Pipeline::settle`]; on error this pipeline is left as it was.
    ///
    /// # Example
    ///
    /// ```
    /// # use bellwether::{Article, Pipeline};
    /// # use bellwether::signal::{ArticleId, Extraction};
    /// # let text = "Officials said that capability now propagates through software today.";
    /// # let article = Article::new(ArticleId::new("a1")?, "Software", "Review",
    /// #     "2026-05-12T09:30:00Z".parse()?, text)?;
    /// # let extraction: Extraction = serde_json::from_str(r#"{"article_id": "a1",
    /// #     "extracted_at": "2026-05-12T13:00:00Z", "thesis": "Capability moves as software",
    /// #     "strength": 6, "quotes": [{"text": "capability now propagates through software"}]}"#)?;
    /// let now = "2026-05-13T07:00:00Z".parse()?;
    /// let mut shard = Pipeline::new();
    /// shard.ingest(&article, &extraction, now)?;
    /// let mut combined = Pipeline::new();
    /// let report = combined.absorb(&shard)?;
    /// assert_eq!((report.new_articles, report.new_extractions), (1, 1));
    /// assert!(combined.absorb(&shard)?.is_unchanged()); // idempotent
    /// shard.settle(now)?;
    /// combined.settle(now)?;
    /// assert_eq!(combined.to_json()?, shard.to_json()?);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn absorb(&mut self, other: &Pipeline) -> Result<AbsorbReport, Error> {
        let mut report = AbsorbReport::default();
        let mut articles = self.articles.clone();
        for (id, theirs) in &other.articles {
            match articles.entry(id.clone()) {
                Entry::Vacant(slot) => {
                    slot.insert(theirs.clone());
                    report.new_articles += 1;
                }
                Entry::Occupied(mut slot) => {
                    if slot.get() != theirs {
                        report.conflicts.push(id.clone());
                        if json_order(theirs, slot.get())? == Ordering::Greater {
                            slot.insert(theirs.clone());
                        }
                    }
                }
            }
        }
        let mut extractions = self.extractions.clone();
        for (key, theirs) in &other.extractions {
            match extractions.entry(key.clone()) {
                Entry::Vacant(slot) => {
                    slot.insert(theirs.clone());
                    report.new_extractions += 1;
                }
                Entry::Occupied(mut slot) => {
                    // The same key is the same extraction of the same article; only a locator
                    // configured differently on the two sides verifies it differently.
                    if slot.get() != theirs && json_order(theirs, slot.get())? == Ordering::Greater
                    {
                        slot.insert(theirs.clone());
                    }
                }
            }
        }
        let last_brief = match (&self.last_brief, &other.last_brief) {
            (Some(ours), Some(theirs)) => {
                let key = |s: &crate::brief::Snapshot| (s.brief_number(), s.composed_at());
                let order = key(theirs).cmp(&key(ours)).then(json_order(theirs, ours)?);
                Some(
                    if order == Ordering::Greater {
                        theirs
                    } else {
                        ours
                    }
                    .clone(),
                )
            }
            (ours, theirs) => ours.as_ref().or(theirs.as_ref()).cloned(),
        };
        let settled_at = self.settled_at.max(other.settled_at);

        let mut joined = Pipeline::with_config(self.config.clone());
        joined.articles = articles;
        joined.extractions = extractions;
        joined.last_brief = last_brief;
        joined.resettle(settled_at)?;
        *self = joined;
        report.conflicts.sort();
        Ok(report)
    }
}
