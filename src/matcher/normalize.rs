//! Text normalisation shared by the index and the questions, so both sides
//! see the same words: lowercase, no accents, curly quotes and dashes
//! folded, possessives dropped, dotted acronyms joined ("u.s." → "us").

use unicode_normalization::char::{decompose_compatible, is_combining_mark};

use super::char_class;

/// The longest input we look at, in characters. Discord allows 4,000; the
/// longest question in our test sets is under 80 and a tweet is 280, so
/// 280 loses nothing real while a fixed cap keeps a hostile message from
/// costing more than a normal one.
pub const MAX_INPUT_CHARS: usize = 280;

/// The longest token we keep, in characters. Longer "words" are noise (a
/// pasted hash, one letter held down) and would only make typo repair slow.
pub const MAX_TOKEN_CHARS: usize = 32;

/// Splits a question into normalised word tokens, looking at no more than
/// `MAX_INPUT_CHARS` of it.
///
/// ```
/// use dispute_bot::matcher::normalize::tokens;
/// assert_eq!(tokens("Iran’s “naïve” U.S. claims!"), vec!["iran", "naive", "us", "claims"]);
/// ```
pub fn tokens(text: &str) -> Vec<String> {
    all_tokens(read_part(text))
}

/// The length of the first of `phrases` that `tokens` open with: word
/// lists ("in the end", "apart from") are looked for at a position by this
/// one comparison.
///
/// ```
/// use dispute_bot::matcher::normalize::opening_phrase;
/// let w = |s: &str| s.split(' ').map(String::from).collect::<Vec<_>>();
/// let lists: &[&[&str]] = &[&["apart", "from"], &["besides"]];
/// assert_eq!(opening_phrase(&w("apart from iran"), lists), Some(2));
/// assert_eq!(opening_phrase(&w("apart"), lists), None);
/// ```
pub fn opening_phrase(tokens: &[String], phrases: &[&[&str]]) -> Option<usize> {
    phrases
        .iter()
        .find(|p| tokens.len() >= p.len() && tokens.iter().zip(p.iter()).all(|(t, w)| t == w))
        .map(|p| p.len())
}

/// The part of a typed text that is read: its first `MAX_INPUT_CHARS`.
pub fn read_part(text: &str) -> &str {
    match text.char_indices().nth(MAX_INPUT_CHARS) {
        Some((cut, _)) => &text[..cut],
        None => text,
    }
}

/// Splits trusted text (the knowledge base's own quotes, claims, names)
/// into normalised word tokens, however long it is.
pub fn all_tokens(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    let (mut folded, mut current) = (String::new(), String::new());
    each_token(text, &mut folded, &mut current, &mut |t| {
        out.push(t.to_string())
    });
    out
}

/// Reusable buffers for tokenising many texts: building the index reads
/// every text of the base, and a fresh string per token was most of its
/// cost (callgrind). Tokens are written into strings kept from earlier
/// texts.
#[derive(Debug, Default)]
pub struct TokenPool {
    folded: String,
    current: String,
    tokens: Vec<String>,
    len: usize,
}

impl TokenPool {
    /// The tokens of `text`, as [`all_tokens`] gives them.
    pub fn tokenize(&mut self, text: &str) -> &[String] {
        self.len = 0;
        let (mut folded, mut current) = (
            std::mem::take(&mut self.folded),
            std::mem::take(&mut self.current),
        );
        each_token(text, &mut folded, &mut current, &mut |t| self.push(t));
        (self.folded, self.current) = (folded, current);
        &self.tokens[..self.len]
    }

    fn push(&mut self, token: &str) {
        match self.tokens.get_mut(self.len) {
            Some(slot) => {
                slot.clear();
                slot.push_str(token);
            }
            None => self.tokens.push(token.to_string()),
        }
        self.len += 1;
    }
}

