//! Words that carry no meaning for matching: function words, question words,
//! the chat filler of Discord ("lol", "pls", "bro") and the hearsay people
//! put before a question ("my *uncle* says", "*heard* from a *friend*").
//!
//! Dropping them keeps "what did iran say lol" as close to "iran say" as it
//! should be, and keeps filler from counting as unknown words that would
//! lower confidence.

use std::sync::LazyLock;

use super::normalize::opening_phrase;
use rustc_hash::FxHashSet;

/// Sorted and unique (a test pins it), so the list reads as a dictionary.
const STOPWORDS: &[&str] = &[
    "a",
    "about",
    "above",
    "abt",
    "acc",
    "according",
    "actually",
    "adjective",
    "adjectives",
    "after",
    "again",
    "against",
    "ago",
    "aight",
    "all",
    "alright",
    "also",
    "am",
    "amount",
    "an",
    "and",
    "any",
    "anybody",
    "anyhow",
    "anymore",
    "anyone",
    "anything",
    "anyway",
    "anyways",
    "appear",
    "appears",
    "appreciate",
    "appreciated",
    "are",
    "arent",
    "article",
    "articles",
    "as",
    "ask",
    "asked",
    "asking",
    "at",
    "aunt",
    "ayo",
    "basically",
    "bc",
    "be",
    "because",
    "been",
    "before",
    "being",
    "besides",
    "better",
    "between",
    "bot",
    "both",
    "breath",
    "briefly",
    "bring",
    "bro",
    "brought",
    "bruh",
    "btw",
    "but",
    "by",
    "can",
    "cant",
    "certain",
    "cheers",
    "citation",
    "citations",
    "cite",
    "cited",
    "city",
    "cmon",
    "comment",
    "comments",
    "convo",
    "could",
    "couldnt",
    "count",
    "cousin",
    "coverage",
    "coworker",
    "curious",
    "currently",
    "da",
    "dad",
    "dat",
    "date",
    "day",
    "days",
    "deets",
    "describe",
    "described",
    "describes",
    "describing",
    "description",
    "detail",
    "details",
    "did",
    "didnt",
    "dis",
    "do",
    "does",
    "doesnt",
    "doing",
    "done",
    "dont",
    "dude",
    "during",
    "each",
    "eh",
    "else",
    "even",
    "ever",
    "every",
    "exact",
    "exactly",
    "excerpt",
    "excerpts",
    "explain",
    "explanation",
    "fam",
    "folks",
    "for",
    "fr",
    "friend",
    "friends",
    "from",
    "get",
    "gets",
    "getting",
    "gimme",
    "give",
    "go",
    "goes",
    "gonna",
    "got",
    "gotta",
    "greetings",
    "guess",
    "guy",
    "guys",
    "had",
    "hadnt",
    "happen",
    "happend",
    "happened",
    "happening",
    "happenned",
    "happens",
    "has",
    "hasnt",
    "have",
    "havent",
    "having",
    "he",
    "heard",
    "hello",
    "her",
    "here",
    "hers",
    "hey",
    "hi",
    "him",
    "his",
    "hiya",
    "hmm",
    "how",
    "hows",
    "huh",
    "i",
    "id",
    "idea",
    "idk",
    "if",
    "iirc",
    "im",
    "imma",
    "imo",
    "in",
    "into",
    "irl",
    "is",
    "isnt",
    "it",
    "its",
    "ive",
    "just",
    "keep",
    "kept",
    "kind",
    "kinda",
    "kindly",
    "know",
    "lemme",
    "let",
    "lets",
    "like",
    "literally",
    "lmao",
    "lmaooo",
    "lmk",
    "location",
    "lol",
    "look",
    "lowkey",
    "make",
    "many",
    "me",
    "mean",
    "means",
    "meant",
    "mention",
    "mentioned",
    "mentions",
    "might",
    "mom",
    "month",
    "more",
    "most",
    "motive",
    "much",
    "mum",
    "must",
    "my",
    "nah",
    "name",
    "named",
    "names",
    "naw",
    "need",
    "ngl",
    "no",
    "nor",
    "not",
    "now",
    "number",
    "nvm",
    "of",
    "off",
    "ok",
    "okay",
    "okk",
    "omg",
    "on",
    "once",
    "one",
    "only",
    "or",
    "other",
    "our",
    "ours",
    "out",
    "own",
    "owned",
    "owns",
    "paragraph",
    "passage",
    "passages",
    "per",
    "piece",
    "place",
    "please",
    "pls",
    "plz",
    "ppl",
    "pretty",
    "prof",
    "professor",
    "purpose",
    "q",
    "quick",
    "quickly",
    "quote",
    "quoted",
    "quotes",
    "r",
    "rather",
    "really",
    "reason",
    "recently",
    "regarding",
    "relevant",
    "remark",
    "remarks",
    "reportedly",
    "right",
    "rn",
    "roommate",
    "said",
    "same",
    "say",
    "saying",
    "says",
    "see",
    "seem",
    "she",
    "should",
    "shouldnt",
    "show",
    "since",
    "single",
    "smh",
    "smth",
    "so",
    "some",
    "somebody",
    "someone",
    "something",
    "sorry",
    "sort",
    "sorta",
    "source",
    "sources",
    "specific",
    "specifically",
    "srsly",
    "still",
    "story",
    "stuff",
    "such",
    "supposed",
    "supposedly",
    "sure",
    "take",
    "takes",
    "tbf",
    "tbh",
    "teacher",
    "tell",
    "telling",
    "than",
    "thank",
    "thanks",
    "that",
    "thats",
    "the",
    "their",
    "theirs",
    "them",
    "then",
    "there",
    "theres",
    "these",
    "they",
    "theyre",
    "thing",
    "things",
    "think",
    "thinks",
    "this",
    "tho",
    "those",
    "though",
    "thought",
    "thru",
    "thx",
    "tia",
    "time",
    "tl",
    "tldr",
    "to",
    "told",
    "too",
    "took",
    "total",
    "toward",
    "towards",
    "true",
    "truly",
    "tryna",
    "ty",
    "u",
    "uh",
    "uhh",
    "um",
    "uncle",
    "under",
    "up",
    "ur",
    "very",
    "w",
    "wait",
    "wanna",
    "want",
    "wants",
    "was",
    "wasnt",
    "wat",
    "way",
    "wdym",
    "we",
    "weekday",
    "weekdays",
    "well",
    "were",
    "werent",
    "wha",
    "whaaat",
    "what",
    "whatd",
    "whats",
    "when",
    "whens",
    "where",
    "whered",
    "wheres",
    "whether",
    "which",
    "while",
    "who",
    "whod",
    "whom",
    "whos",
    "whose",
    "why",
    "whys",
    "will",
    "with",
    "wonder",
    "wondered",
    "wondering",
    "wont",
    "would",
    "wouldnt",
    "wtf",
    "wut",
    "wym",
    "y",
    "ya",
    "yall",
    "yeah",
    "year",
    "years",
    "yep",
    "yes",
    "yet",
    "yo",
    "you",
    "your",
    "youre",
    "yours",
    "yup",
];

