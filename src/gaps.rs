//! The gaps log: questions the bot could not answer, appended as JSON lines
//! so admins learn which facts to add. Records the question, the time and
//! where (guild, channel) — never who asked.

use std::collections::HashSet;
use std::fs::{self, OpenOptions};
use std::io::{self, BufRead, Write};
use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::time::SystemTime;

use serde::{Deserialize, Serialize};

use crate::matcher::lexicon::{Lexicon, Word};

/// File name of the current log; the rotated one gets `.1`.
pub const FILE: &str = "gaps.jsonl";

/// Longest question text we keep, in characters.
const MAX_QUESTION_CHARS: usize = 500;

/// Word overlap (Jaccard over content-word stems) at which two questions
/// count as the same gap: 0.5 groups "did china interfere" with "did china
/// interfere in the election?" but not with "did russia interfere".
pub const SAME_GAP: f64 = 0.5;

/// One unanswered question.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Gap {
    /// RFC 3339, UTC.
    pub time: String,
    pub question: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub guild_id: Option<u64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub channel_id: Option<u64>,
}

impl Gap {
    /// A gap recorded now.
    pub fn now(question: &str, guild_id: Option<u64>, channel_id: Option<u64>) -> Self {
        Gap {
            time: humantime::format_rfc3339_seconds(SystemTime::now()).to_string(),
            question: question.chars().take(MAX_QUESTION_CHARS).collect(),
            guild_id,
            channel_id,
        }
    }
}

/// The append-only log in a data directory, rotated by size.
#[derive(Debug)]
pub struct GapLog {
    dir: PathBuf,
    max_bytes: u64,
    lock: Mutex<()>,
}

impl GapLog {
    pub fn new(dir: &Path, max_bytes: u64) -> Self {
        GapLog {
            dir: dir.to_path_buf(),
            max_bytes,
            lock: Mutex::new(()),
        }
    }

    /// The directory the log lives in.
    pub fn dir(&self) -> &Path {
        &self.dir
    }

    /// Appends one gap, first rotating a full log to `gaps.jsonl.1`.
    pub fn record(&self, gap: &Gap) -> io::Result<()> {
        let _guard = self
            .lock
            .lock()
            .map_err(|_| io::Error::other("gap log lock poisoned"))?;
        fs::create_dir_all(&self.dir)?;
        let path = self.dir.join(FILE);
        if fs::metadata(&path).is_ok_and(|m| m.len() >= self.max_bytes) {
            fs::rename(&path, self.dir.join(format!("{FILE}.1")))?;
        }
        let mut line = serde_json::to_string(gap).map_err(io::Error::other)?;
        line.push('\n');
        OpenOptions::new()
            .create(true)
            .append(true)
            .open(&path)?
            .write_all(line.as_bytes())
    }
}

/// Reads every gap (rotated file first), skipping lines that do not parse.
/// Returns the gaps and how many lines were skipped.
pub fn read_all(dir: &Path) -> io::Result<(Vec<Gap>, usize)> {
    let mut gaps = Vec::new();
    let mut skipped = 0;
    for name in [format!("{FILE}.1"), FILE.to_string()] {
        let file = match fs::File::open(dir.join(&name)) {
            Ok(f) => f,
            Err(e) if e.kind() == io::ErrorKind::NotFound => continue,
            Err(e) => return Err(e),
        };
        for line in io::BufReader::new(file).lines() {
            match serde_json::from_str::<Gap>(&line?) {
                Ok(g) => gaps.push(g),
                Err(_) => skipped += 1,
            }
        }
    }
    Ok((gaps, skipped))
}

/// Similar unanswered questions, most asked first.
#[derive(Debug, Clone, PartialEq)]
pub struct GapGroup {
    pub count: usize,
    /// The most recent wording.
    pub example: String,
    pub last_time: String,
}

