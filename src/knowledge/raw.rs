//! The knowledge files as written: serde types with source spans, and the
//! TOML reading that fills them while collecting every problem it meets.
//!
//! A file with a syntax error still yields whatever items the TOML parser
//! could recover, and one malformed `[[fact]]` does not hide the others: each
//! item is deserialized on its own so every schema problem is reported.

use std::ops::Range;

use serde::Deserialize;
use serde::de::DeserializeOwned;
use toml::Spanned;
use toml::de::{DeTable, DeValue, ValueDeserializer};

use super::problem::Problem;

/// A `[[fact]]` as written.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawFact {
    pub id: Spanned<String>,
    pub claim: Spanned<String>,
    pub quote: Spanned<String>,
    pub speaker: Spanned<String>,
    pub attribution: Spanned<String>,
    /// A side id of `sides.toml`.
    pub side: Spanned<String>,
    pub source: Spanned<String>,
    pub paragraph: Spanned<u32>,
    #[serde(default)]
    pub also_paragraphs: Vec<Spanned<u32>>,
    pub date: Spanned<String>,
    #[serde(default)]
    pub date_note: Option<String>,
    pub topics: Spanned<Vec<Spanned<String>>>,
    pub questions: Spanned<Vec<String>>,
    #[serde(default)]
    pub responds_to: Vec<Spanned<String>>,
    #[serde(default)]
    pub disputes: Vec<Spanned<String>>,
    /// Why a link between two statements of the same side is right.
    #[serde(default)]
    pub same_side_ok: Option<String>,
    /// Why the fact's side differs from its speaker's.
    #[serde(default)]
    pub side_reason: Option<String>,
}

/// A source's metadata file (`sources/<id>.toml`) as written.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawSource {
    pub id: Spanned<String>,
    pub file: Spanned<String>,
    pub headline: Spanned<String>,
    #[serde(default)]
    pub outlet: Option<String>,
    #[serde(default)]
    pub outlet_note: Option<String>,
    #[serde(default)]
    pub published: Option<Spanned<String>>,
    #[serde(default)]
    pub published_note: Option<String>,
    #[serde(default)]
    pub url: Option<String>,
    #[serde(default)]
    pub headline_paragraph: Option<Spanned<u32>>,
    #[serde(default)]
    pub chrome_paragraphs: Vec<Spanned<u32>>,
    /// Work in progress: its facts are checked but not served.
    #[serde(default)]
    pub draft: bool,
}

/// An `[[entity]]` as written.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawEntity {
    pub id: Spanned<String>,
    pub name: String,
    pub kind: String,
    pub role: String,
    #[serde(default)]
    pub side: Option<Spanned<String>>,
    #[serde(default)]
    pub aliases: Vec<Spanned<String>>,
    #[serde(default)]
    pub misspellings: Vec<Spanned<String>>,
    /// Why aliases that could name something else are safe here.
    #[serde(default)]
    pub ambiguous_ok: Option<String>,
}

/// An `[[event]]` of `timeline.toml` as written.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawEvent {
    pub id: Spanned<String>,
    pub date: Spanned<String>,
    #[serde(default)]
    pub date_note: Option<String>,
    pub title: String,
    pub actors: Vec<Spanned<String>>,
    pub topics: Vec<Spanned<String>>,
    pub evidence: Spanned<Vec<Spanned<String>>>,
}

/// A `[[side]]` of `sides.toml` as written.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawSide {
    pub id: Spanned<String>,
    pub label: String,
    /// `#RRGGBB`.
    pub colour: Spanned<String>,
    #[serde(default)]
    pub narrator: bool,
}

/// A `[[topic]]` of `topics.toml` as written.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawTopic {
    pub id: Spanned<String>,
    pub title: String,
    pub description: String,
}

/// A `[[group]]` of `synonyms.toml` as written.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawSynonymGroup {
    pub words: Spanned<Vec<String>>,
}

/// One item read from a file, remembering where it came from.
#[derive(Debug, Clone)]
pub struct Item<T> {
    pub file: String,
    pub value: T,
}

/// An item that failed to deserialize but whose `id` could still be read,
/// so references to it are not reported as dangling on top of its own error.
#[derive(Debug, Clone)]
pub struct BrokenId {
    pub id: String,
}

/// What reading one file produced.
#[derive(Debug)]
pub struct Read<T> {
    pub items: Vec<Item<T>>,
    pub broken_ids: Vec<BrokenId>,
    pub problems: Vec<Problem>,
    /// The file did not parse at all: any id of its kind may have been in it.
    pub unreadable: bool,
}

