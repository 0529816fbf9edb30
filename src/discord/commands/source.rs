//! `/source fact` — a quote shown inside its full paragraph, with the
//! article's metadata, so anyone can check the context.

use serenity::all::{
    CommandOptionType, CreateCommand, CreateCommandOption, CreateInteractionResponseMessage,
};

use super::{Call, Reply};
use crate::discord::reply::{self, EmbedSpec};
use crate::engine::Engine;
use crate::lookup::{self, Choice, Found};

pub const NAME: &str = "source";

pub fn register() -> CreateCommand {
    CreateCommand::new(NAME)
        .description("A quote in its full paragraph, with the article's details")
        .add_option(
            CreateCommandOption::new(
                CommandOptionType::String,
                "fact",
                "The fact id (shown under each answer)",
            )
            .required(true)
            .set_autocomplete(true),
        )
}

pub fn autocomplete(engine: &Engine, _option: &str, typed: &str) -> Vec<Choice> {
    lookup::complete_facts(&engine.kb, typed)
}

pub fn run_command(call: &Call) -> Reply {
    run(call.engine, call.opt("fact")).into()
}

pub fn run(engine: &Engine, fact_id: &str) -> CreateInteractionResponseMessage {
    let kb = &engine.kb;
    let f = match lookup::fact(kb, fact_id) {
        Found::One(f) => f,
        Found::NotFound { suggestions } => {
            let hint = if suggestions.is_empty() {
                String::new()
            } else {
                format!(" Did you mean: {}?", suggestions.join(", "))
            };
            return reply::interaction_text(&format!("No fact with id “{fact_id}”.{hint}"), true);
        }
    };
    let Some(s) = kb.source(&f.source) else {
        return reply::interaction_text("That fact's source is missing.", true);
    };
    let paragraph = s
        .paragraph(f.paragraph)
        .map(|p| p.text.as_str())
        .unwrap_or_default();
    // The quote in bold inside its paragraph; both escaped so they show verbatim.
    let marked = match paragraph.find(&f.quote) {
        Some(at) => format!(
            "{}**{}**{}",
            reply::escape_markdown(&paragraph[..at]),
            reply::escape_markdown(&f.quote),
            reply::escape_markdown(&paragraph[at + f.quote.len()..])
        ),
        None => reply::escape_markdown(paragraph),
    };
    let mut fields = vec![
        (
            "Article".to_string(),
            format!(
                "“{}” — {}",
                reply::escape_markdown(&s.headline),
                reply::escape_markdown(s.outlet_label())
            ),
        ),
        ("Published".to_string(), s.published_label()),
    ];
    if let Some(note) = &s.published_note {
        fields.push((
            "How the date is known".to_string(),
            reply::escape_markdown(note),
        ));
    }
    let spec = EmbedSpec {
        title: f.claim.clone(),
        description: format!("¶{} {marked}", f.paragraph),
        fields,
        footer: format!("fact {} · paragraph {} of {}", f.id, f.paragraph, s.id),
        url: s.url.clone(),
        ..Default::default()
    };
    reply::interaction_embed(reply::embed(&spec), Vec::new(), false)
}
