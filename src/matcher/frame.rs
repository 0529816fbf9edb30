//! Question frames and answer types: what kind of answer a question asks
//! for (a who, a when, a where, a how-many, a why), and which kinds of
//! answer a fact's quote can give.
//!
//! A question asking for an answer no candidate carries ("how many votes
//! did biden get") is one the base cannot answer, however many of its
//! words match; a quote that carries the asked kind is the better answer
//! among near-equals.

use super::normalize::{opening_phrase, tokens};
use super::stopwords::is_stopword;

/// A kind of answer.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum AnswerType {
    /// A person, organisation or country.
    Agent,
    /// A date, a weekday, a year, a relative time.
    Time,
    /// A place, a platform, an office.
    Place,
    /// A count or an amount.
    Number,
    /// A reason or a purpose.
    Reason,
}

impl AnswerType {
    pub fn label(self) -> &'static str {
        match self {
            AnswerType::Agent => "who",
            AnswerType::Time => "when",
            AnswerType::Place => "where",
            AnswerType::Number => "how many",
            AnswerType::Reason => "why",
        }
    }

    fn bit(self) -> u8 {
        match self {
            AnswerType::Agent => 1,
            AnswerType::Time => 2,
            AnswerType::Place => 4,
            AnswerType::Number => 8,
            AnswerType::Reason => 16,
        }
    }
}

/// Words between "what"/"which" and the noun that says what is asked.
const FRAME_FILLER: &[&str] = &[
    "was", "is", "were", "are", "the", "a", "an", "exact", "exactly", "specific", "kind", "sort",
    "of", "s",
];

/// Words after "how" that ask for a figure: "how *many*", "how *large* a
/// reward", "how *old*".
const HOW_NUMBER: &[&str] = &[
    "many", "much", "large", "big", "high", "far", "old", "often", "severe", "heavy",
];

/// Nouns that, after "what" or "which", ask for a time.
const TIME_NOUNS: &[&str] = &["day", "date", "year", "month", "time", "week", "weekday"];
/// … for a place.
const PLACE_NOUNS: &[&str] = &["city", "place", "location", "platform", "site", "venue"];
/// … for a number.
const NUMBER_NOUNS: &[&str] = &["number", "amount", "count", "total"];
/// … for a reason.
const REASON_NOUNS: &[&str] = &["reason", "purpose", "motive", "goal", "aim", "point"];
/// … for an agent.
const AGENT_NOUNS: &[&str] = &[
    "person",
    "people",
    "official",
    "officials",
    "agency",
    "group",
    "faction",
    "country",
    "countries",
    "company",
    "newspaper",
    "paper",
    "outlet",
    "department",
    "diplomat",
    "spokesman",
    "spokesperson",
    "camp",
    "government",
    "administration",
    "name",
];

/// The words that open a question (`frame_of` reads each of them; other
/// modules ask whether a sentence holds one).
pub const QUESTION_WORDS: &[&str] = &[
    "who", "whos", "whom", "whose", "what", "whats", "which", "when", "whens", "where", "wheres",
    "why", "whys", "how",
];

/// The kind of answer a question asks for, if it asks for one.
///
/// ```
/// use dispute_bot::matcher::frame::{frame, AnswerType};
/// assert_eq!(frame("how many iranians were sanctioned"), Some(AnswerType::Number));
/// assert_eq!(frame("what day did he tweet it"), Some(AnswerType::Time));
/// assert_eq!(frame("did iran deny it"), None);
/// ```
pub fn frame(question: &str) -> Option<AnswerType> {
    frame_of(&tokens(question))
}

/// [`frame`] of a question already split into tokens.
pub fn frame_of(words: &[String]) -> Option<AnswerType> {
    let at = |i: usize| words.get(i).map_or("", String::as_str);
    for (i, w) in words.iter().enumerate() {
        let next = at(i + 1);
        // "what was the purpose", "which exact year", "which *iranian*
        // faction": the noun may come after fillers and an adjective or two.
        let noun = || {
            words[i + 1..]
                .iter()
                .take(4)
                .map(String::as_str)
                .filter(|w| !FRAME_FILLER.contains(w))
                .take(3)
                .find(|w| noun_type(w).is_some())
                .unwrap_or("")
        };
        let found = match w.as_str() {
            "how" if HOW_NUMBER.contains(&next) => Some(AnswerType::Number),
            "how" if matches!(next, "long" | "soon") => Some(AnswerType::Time),
            "how" if next == "come" => Some(AnswerType::Reason),
            "when" | "whens" => Some(AnswerType::Time),
            "where" | "wheres" => Some(AnswerType::Place),
            "why" | "whys" => Some(AnswerType::Reason),
            "who" | "whos" | "whom" | "whose" => Some(AnswerType::Agent),
            "what" | "which" | "whats" => noun_type(noun()),
            "since" if next == "when" => Some(AnswerType::Time),
            _ => None,
        };
        // The first question word opens the question: a later "when" or
        // "who" starts a clause of it ("how did Tehran react *when* the
        // FBI said …", "what did he say *when* …"), not a second question.
        let opens = matches!(w.as_str(), "how" | "what" | "which" | "whats");
        if found.is_some() || opens {
            return found;
        }
    }
    None
}

