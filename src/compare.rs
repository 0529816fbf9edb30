//! What an edit to the base changes: the same questions answered by two
//! bases (the committed one and the working copy), and every answer that
//! differs. Shown by `dispute-bot diff` before an edit goes live.

use crate::answer::answer;
use crate::engine::Engine;

/// One question whose answer differs between two bases.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Change {
    pub question: String,
    /// The fact answered with before (`None`: "I don't know").
    pub before: Option<String>,
    pub after: Option<String>,
}

impl std::fmt::Display for Change {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let side = |s: &Option<String>| s.clone().unwrap_or_else(|| "I don't know".to_string());
        write!(
            f,
            "“{}”: {} → {}",
            self.question,
            side(&self.before),
            side(&self.after)
        )
    }
}

/// The top fact `engine` answers `question` with, if it answers.
fn top(engine: &Engine, question: &str) -> Option<String> {
    let a = answer(engine, question);
    a.answers
        .first()
        .filter(|_| a.answered)
        .map(|c| c.fact_id.clone())
}

/// Every question (deduplicated, in order) whose answer differs.
pub fn changes(before: &Engine, after: &Engine, questions: &[String]) -> Vec<Change> {
    let mut seen = std::collections::HashSet::new();
    questions
        .iter()
        .filter(|q| seen.insert(q.as_str()))
        .filter_map(|q| {
            let (b, a) = (top(before, q), top(after, q));
            (b != a).then(|| Change {
                question: q.clone(),
                before: b,
                after: a,
            })
        })
        .collect()
}

/// The example questions of both bases: what each base was written to answer.
pub fn example_questions(before: &Engine, after: &Engine) -> Vec<String> {
    before
        .kb
        .facts
        .iter()
        .chain(&after.kb.facts)
        .flat_map(|f| f.questions.iter().cloned())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn changes_lists_only_answers_that_differ() {
        let kb = crate::knowledge::load_dir(std::path::Path::new("knowledge")).unwrap();
        let before = Engine::new(kb.clone());
        let mut kb2 = kb;
        kb2.facts.retain(|f| f.id != "khatibzadeh-fabricated");
        kb2.reindex();
        let after = Engine::new(kb2);
        let qs = vec![
            "what did khatibzadeh call the allegations".to_string(),
            "when do the vienna talks resume".to_string(),
        ];
        let c = changes(&before, &after, &qs);
        assert_eq!(c.len(), 1, "{c:?}");
        assert_eq!(c[0].before.as_deref(), Some("khatibzadeh-fabricated"));
        assert_ne!(c[0].after.as_deref(), Some("khatibzadeh-fabricated"));
    }
}
