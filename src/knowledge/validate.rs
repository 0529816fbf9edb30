//! From files as written to a validated `KnowledgeBase`, reporting every
//! problem at once. Pure: bytes in, base or problems out.

use rayon::prelude::*;
use serde::de::DeserializeOwned;
use std::collections::{HashMap, HashSet};
use std::ops::Range;

use super::date::FuzzyDate;
use super::files::KnowledgeFile;
use super::model::*;
use super::problem::Problem;
use super::raw::*;
use super::source_text::{closest_passage, describe_char, find_verbatim, holds, split_paragraphs};

/// Files at the top of the knowledge directory, and what each holds.
const ENTITIES: &str = "entities.toml";
const TIMELINE: &str = "timeline.toml";
const TOPICS: &str = "topics.toml";
const SYNONYMS: &str = "synonyms.toml";
const SIDES: &str = "sides.toml";

/// How alike a repeated paragraph must be to the quote it repeats (share of
/// the quote's words found in it). The shipped article repeats one paragraph
/// with different punctuation and two changed words: 0.75 accepts that and
/// rejects pointing at an unrelated paragraph.
const REPEAT_MIN_OVERLAP: f64 = 0.75;

/// The kind of item a knowledge file holds, by its path.
fn kind_of(path: &str) -> Option<&'static str> {
    match path {
        ENTITIES => Some("entity"),
        TIMELINE => Some("event"),
        TOPICS => Some("topic"),
        SYNONYMS => Some("group"),
        SIDES => Some("side"),
        p if p.starts_with("facts/") && p.ends_with(".toml") => Some("fact"),
        p if p.starts_with("sources/") && p.ends_with(".toml") => Some("source"),
        _ => None,
    }
}

/// Builds the knowledge base from the files of the knowledge directory.
pub fn build(files: &[KnowledgeFile]) -> Result<KnowledgeBase, Vec<Problem>> {
    let (kb, problems) = build_partial(files);
    if problems.is_empty() {
        Ok(kb)
    } else {
        Err(problems)
    }
}

/// Everything of the base that reads and checks, with every problem: for
/// the authoring tools, which need only the articles and must work while
/// the base is broken (never served: `LiveBase` swaps in only `build`'s).
pub fn build_partial(files: &[KnowledgeFile]) -> (KnowledgeBase, Vec<Problem>) {
    let mut v = Validator::default();
    let texts = v.decode_all(files);
    v.read_all(&texts);
    let kb = v.assemble(&texts, files);
    (kb, v.problems)
}

#[derive(Default)]
struct Validator {
    problems: Vec<Problem>,
    facts: Vec<Item<RawFact>>,
    sources: Vec<Item<RawSource>>,
    entities: Vec<Item<RawEntity>>,
    events: Vec<Item<RawEvent>>,
    topics: Vec<Item<RawTopic>>,
    synonyms: Vec<Item<RawSynonymGroup>>,
    sides: Vec<Item<RawSide>>,
    /// Ids of items that failed to read, per kind, so we don't also report
    /// references to them as dangling.
    broken: HashMap<&'static str, HashSet<String>>,
    /// Kinds with a file that could not be read at all (syntax, encoding):
    /// a reference of that kind that resolves to nothing is not news.
    unreadable: HashSet<&'static str>,
    seen_files: HashSet<&'static str>,
}

/// Decoded text of each file, by relative path.
type Texts = HashMap<String, String>;

impl Validator {
    fn decode_all(&mut self, files: &[KnowledgeFile]) -> Texts {
        let mut texts = Texts::new();
        for f in files {
            match self.decode(f) {
                Some(text) => {
                    texts.insert(f.path.clone(), text);
                }
                None => {
                    if let Some(kind) = kind_of(&f.path) {
                        self.unreadable.insert(kind);
                    }
                }
            }
        }
        texts
    }

    fn decode(&mut self, f: &KnowledgeFile) -> Option<String> {
        if f.bytes.starts_with(&[0xEF, 0xBB, 0xBF]) {
            self.problems.push(
                Problem::file(&f.path, "file starts with a byte-order mark (BOM)")
                    .fix("save the file as UTF-8 without BOM"),
            );
            return None;
        }
        match std::str::from_utf8(&f.bytes) {
            Ok(s) => Some(s.to_string()),
            Err(e) => {
                let good = &f.bytes[..e.valid_up_to()];
                let good = String::from_utf8_lossy(good);
                let mut p = Problem::at(&f.path, &good, good.len(), "file is not valid UTF-8");
                p.fix = Some(
                    "save the file as UTF-8 (curly quotes and accents are fine in UTF-8)".into(),
                );
                self.problems.push(p);
                None
            }
        }
    }

