//! `/reload` (admins) — re-read `knowledge/`, validate it, and swap it in;
//! on any problem keep serving the current base and list the problems.

use serenity::all::CreateCommand;

use crate::discord::reply;
use crate::state::{LiveBase, Reloaded};

pub const NAME: &str = "reload";

pub fn register() -> CreateCommand {
    CreateCommand::new(NAME)
        .description("Admins: re-read the fact files and switch to them if they are valid")
}

/// The reply text of a reload (also what goes to the admin log channel):
/// problems go in a code block so paths and quotes show as written.
pub fn outcome_text(outcome: &Reloaded) -> String {
    let text = outcome.to_string().replace("```", "'''");
    let mut text = match text.split_once('\n') {
        Some((head, problems)) => format!("{head}\n```\n{problems}\n```"),
        None => text,
    };
    // Keep the code block closed even when cut.
    if text.chars().count() > reply::limit::CONTENT {
        text = format!("{}\n```", reply::fit(&text, reply::limit::CONTENT - 4));
    }
    text
}

/// Reloads; returns the reply text and, when the reload was refused, the
/// notice for the admin log channel.
pub fn run(live: &LiveBase) -> (String, Option<String>) {
    let outcome = live.reload();
    let text = outcome_text(&outcome);
    let notice = matches!(outcome, Reloaded::Kept { .. }).then(|| text.clone());
    (text, notice)
}
