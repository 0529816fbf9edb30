//! `/sources` — the articles every quote comes from.

use serenity::all::CreateCommand;

use super::{Call, Reply};
use crate::discord::reply;
use crate::render::text;

pub const NAME: &str = "sources";

pub fn register() -> CreateCommand {
    CreateCommand::new(NAME).description("The news articles every quote comes from")
}

pub fn run(call: &Call) -> Reply {
    reply::interaction_text(&text::sources(&call.engine.kb), false).into()
}
