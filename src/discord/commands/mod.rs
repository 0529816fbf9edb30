//! The slash commands: one file each, holding its declaration (`register`)
//! beside its handler (`run`). [`ALL`] is the one list that registration,
//! dispatch, autocomplete and the help text read, so a command that is
//! handled cannot be left unregistered (or listed in `/help` but missing).

pub mod about;
pub mod ask;
pub mod help;
pub mod reload;
pub mod source;
pub mod sources;
pub mod status;
pub mod timeline;
pub mod who;

use std::path::Path;

use serenity::all::{
    CommandInteraction, CreateCommand, CreateInteractionResponseMessage, InteractionContext,
    Permissions,
};

use crate::engine::Engine;
use crate::lookup::Choice;

/// What a command's handler is given.
pub struct Call<'a> {
    pub engine: &'a Engine,
    pub cmd: &'a CommandInteraction,
    /// Questions left unanswered since start (for `/status`).
    pub unanswered: u64,
    /// Where the gaps log lives (for `/status`).
    pub data_dir: &'a Path,
    /// Each conversation's last answer, for follow-ups.
    pub memory: &'a crate::converse::Memory,
}

impl Call<'_> {
    /// This conversation: the channel and the user.
    pub fn conversation(&self) -> (u64, u64) {
        (self.cmd.channel_id.get(), self.cmd.user.id.get())
    }
}

impl Call<'_> {
    /// The string value of option `name`, or "" when not given.
    pub fn opt(&self, name: &str) -> &str {
        option_str(self.cmd, name).unwrap_or_default()
    }
}

/// A command's reply, and the question it could not answer (a gap), if any.
pub struct Reply {
    pub message: CreateInteractionResponseMessage,
    pub gap: Option<String>,
}

impl From<CreateInteractionResponseMessage> for Reply {
    fn from(message: CreateInteractionResponseMessage) -> Self {
        Reply { message, gap: None }
    }
}

/// How a command runs.
pub enum Run {
    /// Answered at once from the engine in service.
    Now(fn(&Call) -> Reply),
    /// Re-reads the knowledge files: deferred first, run off the async
    /// threads, then the deferral is edited (see `handler`).
    Reload,
}

/// Autocomplete choices: (engine, focused option's name, text typed so far).
pub type Complete = fn(&Engine, &str, &str) -> Vec<Choice>;

/// One slash command: declaration, handler and optional autocomplete.
pub struct Command {
    pub name: &'static str,
    /// The line `/help` and `/about` show for it.
    pub usage: &'static str,
    /// Admin commands are guild-only and hidden from members without
    /// Manage Server (server owners can change that; `handler` checks again).
    pub admin: bool,
    pub declare: fn() -> CreateCommand,
    pub run: Run,
    /// Choices for the focused option: (engine, option name, typed text).
    pub autocomplete: Option<Complete>,
}

/// Every slash command, in the order `/help` lists them.
pub const ALL: &[Command] = &[
    Command {
        name: ask::NAME,
        usage: "`/ask question:` — a verbatim, sourced quote answering your question (or mention me, or DM me)",
        admin: false,
        declare: ask::register,
        run: Run::Now(ask::run),
        autocomplete: None,
    },
    Command {
        name: timeline::NAME,
        usage: "`/timeline [actor] [topic] [from] [to]` — the dated events, oldest first",
        admin: false,
        declare: timeline::register,
        run: Run::Now(timeline::run_command),
        autocomplete: Some(timeline::autocomplete),
    },
    Command {
        name: who::NAME,
        usage: "`/who name:` — who someone is, and their quotes",
        admin: false,
        declare: who::register,
        run: Run::Now(who::run_command),
        autocomplete: Some(who::autocomplete),
    },
    Command {
        name: source::NAME,
        usage: "`/source fact:` — a quote in its full paragraph",
        admin: false,
        declare: source::register,
        run: Run::Now(source::run_command),
        autocomplete: Some(source::autocomplete),
    },
    Command {
        name: sources::NAME,
        usage: "`/sources` — the articles every quote comes from",
        admin: false,
        declare: sources::register,
        run: Run::Now(sources::run),
        autocomplete: None,
    },
    Command {
        name: help::NAME,
        usage: "`/help` — how to use me, with example questions",
        admin: false,
        declare: help::register,
        run: Run::Now(help::run),
        autocomplete: None,
    },
    Command {
        name: about::NAME,
        usage: "`/about` — what I cover, and the version in service",
        admin: false,
        declare: about::register,
        run: Run::Now(about::run),
        autocomplete: None,
    },
    Command {
        name: reload::NAME,
        usage: "`/reload` — admins: re-read the fact files now",
        admin: true,
        declare: reload::register,
        run: Run::Reload,
        autocomplete: None,
    },
    Command {
        name: status::NAME,
        usage: "`/status` — admins: the live version and unanswered questions",
        admin: true,
        declare: status::register,
        run: Run::Now(status::run),
        autocomplete: None,
    },
];

/// The command called `name`.
pub fn find(name: &str) -> Option<&'static Command> {
    ALL.iter().find(|c| c.name == name)
}

/// Every declaration, as registered with Discord (bulk overwrite). Admin
/// commands get Manage Server as default permission and the guild context.
pub fn declarations() -> Vec<CreateCommand> {
    ALL.iter()
        .map(|c| {
            let d = (c.declare)();
            if c.admin {
                d.default_member_permissions(Permissions::MANAGE_GUILD)
                    .contexts(vec![InteractionContext::Guild])
            } else {
                d
            }
        })
        .collect()
}

/// The command list, one line each, members' commands first.
pub fn usage() -> String {
    let mut lines: Vec<&str> = ALL.iter().filter(|c| !c.admin).map(|c| c.usage).collect();
    lines.extend(ALL.iter().filter(|c| c.admin).map(|c| c.usage));
    lines.join("\n")
}

/// The string value of option `name`, if given.
pub fn option_str<'a>(cmd: &'a CommandInteraction, name: &str) -> Option<&'a str> {
    cmd.data
        .options
        .iter()
        .find(|o| o.name == name)
        .and_then(|o| o.value.as_str())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_command_is_declared_under_its_own_name() {
        let declared: Vec<String> = declarations()
            .iter()
            .map(|d| {
                serde_json::to_value(d).unwrap()["name"]
                    .as_str()
                    .unwrap()
                    .to_string()
            })
            .collect();
        let names: Vec<&str> = ALL.iter().map(|c| c.name).collect();
        assert_eq!(declared, names);
    }

    #[test]
    fn usage_lists_every_command_once() {
        let text = usage();
        for c in ALL {
            let bare = text.matches(&format!("`/{}`", c.name)).count();
            let with_options = text.matches(&format!("`/{} ", c.name)).count();
            assert_eq!(bare + with_options, 1, "{}", c.name);
        }
    }

    #[test]
    fn admin_commands_are_guild_only_with_manage_server() {
        for (c, d) in ALL.iter().zip(declarations()) {
            let v = serde_json::to_value(&d).unwrap();
            if c.admin {
                assert_eq!(v["default_member_permissions"], "32", "{}", c.name);
                assert_eq!(v["contexts"], serde_json::json!([0]), "{}", c.name);
            } else {
                assert!(v["default_member_permissions"].is_null(), "{}", c.name);
            }
        }
    }
}
