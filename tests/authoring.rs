//! The admin tools through the real binary, on a temporary copy of
//! `knowledge/`: `sources add`, `quote`, `new fact`, `gaps`.

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod util;

use util::{KnowledgeCopy, run, stderr, stdout};

fn k(kb: &KnowledgeCopy) -> String {
    kb.path().to_str().unwrap().to_string()
}

#[test]
fn sources_add_copies_byte_for_byte_writes_metadata_and_numbers_paragraphs() {
    let kb = KnowledgeCopy::new();
    let article = kb.dir.path().join("../new-article.txt");
    let text = "Headline here\n\nFirst paragraph, with “curly” quotes & a naïve word.\n\nSecond paragraph.\n";
    std::fs::write(&article, text).unwrap();
    let out = run(
        &[
            "--knowledge",
            &k(&kb),
            "sources",
            "add",
            article.to_str().unwrap(),
            "--id",
            "new-article",
            "--headline",
            "Headline here",
            "--published",
            "2021-11",
        ],
        "",
    );
    assert!(out.status.success(), "{}", stderr(&out));
    let printed = stdout(&out);
    assert!(
        printed.contains("¶2 First paragraph, with “curly” quotes & a naïve word."),
        "{printed}"
    );
    assert!(printed.contains("dispute-bot new fact --source new-article --paragraph N"));
    assert_eq!(
        std::fs::read(kb.file("sources/new-article.txt")).unwrap(),
        text.as_bytes()
    );
    assert!(kb.check().status.success(), "{}", stdout(&kb.check()));
    // Never overwrites.
    let again = run(
        &[
            "--knowledge",
            &k(&kb),
            "sources",
            "add",
            article.to_str().unwrap(),
            "--id",
            "new-article",
            "--headline",
            "x",
        ],
        "",
    );
    assert!(!again.status.success());
    assert!(stderr(&again).contains("already exists"));
    // Bad input is refused with the reason.
    let bad = run(
        &[
            "--knowledge",
            &k(&kb),
            "sources",
            "add",
            article.to_str().unwrap(),
            "--id",
            "Bad Id",
            "--headline",
            "x",
        ],
        "",
    );
    assert!(
        stderr(&bad).contains("is not a valid id"),
        "{}",
        stderr(&bad)
    );
}

