//! Command-line flags. The doc comments here are the `--help` text.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand};

/// Answers questions about Iran, the US and interference in the 2020 US
/// election with verbatim, sourced quotes. Run with no command to chat.
#[derive(Debug, Parser)]
#[command(name = "dispute-bot", version)]
pub struct Cli {
    /// Configuration file.
    #[arg(
        long,
        global = true,
        value_name = "PATH",
        default_value = "config.toml"
    )]
    pub config: PathBuf,

    /// Knowledge directory (overrides `knowledge.dir` of the config).
    #[arg(long, global = true, value_name = "DIR")]
    pub knowledge: Option<PathBuf>,

    /// More log output (-v info, -vv debug); RUST_LOG overrides.
    #[arg(short, long, global = true, action = clap::ArgAction::Count)]
    pub verbose: u8,

    #[command(subcommand)]
    pub command: Option<Command>,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Interactive console: ask questions, /timeline, /who, /source, /help.
    Chat,
    /// Answer one question (or one per line of stdin with --stdin).
    Ask(AskArgs),
    /// The dated events of the story, oldest first.
    Timeline(TimelineArgs),
    /// Who someone is, and their quotes.
    Who {
        /// A name, alias or id (typos are tolerated).
        #[arg(required = true, num_args = 1..)]
        name: Vec<String>,
    },
    /// A fact's quote inside its full paragraph, with the article's details.
    Source {
        /// The fact id, as shown under each answer.
        fact_id: String,
    },
    /// Validate the knowledge files; print every problem with file:line:col.
    Check,
    /// Run the Discord bot (token from the env variable in discord.token_env).
    Serve,
}

#[derive(Debug, Args)]
pub struct AskArgs {
    /// Print the answer as JSON.
    #[arg(long)]
    pub json: bool,
    /// Show how the question was understood and how the top facts scored.
    #[arg(long)]
    pub explain: bool,
    /// Read one question per line from stdin; write one answer per line.
    #[arg(long, conflicts_with = "question")]
    pub stdin: bool,
    /// The question (quotes optional).
    #[arg(required_unless_present = "stdin", num_args = 1..)]
    pub question: Vec<String>,
}

#[derive(Debug, Args)]
pub struct TimelineArgs {
    /// Print the events as JSON.
    #[arg(long)]
    pub json: bool,
    /// Only events this person or organisation took part in.
    #[arg(long, value_name = "NAME")]
    pub actor: Option<String>,
    /// Only events on this topic (id or title).
    #[arg(long, value_name = "TOPIC")]
    pub topic: Option<String>,
    /// Only events on or after this date (YYYY, YYYY-MM or YYYY-MM-DD).
    #[arg(long, value_name = "DATE")]
    pub from: Option<String>,
    /// Only events on or before this date.
    #[arg(long, value_name = "DATE")]
    pub to: Option<String>,
}