/// The word a "how many" / "what" / "which" question asks about ("how many
/// *employees*", "what *prison* sentences"): when the base has never seen
/// it, the base cannot answer, whatever else matches.
///
/// ```
/// use dispute_bot::matcher::frame::target;
/// assert_eq!(target("how many employees does it have").as_deref(), Some("employees"));
/// assert_eq!(target("what did iran say").as_deref(), None);
/// ```
pub fn target(question: &str) -> Option<String> {
    target_of(&tokens(question))
}

/// [`target`] of a question already split into tokens.
pub fn target_of(words: &[String]) -> Option<String> {
    for (i, w) in words.iter().enumerate() {
        let after = match (w.as_str(), words.get(i + 1).map(String::as_str)) {
            ("how", Some(next)) if HOW_NUMBER.contains(&next) => i + 2,
            ("what" | "which", _) => i + 1,
            _ => continue,
        };
        return words[after.min(words.len())..]
            .iter()
            .take(3)
            .find(|w| !FRAME_FILLER.contains(&w.as_str()))
            .filter(|w| !super::stopwords::is_stopword(w))
            .cloned();
    }
    None
}

/// Verbs of speech and reaction: "how did X respond", "what did X say".
const SPEECH: &[&str] = &[
    "say",
    "said",
    "says",
    "saying",
    "respond",
    "responded",
    "responds",
    "response",
    "react",
    "reacted",
    "reaction",
    "reply",
    "replied",
    "comment",
    "commented",
    "describe",
    "described",
    "tweet",
    "tweeted",
    "claim",
    "claimed",
    "announce",
    "announced",
    "think",
    "thought",
    "view",
    "argue",
    "argued",
    "statement",
    "tell",
    "told",
    "write",
    "wrote",
    "report",
    "reported",
];

/// Auxiliaries that put the speaker between them and the verb: "how *did*
/// Moscow respond", "what *has* the Kremlin said".
const AUXILIARIES: &[&str] = &["did", "does", "do", "has", "have", "had", "would", "will"];

/// Where the speaker stands in a question about speech: the words between
/// an auxiliary and the speech verb ("how did *the kremlin* respond"). None
/// when the verb has no such subject — "which body *announced* it", "who
/// said" ask for the speaker instead of naming one.
///
/// ```
/// use dispute_bot::matcher::frame::speech_subject;
/// let w = |s: &str| s.split(' ').map(String::from).collect::<Vec<_>>();
/// assert_eq!(speech_subject(&w("how did moscow respond to it")), Some(2..3));
/// assert_eq!(speech_subject(&w("which body announced the trip")), None);
/// assert_eq!(speech_subject(&w("what did the swiss envoy tell them")), Some(2..5));
/// ```
pub fn speech_subject(words: &[String]) -> Option<std::ops::Range<usize>> {
    /// Longest subject looked for ("the proud boys leadership").
    const MAX_SUBJECT: usize = 6;
    let verb = words.iter().position(|w| SPEECH.contains(&w.as_str()))?;
    let aux = words[..verb]
        .iter()
        .rposition(|w| AUXILIARIES.contains(&w.as_str()))?;
    (verb - aux > 1 && verb - aux <= MAX_SUBJECT + 1).then_some(aux + 1..verb)
}

/// Words that open a clause about someone other than the one named: "the
/// name of the official *who* summoned the Swiss ambassador" asks the
/// official's name, not the ambassador's.
const CLAUSE_OPENERS: &[&str] = &["who", "whom", "whose", "which", "that", "when", "where"];

