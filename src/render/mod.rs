//! Turning answers, timelines and cards into text and JSON. Pure: data in,
//! strings out. Discord embeds are built from the same data in `discord/`.

pub mod json;
pub mod text;
