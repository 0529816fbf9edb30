//! Receives Discord events and dispatches them; every decision is made by
//! the core or by a command's `run`.

use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, OnceLock};

use serenity::all::{
    Command, CommandInteraction, ComponentInteraction, Context, CreateInteractionResponse,
    EventHandler, GuildId, Interaction, Message, Permissions, Ready, UserId,
};
use serenity::async_trait;
use tracing::{debug, info, warn};

use super::commands::{self, about, ask, reload, sources};
use super::reply;
use crate::answer::{answer, for_fact};
use crate::config::DiscordConfig;
use crate::state::LiveBase;

/// The bot's event handler.
pub struct Handler {
    pub live: Arc<LiveBase>,
    pub config: DiscordConfig,
    bot_id: OnceLock<UserId>,
    /// Questions answered "I don't know", for `/status`.
    pub unanswered: AtomicU64,
}

impl Handler {
    pub fn new(live: Arc<LiveBase>, config: DiscordConfig) -> Self {
        Handler {
            live,
            config,
            bot_id: OnceLock::new(),
            unanswered: AtomicU64::new(0),
        }
    }

    /// Admins: listed users or roles when lists are configured; otherwise
    /// members with Manage Server. Discord hides admin commands from others
    /// by default, but server owners can change that, so we check again.
    fn is_admin(&self, cmd: &CommandInteraction) -> bool {
        let Some(member) = &cmd.member else {
            return false; // never in DMs
        };
        let lists =
            !self.config.admin_user_ids.is_empty() || !self.config.admin_role_ids.is_empty();
        if lists {
            self.config.admin_user_ids.contains(&cmd.user.id.get())
                || member
                    .roles
                    .iter()
                    .any(|r| self.config.admin_role_ids.contains(&r.get()))
        } else {
            member
                .permissions
                .is_some_and(|p| p.contains(Permissions::MANAGE_GUILD))
        }
    }

    async fn on_command(&self, ctx: &Context, cmd: &CommandInteraction) {
        let engine = self.live.engine();
        let response = match cmd.data.name.as_str() {
            ask::NAME => {
                let question = commands::option_str(cmd, "question").unwrap_or_default();
                let (msg, answered) = ask::run(&engine, question);
                if !answered {
                    self.unanswered.fetch_add(1, Ordering::Relaxed);
                }
                msg
            }
            about::NAME => about::run(&engine),
            sources::NAME => sources::run(&engine),
            reload::NAME if self.is_admin(cmd) => {
                let (msg, notice) = reload::run(&self.live);
                info!(user = %cmd.user.id, refused = notice.is_some(), "knowledge reload requested");
                if let Some(text) = notice {
                    warn!(
                        "reload refused: the knowledge files have problems; still serving the last good base"
                    );
                    self.admin_log(ctx, &text).await;
                }
                msg
            }
            reload::NAME => reply::interaction_text("Only admins can use this command.", true),
            other => {
                warn!(command = other, "unknown command");
                reply::interaction_text("Unknown command; try /about.", true)
            }
        };
        if let Err(e) = cmd
            .create_response(&ctx.http, CreateInteractionResponse::Message(response))
            .await
        {
            warn!(command = %cmd.data.name, error = %e, "could not reply to a command");
        }
    }

    /// Posts to `admin_log_channel_id`, when configured.
    async fn admin_log(&self, ctx: &Context, text: &str) {
        let Some(id) = self
            .config
            .admin_log_channel_id
            .and_then(std::num::NonZeroU64::new)
        else {
            return;
        };
        let channel = serenity::all::ChannelId::new(id.get());
        if let Err(e) = channel
            .send_message(&ctx.http, reply::message_text(text))
            .await
        {
            warn!(channel = %channel, error = %e, "could not post to the admin log channel");
        }
    }

    async fn on_component(&self, ctx: &Context, comp: &ComponentInteraction) {
        let engine = self.live.engine();
        let response = match comp
            .data
            .custom_id
            .strip_prefix("fact:")
            .and_then(|id| for_fact(&engine.kb, id))
        {
            Some(a) => reply::interaction_answer(&a),
            None => {
                reply::interaction_text("That suggestion is no longer available; ask again.", true)
            }
        };
        if let Err(e) = comp
            .create_response(&ctx.http, CreateInteractionResponse::Message(response))
            .await
        {
            warn!(custom_id = %comp.data.custom_id, error = %e, "could not reply to a button");
        }
    }

