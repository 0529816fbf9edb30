//! The story's dated events, filtered by actor, topic and date range.

use crate::knowledge::{Entity, Event, FuzzyDate, KnowledgeBase, Topic};
use crate::lookup::{self, Found};

/// A timeline request, as typed (names may be aliases or misspelt).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Query {
    pub actor: Option<String>,
    pub topic: Option<String>,
    pub from: Option<String>,
    pub to: Option<String>,
}

/// Why a timeline request cannot be answered, with what to try instead.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum TimelineError {
    #[error("no actor called `{name}`{}", hint(.suggestions))]
    UnknownActor {
        name: String,
        suggestions: Vec<String>,
    },
    #[error("no topic called `{name}`{}", hint(.suggestions))]
    UnknownTopic {
        name: String,
        suggestions: Vec<String>,
    },
    #[error("`{which}` date: {reason}")]
    BadDate { which: &'static str, reason: String },
    #[error("`from` ({from}) is after `to` ({to})")]
    EmptyRange { from: String, to: String },
}

fn hint(suggestions: &[String]) -> String {
    if suggestions.is_empty() {
        String::new()
    } else {
        format!(" — did you mean {}?", suggestions.join(", "))
    }
}

/// The resolved request and the events it selects, in date order.
#[derive(Debug, Clone)]
pub struct Timeline<'a> {
    pub actor: Option<&'a Entity>,
    pub topic: Option<&'a Topic>,
    pub from: Option<FuzzyDate>,
    pub to: Option<FuzzyDate>,
    pub events: Vec<&'a Event>,
}

/// A field of the request as typed, or None when left empty.
fn filled(field: &Option<String>) -> Option<&str> {
    field.as_deref().map(str::trim).filter(|s| !s.is_empty())
}

/// The actor or topic `name` names (None when no name was given), or the
/// error `unknown` makes of the name and the nearest names when none is
/// close.
fn resolve<'a, T>(
    name: Option<&str>,
    find: impl Fn(&str) -> Found<'a, T>,
    unknown: impl Fn(String, Vec<String>) -> TimelineError,
) -> Result<Option<&'a T>, TimelineError> {
    let Some(name) = name else {
        return Ok(None);
    };
    match find(name) {
        Found::One(found) => Ok(Some(found)),
        Found::NotFound { suggestions } => Err(unknown(name.to_string(), suggestions)),
    }
}

/// Selects the events matching `q`.
pub fn select<'a>(kb: &'a KnowledgeBase, q: &Query) -> Result<Timeline<'a>, TimelineError> {
    let actor = resolve(
        filled(&q.actor),
        |name| lookup::entity(kb, name),
        |name, suggestions| TimelineError::UnknownActor { name, suggestions },
    )?;
    let topic = resolve(
        filled(&q.topic),
        |name| lookup::topic(kb, name),
        |name, suggestions| TimelineError::UnknownTopic { name, suggestions },
    )?;
    let parse = |which: &'static str, s: &Option<String>| {
        filled(s)
            .map(|s| {
                FuzzyDate::parse(s).map_err(|e| TimelineError::BadDate {
                    which,
                    reason: e.to_string(),
                })
            })
            .transpose()
    };
    let from = parse("from", &q.from)?;
    let to = parse("to", &q.to)?;
    if let (Some(f), Some(t)) = (&from, &to)
        && f.start() > t.end()
    {
        return Err(TimelineError::EmptyRange {
            from: f.to_string(),
            to: t.to_string(),
        });
    }
    let events = kb
        .events
        .iter()
        .filter(|e| actor.is_none_or(|a| e.actors.contains(&a.id)))
        .filter(|e| topic.is_none_or(|t| e.topics.contains(&t.id)))
        .filter(|e| e.date.overlaps(from.as_ref(), to.as_ref()))
        .collect();
    Ok(Timeline {
        actor,
        topic,
        from,
        to,
        events,
    })
}

/// One page of a timeline: Discord shows a few events at a time.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Page {
    /// 0-based.
    pub number: usize,
    pub count: usize,
    pub start: usize,
    pub end: usize,
}

/// The `number`-th page of `total` events, `per_page` at a time (clamped).
pub fn page(total: usize, per_page: usize, number: usize) -> Page {
    let per_page = per_page.max(1);
    let count = total.div_ceil(per_page).max(1);
    let number = number.min(count - 1);
    let start = (number * per_page).min(total);
    let end = (start + per_page).min(total);
    Page {
        number,
        count,
        start,
        end,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn page_clamps_and_counts() {
        assert_eq!(
            page(12, 5, 0),
            Page {
                number: 0,
                count: 3,
                start: 0,
                end: 5
            }
        );
        assert_eq!(
            page(12, 5, 2),
            Page {
                number: 2,
                count: 3,
                start: 10,
                end: 12
            }
        );
        assert_eq!(
            page(12, 5, 9),
            Page {
                number: 2,
                count: 3,
                start: 10,
                end: 12
            }
        );
        assert_eq!(
            page(0, 5, 0),
            Page {
                number: 0,
                count: 1,
                start: 0,
                end: 0
            }
        );
    }
}
