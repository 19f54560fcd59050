#!/usr/bin/env python3
"""More-like-this on Reuters-21578: the share of the top 10 similar stories that share a TOPICS
category with the source story, over 200 random stories with at least one topic.

Usage: scripts/similar-eval.py BIN INDEX [SGM_DIR] [--count 200] [--seed 17]

The index must hold the reut2-*.sgm files (ids `reut2-NNN.sgm#NEWID`). A story returned without
topics counts as not sharing one; the share is over the hits returned (10 unless fewer match).
"""
import argparse, glob, html, os, random, re, subprocess

parser = argparse.ArgumentParser()
parser.add_argument("bin")
parser.add_argument("index")
parser.add_argument("sgm", nargs="?", default="/work/shared/corpora/reuters21578/distribution")
parser.add_argument("--count", type=int, default=200)
parser.add_argument("--seed", type=int, default=17)
parser.add_argument("-k", type=int, default=10)
parser.add_argument("--dump", nargs=2, metavar=("DOCS_TSV", "SAMPLE"),
                    help="also write id<TAB>title body of every story and the sampled ids (for a peer run)")
parser.add_argument("--option", action="append", default=[], help="passed on to newsindex similar")
parser.add_argument("--results", help="score a peer's run instead (lines: source<TAB>id,id,...)")
args = parser.parse_args()

topics = {}
texts = {}
for path in sorted(glob.glob(os.path.join(args.sgm, "reut2-*.sgm"))):
    name = os.path.basename(path)
    text = open(path, encoding="latin-1").read()
    for story in re.finditer(r'<REUTERS[^>]*NEWID="(\d+)"[^>]*>(.*?)</REUTERS>', text, re.S):
        block = re.search(r"<TOPICS>(.*?)</TOPICS>", story.group(2), re.S)
        tags = set(re.findall(r"<D>(.*?)</D>", block.group(1))) if block else set()
        topics[f"{name}#{story.group(1)}"] = tags
        if args.dump:
            parts = [re.search(f"<{tag}>(.*?)</{tag}>", story.group(2), re.S) for tag in ("TITLE", "BODY")]
            text = " ".join(html.unescape(p.group(1)) for p in parts if p)
            texts[f"{name}#{story.group(1)}"] = re.sub(r"\s+", " ", text)

tagged = sorted(i for i, t in topics.items() if t)
rng = random.Random(args.seed)
sample = rng.sample(tagged, args.count)
if args.dump:
    with open(args.dump[0], "w") as out:
        for i, text in texts.items():
            out.write(f"{i}\t{text}\n")
    with open(args.dump[1], "w") as out:
        out.write("\n".join(sample) + "\n")
peer = {}
if args.results:
    for line in open(args.results):
        source, _, ids = line.rstrip("\n").partition("\t")
        peer[source] = [i for i in ids.split(",") if i]
shares = []
for source in sample:
    if args.results:
        ids = peer.get(source, [])
    else:
        out = subprocess.run([args.bin, "similar", source, "--index", args.index, "-k", str(args.k), "--format", "tsv"] + args.option,
                             capture_output=True, text=True)
        ids = [line.split("\t")[1] for line in out.stdout.splitlines() if line]
    if not ids:
        shares.append(0.0)
        continue
    sharing = sum(1 for i in ids if topics.get(i, set()) & topics[source])
    shares.append(sharing / len(ids))
print(f"share of the top {args.k} sharing a TOPICS category, over {len(sample)} tagged stories: "
      f"{sum(shares) / len(shares):.3f}")
