//! Property tests: the answer path on arbitrary and hostile Unicode, and the
//! knowledge and config loaders on arbitrary bytes and on random mutations
//! of the real files. None may panic; answers are never below the confidence
//! threshold; work stays bounded.
//!
//! Cases per property come from `RELIABILITY_CASES` (default: a quick run
//! for CI). The long run: `RELIABILITY_CASES=10000 cargo test --release --test properties`.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::path::Path;
use std::sync::OnceLock;

use dispute_bot::answer::answer;
use dispute_bot::chat::{self, Session};
use dispute_bot::config::Config;
use dispute_bot::converse;
use dispute_bot::engine::Engine;
use dispute_bot::knowledge::files::{self, KnowledgeFile};
use dispute_bot::knowledge::{self, validate};
use dispute_bot::matcher::decide;
use dispute_bot::matcher::lexicon::{MAX_CONTENT_TOKENS, MAX_REPAIRS};
use dispute_bot::matcher::score::{FINE_SCORED, POSTINGS_BUDGET, search};
use dispute_bot::state::LiveBase;
use proptest::prelude::*;

/// Cases per property: `RELIABILITY_CASES`, or `default` for a quick run.
fn cases(default: u32) -> u32 {
    std::env::var("RELIABILITY_CASES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}

fn engine() -> &'static Engine {
    static ENGINE: OnceLock<Engine> = OnceLock::new();
    ENGINE.get_or_init(|| {
        Engine::new(knowledge::load_dir(Path::new("knowledge")).expect("shipped base"))
    })
}

fn live() -> &'static LiveBase {
    static LIVE: OnceLock<LiveBase> = OnceLock::new();
    LIVE.get_or_init(|| LiveBase::load(Path::new("knowledge")).expect("shipped base"))
}

fn shipped_files() -> &'static Vec<KnowledgeFile> {
    static FILES: OnceLock<Vec<KnowledgeFile>> = OnceLock::new();
    FILES.get_or_init(|| files::read_dir(Path::new("knowledge")).0)
}

/// The most work any question may cause: the postings budget, plus one
/// lookup per candidate and term (candidates never exceed the budget).
const MAX_WORK: usize = POSTINGS_BUDGET + POSTINGS_BUDGET * MAX_CONTENT_TOKENS;

/// Hostile text: arbitrary Unicode, or built from the nasty parts people use.
fn hostile() -> impl Strategy<Value = String> {
    let pieces = prop::sample::select(vec![
        "a",
        "iran",
        "did",
        "deny",
        " ",
        "\u{200b}",
        "\u{200d}",
        "\u{feff}",
        "\u{0301}",
        "\u{0338}",
        "🔥",
        "🇮🇷",
        "👨‍👩‍👧",
        "ایران",
        "選挙",
        "выборы",
        "\u{202e}",
        "\n",
        "\t",
        "\u{0}",
        "\u{7f}",
        "@everyone",
        "<@123>",
        "’",
        "“",
        ".",
        "-",
        "khatibzade",
        "sanctions",
        "x̸̧",
        "U.S.",
        "100,000",
        // Lowercasing changes their length in bytes ("İ" 2 → 3, the Kelvin
        // sign 3 → 1): a place found in lowercased text is not a place in
        // the text typed.
        "İ",
        "\u{212a}",
    ]);
    prop_oneof![
        prop::collection::vec(any::<char>(), 0..8_000).prop_map(|v| v.into_iter().collect()),
        prop::collection::vec(pieces, 0..3_000).prop_map(|v| v.concat()),
        (any::<char>(), 0..8_000usize).prop_map(|(c, n)| std::iter::repeat_n(c, n).collect()),
        prop::collection::vec("[a-z]{1,3}", 0..2_000).prop_map(|v| v.join(" ")),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(cases(300)))]

    #[test]
    fn answer_path_never_panics_never_answers_below_threshold_and_bounds_work(q in hostile()) {
        let engine = engine();
        let m = search(&engine.index, &q);
        prop_assert!(m.work <= MAX_WORK, "work {} for input of {} chars", m.work, q.chars().count());
        prop_assert!(m.known_terms + m.unknown.len() <= MAX_CONTENT_TOKENS);
        prop_assert!(m.repaired.len() <= MAX_REPAIRS);
        prop_assert!(m.ranked.len() <= FINE_SCORED);
        let a = answer(engine, &q);
        if a.answered {
            prop_assert!(decide::probability(&m) >= decide::THRESHOLD);
            for card in a.answers.iter().chain(&a.counterpoints) {
                let fact = engine.kb.fact(&card.fact_id).unwrap();
                prop_assert_eq!(&card.quote, &fact.quote);
            }
        } else {
            prop_assert!(a.answers.is_empty());
        }
        prop_assert!(a.suggestions.len() <= 3);
    }

    /// What the console and the conversation layer read besides questions
    /// — commands, their options, "who is", "timeline" — on hostile text.
    #[test]
    fn console_and_conversation_never_panic(
        command in prop::sample::select(vec![
            "", "/timeline ", "/who ", "/source ", "/ask ", "/", "timeline ", "who is ",
        ]),
        head in hostile(),
        key in prop::sample::select(vec!["", " actor:", " topic: ", " FROM:", " --to ", " --actor="]),
        tail in hostile(),
    ) {
        let line = format!("{command}{head}{key}{tail}");
        let _ = chat::respond(live(), &mut Session::default(), &line);
        let _ = converse::respond(engine(), &line);
    }

    #[test]
    fn loader_reports_problems_for_arbitrary_bytes(
        files in prop::collection::vec(
            (
                prop::sample::select(vec![
                    "sides.toml", "entities.toml", "topics.toml", "timeline.toml", "synonyms.toml",
                    "facts/a.toml", "facts/b.toml", "sources/x.toml", "sources/x.txt", "stray.bin",
                ]),
                prop::collection::vec(any::<u8>(), 0..2_000),
            ),
            0..8,
        )
    ) {
        let files: Vec<KnowledgeFile> =
            files.into_iter().map(|(p, b)| KnowledgeFile { path: p.to_string(), bytes: b }).collect();
        if let Err(problems) = validate::build(&files) {
            prop_assert!(!problems.is_empty());
            for p in &problems {
                prop_assert!(p.line >= 1 && p.col >= 1 && !p.file.is_empty() && !p.message.is_empty());
            }
        }
    }
}

