//! The `dispute-bot` binary: flags and wiring only; the work is in the library.

use std::io::{IsTerminal, Write};
use std::path::Path;
use std::process::ExitCode;

use anyhow::{Context, Result, bail};
use clap::Parser;

use dispute_bot::answer::answer;
use dispute_bot::chat;
use dispute_bot::config::Config;
use dispute_bot::engine::Engine;
use dispute_bot::knowledge::{self, KnowledgeBase};
use dispute_bot::lookup::{self, Found};
use dispute_bot::reload;
use dispute_bot::render::{json, text};
use dispute_bot::state::LiveBase;
use dispute_bot::timeline::{self, Query};
use std::sync::Arc;

mod cli;

use cli::{AskArgs, Cli, Command, NewWhat, SourcesAction, SourcesAddArgs, TimelineArgs};
use dispute_bot::authoring::{self, QuoteSearch};

fn main() -> ExitCode {
    let cli = Cli::parse();
    if !matches!(cli.command, Some(Command::Serve)) {
        die_quietly_on_closed_pipe();
    }
    init_logging(cli.verbose);
    match run(cli) {
        Ok(code) => code,
        Err(e) => {
            eprintln!("error: {e:#}");
            ExitCode::FAILURE
        }
    }
}

/// `dispute-bot check | head -1` must end quietly when `head` closes the
/// pipe, as Unix tools do, instead of panicking on the failed write. Not
/// for `serve`, whose sockets must see EPIPE as an error, not a signal.
fn die_quietly_on_closed_pipe() {
    #[cfg(unix)]
    // SAFETY: restoring the default disposition of SIGPIPE before any
    // thread is started; no handler of ours is involved.
    unsafe {
        libc::signal(libc::SIGPIPE, libc::SIG_DFL);
    }
}

fn init_logging(verbose: u8) {
    // serenity's own warnings repeat what our errors already say (a rejected
    // token, a failed gateway lookup); -v brings them back.
    let default = match verbose {
        0 => "warn,serenity=error",
        1 => "info,serenity=warn",
        _ => "debug",
    };
    let filter = tracing_subscriber::EnvFilter::try_from_default_env()
        .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new(default));
    tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_writer(std::io::stderr)
        .with_ansi(std::io::stderr().is_terminal())
        .init();
}

/// Where the configuration is read from when `--config` is not given.
const DEFAULT_CONFIG: &str = "config.toml";

