#!/usr/bin/env bash
# Concordance benchmark: the time of `tmkit concordance` for rare and common words and
# phrases in English, Chinese and Korean on a large memory, against a peer build in the same
# run (a build from before a change), and whether both give the same answers.
#
#   tools/bench_concordance.sh STORE TMX --peer PATH [--peer-store DIR] [--tmkit PATH] [--repeat R]
#
# STORE holds TMX (tools/bench_lookup.sh --units 1000000 makes both:
# bench-data/lookup/store-synthetic-1000000 and bench-data/lookup/synthetic-1000000.tmx).
# --peer-store: the peer's copy of the same memory, when the peer cannot read STORE (an older
# tmkit refuses a newer schema); by default STORE.
# Rare queries are pieces of the last unit of TMX (a scan in id order meets it last); common
# ones are words found in most units. Each query runs R times (default 5) with each binary,
# alternating; the table gives the median wall time. Exit status: 0 ok, 1 the answers
# differ, 2 usage error.
set -euo pipefail
repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
usage() { echo "usage: tools/bench_concordance.sh STORE TMX --peer PATH [--peer-store DIR] [--tmkit PATH] [--repeat R]" >&2; exit 2; }
[ $# -ge 2 ] || usage
store=$1 tmx=$2
shift 2
tmkit=$repo/build/tmkit peer="" peer_store="" repeat=5
while [ $# -gt 0 ]; do
  case $1 in
    --tmkit) tmkit=$2; shift 2 ;;
    --peer) peer=$2; shift 2 ;;
    --peer-store) peer_store=$2; shift 2 ;;
    --repeat) repeat=$2; shift 2 ;;
    *) usage ;;
  esac
done
[ -n "$peer" ] && [ -d "$store" ] && [ -f "$tmx" ] || usage
peer_store=${peer_store:-$store}

# LANG<TAB>TEXT<TAB>what, from the last unit of the file and its common words.
queries=$(tail -c 200000 "$tmx" | python3 -c '
import html, re, sys
units = re.findall(r"<tu[ >].*?</tu>", sys.stdin.read(), re.S)
segs = dict(re.findall(r"<tuv xml:lang=\"([^\"]+)\"[^>]*><seg>(.*?)</seg>", units[-1], re.S))
def plain(s):
    s = re.sub(r"<(bpt|ept|ph|it|ut)\b[^>]*>.*?</\1>", "", s, flags=re.S)
    return html.unescape(re.sub(r"<[^>]+>", "", s))
en, zh, ko = (plain(segs[k]) for k in ("en", "zh-CN", "ko-KR"))
w = en.rstrip(".").split()
print("en\t%s\trare phrase, three words" % " ".join(w[1:4]))
print("en\t%s\ta word of the last unit (may be a piece of a longer one: units read in order)" % w[1])
h = [c for c in zh if "\u4e00" <= c <= "\u9fff"]
print("zh\t%s\trare pair of Han characters" % "".join(h[len(h) // 2:len(h) // 2 + 2]))
k = [x for x in ko.split() if len(x) >= 2]
print("ko\t%s\trare Korean word" % k[len(k) // 2])
print("en\tdorai\tcommon word")
print("zh\t虾\tcommon Han character")
')
now() { date +%s.%N; }
echo "Command: tools/bench_concordance.sh $store $tmx --peer $peer --peer-store $peer_store --tmkit $tmkit --repeat $repeat"
echo
echo "| query | language | what | hits | tmkit ms (median) | peer ms (median) |"
echo "|---|---|---|--:|--:|--:|"
status=0
while IFS=$'\t' read -r lang text what; do
  a=() b=()
  for _ in $(seq "$repeat"); do
    t0=$(now); "$tmkit" --db "$store" concordance "$text" --lang "$lang" --format json > /tmp/bench_conc.a; t1=$(now)
    a+=("$(echo "($t1 - $t0) * 1000" | bc -l)")
    t0=$(now); "$peer" --db "$peer_store" concordance "$text" --lang "$lang" --format json > /tmp/bench_conc.b; t1=$(now)
    b+=("$(echo "($t1 - $t0) * 1000" | bc -l)")
  done
  cmp -s /tmp/bench_conc.a /tmp/bench_conc.b || { echo "answers differ for $lang [$text]" >&2; status=1; }
  hits=$(python3 -c 'import json,sys; print(len(json.load(open(sys.argv[1]))))' /tmp/bench_conc.a)
  med() { printf '%s\n' "$@" | sort -n | sed -n "$(( ($# + 1) / 2 ))p"; }
  printf '| %s | %s | %s | %s | %.0f | %.0f |\n' "$text" "$lang" "$what" "$hits" "$(med "${a[@]}")" "$(med "${b[@]}")"
done <<< "$queries"
rm -f /tmp/bench_conc.a /tmp/bench_conc.b
exit $status
