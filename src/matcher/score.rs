//! Ranking facts against a question. Whether to answer at all is decided
//! from the ranking by `decide`, a model fitted to data.
//!
//! Signals, all weighted by how rare each term is (idf):
//! - *coverage*: how much of the question's known words the fact's fields
//!   account for;
//! - *similarity* to the fact's example questions (an F2 score over
//!   terms), which rewards paraphrases of what the fact was written to answer;
//! - *focus*: how much of the fact's claim the question is about;
//! - whether the fact's quote carries the kind of answer asked for (`frame`).
//!
//! Words the base has never seen do not change the ranking (every fact
//! lacks them alike); they are counted, by kind, for the decision: a name
//! (`china`) is evidence the question is about something else, a common
//! English word (`favorite`) is only paraphrase.

use super::aside::Message;
use super::english;
use super::frame::{
    AnswerType, beyond_text, frame_of, is_answer_noun, name_holder, set_aside, speech_subject,
    target_of, year_of,
};
use super::index::{EntityClass, Index};
use super::lexicon::{TermId, Word};
use crate::knowledge::Side;

/// Share of the score from coverage. Coverage is the steadier signal
/// across phrasings, so it leads.
pub const COVERAGE_WEIGHT: f32 = 0.55;

/// Share of the score from similarity to the example questions.
pub const SIMILARITY_WEIGHT: f32 = 0.35;

/// Share of the score from *focus*: how much of the fact's claim the
/// question accounts for. It mostly breaks ties between facts that both
/// cover the question ("biden rejoin accord?" covers both "Biden seeks to
/// rejoin the accord…" and "hardliners think negotiations with Biden could
/// revive the deal…"; the first is about it, the second mentions it).
pub const FOCUS_WEIGHT: f32 = 0.10;

/// Bonus for a fact whose quote carries the kind of answer the question
/// asks for ("how many" → a number): enough to order near-ties ("how many
/// emails" → "thousands of threatening emails" over "spoofed emails"), not
/// to lift a fact about something else.
pub const FRAME_BONUS: f32 = 0.16;

/// Matched information (sum of idf of shared terms) below which confidence
/// is scaled down. A question matching only "iran" or "us" (idf near 0) says
/// too little to pick a quote, however "covered" it is. 1.5 is about one
/// distinctive term ("sanctions", "ambassador").
pub const MIN_MATCHED_MASS: f32 = 1.5;

/// Taken off a fact whose speaker is not the one the question asks about
/// ("what did *miryousefi* say" → his statements before Khatibzadeh's on
/// the same matter).
pub const SUBJECT_PENALTY: f32 = 0.1;

/// Taken off a fact dated in none of the years a question names and
/// naming none of them ("the *2021* sanctions" → not a 2020 statement).
pub const YEAR_PENALTY: f32 = 0.1;

/// Bonus, for a "who" question naming someone, for a fact whose quote names
/// them in full: "who is khatibzadeh" → "Saeed Khatibzadeh, Foreign Ministry
/// spokesman, said…" rather than any other of his statements.
pub const INTRODUCES_BONUS: f32 = 0.1;

/// A term at least this common in general English (Zipf) is generic: "help",
/// "people", "said" match many texts. 4.5 is about once in 30,000 words.
pub const GENERIC_ZIPF: f32 = 4.5;

/// Most terms (the rarest) compared with example questions and claims.
/// Our longest real question has 8 content terms, so real questions are
/// compared whole; a pasted paragraph costs no more than a long question.
pub const TELLING_TERMS: usize = 8;

/// How many ranked facts a match keeps (answers plus suggestions).
pub const KEEP: usize = 8;

/// Postings read per question to find candidates. Bounds the cost on any
/// base size: at 100,000 facts a common word is in tens of thousands of
/// facts, and reading them all would cost milliseconds.
pub const POSTINGS_BUDGET: usize = 4_000;

/// Candidates, best by coverage, that get the finer (similarity, focus)
/// scores. Coverage carries most of the score: over our and the dev
/// sets' 702 questions the answer was never below fourth by coverage and
/// the runner-up (whose score sets the margin) never below eleventh, so
/// sixteen leaves room; 64 gave the same answers and suggestions, at a
/// tenth more cost for a pasted paragraph, which matches every fact.
pub const FINE_SCORED: usize = 16;