/// Whose name a question asks for: the words naming them ("what is the name
/// of *the swiss ambassador*", "*the swiss ambassadors* name"), up to the
/// first clause about someone else. None when the question asks for no
/// name ("what name do the hackers leave" asks for a name, but of no one).
///
/// ```
/// use dispute_bot::matcher::frame::name_holder;
/// let w = |s: &str| s.split(' ').map(String::from).collect::<Vec<_>>();
/// let q = w("what was the name of the swiss ambassador who was summoned");
/// assert_eq!(name_holder(&q), Some(5..8));
/// assert_eq!(name_holder(&w("whats the swiss ambassador s name")), Some(1..4));
/// assert_eq!(name_holder(&w("what name do the hackers leave")), None);
/// assert_eq!(name_holder(&w("did the swiss ambassador name anyone")), None);
/// ```
pub fn name_holder(words: &[String]) -> Option<std::ops::Range<usize>> {
    /// Longest holder looked for ("the iranian foreign ministry spokesman").
    const MAX_HOLDER: usize = 6;
    let at = words
        .iter()
        .position(|w| matches!(w.as_str(), "name" | "names"))?;
    if words.get(at + 1).is_some_and(|w| w == "of") {
        let start = at + 2;
        let end = words[start..]
            .iter()
            .take(MAX_HOLDER)
            .position(|w| CLAUSE_OPENERS.contains(&w.as_str()))
            .map_or((start + MAX_HOLDER).min(words.len()), |n| start + n);
        return (end > start).then_some(start..end);
    }
    // "the ambassador's name" (tokens "ambassador s name"), "the ambassadors
    // name": the holder ends before the possessive. Without the "s", only a
    // "name" that ends the question or comes before "is"/"was" is the noun:
    // "did the ambassador *name* the hackers" uses the verb.
    let possessive = at > 0 && words[at - 1] == "s";
    let noun = possessive
        || words
            .get(at + 1)
            .is_none_or(|next| matches!(next.as_str(), "is" | "was" | "are" | "were"));
    if !noun {
        return None;
    }
    let end = if possessive { at - 1 } else { at };
    let start = words[..end]
        .iter()
        .rposition(|w| QUESTION_WORDS.contains(&w.as_str()) || CLAUSE_OPENERS.contains(&w.as_str()))
        .map_or(0, |q| q + 1)
        .max(end.saturating_sub(MAX_HOLDER));
    (end > start).then_some(start..end)
}

/// Words that set aside what follows them: "*besides* Iran, which other
/// country", "who else *apart from* Khatibzadeh".
const SETTING_ASIDE: &[&[&str]] = &[
    &["besides"],
    &["except"],
    &["apart", "from"],
    &["aside", "from"],
    &["other", "than"],
];

/// The words a question sets aside to ask for others ("which other country
/// *besides iran*"), up to the question word or clause that follows them.
/// The caller decides whether they name anyone: "besides *resuming
/// cooperation*" sets aside an act, not a country.
///
/// ```
/// use dispute_bot::matcher::frame::set_aside;
/// let w = |s: &str| s.split(' ').map(String::from).collect::<Vec<_>>();
/// assert_eq!(set_aside(&w("besides iran which other country")), Some(1..2));
/// assert_eq!(set_aside(&w("who else apart from the fbi spoke")), Some(4..7));
/// assert_eq!(set_aside(&w("which country did iran accuse")), None);
/// ```
pub fn set_aside(words: &[String]) -> Option<std::ops::Range<usize>> {
    /// Longest set-aside looked for ("seyyed mohammad hosein musa kazemi").
    const MAX_SET_ASIDE: usize = 8;
    let (at, marker) =
        (0..words.len()).find_map(|i| Some((i, opening_phrase(&words[i..], SETTING_ASIDE)?)))?;
    let start = at + marker;
    let end = words[start..]
        .iter()
        .take(MAX_SET_ASIDE)
        .position(|w| QUESTION_WORDS.contains(&w.as_str()) || CLAUSE_OPENERS.contains(&w.as_str()))
        .map_or((start + MAX_SET_ASIDE).min(words.len()), |n| start + n);
    (end > start).then_some(start..end)
}

/// Words that ask about what happened beyond the articles' own time:
/// "what was the outcome", "when did he first", "who was minister before".
const BEYOND: &[&str] = &[
    "first",
    "before",
    "later",
    "eventually",
    "ever",
    "outcome",
    "afterwards",
    "subsequently",
    "since",
    "still",
    "now",
    "currently",
    "today",
    "anymore",
    "future",
    "result",
    "ended",
    "ultimately",
    "finally",
];

/// Verbs that, before "up" or "out", ask how things turned out: "did the
/// talks *end up* reviving the deal", "how did it *turn out*".
const OUTCOME_VERBS: &[&str] = &["end", "ends", "ended", "turn", "turns", "turned"];

