//! Finding entities, topics and facts by what people type: an id, a name,
//! an alias, or a near miss of any of them.

use crate::knowledge::{Entity, Fact, KnowledgeBase, Topic};
use crate::matcher::normalize::all_tokens as tokens;
use crate::matcher::stopwords::is_stopword;

/// Jaro-Winkler similarity at which a typed name is taken to mean a known
/// one outright: 0.88 accepts "ratclif" → "ratcliffe" and "khatibzade" →
/// "khatibzadeh", and refuses "rouhani" → "trump".
pub const ACCEPT_SIMILARITY: f64 = 0.88;

/// Similarity at which a known name is offered as "did you mean": 0.75, so
/// that "grosi" suggests "grossi" (0.97) but "pompeo" does not suggest
/// Donald Trump through his misspelling "tromp" (0.70) — a person the
/// articles never name must not be answered with someone else.
pub const SUGGEST_SIMILARITY: f64 = 0.75;

/// What a lookup found.
#[derive(Debug, Clone, PartialEq)]
pub enum Found<'a, T> {
    One(&'a T),
    /// Nothing close enough; these are the nearest, best first.
    NotFound {
        suggestions: Vec<String>,
    },
}

/// A name as compared: normalised words without little words ("the iaea
/// chief" = "iaea chief"), falling back to all words for names made only of
/// them.
fn key(s: &str) -> String {
    let words = tokens(s);
    let content: Vec<&str> = words
        .iter()
        .map(String::as_str)
        .filter(|w| !is_stopword(w))
        .collect();
    if content.is_empty() {
        words.join(" ")
    } else {
        content.join(" ")
    }
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

/// Where `words` first name `entity` (by its name or an alias, as whole
/// words), if they do.
fn first_mention(entity: &Entity, words: &[String]) -> Option<usize> {
    std::iter::once(&entity.name)
        .chain(&entity.aliases)
        .map(|n| tokens(n))
        .filter(|n| !n.is_empty())
        .filter_map(|n| words.windows(n.len()).position(|w| w == n.as_slice()))
        .min()
}

fn names(entity: &Entity, words: &[String]) -> bool {
    first_mention(entity, words).is_some()
}

/// Entities `text` names, in the order it first names them.
pub fn named_in<'a>(kb: &'a KnowledgeBase, text: &str) -> Vec<&'a Entity> {
    let words = tokens(text);
    let mut named: Vec<(usize, &Entity)> = kb
        .entities
        .iter()
        .filter_map(|e| first_mention(e, &words).map(|at| (at, e)))
        .collect();
    named.sort_by_key(|(at, _)| *at);
    named.into_iter().map(|(_, e)| e).collect()
}

/// Facts whose quote names `entity` (by name or alias) without it speaking.
pub fn mentions<'a>(kb: &'a KnowledgeBase, entity: &Entity) -> Vec<&'a Fact> {
    let mut seen_quotes: Vec<&str> = Vec::new();
    let mut out = Vec::new();
    for f in &kb.facts {
        if f.speaker == entity.id || seen_quotes.contains(&f.quote.as_str()) {
            continue;
        }
        if names(entity, &tokens(&f.quote)) {
            seen_quotes.push(&f.quote);
            out.push(f);
        }
    }
    out
}

/// Most choices Discord accepts in one autocomplete reply.
pub const MAX_CHOICES: usize = 25;

/// One autocomplete choice: what to show, and the value sent back.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Choice {
    pub label: String,
    pub value: String,
}

