//! Reading the knowledge directory from disk into memory.
//!
//! This is the only part of loading that touches the file system; the rest
//! (`validate`) works on the bytes read here, so tests can feed it literals.

use std::fs;
use std::path::Path;

use super::problem::Problem;

/// Largest knowledge file we read. The whole shipped base is a few hundred
/// kilobytes; a file past this is almost certainly a mistake (a pasted dump,
/// a binary) and reading it would only slow every reload.
pub const MAX_FILE_BYTES: u64 = 2 * 1024 * 1024;

/// A file of the knowledge directory, read whole.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct KnowledgeFile {
    /// Relative to the knowledge directory, `/`-separated.
    pub path: String,
    pub bytes: Vec<u8>,
}

/// The sub-directories we read. Anything deeper is not part of the base.
const SUBDIRS: [&str; 2] = ["facts", "sources"];

/// Reads every file of the knowledge directory (top level, `facts/`, `sources/`).
/// Editor litter (dotfiles, `~` backups, `.swp`) is skipped. Every file that
/// cannot be read becomes a problem; reading goes on with the others.
pub fn read_dir(dir: &Path) -> (Vec<KnowledgeFile>, Vec<Problem>) {
    let mut files = Vec::new();
    let mut problems = Vec::new();
    let top = match fs::read_dir(dir) {
        Ok(entries) => entries,
        Err(e) => {
            problems.push(
                Problem::file(&absolute(dir), format!("cannot read the knowledge directory: {e}"))
                    .fix("run from the repository root, or pass --knowledge DIR (or set knowledge.dir in config.toml)"),
            );
            return (files, problems);
        }
    };
    let mut entries: Vec<_> = top.filter_map(Result::ok).collect();
    entries.sort_by_key(|e| e.file_name());
    for entry in entries {
        let name = entry.file_name().to_string_lossy().into_owned();
        if is_litter(&name) {
            continue;
        }
        let path = entry.path();
        if SUBDIRS.contains(&name.as_str()) && path.is_dir() {
            read_subdir(&path, &name, &mut files, &mut problems);
        } else if path.is_dir() {
            problems.push(
                Problem::file(&name, "unexpected directory in the knowledge directory")
                    .fix("facts go in facts/, articles and their metadata in sources/"),
            );
        } else {
            read_one(&path, name, &mut files, &mut problems);
        }
    }
    (files, problems)
}

fn read_subdir(
    dir: &Path,
    prefix: &str,
    files: &mut Vec<KnowledgeFile>,
    problems: &mut Vec<Problem>,
) {
    let entries = match fs::read_dir(dir) {
        Ok(entries) => entries,
        Err(e) => {
            problems.push(Problem::file(prefix, format!("cannot read directory: {e}")));
            return;
        }
    };
    let mut entries: Vec<_> = entries.filter_map(Result::ok).collect();
    entries.sort_by_key(|e| e.file_name());
    for entry in entries {
        let name = entry.file_name().to_string_lossy().into_owned();
        if is_litter(&name) {
            continue;
        }
        let rel = format!("{prefix}/{name}");
        if entry.path().is_dir() {
            problems.push(
                Problem::file(&rel, "unexpected directory")
                    .fix(format!("keep {prefix}/ flat: move its files up")),
            );
            continue;
        }
        read_one(&entry.path(), rel, files, problems);
    }
}

fn read_one(path: &Path, rel: String, files: &mut Vec<KnowledgeFile>, problems: &mut Vec<Problem>) {
    match fs::metadata(path) {
        Ok(meta) if meta.len() > MAX_FILE_BYTES => {
            problems.push(
                Problem::file(
                    &rel,
                    format!(
                        "file is {} bytes, over the {MAX_FILE_BYTES}-byte limit",
                        meta.len()
                    ),
                )
                .fix("split it into several files, or check it is the file you meant to add"),
            );
            return;
        }
        // Opening a FIFO blocks until someone writes to it: never try.
        Ok(meta) if !meta.is_file() => {
            problems.push(
                Problem::file(&rel, "not a regular file (a FIFO, socket or device?)")
                    .fix("remove it: the knowledge directory holds only .toml and .txt files"),
            );
            return;
        }
        Ok(_) => {}
        Err(e) => {
            problems.push(Problem::file(&rel, format!("cannot read file: {e}")));
            return;
        }
    }
    match fs::read(path) {
        Ok(bytes) => files.push(KnowledgeFile { path: rel, bytes }),
        Err(e) => problems.push(
            Problem::file(&rel, format!("cannot read file: {e}"))
                .fix("check the file's permissions and that any symlink resolves"),
        ),
    }
}

/// `dir` as an absolute path, for messages that must say where we looked.
pub fn absolute(dir: &Path) -> String {
    std::path::absolute(dir)
        .unwrap_or_else(|_| dir.to_path_buf())
        .display()
        .to_string()
}

/// Files editors and tools leave behind that are not part of the base.
fn is_litter(name: &str) -> bool {
    name.starts_with('.') || name.ends_with('~') || name.ends_with(".swp") || name.ends_with(".tmp")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn is_litter_skips_editor_files() {
        assert!(is_litter(".facts.toml.swp"));
        assert!(is_litter("facts.toml~"));
        assert!(!is_litter("facts.toml"));
    }

    #[cfg(unix)]
    #[test]
    fn read_dir_refuses_a_fifo_without_blocking() {
        let tmp = tempfile::tempdir().unwrap();
        let fifo = tmp.path().join("topics.toml");
        let status = std::process::Command::new("mkfifo")
            .arg(&fifo)
            .status()
            .unwrap();
        assert!(status.success());
        let (files, problems) = read_dir(tmp.path());
        assert!(files.is_empty());
        assert_eq!(problems.len(), 1, "{problems:?}");
        assert!(problems[0].to_string().contains("not a regular file"));
    }

    #[test]
    fn read_dir_reports_missing_directory() {
        let (files, problems) = read_dir(Path::new("/nonexistent/knowledge"));
        assert!(files.is_empty());
        assert_eq!(problems.len(), 1);
        assert!(
            problems[0]
                .message
                .contains("cannot read the knowledge directory")
        );
    }
}
