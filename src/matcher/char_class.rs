//! What the tokeniser asks of a character outside ASCII, answered from a
//! table written when the crate is built (`build.rs`).
//!
//! Asking the standard library whether such a character is a letter or
//! digit is a binary search of about 350 instructions, and folding it
//! (decomposition, combining mark, lowercase) as much again: most of
//! reading a message in another script or full of emoji (callgrind). The
//! table answers both in two loads. What its bits mean is
//! [`class_of`](super::char_class_of::class_of), which `build.rs` wrote
//! it with, and
//! `the_table_agrees_with_the_standard_library_on_every_character` holds
//! every character of it to that and to the standard library.

use super::char_class_of::{ALPHANUMERIC, BLOCK, BLOCK_BYTES, FOLDS_TO_ITSELF};

/// For each block of [`BLOCK`] code points, the number of its stored block
/// (two bytes, little-endian).
static INDEX: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/char_class_index.bin"));

/// The distinct blocks, [`BLOCK_BYTES`] each: two bits a code point, low
/// bits first.
static BLOCKS: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/char_class_blocks.bin"));

/// The character's two bits, or `None` if the table does not hold it
/// (never, while the test below passes; the callers then ask the crates).
fn class(c: char) -> Option<u8> {
    let code = c as usize;
    let at = code / BLOCK * 2;
    let block = usize::from(u16::from_le_bytes([*INDEX.get(at)?, *INDEX.get(at + 1)?]));
    let byte = BLOCKS.get(block * BLOCK_BYTES + code % BLOCK / 4)?;
    Some((byte >> (code % 4 * 2)) & 3)
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
    use crate::matcher::char_class_of::class_of;

    #[test]
    fn the_table_agrees_with_the_standard_library_on_every_character() {
        let chars = (0..=u32::from(char::MAX)).filter_map(char::from_u32);
        for c in chars {
            let bits = class_of(c);
            assert_eq!(class(c), Some(bits), "{c:?}");
            assert_eq!(is_alphanumeric(c), c.is_alphanumeric(), "{c:?}");
            assert_eq!(folds_to_itself(c), bits & FOLDS_TO_ITSELF != 0, "{c:?}");
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
