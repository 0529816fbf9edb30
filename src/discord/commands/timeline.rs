//! `/timeline [actor] [topic] [from] [to]` — the dated events in order, a
//! page at a time with Previous/Next buttons; actor and topic autocomplete.

use serenity::all::{
    ButtonStyle, CommandOptionType, CreateActionRow, CreateButton, CreateCommand,
    CreateCommandOption, CreateInteractionResponseMessage,
};

use super::{Call, Reply};
use crate::discord::reply::{self, EmbedSpec};
use crate::engine::Engine;
use crate::knowledge::KnowledgeBase;
use crate::lookup::{self, Choice};
use crate::timeline::{self, Query, Timeline};

pub const NAME: &str = "timeline";

/// Events per page: five fields of a quote each stay well inside 6,000 characters.
pub const PER_PAGE: usize = 5;

/// Prefix of the paging buttons' custom ids.
const BUTTON_PREFIX: &str = "tl";

pub fn register() -> CreateCommand {
    CreateCommand::new(NAME)
        .description("The dated events of the story, oldest first")
        .add_option(
            CreateCommandOption::new(
                CommandOptionType::String,
                "actor",
                "Only events this person or body took part in",
            )
            .set_autocomplete(true),
        )
        .add_option(
            CreateCommandOption::new(
                CommandOptionType::String,
                "topic",
                "Only events on this topic",
            )
            .set_autocomplete(true),
        )
        .add_option(CreateCommandOption::new(
            CommandOptionType::String,
            "from",
            "On or after this date: YYYY, YYYY-MM or YYYY-MM-DD",
        ))
        .add_option(CreateCommandOption::new(
            CommandOptionType::String,
            "to",
            "On or before this date",
        ))
}

/// Autocomplete choices for the focused option.
pub fn autocomplete(engine: &Engine, option: &str, typed: &str) -> Vec<Choice> {
    match option {
        "actor" => lookup::complete_actors(&engine.kb, typed),
        "topic" => lookup::complete_topics(&engine.kb, typed),
        _ => Vec::new(),
    }
}

/// Page `page` of the timeline for `q`: an embed with Previous/Next buttons,
/// or an ephemeral explanation when the request cannot be answered.
/// `/timeline` as typed: the first page for the options given.
pub fn run_command(call: &Call) -> Reply {
    let opt = |name| super::option_str(call.cmd, name).map(str::to_string);
    let q = Query {
        actor: opt("actor"),
        topic: opt("topic"),
        from: opt("from"),
        to: opt("to"),
    };
    run(call.engine, &q, 0).into()
}

pub fn run(engine: &Engine, q: &Query, page: usize) -> CreateInteractionResponseMessage {
    match timeline::select(&engine.kb, q) {
        Ok(t) => {
            let (spec, rows) = page_view(&engine.kb, &t, page);
            reply::interaction_embed(reply::embed(&spec), rows, false)
        }
        Err(e) => reply::interaction_text(&format!("{e}"), true),
    }
}