/// One fact's score for one question.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Scored {
    /// Position of the fact in `KnowledgeBase::facts`.
    pub fact: usize,
    /// 0..=1: the ranking score (how well this fact matches, relative to
    /// the others); `decide` turns the ranking into a probability.
    pub confidence: f32,
    /// Share of the question's known-word mass the fact holds (weighted).
    pub coverage: f32,
    pub similarity: f32,
    pub focus: f32,
    /// Sum of the idf of the question's terms the fact holds.
    pub matched: f32,
    /// Whether the fact's quote carries the kind of answer asked for.
    pub carries_frame: bool,
    /// The question asks what someone said or how they reacted, and the
    /// first person or body it names is on another side than the fact's
    /// statement ("how did *moscow* respond" → a US officials' statement).
    pub subject_mismatch: bool,
    /// The question names years and the fact is dated in none of them nor
    /// names one ("what did isna report about the *2021* sanctions" → an
    /// ISNA report of 2020).
    pub year_conflict: bool,
}

/// The result of matching one question.
#[derive(Debug, Clone, Default)]
pub struct Match {
    /// Best first, at most `KEEP`.
    pub ranked: Vec<Scored>,
    /// Words repaired as typos: (typed, understood as).
    pub repaired: Vec<(String, String)>,
    /// Common words read through the thesaurus: (typed, understood as).
    pub related: Vec<(String, String)>,
    /// Content words the base does not know.
    pub unknown: Vec<String>,
    /// How many of `unknown` name something (a country, a person, a word
    /// too rare for general English): what the question is about, missing.
    pub unknown_names: usize,
    /// How many of `unknown` are common English words: paraphrase.
    pub unknown_common: usize,
    /// How many of `unknown` are numbers (years, counts) no fact gives.
    pub unknown_numbers: usize,
    /// Number of distinct known terms in the question.
    pub known_terms: usize,
    /// The kind of answer the question asks for.
    pub frame: Option<AnswerType>,
    /// The word a "how many X" / "what X" question asks about is one the
    /// base has never seen.
    pub target_unknown: bool,
    /// The question asks what someone said, and names as that someone
    /// only words the base does not know ("what did *raisi* say").
    pub subject_unknown: bool,
    /// Every known term is a very common English word ("help", "people"):
    /// a match on those alone says little.
    pub generic_only: bool,
    /// The question asks the name of someone the articles name only by
    /// role ("what was the swiss ambassador's name").
    pub unnamed_asked: bool,
    /// The question asks for others than the ones it names ("which other
    /// country *besides Iran*"), and the best candidate's quote names no one
    /// else of that kind: it can only repeat what the question set aside.
    pub others_unnamed: bool,
    /// Words asking beyond the articles' time ("outcome", "first", "later").
    pub beyond: usize,
    /// 0..=1: how telling the most telling word of the question is that the
    /// best candidate lacks ("the *name* of the Swiss ambassador", "what
    /// *reward*"): one such word can make a well-covered question one the
    /// fact does not answer.
    pub missing_max: f32,
    /// Postings read plus term lookups made: a measure of work done.
    pub work: usize,
}

/// Which tokens of a message are chatter, not read at all
/// (`Message::chatter`): a word is chat only if it is everyday English the
/// base does not use as typed.
fn chatter(index: &Index, message: &Message) -> Vec<bool> {
    // Not chat: a word of the base as typed, a name, or no English word at
    // all (a number, a typo of a name).
    let known =
        |w: &str| index.lexicon.knows_as_typed(w) || english::lookup(w).is_none_or(|e| e.name);
    let everyday = |w: &str| english::lookup(w).is_some_and(|e| !e.name && e.zipf >= EVERYDAY_ZIPF);
    message.chatter(known, |w| known(w) && !everyday(w))
}

/// Zipf frequency from which a word is everyday ("morning", "deal"): such a
/// word alone does not make a message that does not ask about the base.
const EVERYDAY_ZIPF: f32 = 5.0;

/// Tokens read and tokens set aside as chatter.
fn split_chatter(tokens: &[String], chatter: &[bool]) -> (Vec<String>, Vec<String>) {
    let (kept, dropped): (Vec<_>, Vec<_>) = tokens.iter().zip(chatter).partition(|(_, c)| !**c);
    let words = |v: Vec<(&String, &bool)>| v.into_iter().map(|(w, _)| w.clone()).collect();
    (words(kept), words(dropped))
}

