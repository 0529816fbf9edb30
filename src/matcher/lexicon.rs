//! The words the base knows, and how a question's words map onto them:
//! stemming, entity aliases and synonyms as concepts, and typo repair.
//!
//! A question and a fact are compared as bags of *terms*. A term is a word
//! stem ("interfer"), an entity concept (`@khatibzadeh`, from any of its
//! aliases or misspellings) or a synonym concept (`~meddl…`, one per group),
//! so "did tehran meddle" and "Iran … interfering" share terms.

use std::collections::HashMap;

use rustc_hash::FxHashMap;

use rust_stemmers::{Algorithm, Stemmer};

use super::edits::{Histogram, delete_keys, osa_within};
use super::normalize::{all_tokens, tokens};
use super::stopwords::is_stopword;

/// Interned term id.
pub type TermId = u32;

/// The longest alias or synonym phrase, in content words. Longer phrases in
/// the files are still matched by their first `MAX_PHRASE` words.
const MAX_PHRASE: usize = 5;

/// Shortest word we try to repair: below four letters almost every word is
/// one edit from another ("ray" / "way"). Four-letter words are repaired
/// only when general English does not know them ("bidn", "isan", "cris"),
/// never when they are words ("vote" is not a typo of "note").
const MIN_REPAIR_CHARS: usize = 4;

/// Shortest misspelt half of a name read by its other half ("jon" for "john"
/// beside "ratcliffe"); shorter words are too often other words.
const MIN_NAME_HALF_CHARS: usize = 3;

/// Words at least this common in general English (Zipf) are words, not
/// typos, however close to a word of the base: "favorite" is not repaired.
/// 3.5 keeps "snooping" (3.0) repairable and "weather" (4.9) as typed.
const COMMON_WORD_ZIPF: f32 = 3.5;

/// Four-letter words are repaired only below this Zipf frequency.
const SHORT_WORD_ZIPF: f32 = 2.8;

/// Words of nine letters or more may be two edits off ("khatibzade" was
/// typed for "khatibzadeh"; "miryousfi" for "miryousefi"); shorter ones one.
/// Not eight: "headline" is two edits from "hardline".
const TWO_EDITS_FROM_CHARS: usize = 9;

/// How long a beginning a word must share with a word of the base to be
/// read as the same root ([`Lexicon::kin`]); a clipped word one letter
/// shorter ("illegit") may be that beginning whole.
const KIN_CHARS: usize = 7;
/// How many words sharing that beginning are compared (bounded work).
const KIN_CANDIDATES: usize = 32;

/// How many unknown words of one question we try to repair. Typo repair is
/// the costliest step; capping it bounds the work on hostile input.
pub const MAX_REPAIRS: usize = 6;

/// How many distinct content words of one question we look at (see also
/// `normalize::MAX_INPUT_CHARS`). Our longest real questions, own and
/// dev, have 12.
pub const MAX_CONTENT_TOKENS: usize = 16;

/// A word of a question as the matcher understood it.
#[derive(Debug, Clone, PartialEq)]
pub enum Word {
    /// Mapped to a known term, possibly after typo repair.
    Known {
        term: TermId,
        repaired_from: Option<String>,
        /// The common word typed, when it was read through the thesaurus
        /// as a word of the base of the same meaning ("risky" → "dangerous").
        related_from: Option<String>,
    },
    /// Not in the base's vocabulary: counts against confidence.
    Unknown(String),
}

/// How a question's word was resolved.
enum How {
    AsTyped,
    Repaired(String),
    Related(String),
}

impl How {
    fn repaired(&self) -> Option<String> {
        match self {
            How::Repaired(w) => Some(w.clone()),
            _ => None,
        }
    }

    fn related(&self) -> Option<String> {
        match self {
            How::Related(w) => Some(w.clone()),
            _ => None,
        }
    }
}

/// The vocabulary and the rules that map text onto it.
pub struct Lexicon {
    stemmer: Stemmer,
    terms: FxHashMap<String, TermId>,
    names: Vec<String>,
    /// Phrases of two or more stems → concept term.
    phrases: FxHashMap<Vec<String>, TermId>,
    /// First stem of a phrase → its longest length: most words start no
    /// phrase, and this spares them the phrase lookups.
    phrase_starts: FxHashMap<String, usize>,
    /// Single stem → concept term (aliases, synonyms).
    singles: FxHashMap<String, TermId>,
    /// Two-word names, each word's stem → the other word as written and
    /// its stem, with which side it stands on (`true`: it comes first).
    /// A misspelt half of a name whose other half is typed right ("cris
    /// wray", "joe bidden") is that name even when the misspelling is an
    /// English word of its own.
    name_partners: FxHashMap<String, Vec<(bool, String, String)>>,
    /// Phrases holding a little word ("made up", "back in", "side with"),
    /// by first word: matched on the raw tokens and joined into one token
    /// before stopwords are dropped, so "up" keeps "made up" from meaning
    /// every "made".
    /// Each as typed (its first word in any form) with the listed form it
    /// is read as.
    particle_phrases: FxHashMap<String, Vec<(Vec<String>, String)>>,
    /// Known surface words by (character length, first letter), for typo
    /// repair: a typo rarely changes the first letter, and keying on it
    /// keeps each lookup to a few dozen comparisons on any base size.
    surface_by_len: HashMap<(usize, char), Vec<(String, Histogram)>>,
    surface: FxHashMap<String, ()>,
    /// Symmetric-delete index for one-edit repairs anywhere in a word (the
    /// first letter too: "wmennet", "jhatibzadeh"): the hash of each known
    /// word and of each one-letter deletion of it → the words. A typo one
    /// edit away shares a key with its word, and lookups cost the typed
    /// word's length, whatever the size of the vocabulary.
    deletes: FxHashMap<u64, Vec<u32>>,
    /// Known surface words in insertion order (indexed by `deletes`).
    surface_list: Vec<String>,
    /// Known surface words by the hash of their first `KIN_CHARS - 1` and
    /// `KIN_CHARS` letters, for words sharing a long beginning with one the
    /// question typed (see [`Lexicon::kin`]): one lookup per question
    /// word, two insertions per known word.
    beginnings: FxHashMap<u64, Vec<u32>>,
    /// Words of the base already resolved (`u32::MAX`: a stopword).
    word_index: FxHashMap<String, u32>,
    words: Vec<WordInfo>,
}

