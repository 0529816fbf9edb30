#!/usr/bin/env python3
"""Generates src/matcher/english.tsv: the general English vocabulary the
matcher uses to tell paraphrase (a common word the fact base never uses)
from a name the base does not know (a country, a person, a rare term).

Run once, from the repository root, when the list should change:

    python3 -m venv /tmp/wf && /tmp/wf/bin/pip install wordfreq==3.1.1 pycountry==26.2.16
    apt-get download wamerican && dpkg-deb -x wamerican_*.deb /tmp/wamerican
    /tmp/wf/bin/python scripts/english_words.py /tmp/wamerican/usr/share/dict/american-english

Sources, all from package registries:
- wordfreq (PyPI): word frequencies on the Zipf scale (log10 of uses per
  billion words) from many corpora, including social media;
- wamerican (Debian): a spelling dictionary that writes proper nouns
  capitalised, so a word it lists only capitalised is a name;
- pycountry (PyPI): ISO 3166 country names, all names ("china" is also
  porcelain to a dictionary, never to a question about elections).

Output, one word per line, most frequent first: `word<TAB>zipf*10<TAB>kind`,
kind `w` (a common word) or `n` (a name).
"""
import sys

import pycountry
import wordfreq

MIN_ZIPF = 2.5  # about once in 3 million words: "snooping" is in, "wdym" out
MAX_WORDS = 60000


def main(dict_path):
    lower, capital = set(), set()
    with open(dict_path, encoding="utf-8") as f:
        for line in f:
            w = line.strip()
            if not w or "'" in w:
                continue
            (capital if w[0].isupper() else lower).add(w.lower())
    names = {w for w in capital if w not in lower}
    for c in pycountry.countries:
        for attr in ("name", "common_name"):
            value = getattr(c, attr, None)
            if value and " " not in value:
                names.add(value.lower())
    out = []
    for w in wordfreq.top_n_list("en", MAX_WORDS * 2):
        z = wordfreq.zipf_frequency(w, "en")
        if z < MIN_ZIPF or len(out) >= MAX_WORDS:
            break
        if not w.isascii() or not all(ch.isalnum() for ch in w):
            continue
        out.append(f"{w}\t{round(z * 10)}\t{'n' if w in names else 'w'}")
    with open("src/matcher/english.tsv", "w", encoding="utf-8") as f:
        f.write("\n".join(out) + "\n")
    print(f"{len(out)} words, {sum(1 for l in out if l.endswith('n'))} names", file=sys.stderr)


if __name__ == "__main__":
    main(sys.argv[1])
