//! Plain-text rendering, as the console shows it and as the bot would say it.

use std::fmt::Write;

use crate::answer::{Answer, QuoteCard};
use crate::knowledge::{Entity, Fact, KnowledgeBase, Source};
use crate::timeline::Timeline;

/// An answer: the quote, who said it and how, the source, the other side.
pub fn answer(a: &Answer) -> String {
    let mut out = String::new();
    if !a.answered {
        out.push_str("I don't know: the articles I quote from don't answer that.\n");
        if !a.suggestions.is_empty() {
            out.push_str("Did you mean:\n");
            for s in &a.suggestions {
                let _ = writeln!(out, "  • {s}");
            }
        }
        return out;
    }
    for (i, card) in a.answers.iter().enumerate() {
        if i > 0 {
            out.push_str("\nAlso relevant:\n");
        }
        quote_card(&mut out, card);
    }
    // One heading per relation ("In response", "Disputed by"), each
    // naming the side its statements come from.
    let mut last: Option<crate::answer::Relation> = None;
    for card in &a.counterpoints {
        if card.relation != last {
            let label = card.relation.map_or("Linked", |r| r.label());
            let _ = writeln!(out, "\n{label} ({}):", card.side.label());
            last = card.relation;
        }
        quote_card(&mut out, card);
    }
    if let Some(best) = a.answers.first() {
        if a.from_suggestion {
            let _ = writeln!(out, "\nfact {}", best.fact_id);
        } else {
            let _ = writeln!(
                out,
                "\nquestion match {:.0}% · fact {}",
                best.score * 100.0,
                best.fact_id
            );
        }
    }
    out
}

fn quote_card(out: &mut String, c: &QuoteCard) {
    for line in c.quote.lines() {
        let _ = writeln!(out, "> {line}");
    }
    let _ = writeln!(
        out,
        "— {}, {} ({})",
        c.speaker, c.speaker_role, c.attribution
    );
    let _ = writeln!(
        out,
        "  {}",
        source_line(
            &c.source.title,
            c.source.outlet.as_deref(),
            c.source.published.as_deref(),
            c.source.paragraph
        )
    );
}

/// "Headline" — Outlet, published 2021-11, paragraph 8
pub fn source_line(
    title: &str,
    outlet: Option<&str>,
    published: Option<&str>,
    paragraph: u32,
) -> String {
    let published = published.unwrap_or("date unknown");
    let outlet = outlet.unwrap_or("outlet not named");
    format!("Source: “{title}” — {outlet}, published {published}, paragraph {paragraph}")
}

/// A timeline, one event per entry with its evidence.
pub fn timeline(kb: &KnowledgeBase, t: &Timeline<'_>) -> String {
    let mut out = String::new();
    let mut filters = Vec::new();
    if let Some(a) = t.actor {
        filters.push(format!("actor: {}", a.name));
    }
    if let Some(tp) = t.topic {
        filters.push(format!("topic: {}", tp.title));
    }
    if let Some(f) = &t.from {
        filters.push(format!("from {f}"));
    }
    if let Some(to) = &t.to {
        filters.push(format!("to {to}"));
    }
    let _ = write!(out, "Timeline");
    if !filters.is_empty() {
        let _ = write!(out, " ({})", filters.join(", "));
    }
    let _ = writeln!(out, ": {} event(s)", t.events.len());
    if t.events.is_empty() {
        out.push_str(
            "No events match. Try fewer filters, or `timeline` alone for the whole story.\n",
        );
    }
    for e in &t.events {
        let precision = match e.date.precision() {
            crate::knowledge::Precision::Day => "",
            crate::knowledge::Precision::Month => " (month only)",
            crate::knowledge::Precision::Year => " (year only)",
        };
        let _ = writeln!(out, "\n{}{precision} — {}", e.date.human(), e.title);
        // The evidence in its own words, not as ids.
        let evidence: Vec<&Fact> = e.evidence.iter().filter_map(|id| kb.fact(id)).collect();
        if let Some(f) = evidence.first()
            && let Some(s) = kb.source(&f.source)
        {
            let speaker = kb
                .entity(&f.speaker)
                .map_or(f.speaker.as_str(), |x| x.name.as_str());
            for line in f.quote.lines() {
                let _ = writeln!(out, "  > {line}");
            }
            let _ = writeln!(
                out,
                "  — {speaker} ({}), “{}”, paragraph {}",
                f.attribution, s.headline, f.paragraph
            );
        }
        if evidence.len() > 1 {
            let more: Vec<&str> = evidence[1..].iter().map(|f| f.id.as_str()).collect();
            let _ = writeln!(out, "  more evidence: /source {}", more.join(", /source "));
        }
    }
    out
}

/// The topics a timeline can be filtered by.
pub fn topics(kb: &KnowledgeBase) -> String {
    let mut out = String::from("Topics (use with /timeline topic:ID):\n");
    for t in &kb.topics {
        let _ = writeln!(out, "  {} — {}", t.id, t.title);
    }
    out
}