/// Chat phrases whose words mean something elsewhere but nothing here:
/// "in the *end*", "at the *end* of the day", "saw this on *twitter*" (the
/// base quotes a statement posted to Twitter; a question heard there is
/// not about it).
const FILLER_PHRASES: &[&[&str]] = &[
    // Thanks said ahead: "in advance" is not progress.
    &["thanks", "in", "advance"],
    &["thank", "you", "in", "advance"],
    &["in", "the", "end"],
    &["at", "the", "end", "of", "the", "day"],
    &["end", "of", "the", "day"],
    &["day", "of", "the", "week"],
    // How things turned out is the question's frame (`frame::beyond_text`
    // reads it), not its content: "did the talks *end up* reviving it"
    // must not match "ended without a breakthrough".
    &["end", "up"],
    &["ended", "up"],
    &["ends", "up"],
    &["turn", "out"],
    &["turned", "out"],
    &["turns", "out"],
];

/// Words that say what kind of question follows, before "question" or "q":
/// "quick q", "*sorry if this is a dumb* question but", "honest question".
/// The asking is chat; the question is what comes after.
const QUESTION_QUALIFIERS: &[&str] = &[
    "a", "one", "another", "quick", "dumb", "stupid", "silly", "random", "honest", "serious",
    "genuine", "simple", "basic", "noob", "real", "small", "weird", "side", "follow", "up", "my",
    "this", "other", "last", "general", "legit",
];
/// The articles as people name them when they say where an answer should
/// come from: "*as reported*", "*per the reports*", "*based on the text*".
/// After "as", "per", "in", "from", "according to" or "based on" (and
/// "the", "these"), the words name the source, not what it says ("what
/// did the ISNA *report* say" keeps its word). "Article", "story" and
/// "source" are stopwords anywhere.
const REPORT_WORDS: &[&str] = &[
    "report",
    "reports",
    "reported",
    "reporting",
    "text",
    "texts",
];

/// "question" and its chat clippings, as a word about asking. (A `match`,
/// not a list: it runs at every word of a message.)
fn is_question_noun(w: &str) -> bool {
    matches!(w, "question" | "questions" | "q" | "qs" | "qn")
}

/// Verbs of having come across something: "*saw* this on tiktok".
const CAME_ACROSS: &[&str] = &["saw", "seen", "see", "read", "heard", "found", "watched"];
/// What was come across, between the verb and "on".
const CAME_ACROSS_OBJECT: &[&str] = &["this", "it", "that", "something", "smth", "a", "post"];
/// Where people come across things.
const PLATFORMS: &[&str] = &[
    "twitter",
    "x",
    "reddit",
    "tiktok",
    "youtube",
    "yt",
    "facebook",
    "fb",
    "insta",
    "instagram",
    "telegram",
    "discord",
    "tv",
    "news",
    "online",
    "internet",
];

