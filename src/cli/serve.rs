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
    let runtime = tokio::runtime::Runtime::new().context("starting the async runtime")?;
    runtime.block_on(dispute_bot::discord::serve(config, live))?;
    Ok(ExitCode::SUCCESS)
}
