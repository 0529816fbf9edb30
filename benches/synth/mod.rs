//! A deterministic generator of synthetic knowledge bases, so anyone can
//! reproduce every benchmark number: same size in, same files out.
//!
//! Proportions follow the shipped base: per 100 facts about 10 entities
//! (2 aliases and a misspelling each), 5 sources of 20 paragraphs, 5 timeline
//! events, 8 example questions per fact (claims ~19 words, quotes ~32);
//! 50 topics and 100 synonym groups
//! overall. Words follow a Zipf-like distribution, so a few are in most
//! facts (like "iran" in ours) and most are rare.

#![allow(dead_code, clippy::needless_range_loop)]

use dispute_bot::knowledge::files::KnowledgeFile;

/// splitmix64: tiny, fast, and stable across versions (unlike a crate's
/// "standard" generator, whose algorithm may change).
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Self {
        Rng(seed)
    }

    pub fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    pub fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }

    /// Zipf-like: index 0 most likely.
    pub fn zipf(&mut self, n: usize) -> usize {
        let u = (self.next() >> 11) as f64 / (1u64 << 53) as f64;
        ((n as f64) * u.powi(3)) as usize % n.max(1)
    }
}

const SYLLABLES: [&str; 24] = [
    "ka", "ro", "mi", "te", "sa", "lu", "ven", "dor", "pa", "qui", "zen", "tal", "bri", "mo",
    "nes", "gar", "fi", "lo", "dra", "sen", "vo", "ix", "ur", "el",
];

/// The `i`-th synthetic word: distinct for distinct `i`, pronounceable.
pub fn word(i: usize) -> String {
    let mut n = i;
    let mut w = String::new();
    loop {
        w.push_str(SYLLABLES[n % SYLLABLES.len()]);
        n /= SYLLABLES.len();
        if n == 0 {
            break;
        }
    }
    if w.len() < 5 {
        w.push_str("ra");
    }
    w
}

/// A synthetic base of `facts` facts, and questions that its facts answer.
pub struct Synth {
    pub files: Vec<KnowledgeFile>,
    pub questions: Vec<String>,
}

fn file(path: String, text: String) -> KnowledgeFile {
    KnowledgeFile {
        path,
        bytes: text.into_bytes(),
    }
}

