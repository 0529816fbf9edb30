//! Asides: the sentences of a chat message around its question ("saw grossi
//! trending. why is the iaea boss going to iran", "my teacher said …. what
//! else did trump want"). Their everyday words say why someone asks, not
//! what: they must not count against an answer as unknown words would.
//! Names and numbers in them still do — "i read biden got 81 million votes.
//! true?" asks about the votes.

use super::char_class;
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
    /// Whether each sentence asks (see [`asks`]), worked out when first
    /// needed: the asides and the chatter both ask it of every sentence,
    /// and a one-sentence question mostly needs neither.
    asking: std::cell::OnceCell<Vec<bool>>,
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
        Message {
            tokens,
            sentences,
            asking: std::cell::OnceCell::new(),
        }
    }

    /// Whether each sentence asks, in order.
    fn asking(&self) -> &[bool] {
        self.asking
            .get_or_init(|| self.sentences.iter().map(|(s, _)| asks(s)).collect())
    }

    /// Whether sentence `i` asks (false past the last).
    fn asks_at(&self, i: usize) -> bool {
        self.asking().get(i).copied().unwrap_or(false)
    }

    /// Sentence `i`'s text and its tokens' range in `tokens` (empty past
    /// the last).
    fn sentence(&self, i: usize) -> (&'a str, std::ops::Range<usize>) {
        let start = i
            .checked_sub(1)
            .and_then(|p| self.sentences.get(p))
            .map_or(0, |&(_, end)| end);
        self.sentences
            .get(i)
            .map_or(("", start..start), |&(s, end)| (s, start..end))
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
        let parts: Vec<(&[String], bool)> = (0..self.sentences.len())
            .filter_map(|i| {
                let (s, tokens) = self.sentence(i);
                let words = self.tokens.get(tokens).unwrap_or_default();
                s.chars()
                    .any(char_class::is_alphanumeric)
                    .then(|| (words, self.asks_at(i)))
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

/// Longest clause or sentence read as chatter: greetings, thanks and
/// lead-ins are short, and a longer one is more likely to say something.
const MAX_CHATTER_WORDS: usize = 8;

/// Marks that end a lead-in clause ("out of curiosity*,*", "small
/// thing*:*", "trying to understand *-*"; and " - ").
const LEAD_MARKS: &[char] = &[',', ':', '—', '–'];
/// Marks that open a closing clause ("*,* thanks a lot", "*(*no rush)";
/// and " - ").
const TAIL_MARKS: &[char] = &[',', '(', '—', '–'];

impl Message<'_> {
    /// Which tokens are chatter: a sentence that does not ask, a clause
    /// that opens the first sentence left or closes the last one, when
    /// none of its words is one the base knows as typed (`knows`: a word
    /// of a fact or an alias, a name, a number) and what is left asks or
    /// has two words of its own. "Out of curiosity, who is kashian", "For my
    /// essay: …", "… - thanks a lot", "Greetings! …". Such words say how
    /// someone asks, not what: read as words, "confirm" would find
    /// *support* and "in advance" *progress*. A lead-in that names
    /// something ("In 2020, who …", "Regarding the sanctions, …") stays.
    ///
    /// A message that does not ask ("emennet pasargad sanctions, thanks a
    /// lot") must keep a `telling` word — one of the base's that is no
    /// everyday word, a name or a number — for its chatter to be set
    /// aside: "good morning everyone, hope you slept well" is chatter
    /// whole, and its everyday words are the evidence of it.
    pub fn chatter(
        &self,
        knows: impl Fn(&str) -> bool,
        telling: impl Fn(&str) -> bool,
    ) -> Vec<bool> {
        let mut drop = vec![false; self.tokens.len()];
        // Most messages are one sentence with no clause mark: nothing to
        // look for.
        if self.sentences.len() < 2 && !self.sentences.iter().any(|(s, _)| may_have_clause(s)) {
            return drop;
        }
        // Stopwords alone change nothing read ("need the exact quote"):
        // chatter has an everyday word the base lacks.
        // Cheapest tests first: length, then stopwords; `knows` (a stem and
        // lookups) only for the few words left.
        let is_chat = |words: &[String]| {
            words.len() <= MAX_CHATTER_WORDS && {
                let mut content = words.iter().filter(|w| !is_stopword(w)).peekable();
                content.peek().is_some() && !content.any(|w| knows(w))
            }
        };
        // The sentences read, by position: all but those of chatter.
        let mut read: Vec<usize> = Vec::new();
        // A message of one sentence has no sentence of chatter: nothing
        // would be left.
        let several = self.sentences.len() > 1;
        for i in 0..self.sentences.len() {
            let (_, tokens) = self.sentence(i);
            let words = self.tokens.get(tokens.clone()).unwrap_or_default();
            // The length first, `asks` next, `is_chat` (which stems) last.
            if several && words.len() <= MAX_CHATTER_WORDS && !self.asks_at(i) && is_chat(words) {
                drop[tokens].fill(true);
            } else {
                read.push(i);
            }
        }
        let (Some(&first), Some(&last)) = (read.first(), read.last()) else {
            return vec![false; self.tokens.len()];
        };
        let ((first, first_tokens), (last, last_tokens)) =
            (self.sentence(first), self.sentence(last));
        let (first_start, last_end) = (first_tokens.start, last_tokens.end);
        // A clause (its text, and its tokens in `self.tokens`) is chatter
        // when its words are and it does not ask.
        let mut drop_if_chat = |clause: &str, tokens: std::ops::Range<usize>| {
            if is_chat(&self.tokens[tokens.clone()]) && !asks(clause) {
                drop[tokens].fill(true);
            }
        };
        // A clause of chatter is short: look for its mark among the first
        // and last words only, however long the sentence.
        let first = opening_words(first, MAX_CHATTER_WORDS + 1);
        // " - " is a clause mark; a hyphen inside a word is not.
        let lead_end = match (first.find(LEAD_MARKS), first.find(" - ")) {
            (Some(a), Some(b)) => Some(a.min(b)),
            (a, b) => a.or(b),
        };
        if let Some(at) = lead_end {
            let n = all_tokens(&first[..at]).len();
            drop_if_chat(&first[..at], first_start..first_start + n);
        }
        // The closing clause, its own closing marks aside ("(no rush)").
        let last = closing_words(last, MAX_CHATTER_WORDS + 1);
        let body = last.trim_end_matches(|c: char| !char_class::is_alphanumeric(c));
        if let Some(at) = body.rfind(TAIL_MARKS).max(body.rfind(" - ")) {
            let n = all_tokens(&last[at..]).len();
            drop_if_chat(&last[at..], last_end - n..last_end);
        }
        if !drop.contains(&true) {
            return drop;
        }
        // What is left must ask, or say two things of its own: everyday
        // words are evidence that a message is about something else
        // ("<script>alert('pwned')</script>"), to be set aside only around
        // a question.
        let own = self
            .tokens
            .iter()
            .zip(&drop)
            .filter(|(w, d)| !**d && !is_stopword(w))
            .count();
        let asking = read.iter().any(|&i| self.asks_at(i));
        let tells = || {
            self.tokens
                .iter()
                .zip(&drop)
                .any(|(w, d)| !*d && telling(w))
        };
        if own == 0 || (own < MIN_OWN_WORDS && !asking) || (!asking && !tells()) {
            return vec![false; self.tokens.len()];
        }
        drop
    }
}

/// Whether `s` may hold a clause mark (`LEAD_MARKS`, `TAIL_MARKS`, " - "):
/// one scan of bytes, as most messages have none ('\u{e2}' leads "—" and
/// "–"; a test holds it to the lists).
fn may_have_clause(s: &str) -> bool {
    s.bytes()
        .any(|b| matches!(b, b',' | b':' | b'(' | b'-' | 0xE2))
}

/// The start of `s` up to its `n`th space-separated word, whole.
fn opening_words(s: &str, n: usize) -> &str {
    match s.match_indices(char::is_whitespace).nth(n) {
        Some((at, _)) => &s[..at],
        None => s,
    }
}

/// The end of `s` from its `n`th space-separated word from the end.
fn closing_words(s: &str, n: usize) -> &str {
    match s.rmatch_indices(char::is_whitespace).nth(n) {
        Some((at, sp)) => &s[at + sp.len()..],
        None => s,
    }
}

/// Whether a sentence reads as a question: it ends with "?", holds a
/// question word, or opens with an auxiliary ("did iran deny it").
fn asks(sentence: &str) -> bool {
    let mut words = sentence
        .split(|c: char| !char_class::is_alphanumeric(c))
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

    /// The words read after chatter is set aside, with `known` as the
    /// base's words.
    fn read(message: &str, known: &[&str]) -> String {
        let m = Message::read(message);
        let chatter = m.chatter(
            |w| known.contains(&w),
            |w| known.contains(&w) && w != "deny",
        );
        m.tokens
            .iter()
            .zip(&chatter)
            .filter(|(_, c)| !**c)
            .map(|(w, _)| w.as_str())
            .collect::<Vec<_>>()
            .join(" ")
    }

    #[test]
    fn chatter_clauses_and_sentences_are_not_read() {
        let known = ["kashian", "iran", "sanctions", "deny", "2020", "confirm"];
        for (message, read_as) in [
            (
                "Out of curiosity, who is kashian (no rush)",
                "who is kashian",
            ),
            (
                "Howdy partner! did iran deny it - thanks a lot",
                "did iran deny it",
            ),
            (
                "Out of curiosity, did iran deny it - thanks a lot",
                "did iran deny it",
            ),
            // Stopwords alone are left be: they change nothing read.
            (
                "So - did iran deny it, thanks",
                "so did iran deny it thanks",
            ),
            // A lead-in naming something the base knows is read.
            (
                "Regarding the sanctions, did iran deny it",
                "regarding the sanctions did iran deny it",
            ),
            (
                "Just to confirm, did iran deny it",
                "just to confirm did iran deny it",
            ),
            // A lead-in that asks is the question.
            ("who knows, iran sanctions", "who knows iran sanctions"),
            // Something must be left to read.
            ("Out of curiosity, is it", "out of curiosity is it"),
            // Not asking, and nothing telling left: chatter whole.
            ("ok, deny, thanks a lot", "ok deny thanks a lot"),
            ("iran sanctions - thanks a lot", "iran sanctions"),
            // Everyday words around a lone word that does not ask are
            // evidence the message is about something else.
            ("<script>alert('iran')</script>", "script alert iran script"),
        ] {
            assert_eq!(read(message, &known), read_as, "{message}");
        }
        assert_eq!(
            read("In 2020, did iran deny it", &["iran", "deny", "2020"]),
            "in 2020 did iran deny it"
        );
        // Longer than a lead-in: more likely to say something.
        let long = "so i was reading some long thread about all of this today, did iran deny it";
        assert_eq!(read(long, &known).split(' ').count(), 16);
    }

    #[test]
    fn every_clause_mark_is_seen_by_the_quick_scan() {
        for mark in LEAD_MARKS.iter().chain(TAIL_MARKS) {
            assert!(may_have_clause(&format!("a{mark}b")), "{mark}");
        }
        assert!(may_have_clause("a - b"));
        assert!(!may_have_clause("did iran deny it?"));
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
