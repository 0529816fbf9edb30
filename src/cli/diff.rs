//! `diff`: which answers an edit changes, against git HEAD or a directory.

use std::path::Path;
use std::process::ExitCode;

use anyhow::{Context, Result, bail};

use super::load::load;
use dispute_bot::config::Config;
use dispute_bot::engine::Engine;
use dispute_bot::knowledge::{self, KnowledgeBase};

/// The knowledge directory `dir` as committed at git HEAD.
pub fn committed(dir: &Path) -> Result<KnowledgeBase> {
    let git = |args: &[&str]| -> Result<Vec<u8>> {
        let out = std::process::Command::new("git")
            .arg("-C")
            .arg(dir)
            .args(args)
            .output()
            .context(
                "running git (needed to compare with the committed base; or pass --base DIR)",
            )?;
        if !out.status.success() {
            bail!(
                "git {}: {} (pass --base DIR to compare with a directory instead)",
                args.join(" "),
                String::from_utf8_lossy(&out.stderr).trim()
            );
        }
        Ok(out.stdout)
    };
    let names = git(&["ls-tree", "-r", "-z", "--name-only", "HEAD", "."])?;
    let mut files = Vec::new();
    for name in names.split(|b| *b == 0).filter(|n| !n.is_empty()) {
        let rel = String::from_utf8_lossy(name).into_owned();
        let bytes = git(&["show", &format!("HEAD:./{rel}")])?;
        files.push(knowledge::files::KnowledgeFile { path: rel, bytes });
    }
    knowledge::validate::build(&files).map_err(|p| {
        anyhow::anyhow!(
            "the committed knowledge base has {} problem(s); compare with --base DIR instead",
            p.len()
        )
    })
}
/// `diff`: which answers the working copy changes.
pub fn diff_cmd(config: &Config, dir: &Path, base: Option<&Path>) -> Result<ExitCode> {
    let after = Engine::new(load(dir)?);
    let (label, before) = match base {
        Some(b) => (b.display().to_string(), Engine::new(load(b)?)),
        None => ("git HEAD".to_string(), Engine::new(committed(dir)?)),
    };
    let mut questions = dispute_bot::compare::example_questions(&before, &after);
    let sets = dir
        .parent()
        .unwrap_or(Path::new("."))
        .join("tests/questions");
    if let Ok(entries) = std::fs::read_dir(&sets) {
        let mut paths: Vec<_> = entries.flatten().map(|e| e.path()).collect();
        paths.sort();
        for p in paths {
            if let Ok(set) = dispute_bot::eval::read_set(&p) {
                questions.extend(set.into_iter().map(|q| q.text));
            }
        }
    }
    if let Ok((gaps, _)) = dispute_bot::gaps::read_all(&config.data.dir) {
        questions.extend(gaps.into_iter().map(|g| g.question));
    }
    let changes = dispute_bot::compare::changes(&before, &after, &questions);
    println!(
        "{label} (version {}) → working copy (version {}): {} answer(s) change",
        before.kb.fingerprint,
        after.kb.fingerprint,
        changes.len()
    );
    for c in &changes {
        println!("  {c}");
    }
    Ok(ExitCode::SUCCESS)
}
