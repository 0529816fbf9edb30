//! The command line: `args` declares it (clap derive; the doc comments are
//! the --help text), and each command lives in the file named after it, as
//! each slash command does in `src/discord/commands/`. `main.rs` only parses
//! and dispatches.

pub mod args;
pub mod ask;
pub mod chat;
pub mod check;
pub mod coverage;
pub mod diff;
pub mod gaps;
pub mod load;
pub mod new;
pub mod quote;
pub mod serve;
pub mod source;
pub mod sources;
pub mod timeline;
pub mod who;