    fn read_all(&mut self, texts: &Texts) {
        let mut paths: Vec<&String> = texts.keys().collect();
        paths.sort();
        // Fact files are most of a large base and independent of each other:
        // parse them on every core, then take them in path order as before,
        // so items and problems come out the same however they were split.
        let is_facts = |p: &str| p.starts_with("facts/") && p.ends_with(".toml");
        let mut fact_reads = paths
            .par_iter()
            .filter(|p| is_facts(p))
            .map(|p| read_items::<RawFact>(p, &texts[*p], "fact"))
            .collect::<Vec<_>>()
            .into_iter();
        for path in paths {
            let text = &texts[path];
            match path.as_str() {
                ENTITIES => self.read_named::<RawEntity>(ENTITIES, text, "entity", |v| &mut v.entities),
                TIMELINE => self.read_named::<RawEvent>(TIMELINE, text, "event", |v| &mut v.events),
                TOPICS => self.read_named::<RawTopic>(TOPICS, text, "topic", |v| &mut v.topics),
                SIDES => self.read_named::<RawSide>(SIDES, text, "side", |v| &mut v.sides),
                SYNONYMS => self.read_named::<RawSynonymGroup>(SYNONYMS, text, "group", |v| &mut v.synonyms),
                "README.md" => {}
                p if is_facts(p) => {
                    if let Some(r) = fact_reads.next() {
                        self.take(r, "fact", |v| &mut v.facts);
                    }
                }
                p if p.starts_with("sources/") && p.ends_with(".toml") => {
                    let r = read_whole::<RawSource>(path, text);
                    self.take(r, "source", |v| &mut v.sources);
                }
                p if p.starts_with("sources/") && p.ends_with(".txt") => {}
                p => self.problems.push(Problem::file(p, "unexpected file in the knowledge directory").fix(
                    "facts go in facts/*.toml, articles in sources/*.txt with sources/*.toml beside them; \
                     see knowledge/README.md",
                )),
            }
        }
        for required in [SIDES, ENTITIES, TIMELINE, TOPICS] {
            if !self.seen_files.contains(required) {
                self.problems.push(
                    Problem::file(required, "required file is missing")
                        .fix("restore it from git (`git checkout -- knowledge/`) or create it"),
                );
            }
        }
    }

    /// Reads one of the base's named files (`entities.toml`, …), whose
    /// items sit under `key`, and notes that it was there.
    fn read_named<T: DeserializeOwned>(
        &mut self,
        file: &'static str,
        text: &str,
        key: &'static str,
        list: impl Fn(&mut Self) -> &mut Vec<Item<T>>,
    ) {
        self.seen_files.insert(file);
        self.take(read_items::<T>(file, text, key), key, list);
    }

    fn take<T>(
        &mut self,
        read: Read<T>,
        kind: &'static str,
        list: impl Fn(&mut Self) -> &mut Vec<Item<T>>,
    ) {
        self.problems.extend(read.problems);
        if read.unreadable {
            self.unreadable.insert(kind);
        }
        self.broken
            .entry(kind)
            .or_default()
            .extend(read.broken_ids.into_iter().map(|b| b.id));
        list(self).extend(read.items);
    }

    fn is_broken(&self, kind: &str, id: &str) -> bool {
        self.unreadable.contains(kind) || self.broken.get(kind).is_some_and(|s| s.contains(id))
    }

    fn at(
        &self,
        texts: &Texts,
        file: &str,
        span: &Range<usize>,
        msg: impl Into<String>,
    ) -> Problem {
        let text = texts.get(file).map_or("", String::as_str);
        Problem::at_span(file, text, span, msg)
    }

