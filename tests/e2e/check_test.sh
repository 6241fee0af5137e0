#!/usr/bin/env bash
# End-to-end checks of `tmkit check`: the shipped memory against the shipped glossary, a copy
# with forbidden renderings, --fix, XLIFF and store input, bad input.
# Usage: check_test.sh [TMKIT]; prints "ok - ..." / "not ok - ..." and "N passed, M failed".
source "$(dirname "$0")/lib.sh"
TMX=$repo/tmx/shangganling.en-zh-ko.tmx
TBX=$repo/glossaries/korean-war.tbx
TSV=$repo/glossaries/korean-war.tsv

# The shipped memory is clean against the shipped glossary (the glossary's gaps found by the
# first runs were filled: 참전용사 for war veterans, 'ceasefire' as a term of the armistice,
# 영화 '상감령' for the film, 全国老战士大会): exit status 0, no findings.
t_shipped_json() {
    "$TMKIT" check "$TMX" --glossary "$TBX" --format json >"$W/j"
    [ $? -eq 0 ] || return 1
    jq -e '(.findings | length == 0) and .summary.units == 14 and .summary.checked == 14
           and .summary.concepts == 62 and .summary.errors == 0' "$W/j" >/dev/null
}
check "shipped memory and glossary: clean, exit 0" t_shipped_json

t_shipped_tsv_same() {
    "$TMKIT" check "$TMX" --glossary "$TBX" --format json | jq -c .findings >"$W/a"
    "$TMKIT" check "$TMX" --glossary "$TSV" --format json | jq -c .findings >"$W/b"
    cmp -s "$W/a" "$W/b"
}
check "the TSV glossary gives the same findings as the TBX" t_shipped_tsv_same

# A copy with forbidden and deprecated renderings: 중공군 (forbidden) for the CPV with a
# particle (units 9 and 12), 韩战 (forbidden) for the Korean War (13), and the North Korean
# spelling 참전렬사묘 (deprecated) of the Martyrs Cemetery (3).
sed -e 's/중국인민지원군 열사들과/중공군 열사들과/g' -e 's/在朝鲜战争中与/在韩战中与/' \
    -e 's/조국해방전쟁 참전열사묘를/조국해방전쟁 참전렬사묘를/' "$TMX" >"$W/bad.tmx"

t_bad_copy() {
    "$TMKIT" check "$W/bad.tmx" --glossary "$TBX" --format json >"$W/j"
    [ $? -eq 1 ] || return 1
    jq -e '[.findings[] | select(.kind == "forbidden")] | length == 3' "$W/j" >/dev/null || return 1
    jq -e '[.findings[] | select(.kind == "deprecated")] | length == 1' "$W/j" >/dev/null || return 1
    jq -e '.findings[] | select(.kind == "forbidden" and .lang == "zh-CN")
           | .found == "韩战" and .unit == "shangganling-013" and .expected[0] == "朝鲜战争"' "$W/j" >/dev/null
}
check "forbidden and deprecated renderings introduced: errors, exit 1" t_bad_copy

t_fix() {
    "$TMKIT" check "$W/bad.tmx" --glossary "$TBX" --fix "$W/fixed.tmx" --format json >"$W/j"
    [ $? -eq 1 ] || return 1
    jq -e '.summary.fix.replacements == 4 and (.summary.fix.unfixed | length == 0)' "$W/j" >/dev/null || return 1
    "$TMKIT" check "$W/fixed.tmx" --glossary "$TBX" --format json >"$W/j2"
    jq -e 'all(.findings[]; .kind != "forbidden" and .kind != "deprecated")' "$W/j2" >/dev/null || return 1
    grep -q "중국인민지원군 열사들과" "$W/fixed.tmx" && grep -q "在朝鲜战争中与" "$W/fixed.tmx" &&
        grep -q "조국해방전쟁참전열사묘를" "$W/fixed.tmx" || return 1
    # Everything else is as it was: the same findings as the original memory.
    "$TMKIT" check "$TMX" --glossary "$TBX" --format json | jq -c .findings >"$W/a"
    jq -c .findings "$W/j2" >"$W/b"
    cmp -s "$W/a" "$W/b"
}
check "--fix replaces them; the fixed copy checks like the original" t_fix

t_text() {
    "$TMKIT" check "$W/bad.tmx" --glossary "$TBX" >"$W/t" 2>"$W/e"
    [ $? -eq 1 ] || return 1
    grep -q "^shangganling-009 ko-KR: error: forbidden: 중공군 at " "$W/t" &&
        [ "$(wc -l <"$W/t")" -eq "$("$TMKIT" check "$W/bad.tmx" --glossary "$TBX" --format json | jq '.findings | length')" ] &&
        grep -q "14 units" "$W/e"
}
check "text output: one line per finding, summary on stderr" t_text

t_strict_consistency() {
    "$TMKIT" check "$TMX" --glossary "$TBX" --strict --consistency --format json >"$W/j"
    [ $? -eq 0 ] || return 1  # warnings only
    jq -e '([.findings[] | select(.kind == "admitted" and .severity == "warning")] | length > 0)
           and .summary.warnings == ([.findings[] | select(.severity == "warning")] | length)' "$W/j" >/dev/null
}
check "--strict adds admitted warnings" t_strict_consistency

t_only_to() {
    "$TMKIT" check "$W/bad.tmx" --glossary "$TBX" --to zh --format json >"$W/j"
    jq -e 'all(.findings[]; .lang == "zh-CN") and ([.findings[] | select(.kind == "forbidden")] | length == 1)' "$W/j" >/dev/null
}
check "--to restricts the target languages" t_only_to

