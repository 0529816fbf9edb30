//! `/reload` (admins) — re-read `knowledge/`, validate it, and swap it in;
//! on any problem keep serving the current base and list the problems.

use serenity::all::{CreateCommand, Permissions};

use crate::discord::reply;
use crate::state::{LiveBase, Reloaded};

pub const NAME: &str = "reload";

pub fn register() -> CreateCommand {
    CreateCommand::new(NAME)
        .description("Admins: re-read the fact files and switch to them if they are valid")
        .default_member_permissions(Permissions::MANAGE_GUILD)
}

/// The reply text of a reload (also what goes to the admin log channel).
pub fn outcome_text(outcome: &Reloaded) -> String {
    match outcome {
        Reloaded::Swapped {
            counts,
            fingerprint,
        } => {
            format!("Reloaded: {counts} (version {fingerprint}).")
        }
        Reloaded::Kept { problems } => {
            let mut text = format!(
                "Reload refused: {} problem(s). Still serving the last good knowledge base.\n```\n",
                problems.len()
            );
            for p in problems {
                text.push_str(&p.to_string().replace("```", "'''"));
                text.push('\n');
            }
            text.push_str("```");
            text
        }
    }
}

/// Reloads; returns the reply text and, when the reload was refused, the
/// notice for the admin log channel.
pub fn run(live: &LiveBase) -> (String, Option<String>) {
    let outcome = live.reload();
    let text = outcome_text(&outcome);
    // Keep the code block closed even when cut.
    let text = if text.chars().count() > reply::limit::CONTENT {
        format!("{}\n```", reply::fit(&text, reply::limit::CONTENT - 4))
    } else {
        text
    };
    let notice = matches!(outcome, Reloaded::Kept { .. }).then(|| text.clone());
    (text, notice)
}
