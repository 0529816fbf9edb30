//! Checks that keep the base from saying more than its quotes: what the bot
//! shows in its own voice (a claim, a relation, a timeline event's actors)
//! and what it learns from (aliases) must not turn an allegation into a
//! fact, put words in anyone's mouth, or make one person stand for another.
//!
//! Each check reports a [`Problem`] at file:line:col with the fix; an entry
//! that is right despite the rule says why in `ambiguous_ok` (aliases) or
//! `same_side_ok` (links).

use std::collections::HashMap;

use rayon::prelude::*;

use super::problem::Problem;
use super::raw::{Item, RawEntity, RawEvent, RawFact};
use crate::matcher::english;
use crate::matcher::lexicon::Lexicon;
use crate::matcher::normalize::all_tokens;

/// Decoded text of each file, by relative path.
type Texts = HashMap<String, String>;

/// Hedges a quote can carry, and the words that keep each in a claim. A
/// claim without them states as fact what the quote only reports.
const HEDGES: &[(&str, &[&str])] = &[
    ("presumably", &["presumably", "suggests", "suggested"]),
    (
        "alleged",
        &["alleged", "allegedly", "accused", "accuses", "accusing"],
    ),
    (
        "allegedly",
        &["alleged", "allegedly", "accused", "accuses", "accusing"],
    ),
    (
        "accused",
        &["alleged", "allegedly", "accused", "accuses", "accusing"],
    ),
];

/// Words that attribute a statement to someone: a quote that says "said",
/// "according to", "reported" needs a claim that attributes too.
const ATTRIBUTIONS: &[&str] = &[
    "said",
    "says",
    "told",
    "added",
    "according",
    "reported",
    "reports",
    "announced",
    "called",
    "described",
    "tweeted",
    "suggested",
    "suggests",
    "claimed",
    "claims",
    "think",
    "thinks",
    "considers",
    "accused",
    "alleged",
    "condemned",
    "denied",
    "dismissed",
    "urged",
    "named",
    "lashed",
    "unveiled",
    "article",
];

/// Quote words that mark a reported statement.
const REPORTED: &[&str] = &["said", "says", "according", "reported", "reportedly"];

/// Every honesty problem of the raw base.
pub fn check(
    texts: &Texts,
    facts: &[Item<RawFact>],
    entities: &[Item<RawEntity>],
    events: &[Item<RawEvent>],
) -> Vec<Problem> {
    // Each fact's own checks are independent: run them on every core and
    // keep the facts' order.
    let mut out: Vec<Problem> = facts
        .par_iter()
        .flat_map_iter(|f| {
            let mut own = Vec::new();
            claim_keeps_hedges(texts, f, &mut own);
            claim_quotes_only_the_quote(texts, f, &mut own);
            own
        })
        .collect();
    links_cross_sides(texts, facts, &mut out);
    facts_are_finished(texts, facts, entities, &mut out);
    // Skeletons from `new entity` / `new event` left unedited.
    let placeholders = entities
        .iter()
        .map(|e| {
            let v = &e.value;
            let what = (
                "the entity's `role` still says TODO",
                "say who they are, as the article says it",
            );
            (&e.file, &v.id, v.role.as_str(), what)
        })
        .chain(events.iter().map(|ev| {
            let v = &ev.value;
            let what = (
                "the event's `title` still says TODO",
                "say what happened, in a line its evidence quotes support",
            );
            (&ev.file, &v.id, v.title.as_str(), what)
        }));
    for (file, id, field, (message, fix)) in placeholders {
        if says_todo(field) {
            out.push(Problem::at_span(file, text(texts, file), &id.span(), message).fix(fix));
        }
    }
    aliases_name_one_entity(texts, entities, &mut out);
    event_actors_are_named(texts, events, facts, entities, &mut out);
    out
}

fn text<'a>(texts: &'a Texts, file: &str) -> &'a str {
    texts.get(file).map_or("", String::as_str)
}

/// Whether a field still holds the skeleton's placeholder. (`str::contains`
/// prepares a substring search on every call, which over every field of a
/// large base was a tenth of checking it; a placeholder starts with "T".)
fn says_todo(s: &str) -> bool {
    s.match_indices('T')
        .any(|(i, _)| s[i..].starts_with("TODO"))
}

/// Lowercase words of a text: enough to find hedge words, and far cheaper
/// than the matcher's full normalisation on a large base (one lowercase
/// copy of the text, split once).
fn words(s: &str) -> Words {
    let text = if s.is_ascii() {
        s.to_ascii_lowercase()
    } else {
        s.to_lowercase()
    };
    let mut spans = Vec::new();
    let mut start = None;
    for (i, c) in text.char_indices() {
        match (c.is_alphanumeric(), start) {
            (true, None) => start = Some(i),
            (false, Some(from)) => {
                spans.push((from, i));
                start = None;
            }
            _ => {}
        }
    }
    if let Some(from) = start {
        spans.push((from, text.len()));
    }
    Words { text, spans }
}