pub fn generate(facts: usize, seed: u64) -> Synth {
    let mut rng = Rng::new(seed);
    let vocab = 4_000 + facts / 2;
    let n_entities = (facts / 10).max(5);
    let n_sources = (facts / 100).max(1) * 5;
    let paragraphs_per_source = facts.div_ceil(n_sources);
    let n_topics = 50;
    let sentence = |rng: &mut Rng, len: usize| -> Vec<String> {
        (0..len).map(|_| word(100 + rng.zipf(vocab))).collect()
    };
    let entity_name = |i: usize| format!("{} {}", word(50_000 + i * 2), word(50_001 + i * 2));

    let mut entities = String::new();
    for i in 0..n_entities {
        let name = entity_name(i);
        let last = name.split(' ').nth(1).unwrap_or_default().to_string();
        entities.push_str(&format!(
            "[[entity]]\nid = \"e{i}\"\nname = \"{name}\"\nkind = \"person\"\nrole = \"role {i}\"\naliases = [\"{last}\", \"{} official\"]\nmisspellings = [\"{}x\"]\n\n",
            last,
            &last[..last.len() - 1]
        ));
    }
    let mut topics = String::new();
    for i in 0..n_topics {
        topics.push_str(&format!(
            "[[topic]]\nid = \"t{i}\"\ntitle = \"{}\"\ndescription = \"d\"\n\n",
            word(90_000 + i)
        ));
    }
    let mut synonyms = String::new();
    for g in 0..100 {
        synonyms.push_str(&format!(
            "[[group]]\nwords = [\"{}\", \"{}\", \"{}\"]\n\n",
            word(200_000 + g * 3),
            word(200_001 + g * 3),
            word(200_002 + g * 3)
        ));
    }
    let mut files = Vec::new();
    let mut facts_toml = vec![String::new(); n_sources];
    let mut questions = Vec::new();
    let mut fact_ids = Vec::new();
    let mut fact_speakers = Vec::new();
    let mut made = 0;
    for s in 0..n_sources {
        let mut text = format!("Headline of source {s}\n");
        for p in 0..paragraphs_per_source {
            if made == facts {
                break;
            }
            let speaker = rng.below(n_entities);
            // Sized like the shipped facts: claims ~19 words, quotes ~32.
            let claim_words = sentence(&mut rng, 19);
            let extra = sentence(&mut rng, 11).join(" ");
            let quote = format!(
                "{} said {} {extra}.",
                entity_name(speaker),
                claim_words.join(" ")
            );
            let filler = sentence(&mut rng, 12).join(" ");
            text.push_str(&format!("{quote} Also {filler}.\n"));
            let qs: Vec<String> = (0..8)
                .map(|_| {
                    let k = 3 + rng.below(3);
                    let mut q: Vec<String> = (0..k)
                        .map(|_| claim_words[rng.below(claim_words.len())].clone())
                        .collect();
                    q.insert(0, "what did".into());
                    q.join(" ")
                })
                .collect();
            let id = format!("f{made}");
            let claim = format!("{} said {}", entity_name(speaker), claim_words.join(" "));
            facts_toml[s].push_str(&format!(
                "[[fact]]\nid = \"{id}\"\nclaim = \"{claim}\"\nquote = \"{quote}\"\nspeaker = \"e{speaker}\"\nattribution = \"said\"\nside = \"narrator\"\nsource = \"s{s}\"\nparagraph = {}\ndate = \"2021-11\"\ntopics = [\"t{}\"]\nquestions = [{}]\n\n",
                p + 2,
                rng.below(n_topics),
                qs.iter().map(|q| format!("\"{q}\"")).collect::<Vec<_>>().join(", ")
            ));
            // A question as a user would type it: some of the claim's words,
            // one possibly misspelt.
            let mut q: Vec<String> = (0..4)
                .map(|_| claim_words[rng.below(claim_words.len())].clone())
                .collect();
            if rng.below(3) == 0 {
                let w = &mut q[0];
                w.insert(w.len() / 2, 'x');
            }
            questions.push(format!(
                "what did {} say about {}",
                entity_name(speaker).split(' ').nth(1).unwrap_or(""),
                q.join(" ")
            ));
            fact_ids.push(id);
            fact_speakers.push(speaker);
            made += 1;
        }
        files.push(file(format!("sources/s{s}.txt"), text));
        files.push(file(
            format!("sources/s{s}.toml"),
            format!("id = \"s{s}\"\nfile = \"s{s}.txt\"\nheadline = \"Headline of source {s}\"\npublished = \"2021-11\"\nheadline_paragraph = 1\n"),
        ));
    }
    for (s, text) in facts_toml.into_iter().enumerate() {
        if !text.is_empty() {
            files.push(file(format!("facts/s{s}.toml"), text));
        }
    }
    let mut timeline = String::new();
    for e in 0..(facts / 20).max(1) {
        // The actor is the evidence's speaker: named in its quote.
        let k = rng.below(fact_ids.len());
        timeline.push_str(&format!(
            "[[event]]\nid = \"ev{e}\"\ndate = \"2021-{:02}-{:02}\"\ntitle = \"event {e}\"\nactors = [\"e{}\"]\ntopics = [\"t{}\"]\nevidence = [\"{}\"]\n\n",
            1 + e % 12,
            1 + e % 28,
            fact_speakers[k],
            rng.below(n_topics),
            fact_ids[k]
        ));
    }
    files.push(file(
        "sides.toml".into(),
        "[[side]]\nid = \"narrator\"\nlabel = \"the article itself\"\ncolour = \"#95A5A6\"\nnarrator = true\n".into(),
    ));
    files.push(file("entities.toml".into(), entities));
    files.push(file("topics.toml".into(), topics));
    files.push(file("synonyms.toml".into(), synonyms));
    files.push(file("timeline.toml".into(), timeline));
    questions.truncate(200);
    Synth { files, questions }
}
