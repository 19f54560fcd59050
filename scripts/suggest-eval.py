#!/usr/bin/env python3
"""Did-you-mean on Reuters-21578: 200 single-edit misspellings of words with df >= 5.

Usage: scripts/suggest-eval.py BIN INDEX [SGM_DIR] [--count 200] [--seed 17]

Words are runs of 4+ ASCII letters of the stories' titles and bodies, lower-cased; a word's df
counts the stories holding it. Each sampled word gets one random edit (insert, delete,
substitute or swap two neighbours) whose result is no word of the collection; the intended word
must be `search --format jsonl`'s first suggestion. Prints the share and the misses.
"""
import argparse, glob, json, os, random, re, subprocess, sys

parser = argparse.ArgumentParser()
parser.add_argument("bin")
parser.add_argument("index")
parser.add_argument("sgm", nargs="?", default="/work/shared/corpora/reuters21578/distribution")
parser.add_argument("--count", type=int, default=200)
parser.add_argument("--seed", type=int, default=17)
args = parser.parse_args()

df = {}
for path in sorted(glob.glob(os.path.join(args.sgm, "reut2-*.sgm"))):
    text = open(path, encoding="latin-1").read()
    for story in text.split("</REUTERS>"):
        words = set(w.lower() for w in re.findall(r"[A-Za-z]+", story.split("<TEXT", 1)[-1]))
        for w in words:
            df[w] = df.get(w, 0) + 1
vocabulary = set(df)
# Markup names (title, body, reuter, dateline...) would count as words: drop SGML tag names.
tags = {"title", "body", "text", "dateline", "reuter", "author", "type", "brief", "unproc", "lt"}
candidates = sorted(w for w, n in df.items() if n >= 5 and len(w) >= 4 and w not in tags)
rng = random.Random(args.seed)
letters = "abcdefghijklmnopqrstuvwxyz"


def misspell(word):
    for _ in range(100):
        i = rng.randrange(len(word))
        kind = rng.choice(["insert", "delete", "substitute", "swap"])
        if kind == "insert":
            typo = word[:i] + rng.choice(letters) + word[i:]
        elif kind == "delete":
            typo = word[:i] + word[i + 1:]
        elif kind == "substitute":
            typo = word[:i] + rng.choice(letters) + word[i + 1:]
        else:
            if i + 1 >= len(word):
                continue
            typo = word[:i] + word[i + 1] + word[i] + word[i + 2:]
        if typo != word and typo not in vocabulary:
            return typo
    return None


cases = []
while len(cases) < args.count:
    word = rng.choice(candidates)
    typo = misspell(word)
    if typo:
        cases.append((word, typo))

hits = 0
misses = []
for word, typo in cases:
    out = subprocess.run([args.bin, "search", typo, "--index", args.index, "--format", "jsonl", "-k", "1"],
                         capture_output=True, text=True)
    suggestion = None
    found = False
    for line in out.stdout.splitlines():
        record = json.loads(line)
        found = found or "rank" in record
        if record.get("suggestions"):
            suggestion = record["suggestions"][0]
            break
    if suggestion == word:
        hits += 1
    else:
        misses.append((typo, word, suggestion, found))
stemmed = sum(1 for m in misses if m[2] is None and m[3])
print(f"first suggestion is the intended word: {hits}/{len(cases)} = {hits / len(cases):.3f}")
print(f"misspellings the index finds anyway (their stem is a term; no suggestion offered): {stemmed}; "
      f"excluding them: {hits}/{len(cases) - stemmed} = {hits / (len(cases) - stemmed):.3f}")
for typo, word, suggestion, found in misses:
    print(f"  miss: {typo} -> {suggestion} (intended {word}){' [has hits]' if found else ''}")
