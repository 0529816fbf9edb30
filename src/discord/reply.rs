//! Every reply the bot sends is built here, so Discord's limits and the
//! no-mentions rule are enforced in one place rather than discovered as 400s.

use serenity::all::{
    ButtonStyle, CreateActionRow, CreateAllowedMentions, CreateButton, CreateEmbed,
    CreateEmbedAuthor, CreateEmbedFooter, CreateInteractionResponseMessage, CreateMessage,
};

use crate::answer::{Answer, QuoteCard, Relation};
use crate::render::text::source_line;

/// Discord's limits, in characters.
pub mod limit {
    pub const CONTENT: usize = 2000;
    pub const EMBED_TITLE: usize = 256;
    pub const EMBED_DESCRIPTION: usize = 4096;
    pub const FIELD_NAME: usize = 256;
    pub const FIELD_VALUE: usize = 1024;
    pub const FIELDS: usize = 25;
    pub const FOOTER: usize = 2048;
    pub const EMBED_TOTAL: usize = 6000;
    pub const BUTTON_LABEL: usize = 80;
    pub const BUTTONS_PER_ROW: usize = 5;
    pub const CUSTOM_ID: usize = 100;
}

/// Allowed mentions that allow nothing: no quote, echoed question or
/// suggestion can ever ping @everyone, a role or a user.
pub fn no_mentions() -> CreateAllowedMentions {
    // Replies also ping the author of the replied-to message unless told not to.
    CreateAllowedMentions::new().replied_user(false)
}

/// Cuts `s` to at most `max` characters, marking a cut with `…`.
pub fn fit(s: &str, max: usize) -> String {
    if s.chars().count() <= max {
        return s.to_string();
    }
    let mut out: String = s.chars().take(max.saturating_sub(1)).collect();
    out.push('…');
    out
}

