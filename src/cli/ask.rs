//! `ask`: one question (or one per line of stdin), as text or JSON, with
//! `--explain` showing how it was understood and decided.

use std::io::Write;
use std::process::ExitCode;

use anyhow::{Context, Result};

use super::args::AskArgs;
use dispute_bot::answer::answer;
use dispute_bot::engine::Engine;
use dispute_bot::render::text;

pub fn ask(engine: &Engine, args: &AskArgs) -> Result<ExitCode> {
    let mut out = std::io::stdout().lock();
    let emit = |question: &str, out: &mut std::io::StdoutLock<'_>| -> Result<()> {
        let a = answer(engine, question);
        if args.explain {
            write!(out, "{}", explain(engine, question))?;
        }
        if args.json {
            serde_json::to_writer(&mut *out, &a).context("writing JSON")?;
            writeln!(out)?;
        } else {
            writeln!(out, "{}", text::answer(&a))?;
        }
        out.flush()?;
        Ok(())
    };
    if args.stdin {
        // One output line per input line, blank ones included, so line N
        // of the output always answers line N of the input.
        for line in dispute_bot::input::lossy_lines(std::io::stdin().lock()) {
            let line = line.context("reading stdin")?;
            emit(&line, &mut out)?;
        }
    } else {
        emit(&args.question.join(" "), &mut out)?;
    }
    Ok(ExitCode::SUCCESS)
}
/// Why a question got its answer: terms understood, the frame, the top
/// candidates' scores, and the decision model's features and probability.
pub fn explain(engine: &Engine, question: &str) -> String {
    use dispute_bot::matcher::decide;
    use dispute_bot::matcher::lexicon::Word;
    let index = &engine.index;
    let (read, chatter) = dispute_bot::matcher::score::read_words(index, question);
    let mut out = String::new();
    if !chatter.is_empty() {
        out.push_str(&format!("chatter, not read: {}\n", chatter.join(" ")));
    }
    out.push_str("understood as:");
    for w in index.lexicon.analyze_tokens(&read) {
        match w {
            Word::Known {
                term,
                repaired_from,
                related_from,
            } => {
                let name = index.lexicon.name(term);
                let repaired = repaired_from
                    .map(|r| format!(" (typed {r})"))
                    .or(related_from.map(|r| format!(" (for {r})")))
                    .unwrap_or_default();
                out.push_str(&format!(" {name}[{:.2}]{repaired}", index.idf(term)));
            }
            Word::Unknown(s) => out.push_str(&format!(" ?{s}")),
        }
    }
    out.push('\n');
    let m = dispute_bot::matcher::score::search(index, question);
    out.push_str(&format!(
        "frame: {}; unknown words: {} name(s), {} common\n",
        m.frame.map_or("none", |t| t.label()),
        m.unknown_names,
        m.unknown_common
    ));
    for s in m.ranked.iter().take(5) {
        let id = engine.kb.facts.get(s.fact).map_or("?", |f| f.id.as_str());
        out.push_str(&format!(
            "  {:.2} = coverage {:.2}, similarity {:.2}, focus {:.2}{}: {id}\n",
            s.confidence,
            s.coverage,
            s.similarity,
            s.focus + 0.0, // never "-0.00"
            if s.carries_frame {
                ", carries the asked answer"
            } else {
                ""
            }
        ));
    }
    let x = decide::features(&m);
    let shown: Vec<String> = decide::FEATURES
        .iter()
        .zip(x)
        .map(|(name, v)| format!("{name} {v:.2}"))
        .collect();
    out.push_str(&format!("features: {}\n", shown.join(", ")));
    if let Some(why) = decide::gate(&m) {
        out.push_str(&format!("gate: {why}\n"));
    }
    let p = decide::probability(&m);
    out.push_str(&format!(
        "model: probability {p:.2} the best candidate answers; threshold {:.2} → {}\n",
        decide::THRESHOLD,
        if p >= decide::THRESHOLD {
            "answer"
        } else {
            "abstain"
        }
    ));
    out
}
