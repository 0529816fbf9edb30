//! `dispute-bot check` through the real binary: the shipped base passes, and
//! each kind of mistake in a copy of it is reported with file:line:col.

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod util;

use util::{KnowledgeCopy, stdout};

/// Runs check on a copy edited by `edit` and returns its output, asserting
/// it failed.
fn broken(edit: impl FnOnce(&KnowledgeCopy)) -> String {
    let kb = KnowledgeCopy::new();
    edit(&kb);
    let out = kb.check();
    let text = stdout(&out);
    assert!(!out.status.success(), "check should fail:\n{text}");
    assert!(text.contains("problem(s) found"), "{text}");
    text
}

/// The line number of the first line of `rel` containing `needle`.
fn line_of(kb: &KnowledgeCopy, rel: &str, needle: &str) -> usize {
    kb.read(rel)
        .lines()
        .position(|l| l.contains(needle))
        .map(|i| i + 1)
        .expect("needle in file")
}

const DENIALS: &str = "facts/2020-iran-denials.toml";

#[test]
fn check_passes_on_shipped_knowledge_and_prints_counts() {
    let out = util::run(&["check"], "");
    let text = stdout(&out);
    assert!(out.status.success(), "{text}");
    assert!(text.contains(&util::shipped_counts()), "{text}");
    assert!(text.contains("events"), "{text}");
}

#[test]
fn check_reports_toml_syntax_error_with_line() {
    let mut line = 0;
    let text = broken(|kb| {
        kb.edit(DENIALS, "attribution = \"said\"", "attribution = \"said");
        line = line_of(kb, DENIALS, "attribution = \"said");
    });
    assert!(text.contains(&format!("{DENIALS}:{line}:")), "{text}");
    assert!(text.contains("TOML syntax"), "{text}");
}

#[test]
fn check_reports_unknown_field() {
    let text = broken(|kb| kb.edit(DENIALS, "claim = ", "clam = "));
    assert!(text.contains("unknown field `clam`"), "{text}");
}

#[test]
fn check_reports_missing_field() {
    let text = broken(|kb| kb.edit(DENIALS, "attribution = \"said\"\n", ""));
    assert!(text.contains("missing field `attribution`"), "{text}");
}

#[test]
fn check_reports_duplicate_id_across_files_with_first_location() {
    let text = broken(|kb| {
        kb.edit(
            "facts/2021-sanctions.toml",
            "id = \"iran-condemns-biden-sanctions\"",
            "id = \"khatibzadeh-fabricated\"",
        )
    });
    assert!(
        text.contains("duplicate fact id `khatibzadeh-fabricated`"),
        "{text}"
    );
    assert!(
        text.contains("first defined at facts/2020-iran-denials.toml:"),
        "{text}"
    );
}

#[test]
fn check_reports_dangling_speaker_with_suggestion() {
    let text = broken(|kb| {
        kb.edit(
            DENIALS,
            "speaker = \"khatibzadeh\"",
            "speaker = \"khatibzade\"",
        )
    });
    assert!(text.contains("unknown entity `khatibzade`"), "{text}");
    assert!(text.contains("did you mean `khatibzadeh`?"), "{text}");
}

#[test]
fn check_reports_dangling_source_and_link_and_evidence() {
    let text = broken(|kb| {
        kb.edit(
            DENIALS,
            "source = \"iran-denies-2020\"",
            "source = \"iran-denies-2019\"",
        );
        kb.edit(
            DENIALS,
            "disputes = [\"ratcliffe-wray-voter-data\"]",
            "disputes = [\"ratcliffe-voter-data\"]",
        );
        kb.edit(
            "timeline.toml",
            "evidence = [\"isna-accusations-strange\"]",
            "evidence = [\"isna-strange\"]",
        );
    });
    assert!(text.contains("unknown source `iran-denies-2019`"), "{text}");
    assert!(
        text.contains("unknown fact `ratcliffe-voter-data`"),
        "{text}"
    );
    assert!(
        text.contains("timeline.toml:") && text.contains("unknown fact `isna-strange`"),
        "{text}"
    );
}

#[test]
fn check_reports_paragraph_out_of_range() {
    let text = broken(|kb| kb.edit(DENIALS, "paragraph = 2\n", "paragraph = 40\n"));
    assert!(text.contains("paragraph 40 does not exist"), "{text}");
}

