//! `/ask question:` — the answer as an embed, or an ephemeral "I don't know"
//! with "did you mean" buttons.

use serenity::all::{CommandOptionType, CreateCommand, CreateCommandOption};

use super::{Call, Reply};
use crate::converse::{self, Said};
use crate::discord::reply;

pub const NAME: &str = "ask";

pub fn register() -> CreateCommand {
    CreateCommand::new(NAME)
        .description("Ask about Iran, the US and the 2020 election; answered with sourced quotes")
        .add_option(
            CreateCommandOption::new(
                CommandOptionType::String,
                "question",
                "Your question, e.g. did iran deny it?",
            )
            .required(true)
            .max_length(500),
        )
}

/// The reply to `/ask`; an unanswered question is reported as a gap.
pub fn run(call: &Call) -> Reply {
    let question = call.opt("question");
    if let Some(f) = converse::follow_up(question) {
        let text = call.memory.resolve(&call.engine.kb, call.conversation(), f);
        return reply::interaction_text(&text, false).into();
    }
    match converse::respond(call.engine, question) {
        // Greetings, help, "who is X", timelines: shown to the asker only.
        Said::Text(text) => reply::interaction_text(&text, true).into(),
        Said::Answer(a) => {
            call.memory.remember(call.conversation(), &a);
            Reply {
                message: reply::interaction_answer(&a),
                gap: (!a.answered).then(|| question.to_string()),
            }
        }
    }
}
