#!/usr/bin/env bash
# End-to-end checks of `tmkit term`: import of the shipped glossary (TBX and TSV give the same
# term base), lookup with particles and plurals, search, export to TBX v3 and back, add, bad
# files (exit 2, nothing stored), and the server's /api/terms.
# Usage: term_test.sh [TMKIT]; prints "ok - ..." / "not ok - ..." and "N passed, M failed".
set -u
here=$(cd "$(dirname "$0")" && pwd)
repo=$(cd "$here/../.." && pwd)
TMKIT=${1:-$repo/build/tmkit}
W=$(mktemp -d)
server=
cleanup() {
    if [ -n "$server" ]; then kill -KILL "$server" 2>/dev/null; wait "$server" 2>/dev/null; fi
    rm -rf "$W"
}
trap cleanup EXIT
export TMKIT_DB="$W/db"
pass=0
fail=0
check() {  # check NAME COMMAND...: passes when the command succeeds
    local name=$1
    shift
    if "$@"; then pass=$((pass + 1)); echo "ok - $name"; else fail=$((fail + 1)); echo "not ok - $name"; fi
}

"$TMKIT" term import -q "$repo/glossaries/korean-war.tbx"
check "import of the shipped TBX" [ "$("$TMKIT" term list --format json | jq length)" -ge 40 ]
"$TMKIT" term list --format json >"$W/tbx.json"
"$TMKIT" --db "$W/db2" term import -q "$repo/glossaries/korean-war.tsv"
"$TMKIT" --db "$W/db2" term list --format json >"$W/tsv.json"
check "the TSV gives the same term base as the TBX" cmp -s "$W/tbx.json" "$W/tsv.json"
out=$("$TMKIT" term import "$repo/glossaries/korean-war.tbx" 2>&1)
check "importing again changes nothing" grep -q "0 added, 0 updated" <<<"$out"

j=$("$TMKIT" term lookup "중국인민지원군의 상감령 전투는 판문점에서 끝났다" --from ko --to en --format json)
check "Korean terms followed by particles" [ "$(jq -r '[.[].found] | join(",")' <<<"$j")" = "중국인민지원군,상감령 전투,판문점" ]
check "the particle is reported" [ "$(jq -r '.[0].particle' <<<"$j")" = "의" ]
check "renderings are in the languages asked for" [ "$(jq -r '[.[0].renderings[].lang] | unique | join(",")' <<<"$j")" = "en" ]
j=$("$TMKIT" term lookup "The Chinese People's Volunteers' victory ended the Korean War; the armies of Kim Jong-il" --from en --to zh --format json)
check "English possessive and plural, not a near-miss name" [ "$(jq -r '[.[].concept] | join(",")' <<<"$j")" = "$(jq -r '[.[] | select(.id=="c001" or .id=="c006") | .id] | join(",")' "$W/tbx.json")" ]
check "a deprecated rendering is marked" bash -c "'$TMKIT' term lookup 'Korean War' --from en --to zh | grep -q '韩战 \[forbidden\]'"

check "search by prefix" bash -c "'$TMKIT' term search panmun | head -1 | grep -q Panmunjom"
check "search with a typo" bash -c "'$TMKIT' term search Shanganling | head -1 | grep -q Shangganling"

"$TMKIT" term export -q "$W/kw.tbx" --as tbx3
check "export to TBX v3 is TBX v3" grep -q 'urn:iso:std:iso:30042:ed-2' "$W/kw.tbx"
"$TMKIT" --db "$W/db3" term import -q "$W/kw.tbx"
"$TMKIT" --db "$W/db3" term list --format json >"$W/v3.json"
check "TBX v3 round trip keeps the term base" cmp -s "$W/tbx.json" "$W/v3.json"

"$TMKIT" term add -q 抗美援朝战争 --lang zh-Hans --id c999 --status preferred
check "term add creates the concept" [ "$("$TMKIT" term list --format json | jq -r '.[] | select(.id=="c999") | .terms[0].text')" = "抗美援朝战争" ]

