//! Tools for admins writing the fact base: metadata for a new source, where
//! a quote stands in an article, and a fact skeleton for a paragraph. Pure:
//! the binary does the file I/O.

use std::fmt::Write;

use serde::Serialize;

use crate::knowledge::source_text::{ClosestPassage, closest_passage, holds, split_paragraphs};
use crate::knowledge::validate::is_slug;
use crate::knowledge::{FuzzyDate, KnowledgeBase, ParagraphKind, Source};
use crate::lookup;

/// Why an authoring request cannot be done, with what to do instead.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum AuthoringError {
    #[error(
        "`{0}` is not a valid id: use lowercase letters, digits and single hyphens (e.g. `reuters-2021-11-19`)"
    )]
    BadId(String),
    #[error("{0}")]
    BadDate(String),
    #[error("the article is empty: nothing to number or quote")]
    EmptyText,
    #[error("no source `{id}`{}", hint(.suggestions))]
    UnknownSource {
        id: String,
        suggestions: Vec<String>,
    },
    #[error("`{source_id}` has paragraphs 1 to {count}; there is no paragraph {paragraph}")]
    NoParagraph {
        source_id: String,
        paragraph: u32,
        count: usize,
    },
    #[error("no fact `{0}`: run `dispute-bot source ID` or look in knowledge/facts/ for the id")]
    UnknownFact(String),
}

fn hint(suggestions: &[String]) -> String {
    if suggestions.is_empty() {
        " (run `dispute-bot check` to list the sources)".to_string()
    } else {
        format!(" — did you mean {}?", suggestions.join(", "))
    }
}

/// What `sources add` is asked to record.
#[derive(Debug, Clone, Default)]
pub struct NewSource {
    pub id: String,
    pub headline: String,
    pub outlet: Option<String>,
    pub published: Option<String>,
    pub url: Option<String>,
}

#[derive(Serialize)]
struct SourceToml<'a> {
    id: &'a str,
    file: String,
    headline: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    outlet: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    outlet_note: Option<&'static str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    published: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    url: Option<&'a str>,
}

/// The metadata file (`sources/<id>.toml`) for a new article whose text is
/// `text`. Validates the id and date; returns the TOML text.
pub fn source_metadata(new: &NewSource, text: &str) -> Result<String, AuthoringError> {
    if !is_slug(&new.id) {
        return Err(AuthoringError::BadId(new.id.clone()));
    }
    if split_paragraphs(text).is_empty() {
        return Err(AuthoringError::EmptyText);
    }
    let published = match new.published.as_deref() {
        Some(d) => Some(
            FuzzyDate::parse(d)
                .map_err(|e| AuthoringError::BadDate(e.to_string()))?
                .to_string(),
        ),
        None => None,
    };
    let meta = SourceToml {
        id: &new.id,
        file: format!("{}.txt", new.id),
        headline: &new.headline,
        outlet: new.outlet.as_deref(),
        outlet_note: new
            .outlet
            .is_none()
            .then_some("The text names no outlet; none is recorded."),
        published,
        url: new.url.as_deref(),
    };
    let body = toml::to_string(&meta).unwrap_or_default();
    Ok(format!(
        "# Metadata for {}.txt (a byte-for-byte copy of the article). Paragraphs are\n\
         # its non-blank lines, numbered from 1. Add `published_note` when the date is\n\
         # derived, `headline_paragraph` and `chrome_paragraphs` (page furniture).\n{body}",
        new.id
    ))
}

/// The article's paragraphs, numbered as facts refer to them.
pub fn numbered(text: &str) -> String {
    let mut out = String::new();
    for (i, p) in split_paragraphs(text).iter().enumerate() {
        let _ = writeln!(out, "¶{} {p}", i + 1);
    }
    out
}

/// Where a quote stands in a source.
#[derive(Debug, Clone, PartialEq)]
pub enum QuoteSearch {
    /// Verbatim: the paragraph and the character range within it.
    Verbatim {
        paragraph: u32,
        start: usize,
        end: usize,
    },
    /// Not verbatim anywhere: the closest passages, best first.
    Closest(Vec<ClosestPassage>),
}

