//! The CLI through the real binary: the `ask --json` contract, stdin mode,
//! timeline, who, source and the chat console.

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod util;

use serde_json::Value;
use util::{run, stderr, stdout};

fn ask_json(question: &str) -> Value {
    let out = run(&["ask", "--json", question], "");
    assert!(out.status.success(), "{}", stderr(&out));
    serde_json::from_str(stdout(&out).trim()).expect("one JSON object")
}

/// What `ask --explain` prints for `question`.
fn explain(question: &str) -> String {
    stdout(&run(&["ask", "--explain", question], ""))
}

/// `question` is understood with `concept` in it (as `--explain` prints a
/// term, e.g. "~deny[") and answered with `fact` first.
fn assert_read_as(question: &str, concept: &str, fact: &str) {
    let text = explain(question);
    assert!(text.contains(concept), "{question}: {text}");
    let a = ask_json(question);
    assert_eq!(a["answered"], true, "{question}: {a}");
    assert_eq!(a["answers"][0]["fact_id"], fact, "{question}: {a}");
}

/// `question` is not answered, and `ask --explain` names the gate: `why`.
fn assert_gated(question: &str, why: &str) {
    let a = ask_json(question);
    assert_eq!(a["answered"], false, "{question}: {a}");
    let text = explain(question);
    assert!(text.contains(&format!("gate: {why}")), "{question}: {text}");
}

const ARTICLE_2020: &str = include_str!("../knowledge/sources/iran-denies-2020.txt");
const ARTICLE_2021: &str = include_str!("../knowledge/sources/iran-denounces-sanctions-2021.txt");

#[test]
fn ask_json_keeps_the_contract_keys_and_a_verbatim_quote() {
    let v = ask_json("what did khatibzadeh call the allegations");
    for key in [
        "question",
        "answered",
        "answers",
        "counterpoints",
        "suggestions",
    ] {
        assert!(v.get(key).is_some(), "missing {key}: {v}");
    }
    assert_eq!(v["answered"], true);
    let best = &v["answers"][0];
    for key in [
        "fact_id", "quote", "claim", "speaker", "source", "date", "score",
    ] {
        assert!(best.get(key).is_some(), "missing answers[0].{key}: {best}");
    }
    for key in ["id", "title", "outlet", "published", "paragraph"] {
        assert!(best["source"].get(key).is_some(), "missing source.{key}");
    }
    assert_eq!(best["fact_id"], "khatibzadeh-fabricated");
    let quote = best["quote"].as_str().unwrap();
    assert!(ARTICLE_2020.contains(quote), "quote not verbatim: {quote}");
    assert_eq!(
        best["source"]["outlet"],
        Value::Null,
        "the 2020 article names no outlet"
    );
    assert_eq!(best["speaker"], "Saeed Khatibzadeh");
}

#[test]
fn ask_json_carries_the_other_side_as_counterpoint() {
    let v = ask_json("what did ratcliffe and wray announce");
    assert_eq!(v["answers"][0]["fact_id"], "ratcliffe-wray-voter-data");
    let counter = v["counterpoints"].as_array().unwrap();
    assert!(!counter.is_empty(), "{v}");
    assert_eq!(counter[0]["side"], "iran-government");
    let quote = counter[0]["quote"].as_str().unwrap();
    assert!(ARTICLE_2020.contains(quote) || ARTICLE_2021.contains(quote));
}

#[test]
fn ask_json_abstains_with_empty_answers_and_suggestions() {
    let v = ask_json("what is the capital of iran");
    assert_eq!(v["answered"], false);
    assert_eq!(v["answers"].as_array().unwrap().len(), 0);
    assert!(v["suggestions"].as_array().unwrap().len() <= 3);
}

#[test]
fn ask_stdin_writes_one_json_line_per_question() {
    let out = run(
        &["ask", "--json", "--stdin"],
        "did iran deny it?\n\nwhen are the vienna talks\nhi\n",
    );
    assert!(out.status.success(), "{}", stderr(&out));
    let lines: Vec<Value> = stdout(&out)
        .lines()
        .map(|l| serde_json::from_str(l).expect("each line is JSON"))
        .collect();
    assert_eq!(lines.len(), 4, "one output line per input line");
    assert_eq!(lines[1]["answered"], false, "a blank line is not answered");
    assert_eq!(lines[1]["question"], "");
    assert_eq!(
        lines[2]["answers"][0]["fact_id"],
        "vienna-talks-resume-nov-29"
    );
    assert_eq!(lines[3]["answered"], false);
}

