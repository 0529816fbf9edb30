//! The slash commands: one file each, holding its declaration (`register`)
//! beside its handler (`run`). `all()` is the one list used for registration;
//! `handler` dispatches on the same names.

pub mod about;
pub mod ask;
pub mod reload;
pub mod source;
pub mod sources;
pub mod status;
pub mod timeline;
pub mod who;

use serenity::all::{CommandInteraction, CreateCommand};

/// Every command, as registered with Discord (bulk overwrite).
pub fn all() -> Vec<CreateCommand> {
    vec![
        ask::register(),
        about::register(),
        sources::register(),
        reload::register(),
    ]
}

/// The string value of option `name`, if given.
pub fn option_str<'a>(cmd: &'a CommandInteraction, name: &str) -> Option<&'a str> {
    cmd.data
        .options
        .iter()
        .find(|o| o.name == name)
        .and_then(|o| o.value.as_str())
}