/// The words of `question` that are read, and those set aside as chatter
/// ("out of curiosity, …", "… - thanks a lot"); `ask --explain` shows both.
pub fn read_words(index: &Index, question: &str) -> (Vec<String>, Vec<String>) {
    let message = Message::read(question);
    let chatter = chatter(index, &message);
    split_chatter(&message.tokens, &chatter)
}

/// Ranks the facts of `index` for `question`.
pub fn search(index: &Index, question: &str) -> Match {
    let message = Message::read(question);
    let aside = message.aside_words();
    let chatter = chatter(index, &message);
    let kept: Vec<String>;
    let raw = if chatter.contains(&true) {
        kept = split_chatter(&message.tokens, &chatter).0;
        &kept
    } else {
        &message.tokens
    };
    let words = index.lexicon.analyze_tokens(raw);
    let asked = frame_of(raw);
    // A number or year the base never gives ("2019", "four") asks about
    // another figure or time: its own kind, neither a name nor paraphrase.
    let is_number = |w: &str| w.bytes().all(|b| b.is_ascii_digit());
    let is_everyday = |w: &str| !is_number(w) && unknown_kind(w).0;
    let mut terms: Vec<TermId> = Vec::new();
    let mut unknown: Vec<String> = Vec::new();
    let mut repaired = Vec::new();
    let mut related = Vec::new();
    for w in words {
        match w {
            // A name the base knows but no fact contains (an entity only
            // listed in entities.toml) is, for answering, as unknown as a
            // word never seen.
            Word::Known { term, .. } if index.postings(term).is_empty() => {
                let name = index.lexicon.name(term).to_string();
                if !unknown.contains(&name) {
                    unknown.push(name);
                }
            }
            Word::Known {
                term,
                repaired_from,
                related_from,
            } => {
                if let Some(from) = repaired_from {
                    repaired.push((from, index.lexicon.name(term).to_string()));
                }
                if let Some(from) = related_from {
                    related.push((from, index.lexicon.name(term).to_string()));
                }
                if !terms.contains(&term) {
                    terms.push(term);
                }
            }
            // "which *faction*": the kind of answer asked for, which no
            // fact need say.
            Word::Unknown(s) if asked.is_some() && is_answer_noun(&s) => {}
            // "saw grossi *trending*. why is …": an everyday word of an
            // aside says why someone asks, not what.
            Word::Unknown(s) if aside.contains(&s.as_str()) && is_everyday(&s) => {}
            Word::Unknown(s) => {
                if !unknown.contains(&s) {
                    unknown.push(s);
                }
            }
        }
    }
    let unknown_numbers = unknown.iter().filter(|w| is_number(w)).count();
    // Each unknown word's kind, decided once (the misspelling test is the
    // costly part): paraphrase or not, and how telling it is if a fact
    // lacks it (see `missing_max`).
    let kinds: Vec<(bool, f32)> = unknown.iter().map(|w| unknown_kind(w)).collect();
    let unknown_common = unknown
        .iter()
        .zip(&kinds)
        .filter(|(w, (paraphrase, _))| !is_number(w) && *paraphrase)
        .count();
    let unknown_telling = kinds.iter().map(|k| k.1).fold(0.0, f32::max);
    let query_mass: f32 = terms.iter().map(|&t| index.idf(t)).sum::<f32>();
    let target_unknown = target_of(raw).is_some_and(|t| unknown.contains(&t));
    let generic_only = terms.iter().all(|&t| {
        let name = index.lexicon.name(t);
        !name.starts_with(['@', '~']) && english::zipf(name) >= GENERIC_ZIPF
    });
    // The first person or body named, when the question asks what someone
    // said, to compare with each candidate's speaker.
    let subject_words = speech_subject(raw)
        .map(|at| index.lexicon.analyze_tokens(&raw[at]))
        .unwrap_or_default();
    let subject = Subject::of(index, &subject_words);
    // "what did raisi say": a speaker the base does not know at all.
    let subject_unknown =
        subject.is_none() && subject_words.iter().any(|w| matches!(w, Word::Unknown(_)));
    let years: Vec<u16> = raw.iter().filter_map(|w| year_of(w)).collect();
    let unnamed_asked = name_holder(raw).is_some_and(|at| {
        index
            .lexicon
            .analyze_tokens(&raw[at])
            .iter()
            .find_map(|w| match w {
                Word::Known { term, .. } if index.entity_sides.contains_key(term) => Some(*term),
                _ => None,
            })
            .is_some_and(|holder| index.unnamed.contains(&holder))
    });
    let mut result = Match {
        unnamed_asked,
        beyond: beyond_text(raw),
        target_unknown,
        subject_unknown,
        generic_only,
        known_terms: terms.len(),
        unknown_names: unknown.len() - unknown_common - unknown_numbers,
        unknown_common,
        unknown_numbers,
        unknown,
        repaired,
        related,
        frame: asked,
        ..Match::default()
    };
    if terms.is_empty() || query_mass <= f32::EPSILON {
        return result;
    }
    // Candidates: facts holding the question's rarest terms, within a fixed
    // budget of postings, so the cost does not grow with the base. A fact
    // holding only very common terms ("iran") could not reach the answer
    // threshold anyway (see MIN_MATCHED_MASS).
    let mut by_rarity: Vec<(TermId, usize)> = terms
        .iter()
        .map(|&t| (t, index.postings(t).len()))
        .filter(|&(_, df)| df > 0)
        .collect();
    by_rarity.sort_by_key(|&(_, df)| df);
    let mut candidates: Vec<u32> = Vec::new();
    let mut budget = POSTINGS_BUDGET;
    for &(t, df) in &by_rarity {
        if budget == 0 || (df > budget && !candidates.is_empty()) {
            break;
        }
        let list = index.postings(t);
        let take = df.min(budget);
        candidates.extend(list[..take].iter().map(|&(f, _)| f));
        budget -= take;
    }
    candidates.sort_unstable();
    candidates.dedup();
    result.work = POSTINGS_BUDGET - budget + candidates.len() * terms.len();
    // Coverage for every candidate, by lookup in the fact's own terms.
    let mut scored: Vec<(u32, f32, f32)> = candidates
        .into_iter()
        .map(|fact| {
            let (mut weighted, mut matched) = (0.0, 0.0);
            for &t in &terms {
                let w = index.weight(fact as usize, t);
                if w > 0.0 {
                    let idf = index.idf(t);
                    weighted += idf * w;
                    matched += idf;
                }
            }
            (fact, weighted / query_mass, matched)
        })
        .collect();
    // The finer scores compare with every example question of a candidate:
    // on a pasted paragraph, only its rarest terms say what it is about.
    let mut telling: Vec<TermId> = terms.clone();
    if telling.len() > TELLING_TERMS {
        telling.sort_by(|&a, &b| index.idf(b).total_cmp(&index.idf(a)));
        telling.truncate(TELLING_TERMS);
    }
    let telling_mass: f32 = telling.iter().map(|&t| index.idf(t)).sum();
    // Only the best by coverage are worth the finer scores.
    if scored.len() > FINE_SCORED {
        scored.select_nth_unstable_by(FINE_SCORED, |a, b| b.1.total_cmp(&a.1));
        scored.truncate(FINE_SCORED);
    }
    let mut ranked: Vec<Scored> = scored
        .into_iter()
        .map(|(fact, coverage, matched)| {
            // Example questions and the claim hold only the fact's own
            // terms: compare them with the telling terms the fact has.
            let present: Vec<TermId> = telling
                .iter()
                .copied()
                .filter(|&t| index.weight(fact as usize, t) > 0.0)
                .collect();
            let similarity = example_similarity(index, fact as usize, &present, telling_mass);
            let focus = claim_focus(index, fact as usize, &present);
            let carries_frame =
                asked.is_some_and(|t| index.carries.get(fact as usize).is_some_and(|c| c.has(t)));
            // "who is X", and "where does X work": the sentence that
            // introduces X says who and where.
            let introduces = matches!(asked, Some(AnswerType::Agent | AnswerType::Place))
                && index
                    .introduces
                    .get(fact as usize)
                    .is_some_and(|named| terms.iter().any(|t| named.binary_search(t).is_ok()));
            let raw = COVERAGE_WEIGHT * coverage
                + SIMILARITY_WEIGHT * similarity
                + FOCUS_WEIGHT * focus
                + if carries_frame { FRAME_BONUS } else { 0.0 }
                + if introduces { INTRODUCES_BONUS } else { 0.0 };
            let subject_mismatch = subject
                .as_ref()
                .is_some_and(|s| s.mismatches(index, fact as usize));
            let year_conflict = !years.is_empty()
                && index
                    .fact_years
                    .get(fact as usize)
                    .is_none_or(|known| !years.iter().any(|y| known.binary_search(y).is_ok()));
            let subject_penalty = if subject_mismatch {
                SUBJECT_PENALTY
            } else {
                0.0
            };
            let year_penalty = if year_conflict { YEAR_PENALTY } else { 0.0 };
            let raw = raw - subject_penalty - year_penalty;
            let confidence = raw * (matched / MIN_MATCHED_MASS).min(1.0);
            Scored {
                fact: fact as usize,
                confidence: confidence.clamp(0.0, 1.0),
                coverage,
                similarity,
                focus,
                matched,
                carries_frame,
                subject_mismatch,
                year_conflict,
            }
        })
        .collect();
    ranked.sort_by(|a, b| {
        b.confidence
            .total_cmp(&a.confidence)
            .then(a.fact.cmp(&b.fact))
    });
    ranked.truncate(KEEP);
    if let (Some(top), Some(classes)) = (ranked.first(), others_asked(index, raw)) {
        let named: Vec<TermId> = terms
            .iter()
            .copied()
            .filter(|t| index.entity_classes.contains_key(t))
            .collect();
        result.others_unnamed = !index.quote_names_other(top.fact, &named, &classes);
    }
    if let Some(top) = ranked.first() {
        result.missing_max = missing_max(index, top.fact, &terms).max(unknown_telling);
    }
    result.ranked = ranked;
    result
}