fn run(cli: Cli) -> Result<ExitCode> {
    // The default file may be absent (every setting then defaults); a file
    // named on the command line must exist.
    let config = match &cli.config {
        Some(path) => Config::load(path, true),
        None => Config::load(Path::new(DEFAULT_CONFIG), false),
    }
    .context("loading the configuration")?;
    let dir = cli
        .knowledge
        .clone()
        .unwrap_or(config.knowledge.dir.clone());
    match cli.command.unwrap_or(Command::Chat) {
        Command::Check { fix } => {
            if fix {
                ensure_knowledge_dir(&dir)?;
                let report = authoring::fix_quotes(&dir)?;
                print!("{report}");
            }
            check(&dir)
        }
        Command::Serve => serve(&config, &dir),
        Command::Sources {
            action: SourcesAction::Add(args),
        } => sources_add(&dir, &args),
        Command::Sources {
            action: SourcesAction::List,
        } => {
            print!("{}", text::sources(&load_for_authoring(&dir)?));
            Ok(ExitCode::SUCCESS)
        }
        Command::Sources {
            action: SourcesAction::Show { id },
        } => {
            let kb = load_for_authoring(&dir)?;
            let s = authoring::source(&kb, &id)?;
            println!("{} — “{}” ({})", s.id, s.headline, s.published_label());
            for p in &s.paragraphs {
                println!("¶{} {}", p.number, p.text);
            }
            Ok(ExitCode::SUCCESS)
        }
        Command::Quote { source_id, text } => {
            quote(&load_for_authoring(&dir)?, &source_id, &text.join(" "))
        }
        Command::New {
            what: NewWhat::Fact { source, paragraph },
        } => {
            print!(
                "{}",
                authoring::fact_skeleton(&load_for_authoring(&dir)?, &source, paragraph)?
            );
            Ok(ExitCode::SUCCESS)
        }
        Command::New {
            what: NewWhat::Entity { name },
        } => {
            let kb = load_for_authoring(&dir)?;
            print!("{}", authoring::entity_skeleton(&kb, &name.join(" ")));
            Ok(ExitCode::SUCCESS)
        }
        Command::New {
            what: NewWhat::Event { evidence },
        } => {
            let kb = load_for_authoring(&dir)?;
            print!("{}", authoring::event_skeleton(&kb, &evidence)?);
            Ok(ExitCode::SUCCESS)
        }
        Command::Gaps { since, top } => gaps_cmd(&config, since.as_deref(), top, &dir),
        Command::Diff { base } => diff_cmd(&config, &dir, base.as_deref()),
        Command::Coverage => {
            print!("{}", authoring::coverage(&load_for_authoring(&dir)?));
            Ok(ExitCode::SUCCESS)
        }
        Command::Chat => {
            let live = Arc::new(LiveBase::new(load(&dir)?, &dir));
            // Reload notices go to stderr so they never mix into answers.
            let _watcher = if config.knowledge.watch {
                Some(
                    reload::watch(Arc::clone(&live), |r| eprintln!("[knowledge] {r}"))
                        .context("watching the knowledge directory")?,
                )
            } else {
                None
            };
            let stdin = std::io::stdin();
            let session = chat::Session::logging_to(dispute_bot::gaps::GapLog::new(
                &config.data.dir,
                config.data.gaps_max_bytes,
            ));
            if stdin.is_terminal() && std::io::stdout().is_terminal() {
                let history = config.data.dir.join("chat_history.txt");
                let no_color = std::env::var("NO_COLOR").ok();
                let colour = dispute_bot::console::use_colour(true, no_color.as_deref());
                chat::run_terminal(&live, session, &history, colour).context("console I/O")?;
            } else {
                let interactive = stdin.is_terminal();
                chat::run(
                    &live,
                    session,
                    stdin.lock(),
                    std::io::stdout().lock(),
                    interactive,
                )
                .context("console I/O")?;
            }
            Ok(ExitCode::SUCCESS)
        }
        Command::Ask(args) => ask(&Engine::new(load(&dir)?), &args),
        Command::Timeline(args) => timeline_cmd(&load(&dir)?, &args),
        Command::Who { name } => {
            let kb = load(&dir)?;
            let name = name.join(" ");
            match lookup::entity(&kb, &name) {
                Found::One(e) => {
                    print!("{}", text::entity_card(&kb, e, &lookup::mentions(&kb, e)));
                    Ok(ExitCode::SUCCESS)
                }
                Found::NotFound { suggestions } => bail!(not_found(
                    "person or organisation",
                    &name,
                    &suggestions,
                    "dispute-bot who"
                )),
            }
        }
        Command::Source { fact_id } => {
            let kb = load(&dir)?;
            match lookup::fact(&kb, &fact_id) {
                Found::One(f) => {
                    let s = kb
                        .source(&f.source)
                        .context("fact names an unknown source")?;
                    print!("{}", text::source_view(f, s));
                    Ok(ExitCode::SUCCESS)
                }
                Found::NotFound { suggestions } => bail!(not_found(
                    "fact",
                    &fact_id,
                    &suggestions,
                    "dispute-bot source"
                )),
            }
        }
    }
}

fn serve(config: &Config, dir: &Path) -> Result<ExitCode> {
    let live = Arc::new(LiveBase::new(load(dir)?, dir));
    let runtime = tokio::runtime::Runtime::new().context("starting the async runtime")?;
    runtime.block_on(dispute_bot::discord::serve(config, live))?;
    Ok(ExitCode::SUCCESS)
}

fn not_found(what: &str, name: &str, suggestions: &[String], command: &str) -> String {
    match suggestions.first() {
        Some(best) => format!(
            "no {what} called `{name}`; did you mean {}? Try: {command} {best}",
            suggestions.join(", ")
        ),
        None => format!("no {what} called `{name}`"),
    }
}

/// One clear error when `dir` is not a knowledge directory at all (a file,
/// or nothing: run from elsewhere than the repository root), instead of a
/// problem for every file that is then "missing".
fn ensure_knowledge_dir(dir: &Path) -> Result<()> {
    let why = match std::fs::metadata(dir) {
        Ok(m) if m.is_dir() => return Ok(()),
        Ok(_) => "it is a file, not a directory".to_string(),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => "it does not exist".to_string(),
        Err(e) => e.to_string(),
    };
    bail!(
        "no knowledge directory at {} ({why}). Run dispute-bot from the repository root (where config.toml is), pass --knowledge DIR, or set `dir` under [knowledge] in config.toml",
        knowledge::files::absolute(dir)
    )
}

