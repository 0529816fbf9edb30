//! The matcher's quality bar on our own question sets: top-1 accuracy on
//! answerable questions and abstention on the others, both >= 95%.
//! Prints every miss so a failing run says what to look at.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::path::Path;

use dispute_bot::answer::answer;
use dispute_bot::engine::Engine;
use dispute_bot::knowledge;
use serde::Deserialize;

#[derive(Deserialize)]
struct Answerable {
    q: Vec<AnswerableQ>,
}

#[derive(Deserialize)]
struct AnswerableQ {
    text: String,
    expect: Vec<String>,
}

#[derive(Deserialize)]
struct Unanswerable {
    q: Vec<UnanswerableQ>,
}

#[derive(Deserialize)]
struct UnanswerableQ {
    text: String,
}

/// Required share of correct top answers, and of abstentions.
const REQUIRED: f64 = 0.95;

fn engine() -> Engine {
    let kb = knowledge::load_dir(Path::new("knowledge")).expect("shipped knowledge is valid");
    Engine::new(kb)
}

fn read<T: for<'de> Deserialize<'de>>(path: &str) -> T {
    let text = std::fs::read_to_string(path).expect("question set exists");
    toml::from_str(&text).expect("question set parses")
}

#[test]
fn answerable_questions_top1_accuracy_at_least_95_percent() {
    let engine = engine();
    let set: Answerable = read("tests/questions/answerable.toml");
    assert!(set.q.len() >= 120, "the set needs at least 120 questions");
    for q in &set.q {
        for id in &q.expect {
            assert!(
                engine.kb.fact(id).is_some(),
                "question set names unknown fact {id}"
            );
        }
    }
    let mut misses = Vec::new();
    for q in &set.q {
        let a = answer(&engine, &q.text);
        let top = a.answers.first().map(|c| c.fact_id.clone());
        if !top.as_ref().is_some_and(|id| q.expect.contains(id)) {
            misses.push(format!(
                "  {:?}: got {:?} (expected one of {:?})",
                q.text, top, q.expect
            ));
        }
    }
    let accuracy = 1.0 - misses.len() as f64 / set.q.len() as f64;
    println!(
        "top-1 accuracy {:.1}% ({} of {})",
        accuracy * 100.0,
        set.q.len() - misses.len(),
        set.q.len()
    );
    println!("{}", misses.join("\n"));
    assert!(
        accuracy >= REQUIRED,
        "accuracy {accuracy:.3} below {REQUIRED}; misses:\n{}",
        misses.join("\n")
    );
}

#[test]
fn unanswerable_questions_abstain_at_least_95_percent() {
    let engine = engine();
    let set: Unanswerable = read("tests/questions/unanswerable.toml");
    assert!(set.q.len() >= 40, "the set needs at least 40 questions");
    let mut wrong = Vec::new();
    for q in &set.q {
        let a = answer(&engine, &q.text);
        if a.answered {
            wrong.push(format!(
                "  {:?}: answered with {}",
                q.text, a.answers[0].fact_id
            ));
        }
        assert!(a.suggestions.len() <= 3);
    }
    let rate = 1.0 - wrong.len() as f64 / set.q.len() as f64;
    println!(
        "abstention {:.1}% ({} of {})",
        rate * 100.0,
        set.q.len() - wrong.len(),
        set.q.len()
    );
    println!("{}", wrong.join("\n"));
    assert!(
        rate >= REQUIRED,
        "abstention {rate:.3} below {REQUIRED}; answered:\n{}",
        wrong.join("\n")
    );
}
