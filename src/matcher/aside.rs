//! Asides: the sentences of a chat message around its question ("saw grossi
//! trending. why is the iaea boss going to iran", "my teacher said …. what
//! else did trump want"). Their everyday words say why someone asks, not
//! what: they must not count against an answer as unknown words would.
//! Names and numbers in them still do — "i read biden got 81 million votes.
//! true?" asks about the votes.

use super::frame::QUESTION_WORDS;
use super::normalize::{all_tokens, read_part};
use super::stopwords::is_stopword;

/// Fewest words of its own (not stopwords) a question needs for the
/// statements around it to be asides.
const MIN_OWN_WORDS: usize = 2;

/// Auxiliaries that open a yes/no question ("did iran deny it"); none
/// longer than six letters (see `asks`).
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
    Message::read(message)
        .aside_words()
        .into_iter()
        .map(String::from)
        .collect()
}

/// A typed message read once, sentence by sentence: its tokens, as
/// `normalize::tokens` gives them, and which of them each sentence holds.
/// The scorer reads the tokens and the asides from this one pass (reading
/// a pasted paragraph a second time for its asides was a tenth of its
/// cost). A sentence ends at a mark and a space and tokens never span a
/// space, so the sentences' tokens in order are the message's.
#[derive(Debug)]
pub struct Message<'a> {
    pub tokens: Vec<String>,
    /// Each sentence's text and the end of its tokens in `tokens`.
    sentences: Vec<(&'a str, usize)>,
}

impl<'a> Message<'a> {
    /// Reads the part of `text` that is read (`read_part`).
    pub fn read(text: &'a str) -> Self {
        let mut tokens = Vec::new();
        let sentences = sentences(read_part(text))
            .map(|s| {
                tokens.extend(all_tokens(s));
                (s, tokens.len())
            })
            .collect();
        Message { tokens, sentences }
    }

    /// See [`aside_words`].
    pub fn aside_words(&self) -> Vec<&str> {
        // Most messages are one sentence: nothing to split, nothing to read.
        if self.sentences.len() < 2 {
            return Vec::new();
        }
        // Which sentences ask, from a scan that allocates nothing: most
        // messages of several sentences are all questions or all
        // statements, and need no more reading. A sentence of no letters
        // or digits is neither.
        let mut start = 0;
        let parts: Vec<(&[String], bool)> = self
            .sentences
            .iter()
            .filter_map(|&(s, end)| {
                let words = self.tokens.get(start..end).unwrap_or_default();
                start = end;
                s.chars()
                    .any(char::is_alphanumeric)
                    .then(|| (words, asks(s)))
            })
            .collect();
        if parts.iter().all(|(_, a)| *a) || !parts.iter().any(|(_, a)| *a) {
            return Vec::new();
        }
        let asked: Vec<&String> = parts
            .iter()
            .filter(|(_, asks)| *asks)
            .flat_map(|(words, _)| words.iter())
            .collect();
        // "biden's uncle said it. is that true?": a question of fewer than
        // two words of its own asks about the statement, which is then no
        // aside.
        if asked.iter().filter(|w| !is_stopword(w)).count() < MIN_OWN_WORDS {
            return Vec::new();
        }
        let mut out: Vec<&str> = Vec::new();
        for w in parts
            .iter()
            .filter(|(_, asks)| !*asks)
            .flat_map(|(words, _)| words.iter())
        {
            if !asked.contains(&w) && !out.contains(&w.as_str()) {
                out.push(w);
            }
        }
        out
    }
}

/// Whether a sentence reads as a question: it ends with "?", holds a
/// question word, or opens with an auxiliary ("did iran deny it").
fn asks(sentence: &str) -> bool {
    let mut words = sentence
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty());
    // No word of either list is longer than six letters: most words of a
    // pasted paragraph need no comparison.
    let is_in =
        |list: &[&str], w: &str| w.len() <= 6 && list.iter().any(|q| q.eq_ignore_ascii_case(w));
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
    fn a_message_read_by_sentence_has_the_tokens_of_the_whole() {
        use crate::matcher::normalize::tokens;
        for message in [
            "my teacher said so. what else did trump want from iran",
            "what did the U.S. say? i read it! Iran’s “naïve” claims; 2.0 ok",
            "saw it… trending!! why is the iaea chief going to iran?? source pls",
            "ایران انتخابات. did iran 🤔 deny it? ❤️ 選挙 выборы.",
            "a\u{a0}b. c\td;  e\n f? ...",
            "",
        ] {
            assert_eq!(Message::read(message).tokens, tokens(message), "{message}");
        }
        let long = "Iran said it. ".repeat(40) + "did iran deny it?";
        assert_eq!(Message::read(&long).tokens, tokens(&long));
    }

    #[test]
    fn no_word_that_makes_a_question_is_longer_than_six_letters() {
        for w in OPENING_AUXILIARIES.iter().chain(QUESTION_WORDS) {
            assert!(w.len() <= 6, "{w}: asks() skips longer words");
        }
    }

    #[test]
    fn sentences_end_at_a_mark_and_a_space() {
        let s: Vec<&str> = sentences("a b?? c. d").collect();
        assert_eq!(s, vec!["a b??", " c.", " d"]);
        assert_eq!(sentences("").count(), 0);
    }
}