/// One random edit of a real file.
#[derive(Debug, Clone)]
enum Mutation {
    Delete { at: usize, len: usize },
    Insert { at: usize, bytes: Vec<u8> },
    Duplicate { at: usize, len: usize },
    Flip { at: usize, bit: u8 },
}

fn mutation() -> impl Strategy<Value = Mutation> {
    prop_oneof![
        (any::<usize>(), 1..200usize).prop_map(|(at, len)| Mutation::Delete { at, len }),
        (any::<usize>(), prop::collection::vec(any::<u8>(), 1..40))
            .prop_map(|(at, bytes)| Mutation::Insert { at, bytes }),
        (any::<usize>(), 1..400usize).prop_map(|(at, len)| Mutation::Duplicate { at, len }),
        (any::<usize>(), 0..8u8).prop_map(|(at, bit)| Mutation::Flip { at, bit }),
    ]
}

fn apply(bytes: &mut Vec<u8>, m: &Mutation) {
    let n = bytes.len().max(1);
    match m {
        Mutation::Delete { at, len } => {
            let at = at % n;
            let end = (at + len).min(bytes.len());
            bytes.drain(at.min(end)..end);
        }
        Mutation::Insert { at, bytes: b } => {
            let at = (at % n).min(bytes.len());
            bytes.splice(at..at, b.iter().copied());
        }
        Mutation::Duplicate { at, len } => {
            let at = (at % n).min(bytes.len());
            let end = (at + len).min(bytes.len());
            let copy = bytes[at..end].to_vec();
            bytes.splice(end..end, copy);
        }
        Mutation::Flip { at, bit } => {
            if !bytes.is_empty() {
                let at = at % bytes.len();
                bytes[at] ^= 1 << bit;
            }
        }
    }
}

proptest! {
    // Each case loads the whole base: fewer by default.
    #![proptest_config(ProptestConfig::with_cases(cases(60)))]

    #[test]
    fn loader_survives_random_mutations_of_the_real_files(
        which in any::<prop::sample::Index>(),
        edits in prop::collection::vec(mutation(), 1..4),
    ) {
        let mut files = shipped_files().clone();
        let i = which.index(files.len());
        for m in &edits {
            apply(&mut files[i].bytes, m);
        }
        match validate::build(&files) {
            Ok(kb) => prop_assert!(!kb.facts.is_empty()),
            Err(problems) => {
                prop_assert!(!problems.is_empty());
                for p in &problems {
                    prop_assert!(p.line >= 1 && p.col >= 1 && !p.file.is_empty());
                }
            }
        }
    }

    #[test]
    fn config_loader_never_panics(
        edits in prop::collection::vec(mutation(), 0..4),
        noise in "\\PC{0,200}",
    ) {
        let mut bytes = std::fs::read("config.toml").unwrap();
        for m in &edits {
            apply(&mut bytes, m);
        }
        let text = String::from_utf8_lossy(&bytes).into_owned();
        let _ = Config::from_str(&text, "config.toml");
        let _ = Config::from_str(&noise, "config.toml");
    }
}