/// The base for the authoring tools (`quote`, `new fact`): they need only
/// the articles, so they work on a broken base — the very moment `check`
/// tells an admin to run them — and say how many problems they saw.
fn load_for_authoring(dir: &Path) -> Result<KnowledgeBase> {
    ensure_knowledge_dir(dir)?;
    let (kb, problems) = knowledge::load_partial(dir);
    if !problems.is_empty() {
        eprintln!(
            "note: the knowledge base has {} problem(s) (`dispute-bot check` lists them); \
             this command needs only the articles, so it goes on",
            problems.len()
        );
    }
    Ok(kb)
}

/// Loads the knowledge base, printing every problem when it is invalid.
fn load(dir: &Path) -> Result<KnowledgeBase> {
    ensure_knowledge_dir(dir)?;
    match knowledge::load_dir(dir) {
        Ok(kb) => Ok(kb),
        Err(problems) => {
            for p in &problems {
                eprintln!("{}", located(dir, p));
            }
            bail!(
                "the knowledge base in {} has {} problem(s); fix them (run `dispute-bot check` to list them again)",
                dir.display(),
                problems.len()
            )
        }
    }
}

fn located(dir: &std::path::Path, p: &knowledge::Problem) -> String {
    if Path::new(&p.file).is_absolute() {
        p.to_string()
    } else {
        format!("{}/{p}", dir.display())
    }
}

fn check(dir: &Path) -> Result<ExitCode> {
    ensure_knowledge_dir(dir)?;
    match knowledge::load_dir(dir) {
        Ok(kb) => {
            let held = if kb.held_back > 0 {
                format!(
                    "; {} fact(s) of draft sources checked but not served",
                    kb.held_back
                )
            } else {
                String::new()
            };
            println!(
                "ok: {} in {} (version {}){held}",
                kb.counts(),
                dir.display(),
                kb.fingerprint
            );
            Ok(ExitCode::SUCCESS)
        }
        Err(problems) => {
            for p in &problems {
                println!("{}", located(dir, p));
            }
            println!(
                "\n{} problem(s) found; nothing was changed.",
                problems.len()
            );
            Ok(ExitCode::FAILURE)
        }
    }
}

fn ask(engine: &Engine, args: &AskArgs) -> Result<ExitCode> {
    let mut out = std::io::stdout().lock();
    let emit = |question: &str, out: &mut std::io::StdoutLock<'_>| -> Result<()> {
        let a = answer(engine, question);
        if args.explain {
            write!(out, "{}", explain(engine, question))?;
        }
        if args.json {
            serde_json::to_writer(&mut *out, &a).context("writing JSON")?;
            writeln!(out)?;
        } else {
            writeln!(out, "{}", text::answer(&a))?;
        }
        out.flush()?;
        Ok(())
    };
    if args.stdin {
        // One output line per input line, blank ones included, so line N
        // of the output always answers line N of the input.
        for line in dispute_bot::input::lossy_lines(std::io::stdin().lock()) {
            let line = line.context("reading stdin")?;
            emit(&line, &mut out)?;
        }
    } else {
        emit(&args.question.join(" "), &mut out)?;
    }
    Ok(ExitCode::SUCCESS)
}