impl std::fmt::Debug for Lexicon {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Lexicon")
            .field("terms", &self.names.len())
            .finish()
    }
}

impl Default for Lexicon {
    fn default() -> Self {
        Lexicon {
            stemmer: Stemmer::create(Algorithm::English),
            terms: FxHashMap::default(),
            names: Vec::new(),
            phrases: FxHashMap::default(),
            phrase_starts: FxHashMap::default(),
            singles: FxHashMap::default(),
            name_partners: FxHashMap::default(),
            particle_phrases: FxHashMap::default(),
            surface_by_len: HashMap::new(),
            surface: FxHashMap::default(),
            deletes: FxHashMap::default(),
            surface_list: Vec::new(),
            beginnings: FxHashMap::default(),
            word_index: FxHashMap::default(),
            words: Vec::new(),
        }
    }
}

impl Lexicon {
    /// Number of distinct terms.
    pub fn len(&self) -> usize {
        self.names.len()
    }

    pub fn is_empty(&self) -> bool {
        self.names.is_empty()
    }

    /// The readable name of a term (for debugging and explanations).
    pub fn name(&self, term: TermId) -> &str {
        self.names.get(term as usize).map_or("?", String::as_str)
    }

    /// The id of an existing term (a stem or a concept such as `@khatibzadeh`).
    pub fn term(&self, name: &str) -> Option<TermId> {
        self.terms.get(name).copied()
    }

    /// The id of a term, creating it.
    fn intern(&mut self, name: &str) -> TermId {
        if let Some(&id) = self.terms.get(name) {
            return id;
        }
        let id = self.names.len() as TermId;
        self.names.push(name.to_string());
        self.terms.insert(name.to_string(), id);
        id
    }

    /// The stem of a word: from the word memo for the base's own words,
    /// computed otherwise.
    fn stem(&self, word: &str) -> String {
        let known = self
            .word_index
            .get(word)
            .and_then(|&k| self.words.get(k as usize));
        match known {
            Some(info) => info.stem.clone(),
            None => stem_with(&self.stemmer, word),
        }
    }

    /// The form under which [`Lexicon::add_phrase`] files a name or alias:
    /// two aliases with one key are one entry, and the first added wins.
    /// `check` compares aliases by this key, so "spy chiefs" on one entity
    /// and "spy chief" on another are reported, as the matcher cannot tell
    /// them apart.
    pub fn phrase_key(phrase: &str) -> String {
        if let Some(all) = particle_tokens(phrase) {
            return all.join(" ");
        }
        let stemmer = Stemmer::create(Algorithm::English);
        Self::all_content_words(phrase)
            .iter()
            .take(MAX_PHRASE)
            .map(|w| stem_with(&stemmer, w))
            .collect::<Vec<_>>()
            .join(" ")
    }

    /// Content words of the base's own text, read whole.
    fn all_content_words(text: &str) -> Vec<String> {
        all_tokens(text)
            .into_iter()
            .filter(|t| !is_stopword(t))
            .collect()
    }

    fn remember_surface(&mut self, word: &str) {
        if self.surface.contains_key(word) {
            return;
        }
        self.surface.insert(word.to_string(), ());
        let id = self.surface_list.len() as u32;
        self.surface_list.push(word.to_string());
        for n in [KIN_CHARS - 1, KIN_CHARS] {
            if let Some(key) = beginning_key(word, n) {
                self.beginnings.entry(key).or_default().push(id);
            }
        }
        for key in delete_keys(word) {
            let list = self.deletes.entry(key).or_default();
            if list.last() != Some(&id) {
                list.push(id);
            }
        }
        if let Some(first) = word.chars().next() {
            let key = (word.chars().count(), first);
            self.surface_by_len
                .entry(key)
                .or_default()
                .push((word.to_string(), Histogram::of(word)));
        }
    }