#[test]
fn ask_stdin_and_chat_survive_a_non_utf8_byte() {
    let repo = util::RepoCopy::new();
    let input = b"did iran \xff deny it?\nwhen are the vienna talks\n";
    let out = repo.run(&["ask", "--json", "--stdin"], input);
    assert!(out.status.success(), "{}", stderr(&out));
    let lines: Vec<Value> = stdout(&out)
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(lines.len(), 2, "the line after the bad byte is answered");
    assert!(lines[0]["question"].as_str().unwrap().contains('\u{FFFD}'));
    assert_eq!(
        lines[1]["answers"][0]["fact_id"],
        "vienna-talks-resume-nov-29"
    );
    let out = repo.run(&["chat"], input);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(stdout(&out).contains("Nov. 29"), "{}", stdout(&out));
}

#[test]
fn closed_stdout_ends_quietly() {
    use std::io::{BufRead, BufReader, Write};
    use std::process::Stdio;
    // Deterministic: the reader goes away before the second answer is written.
    let repo = util::RepoCopy::new();
    let mut child = repo
        .bin()
        .args(["ask", "--stdin"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut stdin = child.stdin.take().unwrap();
    writeln!(stdin, "did iran deny it?").unwrap();
    let mut first = String::new();
    BufReader::new(child.stdout.take().unwrap())
        .read_line(&mut first)
        .unwrap();
    // stdout's reader is dropped here: the pipe is closed.
    writeln!(stdin, "when are the vienna talks").unwrap();
    drop(stdin);
    let out = child.wait_with_output().unwrap();
    assert_ne!(out.status.code(), Some(101), "{}", stderr(&out));
    assert_eq!(stderr(&out), "", "a closed pipe ends the command quietly");
    // And as people type it.
    for cmd in ["check", "timeline", "who khatibzadeh"] {
        let out = std::process::Command::new("sh")
            .arg("-c")
            .arg(format!(
                "'{}' {cmd} | head -1",
                env!("CARGO_BIN_EXE_dispute-bot")
            ))
            .current_dir(repo.path())
            .output()
            .unwrap();
        assert!(out.status.success());
        assert_eq!(stderr(&out), "", "{cmd}");
        assert_eq!(stdout(&out).lines().count(), 1);
    }
}

#[test]
fn a_missing_knowledge_directory_is_one_message_with_the_path_and_next_step() {
    let repo = util::RepoCopy::new();
    let out = repo.run(&["--knowledge", "config.toml", "check"], b"");
    assert_eq!(out.status.code(), Some(1));
    let err = stderr(&out);
    assert_eq!(err.lines().count(), 1, "{err}");
    let abs = repo.path().canonicalize().unwrap().join("config.toml");
    assert!(err.contains(&abs.display().to_string()), "{err}");
    assert!(err.contains("not a directory") && err.contains("--knowledge DIR"));
    // Run from a directory with neither config.toml nor knowledge/.
    let elsewhere = tempfile::tempdir().unwrap();
    let out = util::bin()
        .current_dir(elsewhere.path())
        .arg("chat")
        .stdin(std::process::Stdio::null())
        .output()
        .unwrap();
    let err = stderr(&out);
    assert_eq!(err.lines().count(), 1, "{err}");
    assert!(err.contains("does not exist") && err.contains("repository root"));
}

#[test]
fn a_syntax_error_does_not_cascade_into_dangling_references() {
    let repo = util::RepoCopy::new();
    let topics = repo.read("knowledge/topics.toml");
    repo.write(
        "knowledge/topics.toml",
        &format!(
            "{topics}
[[topic]
"
        ),
    );
    let out = repo.run(&["check"], b"");
    let text = stdout(&out);
    assert_eq!(out.status.code(), Some(1));
    assert!(text.contains("knowledge/topics.toml:"), "{text}");
    assert!(text.contains("TOML syntax"), "{text}");
    assert!(!text.contains("unknown topic"), "{text}");
    assert!(text.contains("\n1 problem(s) found"), "{text}");
}

#[test]
fn ask_explain_shows_frame_features_probability_and_decision() {
    let out = run(
        &[
            "ask",
            "--explain",
            "how many employees does emennet pasargad have",
        ],
        "",
    );
    let text = stdout(&out);
    assert!(text.contains("frame: how many"), "{text}");
    assert!(text.contains("target_unknown 1.00"), "{text}");
    assert!(text.contains("model: probability"), "{text}");
    assert!(text.contains("→ abstain"), "{text}");
    let out = run(
        &[
            "ask",
            "--explain",
            "did iran deny interfering in the election",
        ],
        "",
    );
    assert!(stdout(&out).contains("→ answer"), "{}", stdout(&out));
}

#[test]
fn a_misspelt_first_name_beside_a_surname_is_read_as_the_name() {
    // "cris" is an English word of its own, so typo repair alone leaves it;
    // beside "wray" it is Chris Wray, and ask --explain says what was typed.
    let text = explain("what did cris wray announce");
    assert!(text.contains("@wray["), "{text}");
    assert_read_as(
        "what did cris wray announce",
        "(typed cris)",
        "ratcliffe-wray-voter-data",
    );
}

#[test]
fn text_outside_ascii_is_read_by_its_letters() {
    // Emoji and flags separate words; accents, capitals and full-width
    // letters fold to the plain word.
    assert_read_as(
        "🔥🇮🇷 did IRÁN deny interfering in the ｅｌｅｃｔｉｏｎ?? ❤️",
        "@iran[",
        "iran-dismisses-interference-claims",
    );
    // A letter of another script inside a name is one typo, counted in
    // characters, not bytes.
    assert_read_as(
        "what did the daily jav中n say",
        "(typed jav中n)",
        "javan-end-support-for-biden",
    );
    // Words of other scripts are words the base lacks, each counted once.
    let text = explain("did iran deny interfering in the election выборы 選挙 ایران 🤔");
    assert!(text.contains("?выборы ?選挙 ?ایران"), "{text}");
    assert!(text.contains("unknown words: 3 name(s)"), "{text}");
}

#[test]
fn everyday_words_of_an_aside_do_not_count_against_the_question() {
    let aside = explain(
        "my cousin keeps posting memes about it. did iran deny interfering in the election",
    );
    assert!(
        aside.contains("unknown words: 0 name(s), 0 common"),
        "{aside}"
    );
    assert!(aside.contains("→ answer"), "{aside}");
    // The same words inside the question's own sentence still count.
    let inside =
        explain("did iran deny interfering in the election my cousin keeps posting memes about it");
    assert!(
        inside.contains("unknown words: 0 name(s), 2 common"),
        "{inside}"
    );
}

#[test]
fn back_after_a_past_tense_is_not_read_as_support() {
    let text = explain("so iran clapped back at the french spokesperson?");
    let understood = text.lines().next().unwrap_or_default();
    assert!(understood.starts_with("understood as:"), "{understood}");
    assert!(!understood.contains("~support"), "{understood}");
    let text = explain("did iran back biden");
    assert!(text.contains("~support"), "{text}");
}

#[test]
fn everyday_idioms_are_read_as_the_words_of_their_group() {
    // synonyms.toml: "walk away from" a deal is withdrawing from it,
    // "brushed off" is dismissing, "slap" penalties is imposing them,
    // "squeezing" is pressure, ballots are votes, leaving a deal "alone"
    // or "on its own" is leaving it unilaterally.
    for (question, concept, fact) in [
        (
            "did america leave the deal alone or with its allies",
            "~unilaterally[",
            "trump-withdrew-from-deal-2018",
        ),
        (
            "did the us pull out of the iran deal on its own",
            "~unilaterally[",
            "trump-withdrew-from-deal-2018",
        ),
        (
            "when did the us walk away from the nuclear deal",
            "~withdraw[",
            "trump-withdrew-from-deal-2018",
        ),
        (
            "tehran brushed off the accusations, right?",
            "~deny[",
            "iran-dismisses-interference-claims",
        ),
        (
            "what penalties did washington slap on emennet pasargad",
            "~impose[",
            "treasury-designates-emennet-pasargad",
        ),
        (
            "was biden squeezing iran like trump did",
            "~pressure[",
            "iran-sanctions-continue-maximum-pressure",
        ),
        (
            "were the ballots themselves tampered with",
            "~election[",
            "nyt-no-votes-altered",
        ),
    ] {
        assert_read_as(question, concept, fact);
    }
}

#[test]
fn chat_slang_is_read_as_the_words_of_its_group() {
    // synonyms.toml: "bail on" a deal is withdrawing, "throw shade" is
    // criticising, "push back" on claims is rejecting them, a "hoax" is
    // fabricated, "yoink" is taking, a "mouthpiece" a spokesman, "own up
    // to" is admitting.
    for (question, concept, fact) in [
        (
            "did trump bail on the nuclear deal",
            "~withdraw[",
            "trump-withdrew-from-deal-2018",
        ),
        (
            "did iran throw shade at the french spokesperson",
            "~angry[",
            "iran-lashes-out-at-legendre",
        ),
        (
            "did tehran push back on the us claims",
            "~deny[",
            "iran-dismisses-interference-claims",
        ),
        (
            "did iran call the hacking claims a hoax",
            "~fabricated[",
            "khatibzadeh-fabricated",
        ),
        (
            "did the hackers yoink voter data",
            "~obtain[",
            "doj-state-voter-data-hack",
        ),
        // "acknowledge" is admitting, not accepting terms (the thesaurus's
        // first sense), and "own up to" is admitting too.
        (
            "has tehran ever acknowledged hacking anyone",
            "~admit[",
            "iran-hacking-history",
        ),
        (
            "did tehran own up to meddling in the election",
            "~admit[",
            "iran-dismisses-interference-claims",
        ),
    ] {
        assert_read_as(question, concept, fact);
    }
    let text = explain("who is the foreign ministry mouthpiece");
    assert!(text.contains("~spokesman["), "{text}");
}

#[test]
fn a_prefixed_word_reads_as_its_root_unless_the_prefix_negates() {
    assert_read_as(
        "did rouhani accept trump's preconditions for talks",
        "(for preconditions)",
        "rouhani-refused-trump-conditions",
    );
    // "unfair" is not "fair": left as a word of its own.
    let text = explain("did iran call the charges unfair");
    assert!(text.contains("?unfair"), "{text}");
}

#[test]
fn the_name_of_someone_named_only_by_role_is_not_answered() {
    // The articles call him "the Swiss ambassador" and never name him.
    for q in [
        "tell me the swiss envoys name",
        "name of the swiss ambassador in tehran?",
    ] {
        assert_gated(q, "asks the name of someone the articles name only by role");
    }
    // The name of the one who summoned him is in the quote.
    let a = ask_json("what is the name of the spokesman who summoned the swiss ambassador");
    assert_eq!(a["answered"], true, "{a}");
    assert_eq!(
        a["answers"][0]["fact_id"], "khatibzadeh-swiss-ambassador-summoned",
        "{a}"
    );
}

#[test]
fn places_and_people_are_found_by_the_descriptions_formal_writers_use() {
    // synonyms.toml and entities.toml: the Austrian capital is Vienna; the
    // Democratic president is Biden, the Republican one Trump, and Trump is
    // the former president (Biden's predecessor) the 2021 article looks
    // back on; to vow is to pledge.
    for (question, concept, fact) in [
        (
            "did biden vow to lift the former president's sanctions",
            "@trump[",
            "biden-seeks-to-rejoin-deal",
        ),
        (
            "what did biden promise about the sanctions of the previous administration",
            "~pledge[",
            "biden-seeks-to-rejoin-deal",
        ),
        (
            "when do talks resume in the austrian capital",
            "~vienna[",
            "vienna-talks-resume-nov-29",
        ),
        (
            "is the democratic president trying to rejoin the deal",
            "@biden[",
            "biden-seeks-to-rejoin-deal",
        ),
        (
            "did the republican president pull out of the nuclear deal",
            "@trump[",
            "trump-withdrew-from-deal-2018",
        ),
    ] {
        assert_read_as(question, concept, fact);
    }
}

#[test]
fn what_someone_never_quoted_said_is_not_answered() {
    // Neither Zarif nor Pompeo is in the articles: no quote is theirs,
    // however well "respond to the new sanctions" matches Iran's response.
    for q in [
        "how did zarif respond to the new sanctions",
        "what did pompeo say about the hackers",
    ] {
        assert_gated(q, "asks what someone said whom the articles never quote");
    }
    let a = ask_json("what did khatibzadeh say about the new sanctions");
    assert_eq!(a["answered"], true, "{a}");
}

#[test]
fn ask_text_shows_quote_speaker_and_source() {
    let out = run(&["ask", "did iran summon the swiss ambassador"], "");
    let text = stdout(&out);
    assert!(
        text.contains("> Saeed Khatibzadeh, Foreign Ministry spokesman, said Thursday morning"),
        "{text}"
    );
    assert!(
        text.contains("— Saeed Khatibzadeh, Spokesman of Iran's Foreign Ministry (said)"),
        "{text}"
    );
    assert!(text.contains("paragraph 3"), "{text}");
}

#[test]
fn timeline_json_is_in_date_order_and_filters() {
    let out = run(&["timeline", "--json"], "");
    let all: Vec<Value> = serde_json::from_str(&stdout(&out)).unwrap();
    assert!(all.len() >= 12);
    assert_eq!(all[0]["id"], "nuclear-deal-2015");
    assert_eq!(all.last().unwrap()["id"], "vienna-talks-resume");
    let out = run(
        &[
            "timeline",
            "--json",
            "--actor",
            "khatibzade",
            "--from",
            "2021-01-01",
        ],
        "",
    );
    let some: Vec<Value> = serde_json::from_str(&stdout(&out)).unwrap();
    assert_eq!(some.len(), 1, "{some:?}");
    assert_eq!(some[0]["id"], "khatibzadeh-tweets-not-legitimate");
    assert!(!some[0]["evidence"].as_array().unwrap().is_empty());
}

#[test]
fn timeline_tolerates_topic_typos_and_rejects_unknown_topics() {
    let out = run(&["timeline", "--topic", "sanctons"], "");
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(stdout(&out).contains("Timeline (topic: Sanctions)"));
    let out = run(&["timeline", "--topic", "weather"], "");
    assert!(!out.status.success());
    assert!(
        stderr(&out).contains("no topic called `weather`"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn who_finds_misspelt_names_and_lists_quotes() {
    let out = run(&["who", "miryousfi"], "");
    let text = stdout(&out);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(
        text.starts_with("Alireza Miryousefi — Deputy press officer"),
        "{text}"
    );
    assert!(
        text.contains("Unlike the US, Iran does not interfere"),
        "{text}"
    );
}

#[test]
fn who_unknown_name_fails_with_next_step() {
    let out = run(&["who", "grosi"], "");
    assert!(
        out.status.success(),
        "grosi is a listed misspelling of Grossi"
    );
    let out = run(&["who", "putin"], "");
    assert!(!out.status.success());
    assert!(stderr(&out).contains("no person or organisation called `putin`"));
}

#[test]
fn source_shows_quote_marked_in_its_paragraph() {
    let out = run(&["source", "khatibzadeh-sanctions-not-legitimate"], "");
    let text = stdout(&out);
    assert!(text.contains("Al-Monitor"), "{text}");
    assert!(
        text.contains("¶8 ⟪In a statement posted to Twitter on Friday"),
        "{text}"
    );
    let out = run(&["source", "khatibzadeh-sanctions-not-legitmate"], "");
    assert!(!out.status.success());
    assert!(stderr(&out).contains("did you mean khatibzadeh-sanctions-not-legitimate"));
}

#[test]
fn chat_is_the_default_and_answers_like_the_bot() {
    let out = run(
        &[],
        "/help\ndid iran deny it?\n/timeline topic: nuclear deal\n/who legendre\n/reload\n/nonsense\n/quit\nnot reached\n",
    );
    let text = stdout(&out);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(text.contains("/timeline [actor:NAME]"), "{text}");
    assert!(text.contains("> Iran has dismissed claims"), "{text}");
    assert!(
        text.contains("Timeline (topic: The nuclear deal)"),
        "{text}"
    );
    assert!(
        text.contains("Anne-Claire Legendre — Spokesperson"),
        "{text}"
    );
    assert!(text.contains("Unknown command /nonsense"), "{text}");
    assert!(text.contains("Knowledge unchanged (version "), "{text}");
    assert!(!text.contains("not reached"));
}

#[test]
fn broken_knowledge_stops_ask_with_problems_listed() {
    let kb = util::KnowledgeCopy::new();
    kb.edit("topics.toml", "[[topic]]", "[[topic]\n");
    let out = run(
        &["--knowledge", kb.path().to_str().unwrap(), "ask", "hi"],
        "",
    );
    assert!(!out.status.success());
    let err = stderr(&out);
    assert!(err.contains("topics.toml:"), "{err}");
    assert!(err.contains("run `dispute-bot check`"), "{err}");
}

#[test]
fn unknown_config_key_is_an_error_with_location() {
    let dir = tempfile::tempdir().unwrap();
    let cfg = dir.path().join("config.toml");
    std::fs::write(&cfg, "[knowledge]\ndirectory = \"knowledge\"\n").unwrap();
    let out = run(&["--config", cfg.to_str().unwrap(), "check"], "");
    assert!(!out.status.success());
    assert!(
        stderr(&out).contains("config.toml:2:1: unknown field `directory`"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn chat_understands_greetings_who_is_timelines_and_tldr() {
    let repo = util::RepoCopy::new();
    let out = repo.run(
        &["chat"],
        b"hi\nwho is miryousefi\nwhat happened in october 2020\ntl;dr\nthanks\n",
    );
    assert!(out.status.success(), "{}", stderr(&out));
    let text = stdout(&out);
    assert!(
        text.contains("I answer questions with verbatim, sourced quotes from 2 news articles"),
        "{text}"
    );
    assert!(text.contains("Try asking, for example:"), "{text}");
    assert!(
        text.contains("Alireza Miryousefi — Deputy press officer at Iran's mission to the UN"),
        "{text}"
    );
    assert!(
        text.contains("Timeline (from 2020-10, to 2020-10)"),
        "{text}"
    );
    assert!(
        text.contains("The dispute as the articles tell it"),
        "{text}"
    );
    assert!(text.contains("You're welcome"), "{text}");
    assert!(!text.contains("I don't know"), "{text}");
}

#[test]
fn ask_json_keeps_the_question_contract_for_greetings() {
    // `ask` is the plain question-and-answer contract: a greeting is not a
    // question the articles answer.
    let v = ask_json("hi");
    assert_eq!(v["answered"], false);
}

#[test]
fn chat_follows_up_on_its_last_answer() {
    let repo = util::RepoCopy::new();
    let out = repo.run(
        &["chat"],
        b"source?\ndid iran deny interfering in the election\nand what did the us say?\nsource?\nwho is he\nwhen was that\n",
    );
    assert!(out.status.success(), "{}", stderr(&out));
    let text = stdout(&out);
    // Nothing to follow yet: say so.
    assert!(
        text.contains("no recent answer in this conversation"),
        "{text}"
    );
    // Each follow-up says what it is about, then answers it.
    assert!(
        text.contains("About Iran's statement of 22 October 2020:"),
        "{text}"
    );
    assert!(text.contains("Disputes (US government):"), "{text}");
    assert!(text.contains("¶2 ⟪Iran has dismissed claims"), "{text}");
    assert!(
        text.contains("Iran — The Islamic Republic of Iran"),
        "{text}"
    );
    assert!(text.contains("22 October 2020 — "), "{text}");
    assert!(!text.contains("I don't know"), "{text}");
}

/// `chat` at a real (pseudo-)terminal, through util-linux `script`: typed
/// keys, arrow-key history, wrapping to the terminal's width, colour.
fn chat_at_terminal(repo: &util::RepoCopy, keys: &str, env: &[(&str, &str)]) -> String {
    let command = format!(
        "({keys}) | script -qec 'stty cols 60 rows 40; {} chat' /dev/null",
        env!("CARGO_BIN_EXE_dispute-bot")
    );
    let out = std::process::Command::new("sh")
        .arg("-c")
        .arg(command)
        .current_dir(repo.path())
        .envs(env.iter().copied())
        .output()
        .expect("sh and script run");
    assert!(out.status.success(), "{}", stderr(&out));
    stdout(&out)
}

/// Terminal output without escape sequences and carriage returns.
fn plain(s: &str) -> String {
    let mut out = String::new();
    let mut chars = s.chars().peekable();
    while let Some(c) = chars.next() {
        if c == '\x1b' {
            if chars.peek() == Some(&'[') {
                chars.next();
                for d in chars.by_ref() {
                    if d.is_ascii_alphabetic() {
                        break;
                    }
                }
            }
        } else if c != '\r' {
            out.push(c);
        }
    }
    out
}

#[test]
fn chat_at_a_terminal_edits_recalls_history_wraps_and_colours() {
    let repo = util::RepoCopy::new();
    // A question, then Up + Enter to ask it again, then Ctrl-D.
    let keys = r"printf 'did iran deny it\r'; sleep 1; printf '\033[A\r'; sleep 1; printf '\004'";
    let raw = chat_at_terminal(&repo, keys, &[]);
    let text = plain(&raw);
    assert_eq!(
        text.matches("> Iran has dismissed claims by United States")
            .count(),
        2,
        "the Up arrow recalled the question: {text}"
    );
    assert!(text.contains("ask › "), "a prompt no quote starts with");
    for line in text.lines().filter(|l| !l.contains("ask › ")) {
        assert!(
            line.chars().count() <= 60,
            "wrapped to 60 columns: {line:?}"
        );
    }
    assert!(raw.contains("\x1b[1m"), "headings in bold on a terminal");
    let history = repo.read("data/chat_history.txt");
    assert!(history.contains("did iran deny it"), "{history}");
    // NO_COLOR turns colour off.
    let raw = chat_at_terminal(&repo, keys, &[("NO_COLOR", "1")]);
    assert!(!raw.contains("\x1b[1m"), "no colour with NO_COLOR");
}

/// Sides are data: relabelling one in `sides.toml`, and adding one that a
/// fact then names, needs no code change — from a repository copy, with
/// the shipped config and no path options.
#[test]
fn sides_are_read_from_sides_toml() {
    let repo = util::RepoCopy::new();
    repo.edit(
        "knowledge/sides.toml",
        "label = \"US government\"",
        "label = \"United States government\"",
    );
    repo.edit(
        "knowledge/sides.toml",
        "[[side]]\nid = \"narrator\"",
        "[[side]]\nid = \"iranian-un-mission\"\nlabel = \"Iran's UN mission\"\ncolour = \"#117A65\"\n\n[[side]]\nid = \"narrator\"",
    );
    // Miryousefi's denial now speaks for the new side (with the reason
    // `check` asks for when a fact's side differs from its speaker's).
    let facts = "knowledge/facts/2020-iran-denials.toml";
    let text = repo.read(facts);
    let at = text
        .find("id = \"miryousefi-denies-intervention\"")
        .expect("fact present");
    let side_at = at + text[at..].find("side = \"iran-government\"").expect("side");
    let mut edited = text.clone();
    edited.replace_range(
        side_at..side_at + "side = \"iran-government\"".len(),
        "side = \"iranian-un-mission\"\nside_reason = \"test: a side added in sides.toml\"",
    );
    repo.write(facts, &edited);
    let check = repo.run(&["check"], b"");
    assert!(check.status.success(), "{}", util::stdout(&check));

    let out = repo.run(
        &[
            "ask",
            "--json",
            "did miryousefi deny that iran interferes in elections",
        ],
        b"",
    );
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).expect("json");
    let text = json.to_string();
    assert!(text.contains("iranian-un-mission"), "{text}");

    let out = repo.run(
        &["ask", "what did khatibzadeh call the us allegations"],
        b"",
    );
    let text = util::stdout(&out);
    assert!(text.contains("(United States government)"), "{text}");
    assert!(!text.contains("(US government)"), "{text}");
}

#[test]
fn asking_for_others_than_those_named_needs_a_quote_naming_another() {
    // Legendre is the only French official the articles quote: "which
    // French officials besides Legendre" asks what no quote holds.
    for q in [
        "besides legendre, which french officials called for a strong message to iran",
        "apart from kazemi and kashian which people did the justice department charge",
    ] {
        assert_gated(
            q,
            "asks for others than those it names; the best quote names no one else",
        );
    }
    // Ratcliffe made the announcement with Wray: another one is named.
    let a = ask_json("other than wray, which officials spoke about iran obtaining voter data");
    assert_eq!(a["answered"], true, "{a}");
    assert_eq!(
        a["answers"][0]["fact_id"], "ratcliffe-wray-voter-data",
        "{a}"
    );
    // What is set aside here is an act, not anyone: no gate.
    let a = ask_json("besides the sanctions, what else did the treasury announce");
    assert_eq!(a["answered"], true, "{a}");
}

#[test]
fn chat_around_a_question_is_not_read_as_part_of_it() {
    // "quick q", "a dumb question", "hey bot", "thx" say a question comes;
    // "before" with only chat after it still means "previously".
    for (bare, wrapped) in [
        (
            "what did miryousefi say",
            "yo quick q: what did miryousefi say lmk",
        ),
        (
            "when will grossi go to iran",
            "sorry if this is a dumb question but when will grossi go to iran ??",
        ),
        ("what did isna report", "hey bot, what did isna report thx"),
        (
            "has iran hacked stuff before",
            "ayo has iran hacked stuff before ty",
        ),
        // A lead-in clause and a closing one of everyday words the base
        // does not use: "confirm" is not read as *support*.
        (
            "who is sajjad kashian",
            "Just to confirm, who is sajjad kashian (no rush)",
        ),
    ] {
        let (b, w) = (ask_json(bare), ask_json(wrapped));
        assert_eq!(b["answered"], true, "{bare}: {b}");
        assert_eq!(w["answered"], true, "{wrapped}: {w}");
        assert_eq!(
            b["answers"][0]["fact_id"], w["answers"][0]["fact_id"],
            "{wrapped}"
        );
    }
    let text = explain("Out of curiosity, who is sajjad kashian - thanks a lot");
    assert!(
        text.starts_with("chatter, not read: out of curiosity thanks a lot\n"),
        "{text}"
    );
    // The verb "question" is still read: no qualifier before it.
    let understood = |q: &str| explain(q).lines().next().unwrap_or_default().to_string();
    assert!(
        understood("did the us question the outcome of its own election").contains(" question["),
        "the verb is a word of the question"
    );
    assert!(
        !understood("quick question: did the us doubt the outcome").contains(" question["),
        "\"quick question\" is chat"
    );
}

#[test]
fn chat_timeline_reads_options_either_way_and_survives_any_text() {
    let repo = util::RepoCopy::new();
    let out = repo.run(
        &["chat"],
        "/timeline İİİİİİ ACTOR: wray\n/timeline --from 2021 --to=2021-11\n/timeline --actor grossi\n"
            .as_bytes(),
    );
    assert!(out.status.success(), "{}", stderr(&out));
    let text = stdout(&out);
    // "İ" lengthens when lowercased; the console used to panic here.
    assert!(
        text.contains("Timeline (actor: Chris Wray): 1 event(s)"),
        "{text}"
    );
    assert!(
        text.contains("Timeline (from 2021, to 2021-11): 7 event(s)"),
        "{text}"
    );
    assert!(text.contains("set to resume in Vienna"), "{text}");
    assert!(!text.contains("2018 (year only)"), "{text}");
    assert!(text.contains("Timeline (actor: Rafael Grossi)"), "{text}");
    assert!(!text.contains("no actor called"), "{text}");
}