/// Words that make "before" a preposition with an object, not "previously".
const BEFORE_OBJECTS: &[&str] = &[
    "him", "her", "them", "that", "this", "it", "then", "he", "she", "they", "we", "i", "you",
    "the", "a", "an", "his", "their", "its", "those", "these", "any", "all",
];

/// How many words of the question ask beyond the articles' time.
pub fn beyond_text(words: &[String]) -> usize {
    words
        .iter()
        .enumerate()
        // "has iran hacked anyone *before*" (at the end, or before only
        // chat: "… before ty") asks about the past the articles tell;
        // "before he became…" asks about another time.
        .filter(|&(i, w)| {
            let next = words.get(i + 1).map_or("", String::as_str);
            // Only chat after it: no object ("before *him*", "before *the*
            // deal") and no content word.
            let ends =
                || !BEFORE_OBJECTS.contains(&next) && words[i + 1..].iter().all(|w| is_stopword(w));
            // "In the end" is left out: as often chatter ("how many got
            // sanctioned in the end") as an outcome.
            (BEYOND.contains(&w.as_str()) && !(w == "before" && ends()))
                || (OUTCOME_VERBS.contains(&w.as_str()) && matches!(next, "up" | "out"))
        })
        .count()
}

/// Whether `noun` names a kind of answer ("faction", "date", "city") —
/// after "which" or "what" it says what is asked, not what about.
pub fn is_answer_noun(noun: &str) -> bool {
    noun_type(noun).is_some()
}

fn noun_type(noun: &str) -> Option<AnswerType> {
    if TIME_NOUNS.contains(&noun) {
        Some(AnswerType::Time)
    } else if PLACE_NOUNS.contains(&noun) {
        Some(AnswerType::Place)
    } else if NUMBER_NOUNS.contains(&noun) {
        Some(AnswerType::Number)
    } else if REASON_NOUNS.contains(&noun) {
        Some(AnswerType::Reason)
    } else if AGENT_NOUNS.contains(&noun) {
        Some(AnswerType::Agent)
    } else {
        None
    }
}

/// The kinds of answer a text can give, as a set.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Carries(u8);

impl Carries {
    pub fn has(self, t: AnswerType) -> bool {
        self.0 & t.bit() != 0
    }

    fn add(&mut self, t: AnswerType) {
        self.0 |= t.bit();
    }
}

/// Weekday names, lowercase (shared by everything that reads dates in text).
pub const WEEKDAYS: &[&str] = &[
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
];
/// A token that is a year of the modern era ("2020"), as a number.
pub fn year_of(word: &str) -> Option<u16> {
    if word.len() != 4 || !word.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    word.parse().ok().filter(|y| (1900..=2100).contains(y))
}

/// Month names, lowercase, January to December, then "mar".
pub const MONTHS: &[&str] = &[
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
    // Other clipped months ("oct", "sept") reach no list: the tokeniser
    // writes them in full. "mar" it leaves alone (a word too).
    "mar",
];
const RELATIVE_TIMES: &[&str] = &[
    "recently",
    "recent",
    "weeks",
    "week",
    "yesterday",
    "today",
    "morning",
    "previously",
    "later",
    "earlier",
    "next",
    "last",
    "ago",
];
const NUMBER_WORDS: &[&str] = &[
    "one",
    "two",
    "three",
    "four",
    "five",
    "six",
    "seven",
    "eight",
    "nine",
    "ten",
    "dozen",
    "dozens",
    "hundred",
    "hundreds",
    "thousand",
    "thousands",
    "million",
    "millions",
    "both",
    "several",
    "first",
    "second",
    "third",
];
const REASON_CUES: &[&str] = &[
    "because",
    "since",
    "meant",
    "aimed",
    "part",
    "desperation",
    "continuation",
    "exchange",
    "over",
    "for",
    "should",
    "referring",
    "accused",
    "could",
    "order",
    "due",
];
const PLACE_CUES: &[&str] = &[
    "in", "at", "to", "from", "on", "twitter", "capital", "mission", "office", "vienna", "tehran",
];

