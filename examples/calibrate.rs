//! Prints, for every question of our test sets, the top fact and its score
//! components, as TSV — the data behind the thresholds in `matcher::score`
//! and `answer`. Run: `cargo run --example calibrate | column -t -s $'\t'`.

use std::path::Path;

use dispute_bot::engine::Engine;
use dispute_bot::knowledge;
use dispute_bot::matcher::score::search;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let kb =
        knowledge::load_dir(Path::new("knowledge")).map_err(|p| format!("{} problems", p.len()))?;
    let engine = Engine::new(kb);
    println!("set\tok\tconfidence\tcoverage\tsimilarity\ttop\tquestion");
    for (set, path) in [
        ("answerable", "tests/questions/answerable.toml"),
        ("unanswerable", "tests/questions/unanswerable.toml"),
    ] {
        let doc: toml::Table = toml::from_str(&std::fs::read_to_string(path)?)?;
        for q in doc
            .get("q")
            .and_then(|v| v.as_array())
            .into_iter()
            .flatten()
        {
            let text = q.get("text").and_then(|v| v.as_str()).unwrap_or_default();
            let expect: Vec<&str> = q
                .get("expect")
                .and_then(|v| v.as_array())
                .map(|a| a.iter().filter_map(|v| v.as_str()).collect())
                .unwrap_or_default();
            let m = search(&engine.index, text);
            let top = m.ranked.first();
            let id = top
                .and_then(|s| engine.kb.facts.get(s.fact))
                .map_or("-", |f| f.id.as_str());
            let ok = if set == "answerable" {
                expect.contains(&id)
            } else {
                true
            };
            let (c, cov, sim) = top.map_or((0.0, 0.0, 0.0), |s| {
                (s.confidence, s.coverage, s.similarity)
            });
            println!("{set}\t{ok}\t{c:.2}\t{cov:.2}\t{sim:.2}\t{id}\t{text}");
        }
    }
    Ok(())
}
