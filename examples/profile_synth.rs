//! Builds a synthetic base of N facts (default 100,000) and answers its
//! questions, for profilers:
//! `valgrind --tool=callgrind target/release/examples/profile_synth 100000`
//! (add `load` to stop after loading).

#![allow(clippy::unwrap_used, clippy::expect_used)]

#[path = "../benches/synth/mod.rs"]
mod synth;

use dispute_bot::answer::answer;
use dispute_bot::engine::Engine;
use dispute_bot::knowledge::validate;

fn main() {
    let n: usize = std::env::args()
        .nth(1)
        .and_then(|a| a.parse().ok())
        .unwrap_or(100_000);
    let s = synth::generate(n, 42);
    let engine = Engine::new(validate::build(&s.files).expect("valid"));
    if std::env::args().any(|a| a == "load") {
        println!("{} facts loaded", engine.kb.facts.len());
        return;
    }
    let mut answered = 0;
    for q in &s.questions {
        if answer(&engine, q).answered {
            answered += 1;
        }
    }
    println!("{answered} of {} answered", s.questions.len());
}