fn timeline_cmd(kb: &KnowledgeBase, args: &TimelineArgs) -> Result<ExitCode> {
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

/// Why a question got its answer: terms understood, the frame, the top
/// candidates' scores, and the decision model's features and probability.
fn explain(engine: &Engine, question: &str) -> String {
    use dispute_bot::matcher::decide;
    use dispute_bot::matcher::lexicon::Word;
    let index = &engine.index;
    let mut out = String::from("understood as:");
    for w in index.lexicon.analyze(question) {
        match w {
            Word::Known {
                term,
                repaired_from,
            } => {
                let name = index.lexicon.name(term);
                let repaired = repaired_from
                    .map(|r| format!(" (typed {r})"))
                    .unwrap_or_default();
                out.push_str(&format!(" {name}[{:.2}]{repaired}", index.idf(term)));
            }
            Word::Unknown(s) => out.push_str(&format!(" ?{s}")),
        }
    }
    out.push('\n');
    let m = dispute_bot::matcher::score::search(index, question);
    out.push_str(&format!(
        "frame: {}; unknown words: {} name(s), {} common\n",
        m.frame.map_or("none", |t| t.label()),
        m.unknown_names,
        m.unknown_common
    ));
    for s in m.ranked.iter().take(5) {
        let id = engine.kb.facts.get(s.fact).map_or("?", |f| f.id.as_str());
        out.push_str(&format!(
            "  {:.2} = coverage {:.2}, similarity {:.2}, focus {:.2}{}: {id}\n",
            s.confidence,
            s.coverage,
            s.similarity,
            s.focus + 0.0, // never "-0.00"
            if s.carries_frame {
                ", carries the asked answer"
            } else {
                ""
            }
        ));
    }
    let x = decide::features(&m);
    let shown: Vec<String> = decide::FEATURES
        .iter()
        .zip(x)
        .map(|(name, v)| format!("{name} {v:.2}"))
        .collect();
    out.push_str(&format!("features: {}\n", shown.join(", ")));
    let p = decide::probability(&m);
    out.push_str(&format!(
        "model: probability {p:.2} the best candidate answers; threshold {:.2} → {}\n",
        decide::THRESHOLD,
        if p >= decide::THRESHOLD {
            "answer"
        } else {
            "abstain"
        }
    ));
    out
}

/// The knowledge directory `dir` as committed at git HEAD.
fn committed(dir: &Path) -> Result<KnowledgeBase> {
    let git = |args: &[&str]| -> Result<Vec<u8>> {
        let out = std::process::Command::new("git")
            .arg("-C")
            .arg(dir)
            .args(args)
            .output()
            .context(
                "running git (needed to compare with the committed base; or pass --base DIR)",
            )?;
        if !out.status.success() {
            bail!(
                "git {}: {} (pass --base DIR to compare with a directory instead)",
                args.join(" "),
                String::from_utf8_lossy(&out.stderr).trim()
            );
        }
        Ok(out.stdout)
    };
    let names = git(&["ls-tree", "-r", "-z", "--name-only", "HEAD", "."])?;
    let mut files = Vec::new();
    for name in names.split(|b| *b == 0).filter(|n| !n.is_empty()) {
        let rel = String::from_utf8_lossy(name).into_owned();
        let bytes = git(&["show", &format!("HEAD:./{rel}")])?;
        files.push(knowledge::files::KnowledgeFile { path: rel, bytes });
    }
    knowledge::validate::build(&files).map_err(|p| {
        anyhow::anyhow!(
            "the committed knowledge base has {} problem(s); compare with --base DIR instead",
            p.len()
        )
    })
}

/// `diff`: which answers the working copy changes.
fn diff_cmd(config: &Config, dir: &Path, base: Option<&Path>) -> Result<ExitCode> {
    let after = Engine::new(load(dir)?);
    let (label, before) = match base {
        Some(b) => (b.display().to_string(), Engine::new(load(b)?)),
        None => ("git HEAD".to_string(), Engine::new(committed(dir)?)),
    };
    let mut questions = dispute_bot::compare::example_questions(&before, &after);
    let sets = dir
        .parent()
        .unwrap_or(Path::new("."))
        .join("tests/questions");
    if let Ok(entries) = std::fs::read_dir(&sets) {
        let mut paths: Vec<_> = entries.flatten().map(|e| e.path()).collect();
        paths.sort();
        for p in paths {
            if let Ok(set) = dispute_bot::eval::read_set(&p) {
                questions.extend(set.into_iter().map(|q| q.text));
            }
        }
    }
    if let Ok((gaps, _)) = dispute_bot::gaps::read_all(&config.data.dir) {
        questions.extend(gaps.into_iter().map(|g| g.question));
    }
    let changes = dispute_bot::compare::changes(&before, &after, &questions);
    println!(
        "{label} (version {}) → working copy (version {}): {} answer(s) change",
        before.kb.fingerprint,
        after.kb.fingerprint,
        changes.len()
    );
    for c in &changes {
        println!("  {c}");
    }
    Ok(ExitCode::SUCCESS)
}

/// The unanswered questions, grouped, most asked first.
fn gaps_cmd(config: &Config, since: Option<&str>, top: usize, dir: &Path) -> Result<ExitCode> {
    if let Some(s) = since {
        dispute_bot::knowledge::FuzzyDate::parse(s).context("--since")?;
    }
    let engine = Engine::new(load(dir)?);
    let (gaps, skipped) = dispute_bot::gaps::read_all(&config.data.dir)
        .with_context(|| format!("reading the gaps log in {}", config.data.dir.display()))?;
    let groups = dispute_bot::gaps::group(&gaps, since, &engine.index.lexicon);
    if groups.is_empty() {
        println!(
            "No unanswered questions logged in {}.",
            config.data.dir.display()
        );
    }
    for g in groups.iter().take(top) {
        // Questions an edit has since made answerable are marked, so the
        // list shows what is left to do.
        let a = answer(&engine, &g.example);
        let now = match a.answers.first().filter(|_| a.answered) {
            Some(c) => format!("  ✓ now answered by {}", c.fact_id),
            None => String::new(),
        };
        println!("{:>5}× {}  (last {}){now}", g.count, g.example, g.last_time);
    }
    if skipped > 0 {
        eprintln!("note: skipped {skipped} unreadable line(s) in the gaps log");
    }
    Ok(ExitCode::SUCCESS)
}

/// Copies an article in and writes its metadata; refuses to overwrite.
fn sources_add(dir: &Path, args: &SourcesAddArgs) -> Result<ExitCode> {
    let mut bytes =
        std::fs::read(&args.file).with_context(|| format!("reading {}", args.file.display()))?;
    // A byte-order mark is not part of the article: `check` would refuse it
    // later, so drop it now and say so.
    if bytes.starts_with(&[0xEF, 0xBB, 0xBF]) {
        bytes.drain(..3);
        eprintln!("note: removed a byte-order mark (BOM) from the start of the file");
    }
    let text = std::str::from_utf8(&bytes).map_err(|e| {
        anyhow::anyhow!(
            "{} is not UTF-8 (byte {}): save it as UTF-8 first",
            args.file.display(),
            e.valid_up_to()
        )
    })?;
    let new = authoring::NewSource {
        id: args.id.clone(),
        headline: args.headline.clone(),
        outlet: args.outlet.clone(),
        published: args.published.clone(),
        url: args.url.clone(),
    };
    let meta = authoring::source_metadata(&new, text)?;
    // The same article twice would duplicate every fact's ground.
    if let Ok(entries) = std::fs::read_dir(dir.join("sources")) {
        for e in entries.flatten() {
            let path = e.path();
            let same_id = path.file_stem().is_some_and(|s| s == args.id.as_str());
            if !same_id
                && path.extension().is_some_and(|x| x == "txt")
                && std::fs::read(&path).is_ok_and(|existing| existing == bytes)
            {
                bail!(
                    "this article is already stored as {}; use that source id instead of adding it again",
                    path.display()
                );
            }
        }
    }
    let sources = dir.join("sources");
    let txt = sources.join(format!("{}.txt", args.id));
    let toml = sources.join(format!("{}.toml", args.id));
    for p in [&txt, &toml] {
        if p.exists() {
            bail!(
                "{} already exists; choose another --id or remove it first",
                p.display()
            );
        }
    }
    std::fs::create_dir_all(&sources).with_context(|| format!("creating {}", sources.display()))?;
    std::fs::write(&txt, &bytes).with_context(|| format!("writing {}", txt.display()))?;
    std::fs::write(&toml, meta).with_context(|| format!("writing {}", toml.display()))?;
    println!("Added {} and {}.\n", txt.display(), toml.display());
    print!("{}", authoring::numbered(text));
    println!(
        "\nNext: dispute-bot new fact --source {} --paragraph N   (then `dispute-bot check`)",
        args.id
    );
    Ok(ExitCode::SUCCESS)
}

/// Where a quote stands in a source; exit 1 when it is not verbatim.
fn quote(kb: &KnowledgeBase, source_id: &str, text: &str) -> Result<ExitCode> {
    let source = authoring::source(kb, source_id)?;
    match authoring::find_quote(source, text) {
        QuoteSearch::Verbatim {
            paragraph,
            start,
            end,
        } => {
            println!(
                "verbatim in paragraph {paragraph}, characters {}–{end}",
                start + 1
            );
            println!("source = \"{source_id}\"\nparagraph = {paragraph}");
            Ok(ExitCode::SUCCESS)
        }
        QuoteSearch::Closest(passages) => {
            println!("not verbatim in {source_id}. Closest passages:");
            for c in passages {
                let diff = c.first_difference.map_or(String::new(), |(i, q, a)| {
                    format!(
                        " — differs at character {}: you have {}, the article {}",
                        i + 1,
                        dispute_bot::knowledge::source_text::describe_char(q),
                        dispute_bot::knowledge::source_text::describe_char(a)
                    )
                });
                println!(
                    "  ¶{} ({:.0}% alike{diff}):\n    {}",
                    c.paragraph,
                    c.similarity * 100.0,
                    c.passage
                );
            }
            Ok(ExitCode::FAILURE)
        }
    }
}