/// Finds `quote` in `source`: verbatim, or the three closest passages.
pub fn find_quote(source: &Source, quote: &str) -> QuoteSearch {
    for p in &source.paragraphs {
        if let Some(at) = p.text.find(quote) {
            let start = p.text[..at].chars().count();
            return QuoteSearch::Verbatim {
                paragraph: p.number,
                start,
                end: start + quote.chars().count(),
            };
        }
    }
    let mut closest: Vec<ClosestPassage> = source
        .paragraphs
        .iter()
        .filter(|p| p.kind != ParagraphKind::Chrome)
        .map(|p| closest_passage(p.number, &p.text, quote))
        .collect();
    closest.sort_by(|a, b| b.similarity.total_cmp(&a.similarity));
    closest.truncate(3);
    QuoteSearch::Closest(closest)
}

/// The source called `id`, or an error naming the nearest ids.
pub fn source<'a>(kb: &'a KnowledgeBase, id: &str) -> Result<&'a Source, AuthoringError> {
    kb.source(id).ok_or_else(|| {
        let mut near: Vec<(f64, &str)> = kb
            .sources
            .iter()
            .map(|s| (strsim::jaro_winkler(id, &s.id), s.id.as_str()))
            .collect();
        near.sort_by(|a, b| b.0.total_cmp(&a.0));
        AuthoringError::UnknownSource {
            id: id.to_string(),
            suggestions: near
                .into_iter()
                .filter(|(s, _)| *s >= 0.7)
                .take(3)
                .map(|(_, i)| i.to_string())
                .collect(),
        }
    })
}

