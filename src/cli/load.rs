//! Loading the knowledge base for a command, with one clear error when
//! there is none, and the lenient load the authoring tools use.

use std::path::Path;

use anyhow::{Result, bail};

use dispute_bot::knowledge::{self, KnowledgeBase};

/// One clear error when `dir` is not a knowledge directory at all (a file,
/// or nothing: run from elsewhere than the repository root), instead of a
/// problem for every file that is then "missing".
pub fn ensure_knowledge_dir(dir: &Path) -> Result<()> {
    let why = match std::fs::metadata(dir) {
        Ok(m) if m.is_dir() => return Ok(()),
        Ok(_) => "it is a file, not a directory".to_string(),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => "it does not exist".to_string(),
        Err(e) => e.to_string(),
    };
    bail!(
        "no knowledge directory at {} ({why}). Run dispute-bot from the repository root (where config.toml is), pass --knowledge DIR, or set `dir` under [knowledge] in config.toml",
        knowledge::files::absolute(dir)
    )
}
/// The base for the authoring tools (`quote`, `new fact`): they need only
/// the articles, so they work on a broken base — the very moment `check`
/// tells an admin to run them — and say how many problems they saw.
pub fn load_for_authoring(dir: &Path) -> Result<KnowledgeBase> {
    ensure_knowledge_dir(dir)?;
    let (kb, problems) = knowledge::load_partial(dir);
    if !problems.is_empty() {
        eprintln!(
            "note: the knowledge base has {} problem(s) (`dispute-bot check` lists them); \
             this command needs only the articles, so it goes on",
            problems.len()
        );
    }
    Ok(kb)
}
/// Loads the knowledge base, printing every problem when it is invalid.
pub fn load(dir: &Path) -> Result<KnowledgeBase> {
    ensure_knowledge_dir(dir)?;
    match knowledge::load_dir(dir) {
        Ok(kb) => Ok(kb),
        Err(problems) => {
            for p in &problems {
                eprintln!("{}", located(dir, p));
            }
            bail!(
                "the knowledge base in {} has {} problem(s); fix them (run `dispute-bot check` to list them again)",
                dir.display(),
                problems.len()
            )
        }
    }
}
pub fn located(dir: &std::path::Path, p: &knowledge::Problem) -> String {
    if Path::new(&p.file).is_absolute() {
        p.to_string()
    } else {
        format!("{}/{p}", dir.display())
    }
}
pub fn not_found(what: &str, name: &str, suggestions: &[String], command: &str) -> String {
    match suggestions.first() {
        Some(best) => format!(
            "no {what} called `{name}`; did you mean {}? Try: {command} {best}",
            suggestions.join(", ")
        ),
        None => format!("no {what} called `{name}`"),
    }
}
