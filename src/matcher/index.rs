//! The search index over a knowledge base: which facts carry which terms,
//! how strongly, and how rare each term is.
//!
//! Built once per base (off the answer path); a question then touches only
//! the postings of its own terms, so cost grows with the question, not with
//! the number of facts.

use std::sync::Arc;

use rustc_hash::{FxHashMap as HashMap, FxHashSet};

use crate::knowledge::{Entity, KnowledgeBase, Side};

use super::frame::{Carries, carries, year_of};
use super::lexicon::{Lexicon, TermId};
use super::normalize::all_tokens;

/// How strongly a fact field speaks for the fact. The example questions and
/// the claim are written to describe the fact; the quote also carries words
/// about neighbouring claims (several facts share one sentence), and topic
/// titles are broad.
pub mod field_weight {
    pub const QUESTION: f32 = 1.0;
    pub const CLAIM: f32 = 1.0;
    pub const SPEAKER: f32 = 1.0;
    /// The speaker's role ("Deputy press officer at Iran's mission to the
    /// UN"): people ask by role as often as by name.
    pub const ROLE: f32 = 0.5;
    pub const QUOTE: f32 = 0.7;
    pub const TOPIC: f32 = 0.4;
    /// The fact's date (year, month, weekday): "what happened in october
    /// 2020" finds it, but a date alone never outweighs what was said.
    pub const DATE: f32 = 0.4;
}

/// One example question (or a claim), as its sorted terms.
#[derive(Debug, Clone)]
pub struct ExampleQuestion {
    terms: Vec<TermId>,
    /// Sum of the idf of `terms`.
    pub mass: f32,
    /// One bit per term, at `term % 64`: a term whose bit is clear is not
    /// held, answered without a search. Scoring asks this of every example
    /// of 64 candidates for each of up to eight terms, and most answers are
    /// "no" (callgrind: the searches were a fifth of a long message).
    bits: u64,
}

impl ExampleQuestion {
    /// `terms` sorted and without repeats, and the sum of their idf.
    pub fn new(terms: Vec<TermId>, mass: f32) -> Self {
        let bits = terms.iter().fold(0, |b, &t| b | term_bit(t));
        ExampleQuestion { terms, mass, bits }
    }

    /// Whether the question holds `term`.
    pub fn holds(&self, term: TermId) -> bool {
        self.bits & term_bit(term) != 0 && self.terms.binary_search(&term).is_ok()
    }
}

fn term_bit(term: TermId) -> u64 {
    1 << (term % 64)
}

/// What kind of one an entity is, as a question asking for "*other*
/// countries" or "*other* Iranians" means it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum EntityClass {
    /// A person, or someone the articles name only by role.
    Person,
    Country,
    Publication,
    /// A government body, an organisation, a group, an office.
    Body,
}

impl EntityClass {
    /// The class of an entity of `kind` (entities.toml); none for the
    /// narrator, which no question asks about.
    pub fn of_kind(kind: &str) -> Option<Self> {
        match kind {
            "person" | "role" => Some(Self::Person),
            "country" => Some(Self::Country),
            "publication" => Some(Self::Publication),
            "narrator" => None,
            _ => Some(Self::Body),
        }
    }
}

/// Everything the scorer needs, derived from one base.
#[derive(Debug)]
pub struct Index {
    pub lexicon: Lexicon,
    /// term → (fact position, field weight), one entry per fact.
    pub postings: HashMap<TermId, Vec<(u32, f32)>>,
    /// fact position → its (term, field weight), sorted by term: scores any
    /// term for a candidate without walking that term's postings.
    pub fact_terms: Vec<Vec<(TermId, f32)>>,
    /// Inverse document frequency per term id.
    pub idf: Vec<f32>,
    /// Example questions per fact position.
    pub examples: Vec<Vec<ExampleQuestion>>,
    /// The terms of each fact's claim, to measure how much of the fact a
    /// question is about.
    pub claims: Vec<ExampleQuestion>,
    /// The kinds of answer each fact's quote can give (see `frame`).
    pub carries: Vec<Carries>,
    /// Per fact, the entity concepts its quote names in full ("Saeed
    /// Khatibzadeh, Foreign Ministry spokesman, said…"): the sentence that
    /// introduces someone answers "who is X". Sorted.
    pub introduces: Vec<Vec<TermId>>,
    /// Entity concept → the side the entity is on (`None`: no side).
    pub entity_sides: HashMap<TermId, Option<Side>>,
    /// The side of each fact's statement.
    pub fact_sides: Vec<Side>,
    /// What kind of one each entity is ("which *other country*").
    pub entity_classes: HashMap<TermId, EntityClass>,
    /// Per fact, the entities its quote names by any of their names, sorted:
    /// "which other country besides Iran" needs a quote naming another.
    pub quote_entities: Vec<Vec<TermId>>,
    /// The entities the articles name only by a role ("the Swiss
    /// ambassador", kind `role`): a question asking their name asks what the
    /// articles do not say.
    pub unnamed: FxHashSet<TermId>,
    /// The entity concepts that are people: a person asked about is matched
    /// by name, anyone else by side.
    pub people: FxHashSet<TermId>,
    /// The people each fact's speaker is or includes, sorted: "John
    /// Ratcliffe and Chris Wray" speak for both `@ratcliffe` and `@wray`.
    /// Shared by the facts of one speaker.
    pub speaker_people: Vec<Arc<[TermId]>>,
    /// The years each fact is dated in or its quote names, sorted.
    pub fact_years: Vec<Vec<u16>>,
    pub fact_count: usize,
}

