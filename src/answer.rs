//! What to say to a question, as data: the chosen quotes, the other side's
//! counterpoints and "did you mean" suggestions. This is also the JSON
//! contract of `dispute-bot ask --json`; renderers only format it.

use serde::Serialize;

use crate::engine::Engine;
use crate::knowledge::{Fact, KnowledgeBase, Precision, Side};
use crate::matcher::score::{Match, search};

/// Further answers must come this close to the best one (as a share of its
/// confidence) to be shown beside it: near-ties are shown, weaker ones are noise.
pub const RUNNER_UP_SHARE: f32 = 0.9;

/// Most quotes in one answer, and most counterpoints.
pub const MAX_ANSWERS: usize = 2;
pub const MAX_COUNTERPOINTS: usize = 2;

/// Most "did you mean" suggestions, and the confidence a fact needs to be
/// suggested: below 0.2 suggestions are unrelated to the question.
pub const MAX_SUGGESTIONS: usize = 3;
pub const SUGGESTION_FLOOR: f32 = 0.2;

/// The answer to one question.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Answer {
    pub question: String,
    pub answered: bool,
    /// Best first; empty when `answered` is false.
    pub answers: Vec<QuoteCard>,
    /// The other side's linked statements on `answers[0]`.
    pub counterpoints: Vec<QuoteCard>,
    /// Example questions the base can answer, closest first.
    pub suggestions: Vec<String>,
    /// The fact each suggestion leads to (same order as `suggestions`).
    pub suggested_facts: Vec<String>,
    /// Words understood as typos of known words: (typed, understood).
    pub repaired: Vec<(String, String)>,
    /// The user picked this answer from a suggestion: there is no match
    /// score to show.
    pub from_suggestion: bool,
}

/// One sourced quote, ready to show.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct QuoteCard {
    pub fact_id: String,
    /// Verbatim source text.
    pub quote: String,
    pub claim: String,
    /// The speaker's display name.
    pub speaker: String,
    pub speaker_id: String,
    pub speaker_role: String,
    /// How the article attributes it: said, tweeted, reported, …
    pub attribution: String,
    pub side: Side,
    pub source: SourceRef,
    pub date: String,
    pub date_precision: Precision,
    /// How well the question matched, 0..=1 — a match score, not a measure
    /// of truth (for counterpoints: their own match to the question).
    pub score: f32,
    /// For a linked statement: how it relates to the answer.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub relation: Option<Relation>,
}

/// How a linked statement relates to the answer it is shown with.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Relation {
    /// It responds to the answer (`responds_to` the answer's fact).
    InResponse,
    /// It disputes the answer.
    DisputedBy,
    /// The answer responds to it.
    RespondingTo,
    /// The answer disputes it.
    Disputes,
}

impl Relation {
    /// The heading it is shown under. Only statements of another side are
    /// linked, and each relation says exactly what the link means.
    pub fn label(self) -> &'static str {
        match self {
            Relation::InResponse => "In response",
            Relation::DisputedBy => "Disputed by",
            Relation::RespondingTo => "Responding to",
            Relation::Disputes => "Disputes",
        }
    }
}

/// Where a quote comes from.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct SourceRef {
    pub id: String,
    /// The article's headline.
    pub title: String,
    /// `None` when the article does not name its outlet.
    pub outlet: Option<String>,
    /// `None` when the article gives no date.
    pub published: Option<String>,
    /// The article's address, when its metadata gives one.
    pub url: Option<String>,
    pub paragraph: u32,
}

/// Answers `question` from `engine`.
pub fn answer(engine: &Engine, question: &str) -> Answer {
    let m = search(&engine.index, question);
    decide(&engine.kb, question, &m)
}

/// Turns a ranking into what to say. Separate from matching so the decision
/// rules can be tested with hand-made rankings.
pub fn decide(kb: &KnowledgeBase, question: &str, m: &Match) -> Answer {
    compose(kb, question, m, crate::matcher::decide::probability(m))
}

