//! Every reply the bot sends is built here, so Discord's limits and the
//! no-mentions rule are enforced in one place rather than discovered as 400s.

use serenity::all::{
    ButtonStyle, CreateActionRow, CreateAllowedMentions, CreateButton, CreateEmbed,
    CreateEmbedFooter, CreateInteractionResponseMessage, CreateMessage,
};

use crate::answer::{Answer, QuoteCard};
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
fn block_quote(quote: &str, max: usize) -> String {
    let body = fit(&escape_markdown(quote), max.saturating_sub(2));
    format!("> {}", body.replace('\n', "\n> "))
}

fn attribution(c: &QuoteCard) -> String {
    format!(
        "— **{}**, {} ({})",
        escape_markdown(&c.speaker),
        escape_markdown(&c.speaker_role),
        escape_markdown(&c.attribution)
    )
}

fn source(c: &QuoteCard) -> String {
    source_line(
        &c.source.title,
        c.source.outlet.as_deref(),
        &c.source.published,
        c.source.paragraph,
    )
}

/// The embed of an answered question.
pub fn answer_embed(a: &Answer) -> CreateEmbed {
    let Some(best) = a.answers.first() else {
        return CreateEmbed::new().description("I don't know.");
    };
    // The attribution and source lines are kept whole; the quote gives way.
    let tail = format!(
        "\n{}\n{}",
        attribution(best),
        escape_markdown(&source(best))
    );
    let room = limit::EMBED_DESCRIPTION.saturating_sub(tail.chars().count());
    let description = format!("{}{}", block_quote(&best.quote, room.min(3000)), tail);
    let mut used = description.chars().count();
    let title = fit(&best.claim, limit::EMBED_TITLE);
    used += title.chars().count();
    let footer = fit(
        &format!(
            "confidence {:.0}% · fact {}",
            best.score * 100.0,
            best.fact_id
        ),
        limit::FOOTER,
    );
    used += footer.chars().count();
    let mut embed = CreateEmbed::new()
        .title(title)
        .description(description)
        .footer(CreateEmbedFooter::new(footer));
    let others = a
        .answers
        .iter()
        .skip(1)
        .map(|c| ("Also relevant".to_string(), c));
    let counter = a
        .counterpoints
        .iter()
        .map(|c| (format!("The other side ({})", c.side.label()), c));
    for (name, card) in others.chain(counter).take(limit::FIELDS) {
        let tail = format!(
            "\n{}\n{}",
            attribution(card),
            escape_markdown(&source(card))
        );
        let room = limit::FIELD_VALUE.saturating_sub(tail.chars().count());
        let value = format!("{}{}", block_quote(&card.quote, room), tail);
        let name = fit(&name, limit::FIELD_NAME);
        let cost = name.chars().count() + value.chars().count();
        if used + cost > limit::EMBED_TOTAL || value.chars().count() > limit::FIELD_VALUE {
            break;
        }
        used += cost;
        embed = embed.field(name, value, false);
    }
    embed
}

/// "I don't know" with up to five suggestion buttons (one row).
pub fn dont_know(a: &Answer) -> (String, Vec<CreateActionRow>) {
    let content = if a.suggestions.is_empty() {
        "I don't know: the two articles I quote from don't answer that. Try `/help`.".to_string()
    } else {
        "I don't know: the two articles I quote from don't answer that. Did you mean:".to_string()
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
        base.embed(answer_embed(a))
    } else {
        let (content, rows) = dont_know(a);
        base.content(content).components(rows).ephemeral(true)
    }
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
        base.embed(answer_embed(a))
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
