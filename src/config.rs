//! `config.toml`: typed settings. Unknown keys are errors so a misspelt
//! setting never silently falls back to its default.

use std::path::{Path, PathBuf};

use serde::Deserialize;

use crate::knowledge::problem::line_col;

/// The whole configuration file.
#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Config {
    #[serde(default)]
    pub knowledge: KnowledgeConfig,
    #[serde(default)]
    pub discord: DiscordConfig,
    #[serde(default)]
    pub data: DataConfig,
}

/// `[data]`: where the bot keeps what it learns while running.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DataConfig {
    /// Directory for the gaps log; relative to the config file. Default `data`.
    #[serde(default = "default_data_dir")]
    pub dir: PathBuf,
    /// Size at which the gaps log is rotated to `gaps.jsonl.1`. Default 5 MB.
    #[serde(default = "default_gaps_max_bytes")]
    pub gaps_max_bytes: u64,
}

impl Default for DataConfig {
    fn default() -> Self {
        DataConfig {
            dir: default_data_dir(),
            gaps_max_bytes: default_gaps_max_bytes(),
        }
    }
}

fn default_data_dir() -> PathBuf {
    PathBuf::from("data")
}

fn default_gaps_max_bytes() -> u64 {
    5_000_000
}

/// `[discord]`: how `serve` connects and who may do what.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DiscordConfig {
    /// Environment variable holding the bot token. Default `DISCORD_TOKEN`.
    /// The token itself never goes in a file.
    #[serde(default = "default_token_env")]
    pub token_env: String,
    /// Base URL every REST call and the gateway lookup go to instead of
    /// `https://discord.com` (an HTTP rate-limit proxy, or a test fake).
    /// Default empty: Discord itself.
    #[serde(default)]
    pub api_proxy: String,
    /// Guilds to register slash commands in (instant). Empty: global.
    #[serde(default)]
    pub guild_ids: Vec<u64>,
    /// Channels where every message is a question (answered only when confident).
    #[serde(default)]
    pub answer_channel_ids: Vec<u64>,
    /// Users allowed to run admin commands (in addition to the permission).
    #[serde(default)]
    pub admin_user_ids: Vec<u64>,
    /// Roles allowed to run admin commands.
    #[serde(default)]
    pub admin_role_ids: Vec<u64>,
    /// Channel for admin notices (failed reloads). Default: none.
    #[serde(default)]
    pub admin_log_channel_id: Option<u64>,
    /// Which shards this process runs. Default: Discord's recommendation.
    #[serde(default)]
    pub shards: Option<ShardsConfig>,
    /// Questions and commands a minute per user; 0 turns the limit off.
    /// Default 12: a fast human, not a script.
    #[serde(default = "default_rate_limit")]
    pub rate_limit_per_minute: u32,
}

fn default_rate_limit() -> u32 {
    12
}

impl Default for DiscordConfig {
    fn default() -> Self {
        DiscordConfig {
            token_env: default_token_env(),
            api_proxy: String::new(),
            guild_ids: Vec::new(),
            answer_channel_ids: Vec::new(),
            admin_user_ids: Vec::new(),
            admin_role_ids: Vec::new(),
            admin_log_channel_id: None,
            shards: None,
            rate_limit_per_minute: default_rate_limit(),
        }
    }
}

/// `shards = { ids = [0, 1], total = 4 }`
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ShardsConfig {
    pub ids: Vec<u32>,
    pub total: u32,
}

fn default_token_env() -> String {
    "DISCORD_TOKEN".to_string()
}

/// `[knowledge]`
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct KnowledgeConfig {
    /// The fact base directory; relative paths are relative to the config
    /// file's directory. Default `knowledge`.
    #[serde(default = "default_knowledge_dir")]
    pub dir: PathBuf,
    /// Reload automatically when the files change (`serve` and `chat`).
    /// Default true.
    #[serde(default = "default_true")]
    pub watch: bool,
}

impl Default for KnowledgeConfig {
    fn default() -> Self {
        KnowledgeConfig {
            dir: default_knowledge_dir(),
            watch: true,
        }
    }
}

fn default_true() -> bool {
    true
}

fn default_knowledge_dir() -> PathBuf {
    PathBuf::from("knowledge")
}

/// Why the configuration could not be used.
#[derive(Debug, thiserror::Error)]
pub enum ConfigError {
    #[error("{path}:{line}:{col}: {message}")]
    Invalid {
        path: String,
        line: usize,
        col: usize,
        message: String,
    },
    #[error("cannot read {path} (give --config an existing file, or omit it to use config.toml)")]
    Read {
        path: String,
        source: std::io::Error,
    },
}

