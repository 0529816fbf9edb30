//! The Discord bot end to end: the real `dispute-bot serve` binary, with the
//! real serenity client pointed through `api_proxy` at a fake Discord on
//! 127.0.0.1. Asserts on the exact REST calls the bot makes.

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod fake_discord;
mod util;

use std::time::{Duration, Instant};

use fake_discord::*;
use serde_json::{Value, json};

const ADMIN_ROLE: u64 = 500_000_000_000_000_001;
const ADMIN_LOG: u64 = 500_000_000_000_000_002;

/// Every slash command a user should see, as Discord must be told:
/// (name, options as `name:required:autocomplete`, admin).
const REGISTERED: [(&str, &[&str], bool); 9] = [
    ("ask", &["question:true:false"], false),
    (
        "timeline",
        &[
            "actor:false:true",
            "topic:false:true",
            "from:false:false",
            "to:false:false",
        ],
        false,
    ),
    ("who", &["name:true:true"], false),
    ("source", &["fact:true:true"], false),
    ("sources", &[], false),
    ("help", &[], false),
    ("about", &[], false),
    ("reload", &[], true),
    ("status", &[], true),
];

/// Options for invoking each registered command once.
fn sample_options(name: &str) -> Vec<(&'static str, &'static str)> {
    match name {
        "ask" => vec![("question", "did iran deny it?")],
        "timeline" => vec![("actor", "khatibzadeh")],
        "who" => vec![("name", "khatibzadeh")],
        "source" => vec![("fact", "khatibzadeh-fabricated")],
        _ => vec![],
    }
}

/// Every `/word` a text names as a command (after a backtick, a space or
/// at the start), e.g. "Try `/help`" → ["help"].
fn named_commands(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    let chars: Vec<char> = text.chars().collect();
    for (i, &c) in chars.iter().enumerate() {
        let before = if i == 0 { ' ' } else { chars[i - 1] };
        if c == '/' && (before == '`' || before.is_whitespace()) {
            let name: String = chars[i + 1..]
                .iter()
                .take_while(|c| c.is_ascii_lowercase())
                .collect();
            if !name.is_empty() {
                out.push(name);
            }
        }
    }
    out
}

/// Every text the bot sent in a REST body: content, embed text, labels.
fn texts(v: &Value, out: &mut Vec<String>) {
    match v {
        Value::String(s) => out.push(s.clone()),
        Value::Array(a) => a.iter().for_each(|x| texts(x, out)),
        Value::Object(o) => o
            .iter()
            .filter(|(k, _)| !matches!(k.as_str(), "custom_id" | "url"))
            .for_each(|(_, x)| texts(x, out)),
        _ => {}
    }
}