/// The people and bodies a timeline can be filtered by: the events' actors.
pub fn actors(kb: &KnowledgeBase) -> String {
    let mut ids: Vec<&str> = kb
        .events
        .iter()
        .flat_map(|e| e.actors.iter().map(String::as_str))
        .collect();
    ids.sort_unstable();
    ids.dedup();
    let mut out = String::from("Actors (use with /timeline actor:NAME):\n");
    for id in ids {
        if let Some(e) = kb.entity(id) {
            let _ = writeln!(out, "  {} — {}", e.name, e.role);
        }
    }
    out
}

/// An entity card: who they are, their quotes, and where they are mentioned.
pub fn entity_card(kb: &KnowledgeBase, e: &Entity, mentioned_in: &[&Fact]) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "{} — {}", e.name, e.role);
    if let Some(side) = &e.side {
        let _ = writeln!(out, "Side: {}", side.label());
    }
    if !e.aliases.is_empty() {
        let _ = writeln!(out, "Also known as: {}", e.aliases.join(", "));
    }
    let quotes: Vec<&Fact> = dedup_quotes(kb.facts.iter().filter(|f| f.speaker == e.id));
    if quotes.is_empty() {
        out.push_str("\nNo quotes of their own in the articles.\n");
    } else {
        let _ = writeln!(out, "\nTheir statements ({}):", quotes.len());
        for f in quotes {
            let _ = writeln!(
                out,
                "\n> {}\n  ({}, {}, fact {})",
                f.quote, f.attribution, f.date, f.id
            );
        }
    }
    if !mentioned_in.is_empty() {
        let _ = writeln!(
            out,
            "\nMentioned in: {}",
            mentioned_in
                .iter()
                .map(|f| f.id.as_str())
                .collect::<Vec<_>>()
                .join(", ")
        );
    }
    out
}

/// Keeps the first fact of each distinct quote.
pub fn dedup_quotes<'a>(facts: impl Iterator<Item = &'a Fact>) -> Vec<&'a Fact> {
    let mut out: Vec<&Fact> = Vec::new();
    for f in facts {
        if !out.iter().any(|o| o.quote == f.quote) {
            out.push(f);
        }
    }
    out
}

/// A fact's quote shown inside its whole paragraph, marked ⟪like this⟫.
pub fn source_view(f: &Fact, s: &Source) -> String {
    let mut out = String::new();
    let _ = writeln!(
        out,
        "{}",
        source_line(
            &s.headline,
            s.outlet.as_deref(),
            Some(s.published_label().as_str()),
            f.paragraph
        )
    );
    if let Some(note) = &s.published_note {
        let _ = writeln!(out, "Date: {note}");
    }
    if let Some(p) = s.paragraph(f.paragraph) {
        let marked = p.text.replacen(&f.quote, &format!("⟪{}⟫", f.quote), 1);
        let _ = writeln!(out, "\n¶{} {}", p.number, marked);
    }
    for n in &f.also_paragraphs {
        if let Some(p) = s.paragraph(*n) {
            let _ = writeln!(out, "\nRepeated as ¶{} {}", p.number, p.text);
        }
    }
    let _ = writeln!(out, "\nFact {}: {}", f.id, f.claim);
    out
}

/// The sources, one per line.
pub fn sources(kb: &KnowledgeBase) -> String {
    let mut out = String::new();
    for s in &kb.sources {
        let _ = writeln!(
            out,
            "{} — “{}” — {}, published {}",
            s.id,
            s.headline,
            s.outlet_label(),
            s.published_label()
        );
    }
    out
}

/// Most example questions an introduction shows.
pub const INTRO_EXAMPLES: usize = 3;

/// What the bot is, said from what the base holds: its articles (by
/// headline) and a few of its example questions, one per side, so the
/// introduction never claims more than the base can answer.
pub fn introduction(kb: &KnowledgeBase) -> String {
    let mut out = format!(
        "I answer questions with verbatim, sourced quotes from {}:\n",
        articles_phrase(kb)
    );
    for s in &kb.sources {
        let _ = writeln!(out, "  • “{}” ({})", s.headline, s.published_label());
    }
    out.push_str("Try asking, for example:\n");
    for q in example_questions(kb, INTRO_EXAMPLES) {
        let _ = writeln!(out, "  • {q}");
    }
    out.trim_end().to_string()
}

/// "1 news article" or "N news articles".
pub fn articles_phrase(kb: &KnowledgeBase) -> String {
    match kb.sources.len() {
        1 => "1 news article".to_string(),
        n => format!("{n} news articles"),
    }
}

/// Up to `n` example questions, each from a fact of a side not yet shown.
pub fn example_questions(kb: &KnowledgeBase, n: usize) -> Vec<&str> {
    let mut sides = Vec::new();
    let mut out = Vec::new();
    for f in &kb.facts {
        if out.len() == n {
            break;
        }
        if sides.contains(&f.side) {
            continue;
        }
        if let Some(q) = f.questions.first() {
            sides.push(f.side.clone());
            out.push(q.as_str());
        }
    }
    out
}