/// Calls `emit` with each normalised token of `text`; `folded` and
/// `current` are scratch buffers.
fn each_token(text: &str, folded: &mut String, current: &mut String, emit: &mut dyn FnMut(&str)) {
    if text.is_ascii() {
        each_ascii_token(text.as_bytes(), folded, current, emit);
    } else {
        each_folded_token(text, folded, current, emit);
    }
}

/// [`each_token`] for plain ASCII, most text: read straight from its bytes,
/// lowercased as tokens are written. (Folding a copy of the text first,
/// then splitting the copy, was most of indexing a base: callgrind.)
fn each_ascii_token(
    text: &[u8],
    folded: &mut String,
    current: &mut String,
    emit: &mut dyn FnMut(&str),
) {
    // What `fold_punctuation` turns into a space: whitespace and controls.
    let separates = |b: &u8| b.is_ascii_whitespace() || b.is_ascii_control();
    for chunk in text.split(separates).filter(|c| !c.is_empty()) {
        if chunk.contains(&b'.') {
            folded.clear();
            folded.extend(
                chunk
                    .iter()
                    .map(|&b| fold_punctuation(char::from(b.to_ascii_lowercase()))),
            );
            if let Some(acronym) = dotted_acronym(folded) {
                emit(&acronym);
                continue;
            }
        }
        split_ascii_chunk(chunk, current, emit);
    }
}

/// [`each_token`] for any text: decomposed (accents dropped), lowercased
/// and its punctuation folded, then split.
fn each_folded_token(
    text: &str,
    folded: &mut String,
    current: &mut String,
    emit: &mut dyn FnMut(&str),
) {
    folded.clear();
    folded.reserve(text.len());
    // Each character's compatibility decomposition, without the
    // normalising iterator's reordering of marks: every mark it would
    // reorder (a nonzero combining class) is a combining mark, dropped
    // here anyway (`every_reordered_character_is_a_dropped_mark`). The
    // iterator's buffering was most of reading a message outside ASCII.
    // Most characters fold to themselves (an ideograph, an emoji, a
    // lowercase letter), which a table says without asking the crates.
    for c in text.chars() {
        if char_class::folds_to_itself(c) {
            folded.push(fold_punctuation(c));
            continue;
        }
        decompose_compatible(c, |d| {
            if !is_combining_mark(d) {
                folded.extend(d.to_lowercase().map(fold_punctuation));
            }
        });
    }
    split_folded(folded, current, emit);
}

/// Splits folded text into tokens: dotted acronyms whole, every other
/// chunk between spaces by [`split_chunk`] (its ASCII twin for ASCII).
fn split_folded(folded: &str, current: &mut String, emit: &mut dyn FnMut(&str)) {
    for chunk in folded.split_whitespace() {
        if let Some(acronym) = dotted_acronym(chunk) {
            emit(&acronym);
            continue;
        }
        if chunk.is_ascii() {
            split_ascii_chunk(chunk.as_bytes(), current, emit);
        } else {
            split_chunk(chunk, current, emit);
        }
    }
}

/// Maps the many apostrophes and dashes people type onto `'` and `-`.
fn fold_punctuation(c: char) -> char {
    match c {
        '\u{2018}' | '\u{2019}' | '\u{02BC}' | '`' | '\u{00B4}' => '\'',
        '\u{2010}'..='\u{2015}' | '\u{2212}' => '-',
        c if c.is_whitespace() || c.is_control() => ' ',
        c => c,
    }
}

/// "u.s." / "u.s" / "f.b.i." → "us" / "fbi".
fn dotted_acronym(chunk: &str) -> Option<String> {
    if !chunk.contains('.') {
        return None;
    }
    let trimmed = chunk.trim_matches(|c: char| !c.is_alphanumeric() && c != '.');
    let letters: Vec<&str> = trimmed.split('.').filter(|s| !s.is_empty()).collect();
    let is_acronym = letters.len() >= 2
        && trimmed.contains('.')
        && letters
            .iter()
            .all(|l| l.chars().count() == 1 && l.chars().all(char::is_alphabetic));
    is_acronym.then(|| letters.concat())
}

