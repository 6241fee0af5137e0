#!/usr/bin/env bash
# End-to-end checks of `tmkit term`: import of the shipped glossary (TBX and TSV give the same
# term base), lookup with particles and plurals, search, export to TBX v3 and back, add, bad
# files (exit 2, nothing stored), and the server's /api/terms and /api/check.
# Usage: term_test.sh [TMKIT]; prints "ok - ..." / "not ok - ..." and "N passed, M failed".
source "$(dirname "$0")/lib.sh"
server=
on_exit() {
    if [ -n "$server" ]; then kill -KILL "$server" 2>/dev/null; wait "$server" 2>/dev/null; fi
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

# POST /api/check: the findings of tmkit check, for a TMX or an XLIFF body.
cat >"$W/bad.tmx" <<'TMX'
<?xml version="1.0" encoding="UTF-8"?>
<tmx version="1.4"><header srclang="en" datatype="plaintext" segtype="sentence" adminlang="en" creationtool="t" creationtoolversion="1" o-tmf="t"/><body>
<tu tuid="w1"><tuv xml:lang="en"><seg>The Korean War ended with the armistice.</seg></tuv><tuv xml:lang="zh-CN"><seg>韩战以停战协定结束。</seg></tuv><tuv xml:lang="ko-KR"><seg>한국 전쟁은 휴전 협정으로 끝났다.</seg></tuv></tu>
<tu tuid="w2"><tuv xml:lang="en"><seg>The Chinese People's Volunteer Army fought at Shangganling.</seg></tuv><tuv xml:lang="zh-CN"><seg>中国人民志愿军在上甘岭作战。</seg></tuv><tuv xml:lang="ko-KR"><seg>중국인민지원군은 상감령에서 싸웠다.</seg></tuv></tu>
</body></tmx>
TMX
cat >"$W/job.xlf" <<'XLF'
<?xml version="1.0" encoding="UTF-8"?>
<xliff version="1.2" xmlns="urn:oasis:names:tc:xliff:document:1.2"><file original="a.txt" source-language="en" target-language="ko-KR" datatype="plaintext"><body>
<trans-unit id="1"><source>The Korean War ended with the armistice.</source><target>조선전쟁은 휴전 협정으로 끝났다.</target></trans-unit>
</body></file></xliff>
XLF
post() {  # post FILE QUERY: the server's answer, "STATUS BODY"
    python3 - "$port" "$1" "$2" <<'PY'
import sys, urllib.request, urllib.error
port, path, query = sys.argv[1], sys.argv[2], sys.argv[3]
req = urllib.request.Request("http://127.0.0.1:%s/api/check?%s" % (port, query), data=open(path, "rb").read(), method="POST")
try:
    with urllib.request.urlopen(req, timeout=10) as r:
        print(r.status, r.read().decode())
except urllib.error.HTTPError as e:
    print(e.code, e.read().decode())
PY
}
"$TMKIT" check "$W/bad.tmx" --strict --format json >"$W/cli_check.json"
check "tmkit check finds the forbidden and deprecated renderings (exit 1)" [ $? -eq 1 ]
r=$(post "$W/bad.tmx" "strict=1")
check "/api/check on a TMX body: 200" [ "${r%% *}" = 200 ]
check "/api/check answers as tmkit check --format json" [ "$(jq -S . <<<"${r#* }")" = "$(jq -S . "$W/cli_check.json")" ]
check "/api/check reports the forbidden 韩战" [ "$(jq '[.findings[] | select(.kind == "forbidden" and .found == "韩战")] | length' <<<"${r#* }")" = 1 ]
"$TMKIT" check "$W/job.xlf" --format json >"$W/cli_xlf.json"
r=$(post "$W/job.xlf" "")
check "/api/check on an XLIFF body (told by its root) answers as tmkit check" [ "$(jq -S . <<<"${r#* }")" = "$(jq -S . "$W/cli_xlf.json")" ]
check "/api/check: the XLIFF's deprecated Korean rendering" [ "$(jq -c '[.findings[] | select(.kind == "deprecated") | .found]' <<<"${r#* }")" = '["조선전쟁"]' ]
sed 's/encoding="UTF-8"/encoding="UTF-16"/' "$W/job.xlf" | iconv -f UTF-8 -t UTF-16 >"$W/job16.xlf"
r=$(post "$W/job16.xlf" "")
check "/api/check on a UTF-16 XLIFF body answers as on its UTF-8 original" [ "$(jq -S . <<<"${r#* }")" = "$(jq -S . "$W/cli_xlf.json")" ]
r=$(post "$W/bad.tmx" "to=ko")
check "/api/check?to=ko checks Korean only" [ "$(jq '[.findings[].lang] | unique == ["ko-KR"]' <<<"${r#* }")" = true ]
head -c 700 "$W/bad.tmx" >"$W/cut.tmx"
r=$(post "$W/cut.tmx" "")
check "/api/check on a truncated TMX: 400 naming the body and a line" [ "${r%% *}" = 400 ] && grep -q "request body:[0-9]*:" <<<"$r"
: >"$W/empty"
r=$(post "$W/empty" "")
check "/api/check on an empty body: 400" [ "${r%% *}" = 400 ]
r=$(post "$W/bad.tmx" "from=xx-notalang-123")
check "/api/check with an unknown language: 400" [ "${r%% *}" = 400 ]
check "no temporary files are left behind" [ -z "$(find "${TMPDIR:-/tmp}" -maxdepth 1 -name 'tmkit-check-*' -newer "$W/bad.tmx" 2>/dev/null)" ]

finish
