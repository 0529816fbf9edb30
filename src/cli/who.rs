//! `who NAME`: who someone is, their quotes, and where they are mentioned.

use std::path::Path;
use std::process::ExitCode;

use anyhow::{Result, bail};

use super::load::{load, not_found};
use dispute_bot::lookup::{self, Found};
use dispute_bot::render::text;

pub fn run(dir: &Path, name: &str) -> Result<ExitCode> {
    let kb = load(dir)?;
    match lookup::entity(&kb, name) {
        Found::One(e) => {
            print!("{}", text::entity_card(&kb, e, &lookup::mentions(&kb, e)));
            Ok(ExitCode::SUCCESS)
        }
        Found::NotFound { suggestions } => bail!(not_found(
            "person or organisation",
            name,
            &suggestions,
            "dispute-bot who"
        )),
    }
}
