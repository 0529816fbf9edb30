//! `coverage`: the article sentences no fact quotes yet.

use std::path::Path;
use std::process::ExitCode;

use anyhow::Result;

pub fn run(dir: &Path) -> Result<ExitCode> {
    let kb = super::load::load_for_authoring(dir)?;
    print!("{}", dispute_bot::authoring::coverage(&kb));
    Ok(ExitCode::SUCCESS)
}