#[test]
fn check_reports_straight_quote_where_article_has_curly_with_closest_passage() {
    let text = broken(|kb| {
        kb.edit(
            DENIALS,
            "'''Khatibzadeh called the US allegations “fabricated, deceitful",
            "'''Khatibzadeh called the US allegations \"fabricated, deceitful",
        )
    });
    assert!(
        text.contains("the quote is not verbatim in paragraph 3"),
        "{text}"
    );
    assert!(
        text.contains("`\"` (U+0022) where the article has `“` (U+201C)"),
        "{text}"
    );
    assert!(
        text.contains("closest passage: \"Khatibzadeh called the US allegations “fabricated"),
        "{text}"
    );
}

#[test]
fn check_reports_quote_in_wrong_paragraph() {
    let text = broken(|kb| {
        let from = "paragraph = 2\ndate = \"2020-10-22\"";
        kb.edit(DENIALS, from, "paragraph = 3\ndate = \"2020-10-22\"")
    });
    assert!(text.contains("but it is in paragraph 2"), "{text}");
    assert!(text.contains("set paragraph = 2"), "{text}");
}

#[test]
fn check_reports_impossible_and_malformed_dates() {
    let text = broken(|kb| {
        kb.edit(DENIALS, "date = \"2020-10-22\"", "date = \"2021-02-30\"");
        kb.edit("timeline.toml", "date = \"2015\"", "date = \"21/10/2015\"");
    });
    assert!(text.contains("`2021-02-30` is not a real date"), "{text}");
    assert!(text.contains("`21/10/2015` is not a date"), "{text}");
}

#[test]
fn check_reports_every_problem_at_once() {
    let text = broken(|kb| {
        kb.edit(DENIALS, "claim = ", "clam = ");
        kb.edit(
            "facts/2021-sanctions.toml",
            "speaker = \"treasury\"",
            "speaker = \"tresury-dept\"",
        );
        kb.edit("timeline.toml", "date = \"2018\"", "date = \"2018-13\"");
    });
    assert!(text.contains("3 problem(s) found"), "{text}");
}

#[test]
fn check_reports_non_utf8_and_bom() {
    let text = broken(|kb| {
        std::fs::write(
            kb.file("facts/latin1.toml"),
            b"[[fact]]\nid = \"caf\xe9\"\n",
        )
        .unwrap();
        let mut bom = vec![0xEF, 0xBB, 0xBF];
        bom.extend_from_slice(kb.read("topics.toml").as_bytes());
        std::fs::write(kb.file("topics.toml"), bom).unwrap();
    });
    assert!(
        text.contains("facts/latin1.toml:2:") && text.contains("not valid UTF-8"),
        "{text}"
    );
    assert!(
        text.contains("topics.toml:1:1: file starts with a byte-order mark"),
        "{text}"
    );
}

#[test]
fn check_accepts_crlf_line_endings() {
    let kb = KnowledgeCopy::new();
    let text = kb.read(DENIALS).replace('\n', "\r\n");
    kb.write(DENIALS, &text);
    let out = kb.check();
    assert!(out.status.success(), "{}", stdout(&out));
}

// Honesty checks (knowledge/honesty.rs): the bot's own words never say more
// than the quote.

#[test]
fn check_reports_a_claim_that_drops_its_quotes_hedge() {
    let text = broken(|kb| {
        kb.edit(
            DENIALS,
            "claim = \"The article says Miryousefi was presumably referring",
            "claim = \"Miryousefi was referring",
        )
    });
    assert!(
        text.contains("facts/2020-iran-denials.toml:")
            && text.contains("the claim drops the quote's hedge “presumably”"),
        "{text}"
    );
}

#[test]
fn check_reports_quotation_marks_around_words_the_quote_does_not_have() {
    let text = broken(|kb| {
        kb.edit(
            DENIALS,
            "claim = \"Khatibzadeh called the US allegations “fabricated, deceitful, repetition and naïve.”\"",
            "claim = \"Khatibzadeh called the US allegations “fabricated, deceitful, repetitive and naive.”\"",
        )
    });
    assert!(
        text.contains("puts “fabricated, deceitful, repetitive and naive.” in quotation marks"),
        "{text}"
    );
}

