//! `/help` — what people type first: what the bot answers, example
//! questions taken from the base, and every command.

use serenity::all::CreateCommand;

use super::{Call, Reply};
use crate::discord::reply;
use crate::render::text;

pub const NAME: &str = "help";

pub fn register() -> CreateCommand {
    CreateCommand::new(NAME).description("How to use this bot, with example questions")
}

pub fn run(call: &Call) -> Reply {
    let text = format!(
        "{}\n\n{}",
        text::introduction(&call.engine.kb),
        super::usage()
    );
    reply::interaction_text(&text, true).into()
}
