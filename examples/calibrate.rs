//! Fits and checks the answer/abstain model of `matcher::decide`.
//!
//!     cargo run --release --example calibrate              # the shipped model on every set
//!     cargo run --release --example calibrate -- --fit casual   # fit on own sets + dev-casual
//!     cargo run --release --example calibrate -- --fit formal   # fit on own sets + dev-formal
//!     cargo run --release --example calibrate -- --dump    # one TSV row of features per question
//!     cargo run --release --example calibrate -- --misses  # answerable questions ranked wrong
//!
//! `--fit` trains a logistic regression on our own sets plus one dev set
//! (never both: the other is reported as unseen), reports 5-fold
//! cross-validated accuracy on the training sets and accuracy on the unseen
//! set, and prints the coefficients and threshold to paste into
//! `src/matcher/decide.rs`.

use std::path::Path;

use dispute_bot::answer::answer;
use dispute_bot::engine::Engine;
use dispute_bot::eval::{self, Expect, Question, Score};
use dispute_bot::knowledge;
use dispute_bot::matcher::decide::{self, FEATURES, N_FEATURES};
use dispute_bot::matcher::score::search;

const OWN: [&str; 5] = [
    "tests/questions/near-topic.toml",
    "tests/questions/near-topic-formal.toml",
    "tests/questions/paraphrase.toml",
    "tests/questions/answerable.toml",
    "tests/questions/unanswerable.toml",
];
const CASUAL: &str = "tests/questions/dev-casual.jsonl";
const FORMAL: &str = "tests/questions/dev-formal.jsonl";

/// L2 penalty of the fit: small, so weights stay readable and stable.
const L2: f64 = 0.002;

/// One question as the model sees it.
struct Row {
    x: [f32; N_FEATURES],
    /// The top candidate is a right answer.
    y: bool,
    /// Whether the question should be answered at all.
    answerable: bool,
    /// The answer path abstains without asking the model
    /// (`decide::gated`): left out of the fit, scored as an abstention.
    gated: bool,
}

impl Row {
    fn probability(&self, b: &[f32; N_FEATURES + 1]) -> f32 {
        if self.gated {
            0.0
        } else {
            decide::probability_of(&self.x, b)
        }
    }
}

fn rows(engine: &Engine, set: &[Question]) -> Vec<Row> {
    set.iter()
        .map(|q| {
            let m = search(&engine.index, &q.text);
            let top = m
                .ranked
                .first()
                .and_then(|s| engine.kb.facts.get(s.fact))
                .map(|f| f.id.clone());
            let y = top.is_some_and(|id| eval::fact_answers(&engine.kb, q, &id));
            Row {
                x: decide::features(&m),
                y,
                answerable: q.expect != Expect::Abstain,
                gated: decide::gated(&m),
            }
        })
        .collect()
}

/// Gradient descent on the mean log loss with an L2 penalty.
fn fit(rows: &[&Row]) -> [f32; N_FEATURES + 1] {
    let mut b = [0.0f64; N_FEATURES + 1];
    let rows: Vec<&Row> = rows.iter().copied().filter(|r| !r.gated).collect();
    let n = rows.len().max(1) as f64;
    let rate = 0.5;
    for _ in 0..6000 {
        let mut grad = [0.0f64; N_FEATURES + 1];
        for r in &rows {
            let z = b[0]
                + r.x
                    .iter()
                    .zip(&b[1..])
                    .map(|(x, b)| f64::from(*x) * b)
                    .sum::<f64>();
            let p = 1.0 / (1.0 + (-z).exp());
            let err = p - f64::from(u8::from(r.y));
            grad[0] += err;
            for (g, x) in grad[1..].iter_mut().zip(&r.x) {
                *g += err * f64::from(*x);
            }
        }
        for (i, (bi, g)) in b.iter_mut().zip(grad).enumerate() {
            let penalty = if i == 0 { 0.0 } else { L2 * *bi };
            *bi -= rate * (g / n + penalty);
        }
    }
    b.map(|v| v as f32)
}

/// A row is right when we answer a right top candidate, or abstain on a
/// question whose top candidate is wrong or that has no answer.
fn right(r: &Row, p: f32, threshold: f32) -> bool {
    let answers = p >= threshold;
    if answers { r.y } else { !r.answerable }
}

fn accuracy(rows: &[&Row], b: &[f32; N_FEATURES + 1], threshold: f32) -> f64 {
    let ok = rows
        .iter()
        .filter(|r| right(r, r.probability(b), threshold))
        .count();
    ok as f64 / rows.len().max(1) as f64
}

/// How far below the best training accuracy a threshold may be and still
/// count as one of the best: accuracy is flat near its peak, and the single
/// best point jumps about with every refit.
const NEAR_BEST: f64 = 0.005;

/// The middle of the thresholds whose accuracy over `scored` (each row with
/// its probability) is within [`NEAR_BEST`] of the best: steadier on unseen
/// questions than the single best point.
fn best_threshold(scored: &[(&Row, f32)]) -> f32 {
    let at = |t: f32| {
        let ok = scored.iter().filter(|(r, p)| right(r, *p, t)).count();
        ok as f64 / scored.len().max(1) as f64
    };
    let curve: Vec<(f32, f64)> = (20..=80)
        .map(|t| t as f32 / 100.0)
        .map(|t| (t, at(t)))
        .collect();
    let best = curve.iter().map(|s| s.1).fold(0.0, f64::max);
    let near: Vec<f32> = curve
        .iter()
        .filter(|s| s.1 + NEAR_BEST >= best)
        .map(|s| s.0)
        .collect();
    near.get(near.len() / 2).copied().unwrap_or(0.5)
}