/// When the question sets names aside to ask for others ("which other
/// country *besides Iran*", "the other Iranians *except Kazemi and
/// Kashian*"), the kinds of entity it asks for: those of the names set
/// aside, or any kind when it asks "who" ("who else besides Khatibzadeh":
/// a ministry will do). None when what it sets aside names no one
/// ("besides *resuming cooperation*").
fn others_asked(index: &Index, raw: &[String]) -> Option<Vec<EntityClass>> {
    let at = set_aside(raw)?;
    let mut classes: Vec<EntityClass> = index
        .lexicon
        .analyze_tokens(&raw[at])
        .iter()
        .map_while(|w| match w {
            Word::Known { term, .. } => index.entity_classes.get(term).copied(),
            Word::Unknown(_) => None,
        })
        .collect();
    if classes.is_empty() {
        return None;
    }
    if raw.iter().any(|w| w == "who" || w == "whom") {
        classes.clear();
    }
    Some(classes)
}

/// Whom a question about speech asks about ("how did *Moscow* respond").
struct Subject {
    term: TermId,
    side: Option<Side>,
    person: bool,
}

impl Subject {
    /// The first entity among the subject's words, if any.
    fn of(index: &Index, words: &[Word]) -> Option<Self> {
        words.iter().find_map(|w| match w {
            Word::Known { term, .. } => Some(Subject {
                term: *term,
                side: index.entity_sides.get(term)?.clone(),
                person: index.people.contains(term),
            }),
            Word::Unknown(_) => None,
        })
    }

