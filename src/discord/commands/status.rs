//! `/status` (admins) — the loaded base's version, counts and load time,
//! and how many questions went unanswered.

use std::time::{SystemTime, UNIX_EPOCH};

use serenity::all::{CreateCommand, CreateInteractionResponseMessage, Permissions};

use crate::discord::reply;
use crate::engine::Engine;

pub const NAME: &str = "status";

pub fn register() -> CreateCommand {
    CreateCommand::new(NAME)
        .description("Admins: which knowledge version is live, and unanswered questions")
        .default_member_permissions(Permissions::MANAGE_GUILD)
}

pub fn text(engine: &Engine, unanswered: u64) -> String {
    let loaded = engine
        .loaded_at
        .duration_since(UNIX_EPOCH)
        .map(|d| d.as_secs())
        .unwrap_or(0);
    let ago = SystemTime::now()
        .duration_since(engine.loaded_at)
        .map(|d| d.as_secs())
        .unwrap_or(0);
    format!(
        "Knowledge version {}: {}.\nLoaded <t:{loaded}:F> ({ago} s ago).\nUnanswered questions since start: {unanswered}.",
        engine.kb.fingerprint,
        engine.kb.counts(),
    )
}

pub fn run(engine: &Engine, unanswered: u64) -> CreateInteractionResponseMessage {
    reply::interaction_text(&text(engine, unanswered), true)
}
