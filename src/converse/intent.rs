//! Reading what a message is for before matching it as a question.

use crate::knowledge::KnowledgeBase;
use crate::matcher::normalize::tokens;
use crate::timeline::Query;

/// What a message asks for.
#[derive(Debug, Clone, PartialEq)]
pub enum Intent {
    Greeting,
    Thanks,
    Help,
    Sources,
    /// "tl;dr", "summarize the dispute".
    Overview,
    /// "who is X" where X is one entity of the base (its id).
    WhoIs(String),
    Timeline(Query),
    Question,
}

const GREETINGS: &[&str] = &[
    "hi",
    "hello",
    "hey",
    "yo",
    "sup",
    "hiya",
    "howdy",
    "greetings",
    "gm",
    "morning",
];
const THANKS: &[&str] = &["thanks", "thank", "thx", "ty", "cheers", "thanku", "tysm"];
/// Words a greeting or thanks may carry without becoming a question.
const POLITE: &[&str] = &[
    "bot", "there", "you", "so", "much", "a", "lot", "all", "again", "good", "everyone", "guys",
    "dispute", "ok", "okay", "that", "was", "helpful", "great", "nice", "really", "very",
];
const HELP: &[&[&str]] = &[
    &["help"],
    &["what", "is", "this", "bot"],
    &["what", "is", "this"],
    &["what", "can", "you", "do"],
    &["what", "do", "you", "do"],
    &["how", "does", "this", "work"],
    &["how", "do", "i", "use", "this"],
    &["commands"],
];
const OVERVIEW: &[&[&str]] = &[
    &["tl", "dr"],
    &["tldr"],
    &["summary"],
    &["summarize"],
    &["summarise"],
    &["overview"],
    &["what", "is", "the", "dispute"],
    &["what", "is", "this", "about"],
    &["what", "s", "the", "story"],
];
/// The twelve month names, in order.
const MONTHS: &[&str] = crate::matcher::frame::MONTHS.split_at(12).0;

/// Reads a message's intent. Only short, unambiguous forms are taken as
/// anything but a question: when in doubt, the matcher answers.
pub fn intent(kb: &KnowledgeBase, message: &str) -> Intent {
    let words = tokens(message);
    let w: Vec<&str> = words.iter().map(String::as_str).collect();
    if w.is_empty() {
        return Intent::Question;
    }
    let only = |set: &[&str]| w.iter().all(|x| set.contains(x) || POLITE.contains(x));
    if GREETINGS.contains(&w[0]) && only(GREETINGS) {
        return Intent::Greeting;
    }
    if w.iter().any(|x| THANKS.contains(x)) && only(THANKS) {
        return Intent::Thanks;
    }
    let is = |forms: &[&[&str]]| {
        forms.iter().any(|f| {
            let rest: Vec<&str> = w
                .iter()
                .copied()
                .filter(|x| !POLITE.contains(x) && !matches!(*x, "me" | "the" | "pls" | "please"))
                .collect();
            rest == *f
        })
    };
    if is(HELP) {
        return Intent::Help;
    }
    if is(OVERVIEW) || (w.first() == Some(&"summarize") || w.first() == Some(&"summarise")) {
        return Intent::Overview;
    }
    if is(&[
        &["sources"],
        &["what", "are", "your", "sources"],
        &["which", "articles"],
    ]) {
        return Intent::Sources;
    }
    if let Some(q) = timeline_query(&w) {
        return Intent::Timeline(q);
    }
    if let Some(id) = who_is(kb, &w) {
        return Intent::WhoIs(id);
    }
    Intent::Question
}