    /// Registers a phrase (an alias, a misspelling, a synonym) as naming `concept`.
    /// The first registration of a phrase wins, so entities (added first)
    /// take precedence over synonyms.
    pub fn add_phrase(&mut self, phrase: &str, concept: &str) {
        // Resolved words may now map to a new concept or start a phrase.
        self.word_index.clear();
        self.words.clear();
        if let Some(all) = particle_tokens(phrase) {
            // Joined into one token wherever the words occur together, the
            // first word in any of its forms ("messes with", "messed with"
            // for "mess with"): the joined form read is always the listed one.
            let joined = all.join(" ");
            let id = self.intern(concept);
            self.singles.entry(joined.clone()).or_insert(id);
            for first in std::iter::once(all[0].clone()).chain(verb_forms(&all[0])) {
                let mut typed = all.clone();
                typed[0] = first.clone();
                let list = self.particle_phrases.entry(first).or_default();
                if !list.iter().any(|(p, _)| *p == typed) {
                    list.push((typed, joined.clone()));
                    // Longest first: "called in for" before "called in".
                    list.sort_by_key(|(p, _)| std::cmp::Reverse(p.len()));
                }
            }
            return;
        }
        let words = Self::all_content_words(phrase);
        if words.is_empty() {
            return;
        }
        for w in &words {
            self.remember_surface(w);
        }
        let stems: Vec<String> = words
            .iter()
            .take(MAX_PHRASE)
            .map(|w| self.stem(w))
            .collect();
        let id = self.intern(concept);
        if stems.len() == 1 {
            let stem = stems.into_iter().next().unwrap_or_default();
            self.singles.entry(stem).or_insert(id);
        } else {
            if let ([w0, w1], [s0, s1]) = (&words[..], &stems[..])
                && concept.starts_with('@')
            {
                let halves = [(s1, true, w0, s0), (s0, false, w1, s1)];
                for (known, first, word, stem) in halves {
                    self.name_partners.entry(known.clone()).or_default().push((
                        first,
                        word.clone(),
                        stem.clone(),
                    ));
                }
            }
            if let Some(first) = stems.first() {
                let longest = self.phrase_starts.entry(first.clone()).or_insert(0);
                *longest = (*longest).max(stems.len());
            }
            self.phrases.entry(stems).or_insert(id);
        }
    }

    /// Terms of a text being indexed: every content word becomes known.
    /// (The index reads a whole base in three steps, [`Lexicon::units`],
    /// [`Lexicon::learn`] and [`Lexicon::terms_of`], so that the first and
    /// the last run on all cores; this is the three for one text, which
    /// the tests read by as the reference.)
    #[cfg(test)]
    pub fn index_text(&mut self, text: &str) -> Vec<TermId> {
        let units = self.units(&all_tokens(text));
        self.learn(units.iter());
        self.terms_of(&units, &mut Vec::new())
    }

    /// The units a text's tokens are filed under: the tokens, with each
    /// particle phrase ("messes with") joined into one. Needs only the
    /// phrases, which are all added before any text is read: texts can be
    /// read on many threads at once.
    pub fn units(&self, tokens: &[String]) -> Units {
        let mut out = Units {
            text: String::with_capacity(tokens.iter().map(String::len).sum()),
            ends: Vec::with_capacity(tokens.len()),
        };
        let mut i = 0;
        while i < tokens.len() {
            match self.particle_at(&tokens[i..]) {
                Some((joined, used)) => {
                    out.push(&joined);
                    i += used;
                }
                None => {
                    out.push(&tokens[i]);
                    i += 1;
                }
            }
        }
        out
    }