impl<T> Default for Read<T> {
    fn default() -> Self {
        Read {
            items: Vec::new(),
            broken_ids: Vec::new(),
            problems: Vec::new(),
            unreadable: false,
        }
    }
}

/// Reads every `[[key]]` table of a TOML document.
pub fn read_items<T: DeserializeOwned>(file: &str, text: &str, key: &str) -> Read<T> {
    let mut out = Read::default();
    let Some(root) = parse_document(file, text, &mut out.problems) else {
        out.unreadable = true;
        return out;
    };
    let root_span = root.span();
    let mut root = root.into_inner();
    for (k, v) in root.iter() {
        if k.get_ref().as_ref() != key {
            out.problems.push(
                Problem::at_span(
                    file,
                    text,
                    &k.span(),
                    format!("unexpected top-level key `{}`", k.get_ref()),
                )
                .fix(format!("this file holds only `[[{key}]]` tables")),
            );
            let _ = v;
        }
    }
    let Some(list) = root.remove(key) else {
        if out.problems.is_empty() {
            out.problems.push(
                Problem::at_span(
                    file,
                    text,
                    &root_span,
                    format!("no `[[{key}]]` tables in this file"),
                )
                .fix(format!(
                    "add at least one `[[{key}]]` table, or delete the file"
                )),
            );
        }
        return out;
    };
    let list_span = list.span();
    let DeValue::Array(mut array) = list.into_inner() else {
        out.problems.push(
            Problem::at_span(
                file,
                text,
                &list_span,
                format!("`{key}` must be an array of tables"),
            )
            .fix(format!("write each one under a `[[{key}]]` header")),
        );
        return out;
    };
    for element in array.iter_mut() {
        // Take each item out rather than copy it: bases can hold 100,000.
        let taken = std::mem::replace(element, Spanned::new(0..0, DeValue::Boolean(false)));
        read_one(file, text, taken, &mut out);
    }
    out
}

/// Reads a whole TOML document as one item (a source's metadata).
pub fn read_whole<T: DeserializeOwned>(file: &str, text: &str) -> Read<T> {
    let mut out = Read::default();
    if let Some(root) = parse_document(file, text, &mut out.problems) {
        let span = root.span();
        let value = Spanned::new(span, DeValue::Table(root.into_inner()));
        read_one(file, text, value, &mut out);
    } else {
        out.unreadable = true;
    }
    out
}

fn read_one<T: DeserializeOwned>(
    file: &str,
    text: &str,
    value: Spanned<DeValue<'_>>,
    out: &mut Read<T>,
) {
    let span = value.span();
    let id = match value.get_ref() {
        DeValue::Table(t) => t
            .get("id")
            .and_then(|v| v.get_ref().as_str())
            .map(str::to_string),
        _ => None,
    };
    match T::deserialize(ValueDeserializer::from(value)) {
        Ok(v) => out.items.push(Item {
            file: file.to_string(),
            value: v,
        }),
        Err(e) => {
            let at = e.span().unwrap_or(span);
            out.problems
                .push(schema_problem(file, text, &at, e.message()));
            if let Some(id) = id {
                out.broken_ids.push(BrokenId { id });
            }
        }
    }
}

/// Parses TOML, turning every syntax error (with recovery) into a problem.
/// Returns `None` when nothing usable was recovered.
fn parse_document<'i>(
    file: &str,
    text: &'i str,
    problems: &mut Vec<Problem>,
) -> Option<Spanned<DeTable<'i>>> {
    let (root, errors) = DeTable::parse_recoverable(text);
    if errors.is_empty() {
        return Some(root);
    }
    for e in &errors {
        let at = e.span().unwrap_or(0..0);
        let problem = match unquoted_date_at(text, at.start) {
            // `date = 2021-11`: TOML takes it for a malformed datetime.
            Some(value) => Problem::at_span(
                file,
                text,
                &at,
                format!("the date {value} is written without quotes, so TOML reads it as a (malformed) datetime"),
            )
            .fix(format!("write it as a string: \"{value}\"")),
            None => Problem::at_span(
                file,
                text,
                &at,
                format!("TOML syntax: {}", first_line(e.message())),
            )
            .fix("see https://toml.io for the syntax; strings need quotes, arrays need commas"),
        };
        problems.push(problem);
    }
    // Items after a syntax error are unreliable; report the syntax first.
    None
}

