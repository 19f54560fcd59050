#!/usr/bin/env bash
# Query benchmark: single-thread throughput and latency of `newsindex batch` per workload (single
# words, ranked OR, AND, phrases from the AOL-derived queries, phrases sampled from the documents), plus the
# 2-thread throughput, over an index of a large corpus.
#
#   scripts/query-bench.sh [DOCS.jsonl] [INDEX] [REPEAT]
#   defaults: /tmp/big/docs-1g.jsonl (made by scripts/make-corpus.py if missing), DOCS.index, 3
#   environment: NEWSINDEX (default .build/release/newsindex), QUERIES (the AOL query file),
#                OPTIONS (extra batch options, e.g. "--rm3" or "--exhaustive")
#
# Throughput = queries / (wall time of a run over the workload repeated REPEAT times − wall time
# of a 1-query run), so process start-up and index opening do not count (as in
# ../shared/bench/peers); latency percentiles come from the per-query took_us of --format jsonl.
set -euo pipefail
cd "$(dirname "$0")/.."
docs=${1:-/tmp/big/docs-1g.jsonl}
index=${2:-${docs%.jsonl}.index}
repeat=${3:-3}
bin=${NEWSINDEX:-.build/release/newsindex}
queries=${QUERIES:-../shared/corpora/benchmark-queries/queries.txt}
read -r -a options <<<"${OPTIONS:-}"

[ -x "$bin" ] || swift build -c release --product newsindex >&2
if [ ! -f "$docs" ]; then
  mkdir -p "$(dirname "$docs")"
  python3 scripts/make-corpus.py ../shared/corpora "$docs" --size-mb 1024 >&2
fi
if [ ! -f "$index/meta.json" ]; then
  /usr/bin/time -f "build: %e s wall, %M KB peak RSS" "$bin" build "$docs" --index "$index" -q
fi
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
python3 scripts/make-queries.py "$queries" "$docs" "$work" >&2

seconds() { local s e; s=$(date +%s%N); "$@" >/dev/null; e=$(date +%s%N); echo "$(( (e - s) / 1000 ))e-6"; }
printf '%-10s %7s %9s %9s %8s %8s %8s %9s\n' workload queries "QPS(1)" "QPS(2)" "p50 ms" "p99 ms" "p99/p50" "scored/q"
for w in term or and phrase docphrase; do
  file=$work/$w.tsv
  n=$(wc -l <"$file")
  for _ in $(seq "$repeat"); do cat "$file"; done >"$work/rep.tsv"
  head -n 1 "$file" >"$work/one.tsv"
  run() { "$bin" batch "$1" --index "$index" -k 10 --format trec --threads "$2" "${options[@]}"; }
  # Start-up and index opening: the best of three 1-query runs (the first also warms the page cache).
  t1=$(python3 -c "print(min(float(x) for x in '$(seconds run "$work/one.tsv" 1) $(seconds run "$work/one.tsv" 1) $(seconds run "$work/one.tsv" 1)'.split()))")
  tn1=$(seconds run "$work/rep.tsv" 1)
  tn2=$(seconds run "$work/rep.tsv" 2)
  "$bin" batch "$file" --index "$index" -k 10 --format jsonl --threads 1 "${options[@]}" >"$work/$w.jsonl"
  python3 - "$work/$w.jsonl" "$w" "$n" "$repeat" "$t1" "$tn1" "$tn2" <<'PY'
import json, sys
path, w, n, rep, t1, tn1, tn2 = sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4]), *map(float, sys.argv[5:])
rows = [json.loads(l) for l in open(path) if l.strip()]
lat = sorted(r["took_us"] / 1000 for r in rows)
pct = lambda p: lat[min(len(lat) - 1, int(p * len(lat)))]
scored = sum(r.get("stats", {}).get("documents_scored", 0) for r in rows) / max(1, len(rows))
q = n * rep - 1
print(f"{w:<10} {n:7d} {q / max(tn1 - t1, 1e-9):9.0f} {q / max(tn2 - t1, 1e-9):9.0f} "
      f"{pct(.5):8.3f} {pct(.99):8.3f} {pct(.99) / max(pct(.5), 1e-9):8.1f} {scored:9.0f}")
PY
done
