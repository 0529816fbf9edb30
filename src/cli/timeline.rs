//! `timeline`: the dated events, filtered, as text or JSON.

use std::process::ExitCode;

use anyhow::{Context, Result};

use super::args::TimelineArgs;
use dispute_bot::knowledge::KnowledgeBase;
use dispute_bot::render::{json, text};
use dispute_bot::timeline::{self, Query};

pub fn timeline_cmd(kb: &KnowledgeBase, args: &TimelineArgs) -> Result<ExitCode> {
    let q = Query {
        actor: args.actor.clone(),
        topic: args.topic.clone(),
        from: args.from.clone(),
        to: args.to.clone(),
    };
    let t = timeline::select(kb, &q).context("selecting the timeline")?;
    if args.json {
        println!("{}", serde_json::to_string_pretty(&json::timeline(kb, &t))?);
    } else {
        print!("{}", text::timeline(kb, &t));
    }
    Ok(ExitCode::SUCCESS)
}
