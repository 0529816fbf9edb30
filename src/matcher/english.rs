//! General English: how common a word is, and whether it names something.
//!
//! A word our base has never seen means two different things. A *name*
//! (`china`, `tarrio`, `macron`) is usually what the question is about and
//! the base cannot answer it; a *common word* (`favorite`, `supposedly`,
//! `info`) is paraphrase and must not veto an answer. The list is generated
//! once by `scripts/english_words.py` from wordfreq (frequencies),
//! Debian's wamerican (which writes proper nouns capitalised) and pycountry
//! (country names); see that script for how to regenerate it.

use std::sync::LazyLock;

use rustc_hash::{FxHashMap, FxHashSet};

/// `word \t zipf*10 \t w|n \t stem`, most frequent first: `english.tsv`
/// beside this file, with each word's stem added by `build.rs` (the
/// stemmer the matcher uses; empty when the word is its own stem).
const LIST: &str = include_str!(concat!(env!("OUT_DIR"), "/english.tsv"));

/// What general English says about a word.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Entry {
    /// Zipf frequency: log10 of uses per billion words (7 = "the", 3 = once
    /// in a million words).
    pub zipf: f32,
    /// A proper noun: a country, a city, a person's name.
    pub name: bool,
    /// Its English (Snowball) stem: "denounces" → "denounc".
    pub stem: &'static str,
}

static WORDS: LazyLock<FxHashMap<&'static str, Entry>> = LazyLock::new(|| {
    LIST.lines()
        .filter_map(|line| {
            let mut parts = line.split('\t');
            let word = parts.next()?;
            let zipf = parts.next()?.parse::<u8>().ok()?;
            let name = parts.next()? == "n";
            let stem = parts.next().filter(|s| !s.is_empty()).unwrap_or(word);
            Some((
                word,
                Entry {
                    zipf: f32::from(zipf) / 10.0,
                    name,
                    stem,
                },
            ))
        })
        .collect()
});

/// General English's entry for a normalised (lowercase, unaccented) word.
pub fn lookup(word: &str) -> Option<Entry> {
    WORDS.get(word).copied()
}

/// Whether a word the base does not know is only paraphrase: a common
/// English word that names nothing. Names and words too rare for the list
/// (`emennet`, `tarrio`) are not.
pub fn is_common(word: &str) -> bool {
    lookup(word).is_some_and(|e| !e.name)
}

/// Prefixes that make a new word of a common one: "*re*impose",
/// "*un*elected", "*counter*sanctions". Longest first, so "counter" is
/// tried before "co".
const PREFIXES: &[&str] = &[
    "counter", "inter", "multi", "super", "under", "anti", "over", "post", "semi", "dis", "mis",
    "non", "out", "pre", "sub", "co", "de", "re", "un",
];

/// Shortest rest of a prefixed word that counts: "re" + "do" is not a
/// derivation worth trusting.
const PREFIX_REST_CHARS: usize = 4;

/// Prefixes that turn a word's meaning around ("*un*fair",
/// "*dis*information"): a word general English knows is never read as its
/// rest after one of these.
const NEGATING_PREFIXES: &[&str] = &["counter", "anti", "dis", "mis", "non", "de", "un"];

/// Shortest rest of a prefixed word general English knows that is read as
/// that rest: "pre" + "conditions", but not "pre" + "sent" or "re" +
/// "port" (words of their own that only look prefixed).
const KNOWN_PREFIXED_REST_CHARS: usize = 6;

/// A word general English lacks that is a prefix and a common word which
/// names nothing ("reimpose" → "impose"): that word's entry. Lists of
/// word frequencies leave out many such derivations, and they are
/// paraphrase, not names.
pub fn unprefixed(word: &str) -> Option<(&'static str, Entry)> {
    if lookup(word).is_some() {
        return None;
    }
    PREFIXES
        .iter()
        .find_map(|p| rest_after(word, p, PREFIX_REST_CHARS))
}

/// The common word a prefixed word is made of, for matching: as
/// [`unprefixed`] for a word general English lacks; for one it knows,
/// only a long rest after a prefix that keeps the meaning
/// ("preconditions" → "conditions", "reimposed" → "imposed"; "unfair" is
/// not "fair"). The matcher tries this only for a word the base does not
/// use and the thesaurus cannot read.
pub fn root_word(word: &str) -> Option<&'static str> {
    let known = lookup(word).is_some();
    let min_rest = if known {
        KNOWN_PREFIXED_REST_CHARS
    } else {
        PREFIX_REST_CHARS
    };
    PREFIXES
        .iter()
        .filter(|p| !known || !NEGATING_PREFIXES.contains(p))
        .find_map(|p| rest_after(word, p, min_rest))
        .map(|(w, _)| w)
}

