//! Benchmarks (criterion): the whole answer path per question, on the
//! shipped base and on synthetic bases of 1,000 / 10,000 / 100,000 facts,
//! beside the naive baseline a bot author would write first; loading
//! (parse + validate + index); and hostile input. See BENCHMARKS.md.

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod synth;

use std::hint::black_box;
use std::path::Path;
use std::time::Duration;

use criterion::{BenchmarkId, Criterion, criterion_group, criterion_main};
use dispute_bot::answer::answer;
use dispute_bot::discord::reply;
use dispute_bot::engine::Engine;
use dispute_bot::knowledge::{self, KnowledgeBase, files, validate};
use dispute_bot::render::text;

/// The binary's allocator (src/main.rs), so the figures are what users get.
#[global_allocator]
static ALLOC: mimalloc::MiMalloc = mimalloc::MiMalloc;

const SIZES: [usize; 3] = [1_000, 10_000, 100_000];

/// Everything a reply costs: match, decide, render as text and as the
/// Discord payload (serialised, as it goes on the wire).
fn answer_path(engine: &Engine, q: &str) -> usize {
    let a = answer(engine, q);
    let text = text::answer(&a);
    let payload = serde_json::to_string(&reply::interaction_answer(&a)).unwrap_or_default();
    text.len() + payload.len()
}

/// The obvious first approach: compare the question with every example
/// question by edit distance and keep the best.
fn baseline(kb: &KnowledgeBase, q: &str) -> Option<usize> {
    let q = q.to_lowercase();
    let mut best = (0.0, None);
    for (i, f) in kb.facts.iter().enumerate() {
        for e in &f.questions {
            let s = strsim::normalized_levenshtein(&q, e);
            if s > best.0 {
                best = (s, Some(i));
            }
        }
    }
    best.1
}

fn shipped() -> (Engine, Vec<String>) {
    let kb = knowledge::load_dir(Path::new("knowledge")).expect("shipped base");
    let mut questions = Vec::new();
    for set in [
        "tests/questions/answerable.toml",
        "tests/questions/unanswerable.toml",
    ] {
        let doc: toml::Table = toml::from_str(&std::fs::read_to_string(set).unwrap()).unwrap();
        for q in doc["q"].as_array().unwrap() {
            questions.push(q["text"].as_str().unwrap().to_string());
        }
    }
    (Engine::new(kb), questions)
}

/// Benchmarks `f` over `questions`, one question per iteration, cycling.
fn per_question(
    c: &mut Criterion,
    group: &str,
    id: BenchmarkId,
    questions: &[String],
    mut f: impl FnMut(&str) -> usize,
) {
    let mut g = c.benchmark_group(group);
    g.warm_up_time(Duration::from_millis(500))
        .measurement_time(Duration::from_secs(2));
    let mut i = 0;
    g.bench_function(id, |b| {
        b.iter(|| {
            i = (i + 1) % questions.len();
            black_box(f(black_box(&questions[i])))
        })
    });
    g.finish();
}

fn bench_shipped(c: &mut Criterion) {
    let (engine, questions) = shipped();
    per_question(
        c,
        "answer_path",
        BenchmarkId::new("ours", "shipped"),
        &questions,
        |q| answer_path(&engine, q),
    );
    per_question(
        c,
        "baseline",
        BenchmarkId::new("strsim_scan", "shipped"),
        &questions,
        |q| baseline(&engine.kb, q).unwrap_or(0),
    );
    // Hostile input at the shipped size.
    let hostile = hostile_inputs();
    for (name, input) in &hostile {
        per_question(
            c,
            "hostile",
            BenchmarkId::new(*name, "shipped"),
            std::slice::from_ref(input),
            |q| answer_path(&engine, q),
        );
    }
}

