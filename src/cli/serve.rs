//! `serve`: the Discord bot.

use std::path::Path;
use std::process::ExitCode;
use std::sync::Arc;

use anyhow::{Context, Result};

use super::load::load;
use dispute_bot::config::Config;
use dispute_bot::state::LiveBase;

pub fn serve(config: &Config, dir: &Path) -> Result<ExitCode> {
    let live = Arc::new(LiveBase::new(load(dir)?, dir));
    // Each worker hands back the memory it freed when it goes idle after a
    // burst (see `release_own_if_due`).
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .on_thread_park(dispute_bot::discord::inflight::release_own_if_due)
        .build()
        .context("starting the async runtime")?;
    runtime.block_on(dispute_bot::discord::serve(config, live))?;
    Ok(ExitCode::SUCCESS)
}
