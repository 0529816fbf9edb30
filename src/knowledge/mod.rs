//! The fact base: sources, facts, entities, topics and the timeline, read
//! from TOML files and validated into one immutable [`KnowledgeBase`].
//!
//! Loading has two steps: [`files::read_dir`] reads bytes from disk, and
//! [`validate::build`] turns bytes into a base or a list of every
//! [`Problem`], each located by file, line and column.

pub mod date;
pub mod files;
pub mod honesty;
pub mod model;
pub mod problem;
pub mod raw;
pub mod source_text;
pub mod validate;

use std::path::Path;

pub use date::{FuzzyDate, Precision};
pub use model::*;
pub use problem::Problem;

/// Reads the knowledge directory for the authoring tools: whatever of the
/// base reads and checks (its articles above all), and every problem.
pub fn load_partial(dir: &Path) -> (KnowledgeBase, Vec<Problem>) {
    let (files, mut problems) = files::read_dir(dir);
    let (kb, more) = validate::build_partial(&files);
    problems.extend(more);
    (kb, problems)
}

/// Reads and validates the knowledge directory. On failure, every problem found.
pub fn load_dir(dir: &Path) -> Result<KnowledgeBase, Vec<Problem>> {
    let (files, mut problems) = files::read_dir(dir);
    if files.is_empty() && !problems.is_empty() {
        // Nothing could be read: "required file missing" would only repeat it.
        return Err(problems);
    }
    match validate::build(&files) {
        Ok(kb) if problems.is_empty() => Ok(kb),
        Ok(_) => Err(problems),
        Err(more) => {
            problems.extend(more);
            Err(problems)
        }
    }
}
