//! `/who name` — who someone is, their quotes, and where they are mentioned.

use serenity::all::{
    CommandOptionType, CreateCommand, CreateCommandOption, CreateInteractionResponseMessage,
};

use super::{Call, Reply};
use crate::discord::reply::{self, EmbedSpec};
use crate::engine::Engine;
use crate::lookup::{self, Choice, Found};
use crate::render::text::dedup_quotes;

pub const NAME: &str = "who";

pub fn register() -> CreateCommand {
    CreateCommand::new(NAME)
        .description("Who someone is, and what they said")
        .add_option(
            CreateCommandOption::new(
                CommandOptionType::String,
                "name",
                "A person or organisation",
            )
            .required(true)
            .set_autocomplete(true),
        )
}

pub fn autocomplete(engine: &Engine, _option: &str, typed: &str) -> Vec<Choice> {
    lookup::complete_entities(&engine.kb, typed)
}

pub fn run_command(call: &Call) -> Reply {
    run(call.engine, call.opt("name")).into()
}

pub fn run(engine: &Engine, name: &str) -> CreateInteractionResponseMessage {
    let kb = &engine.kb;
    let e = match lookup::entity(kb, name) {
        Found::One(e) => e,
        Found::NotFound { suggestions } if suggestions.is_empty() => {
            return reply::interaction_text(
                &format!("No person or organisation called “{name}” in the articles."),
                true,
            );
        }
        Found::NotFound { suggestions } => {
            return reply::interaction_text(
                &format!(
                    "No person or organisation called “{name}”. Did you mean: {}?",
                    suggestions.join(", ")
                ),
                true,
            );
        }
    };
    let quotes = dedup_quotes(kb.facts.iter().filter(|f| f.speaker == e.id));
    let fields = quotes
        .iter()
        .filter_map(|f| crate::answer::card(kb, f, 1.0))
        .map(|c| {
            let tail = format!(
                "\n({}, {}) · fact {}",
                reply::escape_markdown(&c.attribution),
                c.date,
                c.fact_id
            );
            (
                format!("{} · {}", c.date, reply::fit(&c.claim, 200)),
                reply::quote_block(&c.quote, &tail, 900),
            )
        })
        .collect();
    let mentioned = lookup::mentions(kb, e);
    let mut description = reply::escape_markdown(&e.role);
    if let Some(side) = &e.side {
        description.push_str(&format!("\nSide: {}", side.label()));
    }
    if quotes.is_empty() {
        description.push_str("\nNo quotes of their own in the articles.");
    }
    if !mentioned.is_empty() {
        let ids: Vec<&str> = mentioned.iter().map(|f| f.id.as_str()).collect();
        description.push_str(&format!("\nMentioned in: {}", ids.join(", ")));
    }
    let spec = EmbedSpec {
        title: e.name.clone(),
        description,
        fields,
        footer: format!("entity {}", e.id),
        ..Default::default()
    };
    reply::interaction_embed(reply::embed(&spec), Vec::new(), false)
}
