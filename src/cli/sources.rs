//! `sources add | list | show`: the articles.

use std::path::Path;
use std::process::ExitCode;

use anyhow::{Context, Result, bail};

use super::args::SourcesAddArgs;
use dispute_bot::authoring;

/// Copies an article in and writes its metadata; refuses to overwrite.
pub fn sources_add(dir: &Path, args: &SourcesAddArgs) -> Result<ExitCode> {
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

/// `sources list`: id, headline, outlet, date of every source.
pub fn list(dir: &Path) -> Result<ExitCode> {
    let kb = super::load::load_for_authoring(dir)?;
    print!("{}", dispute_bot::render::text::sources(&kb));
    Ok(ExitCode::SUCCESS)
}

/// `sources show ID`: a source's numbered paragraphs.
pub fn show(dir: &Path, id: &str) -> Result<ExitCode> {
    let kb = super::load::load_for_authoring(dir)?;
    let s = authoring::source(&kb, id)?;
    println!("{} — “{}” ({})", s.id, s.headline, s.published_label());
    for p in &s.paragraphs {
        println!("¶{} {}", p.number, p.text);
    }
    Ok(ExitCode::SUCCESS)
}
