#!/usr/bin/env bash
# Aligns every set in ../shared/align-eval with tmkit and scores it with the scorers there
# (strict and lax P/R/F1), plus the time taken (the Bible pair: median of 7 runs). Usage:
# tools/eval_align.sh [TMKIT] [CEDICT]
# With CEDICT (a CC-CEDICT file: tools/fetch_cedict.sh writes one), the Bible pair is aligned
# once more with it (--lexicon). Otherwise no imported lexicon is used (--no-lexicon).
set -euo pipefail
repo=$(cd "$(dirname "$0")/.." && pwd)
tmkit=${1:-$repo/build/tmkit}
cedict=${2:-}
E="$repo/../shared/align-eval"
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
now() { date +%s.%N; }

echo "| set | sentences | seconds | sentences/s | strict P/R/F1 | lax P/R/F1 |"
echo "|---|--:|--:|--:|---|---|"

mkdir -p "$out/bible"
# The speed target is on this pair: the median wall time of 7 runs (the machine is noisy).
times=()
for _ in 1 2 3 4 5 6 7; do
  t0=$(now)
  "$tmkit" -q align --no-glossary en="$E/bible-en-zh/en/001" zh="$E/bible-en-zh/zh/001" --one-sentence-per-line --no-lexicon --beads "$out/bible/001"
  t1=$(now)
  times+=("$(echo "$t1 - $t0" | bc -l)")
done
s=$(printf '%s\n' "${times[@]}" | sort -n | sed -n 4p)
n=$(cat "$E/bible-en-zh/en/001" "$E/bible-en-zh/zh/001" | wc -l)
r=$(python3 "$E/score_bible.py" "$E/bible-en-zh/gold/001" "$out/bible/001" "$E/bible-en-zh/en.verse" "$E/bible-en-zh/zh.verse")
printf '| bible-en-zh (verse) | %d | %.2f | %.0f | %s | %s |\n' "$n" "$s" "$(echo "$n / $s" | bc -l)" \
  "$(echo "$r" | sed 's/.*strict \([^ ]*\).*/\1/')" "$(echo "$r" | sed 's/.*lax \([^ ]*\).*/\1/')"

run_set() {  # run_set NAME DIR SRC TGT DOCS...
    local name=$1 dir=$2 sl=$3 tl=$4
    shift 4
    mkdir -p "$out/$name"
    local t0 t1 n=0
    t0=$(now)
    for d in "$@"; do
        "$tmkit" -q align --no-glossary "$sl=$dir/$sl/$d" "$tl=$dir/$tl/$d" --one-sentence-per-line --no-lexicon --beads "$out/$name/$d"
        n=$((n + $(cat "$dir/$sl/$d" "$dir/$tl/$d" | wc -l)))
    done
    t1=$(now)
    local r s
    r=$(python3 "$E/score.py" "$dir/gold" "$out/$name" "$@")
    # Strict F1 to four places as well: a target (0.90) can sit within the scorer's rounding.
    local f4
    f4=$(python3 -c 'import os, sys
sys.path.insert(0, sys.argv[1]); import score
names = sys.argv[4:]
r = score.score([score.read_beads(os.path.join(sys.argv[2], n)) for n in names],
                [score.read_beads(os.path.join(sys.argv[3], n)) for n in names])
print("%.4f" % r["f1_strict"])' "$E" "$dir/gold" "$out/$name" "$@")
    s=$(echo "$t1 - $t0" | bc -l)
    printf '| %s | %d | %.2f | %.0f | %s (F1 %s) | %s |\n' "$name" "$n" "$s" "$(echo "$n / $s" | bc -l)" \
      "$(echo "$r" | sed 's/.*strict \([^ ]*\).*/\1/')" "$f4" "$(echo "$r" | sed 's/.*lax \([^ ]*\).*/\1/')"
}
run_set textberg-de-fr "$E/textberg-de-fr" de fr $(ls "$E/textberg-de-fr/gold")
run_set ko-en-news-silver-test "$E/ko-en-news-silver" en ko test
run_set ko-en-news-silver-synthmerge-test "$E/ko-en-news-silver-synthmerge" en ko test

if [ -n "$cedict" ]; then
    t0=$(now)
    "$tmkit" -q align --no-glossary en="$E/bible-en-zh/en/001" zh="$E/bible-en-zh/zh/001" --one-sentence-per-line --lexicon "$cedict" --beads "$out/bible/lex"
    t1=$(now)
    r=$(python3 "$E/score_bible.py" "$E/bible-en-zh/gold/001" "$out/bible/lex" "$E/bible-en-zh/en.verse" "$E/bible-en-zh/zh.verse")
    s=$(echo "$t1 - $t0" | bc -l)
    printf '| bible-en-zh with CC-CEDICT (--lexicon) | %d | %.2f | %.0f | %s | %s |\n' "$n" "$s" "$(echo "$n / $s" | bc -l)" \
      "$(echo "$r" | sed 's/.*strict \([^ ]*\).*/\1/')" "$(echo "$r" | sed 's/.*lax \([^ ]*\).*/\1/')"
fi
