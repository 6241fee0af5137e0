#!/usr/bin/env bash
# End-to-end checks of `tmkit lexicon` (CC-CEDICT import into the store) and of `tmkit align`
# using it between Chinese and English.
# Usage: lexicon_test.sh [TMKIT]; prints "ok - ..." / "not ok - ..." and "N passed, M failed".
source "$(dirname "$0")/lib.sh"
SAMPLE=$repo/tests/data/cedict/sample.u8

t_import() {
    "$TMKIT" lexicon import "$SAMPLE" 2>"$W/err" || return 1
    grep -q "imported 25 headwords" "$W/err" &&
        [ "$("$TMKIT" lexicon stats --format json | jq .headwords)" = 25 ] &&
        [ "$("$TMKIT" lexicon import "$SAMPLE" --format json | jq .added)" = 0 ]  # again: nothing new
}
check "import: 25 headwords (simplified and traditional; a cross-reference only entry skipped, a word read two ways merged); again adds nothing" t_import

t_bad() {
    printf '士兵 士兵 [shi4 bing1] /soldier/\n英雄 英雄 hero\n' >"$W/bad.u8"
    "$TMKIT" lexicon import "$SAMPLE" "$W/bad.u8" 2>"$W/err"
    [ $? -eq 2 ] && grep -q "bad.u8:2:" "$W/err" &&
        [ "$("$TMKIT" lexicon stats --format json | jq .headwords)" = 25 ]  # nothing written
}
check "a malformed line: exit 2 naming file and line, the store unchanged" t_bad

t_align() {
    local en=$repo/tmx/sources/shangganling.en.txt zh=$repo/tmx/sources/shangganling.zh.txt
    "$TMKIT" align en="$en" zh="$zh" --beads "$W/with" --no-glossary || return 1
    "$TMKIT" align en="$en" zh="$zh" --beads "$W/without" --no-glossary --no-lexicon || return 1
    "$TMKIT" align en="$en" zh="$zh" --beads "$W/file" --no-glossary --lexicon "$SAMPLE" || return 1
    [ -s "$W/with" ] && cmp -s "$W/with" "$W/file" &&   # the store's lexicon, or the same file
        "$TMKIT" align en="$en" zh="$zh" --beads "$W/x" --lexicon "$SAMPLE" --no-lexicon 2>/dev/null
    [ $? -eq 2 ]
}
check "align uses the store's lexicon (same beads as --lexicon FILE); --lexicon with --no-lexicon is a usage error" t_align

finish
