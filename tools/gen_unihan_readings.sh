#!/bin/sh
# Writes the readings of Han characters the aligner's name anchors use, from Unihan: the first
# kHangul (Sino-Korean) and the first kMandarin (pinyin, tone marks removed) of each character,
# as C++ initializers {0xCODEPOINT, "상", "shang"}, in code point order. A simplified character
# without a kHangul reading takes that of its traditional form (kTraditionalVariant: 吕 -> 呂 ->
# 려). Run by the build:
#   gen_unihan_readings.sh Unihan_Readings.txt.bz2 Unihan_Variants.txt.bz2 OUT.inc
set -eu
in=$1 variants=$2 out=$3
{ bzcat "$in"; bzcat "$variants"; } | awk -F '\t' '
$1 ~ /^U\+[0-9A-F]+$/ && $2 == "kTraditionalVariant" { split($3, v, " "); traditional[$1] = v[1]; next }
$1 ~ /^U\+[0-9A-F]+$/ && ($2 == "kHangul" || $2 == "kMandarin") {
    split($3, readings, " "); split(readings[1], first, ":")
    r = first[1]
    if ($2 == "kMandarin") {
        gsub(/ā|á|ǎ|à/, "a", r); gsub(/ē|é|ě|è|ê̄|ế|ê̌|ề|ê/, "e", r); gsub(/ī|í|ǐ|ì/, "i", r)
        gsub(/ō|ó|ǒ|ò/, "o", r); gsub(/ū|ú|ǔ|ù|ǖ|ǘ|ǚ|ǜ|ü/, "u", r); gsub(/ń|ň|ǹ/, "n", r)
        gsub(/ḿ|m̀/, "m", r)
        if (r !~ /^[a-z]+$/) next
        mandarin[$1] = r
    } else {
        hangul[$1] = r
    }
    seen[$1] = 1
}
END {
    for (cp in seen) if (hangul[cp] == "" && (cp in traditional) && hangul[traditional[cp]] != "") hangul[cp] = hangul[traditional[cp]]
    for (cp in seen) printf "%d %s {0x%s, \"%s\", \"%s\"},\n", length(cp), cp, substr(cp, 3), hangul[cp], mandarin[cp]
}' | sort | cut -d' ' -f3- > "$out.tmp"
[ -s "$out.tmp" ] || { echo "gen_unihan_readings.sh: no readings in $in" >&2; rm -f "$out.tmp"; exit 1; }
mv "$out.tmp" "$out"
