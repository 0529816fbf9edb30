//! Live reload through the real `serve` binary: edits to `knowledge/` are
//! picked up without a restart, broken edits never displace the last good
//! base, bursts of saves reload once, and the directory may vanish.

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod fake_discord;
mod util;

use std::time::{Duration, Instant};

use fake_discord::*;

const ADMIN_LOG: u64 = 500_000_000_000_000_009;

async fn start(fake: &FakeDiscord, knowledge: &std::path::Path) -> util::Bot {
    let discord = format!("admin_log_channel_id = {ADMIN_LOG}\nrate_limit_per_minute = 0");
    let bot = util::Bot::start(
        &fake.url(),
        GUILD_ID,
        knowledge,
        "",
        &discord,
        "fake-token",
        &[],
    );
    fake.wait_call(0, |c| c.method == "PUT" && c.path.ends_with("/commands"))
        .await;
    bot
}

/// Asks `/ask question` and returns the reply body.
async fn ask(fake: &FakeDiscord, id: u64, question: &str) -> serde_json::Value {
    let n = fake.calls().len();
    fake.dispatch(
        "INTERACTION_CREATE",
        command(id, "ask", &[("question", question)], 0),
    );
    let path = format!("/api/v10/interactions/{id}/token-{id}/callback");
    fake.wait_call(n, |c| c.path == path).await.body
}

