//! Question sets and how the matcher does on them: our own sets
//! (`tests/questions/*.toml`, expected fact ids) and the dev sets written by
//! people who read only the articles (`tests/questions/dev-*.jsonl`,
//! expected phrases of the quote), scored the way `../shared/eval/score.py`
//! scores them. Used by the accuracy test and `examples/calibrate.rs`.

use std::path::Path;

use serde::Deserialize;

use crate::answer::Answer;
use crate::knowledge::KnowledgeBase;

/// What a correct reply to a question is.
#[derive(Debug, Clone, PartialEq)]
pub enum Expect {
    /// The top quote is one of these facts.
    Facts(Vec<String>),
    /// The top quote contains one of these phrases (normalised).
    Phrases(Vec<String>),
    /// The bot says it does not know.
    Abstain,
}

/// One question of a set.
#[derive(Debug, Clone)]
pub struct Question {
    pub text: String,
    pub expect: Expect,
    /// The set's own label for the question (`typo`, `near-topic`, …).
    pub kind: String,
}

/// Why a question set could not be read.
#[derive(Debug, thiserror::Error)]
pub enum SetError {
    #[error("reading {path}: {message}")]
    Read { path: String, message: String },
    #[error("{path}:{line}: {message}")]
    Parse {
        path: String,
        line: usize,
        message: String,
    },
}

#[derive(Deserialize)]
struct TomlSet {
    q: Vec<TomlQ>,
}

#[derive(Deserialize)]
struct TomlQ {
    text: String,
    #[serde(default)]
    expect: Vec<String>,
}

#[derive(Deserialize)]
struct JsonQ {
    q: String,
    kind: String,
    #[serde(default)]
    expect_any: Vec<String>,
    #[serde(default)]
    abstain: bool,
    #[serde(default)]
    sub: Option<String>,
}

/// Reads a set: TOML (`[[q]] text, expect`; no `expect` means abstain) or
/// JSONL (`{"q", "kind", "expect_any" | "abstain"}`), by extension.
pub fn read_set(path: &Path) -> Result<Vec<Question>, SetError> {
    let text = std::fs::read_to_string(path).map_err(|e| SetError::Read {
        path: path.display().to_string(),
        message: e.to_string(),
    })?;
    parse_set(&path.display().to_string(), &text)
}

/// Parses a set's text; `name` says which format (by its extension).
pub fn parse_set(name: &str, text: &str) -> Result<Vec<Question>, SetError> {
    if name.ends_with(".jsonl") {
        let mut out = Vec::new();
        for (i, line) in text.lines().enumerate() {
            if line.trim().is_empty() {
                continue;
            }
            let q: JsonQ = serde_json::from_str(line).map_err(|e| SetError::Parse {
                path: name.to_string(),
                line: i + 1,
                message: e.to_string(),
            })?;
            let expect = if q.abstain || q.expect_any.is_empty() {
                Expect::Abstain
            } else {
                Expect::Phrases(q.expect_any)
            };
            out.push(Question {
                text: q.q,
                expect,
                kind: q.sub.unwrap_or(q.kind),
            });
        }
        Ok(out)
    } else {
        let set: TomlSet = toml::from_str(text).map_err(|e| SetError::Parse {
            path: name.to_string(),
            line: 0,
            message: e.to_string(),
        })?;
        Ok(set
            .q
            .into_iter()
            .map(|q| {
                let answerable = !q.expect.is_empty();
                Question {
                    text: q.text,
                    expect: if answerable {
                        Expect::Facts(q.expect)
                    } else {
                        Expect::Abstain
                    },
                    kind: if answerable {
                        "own"
                    } else if name.contains("near-topic") {
                        "near-topic"
                    } else {
                        "own-offtopic"
                    }
                    .to_string(),
                }
            })
            .collect())
    }
}

