//! `chat` (the default): the console, with live reload.

use std::io::IsTerminal;
use std::path::Path;
use std::process::ExitCode;
use std::sync::Arc;

use anyhow::{Context, Result};

use super::load::load;
use dispute_bot::chat;
use dispute_bot::config::Config;
use dispute_bot::reload;
use dispute_bot::state::LiveBase;

pub fn run(config: &Config, dir: &Path) -> Result<ExitCode> {
    let live = Arc::new(LiveBase::new(load(dir)?, dir));
    // Reload notices go to stderr so they never mix into answers.
    let _watcher = if config.knowledge.watch {
        Some(
            reload::watch(Arc::clone(&live), |r| eprintln!("[knowledge] {r}"))
                .context("watching the knowledge directory")?,
        )
    } else {
        None
    };
    let stdin = std::io::stdin();
    let session = chat::Session::logging_to(dispute_bot::gaps::GapLog::new(
        &config.data.dir,
        config.data.gaps_max_bytes,
    ));
    if stdin.is_terminal() && std::io::stdout().is_terminal() {
        let history = config.data.dir.join("chat_history.txt");
        let no_color = std::env::var("NO_COLOR").ok();
        let colour = dispute_bot::console::use_colour(true, no_color.as_deref());
        chat::run_terminal(&live, session, &history, colour).context("console I/O")?;
    } else {
        let interactive = stdin.is_terminal();
        chat::run(
            &live,
            session,
            stdin.lock(),
            std::io::stdout().lock(),
            interactive,
        )
        .context("console I/O")?;
    }
    Ok(ExitCode::SUCCESS)
}