async fn eventually(what: &str, mut f: impl FnMut() -> bool) {
    let start = Instant::now();
    while !f() {
        assert!(
            start.elapsed() < Duration::from_secs(15),
            "timed out waiting for {what}"
        );
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}

fn answered(body: &serde_json::Value) -> bool {
    body["data"]["embeds"][0]["description"].is_string()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn edits_reload_live_and_broken_edits_keep_the_last_good_base() {
    let fake = FakeDiscord::start().await;
    let kb = util::KnowledgeCopy::new();
    let bot = start(&fake, &kb.path()).await;

    // Not answerable yet…
    assert!(!answered(
        &ask(&fake, 1, "what was the al-monitor headline").await
    ));
    // …a valid new fact file makes it answerable without a restart.
    kb.write("facts/headlines.toml", util::HEADLINE_FACT);
    eventually("the reload", || bot.count("Reloaded:") == 1).await;
    let body = ask(&fake, 2, "what was the al-monitor headline").await;
    assert!(answered(&body), "{body}");
    assert!(
        body["data"]["embeds"][0]["footer"]["text"]
            .as_str()
            .unwrap()
            .contains("al-monitor-headline")
    );

    // A broken edit (dangling speaker): refused, reported with file:line:col
    // to the log and the admin channel; the last good base keeps answering.
    let n = fake.calls().len();
    kb.edit(
        "facts/headlines.toml",
        "speaker = \"al-monitor\"",
        "speaker = \"al-monitr\"",
    );
    eventually("the refusal", || bot.count("Reload refused") == 1).await;
    assert!(
        bot.log()
            .contains("facts/headlines.toml:6:11: unknown entity `al-monitr`"),
        "{}",
        bot.log()
    );
    let post = fake
        .wait_call(n, |c| {
            c.path == format!("/api/v10/channels/{ADMIN_LOG}/messages")
        })
        .await;
    assert!(
        post.body["content"]
            .as_str()
            .unwrap()
            .contains("facts/headlines.toml:6:11")
    );
    assert_eq!(
        post.body["allowed_mentions"]["parse"],
        serde_json::json!([])
    );
    assert!(
        answered(&ask(&fake, 3, "what was the al-monitor headline").await),
        "last good base still answers"
    );

    // A non-verbatim quote: still the last good base.
    kb.edit(
        "facts/headlines.toml",
        "speaker = \"al-monitr\"",
        "speaker = \"al-monitor\"",
    );
    kb.edit(
        "facts/headlines.toml",
        "over election interference\"",
        "over election meddling\"",
    );
    eventually("the second refusal", || bot.count("Reload refused") == 2).await;
    assert!(
        bot.log().contains("the quote is not verbatim"),
        "{}",
        bot.log()
    );
    assert!(answered(
        &ask(&fake, 4, "what was the al-monitor headline").await
    ));

    // A syntax error, a dangling link and a duplicate id: each refused in
    // turn, the last good base answering throughout.
    let broken = [
        (
            "claim = ",
            "claim = \"unterminated\nclaim2 = ",
            "TOML syntax",
        ),
        (
            "topics = [\"sanctions\"]",
            "topics = [\"sanctions\"]\ndisputes = [\"no-such-fact\"]",
            "unknown fact `no-such-fact`",
        ),
        (
            "id = \"al-monitor-headline\"",
            "id = \"khatibzadeh-fabricated\"",
            "duplicate fact id `khatibzadeh-fabricated`",
        ),
    ];
    let good = kb.read("facts/headlines.toml");
    for (i, (from, to, want)) in broken.iter().enumerate() {
        kb.write("facts/headlines.toml", &good.replacen(from, to, 1));
        eventually(want, || bot.log().contains(want)).await;
        assert!(
            answered(&ask(&fake, 20 + i as u64, "what was the al-monitor headline").await),
            "{want}"
        );
        kb.write("facts/headlines.toml", &good);
        tokio::time::sleep(Duration::from_millis(600)).await;
    }

    // Fixing the file (with one more example question) reloads cleanly on
    // the next save; a fix that only restores the base in service is a no-op.
    kb.edit(
        "facts/headlines.toml",
        "over election meddling\"",
        "over election interference\"",
    );
    kb.edit(
        "facts/headlines.toml",
        "\"al-monitor headline?\"]",
        "\"al-monitor headline?\", \"what did al-monitor call it\"]",
    );
    eventually("the fix to reload", || bot.count("Reloaded:") == 2).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_burst_of_saves_reloads_once_and_a_vanished_directory_comes_back() {
    let fake = FakeDiscord::start().await;
    let kb = util::KnowledgeCopy::new();
    let bot = start(&fake, &kb.path()).await;

    // Ten files touched in quick succession, as a `git pull` would: one reload.
    for (i, f) in [
        "topics.toml",
        "entities.toml",
        "timeline.toml",
        "synonyms.toml",
    ]
    .iter()
    .chain(&[
        "facts/2020-us-accusations.toml",
        "facts/2020-iran-denials.toml",
        "facts/2021-sanctions.toml",
    ])
    .chain(&[
        "facts/2021-nuclear-deal.toml",
        "facts/2020-iranian-politics.toml",
        "sources/iran-denies-2020.toml",
    ])
    .enumerate()
    {
        let text = kb.read(f);
        kb.write(f, &format!("{text}\n# edit {i}\n"));
        tokio::time::sleep(Duration::from_millis(10)).await;
    }
    eventually("the burst's reload", || bot.count("Reloaded:") >= 1).await;
    tokio::time::sleep(Duration::from_millis(1200)).await;
    assert_eq!(bot.count("Reloaded:"), 1, "{}", bot.log());

    // Deleting a file others refer to: refused, the old base answers.
    std::fs::remove_file(kb.file("facts/2020-iranian-politics.toml")).unwrap();
    eventually("the refusal", || bot.count("Reload refused") == 1).await;
    assert!(
        bot.log()
            .contains("unknown fact `javan-end-support-for-biden`"),
        "{}",
        bot.log()
    );
    assert!(
        answered(&ask(&fake, 10, "what did javan say").await),
        "old base still has Javan"
    );

    // The whole directory disappears: the base in service stays…
    let aside = kb.dir.path().with_extension("aside");
    std::fs::rename(kb.dir.path(), &aside).unwrap();
    eventually("the refusal", || bot.count("Reload refused") == 2).await;
    assert!(answered(&ask(&fake, 11, "did iran deny it?").await));
    // …and when it comes back (with the file restored) it is watched again.
    std::fs::rename(&aside, kb.dir.path()).unwrap();
    let original = std::fs::read(std::path::Path::new(
        "knowledge/facts/2020-iranian-politics.toml",
    ))
    .unwrap();
    std::fs::write(kb.file("facts/2020-iranian-politics.toml"), original).unwrap();
    eventually("the reload after the directory returned", || {
        bot.count("Reloaded:") == 2
    })
    .await;
    assert!(answered(&ask(&fake, 12, "what did javan say").await));
}

#[test]
fn swaps_under_concurrent_questions_never_mix_two_bases() {
    use dispute_bot::answer::answer;
    use dispute_bot::state::{LiveBase, Reloaded};
    use std::collections::HashMap;
    use std::sync::atomic::{AtomicBool, Ordering};
    use std::sync::{Arc, Mutex};

    let kb = util::KnowledgeCopy::new();
    let live = Arc::new(LiveBase::load(&kb.path()).unwrap());
    let file = "facts/2020-iran-denials.toml";
    let original = kb.read(file);
    let claim_a =
        "Khatibzadeh called the US allegations “fabricated, deceitful, repetition and naïve.”";
    let claim_b = "Version B: Khatibzadeh called the US allegations “fabricated, deceitful, repetition and naïve.”";
    assert!(original.contains(claim_a));
    // fingerprint → the claim that version holds
    let versions: Arc<Mutex<HashMap<String, String>>> = Arc::default();
    versions
        .lock()
        .unwrap()
        .insert(live.engine().kb.fingerprint.clone(), claim_a.to_string());
    let done = Arc::new(AtomicBool::new(false));
    let readers: Vec<_> = (0..4)
        .map(|_| {
            let (live, done, versions) =
                (Arc::clone(&live), Arc::clone(&done), Arc::clone(&versions));
            std::thread::spawn(move || {
                let mut seen = std::collections::HashSet::new();
                while !done.load(Ordering::SeqCst) {
                    let engine = live.engine();
                    let a = answer(&engine, "what did khatibzadeh call the us allegations");
                    let card = &a.answers[0];
                    let expected = versions
                        .lock()
                        .unwrap()
                        .get(&engine.kb.fingerprint)
                        .cloned();
                    if let Some(expected) = expected {
                        assert_eq!(card.claim, expected, "an answer mixed two bases");
                        seen.insert(engine.kb.fingerprint.clone());
                    }
                }
                seen.len()
            })
        })
        .collect();
    for i in 0..20 {
        let claim = if i % 2 == 0 { claim_b } else { claim_a };
        kb.write(file, &original.replacen(claim_a, claim, 1));
        match live.reload() {
            Reloaded::Swapped { fingerprint, .. } | Reloaded::Unchanged { fingerprint } => {
                versions
                    .lock()
                    .unwrap()
                    .insert(fingerprint, claim.to_string());
            }
            Reloaded::Kept { problems } => panic!("valid edit refused: {problems:?}"),
        }
        std::thread::sleep(Duration::from_millis(5));
    }
    done.store(true, Ordering::SeqCst);
    let seen: usize = readers
        .into_iter()
        .map(|r| r.join().unwrap())
        .max()
        .unwrap();
    assert!(seen >= 2, "readers saw both versions");
}

/// `serve` from a copy of the repository root with the shipped config
/// (relative `dir = "knowledge"`), logging each re-read at debug level.
async fn start_shipped(fake: &FakeDiscord) -> (util::RepoCopy, util::Bot) {
    let repo = util::RepoCopy::new();
    repo.point_at(&fake.url());
    let bot = util::Bot::start_in(
        &repo,
        "fake-token",
        &[("RUST_LOG", "warn,dispute_bot=debug")],
    );
    fake.wait_call(0, |c| c.method == "PUT" && c.path.ends_with("/commands"))
        .await;
    (repo, bot)
}

/// Log lines of swaps that served `facts` facts.
fn swaps_with(bot: &util::Bot, facts: usize) -> usize {
    let needle = format!(" sources, {facts} facts,");
    bot.log()
        .lines()
        .filter(|l| l.contains("Reloaded:") && l.contains(&needle))
        .count()
}

fn shipped_facts() -> usize {
    let counts = util::shipped_counts();
    counts
        .split(", ")
        .find_map(|p| p.strip_suffix(" facts"))
        .and_then(|n| n.parse().ok())
        .expect("a fact count")
}

/// A fact file holding facts `a` and `b` (ids made unique by `tag`).
fn two_facts(tag: usize) -> (String, String) {
    let one = |id: String| util::HEADLINE_FACT.replace("al-monitor-headline", &id);
    let first = one(format!("headline-a-{tag}"));
    let second = one(format!("headline-b-{tag}"));
    (first.clone(), format!("{first}{second}"))
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn shipped_config_reloads_once_after_quiet_and_never_serves_drafts() {
    let fake = FakeDiscord::start().await;
    let (repo, bot) = start_shipped(&fake).await;

    // Idle: nothing changes, so nothing is re-read (our own reads are not
    // changes: counting them once made every reload schedule the next).
    tokio::time::sleep(Duration::from_secs(3)).await;
    assert_eq!(bot.count("re-reading"), 0, "{}", bot.log());

    // A file saved in two chunks 0.18 s apart, ten times: the valid first
    // half (one fact short) is never served; each whole file is.
    let base = shipped_facts();
    for i in 0..10 {
        let (half, whole) = two_facts(i);
        let path = repo.file(&format!("knowledge/facts/slow-{i}.toml"));
        {
            use std::io::Write;
            let mut f = std::fs::File::create(&path).unwrap();
            f.write_all(half.as_bytes()).unwrap();
            f.flush().unwrap();
            tokio::time::sleep(Duration::from_millis(180)).await;
            f.write_all(&whole.as_bytes()[half.len()..]).unwrap();
        }
        let want = base + 2 * (i + 1);
        eventually("the whole file to go live", || swaps_with(&bot, want) == 1).await;
        assert_eq!(
            swaps_with(&bot, want - 1),
            0,
            "a half-saved file was served"
        );
    }
    let served = base + 20;

    // 50 saves in under a second, the last one broken: the old base stays.
    let topics = repo.read("knowledge/topics.toml");
    for i in 0..49 {
        repo.write(
            "knowledge/topics.toml",
            &topics.replace(
                "title = \"Sanctions\"",
                &format!("title = \"Sanctions {i}\""),
            ),
        );
        tokio::time::sleep(Duration::from_millis(18)).await;
    }
    repo.write("knowledge/topics.toml", &format!("{topics}\n[[topic]\n"));
    eventually("the refusal", || bot.count("Reload refused") == 1).await;
    tokio::time::sleep(Duration::from_millis(800)).await;
    assert_eq!(
        bot.count("Reloaded:"),
        10,
        "no draft of the burst was served: {}",
        bot.log()
    );
    assert_eq!(swaps_with(&bot, served), 1);

    // The same mistake saved again is reported again.
    repo.write("knowledge/topics.toml", &format!("{topics}\n[[topic]\n"));
    eventually("the second refusal", || bot.count("Reload refused") == 2).await;
}
