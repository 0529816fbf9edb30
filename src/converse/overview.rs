//! "tl;dr": the dispute as the base tells it — each side's most linked
//! statements, dated, in their own words. Nothing here is written by us
//! but the side labels: every line is a verbatim quote with its speaker.

use std::fmt::Write;

use crate::knowledge::{Fact, KnowledgeBase};

/// Statements shown per side.
pub const PER_SIDE: usize = 2;

/// How central a statement is to the dispute: how many statements it is
/// linked with, either way.
fn links(kb: &KnowledgeBase, f: &Fact) -> usize {
    f.responds_to.len() + f.disputes.len() + kb.linked_to(&f.id).count()
}

/// The overview, as text.
pub fn overview(kb: &KnowledgeBase) -> String {
    let mut out = String::from(
        "The dispute as the articles tell it — each side's most answered statements, in their own words:\n",
    );
    // In sides.toml's order (the accusers, the accused, then the rest);
    // the articles' own voice is no side of the dispute.
    for side in kb.sides.iter().filter(|s| !s.is_narrator()) {
        let mut facts: Vec<&Fact> = kb.facts.iter().filter(|f| &f.side == side).collect();
        if facts.is_empty() {
            continue;
        }
        facts.sort_by(|a, b| {
            links(kb, b)
                .cmp(&links(kb, a))
                .then(a.date.start().cmp(&b.date.start()))
        });
        let _ = writeln!(out, "\n{}:", side.label());
        let mut shown: Vec<&str> = Vec::new();
        for f in facts {
            if shown.len() == PER_SIDE {
                break;
            }
            if shown.contains(&f.quote.as_str()) {
                continue;
            }
            shown.push(&f.quote);
            let speaker = kb
                .entity(&f.speaker)
                .map_or(f.speaker.as_str(), |e| e.name.as_str());
            let _ = writeln!(
                out,
                "  • {} — {} ({}):\n    > {}",
                f.date.human(),
                speaker,
                f.attribution,
                f.quote
            );
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn overview_quotes_each_side_verbatim() {
        let kb = crate::knowledge::load_dir(std::path::Path::new("knowledge")).unwrap();
        let text = overview(&kb);
        assert!(text.contains("US government:"), "{text}");
        assert!(text.contains("Iranian government:"), "{text}");
        // Every quoted line is a fact's quote, word for word.
        let quoted: Vec<&str> = text
            .lines()
            .filter_map(|l| l.trim_start().strip_prefix("> "))
            .collect();
        assert!(quoted.len() >= 6, "{text}");
        for q in quoted {
            assert!(kb.facts.iter().any(|f| f.quote == q), "not verbatim: {q}");
        }
    }
}