fn hostile_inputs() -> Vec<(&'static str, String)> {
    let long: String =
        "did iran deny interfering in the us election or not, and who said what about it? "
            .repeat(60)
            .chars()
            .take(4_000)
            .collect();
    // The worst honest message: a pasted paragraph of many distinct words
    // (normalisation cannot shrink it), long typos scattered through it,
    // and a question at the end.
    let article = include_str!("../knowledge/sources/iran-denounces-sanctions-2021.txt");
    let typos = [
        "khatibzadehhh",
        "interferance",
        "sanctiosn",
        "amirabdolahiann",
        "registrattion",
        "miryousefii",
    ];
    let mut pasted = String::new();
    for (i, word) in article.split_whitespace().enumerate() {
        pasted.push_str(word);
        pasted.push(' ');
        if i % 40 == 7 {
            pasted.push_str(typos[(i / 40) % typos.len()]);
            pasted.push(' ');
        }
    }
    pasted.push_str(" so did iran deny it or not??");
    let pasted: String = pasted.chars().take(4_000).collect();
    // Keyboard mash: distinct long words no list knows, so every one goes
    // through typo repair, the thesaurus and the misspelling test.
    let mut seed = 7u32;
    let mut mash = String::new();
    while mash.len() < 4_000 {
        for _ in 0..9 {
            seed = seed.wrapping_mul(1_103_515_245).wrapping_add(12_345);
            mash.push(char::from(b'a' + ((seed >> 16) % 26) as u8));
        }
        mash.push(' ');
    }
    vec![
        (
            "normal",
            "did iran deny interfering in the election".to_string(),
        ),
        ("4000_chars", long),
        ("4000_chars_pasted_paragraph_typos", pasted),
        ("4000_chars_keyboard_mash", mash),
        ("one_letter", "a".repeat(4_000)),
        (
            "500_short_words",
            (0..500)
                .map(|i| ["ab", "cd", "ef", "gh", "ij"][i % 5])
                .collect::<Vec<_>>()
                .join(" "),
        ),
        (
            "emoji_mixed_scripts",
            "🔥🇮🇷 ایران انتخابات 選挙 выборы did iran 🤔 deny ❤️ ".repeat(40),
        ),
    ]
}

fn bench_synthetic(c: &mut Criterion) {
    for &n in &SIZES {
        let s = synth::generate(n, 42);
        let kb = validate::build(&s.files).expect("synthetic base is valid");
        let engine = Engine::new(kb);
        let label = format!("{n}");
        per_question(
            c,
            "answer_path",
            BenchmarkId::new("ours", &label),
            &s.questions,
            |q| answer_path(&engine, q),
        );
        let mut g = c.benchmark_group("baseline");
        g.sample_size(10)
            .warm_up_time(Duration::from_millis(200))
            .measurement_time(Duration::from_secs(2));
        let mut i = 0;
        g.bench_function(BenchmarkId::new("strsim_scan", &label), |b| {
            b.iter(|| {
                i = (i + 1) % s.questions.len();
                black_box(baseline(&engine.kb, &s.questions[i]))
            })
        });
        g.finish();
        if n == 10_000 || n == 100_000 {
            for (name, input) in hostile_inputs() {
                per_question(
                    c,
                    "hostile",
                    BenchmarkId::new(name, &label),
                    std::slice::from_ref(&input),
                    |q| answer_path(&engine, q),
                );
            }
        }
    }
}

fn bench_load(c: &mut Criterion) {
    let mut g = c.benchmark_group("load");
    g.sample_size(10)
        .warm_up_time(Duration::from_millis(200))
        .measurement_time(Duration::from_secs(3));
    let (shipped_files, _) = files::read_dir(Path::new("knowledge"));
    g.bench_function(BenchmarkId::new("parse_validate_index", "shipped"), |b| {
        b.iter(|| Engine::new(validate::build(black_box(&shipped_files)).expect("valid")))
    });
    for &n in &SIZES {
        let s = synth::generate(n, 42);
        g.bench_function(BenchmarkId::new("parse_validate_index", n), |b| {
            b.iter(|| Engine::new(validate::build(black_box(&s.files)).expect("valid")))
        });
    }
    g.finish();
}

criterion_group!(benches, bench_shipped, bench_synthetic, bench_load);
criterion_main!(benches);
