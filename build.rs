//! Tables computed when the crate is built: stems of general English's
//! words, and what the tokeniser needs to know of each character.
//!
//! The matcher stems every word of a question the base does not know, and
//! the Snowball stemmer is the costliest step of reading a long message
//! (callgrind: about 3,500 instructions a word). A word of
//! `src/matcher/english.tsv` finds its stem in the list instead: this
//! writes the list with a stem column into `OUT_DIR`, which the crate
//! includes. The same crate computes them (`rust-stemmers`, one version in
//! Cargo.lock), and a test compares the list with it.
//!
//! Reading a character outside ASCII asked the standard library whether
//! it is a letter or digit (a binary search, about 350 instructions) and
//! asked `unicode-normalization` for its decomposition and whether it is a
//! combining mark: most of reading a message in another script or with
//! emoji (callgrind). [`char_classes`] writes both answers for every
//! character, two bits each, for `src/matcher/char_class.rs`; what the
//! bits mean and how blocks are laid out is one file both include
//! (`src/matcher/char_class_of.rs`), and a test compares every character
//! of the table with it.

use std::error::Error;
use std::fmt::Write as _;
use std::path::PathBuf;

use rust_stemmers::{Algorithm, Stemmer};

#[path = "src/matcher/char_class_of.rs"]
mod char_class_of;
use char_class_of::{BLOCK, BLOCK_BYTES, class_of};

fn main() -> Result<(), Box<dyn Error>> {
    english_stems()?;
    char_classes()
}

fn english_stems() -> Result<(), Box<dyn Error>> {
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

/// Writes `char_class_index.bin` (for each block of code points, the
/// number of its stored block, two bytes little-endian) and
/// `char_class_blocks.bin` (the distinct blocks, in order of first use).
/// Most blocks repeat, so the two files are a few kilobytes.
fn char_classes() -> Result<(), Box<dyn Error>> {
    println!("cargo::rerun-if-changed=src/matcher/char_class_of.rs");
    let mut blocks: Vec<Vec<u8>> = Vec::new();
    let mut index = Vec::new();
    for start in (0..=u32::from(char::MAX) as usize).step_by(BLOCK) {
        let mut bits = vec![0u8; BLOCK_BYTES];
        for (i, byte) in bits.iter_mut().enumerate() {
            for j in 0..4 {
                let class = u32::try_from(start + i * 4 + j)
                    .ok()
                    .and_then(char::from_u32)
                    .map_or(0, class_of);
                *byte |= class << (j * 2);
            }
        }
        let number = match blocks.iter().position(|b| *b == bits) {
            Some(n) => n,
            None => {
                blocks.push(bits);
                blocks.len() - 1
            }
        };
        index.extend_from_slice(&u16::try_from(number)?.to_le_bytes());
    }
    let out = PathBuf::from(std::env::var("OUT_DIR")?);
    std::fs::write(out.join("char_class_index.bin"), index)?;
    std::fs::write(out.join("char_class_blocks.bin"), blocks.concat())?;
    Ok(())
}