    /// Whether `fact` is someone else's statement: for a person, a speaker
    /// that is not (or does not include) them — "how did *Trump* comment"
    /// is not answered by the Treasury, though both are US government; for
    /// anyone else, a speaker on another side. The article's own voice
    /// reporting what the subject did ("The Rouhani administration has
    /// refused…") is no mismatch.
    fn mismatches(&self, index: &Index, fact: usize) -> bool {
        let side = index.fact_sides.get(fact);
        if side.is_some_and(Side::is_narrator) && index.weight(fact, self.term) > 0.0 {
            return false;
        }
        if self.person {
            index
                .speaker_people
                .get(fact)
                .is_none_or(|people| people.binary_search(&self.term).is_err())
        } else {
            self.side.as_ref() != side
        }
    }
}

/// An idf at which a known word counts as fully telling (about the rarest
/// word of the shipped base).
const TELLING_IDF: f32 = 3.0;

/// See [`Match::missing_max`]: the known terms' part. A known term weighs
/// by its idf in the base.
fn missing_max(index: &Index, fact: usize, terms: &[TermId]) -> f32 {
    terms
        .iter()
        .filter(|&&t| index.weight(fact, t) <= 0.0)
        .map(|&t| (index.idf(t) / TELLING_IDF).min(1.0))
        .fold(0.0, f32::max)
}

