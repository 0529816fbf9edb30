//! The `dispute-bot` binary: parse the command line, dispatch to the
//! command's file in `cli/`; the work is in the library.

use std::io::IsTerminal;
use std::path::Path;
use std::process::ExitCode;

use anyhow::{Context, Result};
use clap::Parser;

use dispute_bot::config::Config;
use dispute_bot::engine::Engine;

mod cli;

/// mimalloc instead of the system allocator: loading a base allocates a
/// string or a list for nearly every word it reads, and glibc's malloc and
/// free were a fifth of the instructions of loading 10,000 facts
/// (callgrind; BENCHMARKS.md).
#[global_allocator]
static ALLOC: mimalloc::MiMalloc = mimalloc::MiMalloc;

use cli::args::{Cli, Command, SourcesAction};
use cli::load::{load, load_for_authoring};

fn main() -> ExitCode {
    let cli = Cli::parse();
    if !matches!(cli.command, Some(Command::Serve)) {
        die_quietly_on_closed_pipe();
    }
    init_logging(cli.verbose);
    match run(cli) {
        Ok(code) => code,
        Err(e) => {
            eprintln!("error: {e:#}");
            ExitCode::FAILURE
        }
    }
}

/// `dispute-bot check | head -1` must end quietly when `head` closes the
/// pipe, as Unix tools do, instead of panicking on the failed write. Not
/// for `serve`, whose sockets must see EPIPE as an error, not a signal.
fn die_quietly_on_closed_pipe() {
    #[cfg(unix)]
    // SAFETY: restoring the default disposition of SIGPIPE before any
    // thread is started; no handler of ours is involved.
    unsafe {
        libc::signal(libc::SIGPIPE, libc::SIG_DFL);
    }
}

fn init_logging(verbose: u8) {
    // serenity's own warnings repeat what our errors already say (a rejected
    // token, a failed gateway lookup); -v brings them back.
    let default = match verbose {
        0 => "warn,serenity=error",
        1 => "info,serenity=warn",
        _ => "debug",
    };
    let filter = tracing_subscriber::EnvFilter::try_from_default_env()
        .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new(default));
    tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_writer(std::io::stderr)
        .with_ansi(std::io::stderr().is_terminal())
        .init();
}

/// Where the configuration is read from when `--config` is not given.
const DEFAULT_CONFIG: &str = "config.toml";

fn run(cli: Cli) -> Result<ExitCode> {
    // The default file may be absent (every setting then defaults); a file
    // named on the command line must exist.
    let config = match &cli.config {
        Some(path) => Config::load(path, true),
        None => Config::load(Path::new(DEFAULT_CONFIG), false),
    }
    .context("loading the configuration")?;
    let dir = cli
        .knowledge
        .clone()
        .unwrap_or(config.knowledge.dir.clone());
    match cli.command.unwrap_or(Command::Chat) {
        Command::Chat => cli::chat::run(&config, &dir),
        Command::Ask(args) => cli::ask::ask(&Engine::new(load(&dir)?), &args),
        Command::Timeline(args) => cli::timeline::timeline_cmd(&load(&dir)?, &args),
        Command::Who { name } => cli::who::run(&dir, &name.join(" ")),
        Command::Source { fact_id } => cli::source::run(&dir, &fact_id),
        Command::Check { fix } => cli::check::run(&dir, fix),
        Command::Serve => cli::serve::serve(&config, &dir),
        Command::Sources { action } => match action {
            SourcesAction::Add(args) => cli::sources::sources_add(&dir, &args),
            SourcesAction::List => cli::sources::list(&dir),
            SourcesAction::Show { id } => cli::sources::show(&dir, &id),
        },
        Command::Quote { source_id, text } => {
            cli::quote::quote(&load_for_authoring(&dir)?, &source_id, &text.join(" "))
        }
        Command::New { what } => cli::new::run(&dir, &what),
        Command::Coverage => cli::coverage::run(&dir),
        Command::Diff { base } => cli::diff::diff_cmd(&config, &dir, base.as_deref()),
        Command::Gaps { since, top } => cli::gaps::gaps_cmd(&config, since.as_deref(), top, &dir),
    }
}
