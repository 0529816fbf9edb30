//! Stems of general English's words, computed when the crate is built.
//!
//! The matcher stems every word of a question the base does not know, and
//! the Snowball stemmer is the costliest step of reading a long message
//! (callgrind: about 3,500 instructions a word). A word of
//! `src/matcher/english.tsv` finds its stem in the list instead: this
//! writes the list with a stem column into `OUT_DIR`, which the crate
//! includes. The same crate computes them (`rust-stemmers`, one version in
//! Cargo.lock), and a test compares the list with it.

use std::error::Error;
use std::fmt::Write as _;
use std::path::PathBuf;

use rust_stemmers::{Algorithm, Stemmer};

fn main() -> Result<(), Box<dyn Error>> {
    let list = "src/matcher/english.tsv";
    println!("cargo::rerun-if-changed={list}");
    println!("cargo::rerun-if-changed=build.rs");
    let text = std::fs::read_to_string(list)?;
    let stemmer = Stemmer::create(Algorithm::English);
    // The list with a fourth column: the stem, left empty for a word that
    // is its own stem.
    let mut out = String::with_capacity(text.len() * 3 / 2);
    for line in text.lines() {
        let word = line.split('\t').next().unwrap_or_default();
        let stem = stemmer.stem(word);
        let stem = if stem == word { "" } else { &stem };
        writeln!(out, "{line}\t{stem}")?;
    }
    let path = PathBuf::from(std::env::var("OUT_DIR")?).join("english.tsv");
    std::fs::write(path, out)?;
    Ok(())
}