/// An unknown word: whether it is paraphrase rather than a name, and how
/// telling it is when a fact lacks it.
///
/// Paraphrase: a common English word (telling by how rare it is in general
/// English: "reward" more than "really"), a misspelling of one, or a
/// synonym group no fact uses (`~company`). A name — an entity no fact
/// holds (`@treasury`), a proper noun, a word general English lacks — is
/// fully telling.
fn unknown_kind(w: &str) -> (bool, f32) {
    if w.starts_with('@') {
        return (false, 1.0);
    }
    if w.starts_with('~') {
        return (true, 0.0);
    }
    // A common word tells by its rarity: fully at Zipf 3 (once in a
    // million words), nothing at Zipf 6.
    let telling = |e: english::Entry| ((6.0 - e.zipf) / 3.0).clamp(0.0, 1.0);
    match english::lookup(w) {
        Some(e) if !e.name => (true, telling(e)),
        Some(_) => (false, 1.0),
        None => match english::unprefixed(w) {
            Some((_, e)) => (true, telling(e)),
            None if english::is_typo_of_common(w) => (true, 0.0),
            None => (false, 1.0),
        },
    }
}

/// Best similarity (F2 over idf-weighted terms) between the question and one
/// of the fact's example questions.
fn example_similarity(index: &Index, fact: usize, terms: &[TermId], query_mass: f32) -> f32 {
    let Some(examples) = index.examples.get(fact) else {
        return 0.0;
    };
    examples
        .iter()
        .map(|ex| {
            let shared: f32 = terms
                .iter()
                .filter(|&&t| ex.holds(t))
                .map(|&t| index.idf(t))
                .sum();
            // F2: recall (how much of the question the example covers) counts
            // four times precision, so a short example sharing one rare word
            // with a longer question does not look like a paraphrase of it.
            let recall = shared / query_mass.max(f32::EPSILON);
            let precision = shared / ex.mass.max(f32::EPSILON);
            let denominator = 4.0 * precision + recall;
            if denominator <= f32::EPSILON {
                0.0
            } else {
                5.0 * precision * recall / denominator
            }
        })
        .fold(0.0, f32::max)
}