    /// Checks ids are well-formed and unique; returns the id → index map.
    fn unique_ids<'a>(
        &mut self,
        texts: &Texts,
        kind: &str,
        items: impl Iterator<Item = (&'a str, &'a toml::Spanned<String>)>,
    ) -> HashMap<String, usize> {
        let mut seen: HashMap<String, (usize, String, Range<usize>)> = HashMap::new();
        let mut out = HashMap::new();
        for (i, (file, id)) in items.enumerate() {
            let value = id.get_ref();
            if !is_slug(value) {
                self.problems.push(
                    self.at(texts, file, &id.span(), format!("{kind} id `{value}` is not a valid id"))
                        .fix("use lowercase letters, digits and single hyphens, e.g. `khatibzadeh-fabricated`"),
                );
            }
            if let Some((_, first_file, first_span)) = seen.get(value) {
                let first = self.at(texts, first_file, first_span, "");
                self.problems.push(
                    self.at(
                        texts,
                        file,
                        &id.span(),
                        format!("duplicate {kind} id `{value}`"),
                    )
                    .fix(format!(
                        "it is first defined at {}:{}:{}; give one of them another id",
                        first.file, first.line, first.col
                    )),
                );
            } else {
                seen.insert(value.clone(), (i, file.to_string(), id.span()));
                out.insert(value.clone(), i);
            }
        }
        out
    }

    /// Reports a reference that names nothing, suggesting the closest id.
    fn check_ref(
        &mut self,
        texts: &Texts,
        file: &str,
        r: &toml::Spanned<String>,
        kind: &'static str,
        known: &HashMap<String, usize>,
    ) -> bool {
        let id = r.get_ref();
        if known.contains_key(id) {
            return true;
        }
        if self.is_broken(kind, id) {
            return false;
        }
        let fix = match closest_id(id, known.keys()) {
            Some(best) => format!("did you mean `{best}`?"),
            None => format!("define a {kind} with id `{id}`, or correct the reference"),
        };
        self.problems.push(
            self.at(texts, file, &r.span(), format!("unknown {kind} `{id}`"))
                .fix(fix),
        );
        false
    }

    fn check_date(
        &mut self,
        texts: &Texts,
        file: &str,
        d: &toml::Spanned<String>,
    ) -> Option<FuzzyDate> {
        match FuzzyDate::parse(d.get_ref()) {
            Ok(date) => Some(date),
            Err(e) => {
                self.problems.push(
                    self.at(texts, file, &d.span(), e.to_string())
                        .fix("write the date as known: \"2018\", \"2021-11\" or \"2020-10-21\""),
                );
                None
            }
        }
    }

    fn assemble(&mut self, texts: &Texts, files: &[KnowledgeFile]) -> KnowledgeBase {
        let topics = std::mem::take(&mut self.topics);
        let entities = std::mem::take(&mut self.entities);
        let sources = std::mem::take(&mut self.sources);
        let facts = std::mem::take(&mut self.facts);
        let events = std::mem::take(&mut self.events);
        let synonyms = std::mem::take(&mut self.synonyms);
        let sides = std::mem::take(&mut self.sides);
        self.problems
            .extend(super::honesty::check(texts, &facts, &entities, &events));

        let topic_ids = self.unique_ids(
            texts,
            "topic",
            topics.iter().map(|t| (t.file.as_str(), &t.value.id)),
        );
        let entity_ids = self.unique_ids(
            texts,
            "entity",
            entities.iter().map(|t| (t.file.as_str(), &t.value.id)),
        );
        let source_ids = self.unique_ids(
            texts,
            "source",
            sources.iter().map(|t| (t.file.as_str(), &t.value.id)),
        );
        let fact_ids = self.unique_ids(
            texts,
            "fact",
            facts.iter().map(|t| (t.file.as_str(), &t.value.id)),
        );
        self.unique_ids(
            texts,
            "event",
            events.iter().map(|t| (t.file.as_str(), &t.value.id)),
        );

        let side_ids = self.unique_ids(
            texts,
            "side",
            sides.iter().map(|t| (t.file.as_str(), &t.value.id)),
        );
        let sides = self.build_sides(texts, sides);
        let mut kb = KnowledgeBase {
            topics: topics
                .into_iter()
                .map(|t| Topic {
                    id: t.value.id.into_inner(),
                    title: t.value.title,
                    description: t.value.description,
                })
                .collect(),
            ..KnowledgeBase::default()
        };
        kb.entities = self.build_entities(texts, entities, &side_ids, &sides);
        kb.sources = self.build_sources(texts, sources);
        kb.synonyms = self.build_synonyms(texts, synonyms);
        let source_index: HashMap<&str, &Source> =
            kb.sources.iter().map(|s| (s.id.as_str(), s)).collect();
        kb.facts = facts
            .into_iter()
            .filter_map(|f| {
                self.build_fact(
                    texts,
                    f,
                    &FactRefs {
                        topics: &topic_ids,
                        entities: &entity_ids,
                        sources: &source_ids,
                        facts: &fact_ids,
                        sides: &side_ids,
                        side_list: &sides,
                        source_index: &source_index,
                    },
                )
            })
            .collect();
        kb.events = events
            .into_iter()
            .filter_map(|e| self.build_event(texts, e, &topic_ids, &entity_ids, &fact_ids))
            .collect();
        kb.events.sort_by_key(|a| a.date);
        kb.sides = sides;
        // Draft sources: their facts passed every check above; hold them
        // (and events resting only on them) back from service.
        let drafts: HashSet<String> = kb
            .sources
            .iter()
            .filter(|s| s.draft)
            .map(|s| s.id.clone())
            .collect();
        if !drafts.is_empty() {
            let before = kb.facts.len();
            kb.facts.retain(|f| !drafts.contains(&f.source));
            kb.held_back = before - kb.facts.len();
            let served: HashSet<&str> = kb.facts.iter().map(|f| f.id.as_str()).collect();
            kb.events
                .retain(|e| e.evidence.iter().any(|id| served.contains(id.as_str())));
        }
        kb.fingerprint = fingerprint(files);
        kb.reindex();
        kb
    }

    /// The sides as listed; a side whose colour does not read is reported
    /// and kept (grey), so facts naming it are not also reported.
    fn build_sides(&mut self, texts: &Texts, items: Vec<Item<RawSide>>) -> Vec<Side> {
        items
            .into_iter()
            .map(|item| {
                let v = item.value;
                let colour = parse_colour(v.colour.get_ref()).unwrap_or_else(|| {
                    self.problems.push(
                        self.at(
                            texts,
                            &item.file,
                            &v.colour.span(),
                            format!("colour `{}` is not `#RRGGBB`", v.colour.get_ref()),
                        )
                        .fix("write it as six hex digits after `#`, e.g. \"#3B5BA5\""),
                    );
                    0x95_A5_A6
                });
                Side::new(SideInfo {
                    id: v.id.into_inner(),
                    label: v.label,
                    colour,
                    narrator: v.narrator,
                })
            })
            .collect()
    }

    /// The side a fact or entity names, reported when `sides.toml` lacks it.
    fn resolve_side(
        &mut self,
        texts: &Texts,
        file: &str,
        id: &toml::Spanned<String>,
        ids: &HashMap<String, usize>,
        sides: &[Side],
    ) -> Option<Side> {
        if !self.check_ref(texts, file, id, "side", ids) {
            return None;
        }
        sides.iter().find(|s| s.id() == id.get_ref()).cloned()
    }

    fn build_entities(
        &mut self,
        texts: &Texts,
        items: Vec<Item<RawEntity>>,
        side_ids: &HashMap<String, usize>,
        sides: &[Side],
    ) -> Vec<Entity> {
        let mut alias_owner: HashMap<String, String> = HashMap::new();
        let mut out = Vec::new();
        for item in items {
            let e = item.value;
            let id = e.id.get_ref().clone();
            for a in e.aliases.iter().chain(&e.misspellings) {
                let key = a.get_ref().trim().to_lowercase();
                if key.is_empty() {
                    self.problems.push(
                        self.at(texts, &item.file, &a.span(), "empty alias")
                            .fix("remove it"),
                    );
                    continue;
                }
                match alias_owner.get(&key) {
                    Some(owner) if owner != &id => self.problems.push(
                        self.at(
                            texts,
                            &item.file,
                            &a.span(),
                            format!("alias `{key}` also names entity `{owner}`"),
                        )
                        .fix("an alias must name one entity; make it more specific"),
                    ),
                    _ => {
                        alias_owner.insert(key, id.clone());
                    }
                }
            }
            let side = match &e.side {
                Some(s) => match self.resolve_side(texts, &item.file, s, side_ids, sides) {
                    Some(side) => Some(side),
                    None => continue,
                },
                None => None,
            };
            out.push(Entity {
                id,
                name: e.name,
                kind: e.kind,
                role: e.role,
                side,
                aliases: e.aliases.into_iter().map(|a| a.into_inner()).collect(),
                misspellings: e.misspellings.into_iter().map(|a| a.into_inner()).collect(),
            });
        }
        out
    }

    fn build_sources(&mut self, texts: &Texts, items: Vec<Item<RawSource>>) -> Vec<Source> {
        let mut out = Vec::new();
        let mut used_texts = HashSet::new();
        for item in items {
            let s = item.value;
            let text_path = format!("sources/{}", s.file.get_ref());
            let Some(text) = texts.get(&text_path) else {
                self.problems.push(
                    self.at(
                        texts,
                        &item.file,
                        &s.file.span(),
                        format!("article text `{text_path}` not found"),
                    )
                    .fix("copy the article into sources/ byte for byte, or correct `file`"),
                );
                continue;
            };
            used_texts.insert(text_path.clone());
            let published = match &s.published {
                // Outer None: the date is invalid (reported); inner None: not given.
                Some(d) => self.check_date(texts, &item.file, d).map(Some),
                None => Some(None),
            };
            let mut paragraphs: Vec<Paragraph> = split_paragraphs(text)
                .into_iter()
                .zip(1u32..)
                .map(|(text, number)| Paragraph {
                    number,
                    text,
                    kind: ParagraphKind::Body,
                })
                .collect();
            let count = paragraphs.len();
            let mut mark =
                |n: &toml::Spanned<u32>, kind: ParagraphKind, problems: &mut Vec<Problem>| {
                    match usize::try_from(*n.get_ref())
                        .ok()
                        .and_then(|i| i.checked_sub(1))
                        .and_then(|i| paragraphs.get_mut(i))
                    {
                        Some(p) => p.kind = kind,
                        None => problems.push(
                            self.at(
                                texts,
                                &item.file,
                                &n.span(),
                                format!("paragraph {} does not exist", n.get_ref()),
                            )
                            .fix(format!(
                                "the article has paragraphs 1 to {count} (one per non-blank line)"
                            )),
                        ),
                    }
                };
            let mut problems = Vec::new();
            if let Some(h) = &s.headline_paragraph {
                mark(h, ParagraphKind::Headline, &mut problems);
            }
            for c in &s.chrome_paragraphs {
                mark(c, ParagraphKind::Chrome, &mut problems);
            }
            self.problems.extend(problems);
            let Some(published) = published else { continue };
            out.push(Source {
                id: s.id.into_inner(),
                file: text_path,
                headline: s.headline.into_inner(),
                outlet: s.outlet.filter(|o| !o.trim().is_empty()),
                outlet_note: s.outlet_note,
                published,
                published_note: s.published_note,
                url: s.url,
                paragraphs,
                draft: s.draft,
            });
        }
        let mut orphans: Vec<&String> = texts
            .keys()
            .filter(|p| {
                p.starts_with("sources/") && p.ends_with(".txt") && !used_texts.contains(*p)
            })
            .collect();
        orphans.sort();
        for p in orphans {
            if !self.is_broken("source", p) {
                self.problems.push(
                    Problem::file(p, "article text with no metadata file naming it")
                        .fix("add sources/<id>.toml with `file` set to this file's name (see knowledge/README.md)"),
                );
            }
        }
        out
    }

    fn build_synonyms(
        &mut self,
        texts: &Texts,
        items: Vec<Item<RawSynonymGroup>>,
    ) -> Vec<SynonymGroup> {
        let mut owner: HashMap<String, usize> = HashMap::new();
        let mut out = Vec::new();
        for (i, item) in items.into_iter().enumerate() {
            let span = item.value.words.span();
            let words: Vec<String> = item
                .value
                .words
                .into_inner()
                .iter()
                .map(|w| w.trim().to_lowercase())
                .collect();
            if words.len() < 2 {
                self.problems.push(self.at(
                    texts,
                    &item.file,
                    &span,
                    "a synonym group needs at least two words",
                ));
                continue;
            }
            for w in &words {
                if let Some(&first) = owner.get(w) {
                    if first != i {
                        self.problems.push(
                            self.at(
                                texts,
                                &item.file,
                                &span,
                                format!("`{w}` is in two synonym groups"),
                            )
                            .fix("merge the groups or remove the word from one"),
                        );
                    }
                } else {
                    owner.insert(w.clone(), i);
                }
            }
            out.push(SynonymGroup { words });
        }
        out
    }

    fn build_fact(
        &mut self,
        texts: &Texts,
        item: Item<RawFact>,
        refs: &FactRefs<'_>,
    ) -> Option<Fact> {
        let f = item.value;
        let file = item.file.as_str();
        let mut ok = true;
        ok &= self.check_ref(texts, file, &f.speaker, "entity", refs.entities);
        let side = self.resolve_side(texts, file, &f.side, refs.sides, refs.side_list);
        ok &= side.is_some();
        let source_known = self.check_ref(texts, file, &f.source, "source", refs.sources);
        ok &= source_known;
        for t in f.topics.get_ref() {
            ok &= self.check_ref(texts, file, t, "topic", refs.topics);
        }
        if f.topics.get_ref().is_empty() {
            self.problems.push(self.at(
                texts,
                file,
                &f.topics.span(),
                "a fact needs at least one topic",
            ));
            ok = false;
        }
        for link in f.responds_to.iter().chain(&f.disputes) {
            if link.get_ref() == f.id.get_ref() {
                self.problems.push(self.at(
                    texts,
                    file,
                    &link.span(),
                    "a fact cannot link to itself",
                ));
                ok = false;
            } else {
                ok &= self.check_ref(texts, file, link, "fact", refs.facts);
            }
        }
        if f.questions.get_ref().iter().all(|q| q.trim().is_empty()) {
            self.problems.push(
                self.at(
                    texts,
                    file,
                    &f.questions.span(),
                    "a fact needs example questions",
                )
                .fix("add 8 or more questions as people would type them"),
            );
            ok = false;
        }
        for (name, value) in [("claim", &f.claim), ("attribution", &f.attribution)] {
            if value.get_ref().trim().is_empty() {
                self.problems.push(self.at(
                    texts,
                    file,
                    &value.span(),
                    format!("`{name}` is empty"),
                ));
                ok = false;
            }
        }
        let date = self.check_date(texts, file, &f.date);
        ok &= date.is_some();
        if source_known && let Some(source) = refs.source_index.get(f.source.get_ref().as_str()) {
            ok &= self.check_quote(texts, file, &f, source);
        }
        let date = date?;
        if let Some(published) = refs
            .source_index
            .get(f.source.get_ref().as_str())
            .and_then(|s| s.published)
            && date.start() > published.end()
        {
            self.problems.push(
                self.at(
                    texts,
                    file,
                    &f.date.span(),
                    format!(
                        "the fact is dated {date}, after its source was published ({published})"
                    ),
                )
                .fix("a source cannot report what had not happened yet: check the date"),
            );
            ok = false;
        }
        let (true, Some(side)) = (ok, side) else {
            return None;
        };
        Some(Fact {
            id: f.id.into_inner(),
            claim: f.claim.into_inner(),
            quote: f.quote.into_inner(),
            speaker: f.speaker.into_inner(),
            attribution: f.attribution.into_inner(),
            side,
            source: f.source.into_inner(),
            paragraph: f.paragraph.into_inner(),
            also_paragraphs: f
                .also_paragraphs
                .into_iter()
                .map(|p| p.into_inner())
                .collect(),
            date,
            date_note: f.date_note,
            topics: f
                .topics
                .into_inner()
                .into_iter()
                .map(|t| t.into_inner())
                .collect(),
            questions: f
                .questions
                .into_inner()
                .into_iter()
                .filter(|q| !q.trim().is_empty())
                .collect(),
            responds_to: f.responds_to.into_iter().map(|l| l.into_inner()).collect(),
            disputes: f.disputes.into_iter().map(|l| l.into_inner()).collect(),
        })
    }

    /// The quote must stand verbatim in its paragraph; say exactly where it differs.
    fn check_quote(&mut self, texts: &Texts, file: &str, f: &RawFact, source: &Source) -> bool {
        let quote = f.quote.get_ref();
        let number = *f.paragraph.get_ref();
        let count = source.paragraphs.len();
        let Some(paragraph) = source.paragraph(number) else {
            self.problems.push(
                self.at(
                    texts,
                    file,
                    &f.paragraph.span(),
                    format!("paragraph {number} does not exist in `{}`", source.id),
                )
                .fix(format!(
                    "the article has paragraphs 1 to {count} (one per non-blank line)"
                )),
            );
            return false;
        };
        if paragraph.kind == ParagraphKind::Chrome {
            self.problems.push(
                self.at(
                    texts,
                    file,
                    &f.paragraph.span(),
                    format!(
                        "paragraph {number} of `{}` is page furniture, not article text",
                        source.id
                    ),
                )
                .fix("quote the article's own paragraphs"),
            );
            return false;
        }
        let mut ok = true;
        if quote.trim().is_empty() {
            self.problems
                .push(self.at(texts, file, &f.quote.span(), "the quote is empty"));
            return false;
        }
        if !holds(&paragraph.text, quote) {
            ok = false;
            let elsewhere = find_verbatim(
                source
                    .paragraphs
                    .iter()
                    .map(|p| (p.number, p.text.as_str())),
                quote,
            );
            let problem = match elsewhere {
                Some(n) => self
                    .at(texts, file, &f.paragraph.span(), format!("the quote is not in paragraph {number} of `{}`, but it is in paragraph {n}", source.id))
                    .fix(format!("set paragraph = {n}")),
                None => {
                    let c = closest_passage(number, &paragraph.text, quote);
                    let diff = match c.first_difference {
                        Some((i, q, a)) => format!(
                            "; first difference at character {}: the quote has {} where the article has {}",
                            i + 1,
                            describe_char(q),
                            describe_char(a)
                        ),
                        None => String::new(),
                    };
                    self.at(texts, file, &f.quote.span(), format!("the quote is not verbatim in paragraph {number} of `{}`{diff}", source.id))
                        .fix(format!("copy the exact characters; closest passage: \"{}\" (run `dispute-bot quote {} \"…\"` to locate a quote)", c.passage, source.id))
                }
            };
            self.problems.push(problem);
        }
        for also in &f.also_paragraphs {
            match source.paragraph(*also.get_ref()) {
                Some(p) if word_overlap(quote, &p.text) >= REPEAT_MIN_OVERLAP => {}
                Some(_) => {
                    ok = false;
                    self.problems.push(
                        self.at(
                            texts,
                            file,
                            &also.span(),
                            format!("paragraph {} does not repeat this quote", also.get_ref()),
                        )
                        .fix("list in also_paragraphs only paragraphs that restate the quote"),
                    );
                }
                None => {
                    ok = false;
                    self.problems.push(
                        self.at(
                            texts,
                            file,
                            &also.span(),
                            format!(
                                "paragraph {} does not exist in `{}`",
                                also.get_ref(),
                                source.id
                            ),
                        )
                        .fix(format!("the article has paragraphs 1 to {count}")),
                    );
                }
            }
        }
        ok
    }

    fn build_event(
        &mut self,
        texts: &Texts,
        item: Item<RawEvent>,
        topics: &HashMap<String, usize>,
        entities: &HashMap<String, usize>,
        facts: &HashMap<String, usize>,
    ) -> Option<Event> {
        let e = item.value;
        let file = item.file.as_str();
        let mut ok = true;
        for a in &e.actors {
            ok &= self.check_ref(texts, file, a, "entity", entities);
        }
        for t in &e.topics {
            ok &= self.check_ref(texts, file, t, "topic", topics);
        }
        if e.evidence.get_ref().is_empty() {
            self.problems.push(
                self.at(texts, file, &e.evidence.span(), "an event needs evidence")
                    .fix("list the id of at least one fact whose quote shows the event"),
            );
            ok = false;
        }
        for f in e.evidence.get_ref() {
            ok &= self.check_ref(texts, file, f, "fact", facts);
        }
        let date = self.check_date(texts, file, &e.date)?;
        if !ok {
            return None;
        }
        Some(Event {
            id: e.id.into_inner(),
            date,
            date_note: e.date_note,
            title: e.title,
            actors: e.actors.into_iter().map(|a| a.into_inner()).collect(),
            topics: e.topics.into_iter().map(|t| t.into_inner()).collect(),
            evidence: e
                .evidence
                .into_inner()
                .into_iter()
                .map(|f| f.into_inner())
                .collect(),
        })
    }
}

