//! Load against the real `serve` binary: 5,000 mixed events (/ask, mentions,
//! autocomplete, button clicks) as fast as the fake can send them. Every one
//! gets exactly one response; resident memory returns to within 1.2× of
//! its warm level; SIGTERM mid-load exits cleanly within 5 s.
//! Prints throughput, p50/p99 latency and memory (BENCHMARKS.md).
//! `LOAD_EVENTS` sets the count (default 5,000).

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod fake_discord;
mod util;

use std::collections::HashMap;
use std::time::{Duration, Instant};

use fake_discord::*;

/// Discord's own heartbeat interval. With the fake's default of 1 s, a
/// backlog of events longer than a second (a 5,000-event burst on a busy
/// 2-core machine) delays the heartbeat ACK behind it, and serenity 0.12
/// then restarts the shard with a new session (IDENTIFY, not RESUME):
/// events in flight are lost, at real Discord too. That is what made this
/// test lose answers; at Discord's interval no burst here comes close.
const DISCORD_HEARTBEAT_MS: u64 = 41_250;

fn start(fake: &FakeDiscord) -> util::Bot {
    fake.set_faults(|f| f.heartbeat_ms = DISCORD_HEARTBEAT_MS);
    let kb = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("knowledge");
    util::Bot::start(
        &fake.url(),
        GUILD_ID,
        &kb,
        "watch = false",
        "rate_limit_per_minute = 0",
        "fake-token",
        &[],
    )
}

const QUESTIONS: [&str; 4] = [
    "did iran deny it?",
    "what did khatibzadeh call the us allegations",
    "when are the vienna talks",
    "what is the capital of iran",
];

/// Event `id` of the mix; returns the id its response will carry.
fn send(fake: &FakeDiscord, id: u64) {
    let q = QUESTIONS[(id / 4) as usize % QUESTIONS.len()];
    match id % 4 {
        0 => fake.dispatch(
            "INTERACTION_CREATE",
            command(id, "ask", &[("question", q)], 0),
        ),
        1 => fake.dispatch(
            "INTERACTION_CREATE",
            autocomplete(id, "who", "name", "khat"),
        ),
        2 => fake.dispatch(
            "INTERACTION_CREATE",
            button(id, "fact:khatibzadeh-fabricated"),
        ),
        _ => fake.dispatch(
            "MESSAGE_CREATE",
            guild_message(id, &format!("<@{BOT_ID}> {q}"), true),
        ),
    }
}

/// The event id a response answers, if it answers one.
fn answered_id(c: &fake_discord::Call) -> Option<u64> {
    if let Some(rest) = c.path.strip_prefix("/api/v10/interactions/") {
        return rest.split('/').next()?.parse().ok();
    }
    if c.method == "POST" && c.path.ends_with("/messages") {
        return c.body["message_reference"]["message_id"]
            .as_str()?
            .parse()
            .ok();
    }
    None
}

/// Each event's time from dispatch to its first response, sorted.
fn first_response_latencies(
    got: &HashMap<u64, Vec<Instant>>,
    sent: &HashMap<u64, Instant>,
) -> Vec<Duration> {
    let mut latencies: Vec<Duration> = got
        .iter()
        .map(|(id, v)| v[0].duration_since(sent[id]))
        .collect();
    latencies.sort();
    latencies
}

/// The `p`-th percentile of sorted `latencies`.
fn percentile(latencies: &[Duration], p: usize) -> Duration {
    latencies[(latencies.len() * p / 100).min(latencies.len() - 1)]
}

/// The last `n` lines of `text`.
fn tail(text: &str, n: usize) -> String {
    let lines: Vec<&str> = text.lines().collect();
    lines[lines.len().saturating_sub(n)..].join("\n")
}

