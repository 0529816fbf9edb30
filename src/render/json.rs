//! JSON shapes for `--json` output beyond the answer contract (which is
//! `answer::Answer` itself): timelines.

use serde::Serialize;

use crate::answer::{QuoteCard, card};
use crate::knowledge::{KnowledgeBase, Precision};
use crate::timeline::Timeline;

/// One timeline event with its evidence quotes.
#[derive(Debug, Serialize)]
pub struct EventJson {
    pub id: String,
    pub date: String,
    pub date_precision: Precision,
    pub date_note: Option<String>,
    pub title: String,
    pub actors: Vec<String>,
    pub topics: Vec<String>,
    pub evidence: Vec<QuoteCard>,
}

/// The events of a timeline, as JSON values.
pub fn timeline(kb: &KnowledgeBase, t: &Timeline<'_>) -> Vec<EventJson> {
    t.events
        .iter()
        .map(|e| EventJson {
            id: e.id.clone(),
            date: e.date.to_string(),
            date_precision: e.date.precision(),
            date_note: e.date_note.clone(),
            title: e.title.clone(),
            actors: e.actors.clone(),
            topics: e.topics.clone(),
            evidence: e
                .evidence
                .iter()
                .filter_map(|id| kb.fact(id))
                .filter_map(|f| card(kb, f, 1.0))
                .collect(),
        })
        .collect()
}