/// A TOML string literal for `s`, escaped as TOML requires.
/// `s` as a TOML basic string that survives copy-paste through a terminal:
/// invisible characters (the 2021 article's no-break spaces) are written as
/// `\uXXXX` escapes, which a terminal cannot turn into plain spaces.
pub fn toml_string(s: &str) -> String {
    let mut out = String::from("\"");
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            c if c != ' '
                && (crate::knowledge::source_text::invisible_name(c).is_some()
                    || c.is_control()) =>
            {
                out.push_str(&format!("\\u{:04X}", u32::from(c)));
            }
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// The next free fact id for a paragraph: `<source>-p<N>`, then `-2`, `-3`…
pub fn next_fact_id(kb: &KnowledgeBase, source_id: &str, paragraph: u32) -> String {
    let base = format!("{source_id}-p{paragraph}");
    if kb.fact(&base).is_none() {
        return base;
    }
    (2..)
        .map(|n| format!("{base}-{n}"))
        .find(|id| kb.fact(id).is_none())
        .unwrap_or(base)
}

/// A fact skeleton for paragraph `paragraph` of `source_id`, prefilled with
/// the paragraph as the quote (trim it to whole sentences), the entities it
/// names, and the next free id. `check` flags what is left to fill in.
pub fn fact_skeleton(
    kb: &KnowledgeBase,
    source_id: &str,
    paragraph: u32,
) -> Result<String, AuthoringError> {
    let s = source(kb, source_id)?;
    let p = s
        .paragraph(paragraph)
        .ok_or_else(|| AuthoringError::NoParagraph {
            source_id: source_id.to_string(),
            paragraph,
            count: s.paragraphs.len(),
        })?;
    let named = lookup::named_in(kb, &p.text);
    // Countries and bodies are named often; the speaker is usually a person.
    let speaker = named
        .iter()
        .find(|e| e.kind == "person")
        .or(named.first())
        .map_or("narrator", |e| e.id.as_str());
    let mut out = String::new();
    let _ = writeln!(
        out,
        "# Fact skeleton for ¶{paragraph} of {source_id}. Trim `quote` to whole sentences that"
    );
    let _ = writeln!(
        out,
        "# keep the attribution, fill in the TODOs, then run `dispute-bot check`."
    );
    if p.kind == ParagraphKind::Chrome {
        let _ = writeln!(
            out,
            "# WARNING: this paragraph is page furniture; facts may not quote it."
        );
    }
    if !named.is_empty() {
        let list: Vec<String> = named
            .iter()
            .map(|e| format!("{} ({})", e.id, e.name))
            .collect();
        let _ = writeln!(out, "# Entities named here: {}", list.join(", "));
    }
    let unknown = unknown_names(kb, &p.text);
    if !unknown.is_empty() {
        let _ = writeln!(
            out,
            "# Named here but not in entities.toml: {} (add with `dispute-bot new entity NAME`)",
            unknown.join(", ")
        );
    }
    let _ = writeln!(out, "[[fact]]");
    let _ = writeln!(
        out,
        "id = {}",
        toml_string(&next_fact_id(kb, source_id, paragraph))
    );
    let _ = writeln!(
        out,
        "claim = \"TODO: one neutral line saying what this states\""
    );
    let _ = writeln!(out, "quote = {}", toml_string(&p.text));
    let _ = writeln!(out, "speaker = {}", toml_string(speaker));
    let _ = writeln!(
        out,
        "attribution = \"said\"  # said, tweeted, reported, announced, accused, …"
    );
    // The sides of sides.toml: the narrator's (the article's own voice) as
    // the placeholder, since `check` then asks for the speaker's.
    let sides: Vec<&str> = kb.sides.iter().map(|s| s.id()).collect();
    let placeholder = kb
        .sides
        .iter()
        .find(|s| s.is_narrator())
        .or(kb.sides.first())
        .map_or("narrator", |s| s.id());
    let _ = writeln!(
        out,
        "side = {}  # one of sides.toml: {}",
        toml_string(placeholder),
        sides.join(", ")
    );
    let _ = writeln!(out, "source = {}", toml_string(source_id));
    let _ = writeln!(out, "paragraph = {paragraph}");
    let date = s
        .published
        .map_or_else(|| "TODO".to_string(), |d| d.to_string());
    let _ = writeln!(
        out,
        "date = {}  # YYYY, YYYY-MM or YYYY-MM-DD, as precise as the text allows",
        toml_string(&date)
    );
    let _ = writeln!(out, "# date_note = \"how the date was derived\"");
    let topics: Vec<&str> = kb.topics.iter().map(|t| t.id.as_str()).collect();
    let _ = writeln!(out, "topics = []  # one or more of: {}", topics.join(", "));
    let _ = writeln!(
        out,
        "questions = [\"TODO: 8 or more questions as people would type them\"]"
    );
    let _ = writeln!(
        out,
        "# responds_to = [\"fact-id\"]  # the statement this answers"
    );
    let _ = writeln!(
        out,
        "# disputes = [\"fact-id\"]     # the statement this contradicts"
    );
    Ok(out)
}

/// A character as `check --fix` compares it: every kind of space is a
/// space, every quote mark its straight form. One character for one, so
/// positions in the folded text are positions in the original.
fn fold_char(c: char) -> char {
    match c {
        '\u{00A0}' | '\u{2009}' | '\u{202F}' | '\u{2007}' | '\t' => ' ',
        '“' | '”' | '„' | '″' => '"',
        '‘' | '’' | '′' | '`' => '\'',
        c => c,
    }
}

/// `check --fix`: rewrites, in the fact files of `dir`, every quote that
/// differs from its paragraph only by invisible or quote-style characters
/// (a no-break space pasted as a space, a straight quote for a curly one),
/// and reports each character changed. Anything else is left for `check`
/// to report.
pub fn fix_quotes(dir: &std::path::Path) -> Result<String, std::io::Error> {
    let (kb, _) = crate::knowledge::load_partial(dir);
    let mut report = String::new();
    let mut files: Vec<std::path::PathBuf> = std::fs::read_dir(dir.join("facts"))?
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|x| x == "toml"))
        .collect();
    files.sort();
    for path in files {
        let Ok(mut text) = std::fs::read_to_string(&path) else {
            continue;
        };
        let Ok(doc) = text.parse::<toml::Table>() else {
            continue;
        };
        let rel = path
            .strip_prefix(dir)
            .unwrap_or(&path)
            .display()
            .to_string();
        let mut changed = false;
        for fact in doc
            .get("fact")
            .and_then(|v| v.as_array())
            .into_iter()
            .flatten()
        {
            let get = |k: &str| fact.get(k).and_then(|v| v.as_str()).unwrap_or_default();
            let (id, quote, source) = (get("id"), get("quote"), get("source"));
            let number = fact
                .get("paragraph")
                .and_then(|v| v.as_integer())
                .unwrap_or(0);
            let Some(p) = kb
                .source(source)
                .and_then(|s| s.paragraph(u32::try_from(number).unwrap_or(0)))
            else {
                continue;
            };
            if quote.is_empty() || holds(&p.text, quote) {
                continue;
            }
            let para: Vec<char> = p.text.chars().collect();
            let folded_para: String = para.iter().map(|&c| fold_char(c)).collect();
            let folded_quote: String = quote.chars().map(fold_char).collect();
            let Some(byte_at) = folded_para.find(&folded_quote) else {
                continue;
            };
            let start = folded_para[..byte_at].chars().count();
            let fixed: String = para[start..start + quote.chars().count()].iter().collect();
            // Only a quote written as a literal string ('''…''', as the
            // admin guide asks) is rewritten: elsewhere it may be escaped.
            let literal = format!("'''{quote}'''");
            if !text.contains(&literal) {
                let _ = writeln!(
                    report,
                    "{rel}: fact `{id}`: its quote differs from the article only in invisible or quote characters, but is not written as a '''…''' literal string: fix it by hand"
                );
                continue;
            }
            for (i, (a, b)) in quote.chars().zip(fixed.chars()).enumerate() {
                if a != b {
                    let _ = writeln!(
                        report,
                        "{rel}: fact `{id}`: quote character {}: {} → {}",
                        i + 1,
                        crate::knowledge::source_text::describe_char(Some(a)),
                        crate::knowledge::source_text::describe_char(Some(b))
                    );
                }
            }
            text = text.replacen(&literal, &format!("'''{fixed}'''"), 1);
            changed = true;
        }
        if changed {
            std::fs::write(&path, &text)?;
        }
    }
    if report.is_empty() {
        report.push_str("check --fix: no quote needed fixing.\n");
    }
    Ok(report)
}

