//! What people mean, above the matcher: a greeting or "help" gets an
//! introduction, "who is X" the entity's card, "timeline" or "what happened
//! in october 2020" the timeline, "sources" the sources, "tl;dr" an overview
//! built from the base. Everything else is a question for the matcher.
//! Used alike by `chat` and the Discord front end (mentions, DMs, `/ask`);
//! `ask` stays the plain question-and-answer contract.

pub mod followup;
pub mod intent;
pub mod overview;

pub use followup::{Context, FollowUp, Memory, follow_up};
pub use intent::{Intent, intent};

use crate::answer::answer;
use crate::engine::Engine;
use crate::lookup;
use crate::render::text;
use crate::timeline;

/// What to say to a message, as text the front end shows as it is.
#[derive(Debug, Clone, PartialEq)]
pub enum Said {
    /// Not a question: an introduction, a card, a timeline, an overview.
    Text(String),
    /// A question: the matcher's answer (quotes, or "I don't know").
    Answer(Box<crate::answer::Answer>),
}

/// Says what a message asks for, from the engine in service.
pub fn respond(engine: &Engine, message: &str) -> Said {
    let kb = &engine.kb;
    match intent(kb, message) {
        Intent::Greeting | Intent::Help => {
            Said::Text(format!("{}\n\n{}", text::introduction(kb), HOW_TO_ASK))
        }
        Intent::Thanks => {
            Said::Text("You're welcome! Ask me anything else about the story.".into())
        }
        Intent::Sources => Said::Text(text::sources(kb)),
        Intent::Overview => Said::Text(overview::overview(kb)),
        Intent::WhoIs(id) => match kb.entity(&id) {
            Some(e) => Said::Text(text::entity_card(kb, e, &lookup::mentions(kb, e))),
            None => Said::Answer(Box::new(answer(engine, message))),
        },
        Intent::Timeline(q) => match timeline::select(kb, &q) {
            Ok(t) => Said::Text(text::timeline(kb, &t)),
            Err(e) => Said::Text(format!("{e}\n")),
        },
        Intent::Question => Said::Answer(Box::new(answer(engine, message))),
    }
}

/// The line that closes an introduction: how to ask, in any front end.
pub const HOW_TO_ASK: &str = "Ask a question in your own words, or ask for `who is khatibzadeh`, \
`timeline`, `sources` or `tl;dr`. In Discord: `/ask`, `/timeline`, `/who`, `/source`, `/help`.";