    /// Makes each unit a known word of the base (its stem, its term, its
    /// surface form for typo repair). Term ids are given in the order words
    /// are first learnt, so a base learnt in order gets the same ids
    /// however its texts were read.
    /// (Working out new words' stems and typo keys on all cores, then
    /// filing them, was slower: most of learning is filing.)
    pub fn learn<'u>(&mut self, units: impl IntoIterator<Item = &'u str>) {
        for unit in units {
            self.word_info(unit);
        }
    }

    /// Whether `unit` has been learnt (a stopword too).
    pub fn has_learnt(&self, unit: &str) -> bool {
        self.word_index.contains_key(unit)
    }

    /// The terms of a text's units, all learnt before: its words and the
    /// concepts its phrases name. Reads the lexicon only, so texts are
    /// mapped on many threads at once; `stems` is scratch space (a fresh
    /// copy of up to five stems at every word a phrase can start with was
    /// most of the allocations of loading a large base). A unit never
    /// learnt is skipped.
    pub fn terms_of(&self, units: &Units, stems: &mut Vec<String>) -> Vec<TermId> {
        let infos: Vec<u32> = units
            .iter()
            .filter_map(|u| self.word_index.get(u).copied())
            .filter(|&k| k != u32::MAX)
            .collect();
        let mut out = Vec::with_capacity(infos.len());
        let mut i = 0;
        while i < infos.len() {
            let info = &self.words[infos[i] as usize];
            if info.starts_phrase {
                let take = (infos.len() - i).min(MAX_PHRASE);
                if stems.len() < take {
                    stems.resize(take, String::new());
                }
                for (slot, &k) in stems.iter_mut().zip(&infos[i..i + take]) {
                    slot.clone_from(&self.words[k as usize].stem);
                }
                let stems = &stems[..take];
                if let Some((term, used)) = self.phrase_at(stems) {
                    out.push(term);
                    // Concepts named inside the phrase stand too: "FBI Director
                    // Chris Wray" is about Wray *and* the FBI. So do plain words
                    // ("Iranian cybersecurity company" is about cybersecurity),
                    // or a question using one alone would find no fact holding it.
                    for (k, stem) in infos[i..i + used].iter().zip(&stems[..used]) {
                        let inner = match self.singles.get(stem) {
                            Some(&inner) => inner,
                            None => self.words[*k as usize].term,
                        };
                        if inner != term {
                            out.push(inner);
                        }
                    }
                    i += used;
                    continue;
                }
            }
            out.push(self.words[infos[i] as usize].term);
            i += 1;
        }
        out
    }

    /// What the base knows of a word it contains, computed once: its stem,
    /// its term, and whether a phrase can start with it. `None` for stopwords.
    fn word_info(&mut self, word: &str) -> Option<u32> {
        if let Some(&k) = self.word_index.get(word) {
            return (k != u32::MAX).then_some(k);
        }
        if is_stopword(word) {
            self.word_index.insert(word.to_string(), u32::MAX);
            return None;
        }
        self.remember_surface(word);
        let stem = self.stem(word);
        let term = self.single_term(&stem);
        let starts_phrase = self.phrase_starts.contains_key(&stem);
        let k = self.words.len() as u32;
        self.words.push(WordInfo {
            stem,
            term,
            starts_phrase,
        });
        self.word_index.insert(word.to_string(), k);
        Some(k)
    }

    /// The particle phrase `tokens` starts with, joined, and how many
    /// tokens it used.
    fn particle_at(&self, tokens: &[String]) -> Option<(String, usize)> {
        let first = tokens.first()?;
        let list = self.particle_phrases.get(first)?;
        list.iter()
            .find(|(p, _)| tokens.starts_with(p))
            .map(|(p, joined)| (joined.clone(), p.len()))
    }

    /// The term of a lone stem: its concept if it has one, else itself.
    fn single_term(&mut self, stem: &str) -> TermId {
        match self.singles.get(stem) {
            Some(&t) => t,
            None => self.intern(stem),
        }
    }

    /// The longest phrase starting at `stems[0]`, with how many stems it used.
    fn phrase_at(&self, stems: &[String]) -> Option<(TermId, usize)> {
        let starts = stems.first().and_then(|s| self.phrase_starts.get(s))?;
        let longest = stems.len().min(MAX_PHRASE).min(*starts);
        (2..=longest)
            .rev()
            .find_map(|n| self.phrases.get(&stems[..n]).map(|&t| (t, n)))
    }

    /// Maps a question onto known terms, repairing typos; never adds terms.
    /// Work is bounded: at most `MAX_CONTENT_TOKENS` words and `MAX_REPAIRS` repairs.
    pub fn analyze(&self, question: &str) -> Vec<Word> {
        self.analyze_tokens(&tokens(question))
    }

    /// [`analyze`](Self::analyze) of a question already split by
    /// `normalize::tokens` (the scorer reads the tokens for frames too).
    pub fn analyze_tokens(&self, tokens: &[String]) -> Vec<Word> {
        // Distinct content words only: repeating a word adds nothing but work.
        // Particle phrases ("made up") are joined as they are met; the scan
        // stops at the word cap, so a pasted page costs no more than that.
        let mut words: Vec<String> = Vec::new();
        let mut i = 0;
        while i < tokens.len() && words.len() < MAX_CONTENT_TOKENS {
            let filler = super::stopwords::filler_at(&tokens[i..]);
            if filler > 0 {
                i += filler;
                continue;
            }
            // "clapped *back*", "shot *back*": a particle of the verb before
            // it (a retort), not "back" as in support. Listed phrases
            // ("struck back", "hit back") are read as the phrase they are.
            if tokens[i] == "back"
                && i > 0
                && is_past_tense(&tokens[i - 1])
                && !self
                    .phrases
                    .contains_key(&[self.stem(&tokens[i - 1]), self.stem("back")][..])
            {
                i += 1;
                continue;
            }
            let (word, used) = match self.particle_at(&tokens[i..]) {
                Some((joined, used)) => (std::borrow::Cow::Owned(joined), used),
                None => (std::borrow::Cow::Borrowed(&tokens[i]), 1),
            };
            i += used;
            if !is_stopword(&word) && !words.contains(&*word) {
                words.push(word.into_owned());
            }
        }
        let mut repairs_left = MAX_REPAIRS;
        // Resolve each word to a stem the base knows: as typed, as a common
        // word's synonym, or repaired as a typo.
        let mut resolved: Vec<(String, How, bool)> = words
            .into_iter()
            .map(|w| {
                let stem = self.stem(&w);
                if self.is_known_stem(&stem) || self.surface.contains_key(&w) {
                    return (stem, How::AsTyped, true);
                }
                if let Some(known) = self.related(&w) {
                    return (known, How::Related(w), true);
                }
                // "reimpose", "preconditions": a prefix and a word the base
                // uses mean, for matching, what that word does.
                if let Some(rest) = super::english::root_word(&w) {
                    let stem = self.stem(rest);
                    if self.is_known_stem(&stem) {
                        return (stem, How::Related(w), true);
                    }
                }
                if repairs_left > 0 {
                    repairs_left -= 1;
                    if let Some(fixed) = self.repair(&w) {
                        return (self.stem(fixed), How::Repaired(w), true);
                    }
                }
                // "legitimacy" for "legitimate", "illegit" clipped.
                if let Some(stem) = self.kin(&w) {
                    return (stem, How::Related(w), true);
                }
                (w, How::AsTyped, false)
            })
            .collect();
        self.repair_name_halves(&mut resolved);
        // The stems side by side, so a phrase is looked up on a slice of
        // them rather than on copies.
        let (stems, how): (Vec<String>, Vec<(How, bool)>) = resolved
            .into_iter()
            .map(|(stem, how, known)| (stem, (how, known)))
            .unzip();
        let mut out = Vec::new();
        let mut i = 0;
        while i < stems.len() {
            let run = how[i..]
                .iter()
                .take(MAX_PHRASE)
                .take_while(|(_, known)| *known)
                .count();
            if let Some((term, used)) = self.phrase_at(&stems[i..i + run]) {
                let part = &how[i..i + used];
                out.push(Word::Known {
                    term,
                    repaired_from: part.iter().find_map(|(h, _)| h.repaired()),
                    related_from: part.iter().find_map(|(h, _)| h.related()),
                });
                i += used;
                continue;
            }
            let ((how, known), stem) = (&how[i], &stems[i]);
            match (known, self.term_of_stem(stem)) {
                (true, Some(term)) => out.push(Word::Known {
                    term,
                    repaired_from: how.repaired(),
                    related_from: how.related(),
                }),
                _ => out.push(Word::Unknown(stem.clone())),
            }
            i += 1;
        }
        out
    }

    /// Reads an unresolved word beside one half of a two-word name as the
    /// other half when it is one edit from it: "cris wray", "joe bidden".
    /// Typo repair alone leaves such words be — general English knows them.
    fn repair_name_halves(&self, resolved: &mut [(String, How, bool)]) {
        for i in 0..resolved.len() {
            if resolved[i].2 || resolved[i].0.chars().count() < MIN_NAME_HALF_CHARS {
                continue;
            }
            let typed = resolved[i].0.as_str();
            // The known word after it (it comes first) or before it.
            let neighbours = [(true, Some(i + 1)), (false, i.checked_sub(1))];
            let found = neighbours.iter().find_map(|&(first, at)| {
                let (stem, _, known) = resolved.get(at?)?;
                if !known {
                    return None;
                }
                self.name_partners
                    .get(stem)?
                    .iter()
                    .find(|(side, word, _)| *side == first && osa_within(typed, word, 1) == Some(1))
                    .map(|(_, _, partner)| partner.clone())
            });
            if let Some(stem) = found {
                let typed = std::mem::replace(&mut resolved[i].0, stem);
                resolved[i].1 = How::Repaired(typed);
                resolved[i].2 = true;
            }
        }
    }

    /// The stem of a word of the base that means what a common English
    /// word the base lacks means (see `thesaurus`): the first synonym, in
    /// WordNet's order, that the base knows.
    fn related(&self, word: &str) -> Option<String> {
        super::thesaurus::synonyms(word)
            .map(|w| self.stem(w))
            .find(|stem| self.is_known_stem(stem))
    }

    /// The stem of the base's word that begins as `word` does, when the
    /// shared beginning is long enough to be one root: "legitimacy" →
    /// "legitimate", "illegit" → "illegitimate". None when words of
    /// different stems share it equally.
    fn kin(&self, word: &str) -> Option<String> {
        let n = word.chars().count();
        if n < KIN_CHARS - 1 {
            return None;
        }
        let key = beginning_key(word, KIN_CHARS.min(n))?;
        let prefix: String = word.chars().take(KIN_CHARS).collect();
        let mut best: Option<(usize, String)> = None;
        let mut tie = false;
        for cand in self
            .beginnings
            .get(&key)
            .map_or(&[][..], Vec::as_slice)
            .iter()
            .filter_map(|&id| self.surface_list.get(id as usize))
            // A hash collision shares the key, not the beginning.
            .filter(|c| c.starts_with(&prefix))
            .take(KIN_CANDIDATES)
        {
            if cand == word {
                continue;
            }
            let shared = cand
                .chars()
                .zip(word.chars())
                .take_while(|(a, b)| a == b)
                .count();
            if best.as_ref().is_some_and(|(b, _)| *b > shared) {
                continue;
            }
            let stem = self.stem(cand);
            match &best {
                Some((b, s)) if *b == shared && *s == stem => {}
                Some((b, _)) if *b == shared => tie = true,
                _ => {
                    best = Some((shared, stem));
                    tie = false;
                }
            }
        }
        // A name is not a word's root: "washing" is not "Washington".
        best.filter(|_| !tie).map(|(_, s)| s).filter(|s| {
            self.term_of_stem(s)
                .is_some_and(|t| !self.name(t).starts_with('@'))
        })
    }

    /// The term a stem is read as: its concept if it has one, else itself.
    fn term_of_stem(&self, stem: &str) -> Option<TermId> {
        self.singles
            .get(stem)
            .or_else(|| self.terms.get(stem))
            .copied()
    }

    /// Whether `word` (normalised) is a word of the base as typed: a word
    /// of its texts or aliases, not one reached through the thesaurus or a
    /// repair.
    pub fn knows_as_typed(&self, word: &str) -> bool {
        self.surface.contains_key(word) || self.is_known_stem(&self.stem(word))
    }

    fn is_known_stem(&self, stem: &str) -> bool {
        self.term_of_stem(stem).is_some()
    }

    /// The known word closest to an unknown one, if it is close enough to be
    /// a typo of it: one edit anywhere in a word of four letters or more
    /// (four only when general English does not know it), two edits from
    /// nine letters (keeping the first letter). Words general English knows
    /// well are words, not typos. Ties go to the word sharing the longer
    /// prefix (Jaro-Winkler).
    pub fn repair(&self, word: &str) -> Option<&str> {
        let len = word.chars().count();
        if len < MIN_REPAIR_CHARS
            || word.bytes().all(|b| b.is_ascii_digit())
            || self.surface.contains_key(word)
        {
            return None;
        }
        let zipf = super::english::zipf(word);
        if zipf >= COMMON_WORD_ZIPF || (len < 5 && zipf >= SHORT_WORD_ZIPF) {
            return None;
        }
        let mut best: Option<(usize, f64, &str)> = None;
        // One edit, anywhere: candidates share a delete key.
        let mut seen: Vec<u32> = Vec::new();
        for key in delete_keys(word) {
            for &id in self.deletes.get(&key).map_or(&[][..], Vec::as_slice) {
                if seen.contains(&id) {
                    continue;
                }
                seen.push(id);
                let Some(cand) = self.surface_list.get(id as usize) else {
                    continue;
                };
                if osa_within(word, cand, 1) == Some(1) {
                    best = better(best, 1, word, cand);
                }
            }
        }
        if best.is_some() || len < TWO_EDITS_FROM_CHARS {
            return best.map(|(_, _, w)| w);
        }
        // Two edits for long words, keeping the first letter.
        let max_edits = 2;
        let first = word.chars().next()?;
        let lo = len.saturating_sub(max_edits);
        let hist = Histogram::of(word);
        for bucket in (lo..=len + max_edits).filter_map(|l| self.surface_by_len.get(&(l, first))) {
            for (cand, cand_hist) in bucket {
                if hist.distance(cand_hist) > 2 * max_edits {
                    continue; // cannot be within `max_edits`: skip the costly comparison
                }
                // Optimal string alignment: counts an adjacent swap
                // ("electoins") as one edit, without the per-call map of
                // full Damerau-Levenshtein.
                match osa_within(word, cand, max_edits) {
                    Some(d) if d > 0 => best = better(best, d, word, cand),
                    _ => continue,
                }
            }
        }
        best.map(|(_, _, w)| w)
    }
}

