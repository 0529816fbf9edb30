//! Finding entities, topics and facts by what people type: an id, a name,
//! an alias, or a near miss of any of them.

use crate::knowledge::{Entity, Fact, KnowledgeBase, Topic};
use crate::matcher::normalize::tokens;

/// Jaro-Winkler similarity at which a typed name is taken to mean a known
/// one outright: 0.88 accepts "ratclif" → "ratcliffe" and "khatibzade" →
/// "khatibzadeh", and refuses "rouhani" → "trump".
pub const ACCEPT_SIMILARITY: f64 = 0.88;

/// Similarity at which a known name is offered as "did you mean": 0.7 so
/// that "grosi" suggests "grossi" without listing every short name.
pub const SUGGEST_SIMILARITY: f64 = 0.7;

/// What a lookup found.
#[derive(Debug, Clone, PartialEq)]
pub enum Found<'a, T> {
    One(&'a T),
    /// Nothing close enough; these are the nearest, best first.
    NotFound {
        suggestions: Vec<String>,
    },
}

fn key(s: &str) -> String {
    tokens(s).join(" ")
}

/// Best match of `query` among items each named by several strings.
fn find<'a, T>(
    items: &'a [T],
    query: &str,
    names: impl Fn(&'a T) -> Vec<&'a str>,
    label: impl Fn(&'a T) -> String,
) -> Found<'a, T> {
    let q = key(query);
    if q.is_empty() {
        return Found::NotFound {
            suggestions: Vec::new(),
        };
    }
    let mut scored: Vec<(f64, &'a T)> = items
        .iter()
        .map(|item| {
            let best = names(item)
                .into_iter()
                .map(|n| {
                    let k = key(n);
                    if k == q {
                        2.0
                    } else {
                        strsim::jaro_winkler(&q, &k)
                    }
                })
                .fold(0.0, f64::max);
            (best, item)
        })
        .collect();
    scored.sort_by(|a, b| b.0.total_cmp(&a.0));
    match scored.first() {
        Some(&(s, item)) if s >= ACCEPT_SIMILARITY => Found::One(item),
        _ => {
            let mut suggestions: Vec<String> = Vec::new();
            for (_, item) in scored
                .iter()
                .filter(|(s, _)| *s >= SUGGEST_SIMILARITY)
                .take(3)
            {
                let l = label(item);
                if !suggestions.contains(&l) {
                    suggestions.push(l);
                }
            }
            Found::NotFound { suggestions }
        }
    }
}

/// The entity `query` names: by id, name, alias or misspelling, tolerating typos.
pub fn entity<'a>(kb: &'a KnowledgeBase, query: &str) -> Found<'a, Entity> {
    find(
        &kb.entities,
        query,
        |e| {
            let mut v = vec![e.id.as_str(), e.name.as_str()];
            v.extend(e.aliases.iter().map(String::as_str));
            v.extend(e.misspellings.iter().map(String::as_str));
            v
        },
        |e| e.name.clone(),
    )
}

/// The topic `query` names: by id or title.
pub fn topic<'a>(kb: &'a KnowledgeBase, query: &str) -> Found<'a, Topic> {
    find(
        &kb.topics,
        query,
        |t| vec![t.id.as_str(), t.title.as_str()],
        |t| t.id.clone(),
    )
}

/// The fact with id `query`, tolerating typos in the id.
pub fn fact<'a>(kb: &'a KnowledgeBase, query: &str) -> Found<'a, Fact> {
    if let Some(f) = kb.fact(query.trim()) {
        return Found::One(f);
    }
    match find(&kb.facts, query, |f| vec![f.id.as_str()], |f| f.id.clone()) {
        // Fact ids differ by one word ("…-summoned" / "…-wins"): never guess one.
        Found::One(f) => Found::NotFound {
            suggestions: vec![f.id.clone()],
        },
        other => other,
    }
}

/// Facts whose quote names `entity` (by name or alias) without it speaking.
pub fn mentions<'a>(kb: &'a KnowledgeBase, entity: &Entity) -> Vec<&'a Fact> {
    let names: Vec<Vec<String>> = std::iter::once(&entity.name)
        .chain(&entity.aliases)
        .map(|n| tokens(n))
        .filter(|t| !t.is_empty())
        .collect();
    let mut seen_quotes: Vec<&str> = Vec::new();
    let mut out = Vec::new();
    for f in &kb.facts {
        if f.speaker == entity.id || seen_quotes.contains(&f.quote.as_str()) {
            continue;
        }
        let words = tokens(&f.quote);
        if names
            .iter()
            .any(|n| words.windows(n.len()).any(|w| w == n.as_slice()))
        {
            seen_quotes.push(&f.quote);
            out.push(f);
        }
    }
    out
}
