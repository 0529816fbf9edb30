//! A fake Discord on 127.0.0.1 for end-to-end tests: the REST routes the bot
//! calls and a gateway WebSocket speaking the real protocol (HELLO,
//! IDENTIFY → READY, heartbeat ACKs, RESUME → replay → RESUMED, dispatches),
//! so the real serenity client can be pointed at it through `api_proxy`.
//!
//! Dispatches are kept in one log, numbered as Discord numbers them (`s`):
//! a client that resumes is sent every dispatch after the last one it saw,
//! as real Discord does, so a reconnect under load loses nothing.

#![allow(dead_code, clippy::unwrap_used, clippy::expect_used)]

use std::sync::{Arc, Mutex};
use std::time::Duration;

use axum::extract::ws::{Message as Ws, WebSocket, WebSocketUpgrade};
use axum::extract::{Request, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::{Json, Router};
use serde_json::{Value, json};
use tokio::sync::{broadcast, watch};

pub const APP_ID: u64 = 900_000_000_000_000_001;
pub const BOT_ID: u64 = 900_000_000_000_000_002;
pub const GUILD_ID: u64 = 700_000_000_000_000_001;
pub const CHANNEL_ID: u64 = 700_000_000_000_000_002;
pub const USER_ID: u64 = 700_000_000_000_000_003;

/// One REST call the bot made.
#[derive(Debug, Clone)]
pub struct Call {
    pub method: String,
    pub path: String,
    pub body: Value,
    /// When the fake received it.
    pub at: std::time::Instant,
}

#[derive(Clone)]
struct Shared {
    calls: Arc<Mutex<Vec<Call>>>,
    /// (path prefix, status): the next call matching fails with that status.
    failures: Arc<Mutex<Vec<(String, u16)>>>,
    /// Control messages for every connected session (RECONNECT, raw
    /// payloads, closes, drops).
    events: broadcast::Sender<Value>,
    /// Every dispatch ever sent, in order; its length is published on `sent`.
    log: Arc<Mutex<Vec<Value>>>,
    sent: watch::Sender<usize>,
    /// Index in `log` of the first dispatch of the current gateway session
    /// (set at IDENTIFY): dispatch `i` carries `s = i - base + 2` (READY is 1).
    session_base: Arc<Mutex<usize>>,
    port: u16,
    identifies: Arc<Mutex<u32>>,
    resumes: Arc<Mutex<u32>>,
    heartbeats: Arc<Mutex<u32>>,
    /// Faults to act out: see `FakeDiscord::{close_with, drop_connections, …}`.
    faults: Arc<Mutex<Faults>>,
}

/// Misbehaviour the fake is asked to act out.
#[derive(Debug, Default, Clone)]
pub struct Faults {
    /// Delay before HELLO on new connections.
    pub hello_delay_ms: u64,
    /// Stop acknowledging heartbeats.
    pub mute_acks: bool,
    /// Delay before answering REST calls whose path starts with the prefix.
    pub slow_rest: Option<(String, u64)>,
    /// Heartbeat interval announced in HELLO, in ms; 0 means the default,
    /// 1 s, so every test exercises heartbeats. Real Discord says ~41 s.
    pub heartbeat_ms: u64,
}

/// A running fake Discord.
pub struct FakeDiscord {
    pub port: u16,
    shared: Shared,
}

impl FakeDiscord {
    pub async fn start() -> Self {
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let port = listener.local_addr().unwrap().port();
        // Large enough for a load test's burst without lagging a session.
        let (events, _) = broadcast::channel(16_384);
        let shared = Shared {
            calls: Arc::default(),
            failures: Arc::default(),
            events,
            log: Arc::default(),
            sent: watch::channel(0).0,
            session_base: Arc::default(),
            port,
            identifies: Arc::default(),
            resumes: Arc::default(),
            heartbeats: Arc::default(),
            faults: Arc::default(),
        };
        let app = Router::new()
            .route("/", get(gateway))
            .fallback(rest)
            .with_state(shared.clone());
        tokio::spawn(async move {
            axum::serve(listener, app).await.unwrap();
        });
        FakeDiscord { port, shared }
    }

    pub fn url(&self) -> String {
        format!("http://127.0.0.1:{}", self.port)
    }

    /// Sends a dispatch (`t`, `d`) to the gateway session (and replays it
    /// to a client that resumes without having seen it).
    pub fn dispatch(&self, t: &str, d: Value) {
        let mut log = self.shared.log.lock().unwrap();
        log.push(json!({ "t": t, "d": d }));
        self.shared.sent.send_replace(log.len());
    }

    /// Asks every session to reconnect (op 7).
    pub fn reconnect(&self) {
        let _ = self.shared.events.send(json!({ "op": 7 }));
    }

    /// Sends a raw gateway payload (e.g. INVALID_SESSION) to every session.
    pub fn send_raw(&self, payload: Value) {
        let _ = self.shared.events.send(payload);
    }

    /// Closes every session with a close frame carrying `code`.
    pub fn close_with(&self, code: u16) {
        let _ = self
            .shared
            .events
            .send(json!({ "ctl": "close", "code": code }));
    }

    /// Drops every session's TCP connection without a close frame.
    pub fn drop_connections(&self) {
        let _ = self.shared.events.send(json!({ "ctl": "drop" }));
    }

    /// Changes the faults acted out from now on.
    pub fn set_faults(&self, f: impl FnOnce(&mut Faults)) {
        f(&mut self.shared.faults.lock().unwrap());
    }

    /// Makes the next REST call whose path starts with `prefix` fail with `status`.
    pub fn fail_next(&self, prefix: &str, status: u16) {
        self.shared
            .failures
            .lock()
            .unwrap()
            .push((prefix.to_string(), status));
    }

    /// Injected failures not yet served.
    pub fn pending_failures(&self) -> usize {
        self.shared.failures.lock().unwrap().len()
    }

    pub fn calls(&self) -> Vec<Call> {
        self.shared.calls.lock().unwrap().clone()
    }

    pub fn identifies(&self) -> u32 {
        *self.shared.identifies.lock().unwrap()
    }

    pub fn resumes(&self) -> u32 {
        *self.shared.resumes.lock().unwrap()
    }

    pub fn heartbeats(&self) -> u32 {
        *self.shared.heartbeats.lock().unwrap()
    }

    /// Waits (up to 20 s) for a call matching `pred` made after `skip` calls.
    pub async fn wait_call(&self, skip: usize, pred: impl Fn(&Call) -> bool) -> Call {
        for _ in 0..400 {
            if let Some(c) = self.calls().into_iter().skip(skip).find(|c| pred(c)) {
                return c;
            }
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
        panic!("no matching call; calls so far: {:#?}", self.calls());
    }
}

async fn rest(State(s): State<Shared>, req: Request) -> Response {
    let method = req.method().to_string();
    let path = req.uri().path().to_string();
    let auth = req
        .headers()
        .get("authorization")
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default()
        .to_string();
    let bytes = axum::body::to_bytes(req.into_body(), 1 << 20)
        .await
        .unwrap_or_default();
    let body: Value = serde_json::from_slice(&bytes).unwrap_or(Value::Null);
    s.calls.lock().unwrap().push(Call {
        method: method.clone(),
        path: path.clone(),
        body: body.clone(),
        at: std::time::Instant::now(),
    });
    let slow = s.faults.lock().unwrap().slow_rest.clone();
    if let Some((prefix, ms)) = slow
        && path.starts_with(&prefix)
    {
        tokio::time::sleep(std::time::Duration::from_millis(ms)).await;
    }
    if auth.contains("rejected-token") {
        let body = Json(json!({ "message": "401: Unauthorized", "code": 0 }));
        return (StatusCode::UNAUTHORIZED, body).into_response();
    }
    let failure = {
        let mut failures = s.failures.lock().unwrap();
        let hit = failures
            .iter()
            .position(|(prefix, _)| path.starts_with(prefix.as_str()));
        hit.map(|i| failures.remove(i).1)
    };
    if let Some(status) = failure {
        let status = StatusCode::from_u16(status).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
        let body = Json(
            json!({ "message": "injected failure", "code": 0, "retry_after": 0.5, "global": false }),
        );
        return (status, body).into_response();
    }
    let ws = format!("ws://127.0.0.1:{}", s.port);
    match (method.as_str(), path.as_str()) {
        ("GET", "/api/v10/gateway") => Json(json!({ "url": ws })).into_response(),
        ("GET", "/api/v10/gateway/bot") => Json(json!({
            "url": ws, "shards": 1,
            "session_start_limit": { "total": 1000, "remaining": 999, "reset_after": 0, "max_concurrency": 1 }
        }))
        .into_response(),
        ("PUT", p) if p.ends_with("/commands") => Json(json!([])).into_response(),
        ("POST", p) if p.starts_with("/api/v10/interactions/") => StatusCode::NO_CONTENT.into_response(),
        ("PATCH", p) if p.starts_with("/api/v10/webhooks/") => {
            let content = body.get("content").and_then(Value::as_str).unwrap_or("");
            Json(message_json(&CHANNEL_ID.to_string(), BOT_ID, "bot", content)).into_response()
        }
        ("POST", p) if p.starts_with("/api/v10/channels/") && p.ends_with("/messages") => {
            let channel = p.split('/').nth(4).unwrap_or("1").to_string();
            Json(message_json(&channel, BOT_ID, "bot", body.get("content").and_then(Value::as_str).unwrap_or(""))).into_response()
        }
        _ => (StatusCode::NOT_FOUND, Json(json!({ "message": "404: Not Found", "code": 0 }))).into_response(),
    }
}

async fn gateway(State(s): State<Shared>, ws: WebSocketUpgrade) -> Response {
    ws.on_upgrade(move |socket| session(socket, s))
}

/// One gateway connection, in its own task (serenity opens the new socket
/// before closing the old one on RECONNECT).
async fn session(mut socket: WebSocket, s: Shared) {
    let mut control = s.events.subscribe();
    let mut sent = s.sent.subscribe();
    // Next index of `log` to send; `None` until IDENTIFY or RESUME.
    let mut cursor: Option<usize> = None;
    let hello_delay = s.faults.lock().unwrap().hello_delay_ms;
    if hello_delay > 0 {
        tokio::time::sleep(std::time::Duration::from_millis(hello_delay)).await;
    }
    // A short interval by default so every test exercises heartbeats and
    // their ACKs; load tests ask for Discord's own.
    let interval = match s.faults.lock().unwrap().heartbeat_ms {
        0 => 1000,
        ms => ms,
    };
    let hello = json!({ "op": 10, "d": { "heartbeat_interval": interval } });
    if socket
        .send(Ws::Text(hello.to_string().into()))
        .await
        .is_err()
    {
        return;
    }
    loop {
        // Send every dispatch not yet sent on this connection.
        if let Some(next) = cursor.as_mut() {
            let base = *s.session_base.lock().unwrap();
            let pending: Vec<Value> = s.log.lock().unwrap()[*next..].to_vec();
            for event in pending {
                let seq = *next - base + 2;
                *next += 1;
                let out = json!({ "op": 0, "s": seq, "t": event["t"], "d": event["d"] });
                if socket.send(Ws::Text(out.to_string().into())).await.is_err() {
                    return;
                }
            }
        }
        tokio::select! {
            frame = socket.recv() => {
                let Some(Ok(frame)) = frame else { return };
                let text = match frame {
                    Ws::Text(t) => t.to_string(),
                    Ws::Close(c) => { let _ = socket.send(Ws::Close(c)).await; return; }
                    _ => continue,
                };
                let v: Value = serde_json::from_str(&text).unwrap_or(Value::Null);
                let reply = match v["op"].as_u64() {
                    Some(1) if s.faults.lock().unwrap().mute_acks => None,
                    Some(1) => {
                        *s.heartbeats.lock().unwrap() += 1;
                        Some(json!({ "op": 11 }))
                    }
                    Some(2) if v["d"]["token"].as_str().unwrap_or_default().contains("gateway-reject") => {
                        let frame = axum::extract::ws::CloseFrame { code: 4004, reason: "Authentication failed.".into() };
                        let _ = socket.send(Ws::Close(Some(frame))).await;
                        return;
                    }
                    Some(2) => {
                        *s.identifies.lock().unwrap() += 1;
                        // A new session: it sees dispatches from now on.
                        let base = s.log.lock().unwrap().len();
                        *s.session_base.lock().unwrap() = base;
                        cursor = Some(base);
                        Some(json!({ "op": 0, "s": 1, "t": "READY", "d": ready_json(s.port) }))
                    }
                    Some(6) => {
                        *s.resumes.lock().unwrap() += 1;
                        // Replay every dispatch after the last one the client saw.
                        let base = *s.session_base.lock().unwrap();
                        let seen = v["d"]["seq"].as_u64().unwrap_or(1).max(1) as usize;
                        let next = (base + seen - 1).min(s.log.lock().unwrap().len());
                        cursor = Some(next);
                        Some(json!({ "op": 0, "s": seen, "t": "RESUMED", "d": {} }))
                    }
                    _ => None,
                };
                if let Some(r) = reply
                    && socket.send(Ws::Text(r.to_string().into())).await.is_err()
                {
                    return;
                }
            }
            _ = sent.changed() => {}
            event = control.recv() => {
                let Ok(event) = event else { continue };
                match event["ctl"].as_str() {
                    Some("close") => {
                        let code = event["code"].as_u64().unwrap_or(1000) as u16;
                        let frame = axum::extract::ws::CloseFrame { code, reason: "".into() };
                        let _ = socket.send(Ws::Close(Some(frame))).await;
                        return;
                    }
                    Some("drop") => return, // dropping the socket closes TCP, no close frame
                    _ => {}
                }
                if socket.send(Ws::Text(event.to_string().into())).await.is_err() { return; }
            }
        }
    }
}

pub fn user_json(id: u64, name: &str, bot: bool) -> Value {
    json!({ "id": id.to_string(), "username": name, "discriminator": "0", "global_name": null, "avatar": null, "bot": bot })
}

pub fn ready_json(port: u16) -> Value {
    json!({
        "v": 10,
        "user": user_json(BOT_ID, "dispute-bot", true),
        "guilds": [{ "id": GUILD_ID.to_string(), "unavailable": true }],
        "session_id": "fake-session",
        "resume_gateway_url": format!("ws://127.0.0.1:{port}"),
        "application": { "id": APP_ID.to_string(), "flags": 0 },
    })
}

pub fn message_json(channel: &str, author: u64, name: &str, content: &str) -> Value {
    json!({
        "id": "800000000000000001", "channel_id": channel, "author": user_json(author, name, author == BOT_ID),
        "content": content, "timestamp": "2021-11-19T10:00:00.000000+00:00", "edited_timestamp": null,
        "tts": false, "mention_everyone": false, "mentions": [], "mention_roles": [], "attachments": [],
        "embeds": [], "pinned": false, "type": 0,
    })
}

/// A guild MESSAGE_CREATE from a user, mentioning the bot when `mention`.
pub fn guild_message(id: u64, content: &str, mention: bool) -> Value {
    let mut m = message_json(&CHANNEL_ID.to_string(), USER_ID, "asker", content);
    m["id"] = json!(id.to_string());
    m["guild_id"] = json!(GUILD_ID.to_string());
    if mention {
        m["mentions"] = json!([user_json(BOT_ID, "dispute-bot", true)]);
    }
    m
}

/// An INTERACTION_CREATE for slash command `name` with string options.
/// `permissions` is the member's permission bitfield in the guild.
pub fn command(id: u64, name: &str, options: &[(&str, &str)], permissions: u64) -> Value {
    let options: Vec<Value> = options
        .iter()
        .map(|(n, v)| json!({ "type": 3, "name": n, "value": v }))
        .collect();
    interaction(
        id,
        2,
        json!({ "id": "600000000000000001", "name": name, "type": 1, "options": options }),
        permissions,
    )
}

/// A button click (component interaction) with `custom_id`.
pub fn button(id: u64, custom_id: &str) -> Value {
    let mut v = interaction(
        id,
        3,
        json!({ "custom_id": custom_id, "component_type": 2 }),
        0,
    );
    v["message"] = message_json(
        &CHANNEL_ID.to_string(),
        BOT_ID,
        "dispute-bot",
        "I don't know",
    );
    v
}

fn interaction(id: u64, kind: u8, data: Value, permissions: u64) -> Value {
    json!({
        "id": id.to_string(), "application_id": APP_ID.to_string(), "type": kind, "data": data,
        "guild_id": GUILD_ID.to_string(), "channel_id": CHANNEL_ID.to_string(),
        "member": {
            "user": user_json(USER_ID, "asker", false), "roles": [], "deaf": false, "mute": false,
            "flags": 0, "joined_at": "2021-01-01T00:00:00.000000+00:00", "permissions": permissions.to_string(),
        },
        "token": format!("token-{id}"), "version": 1, "locale": "en-US", "entitlements": [],
        "attachment_size_limit": 8388608, "app_permissions": "0",
    })
}

/// The same interaction, from a member holding `role`.
pub fn with_role(mut interaction: Value, role: u64) -> Value {
    interaction["member"]["roles"] = json!([role.to_string()]);
    interaction
}

/// The same interaction, from another user.
pub fn from_user(mut interaction: Value, user: u64) -> Value {
    interaction["member"]["user"] = user_json(user, "other", false);
    interaction
}

/// An autocomplete interaction (type 4) for `command`, with `option` focused
/// and `typed` so far.
pub fn autocomplete(id: u64, name: &str, option: &str, typed: &str) -> Value {
    let data = json!({
        "id": "600000000000000001", "name": name, "type": 1,
        "options": [{ "type": 3, "name": option, "value": typed, "focused": true }],
    });
    interaction(id, 4, data, 0)
}

/// A direct message (no guild) from a user.
pub fn direct_message(id: u64, content: &str) -> Value {
    let mut m = message_json("700000000000000009", USER_ID, "asker", content);
    m["id"] = json!(id.to_string());
    m
}

/// A guild message from another bot, mentioning us.
pub fn bot_message(id: u64, content: &str) -> Value {
    let mut m = guild_message(id, content, true);
    m["author"] = user_json(USER_ID + 1, "other-bot", true);
    m
}

/// A guild message in `channel`, not mentioning the bot.
pub fn channel_message(id: u64, channel: u64, content: &str) -> Value {
    let mut m = guild_message(id, content, false);
    m["channel_id"] = json!(channel.to_string());
    m
}