/// The better of the best repair so far and `cand` at distance `d`.
fn better<'a>(
    best: Option<(usize, f64, &'a str)>,
    d: usize,
    word: &str,
    cand: &'a str,
) -> Option<(usize, f64, &'a str)> {
    let jw = strsim::jaro_winkler(word, cand);
    match best {
        Some((bd, bjw, _)) if bd < d || (bd == d && bjw >= jw) => best,
        _ => Some((d, jw, cand)),
    }
}

/// The other forms of a verb by the regular rules ("mess" → "messes",
/// "messed", "messing"; "wave" → "waves", "waved", "waving"), for the first
/// word of a particle phrase. A word that is no verb gets forms nobody
/// types, which cost a map entry each and match nothing.
fn verb_forms(word: &str) -> Vec<String> {
    let b = word.as_bytes();
    let n = b.len();
    if n < 2 || !b.iter().all(u8::is_ascii_lowercase) {
        return Vec::new();
    }
    let vowel = |c: u8| b"aeiou".contains(&c);
    let (last, before) = (b[n - 1], b[n - 2]);
    let stem = &word[..n - 1];
    let s = if word.ends_with(['s', 'x', 'z']) || word.ends_with("ch") || word.ends_with("sh") {
        format!("{word}es")
    } else if last == b'y' && !vowel(before) {
        format!("{stem}ies")
    } else {
        format!("{word}s")
    };
    // One vowel then one consonant at the end of a short word: "stop" →
    // "stopped" (not "mess" → "messsed", nor "wave" → "waveed").
    let doubles = n <= 4
        && !vowel(last)
        && !b"wxy".contains(&last)
        && vowel(before)
        && (n < 3 || !vowel(b[n - 3]));
    let (ed, ing) = if last == b'e' {
        (format!("{word}d"), format!("{stem}ing"))
    } else if last == b'y' && !vowel(before) {
        (format!("{stem}ied"), format!("{word}ing"))
    } else if doubles {
        let c = char::from(last);
        (format!("{word}{c}ed"), format!("{word}{c}ing"))
    } else {
        (format!("{word}ed"), format!("{word}ing"))
    };
    [s, ed, ing].into_iter().filter(|f| f != word).collect()
}