/// A text's lowercase words (see [`words`]): the text and where each word is.
struct Words {
    text: String,
    spans: Vec<(usize, usize)>,
}

impl Words {
    fn has(&self, w: &str) -> bool {
        self.spans
            .iter()
            .any(|&(from, to)| &self.text[from..to] == w)
    }
}

fn claim_keeps_hedges(texts: &Texts, f: &Item<RawFact>, out: &mut Vec<Problem>) {
    let quote = words(f.value.quote.get_ref());
    let claim = words(f.value.claim.get_ref());
    let at = |msg: String, fix: &str| {
        Problem::at_span(&f.file, text(texts, &f.file), &f.value.claim.span(), msg).fix(fix)
    };
    for (cue, keep) in HEDGES {
        if quote.has(cue) && !keep.iter().any(|k| claim.has(k)) {
            out.push(at(
                format!("the claim drops the quote's hedge “{cue}”"),
                &format!(
                    "keep it in the claim (one of: {}), so an allegation is not shown as fact",
                    keep.join(", ")
                ),
            ));
        }
    }
    let reported = REPORTED.iter().find(|w| quote.has(w));
    if let Some(cue) = reported
        && !ATTRIBUTIONS.iter().any(|a| claim.has(a))
    {
        out.push(at(
            format!("the quote attributes its statement (“{cue}”) but the claim states it as fact"),
            "say who says it in the claim (\"X said …\", \"according to …\", \"the article says …\")",
        ));
    }
}

/// Text inside quotation marks in `s`, for straight and curly marks.
fn quoted_segments(s: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut open: Option<(char, usize)> = None;
    for (i, c) in s.char_indices() {
        match (open, c) {
            (None, '“') => open = Some(('”', i + c.len_utf8())),
            (None, '"') => open = Some(('"', i + c.len_utf8())),
            (Some((close, start)), c) if c == close => {
                out.push(s[start..i].to_string());
                open = None;
            }
            _ => {}
        }
    }
    out
}

/// Quote marks and whitespace folded, so "naïve.”" matches "naïve.".
fn fold(s: &str) -> String {
    s.chars()
        .map(|c| match c {
            '“' | '”' | '„' => '"',
            '‘' | '’' => '\'',
            c if c.is_whitespace() => ' ',
            c => c,
        })
        .collect::<String>()
        .trim_matches(|c: char| c.is_ascii_punctuation() || c == ' ')
        .to_string()
}

fn claim_quotes_only_the_quote(texts: &Texts, f: &Item<RawFact>, out: &mut Vec<Problem>) {
    let segments = quoted_segments(f.value.claim.get_ref());
    if segments.is_empty() {
        return; // most claims quote nothing: no need to fold the quote
    }
    let quote = fold(f.value.quote.get_ref());
    for seg in segments {
        if !quote.contains(&fold(&seg)) {
            out.push(
                Problem::at_span(
                    &f.file,
                    text(texts, &f.file),
                    &f.value.claim.span(),
                    format!(
                        "the claim puts “{seg}” in quotation marks, but the quote does not say it"
                    ),
                )
                .fix("quote the quote's exact words, or drop the quotation marks"),
            );
        }
    }
}

/// Fewest example questions a fact may have: the matcher learns a fact's
/// phrasings from them (8 in different voices is the house rule).
pub const MIN_QUESTIONS: usize = 3;