impl Index {
    /// Builds the index for `kb`.
    pub fn build(kb: &KnowledgeBase) -> Self {
        // Read the thesaurus and the English list now, not on the first
        // question that needs them: that question would pay for it, and
        // memory would grow mid-service.
        super::thesaurus::preload();
        super::english::preload();
        let mut lexicon = Lexicon::default();
        // Entities first: their aliases take precedence over synonym words.
        for e in &kb.entities {
            let concept = format!("@{}", e.id);
            for name in std::iter::once(&e.name)
                .chain(&e.aliases)
                .chain(&e.misspellings)
            {
                lexicon.add_phrase(name, &concept);
            }
        }
        for group in &kb.synonyms {
            if let Some(first) = group.words.first() {
                let concept = format!("~{first}");
                for w in &group.words {
                    lexicon.add_phrase(w, &concept);
                }
            }
        }
        // Words of entity names: a quote naming one can answer "who".
        let mut name_words: FxHashSet<String> = Default::default();
        for e in &kb.entities {
            for n in std::iter::once(&e.name).chain(&e.aliases) {
                name_words.extend(all_tokens(n));
            }
        }
        let is_name =
            |w: &str| name_words.contains(w) || super::english::lookup(w).is_some_and(|e| e.name);
        let mut fact_carries = Vec::with_capacity(kb.facts.len());
        // Each quote's tokens, read once for answer types and introductions.
        let mut quotes: Vec<Vec<String>> = Vec::with_capacity(kb.facts.len());
        // Speakers and topics recur across facts: analyse each once.
        let mut speaker_terms: HashMap<&str, (Vec<TermId>, Vec<TermId>)> = HashMap::default();
        let mut topic_terms: HashMap<&str, Vec<TermId>> = HashMap::default();
        let mut bags: Vec<HashMap<TermId, f32>> = Vec::with_capacity(kb.facts.len());
        let mut example_terms: Vec<Vec<Vec<TermId>>> = Vec::with_capacity(kb.facts.len());
        let mut claim_terms: Vec<Vec<TermId>> = Vec::with_capacity(kb.facts.len());
        let mut quote_terms: Vec<Vec<TermId>> = Vec::with_capacity(kb.facts.len());
        for fact in &kb.facts {
            let mut bag: HashMap<TermId, f32> = HashMap::default();
            let add = |terms: Vec<TermId>, w: f32, bag: &mut HashMap<TermId, f32>| {
                for t in terms {
                    let slot = bag.entry(t).or_insert(0.0);
                    *slot = slot.max(w);
                }
            };
            let mut examples = Vec::new();
            for q in &fact.questions {
                let terms = lexicon.index_text(q);
                add(terms.clone(), field_weight::QUESTION, &mut bag);
                examples.push(dedup(terms));
            }
            let claim = lexicon.index_text(&fact.claim);
            add(claim.clone(), field_weight::CLAIM, &mut bag);
            claim_terms.push(dedup(claim));
            let mut quote_tokens = Vec::new();
            let quote = lexicon.index_text_keeping(&fact.quote, Some(&mut quote_tokens));
            quote_terms.push(dedup(quote.clone()));
            add(quote, field_weight::QUOTE, &mut bag);
            if let Some(speaker) = kb.entity(&fact.speaker) {
                let (name, role) = speaker_terms
                    .entry(fact.speaker.as_str())
                    .or_insert_with(|| {
                        (
                            lexicon.index_text(&speaker.name),
                            lexicon.index_text(&speaker.role),
                        )
                    })
                    .clone();
                add(role, field_weight::ROLE, &mut bag);
                add(name, field_weight::SPEAKER, &mut bag);
            }
            for topic in fact.topics.iter().filter_map(|t| kb.topic(t)) {
                let terms = topic_terms
                    .entry(topic.id.as_str())
                    .or_insert_with(|| lexicon.index_text(&topic.title))
                    .clone();
                add(terms, field_weight::TOPIC, &mut bag);
            }
            let date = match fact.date.weekday() {
                Some(day) => format!("{} {day}", fact.date.human()),
                None => fact.date.human(),
            };
            add(lexicon.index_text(&date), field_weight::DATE, &mut bag);
            fact_carries.push(carries(&quote_tokens, is_name));
            quotes.push(quote_tokens);
            bags.push(bag);
            example_terms.push(examples);
        }
        let mut postings: HashMap<TermId, Vec<(u32, f32)>> = HashMap::default();
        for (pos, bag) in bags.iter().enumerate() {
            for (&term, &w) in bag {
                postings.entry(term).or_default().push((pos as u32, w));
            }
        }
        let fact_terms = bags
            .into_iter()
            .map(|bag| {
                let mut v: Vec<(TermId, f32)> = bag.into_iter().collect();
                v.sort_unstable_by_key(|&(t, _)| t);
                v
            })
            .collect();
        let n = kb.facts.len() as f32;
        let mut idf = vec![0.0f32; lexicon.len()];
        for (&term, list) in &postings {
            let df = list.len() as f32;
            idf[term as usize] =
                (1.0 + (n - df + 0.5) / (df + 0.5)).ln() * generality(lexicon.name(term));
        }
        let weigh = |terms: Vec<TermId>| {
            let mass = terms.iter().map(|&t| idf[t as usize]).sum();
            ExampleQuestion::new(terms, mass)
        };
        let examples = example_terms
            .into_iter()
            .map(|qs| qs.into_iter().map(weigh).collect())
            .collect();
        let claims = claim_terms.into_iter().map(weigh).collect();
        // Each entity's concept term, as its aliases were filed above.
        let entity_term = |e: &Entity| lexicon.term(&format!("@{}", e.id));
        // Entity full names by first word: a quote is scanned once, trying
        // only the names that start at each of its words.
        let mut full_names: HashMap<String, Vec<(Vec<String>, TermId)>> = HashMap::default();
        for e in &kb.entities {
            let name = all_tokens(&e.name);
            if let (Some(first), Some(term)) = (name.first(), entity_term(e)) {
                full_names
                    .entry(first.clone())
                    .or_default()
                    .push((name.clone(), term));
            }
        }
        let introduces = quotes
            .iter()
            .map(|quote| {
                let mut named: Vec<TermId> = Vec::new();
                for (i, w) in quote.iter().enumerate() {
                    for (name, term) in full_names.get(w).map_or(&[][..], Vec::as_slice) {
                        if quote[i..].starts_with(name) {
                            named.push(*term);
                        }
                    }
                }
                named.sort_unstable();
                named.dedup();
                named
            })
            .collect();
        let entity_sides = kb
            .entities
            .iter()
            .filter_map(|e| Some((entity_term(e)?, e.side.clone())))
            .collect();
        let entity_classes: HashMap<TermId, EntityClass> = kb
            .entities
            .iter()
            .filter_map(|e| Some((entity_term(e)?, EntityClass::of_kind(&e.kind)?)))
            .collect();
        let quote_entities = quote_terms
            .into_iter()
            .map(|terms| {
                terms
                    .into_iter()
                    .filter(|t| entity_classes.contains_key(t))
                    .collect()
            })
            .collect();
        let unnamed = kb
            .entities
            .iter()
            .filter(|e| e.kind == "role")
            .filter_map(entity_term)
            .collect();
        // People by the last word of their name ("ratcliffe"): a speaker
        // whose name holds that word speaks for them.
        let surnames: Vec<(TermId, String)> = kb
            .entities
            .iter()
            .filter(|e| e.kind == "person")
            .filter_map(|e| {
                let term = entity_term(e)?;
                Some((term, all_tokens(&e.name).pop()?))
            })
            .collect();
        let people = surnames.iter().map(|&(t, _)| t).collect();
        // Speakers recur: each one's people are found once.
        let mut by_speaker: HashMap<&str, Arc<[TermId]>> = HashMap::default();
        let speaker_people = kb
            .facts
            .iter()
            .map(|f| {
                let shared = by_speaker.entry(f.speaker.as_str()).or_insert_with(|| {
                    let words = kb
                        .entity(&f.speaker)
                        .map_or_else(Vec::new, |e| all_tokens(&e.name));
                    let mut found: Vec<TermId> = surnames
                        .iter()
                        .filter(|(_, surname)| words.contains(surname))
                        .map(|&(t, _)| t)
                        .collect();
                    found.sort_unstable();
                    found.into()
                });
                Arc::clone(shared)
            })
            .collect();
        let fact_years = kb
            .facts
            .iter()
            .zip(&quotes)
            .map(|(f, quote)| {
                let mut years: Vec<u16> = quote
                    .iter()
                    .filter_map(|w| year_of(w))
                    .chain(u16::try_from(f.date.year).ok())
                    .collect();
                years.sort_unstable();
                years.dedup();
                years
            })
            .collect();
        Index {
            lexicon,
            people,
            entity_classes,
            quote_entities,
            unnamed,
            speaker_people,
            fact_years,
            postings,
            fact_terms,
            idf,
            examples,
            claims,
            entity_sides,
            fact_sides: kb.facts.iter().map(|f| f.side.clone()).collect(),
            carries: fact_carries,
            introduces,
            fact_count: kb.facts.len(),
        }
    }