/// The answer for a ranking whose best candidate answers with `probability`.
fn compose(kb: &KnowledgeBase, question: &str, m: &Match, probability: f32) -> Answer {
    let question = question.trim().to_string();
    let best = m
        .ranked
        .first()
        .filter(|_| probability >= crate::matcher::decide::THRESHOLD);
    let Some(best) = best else {
        let mut suggestions: Vec<String> = Vec::new();
        let mut suggested_facts: Vec<String> = Vec::new();
        for s in m.ranked.iter().filter(|s| s.confidence >= SUGGESTION_FLOOR) {
            if let Some(f) = kb.facts.get(s.fact)
                && let Some(q) = f.questions.first().filter(|q| !suggestions.contains(q))
            {
                suggestions.push(q.clone());
                suggested_facts.push(f.id.clone());
            }
            if suggestions.len() == MAX_SUGGESTIONS {
                break;
            }
        }
        return Answer {
            question,
            answered: false,
            answers: Vec::new(),
            counterpoints: Vec::new(),
            suggestions,
            suggested_facts,
            repaired: m.repaired.clone(),
            from_suggestion: false,
        };
    };
    let mut answers: Vec<QuoteCard> = Vec::new();
    for s in &m.ranked {
        if answers.len() == MAX_ANSWERS {
            break;
        }
        if s.confidence < best.confidence * RUNNER_UP_SHARE {
            break;
        }
        let Some(fact) = kb.facts.get(s.fact) else {
            continue;
        };
        // Several facts share one sentence; show each quote once.
        if answers.iter().any(|a| a.quote == fact.quote) {
            continue;
        }
        // The shown score is the model's probability for the best, scaled by
        // rank score for a runner-up.
        let score = probability * s.confidence / best.confidence.max(f32::EPSILON);
        if let Some(card) = card(kb, fact, score) {
            answers.push(card);
        }
    }
    let score_of = |id: &str| {
        kb.fact_position(id)
            .and_then(|p| m.ranked.iter().find(|s| s.fact == p))
            .map_or(0.0, |s| s.confidence)
    };
    let counterpoints = answers
        .first()
        .and_then(|a| kb.fact(&a.fact_id))
        .map(|f| counterpoint_facts(kb, f))
        .unwrap_or_default()
        .into_iter()
        .filter(|(f, _)| !answers.iter().any(|a| a.quote == f.quote))
        .take(MAX_COUNTERPOINTS)
        .filter_map(|(f, relation)| {
            let mut c = card(kb, f, score_of(&f.id))?;
            c.relation = Some(relation);
            Some(c)
        })
        .collect();
    Answer {
        question,
        answered: !answers.is_empty(),
        answers,
        counterpoints,
        suggestions: Vec::new(),
        suggested_facts: Vec::new(),
        repaired: m.repaired.clone(),
        from_suggestion: false,
    }
}

/// The answer card for one fact, as when a "did you mean" suggestion is
/// chosen: that fact, with its counterpoints. `None` for an unknown id.
pub fn for_fact(kb: &KnowledgeBase, fact_id: &str) -> Option<Answer> {
    let fact = kb.fact(fact_id)?;
    let question = fact.questions.first().cloned().unwrap_or_default();
    let m = Match {
        ranked: vec![crate::matcher::Scored {
            fact: kb.fact_position(fact_id)?,
            confidence: 1.0,
            coverage: 1.0,
            similarity: 1.0,
            ..Default::default()
        }],
        ..Match::default()
    };
    let mut a = compose(kb, &question, &m, 1.0);
    a.from_suggestion = true;
    Some(a)
}