/// Capitalised names in `text` that no entity's name or alias covers:
/// runs of capitalised words, minus common English words standing alone
/// ("The", "On") and anything the base already knows.
pub fn unknown_names(kb: &KnowledgeBase, text: &str) -> Vec<String> {
    let known: std::collections::HashSet<String> = kb
        .entities
        .iter()
        .flat_map(|e| {
            std::iter::once(&e.name)
                .chain(&e.aliases)
                .chain(&e.misspellings)
        })
        .flat_map(|n| crate::matcher::normalize::all_tokens(n))
        .collect();
    let mut out: Vec<String> = Vec::new();
    let mut run: Vec<&str> = Vec::new();
    let flush = |run: &mut Vec<&str>, out: &mut Vec<String>| {
        let words: Vec<&str> = run
            .iter()
            .copied()
            .filter(|w| {
                let t = crate::matcher::normalize::all_tokens(w);
                // Capitalised weekdays and months are dates, not names.
                let calendar = t.iter().all(|x| {
                    crate::matcher::frame::WEEKDAYS.contains(&x.as_str())
                        || crate::matcher::frame::MONTHS.contains(&x.as_str())
                });
                let common = t.iter().all(|x| crate::matcher::english::is_common(x));
                // "Iranians" is the known "iranian", plural.
                let is_known =
                    |x: &String| known.contains(x) || known.contains(x.trim_end_matches('s'));
                !calendar && !common && !t.iter().all(is_known)
            })
            .collect();
        let is_name = !words.is_empty();
        if is_name {
            let name = words.join(" ");
            if !out.contains(&name) {
                out.push(name);
            }
        }
        run.clear();
    };
    for raw in text.split_whitespace() {
        let word = raw.trim_matches(|c: char| !c.is_alphanumeric() && c != '-');
        let capital = word.chars().next().is_some_and(char::is_uppercase);
        if capital && word.chars().count() > 1 {
            run.push(word);
            // A run ends at punctuation after the word.
            if raw.ends_with([',', '.', ';', ':', '”', '"', ')']) {
                flush(&mut run, &mut out);
            }
        } else {
            flush(&mut run, &mut out);
        }
    }
    flush(&mut run, &mut out);
    out
}

/// A slug from a name: "Anne-Claire Legendre" → "anne-claire-legendre".
fn slug(name: &str) -> String {
    crate::matcher::normalize::all_tokens(name).join("-")
}