#[test]
fn check_reports_aliases_that_can_name_something_else() {
    let text = broken(|kb| {
        kb.edit(
            "entities.toml",
            "aliases = [\"khatibzadeh\", ",
            "aliases = [\"saeed\", \"javan\", \"said\", \"khatibzadeh\", ",
        )
    });
    assert!(text.contains("“saeed” is a bare first name"), "{text}");
    assert!(text.contains("“javan” also names `javan`"), "{text}");
    assert!(text.contains("“said” is a common English word"), "{text}");
    assert!(
        text.contains("ambiguous_ok"),
        "the fix names the way out: {text}"
    );
}

#[test]
fn check_reports_aliases_the_matcher_reads_as_one() {
    // "spy chiefs" and the DNI's "spy chief" differ in text but are one
    // entry to the matcher, which would give every "spy chief" to one of them.
    let text = broken(|kb| {
        kb.edit(
            "entities.toml",
            "\"intelligence community\"",
            "\"intelligence community\", \"spy chiefs\"",
        )
    });
    assert!(text.contains("“spy chiefs” also names `dni`"), "{text}");
}

#[test]
fn check_reports_a_timeline_actor_no_evidence_quote_names() {
    let text = broken(|kb| {
        kb.edit(
            "timeline.toml",
            "actors = [\"justice-department\", \"kazemi\"",
            "actors = [\"justice-department\", \"grossi\", \"kazemi\"",
        )
    });
    assert!(
        text.contains("timeline.toml:")
            && text.contains("actor `grossi` is named in none of the event's evidence quotes"),
        "{text}"
    );
}

#[test]
fn check_reports_a_link_between_statements_of_the_same_side() {
    let text = broken(|kb| {
        kb.edit(
            "facts/2020-iranian-politics.toml",
            "attribution = \"called on (in print)\"\nside = \"iranian-hardliners\"\n",
            "attribution = \"called on (in print)\"\nside = \"iranian-hardliners\"\nresponds_to = [\"hardliners-accuse-rouhani-backing-biden\"]\n",
        )
    });
    assert!(
        text.contains("links two statements of the same side"),
        "{text}"
    );
}

#[test]
fn check_refuses_an_unedited_new_fact_skeleton() {
    let kb = KnowledgeCopy::new();
    let skeleton = util::run(
        &[
            "--knowledge",
            kb.path().to_str().unwrap(),
            "new",
            "fact",
            "--source",
            "iran-denies-2020",
            "--paragraph",
            "8",
        ],
        "",
    );
    assert!(skeleton.status.success(), "{}", util::stderr(&skeleton));
    kb.write("facts/new.toml", &stdout(&skeleton));
    let text = stdout(&kb.check());
    assert!(text.contains("facts/new.toml:"), "{text}");
    assert!(text.contains("`claim` still says TODO"), "{text}");
    assert!(
        text.contains("an example question still says TODO"),
        "{text}"
    );
    assert!(text.contains("a fact needs at least 3"), "{text}");
    assert!(
        text.contains(
            "side `narrator` contradicts the speaker `iran`, who is on `iran-government`"
        ),
        "{text}"
    );
}

#[test]
fn check_explains_an_unquoted_date_and_a_date_after_publication() {
    let text = broken(|kb| kb.edit(DENIALS, "date = \"2020-10-22\"", "date = 2020-10-22"));
    assert!(
        text.contains("the date 2020-10-22 is written without quotes")
            && text.contains("write it as a string: \"2020-10-22\""),
        "{text}"
    );
    // A month alone is not even a TOML datetime: a syntax error, explained.
    let text = broken(|kb| kb.edit(DENIALS, "date = \"2020-10-22\"", "date = 2020-10"));
    assert!(
        text.contains("the date 2020-10 is written without quotes")
            && text.contains("write it as a string: \"2020-10\""),
        "{text}"
    );
    let text = broken(|kb| kb.edit(DENIALS, "date = \"2020-10-22\"", "date = \"2021-01-05\""));
    assert!(
        text.contains("after its source was published (2020-10-22)"),
        "{text}"
    );
}

