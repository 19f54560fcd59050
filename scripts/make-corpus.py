#!/usr/bin/env python3
"""Makes a large news-like corpus (JSON Lines) from a folder of real news, for build and query
benchmarks.

    python3 scripts/make-corpus.py ../shared/corpora OUT.jsonl --size-mb 1024 [--seed 1]

Sentences are drawn from the real articles found under the folder (Reuters-21578 SGML, plain-text
stories such as BBC News, TREC <DOC> files, JSON Lines with "body"/"text"), so word frequencies,
co-occurrence and phrase structure are those of real news. Each synthetic article takes a real
article as a template (its length and the place it starts drawing sentences from) and mixes in
sentences of other articles. Real archives keep meeting new words (names, places, typos: Heaps'
law), which resampling alone cannot do: a small share of tokens is replaced by words from an
unbounded synthetic vocabulary drawn with a Zipf law, so the vocabulary keeps growing with the
corpus size as it would.

Output: one JSON object per line with id, title, body, date; the same seed gives the same file.
"""
import argparse, html, json, os, random, re, sys

SENTENCE = re.compile(r"(?<=[.!?])\s+(?=[A-Z\"'])")
WORD = re.compile(r"[A-Za-z][a-z]+")


def reuters(path):
    text = open(path, encoding="latin-1").read()
    for m in re.finditer(r"<REUTERS.*?</REUTERS>", text, re.S):
        rec = m.group(0)
        title = re.search(r"<TITLE>(.*?)</TITLE>", rec, re.S)
        body = re.search(r"<BODY>(.*?)</BODY>", rec, re.S)
        if body:
            yield (html.unescape(title.group(1)) if title else ""), html.unescape(body.group(1))


def trec(path):
    text = open(path, encoding="latin-1").read()
    for m in re.finditer(r"<DOC>(.*?)</DOC>", text, re.S):
        rec = m.group(1)
        head = re.search(r"<(HEADLINE|HEAD|TITLE)>(.*?)</\1>", rec, re.S)
        body = re.search(r"<TEXT>(.*?)</TEXT>", rec, re.S)
        if body:
            yield (re.sub(r"<[^>]+>", " ", head.group(2)) if head else ""), re.sub(r"<[^>]+>", " ", body.group(1))


def plain(path):
    lines = open(path, encoding="utf-8", errors="replace").read().split("\n")
    if len(lines) > 2:
        yield lines[0].strip(), "\n".join(lines[1:])


def jsonl(path):
    for line in open(path, encoding="utf-8", errors="replace"):
        try:
            obj = json.loads(line)
        except ValueError:
            continue
        body = obj.get("body") or obj.get("text") or obj.get("contents") or ""
        if body:
            yield obj.get("title", ""), body


def articles(root):
    for folder, _, files in sorted(os.walk(root)):
        for name in sorted(files):
            path = os.path.join(folder, name)
            low = name.lower()
            try:
                if low.endswith(".sgm"):
                    yield from reuters(path)
                elif low.endswith((".trec", ".sgml")):
                    yield from trec(path)
                elif low.endswith((".jsonl", ".ndjson")):
                    yield from jsonl(path)
                elif low.endswith(".txt") and "readme" not in low and not low.startswith("all-"):
                    yield from plain(path)
            except OSError:
                continue


def synthetic_word(rank, syllables=("ka", "lo", "mi", "ne", "ru", "sa", "to", "vi", "ber", "dan", "gor", "hel", "jun", "kos", "lin", "mar", "nor", "pel", "quin", "ros", "tav", "ul", "wen", "zar")):
    parts, r = [], rank
    while True:
        parts.append(syllables[r % len(syllables)])
        r //= len(syllables)
        if r == 0:
            break
    return "".join(parts).capitalize() if rank % 3 == 0 else "".join(parts)


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("source", help="folder of news files (e.g. ../shared/corpora)")
    ap.add_argument("out", help="output .jsonl file")
    ap.add_argument("--size-mb", type=float, default=1024, help="approximate output size (default 1024)")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--new-word-rate", type=float, default=0.02, help="share of tokens replaced by synthetic words")
    args = ap.parse_args()

    rng = random.Random(args.seed)
    docs = []
    for title, body in articles(args.source):
        sentences = [s.strip() for s in SENTENCE.split(" ".join(body.split())) if len(s.split()) >= 3]
        if sentences and title.strip():
            docs.append((" ".join(title.split()), sentences))
    if not docs:
        sys.exit(f"make-corpus: no articles found under {args.source}")
    pool = [s for _, sentences in docs for s in sentences]
    print(f"make-corpus: {len(docs)} articles, {len(pool)} sentences from {args.source}", file=sys.stderr)

    target = int(args.size_mb * 1024 * 1024)
    written = 0
    n = 0
    with open(args.out, "w", encoding="utf-8") as out:
        while written < target:
            title, template = docs[rng.randrange(len(docs))]
            length = max(2, int(len(template) * rng.uniform(0.6, 1.6)))
            start = rng.randrange(len(pool))
            sentences = []
            for k in range(length):
                s = template[k] if k < len(template) and rng.random() < 0.5 else pool[(start + rng.randrange(4000)) % len(pool)]
                if rng.random() < args.new_word_rate * 10:
                    words = s.split()
                    for _ in range(max(1, len(words) // 10)):
                        i = rng.randrange(len(words))
                        if WORD.fullmatch(words[i]):
                            # Zipf-like rank over an unbounded vocabulary: rank ~ 1 / u^1.2
                            words[i] = synthetic_word(int(1 / max(rng.random(), 1e-9) ** 1.2))
                    s = " ".join(words)
                sentences.append(s)
            n += 1
            year = 1987 + rng.randrange(39)
            record = {
                "id": f"syn-{n:08d}",
                "title": title,
                "body": " ".join(sentences),
                "date": f"{year}-{rng.randrange(1, 13):02d}-{rng.randrange(1, 29):02d}",
            }
            line = json.dumps(record, ensure_ascii=False) + "\n"
            out.write(line)
            written += len(line.encode("utf-8"))
    print(f"make-corpus: wrote {n} articles, {written / 1048576:.1f} MB to {args.out}", file=sys.stderr)


if __name__ == "__main__":
    main()
