#!/bin/bash
# Usage: scripts/facet-bench.sh [BIN] [INDEX] [WORD] [ROUNDS]; prints the median microseconds of each.
# Build the index first: newsindex build ../shared/corpora/reuters21578 --index /tmp/reu/idx
# Interleaved: per round, facet source/language/year/month and an exhaustive top-10 search of the same word.
B=${1:-.build/release/newsindex}; I=${2:-/tmp/reu/idx}; W=${3:-said}; R=${4:-21}
for r in $(seq $R); do
  for f in source language year month; do
    echo "facet-$f $($B search $W --index $I --facet $f --format json | python3 -c 'import json,sys; print(json.load(sys.stdin)["took_us"])')"
  done
  echo "search-exhaustive $($B search $W --index $I --stats -k 10 --exhaustive 2>&1 >/dev/null | grep -o '[0-9.]* ms' | awk '{print int($1*1000)}')"
  echo "search-pruned $($B search $W --index $I --stats -k 10 2>&1 >/dev/null | grep -o '[0-9.]* ms' | awk '{print int($1*1000)}')"
done | sort -k1,1 -k2,2n | awk '{v[$1]=v[$1]" "$2; n[$1]++} END {for (k in v) {split(substr(v[k],2),a," "); print k, "median_us", a[int((n[k]+1)/2)]}}' | sort
