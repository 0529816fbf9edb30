//! Gateway and REST faults against the real `serve` binary: after each, the
//! bot reconnects and answers the next event. A 4004 close (authentication
//! failed) ends it with one clear line; REST failures are logged, never fatal.
//! The token never appears in any log line, even at trace level.

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod fake_discord;
mod util;

use std::time::{Duration, Instant};

use fake_discord::*;
use serde_json::json;

const TOKEN: &str = "fake-token-SECRET-5f2c9a";

fn start(fake: &FakeDiscord, token: &str, log_level: &str) -> util::Bot {
    let kb = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("knowledge");
    util::Bot::start(
        &fake.url(),
        GUILD_ID,
        &kb,
        "watch = false",
        "rate_limit_per_minute = 0",
        token,
        &[("RUST_LOG", log_level)],
    )
}

/// Asks, and waits (patiently: reconnecting can take a few seconds) for the answer.
async fn answers(fake: &FakeDiscord, id: u64) {
    let path = format!("/api/v10/interactions/{id}/token-{id}/callback");
    let start = Instant::now();
    // Events sent while the bot is between connections are lost, as with
    // Discord; keep asking until one lands.
    loop {
        let n = fake.calls().len();
        fake.dispatch(
            "INTERACTION_CREATE",
            command(id, "ask", &[("question", "did iran deny it?")], 0),
        );
        for _ in 0..20 {
            if fake.calls().iter().skip(n).any(|c| c.path == path) {
                return;
            }
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
        assert!(
            start.elapsed() < Duration::from_secs(30),
            "no answer to {id} after the fault"
        );
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn gateway_faults_are_survived_and_the_token_never_logged() {
    let fake = FakeDiscord::start().await;
    let bot = start(&fake, TOKEN, "trace");
    fake.wait_call(0, |c| c.method == "PUT" && c.path.ends_with("/commands"))
        .await;
    answers(&fake, 1).await;

    let mut id = 10;
    let mut next = || {
        id += 1;
        id
    };
    // Abrupt TCP close without a close frame.
    fake.drop_connections();
    answers(&fake, next()).await;
    // Close codes the client recovers from.
    for code in [1000, 1001, 4000, 4009] {
        fake.close_with(code);
        answers(&fake, next()).await;
    }
    // INVALID_SESSION, resumable and not.
    for resumable in [true, false] {
        fake.send_raw(json!({ "op": 9, "d": resumable }));
        answers(&fake, next()).await;
    }
    // Ten RECONNECTs in a row.
    for _ in 0..10 {
        fake.reconnect();
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    answers(&fake, next()).await;
    // A late HELLO on the next connection.
    fake.set_faults(|f| f.hello_delay_ms = 3_000);
    fake.close_with(4000);
    answers(&fake, next()).await;
    fake.set_faults(|f| f.hello_delay_ms = 0);
    // Missing heartbeat ACKs: the client gives up on the connection and reconnects.
    let identifies = fake.identifies() + fake.resumes();
    fake.set_faults(|f| f.mute_acks = true);
    let start = Instant::now();
    while fake.identifies() + fake.resumes() == identifies
        && start.elapsed() < Duration::from_secs(15)
    {
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    fake.set_faults(|f| f.mute_acks = false);
    assert!(
        fake.identifies() + fake.resumes() > identifies,
        "reconnected after missing ACKs"
    );
    answers(&fake, next()).await;

    // REST: 500, 429 with retry_after, and a slow reply; all survived.
    fake.fail_next("/api/v10/interactions/", 500);
    answers(&fake, next()).await;
    assert_eq!(fake.pending_failures(), 0, "the injected 500 was served");
    fake.fail_next("/api/v10/interactions/", 429);
    answers(&fake, next()).await;
    assert_eq!(fake.pending_failures(), 0, "the injected 429 was served");
    fake.set_faults(|f| f.slow_rest = Some(("/api/v10/interactions/".into(), 3_000)));
    answers(&fake, next()).await;
    fake.set_faults(|f| f.slow_rest = None);
    answers(&fake, next()).await;

    // Never the token, at any level.
    let log = bot.log();
    assert!(log.contains("TRACE"), "trace logging was on");
    assert!(
        !log.contains("SECRET-5f2c9a"),
        "the token appeared in the log"
    );
    assert!(log.lines().count() > 100);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn gateway_authentication_failure_exits_non_zero_with_a_clear_error() {
    let fake = FakeDiscord::start().await;
    let mut bot = start(&fake, "gateway-reject-token", "warn,serenity=error");
    let status = bot.wait_exit(Duration::from_secs(20)).await;
    assert!(!status.success());
    let log = bot.log();
    assert!(
        log.contains("Discord rejected the bot token in DISCORD_TOKEN"),
        "{log}"
    );
    let last = log.trim().lines().last().unwrap_or_default();
    assert!(
        last.starts_with("error: Discord rejected the bot token"),
        "our line ends the output: {log}"
    );
}