/// Facts on another side linked to `fact` in either direction, with how
/// each relates to it: the ones it disputes or responds to first, then the
/// ones that dispute or respond to it.
pub fn counterpoint_facts<'a>(kb: &'a KnowledgeBase, fact: &Fact) -> Vec<(&'a Fact, Relation)> {
    let mut out: Vec<(&Fact, Relation)> = Vec::new();
    let forward = fact
        .disputes
        .iter()
        .map(|id| (id, Relation::Disputes))
        .chain(
            fact.responds_to
                .iter()
                .map(|id| (id, Relation::RespondingTo)),
        )
        .filter_map(|(id, r)| Some((kb.fact(id)?, r)));
    let backward = kb.linked_to(&fact.id).map(|g| {
        let r = if g.disputes.contains(&fact.id) {
            Relation::DisputedBy
        } else {
            Relation::InResponse
        };
        (g, r)
    });
    for (g, r) in forward.chain(backward) {
        let distinct_quote = !out.iter().any(|(o, _)| o.quote == g.quote);
        if g.side != fact.side && g.id != fact.id && distinct_quote {
            out.push((g, r));
        }
    }
    out
}

/// The display card of a fact.
pub fn card(kb: &KnowledgeBase, fact: &Fact, score: f32) -> Option<QuoteCard> {
    let speaker = kb.entity(&fact.speaker)?;
    let source = kb.source(&fact.source)?;
    Some(QuoteCard {
        fact_id: fact.id.clone(),
        quote: fact.quote.clone(),
        claim: fact.claim.clone(),
        speaker: speaker.name.clone(),
        speaker_id: speaker.id.clone(),
        speaker_role: speaker.role.clone(),
        attribution: fact.attribution.clone(),
        side: fact.side.clone(),
        source: SourceRef {
            id: source.id.clone(),
            title: source.headline.clone(),
            outlet: source.outlet.clone(),
            published: source.published.map(|d| d.to_string()),
            url: source.url.clone(),
            paragraph: fact.paragraph,
        },
        date: fact.date.to_string(),
        date_precision: fact.date.precision(),
        score: (score * 100.0).round() / 100.0,
        relation: None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::matcher::score::Scored;

    fn kb() -> KnowledgeBase {
        crate::knowledge::load_dir(std::path::Path::new("knowledge")).expect("shipped base")
    }

    fn decide_ranked(kb: &KnowledgeBase, ranked: Vec<Scored>) -> Answer {
        decide(
            kb,
            "q",
            &Match {
                ranked,
                ..Match::default()
            },
        )
    }

    fn scored(kb: &KnowledgeBase, id: &str, confidence: f32) -> Scored {
        Scored {
            fact: kb.fact_position(id).expect("fact"),
            confidence,
            ..Default::default()
        }
    }

    #[test]
    fn decide_abstains_below_threshold_with_at_most_three_suggestions() {
        let kb = kb();
        let ids = [
            "khatibzadeh-fabricated",
            "isna-accusations-strange",
            "grossi-to-visit-iran",
            "ratcliffe-wray-voter-data",
        ];
        let ranked = ids.iter().map(|id| scored(&kb, id, 0.3)).collect();
        let a = decide_ranked(&kb, ranked);
        assert!(!a.answered);
        assert!(a.answers.is_empty());
        assert_eq!(a.suggestions.len(), MAX_SUGGESTIONS);
    }

    #[test]
    fn decide_shows_a_shared_quote_once() {
        let kb = kb();
        let ranked = vec![
            scored(&kb, "khatibzadeh-swiss-ambassador-summoned", 0.9),
            scored(&kb, "khatibzadeh-no-difference-who-wins", 0.89),
        ];
        let m = Match {
            ranked,
            ..Match::default()
        };
        let a = compose(&kb, "q", &m, 0.9);
        assert_eq!(a.answers.len(), 1);
    }

    #[test]
    fn decide_adds_the_other_side() {
        let kb = kb();
        let m = Match {
            ranked: vec![scored(&kb, "treasury-designates-emennet-pasargad", 0.9)],
            ..Match::default()
        };
        let a = compose(&kb, "q", &m, 0.9);
        assert!(!a.counterpoints.is_empty());
        assert!(
            a.counterpoints
                .iter()
                .all(|c| c.side.id() == "iran-government")
        );
    }
}