/// A word's stem as the lexicon files it: digits and joined particle
/// phrases ("made up") are kept whole. A word of general English has its
/// stem in the English list (computed at build time by the same stemmer),
/// which costs a lookup instead of running the stemmer.
fn stem_with(stemmer: &Stemmer, word: &str) -> String {
    if word.bytes().all(|b| b.is_ascii_digit()) || word.contains(' ') {
        word.to_string()
    } else if let Some(entry) = super::english::lookup(word) {
        entry.stem.to_string()
    } else {
        stemmer.stem(word).into_owned()
    }
}

/// The tokens of a phrase holding a little word ("made up", "side with"),
/// which is matched whole as typed; `None` for any other phrase, which is
/// matched by the stems of its content words.
fn particle_tokens(phrase: &str) -> Option<Vec<String>> {
    let all = all_tokens(phrase);
    (all.len() > 1 && all.iter().any(|w| is_stopword(w))).then_some(all)
}

/// Whether `word` reads as a verb's past tense: a regular "-ed" form or a
/// common irregular one.
fn is_past_tense(word: &str) -> bool {
    const IRREGULAR: &[&str] = &[
        "shot", "hit", "struck", "came", "went", "wrote", "spoke", "fought", "threw", "bit",
        "swung",
    ];
    (word.len() > 4 && word.ends_with("ed")) || IRREGULAR.contains(&word)
}

