//! How many edits apart two words are, for typo repair, and cheap ways to
//! know that two words are far apart before counting: the keys of the
//! symmetric-delete index (words one edit apart share a key) and letter
//! histograms.
//!
//! [`osa_within`] counts only up to a small bound, without allocating.
//! Typo repair asks of many candidates whether each is within one or two
//! edits of a word; `strsim::osa_distance` answers with the exact
//! distance, collecting both words into vectors and filling the whole
//! table every time, which was most of reading a pasted paragraph with
//! typos (callgrind). This gives the same distance whenever it is within
//! the bound.

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
    if !a.is_ascii() || !b.is_ascii() || x.len() > MAX_TOKEN_CHARS || y.len() > MAX_TOKEN_CHARS {
        // Rare (tokens are short, and most are ASCII): the general routine.
        let d = strsim::osa_distance(a, b);
        return (d <= max).then_some(d);
    }
    if x.len().abs_diff(y.len()) > max {
        return None;
    }
    // Only cells within `max` of the diagonal can be within `max` (a cell
    // is at least its distance from the diagonal); every other cell is
    // held as `cap`, "beyond", which is all the answer needs of it.
    let cap = u8::try_from(max + 1).unwrap_or(u8::MAX);
    // Three rows of the table: row `i` is kept at `i % 3`.
    let mut rows = [[cap; MAX_TOKEN_CHARS + 2]; 3];
    for (j, cell) in rows[0].iter_mut().enumerate().take(y.len().min(max) + 1) {
        *cell = j as u8;
    }
    // Consecutive rows wholly beyond `max`. A cell comes from the row above
    // or from two rows above (a swap), so after two such rows every later
    // cell is beyond `max` too.
    let mut rows_over = 0;
    for i in 1..=x.len() {
        let (now, up, up2) = (i % 3, (i + 2) % 3, (i + 1) % 3);
        let (lo, hi) = (i.saturating_sub(max).max(1), (i + max).min(y.len()));
        rows[now][0] = if i <= max { i as u8 } else { cap };
        if lo > 1 {
            rows[now][lo - 1] = cap;
        }
        let mut row_min = rows[now][0];
        for j in lo..=hi {
            let cost = u8::from(x[i - 1] != y[j - 1]);
            let mut d = (rows[up][j] + 1)
                .min(rows[now][j - 1] + 1)
                .min(rows[up][j - 1] + cost);
            if i > 1 && j > 1 && x[i - 1] == y[j - 2] && x[i - 2] == y[j - 1] {
                d = d.min(rows[up2][j - 2] + 1);
            }
            let d = d.min(cap);
            rows[now][j] = d;
            row_min = row_min.min(d);
        }
        // The cell right of the band is read by the next row.
        rows[now][hi + 1] = cap;
        if usize::from(row_min) > max {
            rows_over += 1;
            if rows_over == 2 {
                return None;
            }
        } else {
            rows_over = 0;
        }
    }
    let d = usize::from(rows[x.len() % 3][y.len()]);
    (d <= max).then_some(d)
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

    /// Words built from a small alphabet, so pairs are often a few edits apart.
    fn words() -> Vec<String> {
        let mut seed = 12_345u32;
        let mut out = vec![String::new(), "a".into(), "ab".into(), "ba".into()];
        for _ in 0..400 {
            seed = seed.wrapping_mul(1_103_515_245).wrapping_add(12_345);
            let len = 1 + (seed >> 16) as usize % 12;
            let mut w = String::new();
            for _ in 0..len {
                seed = seed.wrapping_mul(1_103_515_245).wrapping_add(12_345);
                w.push(char::from(b'a' + ((seed >> 16) % 4) as u8));
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
                for max in 0..=3 {
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
    }
}
