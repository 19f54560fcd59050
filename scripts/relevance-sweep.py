#!/usr/bin/env python3
"""Parameter sweeps and leave-one-collection-out (LOO) selection over the six test collections.

Every setting of a grid runs `newsindex batch` (top 1000) on each collection that
scripts/relevance.sh prepares (converted documents, the harness's queries, an index built with
the defaults) and is scored with `newsindex eval`. Results are cached in a TSV file (one line per
collection and setting), so a sweep that is run again only runs what is missing and the tables
can be printed again from the cache alone (--cached).

LOO: for each collection, the setting with the best mean of MAP and nDCG@10 (the two measures the
targets name, equally weighted) over the other five is chosen (ties: the order of the grid), and
scored on the held-out one. "chosen" is the setting with the best such mean over all six; it is
what a default would be.

  scripts/relevance-sweep.py [--bin NEWSINDEX] [--cache FILE] [--cached] [--markdown] GRID ...
  GRID: bm25 (k1 x b x title weight), bm25p (--model bm25p: k1 x b x pair weight), rm3
        (feedback documents x terms x original-query weight), rm3-rerank (10 x 10 x original
        weight), names (byline x source weights), or a family joining grids with '+' (e.g.
        bm25+bm25p: the choice may fall on either). Environment: WORK (as relevance.sh: /tmp/newsindex-relevance), BASE (options
        put in front of every rm3, rm3-rerank and names setting, e.g. BASE="--k1 1.2").
"""

import argparse
import itertools
import os
import subprocess
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
COLLECTIONS = ["cranfield", "cisi", "med", "cacm", "npl", "reuters21578-topics"]
SHORT = {"cranfield": "Cranfield", "cisi": "CISI", "med": "MED", "cacm": "CACM", "npl": "NPL",
         "reuters21578-topics": "Reuters topics"}


def fmt(x):
    return ("%g" % x)


def bm25_grid():
    for k1, b, tw in itertools.product([0.6, 0.9, 1.2, 1.5, 1.8, 2.1], [0.3, 0.4, 0.5, 0.6, 0.75], [1, 2, 3, 4]):
        yield ("--k1", fmt(k1), "--b", fmt(b), "--title-weight", fmt(tw))


def bm25p_grid():
    for k1, b, pw in itertools.product([0.9, 1.2, 1.5, 1.8], [0.3, 0.4, 0.5], [0.05, 0.1, 0.2, 0.3]):
        yield ("--model", "bm25p", "--pair-weight", fmt(pw), "--k1", fmt(k1), "--b", fmt(b))


def base():
    """BASE: options put in front of the rm3, rm3-rerank and names settings (e.g. other k1/b)."""
    return tuple(os.environ.get("BASE", "").split())


def rm3_grid(flag, documents=(5, 10, 20), terms=(10, 20)):
    def grid():
        for docs, terms_, weight in itertools.product(documents, terms, [0.3, 0.5, 0.7]):
            yield base() + (flag, "--fb-docs", str(docs), "--fb-terms", str(terms_),
                            "--original-query-weight", fmt(weight))
    return grid


def names_grid():
    for byline, source in itertools.product([0, 0.25, 0.5, 1, 2], [0, 0.25, 0.5, 1]):
        yield base() + ("--byline-weight", fmt(byline), "--source-weight", fmt(source))


GRIDS = {"bm25": bm25_grid, "bm25p": bm25p_grid, "rm3": rm3_grid("--rm3"),
         "rm3-rerank": rm3_grid("--rm3-rerank", documents=(10,), terms=(10,)), "names": names_grid}


def key(options):
    return " ".join(options) if options else "(defaults)"


# The settings every table compares with: the defaults before this sweep (BM25F, k1 0.9, b 0.4,
# title weight 3) and after it (--model bm25p, pair weight 0.2, k1 1.8), written out so that the
# cache does not depend on the binary's defaults.
REFERENCES = [("old defaults (bm25, k1 0.9)", ("--k1", "0.9", "--b", "0.4", "--title-weight", "3")),
              ("defaults (bm25p, k1 1.8)", ("--model", "bm25p", "--pair-weight", "0.2", "--k1", "1.8", "--b", "0.4"))]


def load(cache):
    results = {}
    if os.path.exists(cache):
        with open(cache) as f:
            for line in f:
                if line.startswith("#") or not line.strip():
                    continue
                collection, setting, map_, ndcg = line.rstrip("\n").split("\t")
                results[(collection, setting)] = (float(map_), float(ndcg))
    return results


def prepare(binary, work, collection):
    d = os.path.join(work, collection)
    if not os.path.exists(os.path.join(d, "index", "meta.json")) or not os.path.exists(
            os.path.join(d, "queries.tsv")):
        subprocess.run(["bash", os.path.join(ROOT, "scripts/relevance.sh"), "--bin", binary, "--keep",
                        collection], check=True, stdout=subprocess.DEVNULL,
                       env=dict(os.environ, WORK=work))
    return d


