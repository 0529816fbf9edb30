//! The Discord front end: serenity glue over the core. `serve` connects,
//! `handler` dispatches, `commands/` hold one slash command each, and
//! `reply` builds every message within Discord's limits with mentions off.

pub mod commands;
pub mod handler;
pub mod inflight;
pub mod rate_limit;
pub mod reply;

use std::sync::Arc;

use serenity::all::{ClientBuilder, GatewayIntents, HttpBuilder};
use tracing::{info, warn};

use crate::config::{Config, DiscordConfig};
use crate::gaps::GapLog;
use crate::state::{LiveBase, Reloaded};

/// Why `serve` stopped.
#[derive(Debug, thiserror::Error)]
pub enum ServeError {
    #[error("no bot token: set the environment variable {0} (see README: Running the Discord bot)")]
    MissingToken(String),
    #[error(
        "Discord rejected the bot token in {0}: check it in the Discord developer portal (Bot → Reset Token)"
    )]
    RejectedToken(String),
    #[error("Discord connection failed: {0}")]
    Discord(String),
}

/// The gateway intents we need. Message content is privileged: we ask for it
/// only when answer channels are configured (mentions and DMs carry their
/// content without it).
pub fn intents(config: &DiscordConfig) -> GatewayIntents {
    let mut intents =
        GatewayIntents::GUILDS | GatewayIntents::GUILD_MESSAGES | GatewayIntents::DIRECT_MESSAGES;
    if !config.answer_channel_ids.is_empty() {
        intents |= GatewayIntents::MESSAGE_CONTENT;
    }
    intents
}

/// Connects to Discord (or `api_proxy`) and answers until SIGINT/SIGTERM.
pub async fn serve(full: &Config, live: Arc<LiveBase>) -> Result<(), ServeError> {
    let config = &full.discord;
    let watch = full.knowledge.watch;
    let gaps = Arc::new(GapLog::new(&full.data.dir, full.data.gaps_max_bytes));
    let token = std::env::var(&config.token_env)
        .ok()
        .map(|t| t.trim().to_string())
        .filter(|t| !t.is_empty() && !t.chars().any(char::is_control))
        .ok_or_else(|| ServeError::MissingToken(config.token_env.clone()))?;
    // A burst opens up to MAX_CONCURRENT_INTERACTIONS connections; keep only
    // a few idle afterwards so memory returns to its resting size.
    let rest = reqwest::Client::builder()
        .use_rustls_tls()
        .pool_max_idle_per_host(IDLE_CONNECTIONS)
        .build()
        .map_err(|e| ServeError::Discord(format!("cannot build the HTTP client: {e}")))?;
    let mut http = HttpBuilder::new(&token).client(rest);
    if !config.api_proxy.is_empty() {
        // serenity's built-in rate limiter ignores the proxy; the proxy (or
        // our test fake) is where limits are handled.
        http = http
            .proxy(config.api_proxy.trim_end_matches('/'))
            .ratelimiter_disabled(true);
    }
    let handler = handler::Handler::new(Arc::clone(&live), config.clone(), gaps);
    let inflight = handler.inflight();
    tokio::spawn(inflight::release_while_idle(Arc::clone(&inflight)));
    let mut client = ClientBuilder::new_with_http(http.build(), intents(config))
        .event_handler(handler)
        .await
        .map_err(|e| ServeError::Discord(e.to_string()))?;
    let _watcher = if watch {
        Some(start_watcher(live, config, Arc::clone(&client.http))?)
    } else {
        None
    };
    let shards = client.shard_manager.clone();
    tokio::spawn(async move {
        shutdown_signal().await;
        info!("shutting down: closing the gateway");
        shards.shutdown_all().await;
    });
    let result = match &config.shards {
        None => client.start_autosharded().await,
        Some(s) => {
            let first = s.ids.iter().copied().min().unwrap_or(0);
            let last = s.ids.iter().copied().max().unwrap_or(0);
            client.start_shard_range(first..last + 1, s.total).await
        }
    };
    // The gateway is closed: no new events. Let replies in flight finish.
    if !inflight.drain(SHUTDOWN_GRACE).await {
        warn!(
            pending = inflight.count(),
            "shutdown: some replies did not finish in time"
        );
    }
    result.map_err(|e| classify(e, &config.token_env))
}

/// Idle HTTP connections kept to Discord between bursts: enough for steady
/// traffic, few enough that a burst's connections are closed after it.
const IDLE_CONNECTIONS: usize = 16;

/// How long shutdown waits for replies in flight.
const SHUTDOWN_GRACE: std::time::Duration = std::time::Duration::from_secs(3);

/// Watches the knowledge files; reload outcomes go to the log and, when
/// refused, to the admin log channel.
fn start_watcher(
    live: Arc<LiveBase>,
    config: &DiscordConfig,
    http: Arc<serenity::all::Http>,
) -> Result<crate::reload::Watcher, ServeError> {
    let (tx, mut rx) = tokio::sync::mpsc::unbounded_channel();
    let watcher = crate::reload::watch(live, move |outcome| {
        let _ = tx.send(outcome);
    })
    .map_err(|e| ServeError::Discord(e.to_string()))?;
    let log_channel = config
        .admin_log_channel_id
        .and_then(std::num::NonZeroU64::new);
    tokio::spawn(async move {
        while let Some(outcome) = rx.recv().await {
            match &outcome {
                Reloaded::Swapped { .. } => info!("{outcome}"),
                _ => {
                    warn!("{outcome}");
                    if let Some(id) = log_channel {
                        let text = commands::reload::outcome_text(&outcome);
                        let channel = serenity::all::ChannelId::new(id.get());
                        if let Err(e) = channel
                            .send_message(&http, reply::message_text(&text))
                            .await
                        {
                            warn!(error = %e, "could not post to the admin log channel");
                        }
                    }
                }
            }
        }
    });
    Ok(watcher)
}

fn classify(e: serenity::Error, token_env: &str) -> ServeError {
    use serenity::all::GatewayError;
    use serenity::http::HttpError;
    match &e {
        serenity::Error::Gateway(GatewayError::InvalidAuthentication) => {
            ServeError::RejectedToken(token_env.to_string())
        }
        serenity::Error::Http(HttpError::UnsuccessfulRequest(r))
            if r.status_code.as_u16() == 401 =>
        {
            ServeError::RejectedToken(token_env.to_string())
        }
        _ => ServeError::Discord(e.to_string()),
    }
}

async fn shutdown_signal() {
    #[cfg(unix)]
    {
        use tokio::signal::unix::{SignalKind, signal};
        match signal(SignalKind::terminate()) {
            Ok(mut term) => {
                tokio::select! {
                    _ = tokio::signal::ctrl_c() => {},
                    _ = term.recv() => {},
                }
            }
            Err(_) => {
                let _ = tokio::signal::ctrl_c().await;
            }
        }
    }
    #[cfg(not(unix))]
    {
        let _ = tokio::signal::ctrl_c().await;
    }
}
