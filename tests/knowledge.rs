//! The shipped fact base itself: every quote verbatim, every fact linked
//! into a consistent base, the articles byte-for-byte.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::path::Path;

use dispute_bot::knowledge::{self, ParagraphKind};

#[test]
fn every_quote_is_verbatim_in_its_paragraph() {
    let kb = knowledge::load_dir(Path::new("knowledge")).expect("valid");
    for f in &kb.facts {
        let source = kb.source(&f.source).expect("source exists");
        let p = source.paragraph(f.paragraph).expect("paragraph exists");
        assert!(p.text.contains(&f.quote), "{} is not verbatim", f.id);
        assert_eq!(
            p.kind,
            ParagraphKind::Body,
            "{} quotes a non-body paragraph",
            f.id
        );
        let raw = std::fs::read_to_string(source.file.replace("sources/", "knowledge/sources/"))
            .expect("text");
        assert!(raw.contains(&f.quote));
    }
}

#[test]
fn sources_are_byte_for_byte_copies_of_the_shared_articles() {
    let shared = Path::new("../shared/articles");
    if !shared.exists() {
        return; // a fork without the shared folder: nothing to compare against
    }
    for (ours, theirs) in [
        (
            "knowledge/sources/iran-denies-2020.txt",
            "000_ed7262cd783d48bf.txt",
        ),
        (
            "knowledge/sources/iran-denounces-sanctions-2021.txt",
            "003_902d6c41f3e40a8d.txt",
        ),
    ] {
        assert_eq!(
            std::fs::read(ours).unwrap(),
            std::fs::read(shared.join(theirs)).unwrap(),
            "{ours}"
        );
    }
}

#[test]
fn every_fact_has_at_least_eight_questions_and_a_topic() {
    let kb = knowledge::load_dir(Path::new("knowledge")).expect("valid");
    for f in &kb.facts {
        // Eight voices at least (casual, formal, by role, by answer type):
        // what lets the matcher generalise to phrasings we did not write.
        assert!(
            (8..=16).contains(&f.questions.len()),
            "{} has {} questions",
            f.id,
            f.questions.len()
        );
        assert!(!f.topics.is_empty());
    }
}

#[test]
fn the_first_article_names_no_outlet_and_the_second_names_al_monitor() {
    let kb = knowledge::load_dir(Path::new("knowledge")).expect("valid");
    assert_eq!(kb.source("iran-denies-2020").unwrap().outlet, None);
    assert_eq!(
        kb.source("iran-denounces-sanctions-2021")
            .unwrap()
            .outlet
            .as_deref(),
        Some("Al-Monitor")
    );
}
