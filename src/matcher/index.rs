//! The search index over a knowledge base: which facts carry which terms,
//! how strongly, and how rare each term is.
//!
//! Built once per base (off the answer path); a question then touches only
//! the postings of its own terms, so cost grows with the question, not with
//! the number of facts.

use std::sync::Arc;

use rustc_hash::{FxHashMap as HashMap, FxHashSet};

use rayon::prelude::*;

use crate::knowledge::{Entity, Fact, KnowledgeBase, Side};

use super::frame::{Carries, carries, year_of};
use super::lexicon::{Lexicon, TermId, Units};
use super::normalize::{TokenPool, all_tokens};

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
    /// Per term id, (fact position, field weight) for each fact holding
    /// it, by position. Term ids are dense, so a list per id is cheaper to
    /// build and to look up than a map.
    postings: Vec<Vec<(u32, f32)>>,
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

/// Facts read at once while building the index (see [`Index::build`]):
/// enough to keep both cores busy, few enough that their units stay a
/// small part of the index's memory.
const FACTS_PER_BLOCK: usize = 4096;

/// Facts whose new words are found together on one core.
const FACTS_PER_RUN: usize = 256;

/// A fact's own texts, read into units (see [`Lexicon::units`]). Its
/// speaker's and topics' texts recur across facts and are read once each
/// ([`Shared`]).
struct FactText<'a> {
    questions: Vec<Units>,
    claim: Units,
    quote: Units,
    /// The fact's date in words, with its weekday when known.
    date: Units,
    /// Its speaker and topics (their words are learnt where first named).
    named: FirstNamed<'a>,
    quote_tokens: Vec<String>,
    carries: Carries,
}

/// The texts that recur across facts, read once: each speaker's name and
/// role, each topic's title; and their terms once learnt.
#[derive(Default)]
struct Shared<'a> {
    speakers: HashMap<&'a str, (Units, Units)>,
    topics: HashMap<&'a str, Units>,
    speaker_terms: HashMap<&'a str, (Vec<TermId>, Vec<TermId>)>,
    topic_terms: HashMap<&'a str, Vec<TermId>>,
}

/// What a fact's texts map to: each of its terms with its strongest field
/// weight, sorted by term; and the terms of its examples, claim and quote,
/// each sorted without repeats.
struct FactTerms {
    terms: Vec<(TermId, f32)>,
    examples: Vec<Vec<TermId>>,
    claim: Vec<TermId>,
    quote: Vec<TermId>,
}

impl<'a> Shared<'a> {
    /// Reads every speaker's and topic's texts, and marks the fact at
    /// which each is first named.
    fn read(lexicon: &Lexicon, kb: &'a KnowledgeBase) -> (Self, Vec<FirstNamed<'a>>) {
        let mut shared = Shared::default();
        let mut pool = TokenPool::default();
        let mut units = |text: &str| lexicon.units(pool.tokenize(text));
        let firsts = kb
            .facts
            .iter()
            .map(|fact| {
                let speaker = kb.entity(&fact.speaker).map(|e| {
                    let first = !shared.speakers.contains_key(e.id.as_str());
                    if first {
                        let texts = (units(&e.name), units(&e.role));
                        shared.speakers.insert(e.id.as_str(), texts);
                    }
                    (e.id.as_str(), first)
                });
                let topics = fact
                    .topics
                    .iter()
                    .filter_map(|t| kb.topic(t))
                    .map(|t| {
                        let first = !shared.topics.contains_key(t.id.as_str());
                        if first {
                            shared.topics.insert(t.id.as_str(), units(&t.title));
                        }
                        (t.id.as_str(), first)
                    })
                    .collect();
                FirstNamed { speaker, topics }
            })
            .collect();
        (shared, firsts)
    }