/// The hash of a word's first `n` characters; `None` when it is shorter.
fn beginning_key(word: &str, n: usize) -> Option<u64> {
    use std::hash::Hasher;
    let mut h = rustc_hash::FxHasher::default();
    let mut taken = 0;
    for c in word.chars().take(n) {
        h.write_u32(u32::from(c));
        taken += 1;
    }
    (taken == n).then(|| h.finish())
}

/// The units of one text (see [`Lexicon::units`]) in one buffer: a
/// string per word of every text was most of the allocations of loading a
/// large base.
#[derive(Debug, Default, Clone)]
pub struct Units {
    text: String,
    ends: Vec<usize>,
}

impl Units {
    fn push(&mut self, unit: &str) {
        self.text.push_str(unit);
        self.ends.push(self.text.len());
    }

    /// The units in order.
    pub fn iter(&self) -> impl Iterator<Item = &str> {
        let mut start = 0;
        self.ends.iter().map(move |&end| {
            let unit = self.text.get(start..end).unwrap_or_default();
            start = end;
            unit
        })
    }
}

/// A distinct word of the base, resolved once.
#[derive(Debug, Clone)]
struct WordInfo {
    stem: String,
    term: TermId,
    starts_phrase: bool,
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lexicon() -> Lexicon {
        let mut lx = Lexicon::default();
        lx.add_phrase("khatibzadeh", "@khatibzadeh");
        lx.add_phrase("foreign ministry spokesman", "@khatibzadeh");
        lx.add_phrase("khatibzade", "@khatibzadeh");
        lx.add_phrase("meddle", "~interfere");
        lx.add_phrase("interfere", "~interfere");
        lx.index_text("Iran does not interfere in other country’s elections");
        lx.index_text("US Director of National Intelligence John Ratcliffe");
        lx
    }

    fn terms(lx: &Lexicon, q: &str) -> Vec<String> {
        lx.analyze(q)
            .into_iter()
            .map(|w| match w {
                Word::Known { term, .. } => lx.name(term).to_string(),
                Word::Unknown(s) => format!("?{s}"),
            })
            .collect()
    }

    #[test]
    fn analyze_maps_synonyms_to_one_concept() {
        let lx = lexicon();
        assert_eq!(terms(&lx, "did iran meddle"), vec!["iran", "~interfere"]);
        assert_eq!(terms(&lx, "iran meddling?"), vec!["iran", "~interfere"]);
    }

    #[test]
    fn phrases_with_little_words_match_only_whole() {
        let mut lx = lexicon();
        lx.add_phrase("made up", "~fabricated");
        lx.add_phrase("fabricated", "~fabricated");
        lx.add_phrase("back in", "~rejoin");
        lx.add_phrase("back", "~support");
        lx.index_text("Khatibzadeh called the claims fabricated");
        assert_eq!(terms(&lx, "claims made up"), vec!["claim", "~fabricated"]);
        // "up" is a stopword, yet "made" alone is not "made up".
        assert_eq!(terms(&lx, "who made you"), vec!["?made"]);
        assert_eq!(terms(&lx, "get back in"), vec!["~rejoin"]);
        assert_eq!(terms(&lx, "did iran back him"), vec!["iran", "~support"]);
        // The base's own text is read the same way.
        let made_up = lx.index_text("stories made up by officials");
        assert_eq!(made_up, lx.index_text("stories fabricated by officials"));
    }

    #[test]
    fn back_after_a_past_tense_is_the_verbs_particle_not_support() {
        let mut lx = lexicon();
        lx.add_phrase("back", "~support");
        lx.add_phrase("backed", "~support");
        lx.add_phrase("hit back", "~angry");
        lx.index_text("Iran backed nobody; it hit back at critics");
        assert_eq!(terms(&lx, "iran clapped back"), vec!["iran", "?clapped"]);
        assert_eq!(terms(&lx, "iran shot back"), vec!["iran", "?shot"]);
        // Support stays support; a listed phrase stays the phrase.
        assert_eq!(
            terms(&lx, "did iran back biden"),
            vec!["iran", "~support", "?biden"]
        );
        assert_eq!(terms(&lx, "iran backed him"), vec!["iran", "~support"]);
        assert_eq!(terms(&lx, "iran hit back"), vec!["iran", "~angry"]);
    }