/// An unedited `new fact` skeleton must not pass: placeholders, too few
/// example questions, a side that contradicts the speaker's.
fn facts_are_finished(
    texts: &Texts,
    facts: &[Item<RawFact>],
    entities: &[Item<RawEntity>],
    out: &mut Vec<Problem>,
) {
    let sides: HashMap<&str, Option<&str>> = entities
        .iter()
        .map(|e| {
            let side = e.value.side.as_ref().map(|s| s.get_ref().as_str());
            (e.value.id.get_ref().as_str(), side)
        })
        .collect();
    for f in facts {
        let t = text(texts, &f.file);
        let v = &f.value;
        for (name, field) in [
            ("claim", &v.claim),
            ("quote", &v.quote),
            ("attribution", &v.attribution),
        ] {
            if says_todo(field.get_ref()) {
                out.push(
                    Problem::at_span(&f.file, t, &field.span(), format!("`{name}` still says TODO"))
                        .fix("write it from the quote (knowledge/README.md: the claim never says more than the quote)"),
                );
            }
        }
        let questions: Vec<&String> = v
            .questions
            .get_ref()
            .iter()
            .filter(|q| !q.trim().is_empty())
            .collect();
        if questions.iter().any(|q| says_todo(q)) {
            out.push(
                Problem::at_span(
                    &f.file,
                    t,
                    &v.questions.span(),
                    "an example question still says TODO",
                )
                .fix("write the questions people would ask, in your own words"),
            );
        }
        if !questions.is_empty() && questions.len() < MIN_QUESTIONS {
            out.push(
                Problem::at_span(
                    &f.file,
                    t,
                    &v.questions.span(),
                    format!(
                        "{} example question(s); a fact needs at least {MIN_QUESTIONS}",
                        questions.len()
                    ),
                )
                .fix("add more, in different voices: casual, formal, by role, with the answer type (8 is the house rule)"),
            );
        }
        if let Some(Some(speaker_side)) = sides.get(v.speaker.get_ref().as_str())
            && *speaker_side != v.side.get_ref()
            && v.side_reason.is_none()
        {
            out.push(
                Problem::at_span(
                    &f.file,
                    t,
                    &v.speaker.span(),
                    format!(
                        "side `{}` contradicts the speaker `{}`, who is on `{}`",
                        v.side.get_ref(),
                        v.speaker.get_ref(),
                        speaker_side
                    ),
                )
                .fix("use the speaker's side, or say why in `side_reason = \"…\"`"),
            );
        }
    }
}

fn links_cross_sides(texts: &Texts, facts: &[Item<RawFact>], out: &mut Vec<Problem>) {
    let side: HashMap<&str, _> = facts
        .iter()
        .map(|f| (f.value.id.get_ref().as_str(), f.value.side.get_ref()))
        .collect();
    for f in facts {
        if f.value.same_side_ok.is_some() {
            continue;
        }
        let links = f
            .value
            .responds_to
            .iter()
            .map(|l| ("responds_to", l))
            .chain(f.value.disputes.iter().map(|l| ("disputes", l)));
        for (kind, link) in links {
            if side.get(link.get_ref().as_str()) == Some(&f.value.side.get_ref()) {
                out.push(
                    Problem::at_span(
                        &f.file,
                        text(texts, &f.file),
                        &link.span(),
                        format!(
                            "`{kind}` links two statements of the same side (`{}`): the bot would show its own camp as the other side",
                            link.get_ref()
                        ),
                    )
                    .fix("link only statements of different sides, or say why in `same_side_ok = \"…\"`"),
                );
            }
        }
    }
}

/// Zipf frequency from which a one-word alias is a common English word that
/// will match text not about the entity: "us" (6.2, the pronoun), "trump"
/// (4.9), "french" (5.0); but not "treasury" (4.1) or "prosecutors" (3.9),
/// which in a question about this story mean the entity.
const COMMON_ALIAS_ZIPF: f32 = 4.5;

fn aliases_name_one_entity(texts: &Texts, entities: &[Item<RawEntity>], out: &mut Vec<Problem>) {
    // Each entity's aliases and misspellings, then its name, as the matcher
    // files them ("spy chiefs" and "spy chief" are one), keyed once: this
    // runs on every load, on every core (stemming them was a tenth of the
    // one-core part of loading a base of 10,000 facts).
    let keys: Vec<Vec<String>> = entities
        .par_iter()
        .map(|e| {
            e.value
                .aliases
                .iter()
                .chain(&e.value.misspellings)
                .map(|a| a.get_ref().as_str())
                .chain(std::iter::once(e.value.name.as_str()))
                .map(Lexicon::phrase_key)
                .collect()
        })
        .collect();
    // Every name and alias → the entities using it.
    let mut owners: HashMap<&str, Vec<&str>> = HashMap::new();
    for (e, keys) in entities.iter().zip(&keys) {
        let id = e.value.id.get_ref().as_str();
        let aliases = &keys[..e.value.aliases.len()];
        let name = keys.last().map(String::as_str);
        for n in aliases.iter().map(String::as_str).chain(name) {
            let list = owners.entry(n).or_default();
            if !list.contains(&id) {
                list.push(id);
            }
        }
    }
    for (e, keys) in entities.iter().zip(&keys) {
        if e.value.ambiguous_ok.is_some() {
            continue;
        }
        let id = e.value.id.get_ref().as_str();
        let name = all_tokens(&e.value.name);
        for (alias, alias_key) in e
            .value
            .aliases
            .iter()
            .chain(&e.value.misspellings)
            .zip(keys)
        {
            let words = all_tokens(alias.get_ref());
            let why = if let [w] = words.as_slice() {
                let person = e.value.kind == "person";
                if person && name.len() >= 2 && name.first() == Some(w) && name.last() != Some(w) {
                    Some(format!("“{w}” is a bare first name"))
                } else if english::lookup(w).is_some_and(|e| !e.name && e.zipf >= COMMON_ALIAS_ZIPF)
                {
                    Some(format!("“{w}” is a common English word"))
                } else {
                    None
                }
            } else {
                None
            };
            let others: Vec<&str> = owners
                .get(alias_key.as_str())
                .map(|o| o.iter().copied().filter(|o| *o != id).collect())
                .unwrap_or_default();
            let why = why.or_else(|| {
                (!others.is_empty()).then(|| {
                    format!(
                        "“{}” also names {}",
                        alias.get_ref(),
                        others
                            .iter()
                            .map(|o| format!("`{o}`"))
                            .collect::<Vec<_>>()
                            .join(", ")
                    )
                })
            });
            if let Some(why) = why {
                out.push(
                    Problem::at_span(
                        &e.file,
                        text(texts, &e.file),
                        &alias.span(),
                        format!("alias of `{id}` that can name something else: {why}"),
                    )
                    .fix("remove it, or keep it with `ambiguous_ok = \"why it is safe\"` on the entity"),
                );
            }
        }
    }
}