/// The embed and buttons of one page.
pub fn page_view(
    kb: &KnowledgeBase,
    t: &Timeline<'_>,
    page: usize,
) -> (EmbedSpec, Vec<CreateActionRow>) {
    let p = timeline::page(t.events.len(), PER_PAGE, page);
    let mut filters = Vec::new();
    if let Some(a) = t.actor {
        filters.push(a.name.clone());
    }
    if let Some(tp) = t.topic {
        filters.push(tp.title.clone());
    }
    if let Some(f) = &t.from {
        filters.push(format!("from {f}"));
    }
    if let Some(to) = &t.to {
        filters.push(format!("to {to}"));
    }
    let title = if filters.is_empty() {
        "Timeline".to_string()
    } else {
        format!("Timeline: {}", filters.join(", "))
    };
    let fields = t.events[p.start..p.end]
        .iter()
        .map(|e| {
            let mut value = reply::escape_markdown(&e.title);
            if let Some(card) = e
                .evidence
                .first()
                .and_then(|id| kb.fact(id))
                .and_then(|f| crate::answer::card(kb, f, 1.0))
            {
                let tail = format!(
                    "\n{}\n{}",
                    reply::attribution(&card),
                    reply::escape_markdown(&reply::source(&card))
                );
                value.push('\n');
                value.push_str(&reply::quote_block(&card.quote, &tail, 700));
            }
            (e.date.human(), value)
        })
        .collect();
    let spec = EmbedSpec {
        title,
        description: if t.events.is_empty() {
            "No events match. Try fewer filters.".to_string()
        } else {
            String::new()
        },
        fields,
        footer: format!(
            "page {} of {} · {} event(s)",
            p.number + 1,
            p.count,
            t.events.len()
        ),
        ..Default::default()
    };
    let rows = if p.count > 1 {
        let id = |n: usize| custom_id(t, n);
        match (id(p.number.saturating_sub(1)), id(p.number + 1)) {
            (Some(prev), Some(next)) => vec![CreateActionRow::Buttons(vec![
                CreateButton::new(prev)
                    .label("Previous")
                    .style(ButtonStyle::Secondary)
                    .disabled(p.number == 0),
                CreateButton::new(next)
                    .label("Next")
                    .style(ButtonStyle::Secondary)
                    .disabled(p.number + 1 >= p.count),
            ])],
            _ => Vec::new(), // filters too long to carry in a button
        }
    } else {
        Vec::new()
    };
    (spec, rows)
}

/// `tl:<page>:<actor id>:<topic id>:<from>:<to>` — the resolved request,
/// so a click needs no stored state. `None` past Discord's 100 characters.
pub fn custom_id(t: &Timeline<'_>, page: usize) -> Option<String> {
    let id = format!(
        "{BUTTON_PREFIX}:{page}:{}:{}:{}:{}",
        t.actor.map_or("", |a| a.id.as_str()),
        t.topic.map_or("", |tp| tp.id.as_str()),
        t.from.map(|d| d.to_string()).unwrap_or_default(),
        t.to.map(|d| d.to_string()).unwrap_or_default(),
    );
    (id.len() <= reply::limit::CUSTOM_ID).then_some(id)
}

/// Reads a paging button's custom id back into (query, page).
pub fn parse_custom_id(id: &str) -> Option<(Query, usize)> {
    let mut parts = id.split(':');
    if parts.next()? != BUTTON_PREFIX {
        return None;
    }
    let page = parts.next()?.parse().ok()?;
    let mut field = || parts.next().filter(|s| !s.is_empty()).map(str::to_string);
    let q = Query {
        actor: field(),
        topic: field(),
        from: field(),
        to: field(),
    };
    Some((q, page))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kb() -> KnowledgeBase {
        crate::knowledge::load_dir(std::path::Path::new("knowledge")).expect("shipped base")
    }

    #[test]
    fn custom_id_round_trips() {
        let kb = kb();
        let q = Query {
            actor: Some("khatibzade".into()),
            topic: Some("sanctions".into()),
            from: Some("2021".into()),
            to: None,
        };
        let t = timeline::select(&kb, &q).unwrap();
        let id = custom_id(&t, 2).unwrap();
        assert_eq!(id, "tl:2:khatibzadeh:sanctions:2021:");
        let (back, page) = parse_custom_id(&id).unwrap();
        assert_eq!(page, 2);
        assert_eq!(back.actor.as_deref(), Some("khatibzadeh"));
        assert_eq!(back.to, None);
    }

    #[test]
    fn page_view_pages_and_disables_ends() {
        let kb = kb();
        let t = timeline::select(&kb, &Query::default()).unwrap();
        assert!(t.events.len() > PER_PAGE);
        let (spec, rows) = page_view(&kb, &t, 0);
        assert_eq!(spec.fields.len(), PER_PAGE);
        assert_eq!(spec.fields[0].0, "2015");
        assert!(spec.footer.starts_with("page 1 of "));
        let v = serde_json::to_value(&rows).unwrap();
        assert_eq!(v[0]["components"][0]["disabled"], true);
        assert_eq!(v[0]["components"][1]["disabled"], false);
    }

    #[test]
    fn parse_custom_id_rejects_other_buttons() {
        assert!(parse_custom_id("fact:khatibzadeh-fabricated").is_none());
        assert!(parse_custom_id("tl:x:::").is_none());
    }
}
