//! How many edits apart two words are, for typo repair, and cheap ways to
//! know that two words are far apart before counting: the keys of the
//! symmetric-delete index (words one edit apart share a key) and letter
//! histograms.
//!
//! [`osa_within`] counts ASCII words (nearly all tokens) without
//! allocating. Typo repair asks of many candidates whether each is within
//! one or two edits of a word;
//! `strsim::osa_distance` answers by collecting both words into vectors
//! and filling the whole table every time, which was most of reading a
//! pasted paragraph with typos (callgrind). A band of the table around its
//! diagonal came next (about 3,300 instructions for a 13-letter pair); the
//! table's columns as bits of one machine word (Hyyrö's bit-vector
//! algorithm) is a few hundred, the same distance for every pair.

use super::normalize::MAX_TOKEN_CHARS;

/// The optimal-string-alignment distance between `a` and `b` (an adjacent
/// swap is one edit) when it is at most `max`; `None` when it is larger.
///
/// ```
/// use dispute_bot::matcher::edits::osa_within;
/// assert_eq!(osa_within("electoins", "elections", 2), Some(1));
/// assert_eq!(osa_within("wray", "wray", 1), Some(0));
/// assert_eq!(osa_within("khatibzadeh", "zarif", 2), None);
/// ```
pub fn osa_within(a: &str, b: &str, max: usize) -> Option<usize> {
    let (x, y) = (a.as_bytes(), b.as_bytes());
    let ascii = a.is_ascii() && b.is_ascii();
    let d = if ascii && x.len() <= MAX_TOKEN_CHARS && y.len() <= MAX_TOKEN_CHARS {
        // Bytes are characters here: words whose lengths differ by more
        // than `max` are further apart than that.
        if x.len().abs_diff(y.len()) > max {
            return None;
        }
        osa_bits(x, y)
    } else {
        // Rare (tokens are short, and most are ASCII): the general routine.
        strsim::osa_distance(a, b)
    };
    (d <= max).then_some(d)
}

/// The optimal-string-alignment distance between two ASCII words of at
/// most 64 bytes, by Hyyrö's bit-vector algorithm ("A bit-vector algorithm
/// for computing Levenshtein and Damerau edit distances", 2003): bit `i`
/// of each word stands for row `i` of the table's current column, and the
/// vertical differences between neighbouring cells (+1, −1, 0) are carried
/// as two bit sets, so a column costs a few word operations. The last row's
/// value, the distance so far, is tracked through its horizontal step.
fn osa_bits(x: &[u8], y: &[u8]) -> usize {
    const { assert!(MAX_TOKEN_CHARS <= 64) };
    let Some(last) = x.len().checked_sub(1) else {
        return y.len();
    };
    // Where each byte occurs in `x`, as bits.
    let mut at = [0u64; 128];
    for (i, &c) in x.iter().enumerate() {
        at[usize::from(c & 0x7f)] |= 1 << i;
    }
    let last = 1u64 << last;
    // Rows whose vertical step is +1 (all of them in the first column) or
    // −1; `diag` marks rows whose diagonal step is 0.
    let (mut up, mut down, mut diag) = (!0u64, 0u64, 0u64);
    let mut before = 0u64;
    let mut distance = x.len();
    for &c in y {
        let here = at[usize::from(c & 0x7f)];
        // An adjacent swap: the byte matched one row down in the column
        // before, and this byte matches here where the diagonal did not.
        let swap = ((!diag & here) << 1) & before;
        diag = (((here & up).wrapping_add(up)) ^ up) | here | down | swap;
        let right_up = down | !(diag | up);
        let right_down = diag & up;
        if right_up & last != 0 {
            distance += 1;
        } else if right_down & last != 0 {
            distance -= 1;
        }
        let shifted = (right_up << 1) | 1;
        down = shifted & diag;
        up = (right_down << 1) | !(shifted | diag);
        before = here;
    }
    distance
}