/// Splits one whitespace-free chunk into tokens at punctuation, dropping
/// possessive `'s`, joining digit groups ("100,000"), and removing other
/// apostrophes inside words ("don't" → "dont").
fn split_chunk(chunk: &str, current: &mut String, out: &mut dyn FnMut(&str)) {
    // One buffer, reused for each token (`push_token` hands it out).
    current.clear();
    let mut chars = chunk.chars().peekable();
    let mut prev: Option<char> = None;
    while let Some(c) = chars.next() {
        let next = chars.peek().copied();
        if char_class::is_alphanumeric(c) {
            current.push(c);
        } else if c == '\'' && !current.is_empty() {
            if next == Some('s') {
                let mut ahead = chars.clone();
                ahead.next();
                if ahead
                    .peek()
                    .is_none_or(|&a| !char_class::is_alphanumeric(a))
                {
                    chars.next(); // possessive: skip the `s`
                }
            }
        } else if c == ','
            && prev.is_some_and(|p| p.is_ascii_digit())
            && next.is_some_and(|n| n.is_ascii_digit())
        {
            // thousands separator: keep the number whole
        } else {
            push_token(current, out);
        }
        prev = Some(c);
    }
    push_token(current, out);
}

/// [`split_chunk`] for a chunk of ASCII, byte by byte and lowercased as it
/// goes (a backtick is an apostrophe, as `fold_punctuation` has it): most
/// text is ASCII, and decoding characters was a third of tokenising it.
fn split_ascii_chunk(chunk: &[u8], current: &mut String, out: &mut dyn FnMut(&str)) {
    current.clear();
    let mut i = 0;
    while i < chunk.len() {
        let c = chunk[i].to_ascii_lowercase();
        let next = chunk.get(i + 1).map(u8::to_ascii_lowercase);
        if c.is_ascii_alphanumeric() {
            current.push(char::from(c));
        } else if matches!(c, b'\'' | b'`') && !current.is_empty() {
            if next == Some(b's') && chunk.get(i + 2).is_none_or(|a| !a.is_ascii_alphanumeric()) {
                i += 1; // possessive: skip the `s`
            }
        } else if c == b','
            && i > 0
            && chunk[i - 1].is_ascii_digit()
            && next.is_some_and(|n| n.is_ascii_digit())
        {
            // thousands separator: keep the number whole
        } else {
            push_token(current, out);
        }
        i += 1;
    }
    push_token(current, out);
}

fn push_token(current: &mut String, out: &mut dyn FnMut(&str)) {
    if !current.is_empty() {
        if current.len() <= MAX_TOKEN_CHARS || current.chars().count() <= MAX_TOKEN_CHARS {
            match canonical_number(current).or_else(|| full_month(current)) {
                Some(canonical) => out(&canonical),
                None => out(current),
            }
        }
        current.clear();
    }
}

/// Month names in full, however clipped: "oct 21" and "October 21" are one
/// date, and the article's own "Nov. 29" is November. ("mar" and "may" are
/// left alone: they are words too.)
fn full_month(token: &str) -> Option<String> {
    const CLIPPED: [(&str, &str); 11] = [
        ("jan", "january"),
        ("feb", "february"),
        ("apr", "april"),
        ("jun", "june"),
        ("jul", "july"),
        ("aug", "august"),
        ("sep", "september"),
        ("sept", "september"),
        ("oct", "october"),
        ("nov", "november"),
        ("dec", "december"),
    ];
    if token.len() > 4 {
        return None;
    }
    CLIPPED
        .iter()
        .find(|(short, _)| *short == token)
        .map(|(_, full)| full.to_string())
}