    /// The units of the speaker and topics `text` is the first to name.
    fn first_named<'s>(&'s self, text: &'s FactText<'a>) -> impl Iterator<Item = &'s Units> {
        let speaker = text
            .named
            .speaker
            .filter(|&(_, first)| first)
            .and_then(|(id, _)| self.speakers.get(id))
            .into_iter()
            .flat_map(|(name, role)| [name, role]);
        let topics = text
            .named
            .topics
            .iter()
            .filter(|&&(_, first)| first)
            .filter_map(|(id, _)| self.topics.get(id));
        speaker.chain(topics)
    }

    /// Maps the speakers and topics `texts` name first, all learnt now.
    fn map_first_named(&mut self, lexicon: &Lexicon, texts: &[FactText<'a>]) {
        let mut stems = Vec::new();
        for text in texts {
            if let Some((id, true)) = text.named.speaker
                && let Some((name, role)) = self.speakers.get(id)
            {
                let terms = (
                    lexicon.terms_of(name, &mut stems),
                    lexicon.terms_of(role, &mut stems),
                );
                self.speaker_terms.insert(id, terms);
            }
            for &(id, first) in &text.named.topics {
                if let (true, Some(title)) = (first, self.topics.get(id)) {
                    self.topic_terms
                        .insert(id, lexicon.terms_of(title, &mut stems));
                }
            }
        }
    }
}

/// A fact's speaker and topics, each with whether the fact is the first
/// to name it.
struct FirstNamed<'a> {
    speaker: Option<(&'a str, bool)>,
    topics: Vec<(&'a str, bool)>,
}

/// A lexicon holding the base's names and synonyms, before any text.
fn phrases_of(kb: &KnowledgeBase) -> Lexicon {
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
    lexicon
}

/// A fact's date in words, with its weekday when known: "what happened in
/// october 2020" and "what day did …" find the fact by it.
fn date_text(fact: &Fact) -> String {
    match fact.date.weekday() {
        Some(day) => format!("{} {day}", fact.date.human()),
        None => fact.date.human(),
    }
}

impl<'a> FactText<'a> {
    fn read(
        lexicon: &Lexicon,
        fact: &Fact,
        named: FirstNamed<'a>,
        pool: &mut TokenPool,
        is_name: &(dyn Fn(&str) -> bool + Sync),
    ) -> Self {
        let mut units = |text: &str| lexicon.units(pool.tokenize(text));
        let questions = fact.questions.iter().map(|q| units(q)).collect();
        let claim = units(&fact.claim);
        let date = units(&date_text(fact));
        let quote_tokens = pool.tokenize(&fact.quote).to_vec();
        let quote = lexicon.units(&quote_tokens);
        FactText {
            questions,
            claim,
            quote,
            date,
            named,
            carries: carries(&quote_tokens, is_name),
            quote_tokens,
        }
    }

    /// Every unit whose word may be new, in the order the base's texts
    /// were always read: questions, claim, quote, the speaker and topics
    /// this fact names first, date.
    fn units<'s>(&'s self, shared: &'s Shared<'a>) -> impl Iterator<Item = &'s str> {
        self.questions
            .iter()
            .chain([&self.claim, &self.quote])
            .chain(shared.first_named(self))
            .chain([&self.date])
            .flat_map(Units::iter)
    }

    fn terms(&self, lexicon: &Lexicon, shared: &Shared<'a>, stems: &mut Vec<String>) -> FactTerms {
        let mut all: Vec<(TermId, f32)> = Vec::new();
        let mut add = |terms: &[TermId], w: f32| all.extend(terms.iter().map(|&t| (t, w)));
        let mut examples = Vec::with_capacity(self.questions.len());
        for q in &self.questions {
            let terms = lexicon.terms_of(q, stems);
            add(&terms, field_weight::QUESTION);
            examples.push(dedup(terms));
        }
        let claim = lexicon.terms_of(&self.claim, stems);
        add(&claim, field_weight::CLAIM);
        let quote = lexicon.terms_of(&self.quote, stems);
        add(&quote, field_weight::QUOTE);
        if let Some((name, role)) = self
            .named
            .speaker
            .and_then(|(id, _)| shared.speaker_terms.get(id))
        {
            add(role, field_weight::ROLE);
            add(name, field_weight::SPEAKER);
        }
        for title in self
            .named
            .topics
            .iter()
            .filter_map(|(id, _)| shared.topic_terms.get(id))
        {
            add(title, field_weight::TOPIC);
        }
        add(&lexicon.terms_of(&self.date, stems), field_weight::DATE);
        // Each term once, at the strongest field that holds it.
        all.sort_unstable_by(|a, b| a.0.cmp(&b.0).then(b.1.total_cmp(&a.1)));
        all.dedup_by_key(|&mut (t, _)| t);
        FactTerms {
            terms: all,
            examples,
            claim: dedup(claim),
            quote: dedup(quote),
        }
    }
}