/// Case, whitespace and curly/straight quotes folded, as score.py compares.
pub fn fold(s: &str) -> String {
    let s: String = s
        .chars()
        .map(|c| match c {
            '\u{2018}' | '\u{2019}' => '\'',
            '\u{201C}' | '\u{201D}' => '"',
            c => c,
        })
        .collect();
    s.to_lowercase()
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

/// Whether fact `id` would be a correct top answer to `q`.
pub fn fact_answers(kb: &KnowledgeBase, q: &Question, id: &str) -> bool {
    match &q.expect {
        Expect::Facts(ids) => ids.iter().any(|e| e == id),
        Expect::Phrases(phrases) => kb.fact(id).is_some_and(|f| {
            let quote = fold(&f.quote);
            phrases.iter().any(|p| quote.contains(&fold(p)))
        }),
        Expect::Abstain => false,
    }
}

/// Whether the bot's reply `a` to `q` is right.
pub fn is_correct(kb: &KnowledgeBase, q: &Question, a: &Answer) -> bool {
    match (&q.expect, a.answers.first()) {
        (Expect::Abstain, _) => !a.answered,
        (_, Some(top)) if a.answered => fact_answers(kb, q, &top.fact_id),
        _ => false,
    }
}

/// Accuracy on one set, split as score.py splits it.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct Score {
    pub answerable: usize,
    pub answerable_right: usize,
    pub abstain: usize,
    pub abstain_right: usize,
    pub near_topic: usize,
    pub near_topic_right: usize,
}

impl Score {
    pub fn add(&mut self, q: &Question, right: bool) {
        if q.expect == Expect::Abstain {
            self.abstain += 1;
            self.abstain_right += usize::from(right);
            if q.kind == "near-topic" {
                self.near_topic += 1;
                self.near_topic_right += usize::from(right);
            }
        } else {
            self.answerable += 1;
            self.answerable_right += usize::from(right);
        }
    }

    fn share(right: usize, of: usize) -> f64 {
        if of == 0 {
            1.0
        } else {
            right as f64 / of as f64
        }
    }

    pub fn answerable_rate(&self) -> f64 {
        Self::share(self.answerable_right, self.answerable)
    }

    pub fn abstain_rate(&self) -> f64 {
        Self::share(self.abstain_right, self.abstain)
    }

    pub fn near_topic_rate(&self) -> f64 {
        Self::share(self.near_topic_right, self.near_topic)
    }

    pub fn overall(&self) -> f64 {
        Self::share(
            self.answerable_right + self.abstain_right,
            self.answerable + self.abstain,
        )
    }
}

impl std::fmt::Display for Score {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "answerable {:.3} abstain {:.3} near-topic {:.3} overall {:.3} (n={})",
            self.answerable_rate(),
            self.abstain_rate(),
            self.near_topic_rate(),
            self.overall(),
            self.answerable + self.abstain
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parse_set_reads_jsonl_answerable_and_offtopic() {
        let text = r#"{"id": "c1", "q": "did iran deny it", "kind": "paraphrase", "expect_any": ["Iran has dismissed"]}
{"id": "c2", "q": "who won", "kind": "offtopic", "abstain": true, "sub": "near-topic"}
"#;
        let set = parse_set("x.jsonl", text).unwrap();
        assert_eq!(set.len(), 2);
        assert_eq!(
            set[0].expect,
            Expect::Phrases(vec!["Iran has dismissed".into()])
        );
        assert_eq!(set[1].expect, Expect::Abstain);
        assert_eq!(set[1].kind, "near-topic");
    }

    #[test]
    fn fold_matches_quotes_and_case() {
        assert_eq!(fold("Iran’s  “Cyber\nArmy”"), "iran's \"cyber army\"");
    }

    #[test]
    fn score_splits_answerable_and_abstain() {
        let q = |e| Question {
            text: String::new(),
            expect: e,
            kind: "near-topic".into(),
        };
        let mut s = Score::default();
        s.add(&q(Expect::Abstain), true);
        s.add(&q(Expect::Phrases(vec![])), false);
        assert_eq!(s.overall(), 0.5);
        assert_eq!(s.near_topic_rate(), 1.0);
    }
}