/// Keys of the symmetric-delete index: the word and each one-character
/// deletion of it, hashed.
pub fn delete_keys(word: &str) -> Vec<u64> {
    use std::hash::Hasher;
    // Hash the characters, skipping one, without building the variant.
    let hash = |skip: Option<usize>| {
        let mut h = rustc_hash::FxHasher::default();
        for (i, c) in word.chars().enumerate() {
            if Some(i) != skip {
                h.write_u32(u32::from(c));
            }
        }
        h.finish()
    };
    let len = word.chars().count();
    let mut keys = Vec::with_capacity(len + 1);
    keys.push(hash(None));
    keys.extend((0..len).map(|skip| hash(Some(skip))));
    keys
}

/// Letter counts of a word, folded into 32 bins. One edit changes them by
/// at most 2 in total, so histograms further apart than `2k` prove two words
/// are more than `k` edits apart — a cheap filter before the real distance.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Histogram([u8; 32]);

impl Histogram {
    /// The histogram of `word`.
    pub fn of(word: &str) -> Self {
        let mut h = [0u8; 32];
        for c in word.chars() {
            let bin = (u32::from(c) % 32) as usize;
            h[bin] = h[bin].saturating_add(1);
        }
        Histogram(h)
    }

    /// Sum of absolute differences of the bins.
    pub fn distance(&self, other: &Histogram) -> usize {
        self.0
            .iter()
            .zip(&other.0)
            .map(|(a, b)| usize::from(a.abs_diff(*b)))
            .sum()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Words built from a small alphabet, so pairs are often a few edits
    /// apart; every tenth is long, up to past the longest token the bit
    /// vectors hold, and every fifth mixes in letters of two and three
    /// bytes, so both ways of counting are compared.
    fn words() -> Vec<String> {
        let mut seed = 12_345u32;
        let mut out = vec![String::new(), "a".into(), "ab".into(), "ba".into()];
        for n in 0..400 {
            seed = seed.wrapping_mul(1_103_515_245).wrapping_add(12_345);
            let len = if n % 10 == 0 {
                MAX_TOKEN_CHARS - 8 + (seed >> 16) as usize % 12
            } else {
                1 + (seed >> 16) as usize % 12
            };
            let alphabet = if n % 5 == 3 {
                ['a', 'b', 'é', '中']
            } else {
                ['a', 'b', 'c', 'd']
            };
            let mut w = String::new();
            for _ in 0..len {
                seed = seed.wrapping_mul(1_103_515_245).wrapping_add(12_345);
                w.push(alphabet[(seed >> 16) as usize % 4]);
            }
            out.push(w);
        }
        out
    }

    #[test]
    fn histogram_distance_bounds_edit_distance() {
        for (a, b) in [
            ("elections", "electoins"),
            ("ratcliffe", "ratclife"),
            ("wray", "wrey"),
            ("abc", "xyz"),
        ] {
            let edits = strsim::osa_distance(a, b);
            assert!(
                Histogram::of(a).distance(&Histogram::of(b)) <= 2 * edits,
                "{a} {b}"
            );
        }
    }

    #[test]
    fn agrees_with_strsim_within_the_bound() {
        let words = words();
        for a in &words {
            for b in words.iter().step_by(7) {
                let exact = strsim::osa_distance(a, b);
                for max in [0, 1, 2, 3, MAX_TOKEN_CHARS + 8] {
                    let want = (exact <= max).then_some(exact);
                    assert_eq!(osa_within(a, b, max), want, "{a:?} {b:?} within {max}");
                }
            }
        }
    }

    #[test]
    fn counts_a_swap_as_one_edit_and_reads_other_scripts() {
        assert_eq!(osa_within("ca", "abc", 3), Some(3));
        assert_eq!(osa_within("wray", "wrya", 1), Some(1));
        assert_eq!(osa_within("naïve", "naive", 1), Some(1));
        assert_eq!(osa_within(&"a".repeat(40), &"a".repeat(39), 1), Some(1));
        // Lengths outside ASCII are counted in characters, not bytes: one
        // ideograph for one letter is one edit.
        assert_eq!(osa_within("a中", "ab", 1), Some(1));
    }
}