impl Config {
    /// Parses configuration text; `path` is only used in messages.
    pub fn from_str(text: &str, path: &str) -> Result<Config, ConfigError> {
        toml::from_str(text).map_err(|e| {
            let (line, col) = line_col(text, e.span().map_or(0, |s| s.start));
            ConfigError::Invalid {
                path: path.to_string(),
                line,
                col,
                message: e
                    .message()
                    .lines()
                    .next()
                    .unwrap_or("invalid configuration")
                    .to_string(),
            }
        })
    }

    /// Reads `path`. A missing file is fine when `required` is false (the
    /// default path): every setting then takes its default.
    pub fn load(path: &Path, required: bool) -> Result<Config, ConfigError> {
        let shown = path.display().to_string();
        let mut config = match std::fs::read_to_string(path) {
            Ok(text) => Config::from_str(&text, &shown)?,
            // No file: every default, relative to the working directory.
            Err(e) if e.kind() == std::io::ErrorKind::NotFound && !required => {
                return Ok(Config::default());
            }
            Err(source) => {
                return Err(ConfigError::Read {
                    path: shown,
                    source,
                });
            }
        };
        // Relative directories are relative to the config file.
        if let Some(parent) = path.parent().filter(|p| !p.as_os_str().is_empty()) {
            for dir in [&mut config.knowledge.dir, &mut config.data.dir] {
                if dir.is_relative() {
                    *dir = parent.join(&*dir);
                }
            }
        }
        config.validate(&shown)?;
        Ok(config)
    }

    /// Checks what serde cannot: shard ids within the total.
    fn validate(&self, path: &str) -> Result<(), ConfigError> {
        if let Some(shards) = &self.discord.shards {
            let bad = shards.total == 0
                || shards.ids.is_empty()
                || shards.ids.iter().any(|&i| i >= shards.total);
            if bad {
                return Err(ConfigError::Invalid {
                    path: path.to_string(),
                    line: 1,
                    col: 1,
                    message: format!(
                        "discord.shards: ids {:?} must be contiguous, non-empty and each below total {}",
                        shards.ids, shards.total
                    ),
                });
            }
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn from_str_defaults_when_empty() {
        let c = Config::from_str("", "config.toml").unwrap();
        assert_eq!(c.knowledge.dir, PathBuf::from("knowledge"));
    }

    #[test]
    fn from_str_rejects_unknown_keys_with_location() {
        let err = Config::from_str("[knowledge]\ndri = \"x\"\n", "config.toml").unwrap_err();
        let msg = err.to_string();
        assert!(
            msg.starts_with("config.toml:2:1: unknown field `dri`"),
            "{msg}"
        );
    }

    #[test]
    fn load_resolves_dir_relative_to_config() {
        let tmp = tempfile::tempdir().unwrap();
        let path = tmp.path().join("config.toml");
        std::fs::write(&path, "[knowledge]\ndir = \"kb\"\n").unwrap();
        let c = Config::load(&path, true).unwrap();
        assert_eq!(c.knowledge.dir, tmp.path().join("kb"));
    }

    #[test]
    fn from_str_reads_discord_section() {
        let c = Config::from_str(
            "[discord]\napi_proxy = \"http://127.0.0.1:9\"\nguild_ids = [1]\nshards = { ids = [0, 1], total = 4 }\n",
            "c",
        )
        .unwrap();
        assert_eq!(c.discord.token_env, "DISCORD_TOKEN");
        assert_eq!(c.discord.guild_ids, vec![1]);
        assert_eq!(
            c.discord.shards,
            Some(ShardsConfig {
                ids: vec![0, 1],
                total: 4
            })
        );
    }

    #[test]
    fn load_rejects_shard_ids_out_of_range() {
        let tmp = tempfile::tempdir().unwrap();
        let path = tmp.path().join("config.toml");
        std::fs::write(&path, "[discord]\nshards = { ids = [4], total = 4 }\n").unwrap();
        assert!(
            Config::load(&path, true)
                .unwrap_err()
                .to_string()
                .contains("below total 4")
        );
    }

    #[test]
    fn load_missing_optional_file_is_default() {
        let c = Config::load(Path::new("/nonexistent/config.toml"), false).unwrap();
        assert_eq!(c, Config::default());
        assert!(Config::load(Path::new("/nonexistent/config.toml"), true).is_err());
    }
}