/// Ranks `items` for a partly typed `query`: names that start with it first,
/// then those containing it, then near misses by Jaro-Winkler (so "khatib",
/// "zadeh" and "katibzadeh" all offer Khatibzadeh). Empty query: all, in order.
fn complete<'a, T>(
    items: &'a [T],
    query: &str,
    names: impl Fn(&'a T) -> Vec<&'a str>,
    choice: impl Fn(&'a T) -> Choice,
) -> Vec<Choice> {
    let q = key(query);
    let mut scored: Vec<(f64, usize, &'a T)> = items
        .iter()
        .enumerate()
        .filter_map(|(i, item)| {
            if q.is_empty() {
                return Some((0.0, i, item));
            }
            let best = names(item)
                .into_iter()
                .map(|n| {
                    let k = key(n);
                    if k.starts_with(&q) {
                        3.0
                    } else if k.contains(&q) {
                        2.0
                    } else {
                        strsim::jaro_winkler(&q, &k)
                    }
                })
                .fold(0.0, f64::max);
            (best >= SUGGEST_SIMILARITY).then_some((-best, i, item))
        })
        .collect();
    scored.sort_by(|a, b| a.0.total_cmp(&b.0).then(a.1.cmp(&b.1)));
    scored
        .into_iter()
        .take(MAX_CHOICES)
        .map(|(_, _, item)| choice(item))
        .collect()
}

fn entity_names(e: &Entity) -> Vec<&str> {
    let mut v = vec![e.id.as_str(), e.name.as_str()];
    v.extend(e.aliases.iter().map(String::as_str));
    v.extend(e.misspellings.iter().map(String::as_str));
    v
}

/// Autocomplete for people and organisations; the value is the entity id.
pub fn complete_entities(kb: &KnowledgeBase, query: &str) -> Vec<Choice> {
    complete(&kb.entities, query, entity_names, |e| Choice {
        label: e.name.clone(),
        value: e.id.clone(),
    })
}

/// Autocomplete for people and organisations that act in the timeline.
pub fn complete_actors(kb: &KnowledgeBase, query: &str) -> Vec<Choice> {
    let actors: Vec<Entity> = kb
        .entities
        .iter()
        .filter(|e| kb.events.iter().any(|ev| ev.actors.contains(&e.id)))
        .cloned()
        .collect();
    complete(&actors, query, entity_names, |e| Choice {
        label: e.name.clone(),
        value: e.id.clone(),
    })
}

/// Autocomplete for topics; the value is the topic id.
pub fn complete_topics(kb: &KnowledgeBase, query: &str) -> Vec<Choice> {
    complete(
        &kb.topics,
        query,
        |t| vec![t.id.as_str(), t.title.as_str()],
        |t| Choice {
            label: t.title.clone(),
            value: t.id.clone(),
        },
    )
}

/// Autocomplete for facts, by id or claim; the value is the fact id.
pub fn complete_facts(kb: &KnowledgeBase, query: &str) -> Vec<Choice> {
    complete(
        &kb.facts,
        query,
        |f| vec![f.id.as_str(), f.claim.as_str()],
        |f| Choice {
            label: f.id.clone(),
            value: f.id.clone(),
        },
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kb() -> KnowledgeBase {
        crate::knowledge::load_dir(std::path::Path::new("knowledge")).expect("shipped base")
    }

    #[test]
    fn entity_suggests_near_misses_only() {
        let kb = kb();
        match entity(&kb, "khatibzdh") {
            Found::One(e) => assert_eq!(e.id, "khatibzadeh"),
            Found::NotFound { suggestions } => assert!(
                suggestions.iter().any(|s| s == "Saeed Khatibzadeh"),
                "{suggestions:?}"
            ),
        }
        let Found::NotFound { suggestions } = entity(&kb, "pompeo") else {
            panic!("unknown")
        };
        assert!(suggestions.is_empty(), "{suggestions:?}");
    }

    #[test]
    fn entity_accepts_alias_and_typo() {
        let kb = kb();
        assert!(matches!(entity(&kb, "the iaea chief"), Found::One(e) if e.id == "grossi"));
        assert!(matches!(entity(&kb, "khatibzadeh"), Found::One(e) if e.id == "khatibzadeh"));
        assert!(matches!(entity(&kb, "ratclife"), Found::One(e) if e.id == "ratcliffe"));
        assert!(matches!(
            entity(&kb, "vladimir putin"),
            Found::NotFound { .. }
        ));
    }

    #[test]
    fn fact_never_guesses_between_similar_ids() {
        let kb = kb();
        assert!(matches!(fact(&kb, "khatibzadeh-fabricated"), Found::One(_)));
        assert!(
            matches!(fact(&kb, "khatibzadeh-fabricate"), Found::NotFound { suggestions } if suggestions[0] == "khatibzadeh-fabricated")
        );
    }

    #[test]
    fn complete_ranks_prefix_then_typo_and_caps_at_25() {
        let kb = kb();
        let c = complete_entities(&kb, "khat");
        assert_eq!(c[0].value, "khatibzadeh");
        let c = complete_entities(&kb, "katibzadeh");
        assert_eq!(c[0].value, "khatibzadeh");
        assert!(complete_entities(&kb, "").len() <= MAX_CHOICES);
        assert!(complete_facts(&kb, "").len() == MAX_CHOICES);
        assert_eq!(complete_topics(&kb, "sanc")[0].value, "sanctions");
    }

    #[test]
    fn complete_actors_offers_only_timeline_actors() {
        let kb = kb();
        let c = complete_actors(&kb, "");
        assert!(c.iter().any(|c| c.value == "khatibzadeh"));
        assert!(!c.iter().any(|c| c.value == "narrator"));
    }

    #[test]
    fn mentions_finds_quotes_naming_an_entity() {
        let kb = kb();
        let trump = kb.entity("trump").unwrap();
        let ids: Vec<&str> = mentions(&kb, trump).iter().map(|f| f.id.as_str()).collect();
        assert!(ids.contains(&"trump-mail-in-fraud-allegations"), "{ids:?}");
    }
}
