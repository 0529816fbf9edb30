//! Command-line flags. The doc comments here are the `--help` text.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand};

/// Answers questions about Iran, the US and interference in the 2020 US
/// election with verbatim, sourced quotes. Run with no command to chat.
#[derive(Debug, Parser)]
#[command(name = "dispute-bot", version)]
pub struct Cli {
    /// Configuration file [default: config.toml, optional; a path given here must exist].
    #[arg(long, global = true, value_name = "PATH")]
    pub config: Option<PathBuf>,

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
    Check {
        /// First rewrite quotes that differ from their article only by
        /// invisible or quote-style characters, reporting each change.
        #[arg(long)]
        fix: bool,
    },
    /// Run the Discord bot (token from the env variable in discord.token_env).
    Serve,
    /// Manage source articles.
    Sources {
        #[command(subcommand)]
        action: SourcesAction,
    },
    /// Where a quote stands verbatim in a source, or the closest passages.
    Quote {
        /// The source id (see `dispute-bot check` or knowledge/sources/).
        source_id: String,
        /// The quote, exactly as you would write it in a fact.
        #[arg(required = true, num_args = 1..)]
        text: Vec<String>,
    },
    /// Print a skeleton to start a new entry from.
    New {
        #[command(subcommand)]
        what: NewWhat,
    },
    /// Which answers an edit changes: the committed knowledge (git HEAD) or
    /// --base DIR against the working copy, over every example question,
    /// the question sets in tests/questions/ and the gaps log.
    Diff {
        /// Compare with this knowledge directory instead of git HEAD.
        #[arg(long, value_name = "DIR")]
        base: Option<std::path::PathBuf>,
    },
    /// Which sentences of each article no fact quotes yet.
    Coverage,
    /// The questions people asked that the base could not answer, grouped.
    Gaps {
        /// Only questions on or after this date (YYYY-MM-DD).
        #[arg(long, value_name = "DATE")]
        since: Option<String>,
        /// How many groups to show.
        #[arg(long, default_value_t = 20)]
        top: usize,
    },
}

#[derive(Debug, Subcommand)]
pub enum SourcesAction {
    /// Copy an article into knowledge/sources/ byte for byte and write its metadata.
    Add(SourcesAddArgs),
    /// The sources: id, headline, outlet, date (works on a broken base).
    List,
    /// A source's numbered paragraphs, as `sources add` printed them.
    Show {
        /// The source id.
        id: String,
    },
}

#[derive(Debug, Args)]
pub struct SourcesAddArgs {
    /// The article's text file (UTF-8; one paragraph per line or blank-line separated).
    pub file: PathBuf,
    /// Id for the source: lowercase words joined by hyphens.
    #[arg(long)]
    pub id: String,
    /// The article's headline.
    #[arg(long)]
    pub headline: String,
    /// The outlet, only if the text names it.
    #[arg(long)]
    pub outlet: Option<String>,
    /// Publication date as far as known: YYYY, YYYY-MM or YYYY-MM-DD.
    #[arg(long, value_name = "DATE")]
    pub published: Option<String>,
    /// The article's URL, if known.
    #[arg(long)]
    pub url: Option<String>,
}

#[derive(Debug, Subcommand)]
pub enum NewWhat {
    /// A fact skeleton for one paragraph of a source.
    Fact {
        /// The source id.
        #[arg(long)]
        source: String,
        /// The paragraph number (as `sources add` and `source` print them).
        #[arg(long)]
        paragraph: u32,
    },
    /// An entity skeleton (append it to knowledge/entities.toml).
    Entity {
        /// The entity's name as the article writes it.
        name: Vec<String>,
    },
    /// A timeline event skeleton resting on a fact (append it to knowledge/timeline.toml).
    Event {
        /// The fact that shows the event happened.
        #[arg(long)]
        evidence: String,
    },
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