t_consistency_no_glossary() {
    cat >"$W/c.tmx" <<'EOF'
<?xml version="1.0" encoding="UTF-8"?>
<tmx version="1.4"><header creationtool="t" creationtoolversion="1" segtype="sentence" o-tmf="t" adminlang="en" srclang="en" datatype="plaintext"/>
<body>
<tu><tuv xml:lang="en"><seg>Photo: AFP</seg></tuv><tuv xml:lang="ko-KR"><seg>사진=AFP</seg></tuv></tu>
<tu><tuv xml:lang="en"><seg>Photo: AFP</seg></tuv><tuv xml:lang="ko-KR"><seg>사진: AFP통신</seg></tuv></tu>
<tu><tuv xml:lang="en"><seg>Photo: AFP</seg></tuv><tuv xml:lang="ko-KR"><seg>사진=AFP</seg></tuv></tu>
</body></tmx>
EOF
    # No store and no glossary: only --consistency can run (identical segments).
    "$TMKIT" --db "$W/nostore" check "$W/c.tmx" --consistency --format json >"$W/j" 2>"$W/e"
    [ $? -eq 2 ] || return 1  # the store's term base is needed without --glossary
    printf 'id\ten\tko\nx\tsomething\t무엇\n' >"$W/g.tsv"
    "$TMKIT" check "$W/c.tmx" --glossary "$W/g.tsv" --consistency --format json >"$W/j" || return 1
    jq -e '.findings | length == 1 and .[0].unit == "2" and .[0].kind == "inconsistent" and .[0].severity == "warning"' "$W/j" >/dev/null
}
check "--consistency: identical segments translated otherwise (unit named by position)" t_consistency_no_glossary

t_xliff() {
    cat >"$W/job.xlf" <<'EOF'
<?xml version="1.0" encoding="UTF-8"?>
<xliff version="1.2" xmlns="urn:oasis:names:tc:xliff:document:1.2">
 <file original="a.txt" source-language="en" target-language="ko-KR" datatype="plaintext"><body>
  <trans-unit id="t1"><source>The Chinese People's Volunteer Army crossed the Yalu River.</source>
   <target>중공군이 압록강을 건넜다.</target></trans-unit>
  <trans-unit id="t2"><source>Kim Il-sung</source><target>김일성</target></trans-unit>
 </body></file></xliff>
EOF
    "$TMKIT" check "$W/job.xlf" --glossary "$TSV" --format json >"$W/j"
    [ $? -eq 1 ] || return 1
    jq -e '.findings | length == 1 and .[0].unit == "t1" and .[0].kind == "forbidden" and .[0].offset == 0' "$W/j" >/dev/null || return 1
    "$TMKIT" check "$W/job.xlf" --glossary "$TSV" --fix "$W/x.tmx"; [ $? -eq 2 ]
}
check "XLIFF input; --fix refused for XLIFF" t_xliff

t_store() {
    "$TMKIT" import -q "$W/bad.tmx" || return 1
    # The store's term base is empty: a usage error without --glossary.
    "$TMKIT" check 2>"$W/e"; [ $? -eq 2 ] || return 1
    grep -q "term base" "$W/e" || return 1
    "$TMKIT" check --glossary "$TBX" --format json >"$W/j"
    [ $? -eq 1 ] || return 1
    jq -e '.summary.units == 14 and ([.findings[] | select(.kind == "forbidden")] | length == 3)' "$W/j" >/dev/null || return 1
    "$TMKIT" check --glossary "$TBX" --fix "$W/store-fixed.tmx" -q >/dev/null; [ $? -eq 1 ] || return 1
    "$TMKIT" check "$W/store-fixed.tmx" --glossary "$TBX" --format json |
        jq -e 'all(.findings[]; .kind == "missing")' >/dev/null
}
check "the store as input, --fix exports it corrected" t_store

t_store_term_base() {
    "$TMKIT" term import -q "$TBX" || return 1
    "$TMKIT" check --glossary "$TBX" --format json | jq -c .findings >"$W/a"
    "$TMKIT" check --format json | jq -c .findings >"$W/b"
    cmp -s "$W/a" "$W/b" || return 1
    "$TMKIT" check "$W/bad.tmx" --format json | jq -c .findings >"$W/c"
    cmp -s "$W/a" "$W/c"
}
check "the store's term base, for the store's units and for a file" t_store_term_base

t_bad_input() {
    printf '<?xml version="1.0"?>\n<martif type="TBX">\n<text><body>\n<termEntry id="x"></body></text></martif>\n' >"$W/bad.tbx"
    "$TMKIT" check "$TMX" --glossary "$W/bad.tbx" 2>"$W/e"; [ $? -eq 2 ] || return 1
    grep -Eq "bad.tbx:[0-9]+:[0-9]+: " "$W/e" || return 1
    "$TMKIT" check "$W/none.tmx" --glossary "$TBX"; [ $? -eq 2 ] || return 1
    "$TMKIT" check "$TMX" --glossary "$W/none.tbx"; [ $? -eq 2 ] || return 1
    printf '<tmx version="1.4"><header srclang="en"/><body><tu><tuv xml:lang="en"><seg>a</seg></tuv>\n' >"$W/trunc.tmx"
    "$TMKIT" check "$W/trunc.tmx" --glossary "$TBX" 2>"$W/e"; [ $? -eq 2 ] || return 1
    grep -Eq "trunc.tmx:[0-9]+:[0-9]+: " "$W/e" || return 1
    "$TMKIT" check "$TMX" --glossary "$TBX" --from xx; [ $? -eq 2 ] || return 1
    "$TMKIT" check "$TMX" --glossary "$TBX" --fix "$W/nodir/out.tmx"; [ $? -eq 2 ]
}
check "bad glossary, missing files, truncated TMX, bad language: exit 2 with file:line:col" t_bad_input

finish
