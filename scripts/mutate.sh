#!/usr/bin/env bash
# Mutation run: applies each single-line fault of scripts/mutations.txt, one at a time, builds
# the tests, runs the fault's test filter and reports whether the suite caught it.
#
#   bash scripts/mutate.sh [regex]        # only the faults whose name matches regex
#
# Each line of mutations.txt, tab-separated: name, file, sed expression, test filter (swift test --filter).
# The fault is applied in place and the file restored afterwards (also on Ctrl-C): a copy of the
# tree would mean a clean build per fault (minutes on 2 cores), an in-place fault an incremental
# one. The script refuses to run with uncommitted changes under Sources/.
set -u
cd "$(dirname "$0")/.."
list=scripts/mutations.txt
if ! git diff --quiet -- Sources; then
  echo "mutate: Sources/ has uncommitted changes; commit or stash them first" >&2
  exit 2
fi
restore() { git checkout -q -- Sources; }
trap 'restore; exit 130' INT TERM
caught=0; missed=0; broken=0; report=()
while IFS=$'\t' read -r name file expr filter; do
  [[ -z "$name" || "$name" == \#* ]] && continue
  [[ -n "${1:-}" && ! "$name" =~ $1 ]] && continue
  sed -i -e "$expr" "$file"
  if git diff --quiet -- "$file"; then
    report+=("NOT APPLIED  $name (the expression matched nothing in $file)"); broken=$((broken + 1)); continue
  fi
  if ! swift build --build-tests >/tmp/mutate-build.log 2>&1; then
    report+=("NO BUILD     $name"); broken=$((broken + 1)); restore; continue
  fi
  if swift test --skip-build --filter "$filter" >/tmp/mutate-test.log 2>&1; then
    report+=("MISSED       $name ($filter passes)"); missed=$((missed + 1))
  else
    first=$(grep -m1 '✘ Test' /tmp/mutate-test.log | cut -c1-160)
    [[ -z "$first" ]] && first="no failed expectation: the test process stopped ($(grep -m1 -iE 'fatal|crash|signal|error' /tmp/mutate-test.log | cut -c1-120))"
    report+=("caught       $name: $first"); caught=$((caught + 1))
  fi
  restore
done < "$list"
swift build --build-tests >/dev/null 2>&1
printf '%s\n' "${report[@]}"
total=$((caught + missed))
echo "caught $caught of $total faults${total:+ ($((100 * caught / (total > 0 ? total : 1))) %)}; $broken not applied or not building"
[[ $missed -eq 0 && $broken -eq 0 ]]
