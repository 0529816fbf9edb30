//! What the tokeniser asks of a character outside ASCII, answered from a
//! table written when the crate is built (`build.rs`).
//!
//! Asking the standard library whether such a character is a letter or
//! digit is a binary search of about 350 instructions, and folding it
//! (decomposition, combining mark, lowercase) as much again: most of
//! reading a message in another script or full of emoji (callgrind). The
//! table answers both in two loads. The same crates wrote it, and
//! `the_table_agrees_with_the_standard_library_on_every_character` holds it
//! to them.

/// For each block of 256 code points, the number of its bit block (two
/// bytes, little-endian).
static INDEX: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/char_class_index.bin"));

/// The distinct bit blocks: two bits a code point, low bits first.
static BLOCKS: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/char_class_blocks.bin"));

const ALPHANUMERIC: u8 = 1;
const FOLDS_TO_ITSELF: u8 = 2;

/// The character's two bits, or `None` if the table does not hold it
/// (never, while the test below passes; the callers then ask the crates).
fn class(c: char) -> Option<u8> {
    let code = c as usize;
    let at = (code >> 8) * 2;
    let block = usize::from(u16::from_le_bytes([*INDEX.get(at)?, *INDEX.get(at + 1)?]));
    let byte = BLOCKS.get(block * 64 + (code & 0xff) / 4)?;
    Some((byte >> ((code & 3) * 2)) & 3)
}

/// `c.is_alphanumeric()`, by table outside ASCII.
pub fn is_alphanumeric(c: char) -> bool {
    if c.is_ascii() {
        return c.is_ascii_alphanumeric();
    }
    match class(c) {
        Some(bits) => bits & ALPHANUMERIC != 0,
        None => c.is_alphanumeric(),
    }
}

/// Whether folding `c` for the tokeniser leaves it as it is, before
/// punctuation is folded: its compatibility decomposition is itself, it is
/// not a combining mark, and it lowercases to itself (an ideograph, an
/// emoji, an Arabic or lowercase Cyrillic letter). `false` says only that
/// the character must be folded the long way.
pub fn folds_to_itself(c: char) -> bool {
    if c.is_ascii() {
        return !c.is_ascii_uppercase();
    }
    class(c).is_some_and(|bits| bits & FOLDS_TO_ITSELF != 0)
}

#[cfg(test)]
mod tests {
    use super::*;
    use unicode_normalization::char::{decompose_compatible, is_combining_mark};

    #[test]
    fn the_table_agrees_with_the_standard_library_on_every_character() {
        let chars = (0..=u32::from(char::MAX)).filter_map(char::from_u32);
        for c in chars {
            assert!(class(c).is_some(), "{c:?} is outside the table");
            assert_eq!(is_alphanumeric(c), c.is_alphanumeric(), "{c:?}");
            let mut decomposed = Vec::new();
            decompose_compatible(c, |d| decomposed.push(d));
            let folds = decomposed == [c]
                && !is_combining_mark(c)
                && c.to_lowercase().eq(std::iter::once(c));
            assert_eq!(folds_to_itself(c), folds, "{c:?}");
        }
    }

    #[test]
    fn letters_of_other_scripts_and_emoji_are_classed_as_expected() {
        for c in ['ا', '選', 'б', 'ß'] {
            assert!(is_alphanumeric(c) && folds_to_itself(c), "{c:?}");
        }
        for c in ['🔥', '🇮', '❤', '\u{FE0F}'] {
            assert!(!is_alphanumeric(c), "{c:?}");
        }
        assert!(folds_to_itself('🔥'));
        // Folded the long way: an accent, a capital, a full-width letter,
        // a combining mark.
        for c in ['é', 'Б', 'Ａ', '\u{301}'] {
            assert!(!folds_to_itself(c), "{c:?}");
        }
        assert!(is_alphanumeric('é') && is_alphanumeric('٣') && !is_alphanumeric('—'));
    }
}