printf '<martif type="TBX"><text><body><termEntry id="x"><langSet xml:lang="en"><tig><term>a</term></tig>\n' >"$W/bad.tbx"
before=$("$TMKIT" term list --format json | jq length)
"$TMKIT" term import "$W/bad.tbx" 2>"$W/err"
rc=$?
check "a malformed TBX: exit 2" [ "$rc" -eq 2 ]
check "a malformed TBX: the message names file and position" grep -q "bad.tbx:[0-9]*:[0-9]*" "$W/err"
check "a malformed TBX: nothing stored" [ "$("$TMKIT" term list --format json | jq length)" -eq "$before" ]
"$TMKIT" term lookup "x" --from xx-notalang 2>/dev/null
check "an unknown language: exit 2" [ $? -eq 2 ]

# The aligner takes glossary terms as anchors: same units on the seed article, more confident.
S="$repo/tmx/sources"
mean_score() { grep -o 'x-align-score">[0-9.]*' "$1" | cut -d'>' -f2 | awk '{s+=$1} END {printf "%.3f", s/NR}'; }
"$TMKIT" -q align en="$S/shangganling.en.txt" zh="$S/shangganling.zh.txt" ko="$S/shangganling.ko.txt" -o "$W/g.tmx" --glossary "$repo/glossaries/korean-war.tsv"
"$TMKIT" -q align en="$S/shangganling.en.txt" zh="$S/shangganling.zh.txt" ko="$S/shangganling.ko.txt" -o "$W/n.tmx" --no-glossary
check "align with glossary anchors: 14 units" [ "$(grep -c '<tu ' "$W/g.tmx")" -eq 14 ]
check "align with glossary anchors: the same units as without" cmp -s <(grep '<seg' "$W/g.tmx") <(grep '<seg' "$W/n.tmx")
check "align with glossary anchors: higher confidence ($(mean_score "$W/g.tmx") vs $(mean_score "$W/n.tmx"))" \
    awk -v a="$(mean_score "$W/g.tmx")" -v b="$(mean_score "$W/n.tmx")" 'BEGIN { exit !(a > b) }'

# align --check reports the renderings of glossary terms in what it aligned.
"$TMKIT" -q align en="$S/shangganling.en.txt" zh="$S/shangganling.zh.txt" -o "$W/c.tmx" --glossary "$repo/glossaries/korean-war.tsv" --check >"$W/c.out"
check "align --check on the seed article: clean, exit 0" [ $? -eq 0 ] && [ ! -s "$W/c.out" ]
sed 's/上甘岭/上干岭/g' "$S/shangganling.zh.txt" >"$W/zh-typo.txt"
"$TMKIT" -q align en="$S/shangganling.en.txt" zh="$W/zh-typo.txt" -o "$W/c.tmx" --glossary "$repo/glossaries/korean-war.tsv" --check --format json >"$W/c.json"
check "align --check: a misspelt name is a missing rendering, exit 1" [ $? -eq 1 ]
check "align --check: findings name the concept" [ "$(jq '[.findings[] | select(.kind == "missing" and .concept == "c002")] | length' "$W/c.json")" -ge 1 ]

# The server's glossary lookup answers like the command line.
"$TMKIT" serve --listen 127.0.0.1:0 2>"$W/serve.log" &
server=$!
port=
for _ in $(seq 100); do
    port=$(sed -n 's|^tmkit: listening on http://127\.0\.0\.1:\([0-9]*\).*|\1|p' "$W/serve.log")
    [ -n "$port" ] && break
    sleep 0.05
done
q="중국인민지원군의 상감령 전투"
api=$(python3 -c "import sys,urllib.parse,urllib.request; print(urllib.request.urlopen('http://127.0.0.1:$port/api/terms?' + urllib.parse.urlencode({'q': sys.argv[1], 'from': 'ko', 'to': 'en,zh'})).read().decode())" "$q")
cli=$("$TMKIT" term lookup "$q" --from ko --to en,zh --format json)
check "/api/terms answers as tmkit term lookup" [ "$(jq -S . <<<"$api")" = "$(jq -S . <<<"$cli")" ]

echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
