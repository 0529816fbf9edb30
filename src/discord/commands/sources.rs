//! `/sources` — the articles every quote comes from.

use serenity::all::{CreateCommand, CreateInteractionResponseMessage};

use crate::discord::reply;
use crate::engine::Engine;
use crate::render::text;

pub const NAME: &str = "sources";

pub fn register() -> CreateCommand {
    CreateCommand::new(NAME).description("The news articles every quote comes from")
}

pub fn run(engine: &Engine) -> CreateInteractionResponseMessage {
    reply::interaction_text(&text::sources(&engine.kb), false)
}