/// The repository as a newcomer runs it: the shipped `config.toml` from a
/// copy of the repository root, no path options, only `api_proxy` pointed
/// at the fake. Every command is registered (with its options, autocomplete
/// flags, permissions and contexts) and answers; every command a reply
/// names exists; an edit to `knowledge/` goes live by itself.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn shipped_setup_registers_every_command_and_reloads_edits() {
    let fake = FakeDiscord::start().await;
    let repo = util::RepoCopy::new();
    repo.point_at(&fake.url());
    let bot = util::Bot::start_in(&repo, "fake-token-not-secret", &[]);

    // The shipped config has no guild ids: one global bulk overwrite.
    let reg = fake
        .wait_call(0, |c| {
            c.method == "PUT" && c.path == format!("/api/v10/applications/{APP_ID}/commands")
        })
        .await;
    let declared: Vec<(String, Vec<String>, bool)> = reg
        .body
        .as_array()
        .unwrap()
        .iter()
        .map(|c| {
            let options = c["options"]
                .as_array()
                .map(|o| {
                    o.iter()
                        .map(|o| {
                            format!(
                                "{}:{}:{}",
                                o["name"].as_str().unwrap(),
                                o["required"].as_bool().unwrap_or(false),
                                o["autocomplete"].as_bool().unwrap_or(false)
                            )
                        })
                        .collect()
                })
                .unwrap_or_default();
            let admin = c["default_member_permissions"] == "32";
            if admin {
                assert_eq!(
                    c["contexts"],
                    json!([0]),
                    "admin commands are guild-only: {c}"
                );
            } else {
                assert!(c["default_member_permissions"].is_null(), "{c}");
            }
            (c["name"].as_str().unwrap().to_string(), options, admin)
        })
        .collect();
    let expected: Vec<(String, Vec<String>, bool)> = REGISTERED
        .iter()
        .map(|(n, o, a)| (n.to_string(), o.iter().map(|s| s.to_string()).collect(), *a))
        .collect();
    assert_eq!(declared, expected);

    // Every registered command answers (admins: Manage Server, as shipped).
    let mut id = 1_000;
    for (name, _, admin) in REGISTERED {
        id += 1;
        let n = fake.calls().len();
        let permissions = if admin { 32 } else { 0 };
        let options = sample_options(name);
        fake.dispatch(
            "INTERACTION_CREATE",
            command(id, name, &options, permissions),
        );
        let call = fake
            .wait_call(n, |c| {
                c.path == format!("/api/v10/interactions/{id}/token-{id}/callback")
            })
            .await;
        let body = call.body.to_string();
        assert!(!body.contains("Unknown command"), "/{name}: {body}");
        assert!(!body.contains("Only admins"), "/{name}: {body}");
    }
    // Autocomplete answers for every option that declares it.
    for (name, options, _) in REGISTERED {
        for option in options.iter().filter(|o| o.ends_with(":true")) {
            id += 1;
            let option = option.split(':').next().unwrap();
            let n = fake.calls().len();
            fake.dispatch("INTERACTION_CREATE", autocomplete(id, name, option, "k"));
            let call = fake
                .wait_call(n, |c| {
                    c.path == format!("/api/v10/interactions/{id}/token-{id}/callback")
                })
                .await;
            assert_eq!(call.body["type"], 8, "/{name} {option}");
            assert!(
                !call.body["data"]["choices"].as_array().unwrap().is_empty(),
                "/{name} {option} offers choices for “k”"
            );
        }
    }
    // An unanswerable question points at a command that exists.
    id += 1;
    let n = fake.calls().len();
    fake.dispatch(
        "INTERACTION_CREATE",
        command(id, "ask", &[("question", "zxqv wplk")], 0),
    );
    fake.wait_call(n, |c| c.path.contains(&format!("/interactions/{id}/")))
        .await;
    let mut all = Vec::new();
    for c in fake.calls() {
        texts(&c.body, &mut all);
    }
    let all = all.join("\n");
    assert!(
        all.contains("`/help`"),
        "the I-don't-know reply names /help"
    );
    for name in named_commands(&all) {
        assert!(
            REGISTERED.iter().any(|(n, _, _)| *n == name),
            "a reply names /{name}, which is not registered"
        );
    }

    // Live reload with the shipped relative `dir = "knowledge"`.
    let about = |id: u64| {
        let fake = &fake;
        async move {
            let n = fake.calls().len();
            fake.dispatch("INTERACTION_CREATE", command(id, "about", &[], 0));
            let call = fake
                .wait_call(n, |c| c.path.contains(&format!("/interactions/{id}/")))
                .await;
            call.body["data"]["content"].as_str().unwrap().to_string()
        }
    };
    let before = about(5_000).await;
    repo.edit(
        "knowledge/topics.toml",
        "title = \"Sanctions\"",
        "title = \"US sanctions\"",
    );
    let deadline = Instant::now() + Duration::from_secs(10);
    let mut id = 5_000;
    loop {
        id += 1;
        if about(id).await != before {
            break;
        }
        assert!(
            Instant::now() < deadline,
            "the edit never went live: {}",
            bot.log()
        );
        tokio::time::sleep(Duration::from_millis(200)).await;
    }
    // The swap is logged once (the line may trail the swap by a moment).
    while bot.count("Reloaded:") == 0 && Instant::now() < deadline {
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    assert_eq!(bot.count("Reloaded:"), 1, "{}", bot.log());
}

const ARTICLE_2020: &str = include_str!("../knowledge/sources/iran-denies-2020.txt");

#[test]
fn fixtures_parse_as_serenity_models() {
    use serenity::all::{Interaction, Message, Ready};
    serde_json::from_value::<Ready>(ready_json(1)).expect("READY");
    serde_json::from_value::<Message>(guild_message(1, "hi", true)).expect("MESSAGE_CREATE");
    serde_json::from_value::<Message>(message_json("1", BOT_ID, "bot", "x"))
        .expect("message reply");
    let cmd = serde_json::from_value::<Interaction>(command(1, "ask", &[("question", "q")], 0))
        .expect("command");
    assert!(matches!(cmd, Interaction::Command(_)));
    let click = serde_json::from_value::<Interaction>(button(2, "fact:x")).expect("button");
    assert!(matches!(click, Interaction::Component(_)));
    let ac = serde_json::from_value::<Interaction>(autocomplete(3, "who", "name", "kh"))
        .expect("autocomplete");
    assert!(matches!(ac, Interaction::Autocomplete(_)));
    serde_json::from_value::<Message>(direct_message(4, "hi")).expect("DM");
    serde_json::from_value::<Message>(bot_message(5, "hi")).expect("bot message");
    serde_json::from_value::<Message>(channel_message(6, 7, "hi")).expect("channel message");
}