/// Numbers as digits, however typed: "six" and "6" are one word, "100k" is
/// "100000". ("one" stays a word: it is mostly a pronoun.)
fn canonical_number(token: &str) -> Option<String> {
    const WORDS: [&str; 11] = [
        "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve",
    ];
    if token.len() > 6 && !token.ends_with('k') {
        return None;
    }
    if let Some(i) = WORDS.iter().position(|w| *w == token) {
        return Some((i + 2).to_string());
    }
    let thousands = token.strip_suffix('k')?;
    (!thousands.is_empty() && thousands.bytes().all(|b| b.is_ascii_digit()))
        .then(|| format!("{thousands}000"))
}

#[cfg(test)]
mod tests {
    use super::*;
    use unicode_normalization::UnicodeNormalization;

    #[test]
    fn every_reordered_character_is_a_dropped_mark() {
        let chars = (0..=u32::from(char::MAX)).filter_map(char::from_u32);
        for c in chars {
            if unicode_normalization::char::canonical_combining_class(c) != 0 {
                assert!(is_combining_mark(c), "{c:?} U+{:04X}", u32::from(c));
            }
        }
    }

    /// Tokens of the text decomposed by the normalising iterator, as
    /// `each_folded_token` read it before: the reference it is held to.
    fn tokens_by_iterator(text: &str) -> Vec<String> {
        let folded: String = text
            .chars()
            .nfkd()
            .filter(|c| !is_combining_mark(*c))
            .flat_map(char::to_lowercase)
            .map(fold_punctuation)
            .collect();
        let mut out = Vec::new();
        split_folded(&folded, &mut String::new(), &mut |t| {
            out.push(t.to_string())
        });
        out
    }

    #[test]
    fn decomposing_by_character_gives_the_iterators_tokens() {
        let texts = [
            "🔥🇮🇷 ایران انتخابات 選挙 выборы did iran 🤔 deny ❤️ ",
            "Iran’s “fabricated” claims — U.S. officials said\u{a0}Friday",
            "café naïve Ångström İstanbul ΣΟΦΙΑ ß ẞ ﬁ ½ ² Ｆｕｌｌ ﾊﾝｶｸ 한국어",
            "a´b ¨ ˘x e\u{301}\u{327} \u{301}\u{327}z q\u{327}\u{301}\u{5b0}\u{59a}",
        ];
        for text in texts {
            assert_eq!(all_tokens(text), tokens_by_iterator(text), "{text:?}");
        }
    }

    proptest::proptest! {
        #[test]
        fn decomposing_by_character_agrees_on_any_text(text in "\\PC{0,40}|[a-zA-Z .'´¨\u{301}\u{327}\u{5b0}é한ßİ]{0,40}") {
            proptest::prop_assert_eq!(all_tokens(&text), tokens_by_iterator(&text));
        }
    }

    #[test]
    fn tokens_write_clipped_months_in_full() {
        assert_eq!(
            tokens("oct 21, Nov. 29"),
            vec!["october", "21", "november", "29"]
        );
        assert_eq!(tokens("may mar"), vec!["may", "mar"]);
    }

    #[test]
    fn token_pool_gives_each_text_its_own_tokens() {
        let mut pool = TokenPool::default();
        let long = pool
            .tokenize("Iran’s “fabricated” claims, six of them")
            .to_vec();
        assert_eq!(long, all_tokens("Iran’s “fabricated” claims, six of them"));
        // A shorter text after a longer one: nothing of the first is left.
        assert_eq!(pool.tokenize("Nov. 29"), ["november", "29"]);
        assert_eq!(pool.tokenize(""), [] as [String; 0]);
    }

