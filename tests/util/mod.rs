//! Helpers for tests that run the real `dispute-bot` binary.

#![allow(clippy::unwrap_used, clippy::expect_used)]
#![allow(dead_code)]

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

/// The binary under test.
pub fn bin() -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_dispute-bot"));
    c.current_dir(env!("CARGO_MANIFEST_DIR"));
    c.env_remove("RUST_LOG");
    c
}

/// Runs the binary with `args`, feeding `stdin`.
pub fn run(args: &[&str], stdin: &str) -> Output {
    let mut child = bin()
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("binary starts");
    child
        .stdin
        .take()
        .expect("stdin is piped")
        .write_all(stdin.as_bytes())
        .expect("stdin accepts input");
    child.wait_with_output().expect("binary finishes")
}

pub fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

pub fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

/// What the shipped `knowledge/` holds ("2 sources, 39 facts, …"), read
/// from the files, so an admin adding a fact does not break the tests.
pub fn shipped_counts() -> String {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("knowledge");
    dispute_bot::knowledge::load_dir(&dir)
        .expect("shipped knowledge loads")
        .counts()
        .to_string()
}

/// A valid new fact quoting the 2021 article's headline paragraph (not in
/// the shipped base): what a test adds to see an edit take effect.
pub const HEADLINE_FACT: &str = r#"
[[fact]]
id = "al-monitor-headline"
claim = "Al-Monitor headlined that Iran denounces US sanctions over election interference."
quote = "Iran denounces US sanctions over election interference"
speaker = "al-monitor"
attribution = "headlined"
side = "narrator"
source = "iran-denounces-sanctions-2021"
paragraph = 2
date = "2021-11"
topics = ["sanctions"]
questions = ["what was the al-monitor headline", "how did al-monitor headline the story", "al-monitor headline?"]
"#;

/// A temporary directory tree a test edits: files by path relative to its
/// root. `KnowledgeCopy` and `RepoCopy` are two such trees.
pub struct TempTree {
    pub dir: tempfile::TempDir,
}

impl TempTree {
    fn new() -> Self {
        TempTree {
            dir: tempfile::tempdir().expect("temp dir"),
        }
    }

    /// A file of the tree, relative to its root.
    pub fn file(&self, rel: &str) -> PathBuf {
        self.dir.path().join(rel)
    }

    pub fn read(&self, rel: &str) -> String {
        std::fs::read_to_string(self.file(rel)).expect("file exists")
    }

    pub fn write(&self, rel: &str, text: &str) {
        std::fs::write(self.file(rel), text).expect("file writes");
    }

    /// Replaces the first `from` in file `rel` with `to`; panics if absent so
    /// a fixture never silently tests nothing.
    pub fn edit(&self, rel: &str, from: &str, to: &str) {
        let text = self.read(rel);
        assert!(text.contains(from), "fixture edit: {from:?} not in {rel}");
        self.write(rel, &text.replacen(from, to, 1));
    }
}

/// A temporary copy of the shipped knowledge directory.
pub struct KnowledgeCopy {
    tree: TempTree,
}

impl std::ops::Deref for KnowledgeCopy {
    type Target = TempTree;
    fn deref(&self) -> &TempTree {
        &self.tree
    }
}

impl KnowledgeCopy {
    pub fn new() -> Self {
        let tree = TempTree::new();
        copy_dir(
            &Path::new(env!("CARGO_MANIFEST_DIR")).join("knowledge"),
            tree.dir.path(),
        );
        KnowledgeCopy { tree }
    }

    pub fn path(&self) -> PathBuf {
        self.dir.path().to_path_buf()
    }

    /// Runs `dispute-bot check` on this copy.
    pub fn check(&self) -> Output {
        run(
            &[
                "--knowledge",
                self.dir.path().to_str().expect("utf-8 path"),
                "check",
            ],
            "",
        )
    }
}

/// A temporary copy of the repository root as a newcomer has it: the
/// shipped `config.toml` and `knowledge/`. Commands run from it with no
/// path options, so they read the shipped config and its relative paths.
pub struct RepoCopy {
    tree: TempTree,
}

impl std::ops::Deref for RepoCopy {
    type Target = TempTree;
    fn deref(&self) -> &TempTree {
        &self.tree
    }
}

impl RepoCopy {
    pub fn new() -> Self {
        let tree = TempTree::new();
        let root = Path::new(env!("CARGO_MANIFEST_DIR"));
        copy_dir(&root.join("knowledge"), &tree.dir.path().join("knowledge"));
        std::fs::copy(
            root.join("config.toml"),
            tree.dir.path().join("config.toml"),
        )
        .expect("copy config.toml");
        RepoCopy { tree }
    }

    pub fn path(&self) -> &Path {
        self.dir.path()
    }

    /// The binary, run from the copy's root.
    pub fn bin(&self) -> Command {
        let mut c = bin();
        c.current_dir(self.dir.path());
        c
    }

