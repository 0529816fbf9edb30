//! The validated knowledge base: what the rest of the program reads.
//!
//! Everything here has passed validation: every reference resolves, every
//! quote stands verbatim in its paragraph, every date is real. Nothing in
//! this file can fail.

use std::collections::HashMap;

use super::date::FuzzyDate;

/// Whose position a statement represents: one of the sides listed in
/// `sides.toml`. Sides are data, so a story with other parties needs no
/// code change; a fact naming a side the file does not list is a `check`
/// error, so a typo never creates a new "side".
///
/// Cheap to clone (shared); equal when the ids are.
#[derive(Debug, Clone)]
pub struct Side(std::sync::Arc<SideInfo>);

/// What `sides.toml` says of one side.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SideInfo {
    pub id: String,
    /// Readable label for replies ("US government").
    pub label: String,
    /// 0xRRGGBB: the colour of its answers (Discord embeds, the console).
    pub colour: u32,
    /// The articles' own voice rather than a party to the dispute: left out
    /// of the "each side" summary.
    pub narrator: bool,
}

impl Side {
    pub fn new(info: SideInfo) -> Self {
        Side(std::sync::Arc::new(info))
    }

    pub fn id(&self) -> &str {
        &self.0.id
    }

    /// Readable label for replies.
    pub fn label(&self) -> &str {
        &self.0.label
    }

    /// 0xRRGGBB.
    pub fn colour(&self) -> u32 {
        self.0.colour
    }

    pub fn is_narrator(&self) -> bool {
        self.0.narrator
    }
}

impl PartialEq for Side {
    fn eq(&self, other: &Self) -> bool {
        self.0.id == other.0.id
    }
}

impl Eq for Side {}

impl std::hash::Hash for Side {
    fn hash<H: std::hash::Hasher>(&self, state: &mut H) {
        self.0.id.hash(state);
    }
}

impl serde::Serialize for Side {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.id())
    }
}

/// What a paragraph of a source is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum ParagraphKind {
    /// Article text: facts may quote it.
    Body,
    /// The headline.
    Headline,
    /// Page furniture (navigation, photo credits): never quoted.
    Chrome,
}

/// One paragraph of a source article (a non-blank line of its text file).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Paragraph {
    /// 1-based.
    pub number: u32,
    pub text: String,
    pub kind: ParagraphKind,
}

/// A source article: its verbatim text and curated metadata.
#[derive(Debug, Clone)]
pub struct Source {
    pub id: String,
    /// The text file, relative to the knowledge directory.
    pub file: String,
    pub headline: String,
    /// `None` when the text does not name its outlet.
    pub outlet: Option<String>,
    pub outlet_note: Option<String>,
    /// `None` when the text does not support a date.
    pub published: Option<FuzzyDate>,
    pub published_note: Option<String>,
    pub url: Option<String>,
    pub paragraphs: Vec<Paragraph>,
    /// Work in progress: its facts are checked but not served.
    pub draft: bool,
}

impl Source {
    /// The paragraph with this 1-based number.
    pub fn paragraph(&self, number: u32) -> Option<&Paragraph> {
        let index = usize::try_from(number).ok()?.checked_sub(1)?;
        self.paragraphs.get(index)
    }

    /// "2021-11" or "date unknown".
    pub fn published_label(&self) -> String {
        self.published
            .map_or_else(|| "date unknown".to_string(), |d| d.to_string())
    }

    /// "Al-Monitor" or "outlet not named in the text".
    pub fn outlet_label(&self) -> &str {
        self.outlet
            .as_deref()
            .unwrap_or("outlet not named in the text")
    }
}

/// A sourced statement: one claim and the verbatim words that carry it.
#[derive(Debug, Clone)]
pub struct Fact {
    pub id: String,
    /// A neutral one-line summary.
    pub claim: String,
    /// Verbatim excerpt of `source`, paragraph `paragraph`.
    pub quote: String,
    /// Entity id of whoever holds the position.
    pub speaker: String,
    /// How the article attributes it: said, tweeted, reported, …
    pub attribution: String,
    pub side: Side,
    pub source: String,
    pub paragraph: u32,
    /// Other paragraphs of the same source that repeat this statement.
    pub also_paragraphs: Vec<u32>,
    pub date: FuzzyDate,
    pub date_note: Option<String>,
    pub topics: Vec<String>,
    /// Example questions this fact answers, as people would ask them.
    pub questions: Vec<String>,
    pub responds_to: Vec<String>,
    pub disputes: Vec<String>,
}