/// An entity skeleton for `name`, with the next free id.
pub fn entity_skeleton(kb: &KnowledgeBase, name: &str) -> String {
    let mut id = slug(name);
    if id.is_empty() {
        id = "new-entity".into();
    }
    let base = id.clone();
    let mut n = 2;
    while kb.entity(&id).is_some() {
        id = format!("{base}-{n}");
        n += 1;
    }
    let last = name
        .split_whitespace()
        .last()
        .unwrap_or(name)
        .to_lowercase();
    let mut out = String::new();
    let _ = writeln!(
        out,
        "# Entity skeleton: append to knowledge/entities.toml, fill in, `dispute-bot check`."
    );
    let _ = writeln!(out, "[[entity]]");
    let _ = writeln!(out, "id = {}", toml_string(&id));
    let _ = writeln!(out, "name = {}", toml_string(name));
    let _ = writeln!(
        out,
        "kind = \"person\"  # person, organisation, government, publication, country, group, office, role"
    );
    let _ = writeln!(out, "role = \"TODO: who they are, as the article says it\"");
    let _ = writeln!(out, "# side = \"…\"  # only when the article places them");
    let _ = writeln!(
        out,
        "aliases = [{}]  # names people type; never a bare first name or a common word",
        toml_string(&last)
    );
    let _ = writeln!(out, "misspellings = []");
    out
}

/// An event skeleton resting on fact `evidence`: its date, speaker and
/// topics prefilled from the fact.
pub fn event_skeleton(kb: &KnowledgeBase, evidence: &str) -> Result<String, AuthoringError> {
    let f = kb
        .fact(evidence)
        .ok_or_else(|| AuthoringError::UnknownFact(evidence.to_string()))?;
    let mut out = String::new();
    let _ = writeln!(
        out,
        "# Event skeleton: append to knowledge/timeline.toml, fill in, `dispute-bot check`."
    );
    let _ = writeln!(out, "# Every actor must be named in an evidence quote.");
    let _ = writeln!(out, "[[event]]");
    let _ = writeln!(out, "id = {}", toml_string(&format!("{}-event", f.id)));
    let _ = writeln!(out, "date = {}", toml_string(&f.date.to_string()));
    if let Some(note) = &f.date_note {
        let _ = writeln!(out, "date_note = {}", toml_string(note));
    }
    let _ = writeln!(
        out,
        "title = \"TODO: what happened, in a line the quote supports\""
    );
    let _ = writeln!(out, "actors = [{}]", toml_string(&f.speaker));
    let topics: Vec<String> = f.topics.iter().map(|t| toml_string(t)).collect();
    let _ = writeln!(out, "topics = [{}]", topics.join(", "));
    let _ = writeln!(out, "evidence = [{}]", toml_string(&f.id));
    Ok(out)
}

/// The sentences of each article's body that no fact quotes (in whole or
/// in part): where facts are still missing. Sentences end at `.`, `?` or
/// `!` followed by a space; a sentence counts as quoted when a fact's quote
/// of that paragraph contains it or it contains the quote.
pub fn coverage(kb: &KnowledgeBase) -> String {
    use crate::knowledge::ParagraphKind;
    let mut out = String::new();
    let mut total = 0;
    let mut missing = 0;
    for s in &kb.sources {
        let _ = writeln!(out, "{} — “{}”", s.id, s.headline);
        for p in s
            .paragraphs
            .iter()
            .filter(|p| p.kind == ParagraphKind::Body)
        {
            let quotes: Vec<&str> = kb
                .facts
                .iter()
                .filter(|f| f.source == s.id && f.paragraph == p.number)
                .map(|f| f.quote.as_str())
                .collect();
            // A paragraph that repeats a quoted one (`also_paragraphs`) is covered.
            let repeated = kb
                .facts
                .iter()
                .any(|f| f.source == s.id && f.also_paragraphs.contains(&p.number));
            for sentence in sentences(&p.text) {
                total += 1;
                let quoted = repeated
                    || quotes
                        .iter()
                        .any(|q| q.contains(sentence) || sentence.contains(q.trim()));
                if !quoted {
                    missing += 1;
                    let _ = writeln!(out, "  ¶{} not quoted: {sentence}", p.number);
                }
            }
        }
    }
    let _ = writeln!(
        out,
        "{missing} of {total} body sentences are quoted by no fact."
    );
    out
}

