#!/usr/bin/env bash
# Builds one libFuzzer target (Fuzz/ package, -sanitize=fuzzer,address) and runs it, nice'd, on a
# seed corpus from corpus/. Crashes, timeouts and out-of-memory inputs land in Fuzz/crashes/TARGET/;
# turn each into a regression test (Tests/*/FuzzRegressionTests.swift) and delete it.
#
#   scripts/fuzz.sh TARGET [SECONDS] [extra libFuzzer flags…]
#   TARGET: html | xml | sgml | text | query | prefilter        SECONDS: run time (default 60)
#   (prefilter is differential: a page whose tree HTMLPrefilter changes aborts, see
#   Fuzz/Sources/FuzzPrefilter)
#
# The working corpus (seeds plus what libFuzzer finds) stays in Fuzz/work/TARGET (ignored by git).
# The last line printed is a summary: target, seconds, executions, crash files.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD

target=${1:?usage: scripts/fuzz.sh html|xml|sgml|text|query|prefilter [SECONDS] [libFuzzer flags…]}
seconds=${2:-60}
shift $(( $# >= 2 ? 2 : 1 ))

case $target in
  html)  product=FuzzHTML;  seeds=(corpus/html) ;;
  xml)   product=FuzzXML;   seeds=(corpus/xml) ;;
  sgml)  product=FuzzSGML;  seeds=(corpus/sgml) ;;
  text)  product=FuzzText;  seeds=(corpus/text corpus/jsonl) ;;
  query) product=FuzzQuery; seeds=() ;;
  prefilter) product=FuzzPrefilter; seeds=(corpus/html); set -- -dict=Fuzz/prefilter.dict "$@" ;;
  *) echo "fuzz.sh: unknown target '$target' (html, xml, sgml, text, query, prefilter)" >&2; exit 64 ;;
esac

scratch=${FUZZ_SCRATCH:-$root/Fuzz/.build-fuzz}
# The sources are shared with the main package: when someone saves a file mid-build, retry.
for attempt in 1 2 3 4; do
  nice -n 15 swift build --package-path Fuzz --scratch-path "$scratch" -c release --product "$product" \
    -Xswiftc -sanitize=fuzzer,address -Xswiftc -parse-as-library >&2 && break
  [ "$attempt" -lt 4 ] || { echo "fuzz.sh: build of $product failed" >&2; exit 1; }
  sleep 30
done
binary=$(swift build --package-path Fuzz --scratch-path "$scratch" -c release --show-bin-path)/$product

work=Fuzz/work/$target
crashes=Fuzz/crashes/$target
mkdir -p "$work" "$crashes"
if [ "$target" = query ]; then
  # One query per seed file: the batch queries plus syntax the parser must survive.
  cut -f2 corpus/queries.tsv | awk -v dir="$work" '{ print > (dir "/seed-" NR) }'
  printf '%s\n' '"unbalanced' '((a OR b' 'a AND' ')' 'title:"x" -body:y +z' 'NOT NOT a' '中文 검색' >"$work/seed-syntax"
else
  find "${seeds[@]}" -type f -exec cp -n {} "$work/" \;
  # Gzip copies of the text seeds, so the mutations reach GzipDecoder (the content decides).
  if [ "$target" = text ]; then
    find "${seeds[@]}" -type f | while read -r f; do gzip -c "$f" >"$work/$(basename "$f").gz"; done
  fi
fi

log=Fuzz/work/$target.log
set +e
TIMEFORMAT='%U %S'
{ time nice -n 15 "$binary" "$work" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 -max_len=65536 \
  -artifact_prefix="$crashes/" -print_final_stats=1 "$@" 2>"$log"; } 2>"$log.time"
status=$?
set -e
cpu=$(awk '{ printf "%d", $1 + $2 }' "$log.time")
runs=$(grep -o 'stat::number_of_executed_units: *[0-9]*' "$log" | grep -o '[0-9]*$' || echo 0)
# Running totals over every run of this target (the working corpus carries over between runs).
echo "$cpu $runs" >>"Fuzz/work/$target.totals"
read -r total_cpu total_runs < <(awk '{ c += $1; r += $2 } END { print c, r }' "Fuzz/work/$target.totals")
found=$(find "$crashes" -type f | wc -l)
tail -n 5 "$log" >&2
echo "fuzz $target: ${seconds} s wall, $cpu CPU s, $runs executions (all runs: $total_cpu CPU s, $total_runs executions), $found crash files in $crashes (exit $status, log $log)"
exit $status