impl Index {
    /// Builds the index for `kb`.
    pub fn build(kb: &KnowledgeBase) -> Self {
        Self::build_in_blocks(kb, FACTS_PER_BLOCK, FACTS_PER_RUN)
    }

    /// [`Index::build`], reading `block` facts at once and finding the new
    /// words of `run` facts together: any sizes give the same index.
    fn build_in_blocks(kb: &KnowledgeBase, block: usize, run: usize) -> Self {
        // Read the thesaurus and the English list now, not on the first
        // question that needs them: that question would pay for it, and
        // memory would grow mid-service.
        super::thesaurus::preload();
        super::english::preload();
        let mut lexicon = phrases_of(kb);
        // Words of entity names: a quote naming one can answer "who".
        let mut name_words: FxHashSet<String> = Default::default();
        for e in &kb.entities {
            for n in std::iter::once(&e.name).chain(&e.aliases) {
                name_words.extend(all_tokens(n));
            }
        }
        let is_name =
            |w: &str| name_words.contains(w) || super::english::lookup(w).is_some_and(|e| e.name);
        // Facts are read in blocks, each in three steps: its texts are
        // split into units on all cores, their new words are learnt in
        // order on one (term ids come out as if read one fact after
        // another), then mapped to terms on all cores. Blocks bound the
        // memory the units of a large base take at once.
        let mut fact_carries = Vec::with_capacity(kb.facts.len());
        let mut quotes: Vec<Vec<String>> = Vec::with_capacity(kb.facts.len());
        let mut fact_terms: Vec<Vec<(TermId, f32)>> = Vec::with_capacity(kb.facts.len());
        let mut example_terms: Vec<Vec<Vec<TermId>>> = Vec::with_capacity(kb.facts.len());
        let mut claim_terms: Vec<Vec<TermId>> = Vec::with_capacity(kb.facts.len());
        let mut quote_terms: Vec<Vec<TermId>> = Vec::with_capacity(kb.facts.len());
        let (mut shared, first_named) = Shared::read(&lexicon, kb);
        let mut first_named = first_named.into_iter();
        for block in kb.facts.chunks(block.max(1)) {
            let named: Vec<FirstNamed> = first_named.by_ref().take(block.len()).collect();
            let read: Vec<FactText> = block
                .par_iter()
                .zip(named)
                .map_init(TokenPool::default, |pool, (fact, named)| {
                    FactText::read(&lexicon, fact, named, pool, &is_name)
                })
                .collect();
            // The words each run of facts has that the lexicon does not
            // know yet, found on all cores, in order of first occurrence:
            // learning them run after run learns every word in order.
            let firsts: Vec<Vec<&str>> = read
                .par_chunks(run.max(1))
                .map(|run| {
                    let mut seen: FxHashSet<&str> = FxHashSet::default();
                    run.iter()
                        .flat_map(|text| text.units(&shared))
                        .filter(|u| !lexicon.has_learnt(u) && seen.insert(u))
                        .collect()
                })
                .collect();
            lexicon.learn(firsts.into_iter().flatten());
            shared.map_first_named(&lexicon, &read);
            let mapped: Vec<FactTerms> = read
                .par_iter()
                .map_init(Vec::new, |stems, text| text.terms(&lexicon, &shared, stems))
                .collect();
            for (text, terms) in read.into_iter().zip(mapped) {
                fact_carries.push(text.carries);
                quotes.push(text.quote_tokens);
                fact_terms.push(terms.terms);
                example_terms.push(terms.examples);
                claim_terms.push(terms.claim);
                quote_terms.push(terms.quote);
            }
        }
        let mut postings: Vec<Vec<(u32, f32)>> = vec![Vec::new(); lexicon.len()];
        for (pos, terms) in fact_terms.iter().enumerate() {
            for &(term, w) in terms {
                if let Some(list) = postings.get_mut(term as usize) {
                    list.push((pos as u32, w));
                }
            }
        }
        let n = kb.facts.len() as f32;
        let idf: Vec<f32> = postings
            .par_iter()
            .enumerate()
            .map(|(term, list)| {
                if list.is_empty() {
                    return 0.0;
                }
                let df = list.len() as f32;
                (1.0 + (n - df + 0.5) / (df + 0.5)).ln() * generality(lexicon.name(term as TermId))
            })
            .collect();
        let weigh = |terms: Vec<TermId>| {
            let mass = terms.iter().map(|&t| idf[t as usize]).sum();
            ExampleQuestion::new(terms, mass)
        };
        let examples = example_terms
            .into_par_iter()
            .map(|qs| qs.into_iter().map(weigh).collect())
            .collect();
        let claims = claim_terms.into_par_iter().map(weigh).collect();
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
            .par_iter()
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
            .into_par_iter()
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

    /// The facts holding `term` with its field weight in each, by fact
    /// position; empty for a term no fact holds.
    pub fn postings(&self, term: TermId) -> &[(u32, f32)] {
        self.postings.get(term as usize).map_or(&[], Vec::as_slice)
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
    use super::{GENERIC_FLOOR, Index, date_text, generality, phrases_of};
    use crate::knowledge::load_dir;

    /// What the index holds, term ids spelt out, for comparing two builds.
    fn contents(index: &Index) -> String {
        let names: Vec<&str> = (0..index.lexicon.len())
            .map(|t| index.lexicon.name(t as u32))
            .collect();
        format!(
            "{names:?}\n{:?}\n{:?}\n{:?}\n{:?}\n{:?}\n{:?}\n{:?}\n{:?}\n{:?}",
            index.fact_terms,
            index.postings,
            index.idf,
            index.examples,
            index.claims,
            index.carries,
            index.introduces,
            index.quote_entities,
            index.fact_years,
        )
    }

    #[test]
    fn facts_read_in_blocks_index_as_if_read_one_by_one() -> Result<(), Box<dyn std::error::Error>>
    {
        let kb = load_dir(std::path::Path::new("knowledge")).map_err(|p| format!("{p:?}"))?;
        assert!(
            kb.facts.len() > 20,
            "the shipped base spans several blocks below"
        );
        let one_by_one = contents(&Index::build_in_blocks(&kb, 1, 1));
        for (block, run) in [(7, 3), (16, 16), (1000, 5)] {
            let built = contents(&Index::build_in_blocks(&kb, block, run));
            assert!(built == one_by_one, "blocks of {block}, runs of {run}");
        }
        assert!(contents(&Index::build(&kb)) == one_by_one);
        Ok(())
    }

    /// Term ids are given in the order words are first read: the index
    /// reads a fact's texts in the order one reader would, text by text.
    #[test]
    fn terms_are_numbered_in_reading_order() -> Result<(), Box<dyn std::error::Error>> {
        let kb = load_dir(std::path::Path::new("knowledge")).map_err(|p| format!("{p:?}"))?;
        let mut reader = phrases_of(&kb);
        for fact in &kb.facts {
            for text in fact.questions.iter().chain([&fact.claim, &fact.quote]) {
                reader.index_text(text);
            }
            if let Some(e) = kb.entity(&fact.speaker) {
                reader.index_text(&e.name);
                reader.index_text(&e.role);
            }
            for topic in fact.topics.iter().filter_map(|t| kb.topic(t)) {
                reader.index_text(&topic.title);
            }
            reader.index_text(&date_text(fact));
        }
        let index = Index::build(&kb);
        let names = |lx: &super::Lexicon| -> Vec<String> {
            (0..lx.len())
                .map(|t| lx.name(t as u32).to_string())
                .collect()
        };
        assert_eq!(names(&index.lexicon), names(&reader));
        Ok(())
    }

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