/// What kinds of answer a quote can give, from its tokens
/// (`normalize::all_tokens`). `is_name` says whether a word names someone.
pub fn carries(words: &[String], is_name: impl Fn(&str) -> bool) -> Carries {
    let mut c = Carries::default();
    for (i, w) in words.iter().enumerate() {
        let w = w.as_str();
        let is_year = year_of(w).is_some();
        if WEEKDAYS.contains(&w) || MONTHS.contains(&w) || RELATIVE_TIMES.contains(&w) || is_year {
            c.add(AnswerType::Time);
        }
        let after_month = i > 0 && MONTHS.contains(&words[i - 1].as_str());
        let is_day = after_month && w.len() <= 2 && w.bytes().all(|b| b.is_ascii_digit());
        if is_day {
            c.add(AnswerType::Time);
        } else if (w.bytes().all(|b| b.is_ascii_digit()) && !is_year) || NUMBER_WORDS.contains(&w) {
            c.add(AnswerType::Number);
        }
        if REASON_CUES.contains(&w) {
            c.add(AnswerType::Reason);
        }
        if is_name(w) {
            c.add(AnswerType::Agent);
            if i > 0 && PLACE_CUES.contains(&words[i - 1].as_str()) {
                c.add(AnswerType::Place);
            }
        }
        if matches!(w, "twitter" | "vienna" | "tehran" | "capital" | "mission") {
            c.add(AnswerType::Place);
        }
    }
    c
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn frame_reads_question_words() {
        assert_eq!(frame("who slapped sanctions"), Some(AnswerType::Agent));
        assert_eq!(frame("when did isna weigh in"), Some(AnswerType::Time));
        assert_eq!(frame("where are the talks"), Some(AnswerType::Place));
        assert_eq!(frame("why did they do it"), Some(AnswerType::Reason));
        assert_eq!(
            frame("how many votes did biden get"),
            Some(AnswerType::Number)
        );
        assert_eq!(frame("how large a fine was it"), Some(AnswerType::Number));
        assert_eq!(target("how big a reward").as_deref(), Some("reward"));
    }

    #[test]
    fn frame_reads_every_question_word() {
        for &w in QUESTION_WORDS {
            let next = match w {
                "how" => "many",
                "what" | "whats" | "which" => "year",
                _ => "did",
            };
            let words = [w.to_string(), next.to_string(), "it".to_string()];
            assert!(frame_of(&words).is_some(), "{w}");
        }
    }

    #[test]
    fn the_first_question_word_opens_the_question() {
        assert_eq!(frame("how did tehran react when the fbi spoke"), None);
        assert_eq!(frame("what did he say when asked"), None);
        assert_eq!(
            frame("did iran respond when it was accused"),
            Some(AnswerType::Time)
        );
        assert_eq!(frame("ok so when did it happen"), Some(AnswerType::Time));
    }

    #[test]
    fn frame_reads_what_and_which_with_a_noun() {
        assert_eq!(frame("what year was the deal"), Some(AnswerType::Time));
        assert_eq!(frame("which country was accused"), Some(AnswerType::Agent));
        assert_eq!(frame("what was the purpose"), Some(AnswerType::Reason));
        assert_eq!(frame("what did iran say"), None);
        assert_eq!(
            frame("which iranian faction said it"),
            Some(AnswerType::Agent),
            "an adjective before the noun"
        );
    }

    #[test]
    fn beyond_reads_before_at_the_end_as_previously() {
        let t = super::super::normalize::all_tokens;
        assert_eq!(beyond_text(&t("has iran hacked anyone before?")), 0);
        assert_eq!(beyond_text(&t("who was minister before him")), 1);
        assert_eq!(beyond_text(&t("has iran hacked anyone before")), 0);
        assert_eq!(beyond_text(&t("has iran hacked anyone before ty lol")), 0);
        assert_eq!(beyond_text(&t("what happened before the election")), 1);
        assert_eq!(beyond_text(&t("what was the outcome")), 1);
        assert_eq!(beyond_text(&t("did the talks end up reviving it")), 1);
        assert_eq!(beyond_text(&t("how did it turn out")), 1);
        assert_eq!(beyond_text(&t("how many were sanctioned in the end")), 0);
    }

    #[test]
    fn carries_finds_times_numbers_and_reasons() {
        let none = |_: &str| false;
        let t = super::super::normalize::all_tokens;
        let c = carries(&t("On Wednesday October 21, the officials announced"), none);
        assert!(c.has(AnswerType::Time));
        assert!(!c.has(AnswerType::Number));
        let c = carries(&t("sanctions on six Iranians and one company"), none);
        assert!(c.has(AnswerType::Number));
        let c = carries(
            &t("a cyber campaign to intimidate voters as part of attempts"),
            none,
        );
        assert!(c.has(AnswerType::Reason));
        let c = carries(&t("two men accused of hacking a state"), none);
        assert!(c.has(AnswerType::Reason), "a charge's grounds");
        let c = carries(&t("set to resume in Vienna on Nov. 29"), none);
        assert!(c.has(AnswerType::Place) && c.has(AnswerType::Time));
    }
}