/// A question as the matcher understands it: concepts (so "interfere" and
/// "meddling" agree) and the words it does not know.
fn key(lexicon: &Lexicon, q: &str) -> HashSet<String> {
    lexicon
        .analyze(q)
        .into_iter()
        .map(|w| match w {
            Word::Known { term, .. } => lexicon.name(term).to_string(),
            Word::Unknown(s) => s,
        })
        .collect()
}

fn jaccard(a: &HashSet<String>, b: &HashSet<String>) -> f64 {
    let union = a.union(b).count();
    if union == 0 {
        return 1.0;
    }
    a.intersection(b).count() as f64 / union as f64
}

/// Groups gaps on or after `since` (`YYYY-MM-DD`) by overlap of what the
/// matcher understands in them.
pub fn group(gaps: &[Gap], since: Option<&str>, lexicon: &Lexicon) -> Vec<GapGroup> {
    let mut groups: Vec<(HashSet<String>, GapGroup)> = Vec::new();
    for g in gaps
        .iter()
        .filter(|g| since.is_none_or(|s| g.time.as_str() >= s))
    {
        let k = key(lexicon, &g.question);
        match groups
            .iter_mut()
            .find(|(gk, _)| jaccard(gk, &k) >= SAME_GAP)
        {
            Some((_, group)) => {
                group.count += 1;
                if g.time >= group.last_time {
                    group.example = g.question.clone();
                    group.last_time = g.time.clone();
                }
            }
            None => groups.push((
                k,
                GapGroup {
                    count: 1,
                    example: g.question.clone(),
                    last_time: g.time.clone(),
                },
            )),
        }
    }
    let mut out: Vec<GapGroup> = groups.into_iter().map(|(_, g)| g).collect();
    out.sort_by(|a, b| b.count.cmp(&a.count).then(b.last_time.cmp(&a.last_time)));
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn gap(time: &str, q: &str) -> Gap {
        Gap {
            time: time.into(),
            question: q.into(),
            guild_id: Some(1),
            channel_id: None,
        }
    }

    #[test]
    fn group_merges_rewordings_and_ranks_by_count() {
        let gaps = vec![
            gap("2026-01-01T00:00:00Z", "did china interfere?"),
            gap("2026-01-02T00:00:00Z", "what about russia"),
            gap(
                "2026-01-03T00:00:00Z",
                "did china interfere in the election",
            ),
            gap("2026-01-04T00:00:00Z", "china interfering??"),
        ];
        let kb = crate::knowledge::load_dir(std::path::Path::new("knowledge")).unwrap();
        let engine = crate::engine::Engine::new(kb);
        let lexicon = &engine.index.lexicon;
        let groups = group(&gaps, None, lexicon);
        assert_eq!(groups.len(), 2, "{groups:?}");
        assert_eq!(groups[0].count, 3);
        assert_eq!(
            groups[0].example, "china interfering??",
            "the latest wording"
        );
        assert_eq!(group(&gaps, Some("2026-01-03"), lexicon).len(), 1);
    }

    #[test]
    fn record_appends_rotates_and_reads_back() {
        let tmp = tempfile::tempdir().unwrap();
        let log = GapLog::new(tmp.path(), 200);
        for i in 0..6 {
            log.record(&gap(
                &format!("2026-01-0{}T00:00:00Z", i + 1),
                &format!("question number {i}"),
            ))
            .unwrap();
        }
        assert!(
            tmp.path().join("gaps.jsonl.1").exists(),
            "rotated past 200 bytes"
        );
        fs::write(tmp.path().join("gaps.jsonl.1"), b"not json\n").unwrap();
        let (gaps, skipped) = read_all(tmp.path()).unwrap();
        assert_eq!(skipped, 1);
        assert!(!gaps.is_empty());
        let text = fs::read_to_string(tmp.path().join(FILE)).unwrap();
        assert!(!text.contains("user"), "no user data");
    }

    #[test]
    fn gap_now_caps_question_length() {
        let g = Gap::now(&"x".repeat(5000), None, Some(2));
        assert_eq!(g.question.chars().count(), MAX_QUESTION_CHARS);
        assert!(g.time.ends_with('Z'));
    }
}