/// `word` without `prefix` (and a hyphen after it), when the rest is a
/// common word of at least `min_chars` that names nothing.
fn rest_after(word: &str, prefix: &str, min_chars: usize) -> Option<(&'static str, Entry)> {
    let rest = word.strip_prefix(prefix)?;
    let rest = rest.strip_prefix('-').unwrap_or(rest);
    if rest.len() < min_chars {
        return None;
    }
    WORDS
        .get_key_value(rest)
        .filter(|(_, e)| !e.name)
        .map(|(w, e)| (*w, *e))
}

/// Shortest unknown word read as a misspelt common word: below five letters
/// almost every string is one edit from some English word.
const TYPO_FROM_CHARS: usize = 5;

/// A misspelt word is read as common only when the word it is one edit from
/// is at least this common (Zipf 3.5: about once in 300,000 words).
const TYPO_OF_ZIPF: f32 = 3.5;

/// Whether a word general English lacks is one edit (a letter added,
/// dropped, changed or two swapped) from a common word that names nothing:
/// "previus", "thnk". Such a word is paraphrase typed in a hurry, not a
/// name the base lacks. A symmetric-delete lookup (the word and each of
/// its one-letter deletions against the same of every common word), so it
/// costs a hash per letter: a message of keyboard mash stays cheap.
pub fn is_typo_of_common(word: &str) -> bool {
    if word.chars().count() < TYPO_FROM_CHARS || lookup(word).is_some() || !word.is_ascii() {
        return false;
    }
    super::edits::delete_keys(word)
        .iter()
        .any(|k| COMMON_DELETES.contains(k))
}

/// Every common word that names nothing (Zipf ≥ [`TYPO_OF_ZIPF`], four
/// letters or more) and each of its one-letter deletions, hashed.
static COMMON_DELETES: LazyLock<FxHashSet<u64>> = LazyLock::new(|| {
    WORDS
        .iter()
        .filter(|(w, e)| !e.name && e.zipf >= TYPO_OF_ZIPF && w.len() + 1 >= TYPO_FROM_CHARS)
        .flat_map(|(w, _)| super::edits::delete_keys(w))
        .collect()
});

/// Reads the list and its misspelling index now (once per process), so no
/// question pays for it and memory does not grow mid-service.
pub fn preload() {
    LazyLock::force(&COMMON_DELETES);
}

/// How common a word is (Zipf); 0 when the list does not have it.
pub fn zipf(word: &str) -> f32 {
    lookup(word).map_or(0.0, |e| e.zipf)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_words_stem_is_the_stemmers() {
        let stemmer = rust_stemmers::Stemmer::create(rust_stemmers::Algorithm::English);
        assert!(WORDS.len() > 50_000);
        for (word, entry) in WORDS.iter() {
            assert_eq!(entry.stem, stemmer.stem(word), "{word}");
        }
        assert_eq!(lookup("denounces").map(|e| e.stem), Some("denounc"));
    }

    #[test]
    fn is_common_accepts_paraphrase_words() {
        for w in [
            "favorite",
            "supposedly",
            "info",
            "weather",
            "votes",
            "uncle",
        ] {
            assert!(is_common(w), "{w}");
        }
    }

    #[test]
    fn is_common_refuses_names_and_rare_terms() {
        for w in ["china", "germany", "paris", "tarrio", "emennet", "biden"] {
            assert!(!is_common(w), "{w}");
        }
    }

    #[test]
    fn unprefixed_reads_derivations_of_common_words() {
        assert_eq!(unprefixed("reimpose").map(|(w, _)| w), Some("impose"));
        assert_eq!(unprefixed("counterhack").map(|(w, _)| w), Some("hack"));
        // A word the list has is itself; a prefix and a short rest is not
        // a derivation; a name is not made common by a prefix.
        assert_eq!(unprefixed("restart"), None);
        assert_eq!(unprefixed("rezip"), None);
        assert_eq!(unprefixed("unchina"), None);
    }

    #[test]
    fn root_word_keeps_meaning_and_leaves_lookalikes() {
        // A word general English knows: a long rest after a prefix that
        // keeps the meaning.
        assert_eq!(root_word("preconditions"), Some("conditions"));
        // Negating prefixes turn the meaning around; short rests are
        // words that only look prefixed ("present", "report").
        assert_eq!(root_word("unfair"), None);
        assert_eq!(root_word("disinformation"), None);
        assert_eq!(root_word("present"), None);
        assert_eq!(root_word("report"), None);
        // A word general English lacks reads as before, any prefix.
        assert_eq!(root_word("reimpose"), Some("impose"));
        assert_eq!(root_word("counterhack"), Some("hack"));
    }

    #[test]
    fn is_typo_of_common_reads_hurried_words_not_names() {
        for w in ["previus", "anounced", "elecion", "sanctoins"] {
            assert!(is_typo_of_common(w), "{w}");
        }
        for w in ["tarrio", "emennet", "china", "votes", "bidn"] {
            assert!(!is_typo_of_common(w), "{w}");
        }
    }

    #[test]
    fn zipf_orders_by_frequency() {
        assert!(zipf("the") > zipf("election"));
        assert!(zipf("election") > zipf("snooping"));
        assert_eq!(zipf("wmennet"), 0.0);
    }
}