/// Share of the fact's claim (idf mass) that the question's terms account for.
fn claim_focus(index: &Index, fact: usize, terms: &[TermId]) -> f32 {
    let Some(claim) = index.claims.get(fact) else {
        return 0.0;
    };
    if claim.mass <= f32::EPSILON {
        return 0.0;
    }
    let shared: f32 = terms
        .iter()
        .filter(|&&t| claim.holds(t))
        .map(|&t| index.idf(t))
        .sum();
    shared / claim.mass
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::knowledge::{files::KnowledgeFile, validate};

    /// A tiny base: two facts from a made-up article.
    fn index() -> Index {
        let file = |path: &str, text: &str| KnowledgeFile {
            path: path.into(),
            bytes: text.as_bytes().to_vec(),
        };
        let files = vec![
            file(
                "sources/a.txt",
                "Head\nAlice said the vote was fair.\nBob denied hacking the ballots.\n",
            ),
            file(
                "sources/a.toml",
                "id = \"a\"\nfile = \"a.txt\"\nheadline = \"Head\"\npublished = \"2020\"\n",
            ),
            file(
                "sides.toml",
                "[[side]]\nid = \"third-party\"\nlabel = \"third party\"\ncolour = \"#D38B1F\"\n",
            ),
            file(
                "topics.toml",
                "[[topic]]\nid = \"t\"\ntitle = \"Votes\"\ndescription = \"d\"\n",
            ),
            file(
                "timeline.toml",
                "[[event]]\nid = \"e\"\ndate = \"2020\"\ntitle = \"x\"\nactors = []\ntopics = []\nevidence = [\"alice-fair\"]\n",
            ),
            file(
                "entities.toml",
                "[[entity]]\nid = \"alice\"\nname = \"Alice\"\nkind = \"person\"\nrole = \"r\"\naliases = [\"ally\"]\n\n[[entity]]\nid = \"bob\"\nname = \"Bob\"\nkind = \"person\"\nrole = \"r\"\n\n[[entity]]\nid = \"bank\"\nname = \"Carol\"\nkind = \"person\"\nrole = \"r\"\naliases = [\"treasurer\"]\n\n[[entity]]\nid = \"clerk\"\nname = \"The clerk\"\nkind = \"role\"\nrole = \"r\"\naliases = [\"clerk\"]\n",
            ),
            file(
                "facts/f.toml",
                "[[fact]]\nid = \"alice-fair\"\nclaim = \"Alice said the vote was fair\"\nquote = \"Alice said the vote was fair.\"\nspeaker = \"alice\"\nattribution = \"said\"\nside = \"third-party\"\nsource = \"a\"\nparagraph = 2\ndate = \"2020\"\ntopics = [\"t\"]\nquestions = [\"was the vote fair\", \"did alice say the vote was fair\", \"what did alice say about the vote\"]\n\n[[fact]]\nid = \"bob-denied\"\nclaim = \"Bob denied hacking\"\nquote = \"Bob denied hacking the ballots.\"\nspeaker = \"bob\"\nattribution = \"said\"\nside = \"third-party\"\nsource = \"a\"\nparagraph = 3\ndate = \"2020\"\ntopics = [\"t\"]\nquestions = [\"did bob hack the ballots\", \"what did bob deny\", \"bob hacking?\"]\n",
            ),
        ];
        let kb = validate::build(&files).expect("tiny base is valid");
        Index::build(&kb)
    }

    #[test]
    fn asking_the_name_of_a_role_is_asking_what_no_quote_holds() {
        let index = index();
        let asks = |q: &str| search(&index, q).unnamed_asked;
        assert!(asks("what is the name of the clerk"));
        assert!(asks("whats the clerks name"));
        assert!(asks("the clerk's name?"));
        // A person's name, or a name asked of someone else than the role.
        assert!(!asks("what is the name of the treasurer"));
        assert!(!asks("name of the person who paid the clerk"));
        assert!(!asks("who is the clerk"));
        assert!(!asks("did the clerk name the thief"));
    }

    #[test]
    fn asking_for_others_needs_a_quote_naming_someone_else() {
        let index = index();
        let unnamed = |q: &str| search(&index, q).others_unnamed;
        // The vote quote names Alice alone.
        assert!(unnamed("besides alice, who else said the vote was fair"));
        assert!(unnamed("apart from ally which people called the vote fair"));
        // Alice is someone other than Carol; no one is set aside at all.
        assert!(!unnamed("other than carol, who said the vote was fair"));
        assert!(!unnamed("besides the ballots, what did bob deny"));
        assert!(!unnamed("who said the vote was fair"));
    }

    #[test]
    fn search_ranks_the_fact_sharing_rare_terms_first() {
        let m = search(&index(), "did bob hack ballots?");
        assert_eq!(m.ranked[0].fact, 1);
        assert!(m.ranked[0].confidence > 0.8, "{:?}", m.ranked);
    }

    #[test]
    fn search_expands_aliases() {
        let m = search(&index(), "was ally's vote fair");
        assert_eq!(m.ranked[0].fact, 0);
    }

    #[test]
    fn search_counts_unknown_words_by_kind() {
        let idx = index();
        let m = search(&idx, "did bob hack ballots in zanzibar");
        assert_eq!((m.unknown_names, m.unknown_common), (1, 0), "a name");
        let m = search(&idx, "did bob quietly hack ballots");
        assert_eq!((m.unknown_names, m.unknown_common), (0, 1), "paraphrase");
    }

    #[test]
    fn unknown_names_lower_the_answer_probability_more_than_common_words() {
        use crate::matcher::decide::probability;
        let idx = index();
        let plain = probability(&search(&idx, "did bob hack ballots"));
        let common = probability(&search(&idx, "did bob quietly hack ballots"));
        let name = probability(&search(&idx, "did bob hack ballots in zanzibar"));
        assert!(name < plain, "{name} vs {plain}");
        assert!(name < common, "{name} vs {common}");
    }

    #[test]
    fn search_marks_whether_a_quote_carries_the_asked_kind_of_answer() {
        let idx = index();
        let m = search(&idx, "how many ballots did bob hack");
        assert_eq!(m.frame, Some(AnswerType::Number));
        assert!(
            m.ranked.iter().all(|s| !s.carries_frame),
            "no quote has a number"
        );
        let m = search(&idx, "who hacked the ballots");
        assert_eq!(m.frame, Some(AnswerType::Agent));
        assert!(m.ranked[0].carries_frame, "Bob is named");
    }

    #[test]
    fn search_counts_names_no_fact_contains_as_unknown() {
        let idx = index();
        let m = search(&idx, "what did bob say about zed");
        assert_eq!(m.unknown, vec!["zed".to_string()]);
        // "ally" names Alice, who is in a fact; an entity in no fact would be unknown.
        assert!(search(&idx, "ally vote").unknown.is_empty());
        // ... and counted as a name, not paraphrase: the base lists the
        // treasurer but cannot say anything she said.
        let m = search(&idx, "what did the treasurer say about bob");
        assert_eq!(
            (m.unknown_names, m.unknown_common),
            (1, 0),
            "{:?}",
            m.unknown
        );
    }

    #[test]
    fn the_kind_of_answer_asked_for_is_not_an_unknown_word() {
        let idx = index();
        // "faction" names the kind of answer ("which faction"), not
        // something the question is about that the base lacks.
        assert!(
            search(&idx, "which bob faction hacked the ballots")
                .unknown
                .is_empty()
        );
        assert_eq!(
            search(&idx, "did bob's faction hack ballots").unknown,
            vec!["faction"]
        );
    }

    #[test]
    fn search_marks_a_speaker_the_base_does_not_know() {
        let idx = index();
        assert!(search(&idx, "what did zed say about the vote").subject_unknown);
        assert!(!search(&idx, "what did bob say about the ballots").subject_unknown);
        // "who said" asks for the speaker rather than naming one.
        assert!(!search(&idx, "who said the vote was fair").subject_unknown);
    }

    #[test]
    fn a_person_asked_about_is_matched_by_name_not_side() {
        let idx = index();
        // Alice and Bob are on the same side: only the name tells that
        // Bob's denial is not what Alice said.
        let m = search(&idx, "what did alice say about hacking the ballots");
        let of = |fact: usize| m.ranked.iter().find(|s| s.fact == fact);
        assert!(of(1).is_some_and(|s| s.subject_mismatch), "{:?}", m.ranked);
        assert!(of(0).is_some_and(|s| !s.subject_mismatch), "{:?}", m.ranked);
    }

    #[test]
    fn a_year_no_fact_is_dated_in_or_names_is_a_conflict() {
        let idx = index();
        // Both facts are of 2020.
        let conflict = |q: &str| search(&idx, q).ranked[0].year_conflict;
        assert!(conflict("did bob hack ballots in 2021"));
        assert!(!conflict("did bob hack ballots in 2020"));
        assert!(!conflict("did bob hack ballots"));
        assert!(!conflict("did bob hack ballots in 2020 or 2021"));
    }

    #[test]
    fn chat_filler_phrases_are_not_unknown_words() {
        let idx = index();
        assert_eq!(
            search(&idx, "did bob hack ballots at the end").unknown,
            vec!["end"]
        );
        assert!(
            search(&idx, "in the end did bob hack ballots")
                .unknown
                .is_empty()
        );
        assert!(
            search(&idx, "saw this on tiktok, did bob hack ballots")
                .unknown
                .is_empty()
        );
    }

    #[test]
    fn a_prefixed_common_word_is_paraphrase_and_matches_its_root() {
        let idx = index();
        let m = search(&idx, "did bob rehack the ballots");
        assert!(m.unknown.is_empty(), "{:?}", m.unknown);
        assert_eq!(m.ranked[0].fact, 1);
        assert_eq!(m.related, vec![("rehack".to_string(), "hack".to_string())]);
    }

    #[test]
    fn search_chit_chat_finds_nothing() {
        let m = search(&index(), "hey lol how are you");
        assert!(m.ranked.is_empty());
        assert_eq!(m.known_terms, 0);
    }

    #[test]
    fn search_work_is_bounded_on_hostile_input() {
        let idx = index();
        let normal = search(&idx, "did bob hack ballots").work;
        let hostile = search(&idx, &"bob hack ballots vote fair ".repeat(800)).work;
        assert!(hostile <= normal * 3, "{hostile} vs {normal}");
    }
}
