//! Follow-ups: "and what did the us say?", "source?", "more", "who is he",
//! "when was that" — resolved against the last answer of the same
//! conversation (a run of `chat`; a channel and user in Discord), which is
//! remembered for a few minutes. The reply says what it was understood to
//! be about, so a wrong guess is visible at once.

use std::collections::HashMap;
use std::sync::Mutex;
use std::time::{Duration, Instant};

use crate::answer::{Answer, counterpoint_facts, for_fact};
use crate::knowledge::{Fact, KnowledgeBase};
use crate::lookup;
use crate::matcher::normalize::tokens;
use crate::render::text;

/// How long a conversation's last answer is remembered.
pub const REMEMBER_FOR: Duration = Duration::from_secs(300);

/// Conversations remembered at once (Discord); the oldest is forgotten first.
pub const MAX_CONVERSATIONS: usize = 10_000;

/// What a follow-up asks about the last answer.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FollowUp {
    /// Its counterpoints: "and what did the us say?", "what did iran say back".
    OtherSide,
    /// Its paragraph: "source?", "context".
    Source,
    /// The next-best answer: "more", "anything else".
    More,
    /// Its speaker: "who is he", "who said that".
    Speaker,
    /// Its date: "when was that".
    When,
}

/// The last answer of a conversation.
#[derive(Debug, Clone)]
pub struct Context {
    /// The fact answered with.
    pub fact_id: String,
    /// The other facts of the answer, best first, not yet shown.
    pub next: Vec<String>,
    pub at: Instant,
}

impl Context {
    /// The context an answer leaves, if it answered.
    pub fn of(a: &Answer) -> Option<Context> {
        let best = a.answers.first()?;
        let next = a
            .answers
            .iter()
            .skip(1)
            .map(|c| c.fact_id.clone())
            .chain(a.suggested_facts.iter().cloned())
            .collect();
        Some(Context {
            fact_id: best.fact_id.clone(),
            next,
            at: Instant::now(),
        })
    }
}

/// Reads a short message as a follow-up, if it is one.
pub fn follow_up(message: &str) -> Option<FollowUp> {
    let w = tokens(message);
    let w: Vec<&str> = w.iter().map(String::as_str).collect();
    if w.is_empty() || w.len() > 8 {
        return None;
    }
    let has = |x: &str| w.contains(&x);
    match w.as_slice() {
        ["source"]
        | ["context"]
        | ["link"]
        | ["source", "pls" | "please"]
        | ["where", "is", "that", "from"] => {
            return Some(FollowUp::Source);
        }
        ["more"]
        | ["more", "pls" | "please"]
        | ["anything", "else"]
        | ["what", "else"]
        | ["tell", "me", "more"] => {
            return Some(FollowUp::More);
        }
        ["who", "is" | "s", "he" | "she" | "that" | "this"]
        | ["whos", "he" | "she" | "that"]
        | ["who", "said", "that" | "this" | "it"]
        | ["who", "are", "they"] => {
            return Some(FollowUp::Speaker);
        }
        ["when", "was", "that" | "this" | "it"]
        | ["when"]
        | ["what", "date"]
        | ["when", "did", "they" | "he" | "she", "say", "that" | "it"] => {
            return Some(FollowUp::When);
        }
        _ => {}
    }
    let asks_reply = has("back") || has("response") || has("respond") || has("reply");
    if (w[0] == "and" && (has("say") || has("said") || w.len() <= 4))
        || (asks_reply && (has("say") || has("said") || w.len() <= 4))
        || (has("other") && has("side"))
    {
        return Some(FollowUp::OtherSide);
    }
    None
}

/// Whose statement, and when: "Khatibzadeh's statement of 22 October 2020".
fn about(kb: &KnowledgeBase, f: &Fact) -> String {
    let speaker = kb
        .entity(&f.speaker)
        .map_or(f.speaker.as_str(), |e| e.name.as_str());
    format!("{speaker}'s statement of {}", f.date.human())
}

