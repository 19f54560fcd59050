#!/usr/bin/env python3
"""Makes the query workloads of the query benchmark (scripts/query-bench.sh) as batch files.

    python3 scripts/make-queries.py QUERIES.txt DOCS.jsonl OUTDIR [--phrases 500] [--seed 1]

QUERIES.txt is the search-benchmark-game's AOL-derived query file
(../shared/corpora/benchmark-queries/queries.txt: JSON lines with "query" and "tags"); from it:
  term.tsv     single words: the "term" queries and each word of the "union" ones (a)
  or.tsv       the "union" queries               (ranked OR:  a b c)
  and.tsv      the "intersection" queries        (all words:  +a +b +c)
  phrase.tsv   the "phrase" queries              ("a b c")
and from DOCS.jsonl (e.g. the corpus of scripts/make-corpus.py):
  docphrase.tsv  2-3 adjacent words sampled out of the documents' bodies, as phrases, so every
                 one matches at least once (the AOL phrases were chosen on Wikipedia).
Each line is `id<TAB>query`, the format `newsindex batch` reads.
"""
import argparse
import json
import os
import random
import re

WORD = re.compile(r"[a-z]+")


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("queries")
    ap.add_argument("docs")
    ap.add_argument("outdir")
    ap.add_argument("--phrases", type=int, default=500)
    ap.add_argument("--seed", type=int, default=1)
    a = ap.parse_args()
    os.makedirs(a.outdir, exist_ok=True)

    kinds = {"term": [], "union": [], "intersection": [], "phrase": []}
    with open(a.queries, encoding="utf-8") as f:
        for line in f:
            if not line.strip():
                continue
            q = json.loads(line)
            for tag in q["tags"]:
                if tag in kinds:
                    kinds[tag].append(q["query"])
    words = lambda text: WORD.findall(text.lower())
    out = {
        # Single words: every distinct word of the union queries, in first-seen order.
        "term": list(dict.fromkeys(w for q in kinds["term"] + kinds["union"] for w in words(q))),
        "or": [" ".join(words(q)) for q in kinds["union"]],
        "and": [" ".join("+" + w for w in words(q)) for q in kinds["intersection"]],
        "phrase": ['"' + " ".join(words(q)) + '"' for q in kinds["phrase"]],
    }

    # Phrases from the documents: reservoir-sample bodies, then 2-3 adjacent words of each.
    rng = random.Random(a.seed)
    sample = []
    with open(a.docs, encoding="utf-8", errors="replace") as f:
        for n, line in enumerate(f):
            if len(sample) < a.phrases:
                sample.append(line)
            else:
                j = rng.randrange(n + 1)
                if j < a.phrases:
                    sample[j] = line
    phrases = []
    for line in sample:
        try:
            body = words(json.loads(line).get("body", ""))
        except ValueError:
            continue
        if len(body) < 4:
            continue
        n = rng.choice((2, 3))
        start = rng.randrange(len(body) - n)
        phrases.append('"' + " ".join(body[start:start + n]) + '"')
    out["docphrase"] = phrases

    for name, queries in out.items():
        queries = [q for q in queries if q.strip('"+ ')]
        with open(os.path.join(a.outdir, f"{name}.tsv"), "w", encoding="utf-8") as f:
            for i, q in enumerate(queries, 1):
                f.write(f"{name[:2]}{i}\t{q}\n")
        print(f"{name}: {len(queries)} queries")


if __name__ == "__main__":
    main()