/// Whether `tokens` start with a time: a year or number, a month, a
/// weekday, "the day", "the past".
fn is_time(tokens: &[String]) -> bool {
    use super::frame::{MONTHS, WEEKDAYS};
    let at = |i: usize| tokens.get(i).map_or("", String::as_str);
    let first = at(0);
    (!first.is_empty() && first.bytes().all(|b| b.is_ascii_digit()))
        || MONTHS.contains(&first)
        || WEEKDAYS.contains(&first)
        || (first == "the" && matches!(at(1), "day" | "days" | "past"))
}

/// How many tokens of chat filler start `tokens` (0: none).
///
/// ```
/// use dispute_bot::matcher::stopwords::filler_at;
/// let w = |s: &str| s.split(' ').map(String::from).collect::<Vec<_>>();
/// assert_eq!(filler_at(&w("in the end who won")), 3);
/// assert_eq!(filler_at(&w("saw this on twitter is it true")), 4);
/// assert_eq!(filler_at(&w("what did he post on twitter")), 0);
/// assert_eq!(filler_at(&w("back in 2020 who said it")), 2);
/// assert_eq!(filler_at(&w("back in the deal")), 0);
/// assert_eq!(filler_at(&w("end up reviving the deal")), 2);
/// assert_eq!(filler_at(&w("quick q what did iran say")), 2);
/// assert_eq!(filler_at(&w("a dumb question but")), 3);
/// assert_eq!(filler_at(&w("question the outcome")), 0);
/// assert_eq!(filler_at(&w("as reported who said it")), 2);
/// assert_eq!(filler_at(&w("according to the reports")), 4);
/// assert_eq!(filler_at(&w("the isna report")), 0);
/// assert_eq!(filler_at(&w("based on the text")), 4);
/// ```
pub fn filler_at(tokens: &[String]) -> usize {
    if let Some(n) = opening_phrase(tokens, FILLER_PHRASES) {
        return n;
    }
    let at = |i: usize| tokens.get(i).map_or("", String::as_str);
    // "quick q", "a dumb question", "follow up question": the message says
    // a question follows. ("question the outcome": no qualifier, a verb.)
    // The noun first: it is rare, and this runs at every word.
    if let Some(noun) = (1..=3).find(|&i| is_question_noun(at(i)))
        && tokens[..noun]
            .iter()
            .all(|t| QUESTION_QUALIFIERS.contains(&t.as_str()))
    {
        return noun + 1;
    }
    // "as reported", "per the reports", "based on the text".
    let lead = match (at(0), at(1)) {
        ("according", "to") | ("based", "on") => 2,
        ("as" | "per" | "in" | "from", _) => 1,
        _ => 0,
    };
    if lead > 0 {
        let the = usize::from(matches!(at(lead), "the" | "these" | "this"));
        if REPORT_WORDS.contains(&at(lead + the)) {
            return lead + the + 1;
        }
    }
    // "*back in* 2020", "back in october": a time in the past, not a
    // return ("get back in" the deal).
    if at(0) == "back" && matches!(at(1), "in" | "on" | "during") && is_time(&tokens[2..]) {
        return 2;
    }
    if CAME_ACROSS.contains(&at(0)) {
        // "saw this on twitter", "read it on reddit", "saw on tiktok",
        // "saw a post on the news".
        let mut i = 1;
        while i < 3 && CAME_ACROSS_OBJECT.contains(&at(i)) {
            i += 1;
        }
        if matches!(at(i), "on" | "in") {
            i += 1;
            if at(i) == "the" {
                i += 1;
            }
            if PLATFORMS.contains(&at(i)) {
                return i + 1;
            }
        }
    }
    0
}

/// The stopwords as a set: every token of every question is looked up, and
/// a hash beats a binary search of 414 strings (in a profile, a binary
/// search was a tenth of analysing a pasted paragraph's words).
static STOPWORD_SET: LazyLock<FxHashSet<&'static str>> =
    LazyLock::new(|| STOPWORDS.iter().copied().collect());

/// Whether `word` (already normalised) is a stopword.
pub fn is_stopword(word: &str) -> bool {
    STOPWORD_SET.contains(word)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stopwords_are_sorted_and_unique() {
        assert!(
            STOPWORDS.windows(2).all(|w| w[0] < w[1]),
            "keep STOPWORDS sorted"
        );
    }

    #[test]
    fn stopwords_keep_story_words() {
        for w in ["us", "iran", "deny", "un", "deal", "won"] {
            assert!(!is_stopword(w), "{w}");
        }
        for w in ["what", "lol", "pls", "the"] {
            assert!(is_stopword(w), "{w}");
        }
    }
}