    /// The idf of a term; unknown ids count as absent.
    pub fn idf(&self, term: TermId) -> f32 {
        self.idf.get(term as usize).copied().unwrap_or(0.0)
    }

    /// The field weight of `term` in fact `fact` (0 when absent).
    pub fn weight(&self, fact: usize, term: TermId) -> f32 {
        self.fact_terms
            .get(fact)
            .and_then(|v| {
                v.binary_search_by_key(&term, |&(t, _)| t)
                    .ok()
                    .map(|i| v[i].1)
            })
            .unwrap_or(0.0)
    }

    /// Whether `fact`'s quote names an entity that is not in `named` and,
    /// unless `classes` is empty (any will do), of one of `classes`.
    pub fn quote_names_other(
        &self,
        fact: usize,
        named: &[TermId],
        classes: &[EntityClass],
    ) -> bool {
        self.quote_entities.get(fact).is_some_and(|entities| {
            entities.iter().any(|e| {
                !named.contains(e)
                    && (classes.is_empty()
                        || self
                            .entity_classes
                            .get(e)
                            .is_some_and(|c| classes.contains(c)))
            })
        })
    }

    /// The largest idf any term can have in this base (a term in one fact).
    pub fn max_idf(&self) -> f32 {
        let n = self.fact_count as f32;
        (1.0 + (n - 0.5) / 1.5).ln()
    }
}

