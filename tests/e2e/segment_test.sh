#!/usr/bin/env bash
# End-to-end checks of `tmkit segment`: the built-in rules on the shipped texts, SRX 2.0
# rules (--srx) instead of them, and bad rule files.
# Usage: segment_test.sh [TMKIT]; prints "ok - ..." / "not ok - ..." and "N passed, M failed".
source "$(dirname "$0")/lib.sh"
SRX=$repo/tests/data/srx/rules.srx

t_builtin() {
    [ "$("$TMKIT" segment "$repo/tmx/sources/shangganling.zh.txt" --lang zh --format json | jq '[.[][]] | length')" = 18 ] &&
        [ "$("$TMKIT" segment "$repo/tmx/sources/shangganling.ko.txt" --lang ko --format json | jq '[.[][]] | length')" = 18 ]
}
check "built-in rules: the shipped Chinese and Korean texts have 18 sentences each" t_builtin

t_srx() {
    printf 'Mr. Smith went to Washington. He saw Dr. Jones! Was it?\n\nA second paragraph. Yes.\n' >"$W/en.txt"
    "$TMKIT" segment "$W/en.txt" --lang en --srx "$SRX" >"$W/out.txt" || return 1
    printf 'Mr. Smith went to Washington.\nHe saw Dr. Jones!\nWas it?\n\nA second paragraph.\nYes.\n' >"$W/want.txt"
    diff "$W/want.txt" "$W/out.txt"
}
check "--srx: the file's rules (no break after Mr. and Dr.), paragraphs kept" t_srx

t_srx_zh() {
    printf '他说：“我们走了。”他来了！好吗？\n' >"$W/zh.txt"
    [ "$("$TMKIT" segment "$W/zh.txt" --lang zh --srx "$SRX" --format json | jq -c '.[0]')" = '["他说：“我们走了。”","他来了！","好吗？"]' ]
}
check "--srx: Chinese rules chosen by the map rules" t_srx_zh

t_srx_schema() {
    command -v xmllint >/dev/null || return 0
    xmllint --noout --schema "$repo/../shared/schemas/srx20.xsd" "$SRX" 2>&1 | grep -q "validates"
}
check "the test rules validate against the SRX 2.0 schema" t_srx_schema

t_bad_srx() {
    printf '<?xml version="1.0"?>\n<srx version="2.0"><header/><body><languagerules>\n<languagerule languagerulename="x"><rule><beforebreak>(</beforebreak></rule></languagerule>\n</languagerules><maprules><languagemap languagepattern=".*" languagerulename="x"/></maprules></body></srx>\n' >"$W/bad.srx"
    "$TMKIT" segment "$W/en.txt" --lang en --srx "$W/bad.srx" 2>"$W/e1"
    [ $? -eq 2 ] && grep -q "bad.srx:3:[0-9]*: bad regular expression" "$W/e1" || return 1
    printf '<srx><body>' >"$W/cut.srx"
    "$TMKIT" segment "$W/en.txt" --lang en --srx "$W/cut.srx" 2>"$W/e2"
    [ $? -eq 2 ] && grep -q "cut.srx:1:[0-9]*:" "$W/e2" || return 1
    "$TMKIT" segment "$W/en.txt" --lang en --srx "$W/none.srx" 2>/dev/null
    [ $? -eq 2 ]
}
check "--srx: a bad regular expression, a truncated or a missing file: exit 2 with file:line:col" t_bad_srx

t_align_srx() {
    "$TMKIT" --db "$W/adb" align --no-glossary en="$repo/tmx/sources/shangganling.en.txt" \
        zh="$repo/tmx/sources/shangganling.zh.txt" --srx "$SRX" -o "$W/a.tmx" 2>"$W/align.err" || return 1
    grep -q "aligned 16 en, 18 zh sentences" "$W/align.err" || return 1
    "$TMKIT" align en="$W/en.txt" zh="$W/zh.txt" --srx "$SRX" --one-sentence-per-line -o "$W/b.tmx" 2>/dev/null
    [ $? -eq 2 ]
}
check "align --srx segments both texts with the rules; not with --one-sentence-per-line" t_align_srx

finish