/// Escapes Discord markdown so text shows exactly as written.
pub fn escape_markdown(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        if matches!(
            c,
            '\\' | '*' | '_' | '~' | '`' | '|' | '>' | '#' | '[' | ']'
        ) {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

/// A quote as a block quote, cut (and marked) to fit `max` characters.
pub fn block_quote(quote: &str, max: usize) -> String {
    let body = fit(&escape_markdown(quote), max.saturating_sub(2));
    format!("> {}", body.replace('\n', "\n> "))
}

pub fn attribution(c: &QuoteCard) -> String {
    format!(
        "— **{}**, {} ({})",
        escape_markdown(&c.speaker),
        escape_markdown(&c.speaker_role),
        escape_markdown(&c.attribution)
    )
}

pub fn source(c: &QuoteCard) -> String {
    source_line(
        &c.source.title,
        c.source.outlet.as_deref(),
        c.source.published.as_deref(),
        c.source.paragraph,
    )
}

/// An embed as plain data, before Discord's limits are applied.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct EmbedSpec {
    pub title: String,
    pub description: String,
    pub fields: Vec<(String, String)>,
    pub footer: String,
    /// The author line: who is speaking.
    pub author: String,
    /// Where the title or author links to (the article).
    pub url: Option<String>,
    pub colour: Option<u32>,
}

/// Builds an embed within every limit: each part is cut (marked `…`) to its
/// own limit, and fields that would take the embed past 6,000 characters
/// in total are dropped, last first.
pub fn embed(spec: &EmbedSpec) -> CreateEmbed {
    let title = fit(&spec.title, limit::EMBED_TITLE);
    let author = fit(&spec.author, limit::EMBED_TITLE);
    let footer = fit(&spec.footer, limit::FOOTER);
    // Title, author and footer are short labels; the description gives way.
    let labels = title.chars().count() + author.chars().count() + footer.chars().count();
    let room = limit::EMBED_TOTAL - labels;
    let description = fit(&spec.description, limit::EMBED_DESCRIPTION.min(room));
    let mut used = labels + description.chars().count();
    let mut e = CreateEmbed::new();
    if !title.is_empty() {
        e = e.title(title);
    }
    if !author.is_empty() {
        let mut a = CreateEmbedAuthor::new(author);
        if let Some(url) = &spec.url {
            a = a.url(url);
        }
        e = e.author(a);
    }
    if let Some(url) = &spec.url {
        e = e.url(url);
    }
    if let Some(colour) = spec.colour {
        e = e.colour(colour);
    }
    if !description.is_empty() {
        e = e.description(description);
    }
    if !footer.is_empty() {
        e = e.footer(CreateEmbedFooter::new(footer));
    }
    for (name, value) in spec.fields.iter().take(limit::FIELDS) {
        let name = fit(name, limit::FIELD_NAME);
        let value = fit(value, limit::FIELD_VALUE);
        let cost = name.chars().count() + value.chars().count();
        if used + cost > limit::EMBED_TOTAL {
            break;
        }
        used += cost;
        e = e.field(name, value, false);
    }
    e
}

/// A quote in a field or description: block-quoted, cut to leave room for
/// the attribution and source lines, which are never cut.
pub fn quote_block(quote: &str, tail: &str, max: usize) -> String {
    let room = max.saturating_sub(tail.chars().count());
    format!("{}{}", block_quote(quote, room), tail)
}

/// "Saeed Khatibzadeh, Spokesman of Iran's Foreign Ministry (said, 22 October 2020)"
pub fn speaker_line(c: &QuoteCard) -> String {
    format!(
        "{}, {} ({}, {})",
        c.speaker,
        c.speaker_role,
        c.attribution,
        human_date(&c.date)
    )
}

fn human_date(date: &str) -> String {
    crate::knowledge::FuzzyDate::parse(date).map_or_else(|_| date.to_string(), |d| d.human())
}

/// "“Headline” — outlet, published …, paragraph N", the headline linked to
/// the article when its address is known.
pub fn source_link(c: &QuoteCard) -> String {
    let line = escape_markdown(&source(c));
    match &c.source.url {
        Some(url) => format!("{line}\n[Read the article]({url})"),
        None => line,
    }
}

/// The embed of an answered question: the verbatim quote is the main text,
/// the speaker the author line, where it stands a field; linked statements
/// of other sides under one heading per relation.
pub fn answer_embed(a: &Answer) -> CreateEmbed {
    let Some(best) = a.answers.first() else {
        return CreateEmbed::new().description("I don't know.");
    };
    let card_text = |c: &QuoteCard, max: usize| {
        let tail = format!("\n{}\n{}", attribution(c), escape_markdown(&source(c)));
        quote_block(&c.quote, &tail, max)
    };
    let mut fields = vec![("Source".to_string(), source_link(best))];
    fields.extend(a.answers.iter().skip(1).map(|c| {
        (
            "Also relevant".to_string(),
            card_text(c, limit::FIELD_VALUE),
        )
    }));
    // One heading per relation, the quotes under it.
    let mut relations: Vec<(Relation, Vec<&QuoteCard>)> = Vec::new();
    for c in &a.counterpoints {
        let r = c.relation.unwrap_or(Relation::InResponse);
        match relations.iter_mut().find(|(x, _)| *x == r) {
            Some((_, list)) => list.push(c),
            None => relations.push((r, vec![c])),
        }
    }
    for (r, cards) in relations {
        let per = limit::FIELD_VALUE / cards.len().max(1);
        let value = cards
            .iter()
            .map(|c| card_text(c, per.saturating_sub(1)))
            .collect::<Vec<_>>()
            .join("\n");
        fields.push((r.label().to_string(), value));
    }
    let footer = if a.from_suggestion {
        format!("fact {}", best.fact_id)
    } else {
        format!(
            "question match {:.0}% (how well your words matched, not how true it is) · fact {}",
            best.score * 100.0,
            best.fact_id
        )
    };
    embed(&EmbedSpec {
        title: String::new(),
        description: block_quote(&best.quote, 3000),
        fields,
        footer,
        author: speaker_line(best),
        url: best.source.url.clone(),
        // The side's colour (sides.toml), so readers see at a glance whose
        // statement it is.
        colour: Some(best.side.colour()),
    })
}

/// The custom id of a "Show in context" button.
pub fn context_id(fact_id: &str) -> String {
    fit(&format!("context:{fact_id}"), limit::CUSTOM_ID)
}

/// "Show in context" under an answer: the quote in its paragraph.
pub fn context_row(a: &Answer) -> Vec<CreateActionRow> {
    a.answers
        .first()
        .map(|best| {
            vec![CreateActionRow::Buttons(vec![
                CreateButton::new(context_id(&best.fact_id))
                    .label("Show in context")
                    .style(ButtonStyle::Secondary),
            ])]
        })
        .unwrap_or_default()
}

/// "I don't know" with up to five suggestion buttons (one row).
pub fn dont_know(a: &Answer) -> (String, Vec<CreateActionRow>) {
    let content = if a.suggestions.is_empty() {
        "I don't know: the articles I quote from don't answer that. Try `/help`.".to_string()
    } else {
        "I don't know: the articles I quote from don't answer that. Did you mean:".to_string()
    };
    let buttons: Vec<CreateButton> = a
        .suggestions
        .iter()
        .zip(&a.suggested_facts)
        .take(limit::BUTTONS_PER_ROW)
        .map(|(q, id)| {
            CreateButton::new(fit(&format!("fact:{id}"), limit::CUSTOM_ID))
                .label(fit(q, limit::BUTTON_LABEL))
                .style(ButtonStyle::Secondary)
        })
        .collect();
    let rows = if buttons.is_empty() {
        Vec::new()
    } else {
        vec![CreateActionRow::Buttons(buttons)]
    };
    (content, rows)
}

/// An interaction reply: the answer embed, or an ephemeral "I don't know".
pub fn interaction_answer(a: &Answer) -> CreateInteractionResponseMessage {
    let base = CreateInteractionResponseMessage::new().allowed_mentions(no_mentions());
    if a.answered {
        base.embed(answer_embed(a)).components(context_row(a))
    } else {
        let (content, rows) = dont_know(a);
        base.content(content).components(rows).ephemeral(true)
    }
}

/// An interaction reply carrying an embed and buttons.
pub fn interaction_embed(
    e: CreateEmbed,
    rows: Vec<CreateActionRow>,
    ephemeral: bool,
) -> CreateInteractionResponseMessage {
    CreateInteractionResponseMessage::new()
        .embed(e)
        .components(rows)
        .allowed_mentions(no_mentions())
        .ephemeral(ephemeral)
}

/// A plain interaction reply (help, errors, refusals).
pub fn interaction_text(text: &str, ephemeral: bool) -> CreateInteractionResponseMessage {
    CreateInteractionResponseMessage::new()
        .content(fit(text, limit::CONTENT))
        .allowed_mentions(no_mentions())
        .ephemeral(ephemeral)
}

/// A channel message answering a mention or DM.
pub fn message_answer(a: &Answer) -> CreateMessage {
    let base = CreateMessage::new().allowed_mentions(no_mentions());
    if a.answered {
        base.embed(answer_embed(a)).components(context_row(a))
    } else {
        let (content, rows) = dont_know(a);
        base.content(content).components(rows)
    }
}

/// A plain channel message (admin log).
pub fn message_text(text: &str) -> CreateMessage {
    CreateMessage::new()
        .content(fit(text, limit::CONTENT))
        .allowed_mentions(no_mentions())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fit_marks_cuts_and_counts_characters() {
        assert_eq!(fit("naïve", 5), "naïve");
        assert_eq!(fit("abcdef", 4), "abc…");
        assert_eq!(fit("abcdef", 4).chars().count(), 4);
    }

    #[test]
    fn answer_embed_links_the_article_when_its_url_is_known() {
        let kb = crate::knowledge::load_dir(std::path::Path::new("knowledge")).unwrap();
        let mut a = crate::answer::for_fact(&kb, "khatibzadeh-fabricated").unwrap();
        a.answers[0].source.url = Some("https://example.org/article".into());
        let v = serde_json::to_value(answer_embed(&a)).unwrap();
        assert_eq!(v["url"], "https://example.org/article");
        assert_eq!(v["author"]["url"], "https://example.org/article");
        let source = v["fields"][0]["value"].as_str().unwrap();
        assert!(
            source.contains("[Read the article](https://example.org/article)"),
            "{source}"
        );
        // Without a url, no link is invented.
        a.answers[0].source.url = None;
        let v = serde_json::to_value(answer_embed(&a)).unwrap();
        assert!(v["url"].is_null());
    }

    #[test]
    fn embed_keeps_every_part_within_limits() {
        let spec = EmbedSpec {
            title: "t".repeat(300),
            description: "d".repeat(5000),
            fields: (0..30)
                .map(|i| (format!("f{i}"), "v".repeat(2000)))
                .collect(),
            footer: "f".repeat(3000),
            author: "a".repeat(300),
            ..Default::default()
        };
        let v = serde_json::to_value(embed(&spec)).unwrap();
        let len = |v: &serde_json::Value| v.as_str().unwrap().chars().count();
        assert_eq!(len(&v["title"]), limit::EMBED_TITLE);
        assert!(len(&v["description"]) <= limit::EMBED_DESCRIPTION);
        assert_eq!(len(&v["footer"]["text"]), limit::FOOTER);
        let fields = v["fields"].as_array().cloned().unwrap_or_default();
        let total = len(&v["title"])
            + len(&v["description"])
            + len(&v["footer"]["text"])
            + fields
                .iter()
                .map(|f| len(&f["name"]) + len(&f["value"]))
                .sum::<usize>();
        assert!(total <= limit::EMBED_TOTAL, "{total}");
        assert!(
            fields
                .iter()
                .all(|f| len(&f["value"]) <= limit::FIELD_VALUE)
        );
        assert!(v["description"].as_str().unwrap().ends_with('…'));
    }

    #[test]
    fn quote_block_cuts_the_quote_not_the_source_line() {
        let tail = "\n— speaker\nSource: x, paragraph 3";
        let q = quote_block(&"word ".repeat(400), tail, limit::FIELD_VALUE);
        assert!(q.chars().count() <= limit::FIELD_VALUE);
        assert!(q.ends_with(tail));
        assert!(q.contains('…'));
    }

    #[test]
    fn escape_markdown_neutralises_formatting() {
        assert_eq!(
            escape_markdown("*a* _b_ `c` > d"),
            "\\*a\\* \\_b\\_ \\`c\\` \\> d"
        );
    }

    #[test]
    fn no_mentions_serializes_to_empty_parse() {
        let v = serde_json::to_value(no_mentions()).unwrap();
        assert_eq!(
            v,
            serde_json::json!({ "parse": [], "users": [], "roles": [], "replied_user": false })
        );
    }
}
