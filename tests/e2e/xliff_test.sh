#!/usr/bin/env bash
# End-to-end checks of `tmkit pretranslate` and `tmkit harvest`: every XLIFF of the shared
# corpus, Chinese and Korean, inline codes, round trips, bad input.
# Usage: xliff_test.sh [TMKIT]; prints "ok - ..." / "not ok - ..." and "N passed, M failed".
source "$(dirname "$0")/lib.sh"
CORPUS=$repo/../shared/corpus/xliff
count() {  # count FILE XPATH
    xmllint --xpath "count($2)" "$1" 2>/dev/null
}

"$TMKIT" import -q "$repo/tmx/shangganling.en-zh-ko.tmx" || { echo "not ok - import"; echo "0 passed, 1 failed"; exit 1; }

# What a user should get from each corpus file: "ok" (pre-translated as it is), "needs-to"
# (no target language in the file: refused without --to, pre-translated with it) or
# "reject" (not well-formed or invalid XLIFF: exit 2, a file:line:col message, no output).
expect() {
    case $(basename "$1") in
        invalid_xml_entity.xlf | file-XLIFFFilter-invalid-content.xlf) echo reject ;;  # control characters
        bad_DataRefWithoutOriginalData.xlf | bad_EcBeforeSc.xlf | bad_InvalidId1.xlf) echo reject ;;
        PAS-10-Test01.xlf | ex.9.5.xlf | test_inline-test_odf2xliff_inline-reference.xlf) echo needs-to ;;
        *) echo ok ;;
    esac
}

# Untouched parts: the same units, groups, notes, comments and foreign elements.
same_structure() {  # same_structure IN OUT
    local x
    for x in "//*[local-name()='trans-unit' or local-name()='unit']" "//*[local-name()='group']" \
        "//*[local-name()='note']" "//comment()" "//*[local-name()='skeleton' or local-name()='skl']" \
        "//*[local-name()='alt-trans'][not(@origin='tmkit')]" \
        "//*[namespace-uri()!='' and not(starts-with(namespace-uri(), 'urn:oasis:names:tc:xliff:'))]"; do
        [ "$(count "$1" "$x")" = "$(count "$2" "$x")" ] || { echo "differs: $x"; return 1; }
    done
}

t_corpus_file() {  # t_corpus_file FILE
    local f=$1 out=$W/corpus.xlf
    rm -f "$out"
    case $(expect "$f") in
        ok)
            "$TMKIT" pretranslate "$f" -o "$out" || return 1
            xmllint --noout "$out" && same_structure "$f" "$out" ;;
        needs-to)
            "$TMKIT" pretranslate "$f" -o "$out" 2>"$W/e"; [ $? -eq 2 ] || return 1
            grep -q -- "--to" "$W/e" && [ ! -e "$out" ] || return 1
            "$TMKIT" pretranslate "$f" -o "$out" --to fr || return 1
            xmllint --noout "$out" && same_structure "$f" "$out" ;;
        reject)
            "$TMKIT" pretranslate "$f" -o "$out" --to fr 2>"$W/e"; [ $? -eq 2 ] || return 1
            cat "$W/e"
            grep -Eq "^$f:[0-9]+:[0-9]+: " "$W/e" && [ ! -e "$out" ] ;;
    esac
}
while IFS= read -r f; do
    check "corpus $(expect "$f"): ${f#"$CORPUS"/}" t_corpus_file "$f"
done < <(find "$CORPUS" -type f \( -name '*.xlf' -o -name '*.xliff' -o -name '*.sdlxliff' \) | sort)

# A small en/zh/ko job from the shipped memory's sentences.
cat >"$W/en-zh.xlf" <<'EOF'
<?xml version="1.0" encoding="UTF-8"?>
<xliff version="1.2" xmlns="urn:oasis:names:tc:xliff:document:1.2">
  <file original="article.html" source-language="en" target-language="zh" datatype="html">
    <body>
      <!-- kept as it is -->
      <trans-unit id="title">
        <source>Published: Jul 28, 2020 08:23 PM</source>
        <note>the date line</note>
      </trans-unit>
      <trans-unit id="credit">
        <source><g id="b1" ctype="bold">Photo:</g> AFP</source>
        <target/>
      </trans-unit>
      <trans-unit id="fuzzy">
        <source>Published: Jul 29, 2020 08:23 PM</source>
      </trans-unit>
      <trans-unit id="skip" translate="no">
        <source>Photo: AFP</source>
      </trans-unit>
    </body>
  </file>
