//! Article text: splitting it into numbered paragraphs, and finding where a
//! quote stands in it (or the closest passage when it does not).

/// Splits article text into paragraphs: every non-blank line is one
/// paragraph, numbered from 1 in order. Line endings may be LF or CRLF.
/// Articles that separate paragraphs with blank lines number the same way.
pub fn split_paragraphs(text: &str) -> Vec<String> {
    text.lines()
        .map(|l| l.trim_end_matches('\r'))
        .filter(|l| !l.trim().is_empty())
        .map(str::to_string)
        .collect()
}

/// Where a quote comes closest to the text of a paragraph.
#[derive(Debug, Clone, PartialEq)]
pub struct ClosestPassage {
    /// The paragraph's 1-based number.
    pub paragraph: u32,
    /// The passage of that paragraph most like the quote.
    pub passage: String,
    /// 0..=1, 1 meaning identical.
    pub similarity: f64,
    /// The first character where quote and passage differ, as
    /// (position in the quote, the quote's char, the article's char).
    pub first_difference: Option<(usize, Option<char>, Option<char>)>,
}

/// Whether `text` holds `quote` verbatim: `str::contains`, faster for a
/// quote checked once against a short paragraph, which is every fact of
/// every load. `contains` prepares a two-way search for each quote; that
/// preparation was most of building the facts of a 10,000-fact base, on
/// one core (perf). Here each place the quote's first byte occurs is
/// compared directly, for the first [`DIRECT_TRIES`] of them; a text that
/// repeats the first byte more often than that (a hostile file of one
/// letter) gets the two-way search too, which is linear in any text.
///
/// ```
/// use dispute_bot::knowledge::source_text::holds;
/// assert!(holds("Iran denied it on Friday.", "denied it"));
/// assert!(!holds("Iran denied it on Friday.", "denied it on Thursday"));
/// assert!(holds("anything", ""));
/// ```
pub fn holds(text: &str, quote: &str) -> bool {
    let (hay, needle) = (text.as_bytes(), quote.as_bytes());
    let Some(&first) = needle.first() else {
        return true;
    };
    let mut from = 0;
    for _ in 0..DIRECT_TRIES {
        let Some(at) = hay.get(from..).and_then(|rest| memchr::memchr(first, rest)) else {
            return false;
        };
        if hay[from + at..].starts_with(needle) {
            return true;
        }
        from += at + 1;
    }
    text.contains(quote)
}

/// How many places [`holds`] compares directly before it searches.
const DIRECT_TRIES: usize = 64;

/// Finds the paragraph holding `quote` verbatim, if any.
pub fn find_verbatim<'a>(
    paragraphs: impl IntoIterator<Item = (u32, &'a str)>,
    quote: &str,
) -> Option<u32> {
    paragraphs
        .into_iter()
        .find(|(_, text)| holds(text, quote))
        .map(|(n, _)| n)
}

/// The passage of `paragraph` that most resembles `quote`: windows of the
/// quote's length starting at each word of the paragraph, compared by edit
/// distance. Only used to explain a failed check, so it favours clarity over speed.
pub fn closest_passage(number: u32, paragraph: &str, quote: &str) -> ClosestPassage {
    let para: Vec<char> = paragraph.chars().collect();
    let quote_chars: Vec<char> = quote.chars().collect();
    let len = quote_chars.len().min(para.len());
    let mut best = (f64::MIN, 0usize);
    let starts = (0..para.len()).filter(|&i| i == 0 || para[i - 1] == ' ');
    for start in starts {
        let end = (start + len).min(para.len());
        let window: String = para[start..end].iter().collect();
        let sim = strsim::normalized_levenshtein(&window, quote);
        if sim > best.0 {
            best = (sim, start);
        }
        if end == para.len() {
            break;
        }
    }
    let start = best.1;
    let end = (start + len).min(para.len());
    let passage: String = para[start..end].iter().collect();
    let first_difference = quote_chars
        .iter()
        .map(Some)
        .chain(std::iter::repeat(None))
        .zip(
            para[start..]
                .iter()
                .map(Some)
                .chain(std::iter::repeat(None)),
        )
        .take(quote_chars.len().max(1))
        .position(|(q, a)| q != a)
        .map(|i| (i, quote_chars.get(i).copied(), para.get(start + i).copied()));
    ClosestPassage {
        paragraph: number,
        passage,
        similarity: best.0.max(0.0),
        first_difference,
    }
}

