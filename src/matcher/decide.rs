//! Whether to answer: a small logistic model over what the matcher knows
//! about its best candidate, fitted to labelled questions rather than set
//! by hand.
//!
//! The coefficients below are the output of
//! `cargo run --release --example calibrate -- --fit`, which fits them on
//! our own question sets plus one dev set and reports the other as unseen
//! (see `tests/questions/README.md`). Refit after changing the matcher, the
//! features or the knowledge base, and paste its output here.

use super::score::Match;

/// How many features the model reads.
pub const N_FEATURES: usize = 19;

/// The features of one match, in the order of [`COEFFICIENTS`].
pub const FEATURES: [&str; N_FEATURES] = [
    "coverage",
    "similarity",
    "focus",
    "matched",
    "unknown_names",
    "unknown_common",
    "margin",
    "frame_agrees",
    "frame_missing",
    "repairs",
    "known_terms",
    "score",
    "target_unknown",
    "subject_mismatch",
    "beyond",
    "missing_max",
    "unknown_numbers",
    "related",
    "year_conflict",
];

/// What the model sees of a match (all roughly 0..=1).
pub fn features(m: &Match) -> [f32; N_FEATURES] {
    let Some(top) = m.ranked.first() else {
        return [0.0; N_FEATURES];
    };
    let second = m.ranked.get(1).map_or(0.0, |s| s.confidence);
    let asked = m.frame.is_some();
    [
        top.coverage,
        top.similarity,
        top.focus,
        (top.matched / 8.0).min(1.0),
        (m.unknown_names as f32).min(3.0),
        (m.unknown_common as f32 / (m.known_terms + m.unknown_common).max(1) as f32).min(1.0),
        top.confidence - second,
        f32::from(u8::from(asked && top.carries_frame)),
        f32::from(u8::from(asked && !top.carries_frame)),
        (m.repaired.len() as f32).min(3.0),
        (m.known_terms as f32 / 5.0).min(2.0),
        top.confidence,
        f32::from(u8::from(m.target_unknown)),
        f32::from(u8::from(top.subject_mismatch)),
        (m.beyond as f32).min(2.0),
        m.missing_max,
        (m.unknown_numbers as f32).min(2.0),
        (m.related.len() as f32).min(3.0),
        f32::from(u8::from(top.year_conflict)),
    ]
}

/// Intercept, then one weight per feature: `cargo run --release --example
/// calibrate -- --fit formal` (own sets + dev-formal; dev-casual unseen).
// Fitted numbers: one may happen to be near π's or e's digits.
#[allow(clippy::approx_constant)]
pub const COEFFICIENTS: [f32; N_FEATURES + 1] = [
    -3.710, // intercept
    0.641,  // coverage
    1.581,  // similarity
    0.901,  // focus
    1.369,  // matched
    -0.615, // unknown_names
    -2.429, // unknown_common
    1.449,  // margin
    -0.053, // frame_agrees
    -1.092, // frame_missing
    1.012,  // repairs
    1.902,  // known_terms
    1.575,  // score
    -1.054, // target_unknown
    -2.949, // subject_mismatch
    -1.252, // beyond
    -2.316, // missing_max
    -0.565, // unknown_numbers
    0.565,  // related
    -0.967, // year_conflict
];

/// Answer when the model's probability that the best candidate answers the
/// question is at least this (the fit's accuracy-maximising threshold).
pub const THRESHOLD: f32 = 0.43;

/// The probability that `m`'s best candidate answers the question.
pub fn probability(m: &Match) -> f32 {
    if gated(m) {
        return 0.0;
    }
    probability_of(&features(m), &COEFFICIENTS)
}

/// Questions the model never sees: no candidate; only very common words
/// matched ("thanks, that was helpful" → "help"), too little to put a quote
/// to; the name asked of someone the articles name only by role (no quote
/// holds it, however well the rest matches); what someone said whom the
/// base does not know at all ("what did raisi say": no quote is theirs);
/// others than those the question names, when the best quote names no one
/// else of their kind ("which other country besides France").
/// Every such question in our sets and the dev sets is one to abstain on,
/// too few for a fit to weigh; `examples/calibrate` leaves them out of the
/// fit and scores them as abstentions, as the answer path does.
pub fn gated(m: &Match) -> bool {
    gate(m).is_some()
}

/// Why [`gated`] holds, in words for `ask --explain`.
pub fn gate(m: &Match) -> Option<&'static str> {
    if m.ranked.is_empty() {
        Some("no fact holds any of the question's words")
    } else if m.generic_only {
        Some("only very common words matched")
    } else if m.unnamed_asked {
        Some("asks the name of someone the articles name only by role")
    } else if m.subject_unknown {
        Some("asks what someone said whom the articles never quote")
    } else if m.others_unnamed {
        Some("asks for others than those it names; the best quote names no one else")
    } else {
        None
    }
}

/// The logistic model: `1 / (1 + e^-(b0 + Σ bi·xi))`.
pub fn probability_of(x: &[f32; N_FEATURES], b: &[f32; N_FEATURES + 1]) -> f32 {
    let z = b[0] + x.iter().zip(&b[1..]).map(|(x, b)| x * b).sum::<f32>();
    1.0 / (1.0 + (-z).exp())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn probability_is_zero_without_candidates() {
        assert_eq!(probability(&Match::default()), 0.0);
    }

    #[test]
    fn gated_questions_say_why() {
        use crate::matcher::score::Scored;
        let candidate = Match {
            ranked: vec![Scored::default()],
            ..Match::default()
        };
        assert_eq!(gate(&candidate), None);
        let unknown_speaker = Match {
            subject_unknown: true,
            ..candidate.clone()
        };
        assert!(gate(&unknown_speaker).is_some_and(|why| why.contains("never quote")));
        assert_eq!(probability(&unknown_speaker), 0.0);
        let role_name = Match {
            unnamed_asked: true,
            ..candidate
        };
        assert!(gate(&role_name).is_some_and(|why| why.contains("only by role")));
    }

    #[test]
    fn probability_of_is_a_logistic() {
        let b = [0.0; N_FEATURES + 1];
        assert!((probability_of(&[0.0; N_FEATURES], &b) - 0.5).abs() < 1e-6);
        let mut b = [0.0; N_FEATURES + 1];
        b[1] = 10.0;
        let mut x = [0.0; N_FEATURES];
        x[0] = 1.0;
        assert!(probability_of(&x, &b) > 0.99);
    }
}
