//! Asides: the sentences of a chat message around its question ("saw grossi
//! trending. why is the iaea boss going to iran", "my teacher said …. what
//! else did trump want"). Their everyday words say why someone asks, not
//! what: they must not count against an answer as unknown words would.
//! Names and numbers in them still do — "i read biden got 81 million votes.
//! true?" asks about the votes.

use super::frame::QUESTION_WORDS;
use super::normalize::{read_part, tokens};
use super::stopwords::is_stopword;

/// Fewest words of its own (not stopwords) a question needs for the
/// statements around it to be asides.
const MIN_OWN_WORDS: usize = 2;

/// Auxiliaries that open a yes/no question ("did iran deny it").
const OPENING_AUXILIARIES: &[&str] = &[
    "did", "does", "do", "is", "are", "was", "were", "has", "have", "had", "can", "could", "will",
    "would", "should",
];

/// Words of the message's asides that its question sentences do not use;
/// none when the message is one sentence, or has no sentence that reads as
/// a question.
///
/// ```
/// use dispute_bot::matcher::aside::aside_words;
/// assert_eq!(
///     aside_words("saw it trending. why is the iaea chief going to iran"),
///     vec!["saw", "it", "trending"]
/// );
/// assert!(aside_words("why is the iaea chief going to iran").is_empty());
/// ```
pub fn aside_words(message: &str) -> Vec<String> {
    let message = read_part(message);
    // Most messages are one sentence: nothing to split, nothing to read.
    if sentences(message).nth(1).is_none() {
        return Vec::new();
    }
    // Which sentences ask, from a scan that allocates nothing: most
    // messages of several sentences are all questions or all statements,
    // and need no more reading.
    let parts: Vec<(&str, bool)> = sentences(message)
        .filter(|s| s.chars().any(char::is_alphanumeric))
        .map(|s| (s, asks(s)))
        .collect();
    if parts.iter().all(|(_, a)| *a) || !parts.iter().any(|(_, a)| *a) {
        return Vec::new();
    }
    // Only the part read as the question (`read_part`): a pasted page
    // costs what a question does.
    let sentences: Vec<(Vec<String>, bool)> = parts.iter().map(|&(s, a)| (tokens(s), a)).collect();
    let asked: Vec<&String> = sentences
        .iter()
        .filter(|(_, asks)| *asks)
        .flat_map(|(words, _)| words)
        .collect();
    // "biden's uncle said it. is that true?": a question of fewer than two
    // words of its own asks about the statement, which is then no aside.
    if asked.iter().filter(|w| !is_stopword(w)).count() < MIN_OWN_WORDS {
        return Vec::new();
    }
    let mut out: Vec<String> = Vec::new();
    for w in sentences
        .iter()
        .filter(|(_, asks)| !*asks)
        .flat_map(|(words, _)| words)
    {
        if !asked.contains(&w) && !out.contains(w) {
            out.push(w.clone());
        }
    }
    out
}

/// Whether a sentence reads as a question: it ends with "?", holds a
/// question word, or opens with an auxiliary ("did iran deny it").
fn asks(sentence: &str) -> bool {
    let mut words = sentence
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty());
    let is_in = |list: &[&str], w: &str| list.iter().any(|q| q.eq_ignore_ascii_case(w));
    sentence.trim_end().ends_with('?')
        || words
            .next()
            .is_some_and(|w| is_in(OPENING_AUXILIARIES, w) || is_in(QUESTION_WORDS, w))
        || words.any(|w| is_in(QUESTION_WORDS, w))
}

/// The message's sentences, each with its closing marks: a run of `.`, `!`,
/// `?` or `;` followed by a space ends one.
fn sentences(message: &str) -> impl Iterator<Item = &str> {
    let mut rest = message;
    std::iter::from_fn(move || {
        if rest.is_empty() {
            return None;
        }
        let bytes = rest.as_bytes();
        let mut end = rest.len();
        for (i, &b) in bytes.iter().enumerate() {
            let closes = matches!(b, b'.' | b'!' | b'?' | b';');
            let next_is_space = bytes.get(i + 1).is_some_and(|n| n.is_ascii_whitespace());
            if closes && next_is_space {
                end = i + 1;
                break;
            }
        }
        let (sentence, tail) = rest.split_at(end);
        rest = tail;
        Some(sentence)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn statements_before_or_after_a_question_are_asides() {
        assert_eq!(
            aside_words("my teacher said so. what else did trump want from iran"),
            vec!["my", "teacher", "said", "so"]
        );
        assert_eq!(
            aside_words("who got charged for the hack? source pls"),
            vec!["source", "pls"]
        );
        // Words the question uses are the question's.
        assert_eq!(
            aside_words("trump left the deal. when did trump leave"),
            vec!["left", "the", "deal"]
        );
    }

    #[test]
    fn a_message_of_one_kind_of_sentence_has_no_asides() {
        assert!(aside_words("did iran deny it").is_empty());
        assert!(aside_words("iran hacked it. they denied it.").is_empty());
        assert!(aside_words("who said it? when?").is_empty());
        // A question that leans on the statement before it.
        assert!(aside_words("an uncle said iran hacked it. is that true?").is_empty());
        // No space after the mark: one sentence ("U.S.", "2.0").
        assert!(aside_words("what did the U.S.say").is_empty());
    }

    #[test]
    fn sentences_end_at_a_mark_and_a_space() {
        let s: Vec<&str> = sentences("a b?? c. d").collect();
        assert_eq!(s, vec!["a b??", " c.", " d"]);
        assert_eq!(sentences("").count(), 0);
    }
}
