#!/usr/bin/env bash
# End-to-end check of `tmkit export-omegat` with OmegaT itself (Debian's omegat 3.6): a minimal
# project en -> zh-CN gets the shipped memory and term base, `omegat --mode=console-translate`
# applies tm/auto and writes target/, which must hold the Chinese translations.
# Usage: omegat_test.sh [TMKIT]; prints "ok - ..." / "not ok - ..." and "N passed, M failed".
# Skips (exit 0) only when there is no omegat command; OmegaT failing is a failure.
source "$(dirname "$0")/lib.sh"
if ! command -v omegat >/dev/null 2>&1; then
    echo "skip - omegat is not installed (apt-get install omegat, or bash tools/setup.sh)"
    exit 0
fi
CHECK_SHOW=25  # OmegaT says why at the end of its output

"$TMKIT" import -q "$repo/tmx/shangganling.en-zh-ko.tmx" &&
    "$TMKIT" term import -q "$repo/glossaries/korean-war.tbx" ||
    { echo "not ok - import"; echo "0 passed, 1 failed"; exit 1; }

# The project: what OmegaT 3.6 needs to open one in console mode is omegat.project, and the
# folders omegat/, source/, target/, tm/, glossary/ and dictionary/ (tmkit creates tm/ and
# glossary/). Its text filter makes a segment of each paragraph (blank-line separated) and
# then splits sentences, so the document has one sentence a paragraph.
P="$W/project"
mkdir -p "$P/omegat" "$P/source" "$P/target" "$P/dictionary"
cat >"$P/omegat.project" <<'EOF'
<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<omegat>
    <project version="1.0">
        <source_dir>__DEFAULT__</source_dir>
        <target_dir>__DEFAULT__</target_dir>
        <tm_dir>__DEFAULT__</tm_dir>
        <glossary_dir>__DEFAULT__</glossary_dir>
        <glossary_file>__DEFAULT__</glossary_file>
        <dictionary_dir>__DEFAULT__</dictionary_dir>
        <source_lang>en</source_lang>
        <target_lang>zh-CN</target_lang>
        <sentence_seg>true</sentence_seg>
        <support_default_translations>true</support_default_translations>
        <remove_tags>false</remove_tags>
    </project>
</omegat>
EOF
s1="Photo: AFP"
s2="Published: Jul 28, 2020 08:23 PM"
s3="Echoing North Korea's tribute to Chinese soldiers, discussion over the \"Shangganling Spirit\" has reemerged and gained attention over the past week on Chinese social media around the 63rd anniversary of the armistice of the Korean War (1950-53)."
s4="This sentence is in no memory at all."
t1="图片来源：法新社"
t2="发布时间：2020年7月28日 20:23"
t3="值朝鲜战争（1950—1953年）停战63周年之际，过去一周，有关“上甘岭精神”的讨论在中国社交媒体上再度兴起，引发关注。这与朝鲜向中国军人致敬之举遥相呼应。"
printf '%s\n\n%s\n\n%s\n\n%s\n' "$s1" "$s2" "$s3" "$s4" >"$P/source/article.txt"

t_export() {
    "$TMKIT" export-omegat "$P" --from en --to zh-CN --auto --format json >"$W/j" 2>"$W/e" || return 1
    jq -e '.units == 14 and .auto_units == 14 and .terms > 20 and (.files | length == 3)' "$W/j" >/dev/null || return 1
    [ -s "$P/tm/tmkit.tmx" ] && [ -s "$P/tm/auto/tmkit-exact.tmx" ] && [ -s "$P/glossary/tmkit.txt" ] || return 1
    xmllint --noout "$P/tm/tmkit.tmx" "$P/tm/auto/tmkit-exact.tmx" || return 1
    # the pair only: two variants a unit, no Korean
    [ "$(grep -c '<tuv' "$P/tm/tmkit.tmx")" -eq 28 ] && ! grep -q 'ko-KR' "$P/tm/tmkit.tmx" &&
        grep -q 'srclang="en"' "$P/tm/tmkit.tmx"
}
check "export-omegat writes the pair, the auto memory and the glossary" t_export

t_glossary() {
    local g="$P/glossary/tmkit.txt"
    [ "$(head -1 "$g")" = "# Glossary in tab-separated format -*- coding: utf-8 -*-" ] || return 1
    grep -q "^Chinese People's Volunteer Army	中国人民志愿军	The Chinese armed force" "$g" || return 1
    ! grep -q "^Chinese Communist Forces	" "$g" || return 1   # deprecated
    ! grep -qP '\t.*\t.*\t' "$g"                               # at most three columns
}
check "glossary: OmegaT's TSV, acceptable terms only" t_glossary

t_project_langs() {
    "$TMKIT" export-omegat "$P" --auto --format json | jq -e '.source_lang == "en" and .target_lang == "zh-CN" and .units == 14'
}
check "languages default from omegat.project" t_project_langs

t_omegat() {
    # Console mode needs no display; --config-dir keeps OmegaT away from ~/.omegat.
    timeout 90 omegat "$P" --mode=console-translate --config-dir="$W/omegat-config" >"$W/omegat.log" 2>&1 ||
        { tail -30 "$W/omegat.log"; return 1; }
    grep -q "tm/auto/tmkit-exact.tmx" "$W/omegat.log" && grep -q "tm/tmkit.tmx" "$W/omegat.log" ||
        { echo "OmegaT did not read the memories"; tail -30 "$W/omegat.log"; return 1; }
    if grep -E "TMXR_WARNING|TMX_ERROR|TF_TM_LOAD_ERROR" "$W/omegat.log"; then return 1; fi
    local out="$P/target/article.txt"
    [ -f "$out" ] || { echo "no target/article.txt"; ls -R "$P"; return 1; }
    grep -qxF "$t1" "$out" && grep -qxF "$t2" "$out" && grep -qxF "$t3" "$out" &&
        grep -qxF "$s4" "$out" || { echo "target/article.txt:"; cat "$out"; return 1; }
}
check "OmegaT console-translate applies tm/auto: target/ is in Chinese" t_omegat

finish