/// Describes a character for an error message: `“` (U+201C).
pub fn describe_char(c: Option<char>) -> String {
    match c {
        Some(c) => match invisible_name(c) {
            // Two characters that look the same must not read the same.
            Some(name) => format!("{name} (U+{:04X})", u32::from(c)),
            None => format!("`{c}` (U+{:04X})", u32::from(c)),
        },
        None => "the end of the paragraph".to_string(),
    }
}

/// The name of a character that looks like a space or like nothing.
pub fn invisible_name(c: char) -> Option<&'static str> {
    Some(match c {
        ' ' => "SPACE",
        '\u{00A0}' => "NO-BREAK SPACE",
        '\u{2009}' => "THIN SPACE",
        '\u{202F}' => "NARROW NO-BREAK SPACE",
        '\u{2007}' => "FIGURE SPACE",
        '\u{200B}' => "ZERO WIDTH SPACE",
        '\u{200C}' => "ZERO WIDTH NON-JOINER",
        '\u{200D}' => "ZERO WIDTH JOINER",
        '\u{FEFF}' => "ZERO WIDTH NO-BREAK SPACE (BOM)",
        '\u{00AD}' => "SOFT HYPHEN",
        '\t' => "TAB",
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn holds_agrees_with_contains_on_ordinary_and_repetitive_text() {
        let texts = [
            "Iran has dismissed claims by United States officials.",
            "“Iran is behind threatening, spoofed emails,” the officials said.",
            "",
            "aaaa",
        ];
        for text in texts {
            // Every substring is held; so is the empty quote.
            for (i, _) in text.char_indices() {
                for (j, _) in text[i..].char_indices().skip(1) {
                    assert!(holds(text, &text[i..i + j]), "{text:?} [{i}..{}]", i + j);
                }
                assert!(holds(text, &text[i..]));
            }
            for quote in [
                "Iran has dismissed claims by US",
                "officials..",
                "ab",
                "“Iran is behind spoofed",
            ] {
                assert_eq!(
                    holds(text, quote),
                    text.contains(quote),
                    "{text:?} / {quote:?}"
                );
            }
        }
        // Past the direct tries: the first byte repeats far more often than
        // DIRECT_TRIES, the quote is found (or not) by the search.
        let repetitive = format!("{}b", "a".repeat(10_000));
        assert!(holds(&repetitive, &format!("{}b", "a".repeat(500))));
        assert!(!holds(&repetitive, &format!("{}c", "a".repeat(500))));
        // Multi-byte characters, past the direct tries too (the first byte
        // of "é" opens every character).
        let accented = "é".repeat(200) + "x";
        assert!(holds(&accented, "éx"));
        assert!(!holds(&accented, "xé"));
    }

    #[test]
    fn split_paragraphs_skips_blank_lines_and_crlf() {
        let text = "Head\r\n\r\nFirst para.\r\nSecond para.\n\n   \nThird.";
        assert_eq!(
            split_paragraphs(text),
            vec!["Head", "First para.", "Second para.", "Third."]
        );
    }

    #[test]
    fn closest_passage_finds_straight_quote_mistake() {
        let para = "He said “no” to it. Then he left.";
        let c = closest_passage(3, para, "He said \"no\" to it.");
        assert_eq!(c.passage, "He said “no” to it.");
        assert_eq!(c.first_difference, Some((8, Some('"'), Some('“'))));
        assert!(c.similarity > 0.8);
    }

    #[test]
    fn closest_passage_finds_changed_word_mid_paragraph() {
        let para = "Intro words here. Iran does not interfere in elections. Outro.";
        let c = closest_passage(1, para, "Iran does not meddle in elections.");
        assert!(c.passage.starts_with("Iran does not"));
        assert_eq!(c.first_difference.map(|d| d.0), Some(14));
    }

    #[test]
    fn find_verbatim_names_paragraph() {
        let paras = [(1, "alpha beta"), (2, "gamma delta")];
        assert_eq!(find_verbatim(paras, "delta"), Some(2));
        assert_eq!(find_verbatim(paras, "epsilon"), None);
    }
}