/// "timeline", "show the timeline", "what happened in october 2020",
/// "what happened in 2021".
fn timeline_query(w: &[&str]) -> Option<Query> {
    if w == ["timeline"] || w == ["show", "the", "timeline"] || w == ["show", "timeline"] {
        return Some(Query::default());
    }
    let rest = match w {
        ["what", "happened", "in", rest @ ..] => rest,
        ["what", "happened", rest @ ..] => rest,
        _ => return None,
    };
    let year = rest
        .iter()
        .find(|x| x.len() == 4 && x.bytes().all(|b| b.is_ascii_digit()))?;
    let month = rest
        .iter()
        .find_map(|x| MONTHS.iter().position(|m| m == x || m[..3] == **x));
    if rest.len() > 2 {
        return None; // more than "october 2020": a question for the matcher
    }
    let period = match month {
        Some(m) => format!("{year}-{:02}", m + 1),
        None => (*year).to_string(),
    };
    Some(Query {
        from: Some(period.clone()),
        to: Some(period),
        ..Query::default()
    })
}

/// "who is X" / "who's X" where X is, word for word, the name, an alias or
/// a listed misspelling of one entity ("who is the president of france"
/// names none: a question for the matcher).
fn who_is(kb: &KnowledgeBase, w: &[&str]) -> Option<String> {
    let name: Vec<&str> = match w {
        ["who", "is", rest @ ..] | ["whos", rest @ ..] | ["who", rest @ ..] => rest.to_vec(),
        _ => return None,
    };
    let name: Vec<&str> = name
        .into_iter()
        .filter(|x| !matches!(*x, "the" | "a" | "an" | "this" | "that"))
        .collect();
    if name.is_empty() {
        return None;
    }
    let wanted = name.join(" ");
    let same = |s: &str| {
        tokens(s)
            .into_iter()
            .filter(|x| !matches!(x.as_str(), "the" | "a" | "an"))
            .collect::<Vec<_>>()
            .join(" ")
            == wanted
    };
    let mut found = kb
        .entities
        .iter()
        .filter(|e| same(&e.name) || e.aliases.iter().chain(&e.misspellings).any(|a| same(a)));
    let first = found.next()?;
    // Two entities under one name: let the matcher sort it out.
    found.next().is_none().then(|| first.id.clone())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kb() -> KnowledgeBase {
        crate::knowledge::load_dir(std::path::Path::new("knowledge")).unwrap()
    }

    #[test]
    fn intent_reads_greetings_thanks_and_help() {
        let kb = kb();
        assert_eq!(intent(&kb, "hi"), Intent::Greeting);
        assert_eq!(intent(&kb, "hey bot"), Intent::Greeting);
        assert_eq!(intent(&kb, "thanks!"), Intent::Thanks);
        assert_eq!(
            intent(&kb, "Thanks, that was really helpful!"),
            Intent::Thanks
        );
        assert_eq!(intent(&kb, "help"), Intent::Help);
        assert_eq!(intent(&kb, "what is this bot?"), Intent::Help);
        assert_eq!(intent(&kb, "tl;dr"), Intent::Overview);
        assert_eq!(intent(&kb, "summarize the dispute"), Intent::Overview);
    }

    #[test]
    fn intent_reads_who_is_and_timelines() {
        let kb = kb();
        assert_eq!(
            intent(&kb, "who is khatibzadeh"),
            Intent::WhoIs("khatibzadeh".into())
        );
        assert_eq!(
            intent(&kb, "who's the iaea chief"),
            Intent::WhoIs("grossi".into())
        );
        let Intent::Timeline(q) = intent(&kb, "what happened in october 2020") else {
            panic!("a timeline")
        };
        assert_eq!(q.from.as_deref(), Some("2020-10"));
        assert_eq!(intent(&kb, "timeline"), Intent::Timeline(Query::default()));
    }

    #[test]
    fn intent_leaves_real_questions_to_the_matcher() {
        let kb = kb();
        for q in [
            "did iran deny it",
            "who is behind the emails",
            "hi, did iran deny it?",
            "what happened to the sanctions",
            "who is the president of france",
        ] {
            assert_eq!(intent(&kb, q), Intent::Question, "{q}");
        }
    }
}
