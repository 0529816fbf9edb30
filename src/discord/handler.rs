//! Receives Discord events and dispatches them; every decision is made by
//! the core or by a command's `run`.

use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, OnceLock};

use serenity::all::{
    AutocompleteChoice, ChannelId, Command, CommandInteraction, ComponentInteraction, Context,
    CreateAutocompleteResponse, CreateInteractionResponse, EditInteractionResponse, EventHandler,
    GuildId, Interaction, Message, Permissions, Ready, UserId,
};
use serenity::async_trait;
use tracing::{debug, info, warn};

use super::commands::{self, Call, Run, reload, source, timeline};
use super::inflight::InFlight;
use super::rate_limit::{UserLimiter, Verdict};
use super::reply;
use crate::answer::for_fact;
use crate::config::DiscordConfig;
use crate::converse::{self, Said};
use crate::gaps::{Gap, GapLog};
use crate::lookup::Choice;
use crate::state::LiveBase;

/// Interactions handled at once. serenity starts a task per event, and each
/// holds its slot through its HTTP round trip (~100 ms to real Discord).
/// Discord wants an interaction's first response within 3 s, so the cap
/// must let a burst through at >= burst / 2.5 s: 512 slots at 100 ms a
/// round trip pass 5,000 interactions in ~1 s (RELIABILITY.md: p99 first
/// response), while still bounding connections and memory.
pub const MAX_CONCURRENT_INTERACTIONS: usize = 512;

/// Messages (mentions, DMs, answer channels) handled at once. They have no
/// deadline, so they queue behind a smaller cap and never take the
/// interactions' slots.
pub const MAX_CONCURRENT_MESSAGES: usize = 32;

/// What a rate-limited user is told, once a minute at most.
const SLOW_DOWN: &str =
    "You're asking faster than I can keep up with — please wait a minute and try again.";

/// What a mention in a public channel gets when the bot is unsure.
pub const UNSURE_IN_PUBLIC: &str =
    "I can't answer that from my sources. Try `/ask` — it suggests questions I can answer.";

/// How a message reached us.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Addressed {
    Dm,
    Mention,
    AnswerChannel,
}

/// The bot's event handler.
pub struct Handler {
    pub live: Arc<LiveBase>,
    pub config: DiscordConfig,
    bot_id: OnceLock<UserId>,
    limiter: UserLimiter,
    inflight: Arc<InFlight>,
    gaps: Arc<GapLog>,
    interaction_slots: tokio::sync::Semaphore,
    message_slots: tokio::sync::Semaphore,
    /// Questions answered "I don't know", for `/status`.
    pub unanswered: AtomicU64,
    /// Each conversation's last answer (channel, user), for follow-ups.
    memory: converse::Memory,
}

impl Handler {
    pub fn new(live: Arc<LiveBase>, config: DiscordConfig, gaps: Arc<GapLog>) -> Self {
        let limiter = UserLimiter::new(config.rate_limit_per_minute);
        Handler {
            live,
            config,
            bot_id: OnceLock::new(),
            limiter,
            inflight: Arc::default(),
            gaps,
            interaction_slots: tokio::sync::Semaphore::new(MAX_CONCURRENT_INTERACTIONS),
            message_slots: tokio::sync::Semaphore::new(MAX_CONCURRENT_MESSAGES),
            unanswered: AtomicU64::new(0),
            memory: converse::Memory::default(),
        }
    }

