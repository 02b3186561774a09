//! The coverage footer: how much was read to compose a brief.

use std::collections::HashSet;

use bellwether_signal::Signal;
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

/// How many articles and outlets were read, and when the newest was published.
///
/// [`Composer::compose`](crate::Composer::compose) counts the distinct source articles
/// (by id) and outlets (by name, ignoring case and surrounding space) of every signal it
/// considered. A pipeline that read articles which yielded no signal can report its own
/// figures with [`Brief::with_coverage`](crate::Brief::with_coverage).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Coverage {
    articles: usize,
    outlets: usize,
    newest: Option<DateTime<Utc>>,
}

impl Coverage {
    /// Coverage with the given figures (`newest` is `None` when nothing was read).
    pub fn new(articles: usize, outlets: usize, newest: Option<DateTime<Utc>>) -> Self {
        Coverage {
            articles,
            outlets,
            newest,
        }
    }

    /// Counts the distinct articles and outlets behind `signals`.
    pub fn of_signals<'a>(signals: impl IntoIterator<Item = &'a Signal>) -> Self {
        let mut articles = HashSet::new();
        let mut outlets = HashSet::new();
        let mut newest: Option<DateTime<Utc>> = None;
        for source in signals.into_iter().flat_map(Signal::sources) {
            if articles.insert(source.id().as_str()) {
                outlets.insert(source.outlet().trim().to_lowercase());
                newest = newest.max(Some(source.published()));
            }
        }
        Coverage {
            articles: articles.len(),
            outlets: outlets.len(),
            newest,
        }
    }

    /// The number of distinct articles read.
    pub fn articles(&self) -> usize {
        self.articles
    }

    /// The number of distinct outlets they came from.
    pub fn outlets(&self) -> usize {
        self.outlets
    }

    /// When the newest article was published.
    pub fn newest(&self) -> Option<DateTime<Utc>> {
        self.newest
    }
}
