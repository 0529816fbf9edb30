//! A corpus of realistic admin mistakes, each applied to a copy of the real
//! base. For every one, `dispute-bot check` exits non-zero naming
//! file:line:col, and a running base reloaded through the real reload path
//! keeps answering from the last good version.

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod util;

use dispute_bot::answer::answer;
use dispute_bot::state::{LiveBase, Reloaded};
use util::{KnowledgeCopy, stdout};

const DENIALS: &str = "facts/2020-iran-denials.toml";
const FABRICATED_QUOTE: &str = "quote = '''Khatibzadeh called the US allegations “fabricated";

type Edit = fn(&KnowledgeCopy);

/// (name, the file the problem is in, the edit, what `check` must say)
const CORPUS: &[(&str, &str, Edit, &str)] = &[
    (
        "toml syntax",
        "topics.toml",
        |k| k.edit("topics.toml", "[[topic]]", "[[topic]"),
        "TOML syntax",
    ),
    (
        "wrong type",
        DENIALS,
        |k| k.edit(DENIALS, "paragraph = 2\n", "paragraph = \"two\"\n"),
        "invalid type",
    ),
    (
        "misspelt field",
        DENIALS,
        |k| k.edit(DENIALS, "claim = ", "clam = "),
        "unknown field `clam`",
    ),
    (
        "missing field",
        DENIALS,
        |k| k.edit(DENIALS, "attribution = \"said\"\n", ""),
        "missing field `attribution`",
    ),
    (
        "duplicate id across files",
        "facts/2021-sanctions.toml",
        |k| {
            k.edit(
                "facts/2021-sanctions.toml",
                "id = \"iran-condemns-biden-sanctions\"",
                "id = \"khatibzadeh-fabricated\"",
            )
        },
        "duplicate fact id `khatibzadeh-fabricated`",
    ),
    (
        "dangling speaker",
        DENIALS,
        |k| {
            k.edit(
                DENIALS,
                "speaker = \"khatibzadeh\"",
                "speaker = \"khatibzade\"",
            )
        },
        "unknown entity `khatibzade`",
    ),
    (
        "dangling source",
        DENIALS,
        |k| {
            k.edit(
                DENIALS,
                "source = \"iran-denies-2020\"",
                "source = \"iran-denies-2019\"",
            )
        },
        "unknown source `iran-denies-2019`",
    ),
    (
        "dangling paragraph",
        DENIALS,
        |k| k.edit(DENIALS, "paragraph = 2\n", "paragraph = 40\n"),
        "paragraph 40 does not exist",
    ),
    (
        "dangling link",
        DENIALS,
        |k| {
            k.edit(
                DENIALS,
                "disputes = [\"ratcliffe-wray-voter-data\"]",
                "disputes = [\"ratcliffe-voter-data\"]",
            )
        },
        "unknown fact `ratcliffe-voter-data`",
    ),
    (
        "dangling evidence",
        "timeline.toml",
        |k| {
            k.edit(
                "timeline.toml",
                "evidence = [\"isna-accusations-strange\"]",
                "evidence = [\"isna-strange\"]",
            )
        },
        "unknown fact `isna-strange`",
    ),
    (
        "straight quote for a curly one",
        DENIALS,
        |k| {
            k.edit(
                DENIALS,
                "'''Khatibzadeh called the US allegations “fabricated",
                "'''Khatibzadeh called the US allegations \"fabricated",
            )
        },
        "where the article has `“` (U+201C)",
    ),
    (
        "one word changed",
        DENIALS,
        |k| k.edit(DENIALS, "naïve.”'''", "naive.”'''"),
        "not verbatim",
    ),
    (
        "quote spanning text that is not contiguous",
        DENIALS,
        |k| {
            k.edit(DENIALS, FABRICATED_QUOTE, "quote = '''Saeed Khatibzadeh, Foreign Ministry spokesman, said Thursday morning. Khatibzadeh called the US allegations “fabricated")
        },
        "not verbatim",
    ),
    (
        "date in the wrong format",
        DENIALS,
        |k| k.edit(DENIALS, "date = \"2020-10-22\"", "date = \"22/10/2020\""),
        "is not a date",
    ),
    (
        "impossible date",
        DENIALS,
        |k| k.edit(DENIALS, "date = \"2020-10-22\"", "date = \"2021-02-30\""),
        "is not a real date",
    ),
    (
        "event without evidence",
        "timeline.toml",
        |k| {
            k.edit(
                "timeline.toml",
                "evidence = [\"isna-accusations-strange\"]",
                "evidence = []",
            )
        },
        "an event needs evidence",
    ),
    (
        "empty file",
        "facts/empty.toml",
        |k| k.write("facts/empty.toml", ""),
        "no `[[fact]]` tables",
    ),
    (
        "file with a BOM",
        "topics.toml",
        |k| {
            let mut b = vec![0xEF, 0xBB, 0xBF];
            b.extend(k.read("topics.toml").into_bytes());
            std::fs::write(k.file("topics.toml"), b).unwrap();
        },
        "byte-order mark",
    ),
    (
        "file that is not UTF-8",
        "facts/latin1.toml",
        |k| std::fs::write(k.file("facts/latin1.toml"), b"[[fact]]\nid = \"caf\xe9\"\n").unwrap(),
        "not valid UTF-8",
    ),
    (
        "10 MB file",
        "facts/huge.toml",
        |k| std::fs::write(k.file("facts/huge.toml"), vec![b'#'; 10 * 1024 * 1024]).unwrap(),
        "over the 2097152-byte limit",
    ),
    (
        "symlink loop",
        "facts/loop.toml",
        |k| {
            std::os::unix::fs::symlink(k.file("facts/loop.toml"), k.file("facts/loop.toml"))
                .unwrap()
        },
        "cannot read file",
    ),
];