fn start_bot(fake: &FakeDiscord, knowledge: &std::path::Path) -> util::Bot {
    start_bot_with(fake, knowledge, "", "fake-token-not-secret")
}

fn start_bot_with(
    fake: &FakeDiscord,
    knowledge: &std::path::Path,
    extra: &str,
    token: &str,
) -> util::Bot {
    let discord = format!(
        "admin_user_ids = [1]\nadmin_role_ids = [{ADMIN_ROLE}]\nadmin_log_channel_id = {ADMIN_LOG}\nrate_limit_per_minute = 40\n{extra}"
    );
    util::Bot::start(
        &fake.url(),
        GUILD_ID,
        knowledge,
        "watch = false",
        &discord,
        token,
        &[],
    )
}

fn embed_description(call: &fake_discord::Call) -> String {
    call.body["data"]["embeds"][0]["description"]
        .as_str()
        .unwrap_or_default()
        .to_string()
}

fn assert_no_mentions(body: &Value) {
    let am = body
        .get("allowed_mentions")
        .or_else(|| body["data"].get("allowed_mentions"))
        .expect("allowed_mentions set");
    assert_eq!(am["parse"], json!([]), "{body}");
    assert_eq!(am["users"], json!([]));
    assert_eq!(am["roles"], json!([]));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn bot_registers_answers_and_stays_safe_against_fake_discord() {
    let fake = FakeDiscord::start().await;
    let kb = util::KnowledgeCopy::new();
    let mut bot = start_bot(&fake, &kb.path());

    // Registration: one bulk overwrite in the configured guild.
    let reg = fake
        .wait_call(0, |c| {
            c.method == "PUT"
                && c.path == format!("/api/v10/applications/{APP_ID}/guilds/{GUILD_ID}/commands")
        })
        .await;
    let names: Vec<&str> = reg
        .body
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|c| c["name"].as_str())
        .collect();
    assert_eq!(
        names,
        REGISTERED.map(|(name, _, _)| name),
        "guild registration"
    );

    // /ask: the answer embed, quote verbatim, source present, mentions off.
    let n = fake.calls().len();
    fake.dispatch(
        "INTERACTION_CREATE",
        command(
            10,
            "ask",
            &[("question", "what did khatibzadeh call the us allegations")],
            0,
        ),
    );
    let call = fake
        .wait_call(n, |c| {
            c.path == "/api/v10/interactions/10/token-10/callback"
        })
        .await;
    assert_eq!(call.body["type"], 4);
    let desc = embed_description(&call);
    assert!(
        desc.contains(
            "> Khatibzadeh called the US allegations “fabricated, deceitful, repetition and naïve.”"
        ),
        "{desc}"
    );
    assert!(ARTICLE_2020.contains(
        "Khatibzadeh called the US allegations “fabricated, deceitful, repetition and naïve.”"
    ));
    // The quote is the main text; the speaker with role and date is the
    // author line; where it stands is a field; the score is a *match*.
    let embed = &call.body["data"]["embeds"][0];
    assert!(desc.starts_with("> "), "{desc}");
    assert!(
        embed["title"].is_null(),
        "no paraphrase above the quote: {embed}"
    );
    assert_eq!(
        embed["author"]["name"],
        "Saeed Khatibzadeh, Spokesman of Iran's Foreign Ministry (said, 22 October 2020)"
    );
    assert!(embed["color"].as_u64().is_some(), "coloured by side");
    let source = &embed["fields"][0];
    assert_eq!(source["name"], "Source");
    assert!(
        source["value"].as_str().unwrap().contains("paragraph 3"),
        "{source}"
    );
    let footer = embed["footer"]["text"].as_str().unwrap();
    assert!(
        footer.contains("question match") && footer.contains("not how true it is"),
        "{footer}"
    );
    assert!(footer.contains("khatibzadeh-fabricated"), "{footer}");
    assert!(!footer.contains("confidence"), "{footer}");
    // The other side, under the heading of its relation.
    let headings: Vec<&str> = embed["fields"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|f| f["name"].as_str())
        .collect();
    assert!(headings.contains(&"Disputes"), "{headings:?}");
    assert!(
        !headings.iter().any(|h| h.contains("other side")),
        "{headings:?}"
    );
    // "Show in context" shows the paragraph, to the clicker only.
    let context = call.body["data"]["components"][0]["components"][0].clone();
    assert_eq!(context["label"], "Show in context");
    let n2 = fake.calls().len();
    fake.dispatch(
        "INTERACTION_CREATE",
        button(19, context["custom_id"].as_str().unwrap()),
    );
    let shown = fake
        .wait_call(n2, |c| {
            c.path == "/api/v10/interactions/19/token-19/callback"
        })
        .await;
    assert_eq!(shown.body["data"]["flags"], 64, "ephemeral");
    assert!(
        shown.body["data"]["embeds"][0]["description"]
            .as_str()
            .unwrap()
            .starts_with("¶3 "),
        "{}",
        shown.body
    );
    assert_no_mentions(&call.body);

    // Unanswerable: ephemeral "I don't know" with suggestion buttons…
    let n = fake.calls().len();
    fake.dispatch(
        "INTERACTION_CREATE",
        command(11, "ask", &[("question", "what is the capital of iran")], 0),
    );
    let call = fake
        .wait_call(n, |c| {
            c.path == "/api/v10/interactions/11/token-11/callback"
        })
        .await;
    assert_eq!(call.body["data"]["flags"], 64, "ephemeral");
    assert!(
        call.body["data"]["content"]
            .as_str()
            .unwrap()
            .starts_with("I don't know")
    );
    let buttons = call.body["data"]["components"][0]["components"]
        .as_array()
        .unwrap();
    assert!(!buttons.is_empty() && buttons.len() <= 5);
    let custom_id = buttons[0]["custom_id"].as_str().unwrap().to_string();
    // …and a click answers in place of the suggestions (their buttons are
    // gone once one is used), with no match score: the user chose it.
    let n = fake.calls().len();
    fake.dispatch("INTERACTION_CREATE", button(12, &custom_id));
    let call = fake
        .wait_call(n, |c| {
            c.path == "/api/v10/interactions/12/token-12/callback"
        })
        .await;
    assert_eq!(call.body["type"], 7, "updates the suggestion message");
    assert!(embed_description(&call).starts_with("> "), "{}", call.body);
    let footer = call.body["data"]["embeds"][0]["footer"]["text"]
        .as_str()
        .unwrap();
    assert!(!footer.contains("match"), "{footer}");
    let after: Vec<&str> = call.body["data"]["components"][0]["components"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|b| b["label"].as_str())
        .collect();
    assert_eq!(after, ["Show in context"], "the suggestions are gone");

    // A mention with @everyone: answered as a reply, nobody pinged.
    let n = fake.calls().len();
    fake.dispatch(
        "MESSAGE_CREATE",
        guild_message(
            20,
            &format!("<@{BOT_ID}> @everyone did iran deny it?"),
            true,
        ),
    );
    let call = fake
        .wait_call(n, |c| {
            c.method == "POST" && c.path == format!("/api/v10/channels/{CHANNEL_ID}/messages")
        })
        .await;
    assert_no_mentions(&call.body);
    assert_eq!(call.body["allowed_mentions"]["replied_user"], false);

    // A conversation through /ask: a question, then follow-ups resolved
    // against its answer (same channel and user).
    let mut replies = Vec::new();
    for (i, q) in [
        "did iran deny interfering in the election",
        "and what did the us say?",
        "source?",
        "who is he",
        "when was that",
    ]
    .iter()
    .enumerate()
    {
        let id = 40 + i as u64;
        let n = fake.calls().len();
        fake.dispatch(
            "INTERACTION_CREATE",
            command(id, "ask", &[("question", q)], 0),
        );
        let call = fake
            .wait_call(n, |c| {
                c.path == format!("/api/v10/interactions/{id}/token-{id}/callback")
            })
            .await;
        replies.push(call.body["data"].to_string());
    }
    assert!(
        replies[0].contains("Iran has dismissed claims"),
        "{}",
        replies[0]
    );
    for r in &replies[1..] {
        assert!(
            r.contains("About Iran's statement of 22 October 2020"),
            "{r}"
        );
    }
    assert!(replies[1].contains("Disputes"), "{}", replies[1]);
    assert!(
        replies[2].contains("paragraph 2") || replies[2].contains("¶2"),
        "{}",
        replies[2]
    );
    assert!(replies[4].contains("22 October 2020"), "{}", replies[4]);

    // "hi" through /ask: the introduction, to the asker only.
    let n = fake.calls().len();
    fake.dispatch(
        "INTERACTION_CREATE",
        command(22, "ask", &[("question", "hi")], 0),
    );
    let hi = fake
        .wait_call(n, |c| {
            c.path == "/api/v10/interactions/22/token-22/callback"
        })
        .await;
    assert_eq!(hi.body["data"]["flags"], 64);
    assert!(
        hi.body["data"]["content"]
            .as_str()
            .unwrap()
            .contains("Try asking, for example:"),
        "{}",
        hi.body
    );

    // A mention the bot cannot answer, in a public channel: one short line
    // pointing at /ask, no suggestion buttons for the whole channel.
    let n = fake.calls().len();
    fake.dispatch(
        "MESSAGE_CREATE",
        guild_message(21, &format!("<@{BOT_ID}> how do i bake bread"), true),
    );
    let unsure = fake
        .wait_call(n, |c| {
            c.method == "POST" && c.path == format!("/api/v10/channels/{CHANNEL_ID}/messages")
        })
        .await;
    let content = unsure.body["content"].as_str().unwrap();
    assert!(content.contains("`/ask`"), "{content}");
    assert_eq!(content.lines().count(), 1, "{content}");
    assert!(
        unsure.body["components"]
            .as_array()
            .is_none_or(|c| c.is_empty()),
        "no buttons: {}",
        unsure.body
    );
    assert_eq!(call.body["message_reference"]["message_id"], "20");
    assert!(
        call.body["embeds"][0]["description"]
            .as_str()
            .unwrap()
            .contains("Iran has dismissed claims")
    );

    // A 4,000-character mention is answered like any other, within limits.
    let n = fake.calls().len();
    let long = format!(
        "<@{BOT_ID}> did iran deny it? {}",
        "spam @here ".repeat(360)
    );
    fake.dispatch(
        "MESSAGE_CREATE",
        guild_message(21, &long[..long.len().min(4000)], true),
    );
    let call = fake
        .wait_call(n, |c| c.method == "POST" && c.path.ends_with("/messages"))
        .await;
    assert_no_mentions(&call.body);
    assert!(call.body.to_string().len() < 6000 * 4);
    // The padding after the question is an aside: its everyday words do
    // not count against "did iran deny it?", which is answered.
    assert!(
        call.body.to_string().contains("Iran has dismissed claims"),
        "{}",
        call.body
    );

    // Messages that are not addressed to the bot get nothing.
    let n = fake.calls().len();
    fake.dispatch(
        "MESSAGE_CREATE",
        guild_message(22, "did iran deny it?", false),
    );

    // /reload by a non-admin is refused, ephemerally.
    fake.dispatch("INTERACTION_CREATE", command(13, "reload", &[], 32));
    let call = fake
        .wait_call(n, |c| {
            c.path == "/api/v10/interactions/13/token-13/callback"
        })
        .await;
    assert_eq!(call.body["data"]["flags"], 64);
    assert!(
        call.body["data"]["content"]
            .as_str()
            .unwrap()
            .contains("Only admins")
    );
    assert!(
        !fake
            .calls()
            .iter()
            .skip(n)
            .any(|c| c.path.ends_with("/messages")),
        "answered a message not addressed to it"
    );

    // /reload as admin with a broken fact file: deferred, then refused with
    // the problem located, logged to the admin channel; the old base answers.
    kb.edit(
        "facts/2020-iran-denials.toml",
        "'''Khatibzadeh called the US allegations “fabricated, deceitful",
        "'''Khatibzadeh called the US allegations \"fabricated, deceitful",
    );
    let n = fake.calls().len();
    fake.dispatch(
        "INTERACTION_CREATE",
        with_role(command(15, "reload", &[], 0), ADMIN_ROLE),
    );
    let call = fake
        .wait_call(n, |c| {
            c.path == "/api/v10/interactions/15/token-15/callback"
        })
        .await;
    assert_eq!(call.body["type"], 5, "deferred");
    assert_eq!(call.body["data"]["flags"], 64, "ephemeral");
    let original = format!("/api/v10/webhooks/{APP_ID}/token-15/messages/@original");
    let call = fake
        .wait_call(n, |c| c.method == "PATCH" && c.path == original)
        .await;
    assert_no_mentions(&call.body);
    let text = call.body["content"].as_str().unwrap().to_string();
    assert!(
        text.contains("Reload refused: 1 problem(s). Still serving the last good knowledge base."),
        "{text}"
    );
    assert!(text.contains("facts/2020-iran-denials.toml:"), "{text}");
    let log = fake
        .wait_call(n, |c| {
            c.path == format!("/api/v10/channels/{ADMIN_LOG}/messages")
        })
        .await;
    assert_no_mentions(&log.body);
    let n = fake.calls().len();
    fake.dispatch(
        "INTERACTION_CREATE",
        command(
            16,
            "ask",
            &[("question", "what did khatibzadeh call the us allegations")],
            0,
        ),
    );
    let call = fake
        .wait_call(n, |c| {
            c.path == "/api/v10/interactions/16/token-16/callback"
        })
        .await;
    assert!(
        embed_description(&call).contains("“fabricated, deceitful"),
        "old base still answers"
    );
    // Fixed: the reload swaps the new base in.
    kb.edit(
        "facts/2020-iran-denials.toml",
        "'''Khatibzadeh called the US allegations \"fabricated, deceitful",
        "'''Khatibzadeh called the US allegations “fabricated, deceitful",
    );
    kb.edit(
        "topics.toml",
        "title = \"Sanctions\"",
        "title = \"US sanctions\"",
    );
    let n = fake.calls().len();
    fake.dispatch(
        "INTERACTION_CREATE",
        with_role(command(17, "reload", &[], 0), ADMIN_ROLE),
    );
    let call = fake
        .wait_call(n, |c| {
            c.method == "PATCH" && c.path.contains("/token-17/messages/@original")
        })
        .await;
    assert!(
        call.body["content"]
            .as_str()
            .unwrap()
            .starts_with(&format!("Reloaded: {}", util::shipped_counts())),
        "{}",
        call.body
    );

    // /status for admins: version, counts, unanswered questions.
    let n = fake.calls().len();
    fake.dispatch(
        "INTERACTION_CREATE",
        with_role(command(18, "status", &[], 0), ADMIN_ROLE),
    );
    let call = fake
        .wait_call(n, |c| {
            c.path == "/api/v10/interactions/18/token-18/callback"
        })
        .await;
    let text = call.body["data"]["content"].as_str().unwrap();
    assert!(
        text.starts_with("Knowledge version ") && text.contains(&util::shipped_counts()),
        "{text}"
    );
    // "capital of iran" and "how do i bake bread" (the 4,000-character
    // mention is answered).
    assert!(
        text.contains("Unanswered questions since start: 2"),
        "{text}"
    );

    assert!(text.contains("Most asked without an answer"), "{text}");
    assert!(text.contains("what is the capital of iran"), "{text}");
    // The gaps log says what and where, never who.
    let log = std::fs::read_to_string(bot.dir.path().join("data/gaps.jsonl")).unwrap();
    assert!(
        log.contains("\"question\":\"what is the capital of iran\""),
        "{log}"
    );
    assert!(log.contains(&format!("\"guild_id\":{GUILD_ID}")), "{log}");
    assert!(
        !log.contains(&USER_ID.to_string()) && !log.contains("asker"),
        "no user data: {log}"
    );

    // /timeline: autocomplete for actor, tolerant of typos, at most 25 choices.
    let n = fake.calls().len();
    fake.dispatch(
        "INTERACTION_CREATE",
        autocomplete(30, "timeline", "actor", "khatibzade"),
    );
    let call = fake
        .wait_call(n, |c| {
            c.path == "/api/v10/interactions/30/token-30/callback"
        })
        .await;
    assert_eq!(call.body["type"], 8);
    let choices = call.body["data"]["choices"].as_array().unwrap();
    assert!(!choices.is_empty() && choices.len() <= 25);
    assert_eq!(choices[0]["value"], "khatibzadeh");
    // The whole timeline: page 1 with Previous disabled and Next enabled…
    let n = fake.calls().len();
    fake.dispatch("INTERACTION_CREATE", command(31, "timeline", &[], 0));
    let call = fake
        .wait_call(n, |c| {
            c.path == "/api/v10/interactions/31/token-31/callback"
        })
        .await;
    let embed = &call.body["data"]["embeds"][0];
    assert_eq!(embed["fields"][0]["name"], "2015");
    assert!(
        embed["footer"]["text"]
            .as_str()
            .unwrap()
            .starts_with("page 1 of ")
    );
    assert_no_mentions(&call.body);
    let buttons = call.body["data"]["components"][0]["components"]
        .as_array()
        .unwrap();
    assert_eq!(buttons[0]["disabled"], true);
    let next = buttons[1]["custom_id"].as_str().unwrap().to_string();
    // …and Next edits it to page 2.
    let n = fake.calls().len();
    fake.dispatch("INTERACTION_CREATE", button(32, &next));
    let call = fake
        .wait_call(n, |c| {
            c.path == "/api/v10/interactions/32/token-32/callback"
        })
        .await;
    assert_eq!(call.body["type"], 7, "update message");
    assert!(
        call.body["data"]["embeds"][0]["footer"]["text"]
            .as_str()
            .unwrap()
            .starts_with("page 2 of ")
    );
    // Filters that match one event.
    let n = fake.calls().len();
    fake.dispatch(
        "INTERACTION_CREATE",
        command(
            33,
            "timeline",
            &[("actor", "khatibzadeh"), ("from", "2021")],
            0,
        ),
    );
    let call = fake
        .wait_call(n, |c| {
            c.path == "/api/v10/interactions/33/token-33/callback"
        })
        .await;
    let fields = call.body["data"]["embeds"][0]["fields"].as_array().unwrap();
    assert_eq!(fields.len(), 1);
    assert!(
        fields[0]["value"]
            .as_str()
            .unwrap()
            .contains("not legitimate")
    );

    // /who and /source.
    let n = fake.calls().len();
    fake.dispatch(
        "INTERACTION_CREATE",
        command(34, "who", &[("name", "miryousfi")], 0),
    );
    let call = fake
        .wait_call(n, |c| {
            c.path == "/api/v10/interactions/34/token-34/callback"
        })
        .await;
    assert_eq!(
        call.body["data"]["embeds"][0]["title"],
        "Alireza Miryousefi"
    );
    let n = fake.calls().len();
    fake.dispatch(
        "INTERACTION_CREATE",
        command(35, "source", &[("fact", "iran-hacking-history")], 0),
    );
    let call = fake
        .wait_call(n, |c| {
            c.path == "/api/v10/interactions/35/token-35/callback"
        })
        .await;
    let desc = call.body["data"]["embeds"][0]["description"]
        .as_str()
        .unwrap();
    assert!(
        desc.starts_with("¶8 **Iran has been previously implicated"),
        "{desc}"
    );

    // RECONNECT mid-session: the client resumes and keeps answering.
    let identifies = fake.identifies();
    fake.reconnect();
    tokio::time::sleep(Duration::from_millis(500)).await;
    let n = fake.calls().len();
    fake.dispatch(
        "INTERACTION_CREATE",
        command(14, "ask", &[("question", "when are the vienna talks")], 0),
    );
    let call = fake
        .wait_call(n, |c| {
            c.path == "/api/v10/interactions/14/token-14/callback"
        })
        .await;
    assert!(embed_description(&call).contains("Vienna on Nov. 29"));
    assert_eq!(fake.resumes(), 1, "RECONNECT is answered with RESUME");
    assert_eq!(fake.identifies(), identifies, "…not a fresh IDENTIFY");
    let start = Instant::now();
    while fake.heartbeats() < 2 && start.elapsed() < Duration::from_secs(10) {
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    assert!(
        fake.heartbeats() >= 2,
        "heartbeats are sent, acknowledged, and keep coming"
    );

    // Rate limit: another user past 40 a minute gets a polite, ephemeral notice.
    let n = fake.calls().len();
    for i in 0..41u64 {
        fake.dispatch(
            "INTERACTION_CREATE",
            from_user(command(100 + i, "about", &[], 0), 42),
        );
    }
    // Events are handled concurrently: whichever request comes 41st is refused.
    let mut replies = Vec::new();
    for _ in 0..200 {
        replies = fake
            .calls()
            .into_iter()
            .skip(n)
            .filter(|c| {
                c.path.starts_with("/api/v10/interactions/1") && c.path.ends_with("/callback")
            })
            .collect::<Vec<_>>();
        if replies.len() == 41 {
            break;
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    assert_eq!(replies.len(), 41, "every request gets exactly one reply");
    let refused: Vec<_> = replies
        .iter()
        .filter(|c| {
            c.body["data"]["content"]
                .as_str()
                .unwrap_or_default()
                .contains("faster than I can keep up")
        })
        .collect();
    assert_eq!(refused.len(), 1, "one request over the limit");
    assert_eq!(
        refused[0].body["data"]["flags"], 64,
        "the notice is ephemeral"
    );

    // SIGTERM: the gateway closes and the process exits cleanly, promptly.
    bot.sigterm();
    let status = bot.wait_exit(Duration::from_secs(10)).await;
    assert!(status.success(), "{status:?}");
}

#[test]
fn serve_without_token_fails_with_one_clear_line() {
    let out = util::bin()
        .args(["serve"])
        .env_remove("DISCORD_TOKEN")
        .output()
        .unwrap();
    assert!(!out.status.success());
    let err = util::stderr(&out);
    assert_eq!(err.trim().lines().count(), 1, "{err}");
    assert!(
        err.contains("set the environment variable DISCORD_TOKEN"),
        "{err}"
    );
}

const ANSWER_CHANNEL: u64 = 700_000_000_000_000_050;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn bot_answers_dms_and_answer_channels_ignores_bots_and_survives_errors() {
    let fake = FakeDiscord::start().await;
    let kb = util::KnowledgeCopy::new();
    let _bot = start_bot_with(
        &fake,
        &kb.path(),
        &format!("answer_channel_ids = [{ANSWER_CHANNEL}]\n"),
        "fake-token",
    );
    fake.wait_call(0, |c| c.method == "PUT" && c.path.ends_with("/commands"))
        .await;

    // A DM is a question.
    let n = fake.calls().len();
    fake.dispatch(
        "MESSAGE_CREATE",
        direct_message(40, "who did the hackers pretend to be"),
    );
    let call = fake
        .wait_call(n, |c| {
            c.path == "/api/v10/channels/700000000000000009/messages"
        })
        .await;
    assert!(
        call.body["embeds"][0]["description"]
            .as_str()
            .unwrap()
            .contains("Proud Boys")
    );
    assert_no_mentions(&call.body);

    // Other bots are ignored, even when they mention us.
    let n = fake.calls().len();
    fake.dispatch(
        "MESSAGE_CREATE",
        bot_message(41, &format!("<@{BOT_ID}> did iran deny it?")),
    );
    // In an answer channel: silence when unsure…
    fake.dispatch(
        "MESSAGE_CREATE",
        channel_message(42, ANSWER_CHANNEL, "anyone up for pizza tonight?"),
    );
    // …an answer when confident.
    fake.dispatch(
        "MESSAGE_CREATE",
        channel_message(43, ANSWER_CHANNEL, "when are the vienna talks"),
    );
    let call = fake
        .wait_call(n, |c| {
            c.path == format!("/api/v10/channels/{ANSWER_CHANNEL}/messages")
        })
        .await;
    assert_eq!(call.body["message_reference"]["message_id"], "43");
    tokio::time::sleep(Duration::from_millis(300)).await;
    let posts: Vec<_> = fake
        .calls()
        .into_iter()
        .skip(n)
        .filter(|c| c.method == "POST")
        .collect();
    assert_eq!(
        posts.len(),
        1,
        "only the confident answer-channel question is answered: {posts:#?}"
    );

    // Discord failing a reply (500) is logged, not fatal: the next one works.
    fake.fail_next("/api/v10/interactions/50/", 500);
    let n = fake.calls().len();
    fake.dispatch(
        "INTERACTION_CREATE",
        command(50, "ask", &[("question", "did iran deny it?")], 0),
    );
    fake.wait_call(n, |c| {
        c.path == "/api/v10/interactions/50/token-50/callback"
    })
    .await;
    assert_eq!(
        fake.pending_failures(),
        0,
        "the bot's reply met the injected 500"
    );
    fake.dispatch(
        "INTERACTION_CREATE",
        command(51, "ask", &[("question", "did iran deny it?")], 0),
    );
    let call = fake
        .wait_call(n, |c| {
            c.path == "/api/v10/interactions/51/token-51/callback"
        })
        .await;
    assert!(embed_description(&call).contains("Iran has dismissed claims"));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn rejected_token_exits_with_one_clear_line() {
    let fake = FakeDiscord::start().await;
    let kb = util::KnowledgeCopy::new();
    let dir = tempfile::tempdir().unwrap();
    let cfg = dir.path().join("config.toml");
    std::fs::write(
        &cfg,
        format!(
            "[knowledge]\ndir = {:?}\n[discord]\napi_proxy = \"{}\"\n",
            kb.path().display().to_string(),
            fake.url()
        ),
    )
    .unwrap();
    let out = tokio::task::spawn_blocking(move || {
        util::bin()
            .args(["--config", cfg.to_str().unwrap(), "serve"])
            .env("DISCORD_TOKEN", "rejected-token")
            .output()
            .unwrap()
    })
    .await
    .unwrap();
    assert!(!out.status.success());
    let err = util::stderr(&out);
    assert_eq!(err.trim().lines().count(), 1, "{err}");
    assert!(
        err.contains("Discord rejected the bot token in DISCORD_TOKEN"),
        "{err}"
    );
    assert!(
        !err.contains("rejected-token"),
        "the token itself is never printed: {err}"
    );
}

/// Resident memory of `serve`, idle after start-up on the shipped base, as
/// `/proc/<pid>/status` reports it. A measurement for BENCHMARKS.md, run with
/// `cargo test --release --test discord -- --ignored --nocapture serve_idle_memory`.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
#[ignore = "measurement: run on demand in release mode"]
async fn serve_idle_memory() {
    let fake = FakeDiscord::start().await;
    let kb = util::KnowledgeCopy::new();
    let bot = start_bot(&fake, &kb.path());
    fake.wait_call(0, |c| c.method == "PUT" && c.path.ends_with("/commands"))
        .await;
    let n = fake.calls().len();
    fake.dispatch(
        "INTERACTION_CREATE",
        command(1, "ask", &[("question", "did iran deny it?")], 0),
    );
    fake.wait_call(n, |c| c.path.contains("/interactions/1/"))
        .await;
    tokio::time::sleep(Duration::from_secs(2)).await;
    let status = std::fs::read_to_string(format!("/proc/{}/status", bot.child.id())).unwrap();
    let field = |name: &str| {
        status
            .lines()
            .find(|l| l.starts_with(name))
            .and_then(|l| l.split_whitespace().nth(1))
            .and_then(|v| v.parse::<u64>().ok())
            .unwrap()
    };
    let (rss, hwm) = (bot.rss_kb(), field("VmHWM:"));
    println!(
        "serve idle: VmRSS {} kB ({:.1} MB), peak VmHWM {} kB",
        rss,
        rss as f64 / 1024.0,
        hwm
    );
    assert!(
        rss <= 40 * 1024,
        "idle resident memory {rss} kB is over the 40 MB target"
    );
}
