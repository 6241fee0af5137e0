#!/usr/bin/env bash
# End-to-end checks of `tmkit lookup` and `tmkit concordance` on the shipped memory.
# Usage: lookup_test.sh [TMKIT]; prints "ok - ..." / "not ok - ..." and "N passed, M failed".
source "$(dirname "$0")/lib.sh"

"$TMKIT" import -q "$repo/tmx/shangganling.en-zh-ko.tmx" || { echo "not ok - import"; echo "0 passed, 1 failed"; exit 1; }

t_exact_json() {
    "$TMKIT" lookup "Published: Jul 28, 2020 08:23 PM" --from en --to zh --format json >"$W/j" || return 1
    jq -e 'length == 1 and .[0].score == 100 and .[0].target_lang == "zh-CN" and .[0].tuid == "shangganling-002"
           and (.[0] | has("source") and has("target") and has("source_lang") and has("unit") and has("changedate"))' "$W/j"
}
check "exact match en->zh as JSON with the documented fields" t_exact_json

t_zh_ko() {
    "$TMKIT" lookup "中国中央电视台军事频道7月26日播出了电影《上甘岭》。" --from zh --to ko --format json |
        jq -e '.[0].score == 100 and .[0].target_lang == "ko-KR" and (.[0].target | contains("상감령"))'
}
check "lookup from Chinese to Korean" t_zh_ko

t_fuzzy_text() {
    "$TMKIT" lookup "The military channel of China's Central Television broadcast the movie The Battle on Shangganling Mountain on July 27." \
        --from en --to ko >"$W/t" || return 1
    grep -q "numbers adapted" "$W/t" && grep -q "7월 27일" "$W/t" && grep -q "⟦26⟧" "$W/t"
}
check "fuzzy match in text: differing word marked, numbers adapted" t_fuzzy_text

t_batch() {
    printf 'Published: Jul 28, 2020 08:23 PM\n\nno such sentence anywhere at all\n' >"$W/q.txt"
    "$TMKIT" lookup --batch "$W/q.txt" --from en --to ko >"$W/b" 2>/dev/null || return 1
    [ "$(wc -l <"$W/b")" -eq 3 ] && sed -n 1p "$W/b" | jq -e 'length == 1' >/dev/null &&
        sed -n 2p "$W/b" | jq -e 'length == 0' >/dev/null && sed -n 3p "$W/b" | jq -e 'length == 0' >/dev/null
}
check "batch: one JSON array a line, in query order" t_batch

t_batch_stdin() {
    echo "Published: Jul 28, 2020 08:23 PM" | "$TMKIT" lookup --batch - --from en --to zh | jq -e '.[0].score == 100'
}
check "batch from standard input" t_batch_stdin

t_bad() {
    local long
    long=$(head -c 10001 /dev/zero | tr '\0' 'a')
    "$TMKIT" lookup "" --from en --to zh; [ $? -eq 2 ] || return 1
    "$TMKIT" lookup "$long" --from en --to zh; [ $? -eq 2 ] || return 1
    "$TMKIT" lookup "war" --from xx --to zh; [ $? -eq 2 ] || return 1
    "$TMKIT" lookup "war" --from en; [ $? -eq 2 ] || return 1
    "$TMKIT" --db "$W/none" lookup "war" --from en --to zh; [ $? -eq 2 ] || return 1
    [ ! -e "$W/none" ]
}
check "empty, oversize, unknown language, missing --to, missing store: exit 2" t_bad

t_concordance() {
    "$TMKIT" concordance "VOLUNTEER army" --lang en --format json >"$W/c" || return 1
    jq -e 'length == 2 and (.[0].text[.[0].match.begin:.[0].match.end] | length > 0) and (.[0].variants | length == 2)' "$W/c" >/dev/null || return 1
    "$TMKIT" concordance 지원군 --lang ko | grep -q "⟦지원군⟧"
}
check "concordance: case-folded, inside Korean words, keyword in context" t_concordance

finish