fn events() -> u64 {
    std::env::var("LOAD_EVENTS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(5_000)
}

/// Waits until every id in `ids` has a response; returns responses per id.
async fn wait_all(
    fake: &FakeDiscord,
    ids: std::ops::Range<u64>,
    limit: Duration,
) -> HashMap<u64, Vec<Instant>> {
    let start = Instant::now();
    loop {
        let mut got: HashMap<u64, Vec<Instant>> = HashMap::new();
        for c in fake.calls() {
            if let Some(id) = answered_id(&c).filter(|id| ids.contains(id)) {
                got.entry(id).or_default().push(c.at);
            }
        }
        if got.len() as u64 == ids.end - ids.start || start.elapsed() > limit {
            return got;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}

/// The bot hands memory back a few times a second once idle (a busy
/// machine delays that): the level it settles at within 3 s — the lowest
/// seen, or the first at most 1.2× `target` when one is given.
async fn settled_rss(bot: &util::Bot, target: Option<u64>) -> u64 {
    let settle = Instant::now();
    let mut low = bot.rss_kb();
    while settle.elapsed() < Duration::from_secs(3) {
        if target.is_some_and(|t| low as f64 <= t as f64 * 1.2) {
            break;
        }
        tokio::time::sleep(Duration::from_millis(250)).await;
        low = low.min(bot.rss_kb());
    }
    low
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_event_gets_exactly_one_response_under_load() {
    let fake = FakeDiscord::start().await;
    let mut bot = start(&fake);
    fake.wait_call(0, |c| c.method == "PUT" && c.path.ends_with("/commands"))
        .await;

    // Warm-up: one burst the size of the load, so the baseline holds what
    // any burst leaves behind (worker threads, the bounded HTTP pool,
    // allocator arenas). A 500-event warm-up left the baseline short of
    // that by a varying amount, and the check below then failed about one
    // run in six with no leak (the heap returns to its level; massif,
    // RELIABILITY.md). Against this baseline, growth means memory kept per
    // burst: a leak.
    let n = events();
    let warm = 1_000..1_000 + n;
    for id in warm.clone() {
        send(&fake, id);
    }
    let got = wait_all(&fake, warm.clone(), Duration::from_secs(180)).await;
    assert_eq!(got.len() as u64, n, "warm-up answered");
    let rss_warm = settled_rss(&bot, None).await;

    // The load: every event, as fast as the fake can send.
    let ids = 10_000..10_000 + n;
    let mut sent = HashMap::new();
    let t0 = Instant::now();
    for id in ids.clone() {
        sent.insert(id, Instant::now());
        send(&fake, id);
    }
    let got = wait_all(&fake, ids.clone(), Duration::from_secs(180)).await;
    let missing: Vec<u64> = ids
        .clone()
        .filter(|id| !got.contains_key(id))
        .take(10)
        .collect();
    assert!(
        missing.is_empty(),
        "{} of {n} unanswered, e.g. {missing:?}; gateway sessions: {} identified, {} resumed; the bot's log ends:\n{}",
        n - got.len() as u64,
        fake.identifies(),
        fake.resumes(),
        tail(&bot.log(), 40)
    );
    let twice: Vec<u64> = got
        .iter()
        .filter(|(_, v)| v.len() > 1)
        .map(|(id, _)| *id)
        .take(10)
        .collect();
    assert!(twice.is_empty(), "answered twice: {twice:?}");
    let last = got.values().flatten().max().copied().unwrap();
    let elapsed = last.duration_since(t0);
    let latencies = first_response_latencies(&got, &sent);
    let pct = |p: usize| percentile(&latencies, p);
    let rss_after = settled_rss(&bot, Some(rss_warm)).await;
    println!(
        "load: {n} events in {:.2} s = {:.0} events/s; latency p50 {:.1} ms, p99 {:.1} ms; RSS {} kB after warm-up, {} kB after load ({:.2}×)",
        elapsed.as_secs_f64(),
        n as f64 / elapsed.as_secs_f64(),
        pct(50).as_secs_f64() * 1e3,
        pct(99).as_secs_f64() * 1e3,
        rss_warm,
        rss_after,
        rss_after as f64 / rss_warm as f64
    );

    // Memory: the heap frees itself after a burst, and `InFlight` hands the
    // pages back to the system, so the process returns near its warm size.
    assert!(
        rss_after as f64 <= rss_warm as f64 * 1.2,
        "memory grew: {rss_warm} kB → {rss_after} kB"
    );

    // SIGTERM in the middle of load: exits cleanly, promptly.
    let ids = 100_000..100_000 + n / 5;
    for id in ids.clone() {
        send(&fake, id);
    }
    bot.sigterm();
    let t = Instant::now();
    let status = bot.wait_exit(Duration::from_secs(5)).await;
    assert!(status.success(), "exit code {status:?}");
    let got = wait_all(&fake, ids, Duration::from_millis(200)).await;
    assert!(
        got.values().all(|v| v.len() == 1),
        "no event answered twice during shutdown"
    );
    println!(
        "SIGTERM under load: exited in {:.2} s with code 0; {} events answered before exit",
        t.elapsed().as_secs_f64(),
        got.len()
    );
}

/// A burst of `/ask` interactions while every REST call to Discord takes
/// 100 ms (a real round trip): Discord drops an interaction whose first
/// response comes after 3 s, so p99 from dispatch to the bot's response
/// must stay under that however long the queue. Printed for RELIABILITY.md.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
#[cfg_attr(
    debug_assertions,
    ignore = "times the bot: run `cargo test --release --test load` (RELIABILITY.md)"
)]
async fn interaction_burst_gets_first_responses_within_three_seconds() {
    let fake = FakeDiscord::start().await;
    let _bot = start(&fake);
    fake.wait_call(0, |c| c.method == "PUT" && c.path.ends_with("/commands"))
        .await;
    fake.set_faults(|f| f.slow_rest = Some(("/api/v10/interactions/".into(), 100)));
    let n = events();
    let ids = 10_000..10_000 + n;
    let mut sent = HashMap::new();
    for id in ids.clone() {
        sent.insert(id, Instant::now());
        let q = QUESTIONS[id as usize % QUESTIONS.len()];
        fake.dispatch(
            "INTERACTION_CREATE",
            command(id, "ask", &[("question", q)], 0),
        );
    }
    let got = wait_all(&fake, ids.clone(), Duration::from_secs(120)).await;
    assert_eq!(got.len() as u64, n, "every interaction answered");
    let latencies = first_response_latencies(&got, &sent);
    let pct = |p: usize| percentile(&latencies, p);
    println!(
        "interaction burst with 100 ms REST: {n} interactions; first response p50 {:.0} ms, p99 {:.0} ms, max {:.0} ms",
        pct(50).as_secs_f64() * 1e3,
        pct(99).as_secs_f64() * 1e3,
        latencies[latencies.len() - 1].as_secs_f64() * 1e3
    );
    assert!(
        pct(99) < Duration::from_secs(3),
        "p99 first response {:?} is past Discord's 3 s",
        pct(99)
    );
}