#[test]
fn a_draft_source_is_checked_but_not_served() {
    let kb = KnowledgeCopy::new();
    let meta = kb.read("sources/iran-denounces-sanctions-2021.toml");
    kb.write(
        "sources/iran-denounces-sanctions-2021.toml",
        &format!("{meta}draft = true\n"),
    );
    let out = kb.check();
    let text = stdout(&out);
    assert!(out.status.success(), "{text}");
    assert!(
        text.contains("fact(s) of draft sources checked but not served"),
        "{text}"
    );
    let dir = kb.path();
    let ask = util::run(
        &[
            "--knowledge",
            dir.to_str().unwrap(),
            "ask",
            "--json",
            "when do the vienna talks resume",
        ],
        "",
    );
    let v: serde_json::Value = serde_json::from_str(&stdout(&ask)).unwrap();
    assert_eq!(v["answered"], false, "a draft's facts are not served: {v}");
    // A draft's facts are still checked: a broken quote is reported.
    kb.edit(
        "facts/2021-nuclear-deal.toml",
        "agreement are set to resume in Vienna",
        "agreement are set to restart in Vienna",
    );
    assert!(!kb.check().status.success());
}

#[test]
fn check_fix_restores_quote_characters_and_reports_each() {
    let kb = KnowledgeCopy::new();
    kb.edit(
        DENIALS,
        "'''Khatibzadeh called the US allegations “fabricated",
        "'''Khatibzadeh called the US allegations \"fabricated",
    );
    assert!(!kb.check().status.success());
    let out = util::run(
        &["--knowledge", kb.path().to_str().unwrap(), "check", "--fix"],
        "",
    );
    let text = stdout(&out);
    assert!(out.status.success(), "fixed, then checked clean: {text}");
    assert!(
        text.contains(
            "fact `khatibzadeh-fabricated`: quote character 39: `\"` (U+0022) → `“` (U+201C)"
        ),
        "{text}"
    );
    assert!(
        kb.read(DENIALS)
            .contains("'''Khatibzadeh called the US allegations “fabricated")
    );
    // A real wording change is not "fixed": check still reports it.
    kb.edit(
        DENIALS,
        "repetition and naïve.”'''",
        "repetitive and naïve.”'''",
    );
    let out = util::run(
        &["--knowledge", kb.path().to_str().unwrap(), "check", "--fix"],
        "",
    );
    assert_eq!(out.status.code(), Some(1), "{}", stdout(&out));
}

#[test]
fn check_fix_restores_a_no_break_space_typed_as_a_space() {
    let kb = KnowledgeCopy::new();
    let text = kb.read("facts/2021-nuclear-deal.toml");
    assert!(text.contains('\u{a0}'), "the fixture has no-break spaces");
    kb.write("facts/2021-nuclear-deal.toml", &text.replace('\u{a0}', " "));
    let out = util::run(
        &["--knowledge", kb.path().to_str().unwrap(), "check", "--fix"],
        "",
    );
    let report = stdout(&out);
    assert!(out.status.success(), "{report}");
    assert!(
        report.contains("SPACE (U+0020) → NO-BREAK SPACE (U+00A0)"),
        "{report}"
    );
}

#[test]
fn check_reports_a_side_sides_toml_does_not_list_with_the_closest() {
    let mut line = 0;
    let text = broken(|kb| {
        kb.edit(
            DENIALS,
            "side = \"iran-government\"",
            "side = \"iran-goverment\"",
        );
        line = line_of(kb, DENIALS, "iran-goverment");
    });
    assert!(text.contains(&format!("{DENIALS}:{line}:")), "{text}");
    assert!(text.contains("unknown side `iran-goverment`"), "{text}");
    assert!(text.contains("did you mean `iran-government`?"), "{text}");
}

#[test]
fn check_reports_a_missing_sides_file_and_a_bad_colour() {
    let text = broken(|kb| std::fs::remove_file(kb.file("sides.toml")).unwrap());
    assert!(text.contains("sides.toml"), "{text}");
    assert!(text.contains("required file is missing"), "{text}");
    let mut line = 0;
    let text = broken(|kb| {
        kb.edit("sides.toml", "colour = \"#3B5BA5\"", "colour = \"blue\"");
        line = line_of(kb, "sides.toml", "\"blue\"");
    });
    assert!(text.contains(&format!("sides.toml:{line}:")), "{text}");
    assert!(text.contains("colour `blue` is not `#RRGGBB`"), "{text}");
}
