//! `source FACT_ID`: a quote marked inside its paragraph.

use std::path::Path;
use std::process::ExitCode;

use anyhow::{Context, Result, bail};

use super::load::{load, not_found};
use dispute_bot::lookup::{self, Found};
use dispute_bot::render::text;

pub fn run(dir: &Path, fact_id: &str) -> Result<ExitCode> {
    let kb = load(dir)?;
    match lookup::fact(&kb, fact_id) {
        Found::One(f) => {
            let s = kb
                .source(&f.source)
                .context("fact names an unknown source")?;
            print!("{}", text::source_view(f, s));
            Ok(ExitCode::SUCCESS)
        }
        Found::NotFound { suggestions } => bail!(not_found(
            "fact",
            fact_id,
            &suggestions,
            "dispute-bot source"
        )),
    }
}
