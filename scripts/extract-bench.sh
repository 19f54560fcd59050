#!/usr/bin/env bash
# Extraction speed against the libxml2 floor (issue 7): pages per second of `newsindex extract`
# with 1 and 2 threads over the 91 pages of ../shared/corpora/html-news-pages, next to
# ../shared/bench/extract/libxml2_floor.c (libxml2 parsing the same pages into a DOM and walking
# its text, nothing else), runs interleaved so that both see the same machine load.
#
#   scripts/extract-bench.sh [ROUNDS]          default 5 rounds; each round runs all three
#   environment: NEWSINDEX (default .build/release/newsindex), PASSES (default 5: each run reads
#                every page PASSES times)
#
# newsindex is timed as a whole process (start-up, reading files, JSON output included); the
# floor times only its parse loop, over pages it has read beforehand. Ratios are per round.
set -euo pipefail
cd "$(dirname "$0")/.."
rounds=${1:-5}
passes=${PASSES:-5}
bin=${NEWSINDEX:-.build/release/newsindex}
pages_gz=../shared/corpora/html-news-pages/html
floor_c=../shared/bench/extract/libxml2_floor.c
[ -d "$pages_gz" ] || { echo "extract-bench: $pages_gz is absent" >&2; exit 2; }
[ -x "$bin" ] || swift build -c release --product newsindex >&2

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkdir "$work/pages"
for f in "$pages_gz"/*.html.gz; do gunzip -c "$f" >"$work/pages/$(basename "${f%.gz}")"; done
cc -O2 "$floor_c" -o "$work/floor" $(pkg-config --cflags --libs libxml-2.0)
files=()
for _ in $(seq "$passes"); do files+=("$work"/pages/*.html); done
n=${#files[@]}

seconds() { local s e; s=$(date +%s%N); "$@" >/dev/null; e=$(date +%s%N); echo "$(( (e - s) / 1000 ))e-6"; }
printf '%-6s %12s %14s %14s %10s %10s\n' round "floor p/s" "extract-1 p/s" "extract-2 p/s" "1t/floor" "2t/floor"
for r in $(seq "$rounds"); do
  floor=$("$work/floor" "$work/pages" "$passes" | sed -E 's/.* MB, ([0-9.]+) pages\/s.*/\1/')
  t1=$(seconds "$bin" extract "${files[@]}")
  t2=$(seconds "$bin" extract --threads 2 "${files[@]}")
  python3 -c "
f, t1, t2, n = $floor, $t1, $t2, $n
print(f'{$r:<6} {f:12.0f} {n / t1:14.0f} {n / t2:14.0f} {n / t1 / f:10.2f} {n / t2 / f:10.2f}')"
done