/// The unquoted date-like value (`2021-11`) of the `key = value` line
/// holding byte `at`, if that is what the line has.
fn unquoted_date_at(text: &str, at: usize) -> Option<&str> {
    let start = text.get(..at)?.rfind('\n').map_or(0, |i| i + 1);
    let end = text.get(at..)?.find('\n').map_or(text.len(), |i| at + i);
    let (_, value) = text.get(start..end)?.split_once('=')?;
    let value = value.split('#').next()?.trim();
    let looks_like_date = value.len() >= 6
        && value.bytes().take(4).all(|b| b.is_ascii_digit())
        && value.as_bytes().get(4) == Some(&b'-')
        && value.bytes().all(|b| b.is_ascii_digit() || b == b'-');
    looks_like_date.then_some(value)
}

fn schema_problem(file: &str, text: &str, at: &Range<usize>, message: &str) -> Problem {
    let message = first_line(message);
    // TOML reads `date = 2021-03-08` (no quotes) as a datetime, which serde
    // reports as a "map": say what actually happened.
    let value = text.get(at.clone()).unwrap_or_default().trim();
    let looks_like_date = value.len() >= 4
        && value.bytes().take(4).all(|b| b.is_ascii_digit())
        && value
            .bytes()
            .all(|b| b.is_ascii_digit() || b == b'-' || b == b':' || b == b'T');
    if message.starts_with("invalid type: map") && looks_like_date {
        return Problem::at_span(
            file,
            text,
            at,
            format!("the date {value} is written without quotes, so TOML reads it as a datetime"),
        )
        .fix(format!("write it as a string: \"{value}\""));
    }
    let fix = if message.starts_with("unknown field") {
        "check the spelling against knowledge/README.md; the expected fields are listed above"
    } else if message.starts_with("missing field") {
        "add the field; knowledge/README.md shows a complete example"
    } else if message.starts_with("unknown variant") {
        "use one of the listed values"
    } else {
        "check the value's type against knowledge/README.md"
    };
    Problem::at_span(file, text, at, message.to_string()).fix(fix)
}

fn first_line(s: &str) -> &str {
    s.lines().next().unwrap_or(s).trim()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn read_items_reports_each_bad_item() {
        let text = "[[topic]]\nid = \"a\"\ntitle = \"A\"\ndescription = \"x\"\n\n[[topic]]\nid = \"b\"\ntitel = \"B\"\ndescription = \"y\"\n\n[[topic]]\nid = \"c\"\ndescription = \"z\"\n";
        let read: Read<RawTopic> = read_items("topics.toml", text, "topic");
        assert_eq!(read.items.len(), 1);
        assert_eq!(read.problems.len(), 2, "{:?}", read.problems);
        assert_eq!(read.problems[0].line, 8);
        assert!(read.problems[0].message.contains("unknown field `titel`"));
        assert!(read.problems[1].message.contains("missing field `title`"));
        assert_eq!(read.broken_ids.len(), 2);
    }

    #[test]
    fn an_unquoted_month_date_is_explained() {
        let read =
            read_items::<RawTopic>("t.toml", "[[topic]]\nid = \"a\"\ndate = 2021-11\n", "topic");
        let p = &read.problems[0];
        assert_eq!(p.line, 3, "{p:?}");
        assert!(
            p.message.contains("2021-11 is written without quotes"),
            "{p:?}"
        );
        assert_eq!(p.fix.as_deref(), Some("write it as a string: \"2021-11\""));
    }

    #[test]
    fn read_items_reports_syntax_with_location() {
        let text = "[[topic]]\nid = \"a\ntitle = \"A\"\n";
        let read: Read<RawTopic> = read_items("topics.toml", text, "topic");
        assert!(read.items.is_empty());
        assert!(!read.problems.is_empty());
        assert_eq!(read.problems[0].line, 2);
        assert!(read.problems[0].message.starts_with("TOML syntax"));
    }

    #[test]
    fn read_items_rejects_stray_top_level_key() {
        let text = "topics = 1\n[[topic]]\nid = \"a\"\ntitle = \"A\"\ndescription = \"x\"\n";
        let read: Read<RawTopic> = read_items("topics.toml", text, "topic");
        assert_eq!(read.items.len(), 1);
        assert!(
            read.problems[0]
                .message
                .contains("unexpected top-level key `topics`")
        );
    }

    #[test]
    fn spans_point_at_values() {
        let text = "[[topic]]\nid = \"abc\"\ntitle = \"A\"\ndescription = \"x\"\n";
        let read: Read<RawTopic> = read_items("topics.toml", text, "topic");
        let span = read.items[0].value.id.span();
        assert_eq!(&text[span], "\"abc\"");
    }
}
