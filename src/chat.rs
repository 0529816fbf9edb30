//! The console front end: the same answers the bot gives, typed at a prompt.
//! Plain lines are questions; `/timeline`, `/who`, `/source`, `/sources`,
//! `/about` and `/help` work as in Discord.

use std::io::{BufRead, Write};

use crate::answer::answer;
use crate::converse::Said;
use crate::engine::Engine;
use crate::lookup::{self, Found};
use crate::render::text;
use crate::state::LiveBase;
use crate::timeline::{self, Query};

/// What the console should do with one line of input.
#[derive(Debug, Clone, PartialEq)]
pub enum Reply {
    Text(String),
    Quit,
    Nothing,
}

/// The help text: every command, once.
pub const HELP: &str = "\
Ask anything about Iran and the US over interference in the 2020 US election
and the 2021 sanctions; I answer with exact quotes from news articles.

  <question>                     e.g. did iran deny it?
  /timeline [actor:NAME] [topic:TOPIC] [from:YYYY-MM-DD] [to:YYYY-MM-DD]
  /who NAME                      who someone is and what they said
  /source FACT_ID                a quote in its full paragraph
  /topics, /actors               what /timeline can filter by
  /sources                       the articles every quote comes from
  /about                         what I cover
  /reload                        re-read the knowledge files now
  /help                          this text
  /quit                          leave (or Ctrl-D)
";

/// What one run of `chat` remembers: its last answer, for follow-ups; and
/// where it logs questions it could not answer, like the bot does.
#[derive(Debug, Default)]
pub struct Session {
    last: Option<crate::converse::Context>,
    gaps: Option<crate::gaps::GapLog>,
}

impl Session {
    /// A session logging unanswered questions to `gaps`.
    pub fn logging_to(gaps: crate::gaps::GapLog) -> Self {
        Session {
            last: None,
            gaps: Some(gaps),
        }
    }
}

/// Responds to one line, answering from the base in service now.
pub fn respond(live: &LiveBase, session: &mut Session, line: &str) -> Reply {
    let line = line.trim();
    if line.eq_ignore_ascii_case("/reload") {
        return Reply::Text(format!("{}\n", live.reload()));
    }
    let engine = live.engine();
    let engine = &*engine;
    if line.is_empty() {
        return Reply::Nothing;
    }
    let Some(command) = line.strip_prefix('/') else {
        if let Some(f) = crate::converse::follow_up(line) {
            let text = crate::converse::followup::resolve(&engine.kb, session.last.as_mut(), f);
            return Reply::Text(format!("{}\n", text.trim_end()));
        }
        return Reply::Text(match crate::converse::respond(engine, line) {
            Said::Text(t) => format!("{}\n", t.trim_end()),
            Said::Answer(a) => {
                if let Some(ctx) = crate::converse::Context::of(&a) {
                    session.last = Some(ctx);
                }
                if !a.answered
                    && let Some(log) = &session.gaps
                {
                    // Where the question came from is none of the log's business.
                    let _ = log.record(&crate::gaps::Gap::now(line, None, None));
                }
                text::answer(&a)
            }
        });
    };
    let (name, rest) = command
        .split_once(char::is_whitespace)
        .unwrap_or((command, ""));
    let rest = rest.trim();
    let kb = &engine.kb;
    Reply::Text(match name.to_lowercase().as_str() {
        "quit" | "exit" | "q" => return Reply::Quit,
        "help" | "h" | "?" => HELP.to_string(),
        "about" => about(engine),
        "sources" => text::sources(kb),
        "topics" => text::topics(kb),
        "actors" => text::actors(kb),
        "ask" => text::answer(&answer(engine, rest)),
        "timeline" => match timeline::select(kb, &parse_options(rest)) {
            Ok(t) => text::timeline(kb, &t),
            Err(e) => format!("{e}\n"),
        },
        "who" if rest.is_empty() => "Usage: /who NAME, e.g. /who khatibzadeh\n".to_string(),
        "who" => match lookup::entity(kb, rest) {
            Found::One(e) => text::entity_card(kb, e, &lookup::mentions(kb, e)),
            Found::NotFound { suggestions } => {
                not_found("person or organisation", rest, &suggestions)
            }
        },
        "source" if rest.is_empty() => {
            "Usage: /source FACT_ID (fact ids are shown under each answer)\n".to_string()
        }
        "source" => match lookup::fact(kb, rest) {
            Found::One(f) => match kb.source(&f.source) {
                Some(s) => text::source_view(f, s),
                None => format!("fact {} names an unknown source\n", f.id),
            },
            Found::NotFound { suggestions } => not_found("fact", rest, &suggestions),
        },
        other => format!("Unknown command /{other}. Type /help for the list.\n"),
    })
}