    #[test]
    fn a_misspelt_half_of_a_name_is_read_by_its_other_half() {
        let mut lx = lexicon();
        lx.add_phrase("Chris Wray", "@wray");
        lx.add_phrase("wray", "@wray");
        lx.add_phrase("Joe Biden", "@biden");
        lx.index_text("FBI Director Chris Wray announced it");
        // "cris" and "bidden" are English words: repair alone leaves them.
        assert_eq!(terms(&lx, "cris wray"), vec!["@wray"]);
        assert_eq!(terms(&lx, "joe bidden"), vec!["@biden"]);
        assert_eq!(terms(&lx, "chris wray"), vec!["@wray"]);
        // Beside some other word, or two edits away, it stays unknown.
        assert_eq!(terms(&lx, "cris announced"), vec!["?cris", "announc"]);
        assert_eq!(terms(&lx, "crisp wray"), vec!["?crisp", "@wray"]);
        // A name half on the wrong side is not the partner.
        assert_eq!(terms(&lx, "wray cris"), vec!["@wray", "?cris"]);
    }

    #[test]
    fn particle_phrases_match_any_form_of_their_first_word() {
        let mut lx = lexicon();
        lx.add_phrase("mess with", "~interfere");
        for q in [
            "iran messes with votes",
            "iran messed with votes",
            "iran messing with votes",
        ] {
            assert_eq!(terms(&lx, q), vec!["iran", "~interfere", "?votes"], "{q}");
        }
        assert_eq!(verb_forms("wave"), vec!["waves", "waved", "waving"]);
        assert_eq!(verb_forms("stop"), vec!["stops", "stopped", "stopping"]);
        assert_eq!(verb_forms("carry"), vec!["carries", "carried", "carrying"]);
        assert_eq!(verb_forms("brush"), vec!["brushes", "brushed", "brushing"]);
    }

    #[test]
    fn analyze_expands_alias_phrases() {
        let lx = lexicon();
        assert_eq!(
            terms(&lx, "what did the foreign ministry spokesman say"),
            vec!["@khatibzadeh"]
        );
    }

    #[test]
    fn analyze_repairs_typos_against_vocabulary() {
        let lx = lexicon();
        assert_eq!(terms(&lx, "ratclife elections"), vec!["ratcliff", "elect"]);
        let words = lx.analyze("electoins");
        assert!(
            matches!(&words[0], Word::Known { repaired_from: Some(w), .. } if w == "electoins")
        );
    }

    #[test]
    fn kin_reads_a_word_sharing_a_long_root_with_the_base() {
        let mut lx = lexicon();
        lx.index_text("sanctions that are not legitimate, or illegitimate");
        lx.index_text("a nation and its national interest");
        let legit = lx.analyze("legitimacy");
        assert!(
            matches!(&legit[0], Word::Known { related_from: Some(w), .. } if w == "legitimacy"),
            "{legit:?}"
        );
        assert_eq!(terms(&lx, "illegit"), vec!["illegitim"], "a clipped word");
        // Six shared letters are not one root ("nationwide" / "national").
        assert_eq!(lx.kin("nationwide"), None);
        lx.add_phrase("washington", "@united-states");
        assert_eq!(lx.kin("washing"), None, "a name is no word's root");
        assert_eq!(lx.kin("nationally").as_deref(), Some("nation"));
        // Two stems sharing the beginning equally: neither. "nationalxyz"
        // shares eight letters with "national" (nation) and "nationalist".
        lx.index_text("a nationalist");
        assert_eq!(lx.kin("nationalxyz"), None);
    }

    #[test]
    fn repair_fixes_the_first_letter_and_transpositions() {
        let lx = lexicon();
        assert_eq!(lx.repair("jhatibzadeh"), Some("khatibzadeh"));
        assert_eq!(lx.repair("oran"), Some("iran"));
        assert_eq!(lx.repair("iarn"), Some("iran"));
        assert_eq!(lx.repair("ratclife"), Some("ratcliffe"));
    }

    #[test]
    fn repair_leaves_common_english_words_alone() {
        let lx = lexicon();
        // "weather" is one edit from nothing here, but even next to a
        // base word a common word is what the user meant.
        assert_eq!(lx.repair("interferes"), Some("interfere"));
        assert_eq!(lx.repair("national"), None, "known");
        assert_eq!(lx.repair("countries"), None, "a common word");
    }

    #[test]
    fn analyze_keeps_unknown_words_unknown() {
        let lx = lexicon();
        assert_eq!(terms(&lx, "weather in paris"), vec!["?weather", "?paris"]);
    }

    #[test]
    fn repair_refuses_short_words_and_far_words() {
        let lx = lexicon();
        assert_eq!(lx.repair("irn"), None, "three letters: too short to guess");
        assert_eq!(
            lx.repair("iram"),
            Some("iran"),
            "four letters English lacks"
        );
        assert_eq!(lx.repair("does"), None, "a word, not a typo");
        assert_eq!(lx.repair("banana"), None);
        assert_eq!(lx.repair("khatibzadeh"), None, "exact words need no repair");
        assert_eq!(lx.repair("khatibzadehh"), Some("khatibzadeh"));
        assert_eq!(
            lx.repair("ratclife"),
            Some("ratcliffe"),
            "eight letters: one edit"
        );
        assert_eq!(lx.repair("rattclif"), None, "eight letters: not two edits");
    }

    #[test]
    fn analyze_bounds_work_on_long_input() {
        let lx = lexicon();
        let hostile = "zzzzzq ".repeat(1000);
        assert!(lx.analyze(&hostile).len() <= MAX_CONTENT_TOKENS);
    }
}
