//! `/ask question:` — the answer as an embed, or an ephemeral "I don't know"
//! with "did you mean" buttons.

use serenity::all::{
    CommandOptionType, CreateCommand, CreateCommandOption, CreateInteractionResponseMessage,
};

use crate::answer::answer;
use crate::discord::reply;
use crate::engine::Engine;

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

/// The reply to `/ask`, and whether it was answered.
pub fn run(engine: &Engine, question: &str) -> (CreateInteractionResponseMessage, bool) {
    let a = answer(engine, question);
    (reply::interaction_answer(&a), a.answered)
}