struct FactRefs<'a> {
    topics: &'a HashMap<String, usize>,
    entities: &'a HashMap<String, usize>,
    sources: &'a HashMap<String, usize>,
    facts: &'a HashMap<String, usize>,
    sides: &'a HashMap<String, usize>,
    side_list: &'a [Side],
    source_index: &'a HashMap<&'a str, &'a Source>,
}

/// `#RRGGBB` → 0xRRGGBB.
fn parse_colour(s: &str) -> Option<u32> {
    let hex = s.trim().strip_prefix('#')?;
    (hex.len() == 6 && hex.bytes().all(|b| b.is_ascii_hexdigit()))
        .then(|| u32::from_str_radix(hex, 16).ok())
        .flatten()
}

/// `a-b-c`: lowercase ASCII letters and digits in hyphen-separated runs.
pub fn is_slug(s: &str) -> bool {
    !s.is_empty()
        && s.split('-').all(|part| {
            !part.is_empty()
                && part
                    .bytes()
                    .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit())
        })
}

/// The known id closest to a mistyped one, if it is close enough to suggest.
/// 0.8 Jaro-Winkler suggests `khatibzade-fabricated` → `khatibzadeh-fabricated`
/// but not `trump` → `treasury`.
fn closest_id<'a>(id: &str, known: impl Iterator<Item = &'a String>) -> Option<&'a String> {
    known
        .map(|k| (strsim::jaro_winkler(id, k), k))
        .filter(|(s, _)| *s >= 0.8)
        .max_by(|a, b| a.0.total_cmp(&b.0))
        .map(|(_, k)| k)
}

