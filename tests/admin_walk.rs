//! The admin walk of knowledge/README.md ("Adding an article, end to end"),
//! through the real binary in a copy of the repository root with the
//! shipped config: add a source, make a fact from a skeleton, meet each
//! refusal, fix it, see `diff` report the new answer, and see it live in a
//! running `chat` after `/reload`.

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod util;

use std::io::{BufRead, BufReader, Write};
use std::process::Stdio;

use util::{RepoCopy, stdout};

/// A made-up article for the walk: it says only what its facts quote.
const ARTICLE: &str = "Walkthrough headline\nA spokesman for the ministry said on Monday that the walkthrough test had passed.\n";

#[test]
fn an_admin_adds_an_article_and_its_fact_goes_live() {
    let repo = RepoCopy::new();
    std::fs::write(repo.file("article.txt"), ARTICLE).unwrap();
    let ask = "did the walkthrough test pass";

    // A running chat, started before the edit.
    let mut chat = repo
        .bin()
        .arg("chat")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let mut input = chat.stdin.take().unwrap();
    let mut output = BufReader::new(chat.stdout.take().unwrap());
    writeln!(input, "{ask}").unwrap();
    let mut first = String::new();
    output.read_line(&mut first).unwrap();
    assert!(first.starts_with("I don't know"), "{first}");

    // 1. The source.
    let out = repo.run(
        &[
            "sources",
            "add",
            "article.txt",
            "--id",
            "walk-article",
            "--headline",
            "Walkthrough headline",
            "--published",
            "2021-11-22",
        ],
        b"",
    );
    assert!(out.status.success(), "{}", util::stderr(&out));
    assert!(stdout(&out).contains("¶2 A spokesman for the ministry said on Monday"));

    // 2. A fact from the skeleton: refused while unfinished.
    let out = repo.run(
        &[
            "new",
            "fact",
            "--source",
            "walk-article",
            "--paragraph",
            "2",
        ],
        b"",
    );
    assert!(out.status.success(), "{}", util::stderr(&out));
    let skeleton = stdout(&out);
    repo.write("knowledge/facts/walk.toml", &skeleton);
    let check = stdout(&repo.run(&["check"], b""));
    assert!(check.contains("`claim` still says TODO"), "{check}");
    assert!(
        check.contains("an example question still says TODO"),
        "{check}"
    );
    assert!(check.contains("a fact needs at least one topic"), "{check}");

    // 3. Fill it in; an unquoted date is explained, then fixed.
    let mut fact = skeleton
        .replace(
            "TODO: one neutral line saying what this states",
            "The article says a ministry spokesman said on Monday that the walkthrough test had passed.",
        )
        .replace(
            "[\"TODO: 8 or more questions as people would type them\"]",
            "[\"did the walkthrough test pass\", \"what did the ministry spokesman say about the walkthrough\", \"walkthrough test result?\"]",
        )
        .replace("topics = []", "topics = [\"diplomacy\"]")
        .replace("speaker = \"", "speaker = \"narrator\"\n# was: speaker = \"");
    fact = fact.replace("date = \"2021-11-22\"", "date = 2021-11-22");
    repo.write("knowledge/facts/walk.toml", &fact);
    let check = stdout(&repo.run(&["check"], b""));
    assert!(check.contains("written without quotes"), "{check}");
    repo.write(
        "knowledge/facts/walk.toml",
        &fact.replace("date = 2021-11-22", "date = \"2021-11-22\""),
    );
    let out = repo.run(&["check"], b"");
    assert!(out.status.success(), "{}", stdout(&out));
    // "ok: … (version 0a44…)": the base the chat must end up serving.
    let checked = stdout(&out);
    let version = checked
        .rsplit_once("(version ")
        .map(|(_, v)| v.trim_end().trim_end_matches(')').to_string())
        .expect("check names the version");

    // 4. diff: the new answer, against the committed base (a directory here).
    let base = util::KnowledgeCopy::new();
    let out = repo.run(&["diff", "--base", base.path().to_str().unwrap()], b"");
    assert!(
        stdout(&out).contains(&format!("“{ask}”: I don't know → walk-article-p2")),
        "{}",
        stdout(&out)
    );

    // 5. Live in the running chat after /reload.
    writeln!(input, "/reload").unwrap();
    writeln!(input, "{ask}").unwrap();
    drop(input);
    let mut rest = String::new();
    for line in output.lines() {
        rest.push_str(&line.unwrap());
        rest.push('\n');
    }
    chat.wait().unwrap();
    // The shipped config also watches the directory: the watcher may have
    // swapped the new base in before /reload, which then finds it
    // unchanged. Either way /reload must report the checked version.
    assert!(
        rest.contains(&format!("(version {version})."))
            && (rest.contains("Reloaded:") || rest.contains("Knowledge unchanged")),
        "{rest}"
    );
    assert!(
        rest.contains(
            "> A spokesman for the ministry said on Monday that the walkthrough test had passed."
        ),
        "{rest}"
    );
}
