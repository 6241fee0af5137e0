#!/usr/bin/env bash
# Import speed of two tmkit builds on one file, in alternating runs (the machine is noisy:
# compare builds within one run of this script, never across runs).
#
#   tools/ab_import.sh FILE.tmx BUILD_A BUILD_B [ROUNDS]     (default 3 rounds)
#
# Each round imports FILE into a fresh store with A, then with B, under /usr/bin/time, and
# prints wall seconds, CPU seconds (user + system) and peak RSS (KB); at the end, each build's
# medians and the ratio B/A of the median wall times. A peer build: check out the older commit
# in a git worktree and build it there (tools/build.sh DIR). Stores go to a temporary directory
# that is removed at the end. Exit status: 0 done, 1 an import failed, 2 usage error.
set -euo pipefail

die() { echo "ab_import: $*" >&2; exit 2; }
[ $# -ge 3 ] && [ $# -le 4 ] || die "usage: tools/ab_import.sh FILE.tmx BUILD_A BUILD_B [ROUNDS]"
file=$1; a=$2; b=$3; rounds=${4:-3}
[ -r "$file" ] || die "cannot read $file"
[ -x "$a" ] || die "$a is not an executable"
[ -x "$b" ] || die "$b is not an executable"
[[ "$rounds" =~ ^[1-9][0-9]*$ ]] || die "ROUNDS must be a positive integer, not '$rounds'"
[ -x /usr/bin/time ] || die "/usr/bin/time is missing (apt-get install time)"

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

run() {  # run LABEL BUILD: one import; appends "wall cpu rss" to $tmp/LABEL
  local label=$1 bin=$2
  rm -rf "$tmp/db"
  if ! /usr/bin/time -f "%e %U %S %M" -o "$tmp/time" "$bin" --db "$tmp/db" import -q "$file" >/dev/null; then
    echo "ab_import: $bin failed to import $file" >&2
    exit 1
  fi
  read -r wall user sys rss < "$tmp/time"
  local cpu
  cpu=$(awk -v u="$user" -v s="$sys" 'BEGIN { printf "%.2f", u + s }')
  echo "$wall $cpu $rss" >> "$tmp/$label"
  printf '| %s | %s | %s | %s | %s |\n' "$round" "$label" "$wall" "$cpu" "$rss"
}

echo "Command: tools/ab_import.sh $*"
echo "A: $a"
echo "B: $b"
echo
echo "| round | build | wall s | CPU s | peak RSS KB |"
echo "|--:|---|--:|--:|--:|"
for round in $(seq "$rounds"); do
  run A "$a"
  run B "$b"
done

median() {  # median FILE COLUMN
  sort -n -k"$2" "$1" | awk -v c="$2" '{ v[NR] = $c } END { if (NR % 2) print v[(NR + 1) / 2]; else printf "%.2f\n", (v[NR / 2] + v[NR / 2 + 1]) / 2 }'
}
echo
for label in A B; do
  echo "$label: median wall $(median "$tmp/$label" 1) s, CPU $(median "$tmp/$label" 2) s, peak RSS $(median "$tmp/$label" 3) KB"
done
awk -v a="$(median "$tmp/A" 1)" -v b="$(median "$tmp/B" 1)" 'BEGIN { printf "B/A median wall time: %.3f\n", b / a }'
