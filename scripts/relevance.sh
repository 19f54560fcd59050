#!/usr/bin/env bash
# Relevance regression: converts the test collections in ../shared/corpora (Cranfield, CISI, MED,
# CACM, NPL, and Reuters-21578 with the topic queries of reuters21578-topics) with the peer
# harness's converters, builds an index of each with newsindex's defaults, runs the queries in
# batch (top 1000, as ../shared/bench/peers/bench.sh sends them: lower-cased, punctuation as
# spaces, Lucene's 33 stop words left out) and scores the runs with `newsindex eval`. Prints one
# table; --record writes the MAP/nDCG@10 baseline the tests check. Options after `--` go to
# `batch` (e.g. `-- --rm3`, `-- --model sdm`); --keep reuses an index already built in WORK.
#
#   scripts/relevance.sh [--bin NEWSINDEX] [--record FILE] [--keep] [COLLECTION ...] [-- BATCH-OPTION ...]
#   COLLECTION: cranfield cisi med cacm npl reuters21578-topics (all six by default)
#
# Environment: PEERS (../shared/bench/peers), CORPORA (../shared/corpora), WORK (a temp folder
# reused between runs for the converted collections), THREADS (2). Without --bin it builds the
# release binary with `swift build -c release`.
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
PEERS=${PEERS:-$ROOT/../shared/bench/peers}
CORPORA=${CORPORA:-$ROOT/../shared/corpora}
WORK=${WORK:-${TMPDIR:-/tmp}/newsindex-relevance}
THREADS=${THREADS:-2}
BIN=
RECORD=
KEEP=
COLLECTIONS=()
OPTIONS=()
while [ $# -gt 0 ]; do
  case "$1" in
    --bin) BIN=$2; shift 2 ;;
    --record) RECORD=$2; shift 2 ;;
    --keep) KEEP=1; shift ;;
    --) shift; OPTIONS=("$@"); break ;;
    -h|--help) sed -n '2,17p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) COLLECTIONS+=("$1"); shift ;;
  esac
done
[ ${#COLLECTIONS[@]} -gt 0 ] || COLLECTIONS=(cranfield cisi med cacm npl reuters21578-topics)
for need in "$PEERS/convert_smart.py" "$PEERS/convert_reuters.py" "$PEERS/common.py" "$CORPORA"; do
  [ -e "$need" ] || { echo "relevance.sh: $need not found (set PEERS / CORPORA)" >&2; exit 3; }
done
if [ -z "$BIN" ]; then
  (cd "$ROOT" && swift build -c release --product newsindex >&2)
  BIN=$ROOT/.build/release/newsindex
fi
mkdir -p "$WORK"
if [ -n "$RECORD" ]; then printf '# collection\tmap\tndcg_cut_10\t(newsindex defaults; written by scripts/relevance.sh --record)\n' > "$RECORD"; fi
printf '%-19s %7s %8s %7s %7s %8s\n' collection MAP nDCG@10 P@10 R@1000 queries
for c in "${COLLECTIONS[@]}"; do
  d=$WORK/$c
  if [ ! -f "$d/qrels.txt" ]; then
    case "$c" in
      reuters21578-topics)
        # The stories as the harness converts them; the queries and judgements as shipped.
        for need in "$CORPORA/reuters21578/distribution" "$CORPORA/$c/topics.tsv" "$CORPORA/$c/qrels.txt"; do
          [ -e "$need" ] || { echo "relevance.sh: $need not found" >&2; exit 3; }
        done
        mkdir -p "$d"
        python3 "$PEERS/convert_reuters.py" "$CORPORA/reuters21578/distribution" "$d/docs.jsonl" >&2
        cp "$CORPORA/$c/topics.tsv" "$d/topics.tsv"
        cp "$CORPORA/$c/qrels.txt" "$d/qrels.txt.part" && mv "$d/qrels.txt.part" "$d/qrels.txt" ;;
      *) python3 "$PEERS/convert_smart.py" "$c" "$CORPORA/$c" "$d" >&2 ;;
    esac
  fi
  # The harness's query normalisation and stop list, imported from its own code.
  python3 - "$PEERS" "$d/topics.tsv" > "$d/queries.tsv" <<'PY'
import sys
sys.path.insert(0, sys.argv[1])
from common import LUCENE_STOPWORDS, normalize_query, read_topics
stop = set(LUCENE_STOPWORDS)
for qid, text in read_topics(sys.argv[2]):
    words = [w for w in normalize_query(text).split() if w not in stop]
    if words:
        print(qid + "\t" + " ".join(words))
PY
  if [ -z "$KEEP" ] || [ ! -f "$d/index/meta.json" ]; then
    rm -rf "$d/index"
    "$BIN" build "$d/docs.jsonl" --index "$d/index" --threads "$THREADS" -q > /dev/null
  fi
  "$BIN" batch "$d/queries.tsv" --index "$d/index" --format trec -k 1000 --threads "$THREADS" \
    ${OPTIONS[@]+"${OPTIONS[@]}"} > "$d/run.txt"
  "$BIN" eval "$d/qrels.txt" "$d/run.txt" > "$d/eval.txt"
  value() { awk -v m="$1" '$1 == m && $2 == "all" { print $3 }' "$d/eval.txt"; }
  printf '%-19s %7s %8s %7s %7s %8s\n' "$c" "$(value map)" "$(value ndcg_cut_10)" "$(value P_10)" \
    "$(value recall_1000)" "$(value num_q)"
  if [ -n "$RECORD" ]; then printf '%s\t%s\t%s\n' "$c" "$(value map)" "$(value ndcg_cut_10)" >> "$RECORD"; fi
done