</xliff>
EOF
cat >"$W/zh-ko.xlf" <<'EOF'
<?xml version="1.0" encoding="UTF-8"?>
<xliff xmlns="urn:oasis:names:tc:xliff:document:2.0" version="2.0" srcLang="zh" trgLang="ko">
 <file id="f1">
  <unit id="u1">
   <segment id="s1">
    <source>中国中央电视台军事频道7月26日播出了电影《上甘岭》。</source>
   </segment>
  </unit>
  <unit id="u2">
   <segment>
    <source>图片来源：法新社</source>
   </segment>
  </unit>
 </file>
</xliff>
EOF

t_en_zh() {
    "$TMKIT" pretranslate "$W/en-zh.xlf" -o "$W/en-zh.out.xlf" --format json >"$W/j" || return 1
    jq -e '.segments == 3 and .exact == 1 and .fuzzy == 2 and .none == 0 and .filled == 1' "$W/j" >/dev/null || return 1
    xmllint --noout "$W/en-zh.out.xlf" && same_structure "$W/en-zh.xlf" "$W/en-zh.out.xlf" || return 1
    local o=$W/en-zh.out.xlf
    [ "$(count "$o" "//*[local-name()='trans-unit'][@id='title']/*[local-name()='target'][@state='translated'][@state-qualifier='exact-match']")" = 1 ] || return 1
    grep -q '发布时间：2020年7月28日 20:23</target>' "$o" || return 1
    # the fuzzy one: offered (numbers adapted), not filled
    [ "$(count "$o" "//*[@id='fuzzy']/*[local-name()='target']")" = 0 ] || return 1
    grep -q '<alt-trans match-quality="9[0-9]" origin="tmkit"><source xml:lang="en">Published: Jul 28, 2020 08:23 PM</source><target xml:lang="zh">发布时间：2020年7月29日 20:23</target></alt-trans>' "$o" || return 1
    # markup differs from the memory's: offered at 98, not filled (codes cannot be mapped)
    [ "$(count "$o" "//*[@id='credit']/*[local-name()='alt-trans'][@match-quality='98']")" = 1 ] || return 1
    [ "$(count "$o" "//*[@id='skip']/*[local-name()='alt-trans']")" = 0 ]
}
check "1.2 en->zh: exact filled, fuzzy offered with numbers adapted, notes and comments kept" t_en_zh

t_fill_best() {
    "$TMKIT" pretranslate "$W/en-zh.xlf" -o "$W/best.xlf" --fill best -q || return 1
    grep -q '<target xml:lang="zh" state="needs-review-translation" state-qualifier="fuzzy-match">发布时间：2020年7月29日 20:23</target>' "$W/best.xlf" || return 1
    "$TMKIT" pretranslate "$W/en-zh.xlf" -o "$W/none.xlf" --fill none -q || return 1
    [ "$(count "$W/none.xlf" "//*[local-name()='target'][@state]")" = 0 ] &&
        [ "$(count "$W/none.xlf" "//*[local-name()='alt-trans']")" = 3 ]
}
check "--fill best fills fuzzy ones for review, --fill none only adds alt-trans" t_fill_best

t_again() {  # pre-translating the output again replaces tmkit's alt-trans instead of adding
    "$TMKIT" pretranslate "$W/en-zh.out.xlf" -o "$W/again.xlf" -q || return 1
    [ "$(count "$W/again.xlf" "//*[local-name()='alt-trans']")" = 3 ]
}
check "a second pre-translation replaces tmkit's own matches" t_again

t_zh_ko() {
    "$TMKIT" pretranslate "$W/zh-ko.xlf" -o "$W/zh-ko.out.xlf" 2>"$W/e" || return 1
    grep -q "2 segments: 2 exact, 0 fuzzy, 0 none" "$W/e" || return 1
    xmllint --noout "$W/zh-ko.out.xlf" || return 1
    local o=$W/zh-ko.out.xlf
    grep -q 'xmlns:mtc="urn:oasis:names:tc:xliff:matches:2.0"' "$o" || return 1
    grep -q '<segment id="s1" state="translated">' "$o" || return 1
    grep -q '<mtc:match ref="#s1" similarity="100" matchQuality="100" origin="tmkit">' "$o" || return 1
    grep -q '<target>사진=AFP</target>' "$o" || return 1
    grep -q '<mtc:match ref="#tmkit-s1" ' "$o" && grep -q '<segment id="tmkit-s1" state="translated">' "$o"
}
check "2.0 zh->ko: targets, segment state and mtc:match with ref to the segment" t_zh_ko

# Inline codes: a translated file with codes, harvested, then a job with other ids.
cat >"$W/done.xlf" <<'EOF'
<?xml version="1.0" encoding="UTF-8"?>
<xliff version="1.2" xmlns="urn:oasis:names:tc:xliff:document:1.2">
  <file original="ui" source-language="en" target-language="ko" datatype="html">
    <body>
      <trans-unit id="save">
        <source>Press <g id="1" ctype="bold">Save</g> to keep<x id="2"/> the <bpt id="3">&lt;i&gt;</bpt>file<ept id="3">&lt;/i&gt;</ept>.</source>
        <target state="translated"><x id="2"/><bpt id="3">&lt;i&gt;</bpt>파일<ept id="3">&lt;/i&gt;</ept>을 유지하려면 <g id="1" ctype="bold">저장</g>을 누르세요.</target>
      </trans-unit>
      <trans-unit id="draft">
        <source>Not reviewed yet</source>
        <target state="needs-review-translation">아직 검토 전</target>
      </trans-unit>
      <trans-unit id="segs">
        <source>First one. Second one.</source>
        <seg-source><mrk mtype="seg" mid="1">First one.</mrk> <mrk mtype="seg" mid="2">Second one.</mrk></seg-source>
        <target state="final"><mrk mtype="seg" mid="1">첫째.</mrk> <mrk mtype="seg" mid="2">둘째.</mrk></target>
      </trans-unit>
    </body>
  </file>
</xliff>
EOF
cat >"$W/job.xlf" <<'EOF'
<?xml version="1.0" encoding="UTF-8"?>
<xliff version="1.2" xmlns="urn:oasis:names:tc:xliff:document:1.2">
  <file original="ui2" source-language="en" target-language="ko" datatype="html">
    <body>
      <trans-unit id="a">
        <source>Press <g id="g7" ctype="bold">Save</g> to keep<x id="x8"/> the <bx id="b9"/>file<ex id="b9"/>.</source>
      </trans-unit>
      <trans-unit id="b">
        <source>Second one. First one.</source>
        <seg-source><mrk mtype="seg" mid="s1">Second one.</mrk> <mrk mtype="seg" mid="s2">First one.</mrk></seg-source>
      </trans-unit>
      <trans-unit id="c">
        <source>Not reviewed yet</source>
      </trans-unit>
    </body>
  </file>
</xliff>
EOF
t_harvest_roundtrip() {
    export TMKIT_DB="$W/db-rt"
    "$TMKIT" harvest "$W/done.xlf" --format json >"$W/j" || return 1
    jq -e '.units == 3 and .added == 3 and .other_state == 1' "$W/j" >/dev/null || return 1
    "$TMKIT" show --format json | jq -e '[.[].tuid] == ["save", "segs/1", "segs/2"]' >/dev/null || return 1
    "$TMKIT" harvest "$W/done.xlf" --format json | jq -e '.unchanged == 3 and .added == 0' >/dev/null || return 1
    "$TMKIT" pretranslate "$W/job.xlf" -o "$W/job.out.xlf" --format json >"$W/j" || return 1
    jq -e '.exact == 3 and .filled == 3 and .none == 1' "$W/j" >/dev/null || return 1
    xmllint --noout "$W/job.out.xlf" || return 1
    # the memory's codes carried over as the job's own (g7, x8, bx/ex b9), in the target's order
    grep -q '<target xml:lang="ko" state="translated" state-qualifier="exact-match"><x id="x8"/><bx id="b9"/>파일<ex id="b9"/>을 유지하려면 <g id="g7" ctype="bold">저장</g>을 누르세요.</target>' "$W/job.out.xlf" || return 1
    grep -q '<target xml:lang="ko" state="translated" state-qualifier="exact-match"><mrk mtype="seg" mid="s1">둘째.</mrk> <mrk mtype="seg" mid="s2">첫째.</mrk></target>' "$W/job.out.xlf" || return 1
    grep -q '<alt-trans mid="s2" match-quality="100" origin="tmkit">' "$W/job.out.xlf" || return 1
    # the draft was not harvested: nothing for unit c
    [ "$(count "$W/job.out.xlf" "//*[@id='c']/*[local-name()='alt-trans']")" = 0 ] || return 1
    # harvest of the pre-translated job: its exact fills are translated units
    "$TMKIT" harvest "$W/job.out.xlf" --state final --format json | jq -e '.units == 0' >/dev/null
}
check "harvest -> pretranslate round trip: exact matches, codes mapped by order, segmented units" t_harvest_roundtrip

t_harvest_v2() {
    export TMKIT_DB="$W/db-v2"
    "$TMKIT" harvest "$CORPUS/oasis-tcs__xliff-xliff-22/xliff-21/test-suite/core/valid/everything-core.xlf" --format json >"$W/j" || return 1
    jq -e '.units == 1 and .other_state == 1' "$W/j" >/dev/null || return 1
    "$TMKIT" lookup "Sample segment." --from en --to fr --format json | jq -e '.[0].score == 100 and .[0].tuid == "tu1/1"' >/dev/null
}
check "harvest 2.x: translated segments (a segment without state is initial), tuid unit/segment" t_harvest_v2

t_bad_input_store_unchanged() {
    export TMKIT_DB="$W/db-rt"
    local before after
    before=$("$TMKIT" stats --format json | jq -c .units)
    printf '<?xml version="1.0"?>\n<xliff version="1.2" xmlns="urn:oasis:names:tc:xliff:document:1.2">\n<file source-language="en" target-language="ko"><body>\n<trans-unit id="1"><source>a</source><target>b</tar>\n</body></file></xliff>\n' >"$W/bad.xlf"
    "$TMKIT" harvest "$W/done.xlf" "$W/bad.xlf" 2>"$W/e"; [ $? -eq 2 ] || return 1
    grep -q "bad.xlf:4:" "$W/e" || return 1
    printf '<?xml version="1.0"?>\n<xliff version="9.9"/>\n' >"$W/v.xlf"
    "$TMKIT" pretranslate "$W/v.xlf" -o "$W/v.out.xlf" 2>"$W/e"; [ $? -eq 2 ] || return 1
    grep -q "v.xlf:2:1: unknown XLIFF version" "$W/e" && [ ! -e "$W/v.out.xlf" ] || return 1
    printf '<tmx version="1.4"/>\n' >"$W/t.xlf"
    "$TMKIT" pretranslate "$W/t.xlf" -o "$W/t.out.xlf" 2>"$W/e"; [ $? -eq 2 ] || return 1
    grep -q "not an XLIFF file" "$W/e" || return 1
    sed 's/target-language="ko"/target-language="xx"/' "$W/job.xlf" >"$W/lang.xlf"
    "$TMKIT" pretranslate "$W/lang.xlf" -o "$W/l.out.xlf" 2>"$W/e"; [ $? -eq 2 ] || return 1
    grep -q "lang.xlf:3:3: unknown language" "$W/e" || return 1
    after=$("$TMKIT" stats --format json | jq -c .units)
    [ "$before" = "$after" ]
}
check "bad input: exit 2 with file:line:col, no output written, store unchanged" t_bad_input_store_unchanged

t_utf16() {
    export TMKIT_DB="$W/db"
    sed 's/encoding="UTF-8"/encoding="UTF-16"/' "$W/zh-ko.xlf" | iconv -f UTF-8 -t UTF-16 >"$W/u16.xlf"
    "$TMKIT" pretranslate "$W/u16.xlf" -o "$W/u16.out.xlf" -q || return 1
    head -1 "$W/u16.out.xlf" | grep -q 'encoding="UTF-8"' && grep -q '사진=AFP' "$W/u16.out.xlf"
}
check "UTF-16 input, UTF-8 output that says so" t_utf16

finish