    #[test]
    fn ascii_chunks_split_as_any_chunk_does() {
        let split = |chunk: &str, ascii: bool| {
            let (mut current, mut out) = (String::new(), Vec::new());
            let mut emit = |t: &str| out.push(t.to_string());
            if ascii {
                split_ascii_chunk(chunk.as_bytes(), &mut current, &mut emit);
            } else {
                split_chunk(chunk, &mut current, &mut emit);
            }
            out
        };
        for chunk in [
            "iran's",
            "iran's,",
            "'s",
            "s's's",
            "it's-a",
            "don't",
            "100,000,",
            ",1,2",
            "1,,2",
            "a,b",
            "x's1",
            "(who?)",
            "--",
            "q'",
            "abc'",
            "''s",
            "us-iran's",
            "k9,9k",
            "",
            "IRAN'S",
            "Iran`s",
            "DON`T",
            "X'S1",
        ] {
            let folded: String = chunk
                .chars()
                .map(|c| fold_punctuation(c.to_ascii_lowercase()))
                .collect();
            assert_eq!(split(chunk, true), split(&folded, false), "{chunk:?}");
        }
    }

    #[test]
    fn ascii_text_reads_as_folded_text_does() {
        let read = |text: &str, ascii: bool| {
            let (mut folded, mut current, mut out) = (String::new(), String::new(), Vec::new());
            let mut emit = |t: &str| out.push(t.to_string());
            if ascii {
                each_ascii_token(text.as_bytes(), &mut folded, &mut current, &mut emit);
            } else {
                each_folded_token(text, &mut folded, &mut current, &mut emit);
            }
            out
        };
        for text in [
            "Iran's U.S. claims, F.B.I.? and u.s",
            "tabs\tand\nlines\x0b\x0cfeeds\x7fdel\x01ctl",
            "Nov. 29, 2021: SIX Iranians; 100,000 voters (100k)",
            "it`s `quoted' ... a.b.c. x.y z. .. '",
            "",
            "   ",
        ] {
            assert_eq!(read(text, true), read(text, false), "{text:?}");
        }
    }

    #[test]
    fn tokens_lowercase_and_strip_diacritics() {
        assert_eq!(tokens("NAÏVE Café"), vec!["naive", "cafe"]);
    }

    #[test]
    fn tokens_fold_curly_quotes_and_drop_possessive() {
        assert_eq!(
            tokens("Iran’s “fabricated” claims"),
            vec!["iran", "fabricated", "claims"]
        );
        assert_eq!(
            tokens("other country's elections"),
            vec!["other", "country", "elections"]
        );
    }

    #[test]
    fn tokens_join_dotted_acronyms() {
        assert_eq!(tokens("the U.S. and u.n"), vec!["the", "us", "and", "un"]);
        assert_eq!(tokens("F.B.I.?"), vec!["fbi"]);
    }

    #[test]
    fn tokens_split_hyphens_and_keep_numbers_whole() {
        assert_eq!(tokens("Amir-Abdollahian"), vec!["amir", "abdollahian"]);
        assert_eq!(
            tokens("more than 100,000 voters"),
            vec!["more", "than", "100000", "voters"]
        );
    }

    #[test]
    fn tokens_write_numbers_as_digits() {
        assert_eq!(
            tokens("six Iranians, 100k voters"),
            vec!["6", "iranians", "100000", "voters"]
        );
        assert_eq!(tokens("one company"), vec!["one", "company"]);
    }

    #[test]
    fn tokens_remove_inner_apostrophes() {
        assert_eq!(tokens("don't"), vec!["dont"]);
    }

    #[test]
    fn tokens_treat_emoji_and_nbsp_as_separators() {
        assert_eq!(tokens("iran🔥deny\u{a0}it"), vec!["iran", "deny", "it"]);
    }

    #[test]
    fn all_tokens_reads_long_text_whole() {
        let long = "word ".repeat(200) + "last";
        assert_eq!(all_tokens(&long).last().map(String::as_str), Some("last"));
        assert_ne!(tokens(&long).last().map(String::as_str), Some("last"));
    }

    #[test]
    fn tokens_cap_input_and_token_length() {
        let long = "a ".repeat(10_000);
        assert_eq!(tokens(&long).len(), MAX_INPUT_CHARS / 2);
        assert!(tokens(&"x".repeat(100)).is_empty());
    }
}