/// The sentences of a paragraph.
fn sentences(text: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut start = 0;
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    for (k, &(_, c)) in chars.iter().enumerate() {
        let next_is_space = chars.get(k + 1).is_some_and(|&(_, n)| n == ' ');
        // A sentence may end inside closing quote marks: ".” "
        let closes = matches!(c, '.' | '?' | '!')
            && (next_is_space
                || chars.get(k + 1).is_some_and(|&(_, n)| {
                    matches!(n, '”' | '"' | '’') && chars.get(k + 2).is_some_and(|&(_, m)| m == ' ')
                }));
        if closes {
            let end =
                chars.get(k + 1).map_or(
                    text.len(),
                    |&(j, n)| if n == ' ' { j } else { j + n.len_utf8() },
                );
            let s = text[start..end].trim();
            if !s.is_empty() {
                out.push(s);
            }
            start = end;
        }
    }
    let rest = text[start..].trim();
    if !rest.is_empty() {
        out.push(rest);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kb() -> KnowledgeBase {
        crate::knowledge::load_dir(std::path::Path::new("knowledge")).expect("shipped base")
    }

    #[test]
    fn source_metadata_validates_id_and_date() {
        let new = NewSource {
            id: "Bad Id".into(),
            ..NewSource::default()
        };
        assert!(matches!(
            source_metadata(&new, "x"),
            Err(AuthoringError::BadId(_))
        ));
        let new = NewSource {
            id: "a".into(),
            published: Some("2021-02-30".into()),
            ..NewSource::default()
        };
        assert!(matches!(
            source_metadata(&new, "x"),
            Err(AuthoringError::BadDate(_))
        ));
        let new = NewSource {
            id: "a".into(),
            headline: "H \"q\"".into(),
            published: Some("2021-11".into()),
            ..NewSource::default()
        };
        let toml = source_metadata(&new, "Para one.\n\nPara two.\n").unwrap();
        assert!(toml.contains("file = \"a.txt\""), "{toml}");
        assert!(toml.contains("published = \"2021-11\""));
        assert!(toml.contains("outlet_note"), "no outlet given: say so");
        let parsed: toml::Table = toml::from_str(&toml).unwrap();
        assert_eq!(parsed["headline"].as_str(), Some("H \"q\""));
    }

    #[test]
    fn find_quote_locates_verbatim_with_char_offsets() {
        let kb = kb();
        let s = kb.source("iran-denies-2020").unwrap();
        let found = find_quote(s, "“fabricated, deceitful, repetition and naïve.”");
        assert!(
            matches!(found, QuoteSearch::Verbatim { paragraph: 3, .. }),
            "{found:?}"
        );
    }

    #[test]
    fn find_quote_offers_closest_passages() {
        let kb = kb();
        let s = kb.source("iran-denies-2020").unwrap();
        let QuoteSearch::Closest(c) =
            find_quote(s, "Khatibzadeh called the US allegations \"fabricated\"")
        else {
            panic!("not verbatim")
        };
        assert_eq!(c[0].paragraph, 3);
        assert!(c.len() <= 3);
    }

    #[test]
    fn fact_skeleton_prefills_and_picks_a_free_id() {
        let kb = kb();
        let sk = fact_skeleton(&kb, "iran-denounces-sanctions-2021", 14).unwrap();
        assert!(
            sk.contains("id = \"iran-denounces-sanctions-2021-p14\""),
            "{sk}"
        );
        assert!(sk.contains("grossi (Rafael Grossi)"), "{sk}");
        assert!(
            sk.contains("quote = \"The country’s representative office in Vienna"),
            "{sk}"
        );
        assert!(matches!(
            fact_skeleton(&kb, "iran-denies-2020", 99),
            Err(AuthoringError::NoParagraph { count: 12, .. })
        ));
        assert!(matches!(
            fact_skeleton(&kb, "iran-denies-2021", 1),
            Err(AuthoringError::UnknownSource { .. })
        ));
    }
}