fn not_found(what: &str, name: &str, suggestions: &[String]) -> String {
    if suggestions.is_empty() {
        format!("No {what} called “{name}”.\n")
    } else {
        format!(
            "No {what} called “{name}”. Did you mean: {}?\n",
            suggestions.join(", ")
        )
    }
}

/// What the base covers, with counts and version.
pub fn about(engine: &Engine) -> String {
    format!(
        "dispute-bot {} — answers with verbatim quotes from {} about Iran, the US and the 2020 election.\n\
         Knowledge: {} (version {}).\n",
        env!("CARGO_PKG_VERSION"),
        text::articles_phrase(&engine.kb),
        engine.kb.counts(),
        engine.kb.fingerprint
    )
}

/// Parses `actor:X topic:Y from:D to:D`; a value runs until the next key,
/// so names may contain spaces (`actor: rafael grossi`). The command line's
/// spelling works too (`--from 2021`, `--to=2021-06`): people who know the
/// CLI type it here. Text before any key is taken as the actor.
pub fn parse_options(s: &str) -> Query {
    const KEYS: [&str; 4] = ["actor", "topic", "from", "to"];
    // ASCII lowercasing moves no byte, so a place found in `lower` is the
    // same place in `s`; full lowercasing can change a text's length ("İ"
    // becomes three bytes) and a slice of `s` there would panic.
    let lower = s.to_ascii_lowercase();
    // Each key's start and where its value starts.
    let mut marks: Vec<(usize, usize, &str)> = Vec::new();
    // A key counts only where a word starts.
    let mut starts_word = true;
    for (at, c) in lower.char_indices() {
        if starts_word {
            for key in KEYS {
                if let Some(len) = key_at(&lower[at..], key) {
                    marks.push((at, at + len, key));
                }
            }
        }
        starts_word = c.is_whitespace();
    }
    let mut q = Query::default();
    let head = marks.first().map_or(s.len(), |m| m.0);
    if !s[..head].trim().is_empty() {
        q.actor = Some(s[..head].trim().to_string());
    }
    for (i, &(_, value_at, key)) in marks.iter().enumerate() {
        let end = marks.get(i + 1).map_or(s.len(), |m| m.0);
        let value = s[value_at..end].trim().to_string();
        match key {
            "actor" => q.actor = Some(value),
            "topic" => q.topic = Some(value),
            "from" => q.from = Some(value),
            _ => q.to = Some(value),
        }
    }
    q
}

/// The length of `key` written as an option at the start of `text`:
/// `key:` or `--key` ending the word or followed by `=` or `:`.
fn key_at(text: &str, key: &str) -> Option<usize> {
    if let Some(after) = text.strip_prefix(key)
        && after.starts_with(':')
    {
        return Some(key.len() + 1);
    }
    let after = text.strip_prefix("--")?.strip_prefix(key)?;
    match after.chars().next() {
        None => Some(key.len() + 2),
        Some('=' | ':') => Some(key.len() + 3),
        Some(c) if c.is_whitespace() => Some(key.len() + 2),
        Some(_) => None,
    }
}

/// Runs the console until `/quit` or end of input. The prompt is shown only
/// when `interactive` (a terminal), so piped sessions produce clean output.
pub fn run(
    live: &LiveBase,
    mut session: Session,
    input: impl BufRead,
    mut output: impl Write,
    interactive: bool,
) -> std::io::Result<()> {
    if interactive {
        writeln!(
            output,
            "{}Type a question, or /help. Ctrl-D to leave.\n",
            about(&live.engine())
        )?;
        write!(output, "> ")?;
        output.flush()?;
    }
    for line in crate::input::lossy_lines(input) {
        match respond(live, &mut session, &line?) {
            Reply::Quit => break,
            Reply::Text(t) => writeln!(output, "{t}")?,
            Reply::Nothing => {}
        }
        if interactive {
            write!(output, "> ")?;
        }
        output.flush()?;
    }
    Ok(())
}

