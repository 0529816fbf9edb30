//! Scoring facts against a question, and the confidence that decides
//! whether we answer at all.
//!
//! Two signals, both weighted by how rare each term is (idf):
//! - *coverage*: how much of the question the fact's fields account for.
//!   Words the base has never seen count against it, so "what's the weather
//!   in tehran" does not answer with a quote that merely mentions Tehran.
//! - *similarity* to the fact's example questions (a Dice coefficient over
//!   terms), which rewards paraphrases of what the fact was written to answer.

use std::collections::HashMap;

use super::index::Index;
use super::lexicon::{TermId, Word};

/// Share of the score from coverage; the rest is example similarity.
/// Coverage is the steadier signal across phrasings, so it leads.
pub const COVERAGE_WEIGHT: f32 = 0.6;

/// How much an unknown word weighs against coverage, as a share of the
/// rarest term's idf. Unknown words are often story content the base lacks
/// ("china", "putin"), but also ordinary words our stopwords miss
/// ("happen", "exactly"): at 0.55, one unknown word next to two good terms
/// ("did iran *really* deny it") still answers, while one good term and one
/// unknown ("capital of iran") does not.
pub const UNKNOWN_WEIGHT: f32 = 0.55;

/// Matched information (sum of idf of shared terms) below which confidence
/// is scaled down. A question matching only "iran" or "us" (idf near 0) says
/// too little to pick a quote, however "covered" it is. 1.5 is about one
/// distinctive term ("sanctions", "ambassador").
pub const MIN_MATCHED_MASS: f32 = 1.5;

/// How many ranked facts a match keeps (answers plus suggestions).
pub const KEEP: usize = 8;

/// One fact's score for one question.
#[derive(Debug, Clone, PartialEq)]
pub struct Scored {
    /// Position of the fact in `KnowledgeBase::facts`.
    pub fact: usize,
    /// 0..=1: how sure we are this fact answers the question.
    pub confidence: f32,
    pub coverage: f32,
    pub similarity: f32,
}

/// The result of matching one question.
#[derive(Debug, Clone, Default)]
pub struct Match {
    /// Best first, at most `KEEP`.
    pub ranked: Vec<Scored>,
    /// Words repaired as typos: (typed, understood as).
    pub repaired: Vec<(String, String)>,
    /// Content words the base does not know.
    pub unknown: Vec<String>,
    /// Number of distinct known terms in the question.
    pub known_terms: usize,
    /// Postings entries examined: a measure of work done.
    pub work: usize,
}

/// Ranks the facts of `index` for `question`.
pub fn search(index: &Index, question: &str) -> Match {
    let words = index.lexicon.analyze(question);
    let mut terms: Vec<TermId> = Vec::new();
    let mut unknown: Vec<String> = Vec::new();
    let mut repaired = Vec::new();
    for w in words {
        match w {
            Word::Known {
                term,
                repaired_from,
            } => {
                if let Some(from) = repaired_from {
                    repaired.push((from, index.lexicon.name(term).to_string()));
                }
                if !terms.contains(&term) {
                    terms.push(term);
                }
            }
            Word::Unknown(s) => {
                if !unknown.contains(&s) {
                    unknown.push(s);
                }
            }
        }
    }
    let mut result = Match {
        known_terms: terms.len(),
        unknown,
        repaired,
        ..Match::default()
    };
    if terms.is_empty() {
        return result;
    }
    let unknown_weight = UNKNOWN_WEIGHT * index.max_idf();
    let query_mass: f32 = terms.iter().map(|&t| index.idf(t)).sum::<f32>()
        + unknown_weight * result.unknown.len() as f32;
    if query_mass <= f32::EPSILON {
        return result;
    }
    // fact → (weighted coverage, matched idf mass)
    let mut acc: HashMap<u32, (f32, f32)> = HashMap::new();
    for &t in &terms {
        let idf = index.idf(t);
        if let Some(list) = index.postings.get(&t) {
            result.work += list.len();
            for &(fact, w) in list {
                let slot = acc.entry(fact).or_insert((0.0, 0.0));
                slot.0 += idf * w;
                slot.1 += idf;
            }
        }
    }
    let mut ranked: Vec<Scored> = acc
        .into_iter()
        .map(|(fact, (weighted, matched))| {
            let coverage = weighted / query_mass;
            let similarity = example_similarity(index, fact as usize, &terms, query_mass);
            let raw = COVERAGE_WEIGHT * coverage + (1.0 - COVERAGE_WEIGHT) * similarity;
            let confidence = raw * (matched / MIN_MATCHED_MASS).min(1.0);
            Scored {
                fact: fact as usize,
                confidence: confidence.clamp(0.0, 1.0),
                coverage,
                similarity,
            }
        })
        .collect();
    ranked.sort_by(|a, b| {
        b.confidence
            .total_cmp(&a.confidence)
            .then(a.fact.cmp(&b.fact))
    });
    ranked.truncate(KEEP);
    result.ranked = ranked;
    result
}

/// Best Dice similarity between the question and one of the fact's example
/// questions, over idf-weighted terms.
fn example_similarity(index: &Index, fact: usize, terms: &[TermId], query_mass: f32) -> f32 {
    let Some(examples) = index.examples.get(fact) else {
        return 0.0;
    };
    examples
        .iter()
        .map(|ex| {
            let shared: f32 = terms
                .iter()
                .filter(|t| ex.terms.binary_search(t).is_ok())
                .map(|&t| index.idf(t))
                .sum();
            2.0 * shared / (query_mass + ex.mass).max(f32::EPSILON)
        })
        .fold(0.0, f32::max)
}
