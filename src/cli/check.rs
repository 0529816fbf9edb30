//! `check [--fix]`: validate the knowledge files, every problem at once.

use std::path::Path;
use std::process::ExitCode;

use anyhow::Result;

use super::load::{ensure_knowledge_dir, located};
use dispute_bot::authoring;
use dispute_bot::knowledge;

pub fn check(dir: &Path) -> Result<ExitCode> {
    ensure_knowledge_dir(dir)?;
    match knowledge::load_dir(dir) {
        Ok(kb) => {
            let held = if kb.held_back > 0 {
                format!(
                    "; {} fact(s) of draft sources checked but not served",
                    kb.held_back
                )
            } else {
                String::new()
            };
            println!(
                "ok: {} in {} (version {}){held}",
                kb.counts(),
                dir.display(),
                kb.fingerprint
            );
            Ok(ExitCode::SUCCESS)
        }
        Err(problems) => {
            for p in &problems {
                println!("{}", located(dir, p));
            }
            println!(
                "\n{} problem(s) found; nothing was changed.",
                problems.len()
            );
            Ok(ExitCode::FAILURE)
        }
    }
}

/// `check [--fix]`: with `--fix`, first rewrite quotes that differ from
/// their article only by invisible or quote-style characters.
pub fn run(dir: &Path, fix: bool) -> Result<ExitCode> {
    if fix {
        ensure_knowledge_dir(dir)?;
        print!("{}", authoring::fix_quotes(dir)?);
    }
    check(dir)
}
