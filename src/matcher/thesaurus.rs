//! Words of the same meaning, from WordNet: the fallback for a common word
//! the base never uses. Synonym groups (`knowledge/synonyms.toml`) are the
//! curated, tight links; this list is broad, so the decision model counts
//! each word read through it (a paraphrase read this way is weaker evidence
//! than a word the fact uses).
//!
//! Generated once by `scripts/thesaurus.py` from WordNet 3.0 (Debian's
//! wordnet-base): for each common English word, the words of its most
//! frequent sense per part of speech. WordNet 3.0 Copyright 2006 by
//! Princeton University; its licence is in `thesaurus.LICENSE` beside this file.

use std::sync::LazyLock;

use rustc_hash::FxHashMap;

/// `word \t synonym synonym …`.
const LIST: &str = include_str!("thesaurus.tsv");

static WORDS: LazyLock<FxHashMap<&'static str, &'static str>> = LazyLock::new(|| {
    LIST.lines()
        .filter_map(|line| line.split_once('\t'))
        .collect()
});

/// Reads the list (once per process).
pub fn preload() {
    LazyLock::force(&WORDS);
}

/// Words meaning what `word` (normalised) usually means, most usual first;
/// none for a word the list lacks.
pub fn synonyms(word: &str) -> impl Iterator<Item = &'static str> {
    WORDS
        .get(word)
        .copied()
        .unwrap_or("")
        .split(' ')
        .filter(|w| !w.is_empty())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn synonyms_come_from_the_usual_sense() {
        let risky: Vec<&str> = synonyms("risky").collect();
        assert!(risky.contains(&"dangerous"), "{risky:?}");
        assert!(synonyms("normally").any(|w| w == "usually"));
    }

    #[test]
    fn unknown_words_have_none() {
        assert_eq!(synonyms("emennet").count(), 0);
        assert_eq!(synonyms("").count(), 0);
    }
}