fn dedup(mut terms: Vec<TermId>) -> Vec<TermId> {
    terms.sort_unstable();
    terms.dedup();
    terms
}

/// How much a word of the base's vocabulary can tell, by how common it is
/// in general English (1 for names, concepts and rare words). A small base
/// makes "hit" or "drop" as rare as "sanctions"; in questions they are
/// everyday verbs that match by chance. Measured both ways round on the dev
/// sets (tests/questions/README.md); a word as common as "new" (Zipf 6)
/// keeps [`GENERIC_FLOOR`] of its idf.
fn generality(name: &str) -> f32 {
    if name.starts_with(['@', '~']) {
        return 1.0;
    }
    let zipf = super::english::zipf(name);
    ((GENERIC_CEILING - zipf) / GENERIC_SPAN).clamp(GENERIC_FLOOR, 1.0)
}
/// Over how many Zipf points above `GENERIC_ZIPF` (about once in 30,000
/// words: a word that common or rarer keeps its full idf) a word falls to
/// the floor.
const GENERIC_SPAN: f32 = 2.0;
/// Zipf at which a word keeps no more than the floor.
const GENERIC_CEILING: f32 = super::score::GENERIC_ZIPF + GENERIC_SPAN;
/// The least share of its idf a word keeps.
const GENERIC_FLOOR: f32 = 0.5;

#[cfg(test)]
mod tests {
    use super::{GENERIC_FLOOR, generality};

    #[test]
    fn everyday_words_tell_less_than_rare_ones() {
        assert_eq!(generality("@iran"), 1.0);
        assert_eq!(generality("~sanction"), 1.0);
        assert_eq!(generality("emennet"), 1.0, "unknown to English: a name");
        let (hit, ballot) = (generality("hit"), generality("ballot"));
        assert!(hit < ballot && ballot <= 1.0, "{hit} {ballot}");
        assert_eq!(generality("the"), GENERIC_FLOOR, "no word counts for less");
    }
}