fn load_questions(path: &str) -> Result<Vec<Question>, Box<dyn std::error::Error>> {
    Ok(eval::read_set(Path::new(path))?)
}

fn load(engine: &Engine, paths: &[&str]) -> Result<Vec<Row>, Box<dyn std::error::Error>> {
    let mut out = Vec::new();
    for p in paths {
        out.extend(rows(engine, &eval::read_set(Path::new(p))?));
    }
    Ok(out)
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let kb =
        knowledge::load_dir(Path::new("knowledge")).map_err(|p| format!("{} problems", p.len()))?;
    let engine = Engine::new(kb);
    let args: Vec<String> = std::env::args().skip(1).collect();
    match args.first().map(String::as_str) {
        Some("--fit") => {
            let (train, unseen_name) = match args.get(1).map(String::as_str) {
                Some("formal") => (FORMAL, CASUAL),
                _ => (CASUAL, FORMAL),
            };
            let mut paths = OWN.to_vec();
            paths.push(train);
            let train_rows = load(&engine, &paths)?;
            let unseen_rows = load(&engine, &[unseen_name])?;
            // 5-fold cross-validation on the training sets. Each row's
            // out-of-fold probability (from a model that never saw it) also
            // sets the threshold: probabilities on seen rows are too sure.
            let mut out_of_fold = vec![0.0f32; train_rows.len()];
            let mut cv_ok = 0usize;
            for fold in 0..5 {
                let fit_on: Vec<&Row> = train_rows
                    .iter()
                    .enumerate()
                    .filter(|(i, _)| i % 5 != fold)
                    .map(|(_, r)| r)
                    .collect();
                let b = fit(&fit_on);
                let seen: Vec<(&Row, f32)> =
                    fit_on.iter().map(|r| (*r, r.probability(&b))).collect();
                let t = best_threshold(&seen);
                for (i, r) in train_rows.iter().enumerate().filter(|(i, _)| i % 5 == fold) {
                    let p = r.probability(&b);
                    out_of_fold[i] = p;
                    cv_ok += usize::from(right(r, p, t));
                }
            }
            let all: Vec<&Row> = train_rows.iter().collect();
            let b = fit(&all);
            let scored: Vec<(&Row, f32)> = all.iter().copied().zip(out_of_fold).collect();
            let t = best_threshold(&scored);
            let unseen: Vec<&Row> = unseen_rows.iter().collect();
            println!("trained on own sets + {train} ({} questions)", all.len());
            println!(
                "  fitted accuracy {:.3}; 5-fold cross-validated {:.3}",
                accuracy(&all, &b, t),
                cv_ok as f64 / all.len() as f64
            );
            let split = |rows: &[&Row], answerable: bool| {
                let part: Vec<&Row> = rows
                    .iter()
                    .filter(|r| r.answerable == answerable)
                    .copied()
                    .collect();
                accuracy(&part, &b, t)
            };
            println!(
                "  unseen {}: {:.3} (answerable {:.3}, abstain {:.3}; n={})",
                unseen_name,
                accuracy(&unseen, &b, t),
                split(&unseen, true),
                split(&unseen, false),
                unseen.len()
            );
            if args.iter().any(|a| a == "--errors") {
                for (q, r) in load_questions(unseen_name)?.iter().zip(&unseen_rows) {
                    let p = r.probability(&b);
                    if !right(r, p, t) {
                        println!("    p={p:.2} top_right={} {:?}", r.y, q.text);
                    }
                }
            }
            println!("\npub const COEFFICIENTS: [f32; N_FEATURES + 1] = [");
            println!("    {:.3}, // intercept", b[0]);
            for (name, w) in FEATURES.iter().zip(&b[1..]) {
                println!("    {w:.3}, // {name}");
            }
            println!("];\npub const THRESHOLD: f32 = {t:.2};");
        }
        Some("--misses") => {
            // Answerable questions whose best candidate is wrong: ranking
            // failures, which no decision rule can fix.
            for p in OWN.iter().chain(&[CASUAL, FORMAL]) {
                for q in eval::read_set(Path::new(p))? {
                    if q.expect == Expect::Abstain {
                        continue;
                    }
                    let m = search(&engine.index, &q.text);
                    let top = m
                        .ranked
                        .first()
                        .and_then(|s| engine.kb.facts.get(s.fact))
                        .map_or("-", |f| f.id.as_str());
                    if !eval::fact_answers(&engine.kb, &q, top) {
                        println!("{p}\t{}\t{top}\t{}", q.kind, q.text);
                    }
                }
            }
        }
        Some("--dump") => {
            println!("set\tright\tanswerable\t{}", FEATURES.join("\t"));
            for p in OWN.iter().chain(&[CASUAL, FORMAL]) {
                for r in load(&engine, &[p])? {
                    let x: Vec<String> = r.x.iter().map(|v| format!("{v:.3}")).collect();
                    println!("{p}\t{}\t{}\t{}", r.y, r.answerable, x.join("\t"));
                }
            }
        }
        _ => {
            // The shipped model, through the real answer path.
            for p in OWN.iter().chain(&[CASUAL, FORMAL]) {
                let set = eval::read_set(Path::new(p))?;
                let mut score = Score::default();
                for q in &set {
                    let a = answer(&engine, &q.text);
                    score.add(q, eval::is_correct(&engine.kb, q, &a));
                }
                println!("{p}: {score}");
            }
        }
    }
    Ok(())
}
