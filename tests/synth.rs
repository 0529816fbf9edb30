//! The benchmark generator makes valid, answerable bases (so benchmarks
//! measure real work, not error paths).

#![allow(clippy::unwrap_used, clippy::expect_used)]

#[path = "../benches/synth/mod.rs"]
mod synth;

use dispute_bot::answer::answer;
use dispute_bot::engine::Engine;
use dispute_bot::knowledge::validate;

#[test]
fn synthetic_bases_are_valid_and_mostly_answerable() {
    for n in [100, 1_000] {
        let s = synth::generate(n, 7);
        let kb = validate::build(&s.files)
            .unwrap_or_else(|p| panic!("{} problems, first: {}", p.len(), p[0]));
        assert_eq!(kb.facts.len(), n);
        let engine = Engine::new(kb);
        let answered = s
            .questions
            .iter()
            .filter(|q| answer(&engine, q).answered)
            .count();
        assert!(
            answered * 2 > s.questions.len(),
            "{answered} of {} answered",
            s.questions.len()
        );
    }
}

#[test]
fn generation_is_deterministic() {
    let a = synth::generate(200, 1);
    let b = synth::generate(200, 1);
    assert_eq!(a.files, b.files);
    assert_eq!(a.questions, b.questions);
}