/// The reply to a follow-up on `ctx` (`None`: nothing to follow).
pub fn resolve(kb: &KnowledgeBase, ctx: Option<&mut Context>, f: FollowUp) -> String {
    let Some(ctx) = ctx.filter(|c| c.at.elapsed() < REMEMBER_FOR) else {
        return "I'm not sure what that follows — I have no recent answer in this conversation. \
                Please ask in full, e.g. \"what did iran say about the sanctions?\""
            .to_string();
    };
    let Some(fact) = kb.fact(&ctx.fact_id) else {
        return "The knowledge base changed since my last answer; please ask again.".to_string();
    };
    let head = format!("About {}:", about(kb, fact));
    match f {
        FollowUp::OtherSide => {
            let linked = counterpoint_facts(kb, fact);
            if linked.is_empty() {
                return format!("{head} the articles link no statement from another side to it.");
            }
            let mut out = format!("{head}\n");
            for (g, relation) in linked {
                if let Some(a) = for_fact(kb, &g.id)
                    && let Some(card) = a.answers.first()
                {
                    out.push_str(&format!(
                        "\n{} ({}):\n> {}\n— {}, {} ({})\n",
                        relation.label(),
                        card.side.label(),
                        card.quote,
                        card.speaker,
                        card.speaker_role,
                        card.attribution
                    ));
                }
            }
            out
        }
        FollowUp::Source => match kb.source(&fact.source) {
            Some(s) => format!("{head}\n{}", text::source_view(fact, s)),
            None => format!("{head} its source is no longer in the base."),
        },
        FollowUp::More => {
            while !ctx.next.is_empty() {
                let id = ctx.next.remove(0);
                if id == ctx.fact_id {
                    continue;
                }
                if let Some(a) = for_fact(kb, &id) {
                    ctx.fact_id = id;
                    return format!("Also about your question:\n{}", text::answer(&a));
                }
            }
            format!("{head} that was all I found for that question.")
        }
        FollowUp::Speaker => match kb.entity(&fact.speaker) {
            Some(e) => format!(
                "{head}\n{}",
                text::entity_card(kb, e, &lookup::mentions(kb, e))
            ),
            None => format!("{head} its speaker is no longer in the base."),
        },
        FollowUp::When => {
            let note = fact
                .date_note
                .as_deref()
                .map(|n| format!(" — {n}"))
                .unwrap_or_default();
            format!("{head} {}{note}", fact.date.human())
        }
    }
}

/// The last answers of many conversations (Discord), forgotten after
/// [`REMEMBER_FOR`] and capped at [`MAX_CONVERSATIONS`].
#[derive(Debug, Default)]
pub struct Memory {
    map: Mutex<HashMap<(u64, u64), Context>>,
}

impl Memory {
    /// Remembers `a` as conversation `key`'s last answer (if it answered).
    pub fn remember(&self, key: (u64, u64), a: &Answer) {
        let Some(ctx) = Context::of(a) else { return };
        let Ok(mut map) = self.map.lock() else { return };
        if map.len() >= MAX_CONVERSATIONS {
            map.retain(|_, c| c.at.elapsed() < REMEMBER_FOR);
            if map.len() >= MAX_CONVERSATIONS
                && let Some(oldest) = map.iter().min_by_key(|(_, c)| c.at).map(|(k, _)| *k)
            {
                map.remove(&oldest);
            }
        }
        map.insert(key, ctx);
    }

    /// The reply to follow-up `f` in conversation `key`.
    pub fn resolve(&self, kb: &KnowledgeBase, key: (u64, u64), f: FollowUp) -> String {
        match self.map.lock() {
            Ok(mut map) => resolve(kb, map.get_mut(&key), f),
            Err(_) => resolve(kb, None, f),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn follow_up_reads_short_follow_ups_only() {
        assert_eq!(
            follow_up("and what did the us say?"),
            Some(FollowUp::OtherSide)
        );
        assert_eq!(
            follow_up("what did iran say back"),
            Some(FollowUp::OtherSide)
        );
        assert_eq!(follow_up("source?"), Some(FollowUp::Source));
        assert_eq!(follow_up("more"), Some(FollowUp::More));
        assert_eq!(follow_up("who is he"), Some(FollowUp::Speaker));
        assert_eq!(follow_up("when was that"), Some(FollowUp::When));
        assert_eq!(follow_up("did iran deny it"), None);
        assert_eq!(follow_up("who is khatibzadeh"), None);
    }

    #[test]
    fn resolve_without_context_asks_for_a_full_question() {
        let kb = crate::knowledge::load_dir(std::path::Path::new("knowledge")).unwrap();
        let text = resolve(&kb, None, FollowUp::Source);
        assert!(text.contains("ask in full"), "{text}");
    }
}
