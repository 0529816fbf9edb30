//! What the character table says of one character, and how it is laid
//! out: shared by `build.rs`, which writes the table, and
//! [`super::char_class`], which reads it (and whose test holds the table
//! to [`class_of`]), so both read one definition.

use unicode_normalization::char::{decompose_compatible, is_combining_mark};

/// Bit 0: `char::is_alphanumeric`.
pub const ALPHANUMERIC: u8 = 1;

/// Bit 1: the character folds to itself for the tokeniser (before
/// punctuation is folded): its compatibility decomposition is itself, it
/// is not a combining mark, and it lowercases to itself.
pub const FOLDS_TO_ITSELF: u8 = 2;

/// Code points per block of the table. Each block is stored once however
/// often it repeats (unassigned ranges, runs of ideographs), at two bits a
/// code point, low bits first.
pub const BLOCK: usize = 256;

/// Bytes of one stored block.
pub const BLOCK_BYTES: usize = BLOCK / 4;

/// The two bits of `c`.
#[cfg_attr(not(test), allow(dead_code))] // the library reads the table
pub fn class_of(c: char) -> u8 {
    let mut decomposed = Vec::new();
    decompose_compatible(c, |d| decomposed.push(d));
    let folds_to_itself =
        decomposed == [c] && !is_combining_mark(c) && c.to_lowercase().eq(std::iter::once(c));
    let mut bits = 0;
    if c.is_alphanumeric() {
        bits |= ALPHANUMERIC;
    }
    if folds_to_itself {
        bits |= FOLDS_TO_ITSELF;
    }
    bits
}