    /// The question in a message, if it is addressed to us: a DM, a mention,
    /// or any message in an answer channel.
    fn question_in(&self, msg: &Message) -> Option<(String, bool)> {
        let me = *self.bot_id.get()?;
        if msg.author.bot || msg.author.id == me {
            return None;
        }
        let mentioned = msg.mentions.iter().any(|u| u.id == me);
        let answer_channel = self
            .config
            .answer_channel_ids
            .contains(&msg.channel_id.get());
        let dm = msg.guild_id.is_none();
        if !(dm || mentioned || answer_channel) {
            return None;
        }
        let text = strip_mentions(&msg.content);
        // Only answer channels stay quiet when unsure: there we were not asked.
        let quiet_when_unsure = answer_channel && !dm && !mentioned;
        Some((text.trim().to_string(), quiet_when_unsure))
    }
}

#[async_trait]
impl EventHandler for Handler {
    async fn ready(&self, ctx: Context, ready: Ready) {
        let _ = self.bot_id.set(ready.user.id);
        info!(user = %ready.user.name, guilds = ready.guilds.len(), "connected to Discord");
        register_commands(&ctx, &self.config.guild_ids).await;
    }

    async fn message(&self, ctx: Context, msg: Message) {
        let Some((question, quiet_when_unsure)) = self.question_in(&msg) else {
            return;
        };
        if question.is_empty() {
            return;
        }
        let engine = self.live.engine();
        let a = answer(&engine, &question);
        if !a.answered {
            self.unanswered.fetch_add(1, Ordering::Relaxed);
            if quiet_when_unsure {
                debug!("not confident; staying quiet in answer channel");
                return;
            }
        }
        let builder = reply::message_answer(&a).reference_message(&msg);
        if let Err(e) = msg.channel_id.send_message(&ctx.http, builder).await {
            warn!(channel = %msg.channel_id, error = %e, "could not answer a message");
        }
    }

    async fn interaction_create(&self, ctx: Context, interaction: Interaction) {
        match interaction {
            Interaction::Command(cmd) => self.on_command(&ctx, &cmd).await,
            Interaction::Component(comp) => self.on_component(&ctx, &comp).await,
            _ => {}
        }
    }
}

/// Registers every command: per guild when `guild_ids` is set (instant),
/// otherwise globally. A bulk overwrite, so restarts are idempotent.
async fn register_commands(ctx: &Context, guild_ids: &[u64]) {
    if guild_ids.is_empty() {
        match Command::set_global_commands(&ctx.http, commands::all()).await {
            Ok(list) => info!(count = list.len(), "registered global commands"),
            Err(e) => warn!(error = %e, "could not register global commands"),
        }
        return;
    }
    for &g in guild_ids {
        let Some(guild) = std::num::NonZeroU64::new(g).map(|g| GuildId::new(g.get())) else {
            warn!("guild id 0 in discord.guild_ids ignored");
            continue;
        };
        match guild.set_commands(&ctx.http, commands::all()).await {
            Ok(list) => info!(guild = g, count = list.len(), "registered guild commands"),
            Err(e) => warn!(guild = g, error = %e, "could not register guild commands"),
        }
    }
}

/// Removes Discord mention syntax (`<@id>`, `<@!id>`, `<@&role>`, `<#channel>`,
/// `@everyone`, `@here`) so it is neither matched as words nor echoed.
pub fn strip_mentions(content: &str) -> String {
    let mut out = String::with_capacity(content.len());
    let mut rest = content;
    while let Some(start) = rest.find('<') {
        out.push_str(&rest[..start]);
        let tail = &rest[start..];
        let end = tail.find('>');
        let is_mention = end.is_some_and(|e| {
            let inner = &tail[1..e];
            let digits = inner.trim_start_matches(['@', '!', '&', '#']);
            inner.len() > digits.len()
                && !digits.is_empty()
                && digits.bytes().all(|b| b.is_ascii_digit())
        });
        match (is_mention, end) {
            (true, Some(e)) => {
                out.push(' ');
                rest = &tail[e + 1..];
            }
            _ => {
                out.push('<');
                rest = &tail[1..];
            }
        }
    }
    out.push_str(rest);
    out.replace("@everyone", " ").replace("@here", " ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn strip_mentions_removes_every_kind() {
        let s = strip_mentions("<@123> <@!45> <@&6> <#7> @everyone did iran @here deny it? <3 <b>");
        assert_eq!(
            s.split_whitespace().collect::<Vec<_>>(),
            ["did", "iran", "deny", "it?", "<3", "<b>"]
        );
    }
}