#[test]
fn quote_finds_verbatim_location_or_closest_passages() {
    let out = run(
        &[
            "quote",
            "iran-denounces-sanctions-2021",
            "Khatibzadeh described the administration’s sanctions",
        ],
        "",
    );
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(
        stdout(&out).contains("verbatim in paragraph 8"),
        "{}",
        stdout(&out)
    );
    let out = run(
        &[
            "quote",
            "iran-denounces-sanctions-2021",
            "what it called a \"maximum pressure\" campaign",
        ],
        "",
    );
    assert!(!out.status.success());
    let text = stdout(&out);
    assert!(
        text.contains("not verbatim") && text.contains("¶10"),
        "{text}"
    );
    assert!(
        text.contains("NO-BREAK SPACE (U+00A0)") && text.contains("SPACE (U+0020)"),
        "names the two invisible characters: {text}"
    );
    let out = run(&["quote", "iran-denounces-2021", "x"], "");
    assert!(
        stderr(&out).contains("did you mean iran-denounces-sanctions-2021"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn new_fact_prints_a_skeleton_that_check_guides_to_completion() {
    let kb = KnowledgeCopy::new();
    let out = run(
        &[
            "--knowledge",
            &k(&kb),
            "new",
            "fact",
            "--source",
            "iran-denies-2020",
            "--paragraph",
            "6",
        ],
        "",
    );
    assert!(out.status.success(), "{}", stderr(&out));
    let skeleton = stdout(&out);
    assert!(
        skeleton.contains("id = \"iran-denies-2020-p6\""),
        "{skeleton}"
    );
    assert!(
        skeleton.contains("speaker = \"ratcliffe\""),
        "first entity named: {skeleton}"
    );
    assert!(skeleton.contains("# Entities named here:") && skeleton.contains("wray (Chris Wray)"));
    kb.write("facts/new.toml", &skeleton);
    let check = stdout(&kb.check());
    assert!(
        check.contains("facts/new.toml:") && check.contains("a fact needs at least one topic"),
        "{check}"
    );
}

#[test]
fn gaps_groups_logged_questions_most_asked_first() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir(dir.path().join("data")).unwrap();
    let lines = [
        r#"{"time":"2026-01-01T00:00:00Z","question":"did china interfere?","guild_id":1}"#,
        r#"{"time":"2026-01-02T00:00:00Z","question":"what about putin"}"#,
        r#"{"time":"2026-01-03T00:00:00Z","question":"china meddling in the election?","guild_id":1}"#,
    ];
    std::fs::write(dir.path().join("data/gaps.jsonl"), lines.join("\n") + "\n").unwrap();
    let cfg = dir.path().join("config.toml");
    let knowledge = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("knowledge");
    std::fs::write(
        &cfg,
        format!("[knowledge]\ndir = {:?}\n", knowledge.display().to_string()),
    )
    .unwrap();
    let out = run(&["--config", cfg.to_str().unwrap(), "gaps"], "");
    assert!(out.status.success(), "{}", stderr(&out));
    let text = stdout(&out);
    let first = text.lines().next().unwrap();
    assert!(
        first.contains("2×") && first.contains("china meddling in the election?"),
        "{text}"
    );
    let out = run(
        &[
            "--config",
            cfg.to_str().unwrap(),
            "gaps",
            "--since",
            "2026-01-02",
        ],
        "",
    );
    assert_eq!(stdout(&out).lines().count(), 2, "{}", stdout(&out));
}

#[test]
fn new_fact_writes_invisible_characters_as_escapes_that_survive_copy_paste() {
    let out = run(
        &[
            "new",
            "fact",
            "--source",
            "iran-denounces-sanctions-2021",
            "--paragraph",
            "5",
        ],
        "",
    );
    let text = stdout(&out);
    let quote = text.lines().find(|l| l.starts_with("quote = ")).unwrap();
    assert!(quote.contains("\\u00A0"), "{quote}");
    assert!(!quote.contains('\u{a0}'), "no raw no-break space: {quote}");
    // The escaped skeleton still parses to the article's exact text.
    let v: toml::Table = toml::from_str(quote).unwrap();
    let article = include_str!("../knowledge/sources/iran-denounces-sanctions-2021.txt");
    assert!(article.contains(v["quote"].as_str().unwrap()));
}

/// The tools that need only the articles work while the base is broken —
/// exactly when `check` tells an admin to run them — and say so.
#[test]
fn authoring_tools_work_on_a_broken_base() {
    let repo = util::RepoCopy::new();
    // A non-verbatim quote: check fails and suggests `dispute-bot quote`.
    repo.edit(
        "knowledge/facts/2020-iran-denials.toml",
        "naïve.”'''",
        "naive.”'''",
    );
    let check = repo.run(&["check"], b"");
    assert_eq!(check.status.code(), Some(1));
    assert!(util::stdout(&check).contains("dispute-bot quote"));
    let quote = repo.run(
        &[
            "quote",
            "iran-denies-2020",
            "Khatibzadeh called the US allegations",
        ],
        b"",
    );
    assert!(quote.status.success(), "{}", util::stderr(&quote));
    assert!(util::stdout(&quote).contains("verbatim in paragraph 3"));
    assert!(
        util::stderr(&quote).contains("note: the knowledge base has 2 problem(s)"),
        "{}",
        util::stderr(&quote)
    );
    let skeleton = repo.run(
        &[
            "new",
            "fact",
            "--source",
            "iran-denies-2020",
            "--paragraph",
            "6",
        ],
        b"",
    );
    assert!(skeleton.status.success(), "{}", util::stderr(&skeleton));
    assert!(util::stdout(&skeleton).contains("[[fact]]"));
    let list = repo.run(&["sources", "list"], b"");
    assert!(list.status.success());
    assert!(util::stdout(&list).contains("iran-denounces-sanctions-2021"));
    let show = repo.run(&["sources", "show", "iran-denies-2020"], b"");
    assert!(show.status.success());
    assert!(util::stdout(&show).contains("¶6 On Wednesday October 21"));
    // Serving still refuses a broken base.
    let ask = repo.run(&["ask", "did iran deny it"], b"");
    assert_eq!(ask.status.code(), Some(1));
}

#[test]
fn sources_add_drops_a_bom_and_refuses_an_article_stored_already() {
    let kb = KnowledgeCopy::new();
    let dir = kb.path();
    let file = dir.join("../bom-article.txt");
    std::fs::write(&file, b"\xEF\xBB\xBFA headline\nA paragraph.\n").unwrap();
    let out = run(
        &[
            "--knowledge",
            dir.to_str().unwrap(),
            "sources",
            "add",
            file.to_str().unwrap(),
            "--id",
            "bom-article",
            "--headline",
            "A headline",
        ],
        "",
    );
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(stderr(&out).contains("removed a byte-order mark"));
    let stored = std::fs::read(dir.join("sources/bom-article.txt")).unwrap();
    assert!(stored.starts_with(b"A headline"));
    let again = run(
        &[
            "--knowledge",
            dir.to_str().unwrap(),
            "sources",
            "add",
            dir.join("sources/iran-denies-2020.txt").to_str().unwrap(),
            "--id",
            "copy",
            "--headline",
            "x",
        ],
        "",
    );
    assert_eq!(again.status.code(), Some(1));
    assert!(
        stderr(&again).contains("already stored as")
            && stderr(&again).contains("iran-denies-2020.txt"),
        "{}",
        stderr(&again)
    );
}

#[test]
fn diff_shows_which_answers_an_edit_changes() {
    let repo = util::RepoCopy::new();
    let git = |args: &[&str]| {
        let ok = std::process::Command::new("git")
            .args(args)
            .current_dir(repo.path())
            .output()
            .unwrap()
            .status
            .success();
        assert!(ok, "git {args:?}");
    };
    git(&["init", "-q"]);
    git(&["add", "-A"]);
    git(&[
        "-c",
        "user.name=t",
        "-c",
        "user.email=t@t",
        "commit",
        "-qm",
        "base",
    ]);
    let unchanged = repo.run(&["diff"], b"");
    assert!(unchanged.status.success(), "{}", stderr(&unchanged));
    assert!(
        stdout(&unchanged).contains(": 0 answer(s) change"),
        "{}",
        stdout(&unchanged)
    );
    // A new fact: its questions now get an answer where there was none.
    repo.write("knowledge/facts/headlines.toml", util::HEADLINE_FACT);
    let out = repo.run(&["diff"], b"");
    let text = stdout(&out);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(text.starts_with("git HEAD (version "), "{text}");
    assert!(
        text.contains("“what was the al-monitor headline”: I don't know → al-monitor-headline"),
        "{text}"
    );
    // The same against a directory.
    let base = KnowledgeCopy::new();
    let out = repo.run(&["diff", "--base", base.path().to_str().unwrap()], b"");
    assert!(
        stdout(&out).contains("→ al-monitor-headline"),
        "{}",
        stdout(&out)
    );
}

#[test]
fn coverage_lists_the_sentences_no_fact_quotes() {
    let shipped = run(&["coverage"], "");
    assert!(
        stdout(&shipped).contains("0 of 36 body sentences are quoted by no fact."),
        "{}",
        stdout(&shipped)
    );
    // Drop the only fact quoting the 2021 article's Vienna-office sentence.
    let kb = KnowledgeCopy::new();
    let text = kb.read("facts/2021-nuclear-deal.toml");
    let kept: Vec<&str> = text
        .split("\n[[fact]]\n")
        .filter(|f| !f.contains("representative office in Vienna announced"))
        .collect();
    kb.write("facts/2021-nuclear-deal.toml", &kept.join("\n[[fact]]\n"));
    let out = run(&["--knowledge", &k(&kb), "coverage"], "");
    let text = stdout(&out);
    assert!(
        text.contains("not quoted: The country’s representative office in Vienna announced"),
        "{text}"
    );
}

#[test]
fn chat_logs_its_misses_and_gaps_marks_what_is_now_answered() {
    let repo = util::RepoCopy::new();
    let out = repo.run(&["chat"], b"what is the capital of iran\n");
    assert!(out.status.success(), "{}", stderr(&out));
    let log = repo.read("data/gaps.jsonl");
    assert!(log.contains("what is the capital of iran"), "{log}");
    // A question logged before an edit that now answers it.
    repo.write(
        "data/gaps.jsonl",
        &format!(
            "{log}{}\n",
            r#"{"time":"2026-11-30T10:00:00Z","question":"did iran deny interfering in the election"}"#
        ),
    );
    let gaps = repo.run(&["gaps"], b"");
    let text = stdout(&gaps);
    assert!(
        text.contains("did iran deny interfering in the election")
            && text.contains("✓ now answered by iran-dismisses-interference-claims"),
        "{text}"
    );
    let capital = text
        .lines()
        .find(|l| l.contains("capital of iran"))
        .unwrap();
    assert!(!capital.contains("now answered"), "{capital}");
}

#[test]
fn new_entity_and_new_event_skeletons_are_refused_until_filled_in() {
    let kb = KnowledgeCopy::new();
    let entity = run(
        &["--knowledge", &k(&kb), "new", "entity", "Enrique", "Tarrio"],
        "",
    );
    assert!(entity.status.success(), "{}", stderr(&entity));
    let event = run(
        &[
            "--knowledge",
            &k(&kb),
            "new",
            "event",
            "--evidence",
            "grossi-to-visit-iran",
        ],
        "",
    );
    assert!(event.status.success(), "{}", stderr(&event));
    let entities = kb.read("entities.toml");
    kb.write("entities.toml", &format!("{entities}\n{}", stdout(&entity)));
    let timeline = kb.read("timeline.toml");
    kb.write("timeline.toml", &format!("{timeline}\n{}", stdout(&event)));
    let text = stdout(&kb.check());
    assert!(
        text.contains("the entity's `role` still says TODO"),
        "{text}"
    );
    assert!(
        text.contains("the event's `title` still says TODO"),
        "{text}"
    );
    // Filled in, both pass.
    kb.edit(
        "entities.toml",
        "TODO: who they are, as the article says it",
        "A name used only by this test",
    );
    kb.edit(
        "timeline.toml",
        "TODO: what happened, in a line the quote supports",
        "Iran's Vienna office announces Grossi's visit",
    );
    let out = kb.check();
    assert!(out.status.success(), "{}", stdout(&out));
}

#[test]
fn new_fact_names_the_people_missing_from_entities() {
    let kb = KnowledgeCopy::new();
    let entities = kb.read("entities.toml");
    // Without Grossi's entity, his name in ¶14 is flagged; dates are not names.
    let without: Vec<&str> = entities
        .split("\n[[entity]]\n")
        .filter(|e| !e.contains("id = \"grossi\""))
        .collect();
    kb.write("entities.toml", &without.join("\n[[entity]]\n"));
    let out = run(
        &[
            "--knowledge",
            &k(&kb),
            "new",
            "fact",
            "--source",
            "iran-denounces-sanctions-2021",
            "--paragraph",
            "14",
        ],
        "",
    );
    let text = stdout(&out);
    let line = text
        .lines()
        .find(|l| l.starts_with("# Named here but not in entities.toml"))
        .unwrap_or_else(|| panic!("{text}"));
    assert!(line.contains("Rafael Grossi"), "{line}");
    assert!(
        !line.contains("Vienna") && !line.contains("IAEA"),
        "known names are not flagged: {line}"
    );
}