/// A person, organisation or publication named in the articles.
#[derive(Debug, Clone)]
pub struct Entity {
    pub id: String,
    pub name: String,
    /// person, organisation, publication, government, country, group, role
    pub kind: String,
    pub role: String,
    pub side: Option<Side>,
    /// Other names people use, matched as whole phrases.
    pub aliases: Vec<String>,
    /// Common misspellings, matched like aliases.
    pub misspellings: Vec<String>,
}

/// A dated event of the story.
#[derive(Debug, Clone)]
pub struct Event {
    pub id: String,
    pub date: FuzzyDate,
    pub date_note: Option<String>,
    pub title: String,
    pub actors: Vec<String>,
    pub topics: Vec<String>,
    /// Fact ids whose quotes show the event happened.
    pub evidence: Vec<String>,
}

/// A subject facts and events are filed under.
#[derive(Debug, Clone)]
pub struct Topic {
    pub id: String,
    pub title: String,
    pub description: String,
}

/// Words that mean the same thing to a reader of this story.
#[derive(Debug, Clone)]
pub struct SynonymGroup {
    pub words: Vec<String>,
}

/// The whole validated base. Immutable once built; replace it to change it.
#[derive(Debug, Clone, Default)]
pub struct KnowledgeBase {
    /// In `sides.toml`'s order, which is the order replies list them in.
    pub sides: Vec<Side>,
    pub sources: Vec<Source>,
    pub facts: Vec<Fact>,
    pub entities: Vec<Entity>,
    pub events: Vec<Event>,
    pub topics: Vec<Topic>,
    pub synonyms: Vec<SynonymGroup>,
    /// Short hash of every knowledge file's bytes, to tell which edit is live.
    pub fingerprint: String,
    pub(crate) fact_index: HashMap<String, usize>,
    pub(crate) entity_index: HashMap<String, usize>,
    pub(crate) source_index: HashMap<String, usize>,
    pub(crate) topic_index: HashMap<String, usize>,
    /// fact id → positions of the facts that dispute or respond to it.
    pub(crate) backlinks: HashMap<String, Vec<usize>>,
    /// Facts of draft sources: checked, not served.
    pub held_back: usize,
}

impl KnowledgeBase {
    pub fn fact(&self, id: &str) -> Option<&Fact> {
        self.fact_index.get(id).map(|&i| &self.facts[i])
    }

    pub fn entity(&self, id: &str) -> Option<&Entity> {
        self.entity_index.get(id).map(|&i| &self.entities[i])
    }

    pub fn source(&self, id: &str) -> Option<&Source> {
        self.source_index.get(id).map(|&i| &self.sources[i])
    }

    pub fn topic(&self, id: &str) -> Option<&Topic> {
        self.topic_index.get(id).map(|&i| &self.topics[i])
    }

    /// Position of a fact in `facts`.
    pub fn fact_position(&self, id: &str) -> Option<usize> {
        self.fact_index.get(id).copied()
    }

    /// Rebuilds the id lookups; call after assembling the vectors.
    pub(crate) fn reindex(&mut self) {
        fn map<T>(items: &[T], id: impl Fn(&T) -> &str) -> HashMap<String, usize> {
            items
                .iter()
                .enumerate()
                .map(|(i, t)| (id(t).to_string(), i))
                .collect()
        }
        self.fact_index = map(&self.facts, |f| &f.id);
        self.entity_index = map(&self.entities, |e| &e.id);
        self.source_index = map(&self.sources, |s| &s.id);
        self.topic_index = map(&self.topics, |t| &t.id);
        self.backlinks.clear();
        for (i, f) in self.facts.iter().enumerate() {
            for target in f.disputes.iter().chain(&f.responds_to) {
                let list = self.backlinks.entry(target.clone()).or_default();
                if !list.contains(&i) {
                    list.push(i);
                }
            }
        }
    }

    /// Facts that dispute or respond to `id`, in file order.
    pub fn linked_to(&self, id: &str) -> impl Iterator<Item = &Fact> {
        self.backlinks
            .get(id)
            .into_iter()
            .flatten()
            .filter_map(|&i| self.facts.get(i))
    }

    /// Counts for `check`, `/about` and `/status`.
    pub fn counts(&self) -> Counts {
        Counts {
            sources: self.sources.len(),
            facts: self.facts.len(),
            entities: self.entities.len(),
            events: self.events.len(),
            topics: self.topics.len(),
        }
    }
}

/// How much a base holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
pub struct Counts {
    pub sources: usize,
    pub facts: usize,
    pub entities: usize,
    pub events: usize,
    pub topics: usize,
}

impl std::fmt::Display for Counts {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "{} sources, {} facts, {} entities, {} events, {} topics",
            self.sources, self.facts, self.entities, self.events, self.topics
        )
    }
}
