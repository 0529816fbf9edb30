//! `/about` — what the bot covers, counts, version, and the command list.

use serenity::all::CreateCommand;

use super::{Call, Reply};
use crate::chat;
use crate::discord::reply;

pub const NAME: &str = "about";

pub fn register() -> CreateCommand {
    CreateCommand::new(NAME).description("What this bot covers, and the version in service")
}

pub fn run(call: &Call) -> Reply {
    let text = format!("{}\n{}", chat::about(call.engine), super::usage());
    reply::interaction_text(&text, true).into()
}
