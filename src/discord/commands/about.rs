//! `/about` — what the bot covers, counts, version, and the command list.

use serenity::all::{CreateCommand, CreateInteractionResponseMessage};

use crate::chat;
use crate::discord::reply;
use crate::engine::Engine;

pub const NAME: &str = "about";

pub fn register() -> CreateCommand {
    CreateCommand::new(NAME).description("What this bot covers, and how to use it")
}

pub const HELP: &str = "\
`/ask question:` — a verbatim, sourced quote answering your question (or mention me, or DM me)
`/timeline [actor] [topic] [from] [to]` — the dated events, oldest first
`/who name:` — who someone is, and their quotes
`/source fact:` — a quote in its full paragraph
`/sources` — the two articles
`/about` — this text
Admins: `/reload` re-reads the fact files; `/status` shows the live version.";

pub fn run(engine: &Engine) -> CreateInteractionResponseMessage {
    reply::interaction_text(&format!("{}\n{HELP}", chat::about(engine)), true)
}
