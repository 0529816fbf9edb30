#!/usr/bin/env python3
"""Generates src/matcher/thesaurus.tsv: for common English words, the words
WordNet gives for the same meaning, so a question's paraphrase ("risky")
can find the word a fact uses ("dangerous") when the base has no synonym
group for it.

Run once, from the repository root, when the list should change:

    apt-get download wordnet-base && dpkg-deb -x wordnet-base_*.deb /tmp/wordnet
    python3 scripts/thesaurus.py /tmp/wordnet/usr/share/wordnet

Source: WordNet 3.0 (Princeton University; Debian package wordnet-base,
under the WordNet licence, which allows use and redistribution with its
notice: see /usr/share/doc/wordnet-base/copyright, copied into
src/matcher/thesaurus.LICENSE).

Only the *first* (most frequent) sense of each part of speech is read, and
for adjectives the senses it lists as similar ("risky" → "dangerous"):
rarer senses are what make thesauri noisy ("stake" is also a post). Both a
word and its synonyms must be common words of src/matcher/english.tsv that
name nothing; multi-word entries are left out.

Output, one word per line: `word<TAB>synonym synonym ...`.
"""
import sys

POS = {"noun": "n", "verb": "v", "adj": "a", "adv": "r"}
MIN_ZIPF = 3.0  # the word typed: about once in a million words or more
MAX_ZIPF = 5.5  # above this, words are too general to stand for another
SIMILAR_PER_SENSE = 4


def wordnet_lines(d, kind):
    """Each entry of WordNet's `kind` files ("data" or "index"), one per part
    of speech, as (part-of-speech letter, line); the licence lines at the
    top of each file start with two spaces and are skipped."""
    for p, letter in POS.items():
        with open(f"{d}/{kind}.{p}", encoding="latin-1") as f:
            for line in f:
                if not line.startswith("  "):
                    yield letter, line


def read_synsets(d):
    synsets = {}
    for pos, line in wordnet_lines(d, "data"):
        parts = line.split(" | ")[0].split()
        off, count = parts[0], int(parts[3], 16)
        words = [parts[4 + 2 * i].lower().split("(")[0] for i in range(count)]
        k = 4 + 2 * count
        similar = []
        for i in range(int(parts[k])):
            sym, poff, ppos, _ = parts[k + 1 + 4 * i : k + 5 + 4 * i]
            if sym == "&":
                similar.append(poff)
        synsets[(pos, off)] = (words, similar)
    return synsets


def read_first_senses(d):
    first = {}
    for pos, line in wordnet_lines(d, "index"):
        parts = line.split()
        lemma, senses, pointers = parts[0], int(parts[2]), int(parts[3])
        offsets = parts[6 + pointers : 6 + pointers + senses]
        if offsets:
            first.setdefault(lemma, []).append((pos, offsets[0]))
    return first


def main(d):
    english = {}
    with open("src/matcher/english.tsv", encoding="utf-8") as f:
        for line in f:
            w, z, kind = line.rstrip("\n").split("\t")
            english[w] = (int(z) / 10, kind == "n")
    synsets, first = read_synsets(d), read_first_senses(d)

    def usable(w, lo):
        e = english.get(w)
        return e is not None and not e[1] and lo <= e[0] <= MAX_ZIPF

    out = []
    for w, (z, name) in english.items():
        if name or not usable(w, MIN_ZIPF):
            continue
        found = []
        for pos, off in first.get(w, []):
            words, similar = synsets[(pos, off)]
            if pos == "a":
                for s in similar[:SIMILAR_PER_SENSE]:
                    words = words + synsets[("a", s)][0]
            found.extend(x for x in words if x != w and x not in found)
        found = [x for x in found if "_" not in x and "-" not in x and usable(x, 0.0)]
        if found:
            out.append(f"{w}\t{' '.join(found)}")
    with open("src/matcher/thesaurus.tsv", "w", encoding="utf-8") as f:
        f.write("\n".join(out) + "\n")
    print(f"{len(out)} words", file=sys.stderr)


if __name__ == "__main__":
    main(sys.argv[1])
