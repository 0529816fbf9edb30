//! `gaps`: the questions nobody could answer, grouped, most asked first.

use std::path::Path;
use std::process::ExitCode;

use anyhow::{Context, Result};

use super::load::load;
use dispute_bot::answer::answer;
use dispute_bot::config::Config;
use dispute_bot::engine::Engine;

/// The unanswered questions, grouped, most asked first.
pub fn gaps_cmd(config: &Config, since: Option<&str>, top: usize, dir: &Path) -> Result<ExitCode> {
    if let Some(s) = since {
        dispute_bot::knowledge::FuzzyDate::parse(s).context("--since")?;
    }
    let engine = Engine::new(load(dir)?);
    let (gaps, skipped) = dispute_bot::gaps::read_all(&config.data.dir)
        .with_context(|| format!("reading the gaps log in {}", config.data.dir.display()))?;
    let groups = dispute_bot::gaps::group(&gaps, since, &engine.index.lexicon);
    if groups.is_empty() {
        println!(
            "No unanswered questions logged in {}.",
            config.data.dir.display()
        );
    }
    for g in groups.iter().take(top) {
        // Questions an edit has since made answerable are marked, so the
        // list shows what is left to do.
        let a = answer(&engine, &g.example);
        let now = match a.answers.first().filter(|_| a.answered) {
            Some(c) => format!("  ✓ now answered by {}", c.fact_id),
            None => String::new(),
        };
        println!("{:>5}× {}  (last {}){now}", g.count, g.example, g.last_time);
    }
    if skipped > 0 {
        eprintln!("note: skipped {skipped} unreadable line(s) in the gaps log");
    }
    Ok(ExitCode::SUCCESS)
}
