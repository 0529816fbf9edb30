//! `/status` (admins) — the loaded base's version, counts and load time,
//! and how many questions went unanswered.

use std::path::Path;
use std::time::{SystemTime, UNIX_EPOCH};

use serenity::all::CreateCommand;

use super::{Call, Reply};

use crate::discord::reply;
use crate::engine::Engine;

pub const NAME: &str = "status";

pub fn register() -> CreateCommand {
    CreateCommand::new(NAME)
        .description("Admins: which knowledge version is live, and unanswered questions")
}

/// How many gap groups `/status` lists.
const TOP_GAPS: usize = 3;

/// Counts, version, load time, unanswered questions and the top gaps.
pub fn text(engine: &Engine, unanswered: u64, data_dir: &Path) -> String {
    let loaded = engine
        .loaded_at
        .duration_since(UNIX_EPOCH)
        .map(|d| d.as_secs())
        .unwrap_or(0);
    let ago = SystemTime::now()
        .duration_since(engine.loaded_at)
        .map(|d| d.as_secs())
        .unwrap_or(0);
    let mut text = format!(
        "Knowledge version {}: {}.\nLoaded <t:{loaded}:F> ({ago} s ago).\nUnanswered questions since start: {unanswered}.",
        engine.kb.fingerprint,
        engine.kb.counts(),
    );
    if let Ok((gaps, _)) = crate::gaps::read_all(data_dir) {
        let groups = crate::gaps::group(&gaps, None, &engine.index.lexicon);
        if !groups.is_empty() {
            text.push_str("\nMost asked without an answer (`dispute-bot gaps` lists all):");
            for g in groups.iter().take(TOP_GAPS) {
                let example = reply::escape_markdown(&reply::fit(&g.example, 200));
                text.push_str(&format!("\n• {}× “{example}”", g.count));
            }
        }
    }
    text
}

pub fn run(call: &Call) -> Reply {
    reply::interaction_text(&text(call.engine, call.unanswered, call.data_dir), true).into()
}