/// Share of the quote's words (letters and digits only) found in `text`.
fn word_overlap(quote: &str, text: &str) -> f64 {
    let words = |s: &str| -> Vec<String> {
        s.split(|c: char| !c.is_alphanumeric())
            .filter(|w| !w.is_empty())
            .map(str::to_lowercase)
            .collect()
    };
    let q = words(quote);
    let t: HashSet<String> = words(text).into_iter().collect();
    if q.is_empty() {
        return 0.0;
    }
    q.iter().filter(|w| t.contains(*w)).count() as f64 / q.len() as f64
}

/// A hash of every file's path and bytes, in path order: a short version
/// label that tells edits apart (not a security measure). Each file is
/// hashed on its own core, sixteen bytes a step: hashing a 10,000-fact
/// base one byte at a time (FNV-1a) was a twentieth of loading it, all on
/// one core.
fn fingerprint(files: &[KnowledgeFile]) -> String {
    use std::hash::Hasher;
    let mut hashed: Vec<(&str, u64)> = files
        .par_iter()
        .map(|f| {
            let mut h = rustc_hash::FxHasher::default();
            h.write(&f.bytes);
            h.write_usize(f.bytes.len());
            (f.path.as_str(), h.finish())
        })
        .collect();
    hashed.sort_unstable();
    let mut h = rustc_hash::FxHasher::default();
    for (path, hash) in hashed {
        h.write(path.as_bytes());
        h.write_u8(0);
        h.write_u64(hash);
    }
    format!("{:012x}", h.finish() >> 16)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Fact files are parsed on several threads: what comes out (facts,
    /// problems) must be in path order whatever the split, as one thread
    /// gave it.
    #[test]
    fn fact_files_read_in_parallel_come_out_in_path_order() {
        let (mut files, _) = super::super::files::read_dir(std::path::Path::new("knowledge"));
        // Every fact file again under a new name, broken on its last line;
        // the list reversed, so path order is not the order given.
        let facts: Vec<KnowledgeFile> = files
            .iter()
            .filter(|f| f.path.starts_with("facts/"))
            .cloned()
            .collect();
        assert!(facts.len() >= 3, "the shipped base has several fact files");
        for f in &facts {
            let mut broken = f.clone();
            broken.path = f.path.replace("facts/", "facts/zz-broken-");
            broken.bytes.extend_from_slice(b"\n[[fact]\n");
            files.push(broken);
        }
        files.reverse();
        let (kb, problems) = build_partial(&files);
        let syntax: Vec<&str> = problems
            .iter()
            .filter(|p| p.file.starts_with("facts/zz-broken-"))
            .map(|p| p.file.as_str())
            .collect();
        let mut sorted = syntax.clone();
        sorted.sort();
        assert_eq!(syntax.len(), facts.len(), "{problems:?}");
        assert_eq!(syntax, sorted);
        // The whole files' facts, in path order then file order.
        let mut expected = Vec::new();
        let mut paths: Vec<&KnowledgeFile> = facts.iter().collect();
        paths.sort_by(|a, b| a.path.cmp(&b.path));
        for f in paths {
            let text = String::from_utf8_lossy(&f.bytes);
            expected.extend(
                read_items::<RawFact>(&f.path, &text, "fact")
                    .items
                    .into_iter()
                    .map(|i| i.value.id.into_inner()),
            );
        }
        let got: Vec<String> = kb.facts.iter().map(|f| f.id.clone()).collect();
        assert_eq!(got, expected);
    }

    #[test]
    fn is_slug_accepts_kebab_case_only() {
        assert!(is_slug("khatibzadeh-fabricated"));
        assert!(is_slug("event-2018"));
        for bad in ["", "Khatib", "a--b", "-a", "a_b", "a b"] {
            assert!(!is_slug(bad), "{bad}");
        }
    }

    #[test]
    fn closest_id_suggests_near_misses_only() {
        let known = ["khatibzadeh-fabricated".to_string(), "treasury".to_string()];
        assert_eq!(
            closest_id("khatibzade-fabricated", known.iter()),
            Some(&known[0])
        );
        assert_eq!(closest_id("legendre", known.iter()), None);
    }

    #[test]
    fn word_overlap_tolerates_punctuation_changes() {
        let a = "Iran has been implicated abroad but has usually denied involvement";
        let b = "Iran has been implicated abroad, but it has usually denied its involvement";
        assert!(word_overlap(a, b) >= REPEAT_MIN_OVERLAP);
        assert!(word_overlap(a, "Something else entirely") < REPEAT_MIN_OVERLAP);
    }

    #[test]
    fn fingerprint_changes_with_content() {
        let a = vec![file("a", b"1".to_vec())];
        let b = vec![file("a", b"2".to_vec())];
        assert_ne!(fingerprint(&a), fingerprint(&b));
        assert_eq!(fingerprint(&a).len(), 12);
    }

    fn file(path: &str, bytes: Vec<u8>) -> KnowledgeFile {
        KnowledgeFile {
            path: path.into(),
            bytes,
        }
    }

    #[test]
    fn fingerprint_sees_one_byte_anywhere_and_ignores_file_order() {
        let long: Vec<u8> = (0..100_000u32).map(|i| b'a' + (i % 26) as u8).collect();
        let base = vec![
            file("facts/a.toml", long.clone()),
            file("facts/b.toml", b"x".to_vec()),
        ];
        let print = fingerprint(&base);
        // Same files, listed the other way round: same version.
        let swapped = vec![base[1].clone(), base[0].clone()];
        assert_eq!(fingerprint(&swapped), print);
        // One byte changed at the start, in the middle, at the end.
        for at in [0, 50_001, 99_999] {
            let mut edited = long.clone();
            edited[at] = b'!';
            let changed = vec![file("facts/a.toml", edited), base[1].clone()];
            assert_ne!(fingerprint(&changed), print, "byte {at}");
        }
        // A byte moved from one file to the next; a file renamed.
        let moved = vec![
            file("facts/a.toml", long[..99_999].to_vec()),
            file("facts/b.toml", [&long[99_999..], b"x"].concat()),
        ];
        assert_ne!(fingerprint(&moved), print);
        let renamed = vec![file("facts/c.toml", long), base[1].clone()];
        assert_ne!(fingerprint(&renamed), print);
    }
}