    /// Runs the binary from the copy's root with `args`, feeding `stdin`.
    pub fn run(&self, args: &[&str], stdin: &[u8]) -> Output {
        let mut child = self
            .bin()
            .args(args)
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("binary starts");
        let mut input = child.stdin.take().expect("stdin is piped");
        let stdin = stdin.to_vec();
        let writer = std::thread::spawn(move || {
            let _ = input.write_all(&stdin);
        });
        let out = child.wait_with_output().expect("binary finishes");
        let _ = writer.join();
        out
    }

    /// Points the shipped config at a fake Discord: the one line a test
    /// must change, since Discord itself cannot be reached from here.
    pub fn point_at(&self, api_proxy: &str) {
        self.edit(
            "config.toml",
            "api_proxy = \"\"",
            &format!("api_proxy = \"{api_proxy}\""),
        );
    }
}

fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).expect("create dir");
    for entry in std::fs::read_dir(from).expect("read dir") {
        let entry = entry.expect("dir entry");
        let target = to.join(entry.file_name());
        if entry.path().is_dir() {
            copy_dir(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), &target).expect("copy file");
            let mut perms = std::fs::metadata(&target).expect("metadata").permissions();
            #[allow(clippy::permissions_set_readonly_false)]
            perms.set_readonly(false);
            std::fs::set_permissions(&target, perms).expect("set permissions");
        }
    }
}

/// A `dispute-bot serve` process for end-to-end tests, with its own config
/// and log file in a temporary directory; killed when dropped.
pub struct Bot {
    pub child: std::process::Child,
    pub dir: tempfile::TempDir,
}

impl Drop for Bot {
    fn drop(&mut self) {
        let _ = self.child.kill();
    }
}

impl Bot {
    /// Starts `serve -v` against `api_proxy`, registering in `guild`.
    /// `knowledge_extra` and `discord_extra` are TOML lines added to those
    /// sections; `env` sets variables (e.g. RUST_LOG). stderr goes to `log()`.
    pub fn start(
        api_proxy: &str,
        guild: u64,
        knowledge: &Path,
        knowledge_extra: &str,
        discord_extra: &str,
        token: &str,
        env: &[(&str, &str)],
    ) -> Bot {
        let dir = tempfile::tempdir().expect("temp dir");
        let cfg = dir.path().join("config.toml");
        std::fs::write(
            &cfg,
            format!(
                "[knowledge]\ndir = {:?}\n{knowledge_extra}\n\n[discord]\napi_proxy = \"{api_proxy}\"\nguild_ids = [{guild}]\n{discord_extra}\n",
                knowledge.display().to_string()
            ),
        )
        .expect("config written");
        let log = std::fs::File::create(dir.path().join("bot.log")).expect("log file");
        let child = bin()
            .args(["--config", cfg.to_str().expect("utf-8 path"), "-v", "serve"])
            .env("DISCORD_TOKEN", token)
            .envs(env.iter().copied())
            .stdout(Stdio::null())
            .stderr(Stdio::from(log))
            .spawn()
            .expect("bot starts");
        Bot { child, dir }
    }

    /// Starts `serve -v` from the repository copy `root` with no path
    /// options: the shipped config (see `RepoCopy::point_at`).
    pub fn start_in(root: &RepoCopy, token: &str, env: &[(&str, &str)]) -> Bot {
        let dir = tempfile::tempdir().expect("temp dir");
        let log = std::fs::File::create(dir.path().join("bot.log")).expect("log file");
        let child = root
            .bin()
            .args(["-v", "serve"])
            .env("DISCORD_TOKEN", token)
            .envs(env.iter().copied())
            .stdout(Stdio::null())
            .stderr(Stdio::from(log))
            .spawn()
            .expect("bot starts");
        Bot { child, dir }
    }

    /// Everything the bot logged so far.
    pub fn log(&self) -> String {
        std::fs::read_to_string(self.dir.path().join("bot.log")).unwrap_or_default()
    }

    /// Lines of the log containing `needle`.
    pub fn count(&self, needle: &str) -> usize {
        self.log().lines().filter(|l| l.contains(needle)).count()
    }

    /// Resident memory in kB (`VmRSS` of /proc/<pid>/status).
    pub fn rss_kb(&self) -> u64 {
        let status = std::fs::read_to_string(format!("/proc/{}/status", self.child.id()))
            .expect("proc status");
        status
            .lines()
            .find(|l| l.starts_with("VmRSS:"))
            .and_then(|l| l.split_whitespace().nth(1))
            .and_then(|v| v.parse().ok())
            .expect("VmRSS")
    }

    pub fn sigterm(&self) {
        Command::new("kill")
            .args(["-TERM", &self.child.id().to_string()])
            .status()
            .expect("kill runs");
    }

    /// Waits for the process to exit, failing after `limit`.
    pub async fn wait_exit(&mut self, limit: std::time::Duration) -> std::process::ExitStatus {
        let start = std::time::Instant::now();
        loop {
            if let Some(s) = self.child.try_wait().expect("child status") {
                return s;
            }
            assert!(
                start.elapsed() < limit,
                "the bot did not exit within {limit:?}"
            );
            tokio::time::sleep(std::time::Duration::from_millis(20)).await;
        }
    }
}