    /// The in-flight counter, for shutdown to drain.
    pub fn inflight(&self) -> Arc<InFlight> {
        Arc::clone(&self.inflight)
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

    /// Counts an unanswered question and logs it as a gap (where, never who).
    fn note_gap(&self, answered: bool, question: &str, guild: Option<GuildId>, channel: ChannelId) {
        if answered || question.trim().is_empty() {
            return;
        }
        self.unanswered.fetch_add(1, Ordering::Relaxed);
        let gap = Gap::now(question, guild.map(|g| g.get()), Some(channel.get()));
        if let Err(e) = self.gaps.record(&gap) {
            warn!(error = %e, "could not write the gaps log");
        }
    }

    async fn on_command(&self, ctx: &Context, cmd: &CommandInteraction) {
        if let Verdict::Limited { .. } = self.limiter.check(cmd.user.id.get()) {
            debug!(user = %cmd.user.id, "rate limited");
            self.respond(ctx, cmd, reply::interaction_text(SLOW_DOWN, true))
                .await;
            return;
        }
        let Some(command) = commands::find(&cmd.data.name) else {
            warn!(command = %cmd.data.name, "unknown command");
            let text = "Unknown command; try /help.";
            self.respond(ctx, cmd, reply::interaction_text(text, true))
                .await;
            return;
        };
        if command.admin && !self.is_admin(cmd) {
            let text = "Only admins can use this command.";
            self.respond(ctx, cmd, reply::interaction_text(text, true))
                .await;
            return;
        }
        let run = match command.run {
            Run::Now(run) => run,
            Run::Reload => return self.reload(ctx, cmd).await,
        };
        let engine = self.live.engine();
        let call = Call {
            engine: &engine,
            cmd,
            unanswered: self.unanswered.load(Ordering::Relaxed),
            data_dir: self.gaps.dir(),
            memory: &self.memory,
        };
        let response = run(&call);
        if let Some(question) = &response.gap {
            self.note_gap(false, question, cmd.guild_id, cmd.channel_id);
        }
        let response = response.message;
        self.respond(ctx, cmd, response).await;
    }

    async fn respond(
        &self,
        ctx: &Context,
        cmd: &CommandInteraction,
        msg: serenity::all::CreateInteractionResponseMessage,
    ) {
        if let Err(e) = cmd
            .create_response(&ctx.http, CreateInteractionResponse::Message(msg))
            .await
        {
            warn!(command = %cmd.data.name, error = %e, "could not reply to a command");
        }
    }

    /// Reloading reads and validates every file: defer first so Discord's
    /// 3-second limit holds however large the base grows.
    async fn reload(&self, ctx: &Context, cmd: &CommandInteraction) {
        if let Err(e) = cmd.defer_ephemeral(&ctx.http).await {
            warn!(error = %e, "could not defer /reload");
            return;
        }
        let live = Arc::clone(&self.live);
        let outcome = tokio::task::spawn_blocking(move || reload::run(&live)).await;
        let (text, notice) = match outcome {
            Ok(r) => r,
            Err(e) => {
                warn!(error = %e, "reload task failed");
                (
                    "Reload failed unexpectedly; still serving the last good knowledge base."
                        .to_string(),
                    None,
                )
            }
        };
        info!(user = %cmd.user.id, refused = notice.is_some(), "knowledge reload requested");
        let edit = EditInteractionResponse::new()
            .content(text)
            .allowed_mentions(reply::no_mentions());
        if let Err(e) = cmd.edit_response(&ctx.http, edit).await {
            warn!(error = %e, "could not edit the /reload reply");
        }
        if let Some(text) = notice {
            warn!(
                "reload refused: the knowledge files have problems; still serving the last good base"
            );
            self.admin_log(ctx, &text).await;
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
        let channel = ChannelId::new(id.get());
        if let Err(e) = channel
            .send_message(&ctx.http, reply::message_text(text))
            .await
        {
            warn!(channel = %channel, error = %e, "could not post to the admin log channel");
        }
    }

    async fn on_autocomplete(&self, ctx: &Context, ac: &CommandInteraction) {
        let Some(focused) = ac.data.autocomplete() else {
            return;
        };
        let engine = self.live.engine();
        let choices: Vec<Choice> = commands::find(&ac.data.name)
            .and_then(|c| c.autocomplete)
            .map(|complete| complete(&engine, focused.name, focused.value))
            .unwrap_or_default();
        let choices = choices
            .into_iter()
            .take(crate::lookup::MAX_CHOICES)
            .map(|c| AutocompleteChoice::new(reply::fit(&c.label, 100), reply::fit(&c.value, 100)))
            .collect();
        let response = CreateAutocompleteResponse::new().set_choices(choices);
        if let Err(e) = ac
            .create_response(&ctx.http, CreateInteractionResponse::Autocomplete(response))
            .await
        {
            warn!(command = %ac.data.name, error = %e, "could not send autocomplete choices");
        }
    }

    async fn on_component(&self, ctx: &Context, comp: &ComponentInteraction) {
        if let Verdict::Limited { .. } = self.limiter.check(comp.user.id.get()) {
            let r = CreateInteractionResponse::Message(reply::interaction_text(SLOW_DOWN, true));
            if let Err(e) = comp.create_response(&ctx.http, r).await {
                warn!(error = %e, "could not send the rate-limit notice");
            }
            return;
        }
        let engine = self.live.engine();
        let id = comp.data.custom_id.as_str();
        let gone = || {
            CreateInteractionResponse::Message(reply::interaction_text(
                "That button is no longer available; ask again.",
                true,
            ))
        };
        let response = if let Some((q, page)) = timeline::parse_custom_id(id) {
            // Paging edits the timeline message in place.
            CreateInteractionResponse::UpdateMessage(timeline::run(&engine, &q, page))
        } else if let Some(fact) = id.strip_prefix("context:") {
            // "Show in context": the quote in its paragraph, for the clicker only.
            CreateInteractionResponse::Message(source::run(&engine, fact).ephemeral(true))
        } else if let Some(a) = id
            .strip_prefix("fact:")
            .and_then(|f| for_fact(&engine.kb, f))
        {
            // A chosen suggestion replaces the "did you mean" message, so
            // its buttons are gone once one is used.
            CreateInteractionResponse::UpdateMessage(reply::interaction_answer(&a))
        } else {
            gone()
        };
        if let Err(e) = comp.create_response(&ctx.http, response).await {
            warn!(custom_id = %id, error = %e, "could not reply to a button");
        }
    }

    /// The question in a message, if it is addressed to us: a DM, a mention,
    /// or any message in an answer channel.
    fn question_in(&self, msg: &Message) -> Option<(String, Addressed)> {
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
        let how = if dm {
            Addressed::Dm
        } else if mentioned {
            Addressed::Mention
        } else {
            Addressed::AnswerChannel
        };
        Some((text.trim().to_string(), how))
    }
}

impl Handler {
    /// What to send for a question in a message, or `None` to stay quiet
    /// (an answer channel where the bot is unsure or was not asked a question).
    fn reply_to(
        &self,
        msg: &Message,
        question: &str,
        how: Addressed,
    ) -> Option<serenity::all::CreateMessage> {
        let quiet_when_unsure = how == Addressed::AnswerChannel;
        let engine = self.live.engine();
        let conversation = (msg.channel_id.get(), msg.author.id.get());
        let said = match converse::follow_up(question) {
            Some(f) => Said::Text(self.memory.resolve(&engine.kb, conversation, f)),
            None => converse::respond(&engine, question),
        };
        let a = match said {
            // Answer channels are for questions: no chatter there.
            Said::Text(_) if quiet_when_unsure => return None,
            Said::Text(text) => return Some(reply::message_text(&text)),
            Said::Answer(a) => a,
        };
        self.memory.remember(conversation, &a);
        self.note_gap(a.answered, question, msg.guild_id, msg.channel_id);
        if !a.answered && quiet_when_unsure {
            debug!("not confident; staying quiet in answer channel");
            return None;
        }
        Some(if !a.answered && how == Addressed::Mention {
            // In a public channel an unsure reply stays one short line: no
            // wall of "did you mean" buttons for everyone.
            reply::message_text(UNSURE_IN_PUBLIC)
        } else {
            reply::message_answer(&a)
        })
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
        let _inflight = self.inflight.enter();
        let Ok(_permit) = self.message_slots.acquire().await else {
            return;
        };
        let Some((question, how)) = self.question_in(&msg) else {
            return;
        };
        // Only answer channels stay silent when unsure: there we were not asked.
        let quiet_when_unsure = how == Addressed::AnswerChannel;
        if question.is_empty() {
            return;
        }
        let builder = match self.limiter.check(msg.author.id.get()) {
            Verdict::Allowed => match self.reply_to(&msg, &question, how) {
                Some(builder) => builder,
                None => return,
            },
            Verdict::Limited { notify: true } if !quiet_when_unsure => {
                reply::message_text(SLOW_DOWN)
            }
            Verdict::Limited { .. } => return,
        };
        if let Err(e) = msg
            .channel_id
            .send_message(&ctx.http, builder.reference_message(&msg))
            .await
        {
            warn!(channel = %msg.channel_id, error = %e, "could not answer a message");
        }
    }

    async fn interaction_create(&self, ctx: Context, interaction: Interaction) {
        let _inflight = self.inflight.enter();
        let Ok(_permit) = self.interaction_slots.acquire().await else {
            return;
        };
        match interaction {
            Interaction::Command(cmd) => self.on_command(&ctx, &cmd).await,
            Interaction::Autocomplete(ac) => self.on_autocomplete(&ctx, &ac).await,
            Interaction::Component(comp) => self.on_component(&ctx, &comp).await,
            _ => {}
        }
    }
}

/// Registers every command: per guild when `guild_ids` is set (instant),
/// otherwise globally. A bulk overwrite, so restarts are idempotent.
async fn register_commands(ctx: &Context, guild_ids: &[u64]) {
    if guild_ids.is_empty() {
        match Command::set_global_commands(&ctx.http, commands::declarations()).await {
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
        match guild
            .set_commands(&ctx.http, commands::declarations())
            .await
        {
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
