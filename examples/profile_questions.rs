//! Answers each line of a file, cycling, with the shipped knowledge base,
//! for profilers and instruction counts (BENCHMARKS.md):
//! `valgrind --tool=cachegrind --cache-sim=no target/release/examples/profile_questions FILE 300`
//! (run it with 1 and with N+1 answers and subtract, to leave out loading).

#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::path::Path;

use dispute_bot::answer::answer;
use dispute_bot::engine::Engine;
use dispute_bot::knowledge;
use dispute_bot::render::text;

/// The shipped binary's allocator, so counts are of what ships.
#[global_allocator]
static ALLOC: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() {
    let mut args = std::env::args().skip(1);
    let file = args.next().expect("usage: profile_questions FILE [N]");
    let n: usize = args.next().and_then(|a| a.parse().ok()).unwrap_or(1_000);
    let questions: Vec<String> = std::fs::read_to_string(&file)
        .expect("questions file")
        .lines()
        .map(String::from)
        .collect();
    assert!(!questions.is_empty(), "{file} has no questions");
    let engine = Engine::new(knowledge::load_dir(Path::new("knowledge")).expect("shipped base"));
    let started = std::time::Instant::now();
    let mut bytes = 0;
    for i in 0..n {
        let a = answer(&engine, &questions[i % questions.len()]);
        bytes += text::answer(&a).len();
    }
    let per = started.elapsed() / u32::try_from(n.max(1)).unwrap_or(u32::MAX);
    eprintln!("{n} answers, {per:?} each ({bytes} bytes rendered)");
}