def run(binary, work, collection, options):
    d = prepare(binary, work, collection)
    batch = subprocess.run(
        [binary, "batch", os.path.join(d, "queries.tsv"), "--index", os.path.join(d, "index"),
         "--format", "trec", "-k", "1000", "--threads", os.environ.get("THREADS", "2"), *options],
        check=True, capture_output=True)
    run_file = os.path.join(d, "sweep-run.txt")
    with open(run_file, "wb") as f:
        f.write(batch.stdout)
    evaluated = subprocess.run([binary, "eval", os.path.join(d, "qrels.txt"), run_file], check=True,
                               capture_output=True, text=True).stdout
    values = {}
    for line in evaluated.splitlines():
        parts = line.split("\t")
        if len(parts) == 3 and parts[1] == "all":
            values[parts[0]] = float(parts[2])
    return values["map"], values["ndcg_cut_10"]


def mean(values):
    return sum(values) / len(values)


def choose(settings, results, collections):
    """The setting with the best mean of MAP and nDCG@10 over `collections` (then grid order)."""
    best = None
    for index, setting in enumerate(settings):
        score = (round(mean([sum(results[(c, setting)]) / 2 for c in collections]), 9), -index)
        if best is None or score > best[0]:
            best = (score, setting)
    return best[1]


def report(name, settings, results, markdown):
    rows = []
    loo = {}
    for held in COLLECTIONS:
        setting = choose(settings, results, [c for c in COLLECTIONS if c != held])
        loo[held] = (setting, results[(held, setting)])
    chosen = choose(settings, results, COLLECTIONS)
    if markdown:
        print("\n**%s** (%d settings); chosen on all six: `%s`\n" % (name, len(settings), chosen))
        print("| | " + " | ".join(SHORT[c] for c in COLLECTIONS) + " | mean |")
        print("|---" * (len(COLLECTIONS) + 2) + "|")

        def line(label, values):
            print("| %s | %s | %.4f / %.4f |" % (
                label, " | ".join("%.4f / %.4f" % v for v in values),
                mean([v[0] for v in values]), mean([v[1] for v in values])))
        for label, options in REFERENCES:
            line(label, [results[(c, key(options))] for c in COLLECTIONS])
        line("LOO (held out)", [loo[c][1] for c in COLLECTIONS])
        line("chosen", [results[(c, chosen)] for c in COLLECTIONS])
        print("\nLOO choices: " + "; ".join("%s `%s`" % (SHORT[c], loo[c][0]) for c in COLLECTIONS))
    else:
        print("== %s: %d settings; chosen on all six: %s" % (name, len(settings), chosen))
        for c in COLLECTIONS:
            setting, (m, n) = loo[c]
            cm, cn = results[(c, chosen)]
            print("%-20s LOO %.4f / %.4f  chosen %.4f / %.4f  (LOO setting: %s)" % (c, m, n, cm, cn, setting))
        print("%-20s LOO %.4f / %.4f  chosen %.4f / %.4f" % (
            "mean", mean([loo[c][1][0] for c in COLLECTIONS]), mean([loo[c][1][1] for c in COLLECTIONS]),
            mean([results[(c, chosen)][0] for c in COLLECTIONS]),
            mean([results[(c, chosen)][1] for c in COLLECTIONS])))


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--bin", default=os.path.join(ROOT, ".build/release/newsindex"))
    parser.add_argument("--cache", default=os.path.join(ROOT, "scripts/relevance-sweep.tsv"))
    parser.add_argument("--cached", action="store_true", help="only print from the cache; run nothing")
    parser.add_argument("--markdown", action="store_true")
    parser.add_argument("grids", nargs="+")
    args = parser.parse_args()
    work = os.environ.get("WORK", os.path.join(os.environ.get("TMPDIR", "/tmp"), "newsindex-relevance"))
    results = load(args.cache)
    for family in args.grids:
        settings = []
        for name in family.split("+"):
            if name not in GRIDS:
                sys.exit("relevance-sweep.py: unknown grid %r (known: %s)" % (name, ", ".join(GRIDS)))
            settings += [s for s in GRIDS[name]() if s not in settings]
        names = [key(s) for s in settings]
        if not args.cached:
            for options, name in [(o, key(o)) for _, o in REFERENCES] + list(zip(settings, names)):
                for c in COLLECTIONS:
                    if (c, name) in results:
                        continue
                    results[(c, name)] = run(args.bin, work, c, list(options))
                    new = not os.path.exists(args.cache)
                    with open(args.cache, "a") as f:
                        if new:
                            f.write("# collection\tsetting\tmap\tndcg_cut_10\t(scripts/relevance-sweep.py)\n")
                        f.write("%s\t%s\t%.4f\t%.4f\n" % (c, name, *results[(c, name)]))
        missing = [n for n in names + [key(o) for _, o in REFERENCES] for c in COLLECTIONS
                   if (c, n) not in results]
        if missing:
            sys.exit("relevance-sweep.py: %d results not in the cache (run without --cached)" % len(missing))
        report(family, names, results, args.markdown)


if __name__ == "__main__":
    main()