fn event_actors_are_named(
    texts: &Texts,
    events: &[Item<RawEvent>],
    facts: &[Item<RawFact>],
    entities: &[Item<RawEntity>],
    out: &mut Vec<Problem>,
) {
    // Only the quotes some event rests on: on a large base most facts are
    // evidence for no event, and tokenising every quote was a fifth of
    // loading it.
    let cited: std::collections::HashSet<&str> = events
        .iter()
        .flat_map(|ev| ev.value.evidence.get_ref().iter())
        .map(|id| id.get_ref().as_str())
        .collect();
    let quotes: HashMap<&str, Vec<String>> = facts
        .iter()
        .filter(|f| cited.contains(f.value.id.get_ref().as_str()))
        .map(|f| {
            (
                f.value.id.get_ref().as_str(),
                all_tokens(f.value.quote.get_ref()),
            )
        })
        .collect();
    let names: HashMap<&str, Vec<Vec<String>>> = entities
        .iter()
        .map(|e| {
            let all = std::iter::once(e.value.name.as_str())
                .chain(e.value.aliases.iter().map(|a| a.get_ref().as_str()))
                .map(all_tokens)
                .filter(|t| !t.is_empty())
                .collect();
            (e.value.id.get_ref().as_str(), all)
        })
        .collect();
    for ev in events {
        let evidence: Vec<&Vec<String>> = ev
            .value
            .evidence
            .get_ref()
            .iter()
            .filter_map(|id| quotes.get(id.get_ref().as_str()))
            .collect();
        for actor in &ev.value.actors {
            let Some(forms) = names.get(actor.get_ref().as_str()) else {
                continue; // an unknown actor is reported elsewhere
            };
            let named = evidence.iter().any(|q| {
                forms
                    .iter()
                    .any(|form| q.windows(form.len()).any(|w| w == form.as_slice()))
            });
            if !named {
                out.push(
                    Problem::at_span(
                        &ev.file,
                        text(texts, &ev.file),
                        &actor.span(),
                        format!(
                            "actor `{}` is named in none of the event's evidence quotes",
                            actor.get_ref()
                        ),
                    )
                    .fix("add the fact whose quote names them to `evidence`, or remove the actor"),
                );
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_are_whole_lowercase_words() {
        let w = words("Iran ALLEGEDLY said: “naïve”, it's");
        for word in ["iran", "allegedly", "said", "naïve", "it", "s"] {
            assert!(w.has(word), "{word}");
        }
        for part in ["alleged", "ira", "said:", "", "it's"] {
            assert!(!w.has(part), "{part}");
        }
        assert!(!words("").has(""));
    }

    #[test]
    fn says_todo_finds_the_placeholder_anywhere() {
        assert!(says_todo("TODO"));
        assert!(says_todo("The claim: TODO, from the quote"));
        assert!(!says_todo("Today The TOD"));
        assert!(!says_todo("todo"));
    }

    #[test]
    fn quoted_segments_reads_curly_and_straight_marks() {
        assert_eq!(
            quoted_segments("called it “strange” and \"absurd\""),
            vec!["strange", "absurd"]
        );
    }

    #[test]
    fn fold_ignores_quote_styles_and_edge_punctuation() {
        assert_eq!(fold("“naïve.”"), "naïve");
        assert!(fold("He said “a, b.”").contains("said \"a, b"));
    }
}