/// The `line:col` of the first problem line for `file`, if any.
fn located(output: &str, dir: &str, file: &str) -> Option<(usize, usize)> {
    let prefix = format!("{dir}/{file}:");
    let line = output.lines().find(|l| l.starts_with(&prefix))?;
    let mut nums = line[prefix.len()..].split(':');
    Some((nums.next()?.parse().ok()?, nums.next()?.parse().ok()?))
}

#[test]
fn corpus_has_at_least_twenty_kinds() {
    assert!(CORPUS.len() >= 20);
}

#[test]
fn every_mistake_is_located_by_check_and_never_displaces_the_running_base() {
    for (name, file, edit, says) in CORPUS {
        let kb = KnowledgeCopy::new();
        let live = LiveBase::load(&kb.path()).unwrap();
        let good = live.engine().kb.fingerprint.clone();
        edit(&kb);

        let out = kb.check();
        let text = stdout(&out);
        assert!(!out.status.success(), "{name}: check passed:\n{text}");
        let dir = kb.path().display().to_string();
        let (line, col) = located(&text, &dir, file)
            .unwrap_or_else(|| panic!("{name}: no {file}:line:col in\n{text}"));
        assert!(line >= 1 && col >= 1, "{name}");
        assert!(text.contains(says), "{name}: expected {says:?} in\n{text}");

        match live.reload() {
            Reloaded::Kept { problems } => assert!(!problems.is_empty(), "{name}"),
            other => panic!("{name}: reload did not refuse: {other}"),
        }
        let engine = live.engine();
        assert_eq!(
            engine.kb.fingerprint, good,
            "{name}: the last good base is still in service"
        );
        assert!(
            answer(&engine, "did iran deny it?").answered,
            "{name}: still answering"
        );
    }
}

#[test]
fn crlf_line_endings_load_and_reload() {
    let kb = KnowledgeCopy::new();
    let live = LiveBase::load(&kb.path()).unwrap();
    for f in [DENIALS, "topics.toml", "timeline.toml", "entities.toml"] {
        kb.write(f, &kb.read(f).replace('\n', "\r\n"));
    }
    assert!(kb.check().status.success(), "{}", stdout(&kb.check()));
    assert!(matches!(live.reload(), Reloaded::Swapped { .. }));
    assert!(answer(&live.engine(), "what did khatibzadeh call the allegations").answered);
}
