//! `quote`: where a quote stands verbatim in a source, or the closest passages.

use std::process::ExitCode;

use anyhow::Result;

use dispute_bot::authoring::{self, QuoteSearch};
use dispute_bot::knowledge::KnowledgeBase;

/// Where a quote stands in a source; exit 1 when it is not verbatim.
pub fn quote(kb: &KnowledgeBase, source_id: &str, text: &str) -> Result<ExitCode> {
    let source = authoring::source(kb, source_id)?;
    match authoring::find_quote(source, text) {
        QuoteSearch::Verbatim {
            paragraph,
            start,
            end,
        } => {
            println!(
                "verbatim in paragraph {paragraph}, characters {}–{end}",
                start + 1
            );
            println!("source = \"{source_id}\"\nparagraph = {paragraph}");
            Ok(ExitCode::SUCCESS)
        }
        QuoteSearch::Closest(passages) => {
            println!("not verbatim in {source_id}. Closest passages:");
            for c in passages {
                let diff = c.first_difference.map_or(String::new(), |(i, q, a)| {
                    format!(
                        " — differs at character {}: you have {}, the article {}",
                        i + 1,
                        dispute_bot::knowledge::source_text::describe_char(q),
                        dispute_bot::knowledge::source_text::describe_char(a)
                    )
                });
                println!(
                    "  ¶{} ({:.0}% alike{diff}):\n    {}",
                    c.paragraph,
                    c.similarity * 100.0,
                    c.passage
                );
            }
            Ok(ExitCode::FAILURE)
        }
    }
}