/// Runs the console at a terminal: line editing and history (arrow keys,
/// kept in `history` between runs), output wrapped to the terminal's width,
/// headings coloured unless `colour` is false.
pub fn run_terminal(
    live: &LiveBase,
    mut session: Session,
    history: &std::path::Path,
    colour: bool,
) -> std::io::Result<()> {
    use rustyline::error::ReadlineError;
    let io = |e: ReadlineError| std::io::Error::other(e.to_string());
    let mut rl = rustyline::DefaultEditor::new().map_err(io)?;
    let _ = rl.load_history(history); // a first run has none
    let show = |text: &str| {
        let width = crate::console::terminal_width().unwrap_or(crate::console::DEFAULT_WIDTH);
        let text = crate::console::wrap(text.trim_end(), width);
        let text = if colour {
            crate::console::paint(&text, &live.engine().kb.sides)
        } else {
            text
        };
        println!("{text}\n");
    };
    show(&format!(
        "{}Type a question, or /help. Up and down recall earlier questions; Ctrl-D leaves.",
        about(&live.engine())
    ));
    loop {
        match rl.readline(crate::console::PROMPT) {
            Ok(line) => {
                if !line.trim().is_empty() {
                    let _ = rl.add_history_entry(line.as_str());
                }
                match respond(live, &mut session, &line) {
                    Reply::Quit => break,
                    Reply::Text(t) => show(&t),
                    Reply::Nothing => {}
                }
            }
            Err(ReadlineError::Interrupted) => continue,
            Err(ReadlineError::Eof) => break,
            Err(e) => return Err(io(e)),
        }
    }
    if let Some(dir) = history.parent() {
        let _ = std::fs::create_dir_all(dir);
    }
    let _ = rl.save_history(history);
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parse_options_reads_keys_with_spaces() {
        let q = parse_options("actor: rafael grossi from:2021-01 to: 2021-12-31");
        assert_eq!(q.actor.as_deref(), Some("rafael grossi"));
        assert_eq!(q.from.as_deref(), Some("2021-01"));
        assert_eq!(q.to.as_deref(), Some("2021-12-31"));
        assert_eq!(q.topic, None);
    }

    #[test]
    fn parse_options_takes_bare_text_as_actor() {
        let q = parse_options("khatibzadeh topic:sanctions");
        assert_eq!(q.actor.as_deref(), Some("khatibzadeh"));
        assert_eq!(q.topic.as_deref(), Some("sanctions"));
    }

    #[test]
    fn parse_options_reads_the_command_lines_spelling() {
        let q = parse_options("--from 2021 --to=2021-06 --topic:sanctions --actor");
        assert_eq!(q.from.as_deref(), Some("2021"));
        assert_eq!(q.to.as_deref(), Some("2021-06"));
        assert_eq!(q.topic.as_deref(), Some("sanctions"));
        assert_eq!(q.actor.as_deref(), Some(""));
        // "--topic" is not "--to" followed by "pic".
        assert_eq!(
            parse_options("--topics x").actor.as_deref(),
            Some("--topics x")
        );
    }

    #[test]
    fn parse_options_keeps_its_places_in_text_lowercasing_lengthens() {
        // "İ" is two bytes and lowercases to three: the places of the keys
        // must be found in a text of the same length as the one sliced.
        let q = parse_options("İİİİİİ ACTOR: wray From:2020");
        assert_eq!(q.actor.as_deref(), Some("wray"));
        assert_eq!(q.from.as_deref(), Some("2020"));
        let q = parse_options("ẞẞ İ topic: İran");
        assert_eq!(q.actor.as_deref(), Some("ẞẞ İ"));
        assert_eq!(q.topic.as_deref(), Some("İran"));
    }

    #[test]
    fn parse_options_ignores_key_inside_word() {
        let q = parse_options("topic:sanctions-to:x");
        assert_eq!(q.topic.as_deref(), Some("sanctions-to:x"));
    }
}
