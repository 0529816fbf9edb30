//! dispute-bot: answers questions about the 2020–2021 dispute between Iran
//! and US officials over election interference with verbatim, sourced quotes.
//!
//! The core (knowledge, matching, answers, timeline, rendering) is pure and
//! knows nothing of Discord or the terminal; front ends translate.

pub mod answer;
pub mod authoring;
pub mod chat;
pub mod compare;
pub mod config;
pub mod console;
pub mod converse;
pub mod discord;
pub mod engine;
pub mod eval;
pub mod gaps;
pub mod input;
pub mod knowledge;
pub mod lookup;
pub mod matcher;
pub mod reload;
pub mod render;
pub mod state;
pub mod timeline;
