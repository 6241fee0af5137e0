#!/usr/bin/env bash
# End-to-end tests of the tmkit command line.
#
#   tests/e2e/cli_test.sh [PATH/TO/tmkit]
#
# The binary defaults to build/tmkit under the repository root. Works from
# any directory; everything is written under a mktemp -d directory that is
# removed at exit. Prints one "ok - NAME" / "not ok - NAME" line per check
# (with "#" lines explaining a failure), then "N passed, M failed"; exits 1
# if any check failed.
#
# Needs: bash, jq, xmllint, iconv, cmp, diff; python3 for the check that an
# export preserves the original <body> (skipped without it).
# The shared corpus and schemas are looked up in $TMKIT_SHARED_DIR, default
# REPO/../shared (as in tests/CMakeLists.txt).

set -u

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
ROOT=$(cd "$HERE/../.." && pwd)
DATA=$ROOT/tests/data/e2e
SHARED=${TMKIT_SHARED_DIR:-$ROOT/../shared}
DTD=$SHARED/schemas/tmx14.dtd
CORPUS=$SHARED/corpus/tmx

TMKIT=${1:-$ROOT/build/tmkit}
case $TMKIT in /*) ;; *) TMKIT=$PWD/$TMKIT ;; esac
if [ ! -x "$TMKIT" ]; then
    echo "cli_test.sh: no executable tmkit at $TMKIT" >&2
    exit 2
fi
for tool in jq xmllint iconv cmp diff; do
    command -v "$tool" >/dev/null || { echo "cli_test.sh: $tool is required" >&2; exit 2; }
done

W=$(mktemp -d "${TMPDIR:-/tmp}/tmkit-e2e.XXXXXX") || exit 2
trap 'rm -rf "$W"' EXIT
cd "$W" || exit 2

# Never touch the user's own store: the default store lives under $W.
export HOME=$W/home
export XDG_DATA_HOME=$W/xdg-default
unset TMKIT_DB

PASSED=0
FAILED=0
WHY=""

# ---------------------------------------------------------------- helpers

# tm ARGS...: run tmkit; stdout in $W/out, stderr in $W/err, status in $RC.
tm() {
    "$TMKIT" "$@" >"$W/out" 2>"$W/err"
    RC=$?
    LASTCMD="tmkit $*"
    return 0
}

# tme ENV-ARGS... -- ARGS...: like tm, run under `env ENV-ARGS` (e.g. -u VAR,
# VAR=value).
tme() {
    local envargs=()
    while [ $# -gt 0 ] && [ "$1" != -- ]; do envargs+=("$1"); shift; done
    shift
    env "${envargs[@]}" "$TMKIT" "$@" >"$W/out" 2>"$W/err"
    RC=$?
    LASTCMD="env ${envargs[*]} tmkit $*"
    return 0
}

# why MESSAGE: record why the current check fails, with the last tmkit run.
why() {
    WHY+="$1"$'\n'
    if [ -n "${LASTCMD:-}" ]; then
        WHY+="last command: $LASTCMD (exit $RC)"$'\n'
        if [ -s "$W/out" ]; then WHY+="stdout:"$'\n'"$(head -c 1500 "$W/out")"$'\n'; fi
        if [ -s "$W/err" ]; then WHY+="stderr:"$'\n'"$(head -c 1500 "$W/err")"$'\n'; fi
    fi
    return 1
}

# check NAME FUNCTION ARGS...: run one check and report it.
check() {
    local name=$1
    shift
    WHY=""
    LASTCMD=""
    RC=0
    : >"$W/out"
    : >"$W/err"
    if "$@"; then
        PASSED=$((PASSED + 1))
        echo "ok - $name"
    else
        FAILED=$((FAILED + 1))
        echo "not ok - $name"
        [ -n "$WHY" ] && printf '%s' "$WHY" | sed 's/^/#   /'
    fi
}

expect_rc() {
    [ "$RC" -eq "$1" ] || why "expected exit status $1, got $RC"
}

# same A B WHAT: files A and B must be byte-identical.
same() {
    cmp -s "$1" "$2" && return 0
    local d
    d=$(diff "$1" "$2" | head -n 20)
    LASTCMD="" why "$3 differ:"$'\n'"$d"
}

# newdb NAME [FILE...]: path of a fresh store, with FILEs imported (quietly).
newdb() {
    local db=$W/db/$1
    shift
    rm -rf "$db"
    mkdir -p "$W/db"
    if [ $# -gt 0 ]; then
        "$TMKIT" --db "$db" import --quiet "$@" >/dev/null 2>"$W/newdb.err" ||
            { echo "cli_test.sh: setup import of $* failed: $(cat "$W/newdb.err")" >&2; }
    fi
    echo "$db"
}

# strip_date FILE: print FILE without the header's creationdate attribute.
strip_date() {
    sed '0,/<header/{/<header/s/ creationdate="[^"]*"//}' "$1"
}

# snapshot DB PREFIX: PREFIX.stats (stats --format json without "bytes": an import that is
# rolled back leaves the content as it was, but LMDB's data file may keep the pages it
# grew by, free for later use), PREFIX.export (export, header creationdate removed),
# PREFIX.show (show --format json).
snapshot() {
    "$TMKIT" --db "$1" stats --format json 2>&1 | jq 'del(.bytes)' >"$2.stats" 2>&1
    "$TMKIT" --db "$1" export "$2.tmx" >/dev/null 2>&1
    strip_date "$2.tmx" >"$2.export" 2>&1
    "$TMKIT" --db "$1" show --format json >"$2.show" 2>&1
}

# import_between_snapshots DB FILE: snapshot DB to $W/before.*, import FILE into it, snapshot
# it to $W/after.*; the import's stdout, stderr and status stay in $W/out, $W/err and $RC.
import_between_snapshots() {
    snapshot "$1" "$W/before"
    tm --db "$1" import "$2"
    local rc=$RC
    cp "$W/err" "$W/ibs.err"
    cp "$W/out" "$W/ibs.out"
    snapshot "$1" "$W/after"
    cp "$W/ibs.err" "$W/err"
    cp "$W/ibs.out" "$W/out"
    RC=$rc
}

# units DB: number of units as reported by stats --format json.
units() {
    "$TMKIT" --db "$1" stats --format json 2>/dev/null | jq -r '.units' 2>/dev/null
}

# show_json DB OUT: show --format json of the whole store.
show_json() {
    "$TMKIT" --db "$1" show --format json >"$2" 2>&1
}

# ------------------------------------------------------- generated fixtures
# Byte-level fixtures are derived at run time from the hand-made UTF-8 ones.

: >"$W/empty.tmx"
# Invalid UTF-8 (a lone 0xFF byte) inside the Chinese segment on line 12,
# after several lines of multi-byte Chinese and Korean text.
LC_ALL=C sed '12s/<seg>/<seg>\xe9\x9d\x9e\xff/' "$DATA/good.tmx" >"$W/bad-utf8.tmx"
# The same document, declared UTF-16, as UTF-16LE and UTF-16BE with a BOM,
# and as UTF-8 with a BOM (declaration contradicting the BOM).
sed '1s/encoding="UTF-8"/encoding="UTF-16"/' "$DATA/good.tmx" >"$W/good.decl16.tmx"
{ printf '\xff\xfe'; iconv -f UTF-8 -t UTF-16LE "$W/good.decl16.tmx"; } >"$W/good.utf16le.tmx"
{ printf '\xfe\xff'; iconv -f UTF-8 -t UTF-16BE "$W/good.decl16.tmx"; } >"$W/good.utf16be.tmx"
{ printf '\xef\xbb\xbf'; cat "$W/good.decl16.tmx"; } >"$W/good.bom8-decl16.tmx"

# ------------------------------------------------------------------ checks

# --- help, version, usage errors

t_help() {
    tm "$@"
    expect_rc 0 || return 1
    grep -q 'Examples' "$W/out" || why "no 'Examples' in the help text"
}

t_version() {
    tm --version
    expect_rc 0 || return 1
    grep -Eq '[0-9]+\.[0-9]+(\.[0-9]+)?' "$W/out" || why "no version number printed on stdout"
}

t_usage_error() {
    tm "$@"
    expect_rc 2
}

check "tmkit --help: exit 0, shows Examples" t_help --help
for c in import export stats show; do
    check "tmkit $c --help: exit 0, shows Examples" t_help "$c" --help
done
check "tmkit --version prints a version" t_version
check "unknown command exits 2" t_usage_error frobnicate
check "unknown global option exits 2" t_usage_error --frobnicate
check "unknown option after a command exits 2" t_usage_error stats --frobnicate
check "unknown import option exits 2" t_usage_error import --frobnicate "$DATA/good.tmx"
check "bad --format value exits 2" t_usage_error --format yaml stats

# --- global options before or after the command

GOOD_DB=$(newdb good "$DATA/good.tmx")

t_db_position() {
    tm --db "$GOOD_DB" stats
    expect_rc 0 || return 1
    cp "$W/out" "$W/pos1"
    tm stats --db "$GOOD_DB"
    expect_rc 0 || return 1
    grep -q "$GOOD_DB" "$W/out" || why "stats does not name the store $GOOD_DB" || return 1
    same "$W/pos1" "$W/out" "'--db X stats' and 'stats --db X' outputs"
}

t_format_position() {
    tm --db "$GOOD_DB" --format json stats
    expect_rc 0 || return 1
    jq -e '.units == 3' "$W/out" >/dev/null || why "'--format json stats' is not JSON with units 3" || return 1
    cp "$W/out" "$W/fmt1"
    tm --db "$GOOD_DB" stats --format json
    expect_rc 0 || return 1
    same "$W/fmt1" "$W/out" "'--format json stats' and 'stats --format json' outputs"
}

t_quiet_position() {
    local db
    db=$(newdb quiet1)
    tm --db "$db" --quiet import "$DATA/good.tmx"
    expect_rc 0 || return 1
    [ ! -s "$W/out" ] && [ ! -s "$W/err" ] || why "--quiet before the command still printed something" || return 1
    db=$(newdb quiet2)
    tm import "$DATA/good.tmx" --quiet --db "$db"
    expect_rc 0 || return 1
    [ ! -s "$W/out" ] && [ ! -s "$W/err" ] || why "--quiet after the command still printed something" || return 1
    [ "$(units "$db")" = 3 ] || why "import with options after the file did not store 3 units"
}

check "global --db accepted before and after the command" t_db_position
check "global --format accepted before and after the command" t_format_position
check "global --quiet accepted before and after the command" t_quiet_position

# --- default store

t_default_home() {
    local h=$W/dh/home
    mkdir -p "$h"
    tme -u TMKIT_DB -u XDG_DATA_HOME HOME="$h" -- stats
    expect_rc 2 || return 1
    [ ! -e "$h/.local/share/tmkit" ] || why "a read command created the default store" || return 1
    tme -u TMKIT_DB -u XDG_DATA_HOME HOME="$h" -- import "$DATA/good.tmx"
    expect_rc 0 || return 1
    [ -d "$h/.local/share/tmkit/default" ] || why "\$HOME/.local/share/tmkit/default was not created" || return 1
    [ "$(units "$h/.local/share/tmkit/default")" = 3 ] ||
        why "the store at \$HOME/.local/share/tmkit/default does not hold 3 units" || return 1
    tme -u TMKIT_DB -u XDG_DATA_HOME HOME="$h" -- --format json stats
    expect_rc 0 || return 1
    jq -e '.units == 3' "$W/out" >/dev/null || why "stats without --db does not read \$HOME/.local/share/tmkit/default"
}

t_default_xdg() {
    local h=$W/dx/home x=$W/dx/xdg
    mkdir -p "$h" "$x"
    tme -u TMKIT_DB HOME="$h" XDG_DATA_HOME="$x" -- import "$DATA/good.tmx"
    expect_rc 0 || return 1
    [ -d "$x/tmkit/default" ] || why "\$XDG_DATA_HOME/tmkit/default was not created" || return 1
    [ ! -e "$h/.local/share/tmkit" ] || why "\$HOME/.local/share/tmkit was created although XDG_DATA_HOME is set" || return 1
    [ "$(units "$x/tmkit/default")" = 3 ] || why "the store at \$XDG_DATA_HOME/tmkit/default does not hold 3 units" || return 1
    tme -u TMKIT_DB HOME="$h" XDG_DATA_HOME="$x" -- stats --format json
    expect_rc 0 || return 1
    jq -e '.units == 3' "$W/out" >/dev/null || why "stats without --db does not read \$XDG_DATA_HOME/tmkit/default"
}

t_default_env() {
    local h=$W/de/home x=$W/de/xdg e=$W/de/envdb o=$W/de/optdb
    mkdir -p "$h" "$x"
    tme HOME="$h" XDG_DATA_HOME="$x" TMKIT_DB="$e" -- import "$DATA/good.tmx"
    expect_rc 0 || return 1
    [ -d "$e" ] || why "\$TMKIT_DB was not created" || return 1
    [ ! -e "$x/tmkit" ] && [ ! -e "$h/.local/share/tmkit" ] || why "a default store was created although TMKIT_DB is set" || return 1
    [ "$(units "$e")" = 3 ] || why "the store at \$TMKIT_DB does not hold 3 units" || return 1
    tme HOME="$h" XDG_DATA_HOME="$x" TMKIT_DB="$e" -- import "$DATA/tmx11-lang.tmx" --db "$o"
    expect_rc 0 || return 1
    if [ "$(units "$o")" != 2 ] || [ "$(units "$e")" != 3 ]; then
        why "--db does not take precedence over \$TMKIT_DB"
    fi
}

t_default_failed_import() {
    local h=$W/df/home
    mkdir -p "$h"
    tme -u TMKIT_DB -u XDG_DATA_HOME HOME="$h" -- import "$DATA/truncated.tmx"
    expect_rc 2 || return 1
    [ ! -e "$h/.local/share" ] || why "a refused import left $(find "$h/.local" | tr '\n' ' ')" || return 1
    mkdir -p "$h/mine"
    tm --db "$h/mine" import "$DATA/truncated.tmx"
    expect_rc 2 || return 1
    [ -d "$h/mine" ] && [ -z "$(ls -A "$h/mine")" ] ||
        why "a refused import into an empty directory of the user's did not leave it as it was" || return 1
    tme -u TMKIT_DB HOME="$h" XDG_DATA_HOME=relative -- import "$DATA/good.tmx"
    expect_rc 0 || return 1
    [ -d "$h/.local/share/tmkit/default" ] && [ ! -e relative ] ||
        why "a relative \$XDG_DATA_HOME was not ignored, as the XDG specification asks"
}

# Other commands see the store as it was until an import ends: never part of it, and not
# the part an import killed midway left (the next write undoes it).
t_readers_during_import() {
    local db big=$W/big.tmx n
    db=$(newdb during "$DATA/good.tmx")
    python3 - "$big" <<'PY' || return 1
import sys
with open(sys.argv[1], "w") as f:
    f.write('<?xml version="1.0"?>\n<tmx version="1.4"><header srclang="en"/><body>\n')
    for i in range(60000):
        f.write('<tu><tuv xml:lang="en"><seg>line %d of a big file</seg></tuv>'
                '<tuv xml:lang="fr"><seg>ligne %d</seg></tuv></tu>\n' % (i, i))
    f.write('</body></tmx>\n')
PY
    "$TMKIT" --db "$db" import --quiet "$big" >/dev/null 2>&1 &
    local pid=$! seen=""
    while kill -0 "$pid" 2>/dev/null; do
        n=$(units "$db")
        case $n in 3|60003) ;; *) seen="$seen $n" ;; esac
        sleep 0.05
    done
    wait "$pid" || why "the import failed" || return 1
    [ -z "$seen" ] || why "stats during the import saw$seen units (expected 3, then 60003)" || return 1
    [ "$(units "$db")" = 60003 ] || why "after the import: $(units "$db") units" || return 1
    # Killed midway: readers see the 3 units, and so does the next write.
    db=$(newdb killed "$DATA/good.tmx")
    "$TMKIT" --db "$db" import --quiet "$big" >/dev/null 2>&1 &
    pid=$!
    sleep 0.3
    kill -9 "$pid" 2>/dev/null
    wait "$pid" 2>/dev/null
    n=$(units "$db")
    case $n in 3|60003) ;; *) why "after a killed import, stats sees $n units" || return 1 ;; esac
    tm --db "$db" export "$W/killed.tmx"
    local exported
    exported=$(xmllint --xpath 'count(//tu)' "$W/killed.tmx" 2>/dev/null)
    [ "$exported" = "$n" ] || why "the export of a killed import's store has $exported units, stats $n"
}

check "default store: \$HOME/.local/share/tmkit/default, created on first write" t_default_home
check "default store: a refused import creates none; a relative \$XDG_DATA_HOME is ignored" t_default_failed_import
check "readers see the store as it was until an import ends, or after one is killed" t_readers_during_import
check "default store: \$XDG_DATA_HOME/tmkit/default" t_default_xdg
check "default store: \$TMKIT_DB, overridden by --db" t_default_env

# --- read commands on a store that does not exist

t_missing_store() {
    local db=$W/nowhere/store
    local out=$W/missing-export.tmx
    if [ "$1" = export ]; then tm --db "$db" export "$out"; else tm --db "$db" "$1"; fi
    expect_rc 2 || return 1
    grep -qF "$db" "$W/err" || why "stderr does not name the path $db" || return 1
    [ ! -e "$db" ] || why "the read command created the store" || return 1
    [ ! -e "$out" ] || why "export to a missing store still wrote $out"
}

for c in stats show export; do
    check "$c on a missing store: exit 2, message names the path, nothing created" t_missing_store "$c"
done

# --- malformed files: exit 2, one line FILE:LINE:COL: message, store unchanged

MALFORMED_ERRLINES=$W/malformed-errlines
: >"$MALFORMED_ERRLINES"

# t_malformed FILE EXPECTED_LINE(or "")
t_malformed() {
    local file=$1 line=$2 db
    db=$(newdb malformed "$DATA/good.tmx")
    import_between_snapshots "$db" "$file"
    head -n 1 "$W/err" >>"$MALFORMED_ERRLINES"
    jq -e '.units == 3' "$W/before.stats" >/dev/null 2>&1 ||
        LASTCMD="" why "setup: the store with good.tmx does not hold 3 units" || return 1
    local ok=0
    expect_rc 2 || ok=1
    local n
    n=$(wc -l <"$W/err")
    [ "$n" -eq 1 ] || why "expected exactly one line on stderr, got $n" || ok=1
    local first rest
    first=$(head -n 1 "$W/err")
    rest=${first#"tmkit: "}
    if [[ $rest == "$file:"* ]] && [[ ${rest#"$file:"} =~ ^([0-9]+):([0-9]+):\ .+ ]]; then
        if [ -n "$line" ] && [ "${BASH_REMATCH[1]}" != "$line" ]; then
            why "error reported on line ${BASH_REMATCH[1]}, expected line $line" || ok=1
        fi
    else
        why "stderr does not start with a '$file:LINE:COL: message' line" || ok=1
    fi
    same "$W/before.stats" "$W/after.stats" "stats --format json before/after the failed import" || ok=1
    same "$W/before.export" "$W/after.export" "export before/after the failed import" || ok=1
    return $ok
}

check "truncated TMX (cut inside <tu>): exit 2, FILE:LINE:COL, store unchanged" \
    t_malformed "$DATA/truncated.tmx" ""
check "bad nesting (<seg> closed by </tuv>): exit 2, FILE:7:COL, store unchanged" \
    t_malformed "$DATA/badnest.tmx" 7
check "invalid UTF-8 in a UTF-8 TMX: exit 2, FILE:12:COL (right line), store unchanged" \
    t_malformed "$W/bad-utf8.tmx" 12
check "empty file: exit 2, FILE:LINE:COL, store unchanged" \
    t_malformed "$W/empty.tmx" ""
check "root is not <tmx> (Tiled map): exit 2, FILE:1:COL, store unchanged" \
    t_malformed "$DATA/tiled-map.tmx" 1
check "undefined entity &nbsp;: exit 2, FILE:7:COL, store unchanged" \
    t_malformed "$DATA/entity.tmx" 7

# t_malformed_skipped FILE LINE UNITS MESSAGE: with --skip-invalid a malformation after <body>
# opened keeps the UNITS units before it (exit 0) and is reported as
# FILE:LINE:COL: MESSAGE...; the rest of the file is skipped.
t_malformed_skipped() {
    local file=$1 line=$2 want=$3 message=$4 db n
    db=$(newdb malformed-skip)
    tm --db "$db" import "$file" --skip-invalid
    expect_rc 0 || return 1
    n=$(units "$db")
    [ "$n" = "$want" ] || why "expected $want unit(s) stored, stats says $n" || return 1
    grep -qE "^$file:$line:[0-9]+: $message.* the rest of the file is skipped" "$W/err" ||
        why "no '$file:$line:COL: $message... the rest of the file is skipped' on stderr" || return 1
    ! grep -qF ";;" "$W/err" || why "a doubled ';' on stderr"
}

check "invalid UTF-8 with --skip-invalid: exit 0, the unit before it stored, FILE:12:COL, rest skipped" \
    t_malformed_skipped "$W/bad-utf8.tmx" 12 1 "invalid UTF-8"
check "bad nesting with --skip-invalid: exit 0 (no unit before it), FILE:7:COL, rest skipped" \
    t_malformed_skipped "$DATA/badnest.tmx" 7 0 "mismatched end tag"
check "undefined entity with --skip-invalid: exit 0, FILE:7:COL, rest skipped, no ';;'" \
    t_malformed_skipped "$DATA/entity.tmx" 7 0 "undefined entity &nbsp;"

t_errline_starts_with_file() {
    local bad
    bad=$(grep -Ev '^/' "$MALFORMED_ERRLINES")
    [ -z "$bad" ] || LASTCMD="" why "these lines do not start with FILE (spec format is 'FILE:LINE:COL: message'):"$'\n'"$bad"
}
check "malformed-file messages are exactly 'FILE:LINE:COL: message' (no prefix)" t_errline_starts_with_file

# --- invalid units

t_invalid_units_refused() {
    local db f=$DATA/invalid-units.tmx ok=0
    db=$(newdb invalid "$DATA/good.tmx")
    import_between_snapshots "$db" "$f"
    jq -e '.units == 3' "$W/before.stats" >/dev/null 2>&1 ||
        LASTCMD="" why "setup: the store with good.tmx does not hold 3 units" || return 1
    expect_rc 2 || ok=1
    grep -qF "$f:9:" "$W/err" || why "the <tu> without <tuv> (line 9) is not reported as $f:9:..." || ok=1
    grep -qF "$f:14:" "$W/err" || why "the <tuv> without xml:lang (line 14) is not reported as $f:14:..." || ok=1
    same "$W/before.stats" "$W/after.stats" "stats --format json before/after the refused import" || ok=1
    same "$W/before.export" "$W/after.export" "export before/after the refused import" || ok=1
    return $ok
}

t_invalid_units_skipped() {
    local db f=$DATA/invalid-units.tmx
    db=$(newdb skip)
    tm --db "$db" import "$f" --skip-invalid
    expect_rc 0 || return 1
    local n
    n=$(units "$db")
    [ "$n" = 2 ] || why "expected 2 units stored, stats says $n"
}

t_invalid_units_skipped_reported() {
    local db f=$DATA/invalid-units.tmx ok=0
    db=$(newdb skip2)
    tm --db "$db" import "$f" --skip-invalid
    grep -qF "$f:9:" "$W/err" || why "skipped unit on line 9 not reported" || ok=1
    grep -qF "$f:14:" "$W/err" || why "skipped unit on line 14 not reported" || ok=1
    return $ok
}

check "invalid units without --skip-invalid: exit 2, each reported with its line, nothing stored" \
    t_invalid_units_refused
check "invalid units with --skip-invalid: exit 0, the 2 good units imported" t_invalid_units_skipped
check "invalid units with --skip-invalid: the skipped units are reported with their line" \
    t_invalid_units_skipped_reported

t_bad_markup_refused() {
    local db f=$DATA/bad-markup.tmx ok=0
    db=$(newdb markup "$DATA/good.tmx")
    import_between_snapshots "$db" "$f"
    expect_rc 2 || ok=1
    grep -qF "$f:10:33: <b> inside <seg>" "$W/err" || why "<b> (line 10, column 33) not reported" || ok=1
    grep -qF "$f:11:34: <b> inside <seg>" "$W/err" || why "<b> (line 11, column 34) not reported" || ok=1
    grep -qF "$f:14:46: <bpt> inside <ph>" "$W/err" || why "<bpt> inside <ph> (14:46) not reported" || ok=1
    grep -qF "$f:18:31: <it> without the attribute pos" "$W/err" || why "<it> without pos (18:31) not reported" || ok=1
    same "$W/before.stats" "$W/after.stats" "stats --format json before/after the refused import" || ok=1
    return $ok
}

t_bad_markup_skipped() {
    local db f=$DATA/bad-markup.tmx out=$W/bad-markup-export.tmx
    db=$(newdb markup-skip)
    tm --db "$db" import "$f" --skip-invalid
    expect_rc 0 || return 1
    [ "$(units "$db")" = 1 ] || why "expected 1 unit stored, stats says $(units "$db")" || return 1
    tm --db "$db" export "$out"
    expect_rc 0 || return 1
    xmllint --noout --dtdvalid "$DTD" "$out" 2>"$W/xmllint.err" ||
        LASTCMD="" why "xmllint --dtdvalid tmx14.dtd fails:"$'\n'"$(head -n 10 "$W/xmllint.err")"
}

check "markup TMX does not allow in <seg> (<b>, <bpt> in <ph>, <it> without pos): exit 2, FILE:LINE:COL of each, nothing stored" \
    t_bad_markup_refused
check "markup TMX does not allow, with --skip-invalid: exit 0, the good unit stored, export DTD-valid" \
    t_bad_markup_skipped

t_doctype_entities() {
    local db f=$DATA/doctype-entity.tmx out=$W/doctype-entity-export.tmx
    db=$(newdb doctype-entities)
    tm --db "$db" import "$f"
    expect_rc 0 || return 1
    show_json "$db" "$W/de.show"
    grep -qF "© 2024 ACME Corp. All rights reserved." "$W/de.show" ||
        LASTCMD="" why "the expanded English segment is not in show --format json:"$'\n'"$(head -c 1500 "$W/de.show")" || return 1
    grep -qF "© 2024 ACME Corp. 모든 권리 보유." "$W/de.show" ||
        LASTCMD="" why "the expanded Korean segment is not in show --format json" || return 1
    tm --db "$db" export "$out"
    expect_rc 0 || return 1
    xmllint --noout --dtdvalid "$DTD" "$out" 2>"$W/xmllint.err" ||
        LASTCMD="" why "xmllint --dtdvalid tmx14.dtd fails:"$'\n'"$(head -n 10 "$W/xmllint.err")"
}

check "entities declared in the DOCTYPE's internal subset (&co;, &copy;) are expanded as xmllint does" \
    t_doctype_entities

# --- encodings

UTF8_DB=$(newdb utf8 "$DATA/good.tmx")
show_json "$UTF8_DB" "$W/utf8.show"

t_encoding_same() {
    local file=$1 db
    db=$(newdb "enc-$(basename "$file")")
    tm --db "$db" import "$file"
    expect_rc 0 || return 1
    show_json "$db" "$W/enc.show"
    same "$W/utf8.show" "$W/enc.show" "show --format json of the UTF-8 store and of $(basename "$file")"
}

t_bom_decl_mismatch() {
    local db
    db=$(newdb bom8)
    tm --db "$db" import "$W/good.bom8-decl16.tmx"
    expect_rc 0 || return 1
    grep -qi 'warn' "$W/err" || why "no warning on stderr" || return 1
    show_json "$db" "$W/enc.show"
    same "$W/utf8.show" "$W/enc.show" "show --format json of the UTF-8 store and of the BOM/declaration mismatch file"
}

check "UTF-16LE TMX with BOM imports the same units as UTF-8" t_encoding_same "$W/good.utf16le.tmx"
check "UTF-16BE TMX with BOM imports the same units as UTF-8" t_encoding_same "$W/good.utf16be.tmx"
check "UTF-8 BOM with encoding=\"UTF-16\" declared: imports, warning on stderr" t_bom_decl_mismatch

# --- TMX 1.1, language tags

t_tmx11() {
    local db
    db=$(newdb tmx11)
    tm --db "$db" import "$DATA/tmx11-lang.tmx"
    expect_rc 0 || return 1
    tm --db "$db" stats --format json
    expect_rc 0 || return 1
    jq -e '.units == 2' "$W/out" >/dev/null || why "expected 2 units" || return 1
    local langs
    langs=$(jq -c '[.languages[].lang] | sort' "$W/out")
    [ "$langs" = '["en-US","ko-KR","zh-CN"]' ] ||
        why "languages are $langs, expected [\"en-US\",\"ko-KR\",\"zh-CN\"] (EN-us, ko-kr, zh_CN canonicalised)"
}
check "TMX 1.1 with lang= imports; EN-us/zh_CN/ko-kr become en-US/zh-CN/ko-KR" t_tmx11

# --- duplicates

t_dup_merge() {
    local db
    db=$(newdb dup1 "$DATA/good.tmx")
    tm --db "$db" import "$DATA/good.tmx" --format json
    expect_rc 0 || return 1
    jq -e '.added == 0' "$W/out" >/dev/null || why "second import: expected \"added\": 0" || return 1
    [ "$(units "$db")" = 3 ] || why "unit count changed after importing the same file twice"
}

t_dup_keep() {
    local db
    db=$(newdb dup2 "$DATA/good.tmx")
    tm --db "$db" import "$DATA/good.tmx" --on-duplicate keep --format json
    expect_rc 0 || return 1
    jq -e '.added == 3' "$W/out" >/dev/null || why "expected \"added\": 3 with --on-duplicate keep" || return 1
    local n
    n=$(units "$db")
    [ "$n" = 6 ] || why "expected 6 units after --on-duplicate keep, stats says $n"
}

t_dup_new_target_default() {
    local db
    db=$(newdb dup3 "$DATA/good.tmx")
    tm --db "$db" import "$DATA/dup-target.tmx" --format json
    expect_rc 0 || return 1
    jq -e '.added == 1' "$W/out" >/dev/null || why "expected \"added\": 1" || return 1
    local n
    n=$(units "$db")
    [ "$n" = 4 ] || why "expected 4 units, stats says $n"
}

t_dup_replace() {
    local db
    db=$(newdb dup4 "$DATA/good.tmx")
    tm --db "$db" import "$DATA/dup-target.tmx" --on-duplicate replace
    expect_rc 0 || return 1
    local n
    n=$(units "$db")
    [ "$n" = 3 ] || why "expected the unit count to stay 3, stats says $n" || return 1
    tm --db "$db" show --format json
    expect_rc 0 || return 1
    grep -q '多谢多谢' "$W/out" || why "the new Chinese target 多谢多谢 is not shown" || return 1
    ! grep -q '非常感谢' "$W/out" || why "the replaced target 非常感谢 is still shown"
}

check "importing the same file twice adds nothing (added 0)" t_dup_merge
check "--on-duplicate keep adds the units again" t_dup_keep
check "same source, different target: added as a new unit by default" t_dup_new_target_default
check "--on-duplicate replace: count unchanged, new target shown" t_dup_replace

# --- stats and show

t_stats() {
    tm --db "$GOOD_DB" stats
    expect_rc 0 || return 1
    local w
    for w in units languages pairs en zh-CN ko-KR; do
        grep -qw -- "$w" "$W/out" || why "text stats does not mention '$w'" || return 1
    done
    tm --db "$GOOD_DB" stats --format json
    expect_rc 0 || return 1
    jq -e '.units == 3
           and ([.languages[].lang] | sort) == ["en","ko-KR","zh-CN"]
           and (.pairs | length) == 3' "$W/out" >/dev/null ||
        why "stats --format json: expected units 3, languages en/ko-KR/zh-CN, 3 pairs"
}

t_show_limit() {
    tm --db "$GOOD_DB" show --limit 2
    expect_rc 0 || return 1
    grep -q 'Good morning' "$W/out" && grep -q 'Thank you very much' "$W/out" &&
        ! grep -q 'Where is the station' "$W/out" || why "show --limit 2 does not print exactly the first two units" || return 1
    tm --db "$GOOD_DB" show --limit 2 --format json
    expect_rc 0 || return 1
    jq -e 'length == 2' "$W/out" >/dev/null || why "show --limit 2 --format json is not an array of 2 units"
}

check "stats shows units, languages and pairs" t_stats
check "show --limit 2 prints two units" t_show_limit

# --- export

t_export_valid() {
    local db=$1 out=$W/export-valid.tmx
    tm --db "$db" export "$out"
    expect_rc 0 || return 1
    xmllint --noout --dtdvalid "$DTD" "$out" 2>"$W/xmllint.err" ||
        LASTCMD="" why "xmllint --dtdvalid tmx14.dtd fails:"$'\n'"$(head -n 10 "$W/xmllint.err")"
}

t_export_langs() {
    local out=$W/export-langs.tmx
    tm --db "$GOOD_DB" export "$out" --langs en,zh
    expect_rc 0 || return 1
    local langs
    langs=$(grep -o '<tuv xml:lang="[^"]*"' "$out" | sort -u | sed 's/.*="//; s/"$//' | tr '\n' ' ')
    [ "$langs" = "en zh-CN " ] || LASTCMD="" why "variants in the export: '$langs', expected 'en zh-CN '" || return 1
    xmllint --noout --dtdvalid "$DTD" "$out" 2>"$W/xmllint.err" ||
        LASTCMD="" why "xmllint --dtdvalid fails:"$'\n'"$(head -n 10 "$W/xmllint.err")"
}

t_export_srclang() {
    local out=$W/export-srclang.tmx
    tm --db "$GOOD_DB" export "$out" --srclang en
    expect_rc 0 || return 1
    local s
    s=$(xmllint --xpath 'string(/tmx/header/@srclang)' "$out" 2>/dev/null)
    [ "$s" = en ] || why "header srclang is '$s', expected 'en'"
}

# A unit's srclang overrides the header's, so it must name one of the unit's variants:
# the source variant's tag with --srclang, none when --langs left out the variant it named.
t_export_unit_srclang() {
    local db out=$W/export-zh-ko.tmx n
    db=$(newdb shangganling "$ROOT/tmx/shangganling.en-zh-ko.tmx")
    tm --db "$db" export "$out" --langs zh,ko --srclang zh
    expect_rc 0 || return 1
    n=$(xmllint --xpath 'count(//tu)' "$out" 2>/dev/null)
    [ "$n" -eq 14 ] || why "$n units exported, expected 14" || return 1
    [ "$(xmllint --xpath 'count(//tu[@srclang = "zh-CN"])' "$out" 2>/dev/null)" -eq "$n" ] ||
        LASTCMD="" why "units without srclang=\"zh-CN\":"$'\n'"$(grep '<tu ' "$out" | head -n 3)" || return 1
    xmllint --noout --dtdvalid "$DTD" "$out" 2>"$W/xmllint.err" ||
        LASTCMD="" why "xmllint --dtdvalid fails:"$'\n'"$(head -n 10 "$W/xmllint.err")" || return 1
    tm --db "$db" export "$out" --langs zh,ko
    expect_rc 0 || return 1
    [ "$(xmllint --xpath 'count(//tu[@srclang])' "$out" 2>/dev/null)" -eq 0 ] ||
        LASTCMD="" why "units keep a srclang without its variant:"$'\n'"$(grep '<tu ' "$out" | head -n 3)"
}

t_export_stdout() {
    local file=$W/export-file.tmx
    mkdir -p "$W/stdoutcwd"
    tm --db "$GOOD_DB" export "$file"
    expect_rc 0 || return 1
    cd "$W/stdoutcwd" || return 1
    tm --db "$GOOD_DB" export -
    cd "$W" || return 1
    expect_rc 0 || return 1
    [ ! -e "$W/stdoutcwd/-" ] || why "export - created a file named '-'" || return 1
    strip_date "$W/out" >"$W/a.x"
    strip_date "$file" >"$W/b.x"
    same "$W/b.x" "$W/a.x" "export FILE and export - outputs"
}

t_roundtrip() {
    local src=$1 a b
    a=$(newdb rt-a)
    b=$(newdb rt-b)
    tm --db "$a" import "$src"
    expect_rc 0 || return 1
    tm --db "$a" export "$W/rt1.tmx"
    expect_rc 0 || return 1
    tm --db "$b" import "$W/rt1.tmx"
    expect_rc 0 || return 1
    tm --db "$b" export "$W/rt2.tmx"
    expect_rc 0 || return 1
    strip_date "$W/rt1.tmx" >"$W/rt1.x"
    strip_date "$W/rt2.tmx" >"$W/rt2.x"
    local ok=0
    same "$W/rt1.x" "$W/rt2.x" "first and second exports" || ok=1
    show_json "$a" "$W/rt-a.show"
    show_json "$b" "$W/rt-b.show"
    same "$W/rt-a.show" "$W/rt-b.show" "show --format json of the two stores" || ok=1
    return $ok
}

# The first export keeps everything in the original's <body>: attributes,
# notes, props, inline markup and white space inside seg/note/prop (white
# space between structural elements is ignored; a <tu> without srclang or
# datatype inherits the header's, but for datatype plaintext or unknown).
t_preserves_body() {
    local src=$1 db
    db=$(newdb pb)
    "$TMKIT" --db "$db" import --quiet "$src" >/dev/null 2>&1
    tm --db "$db" export "$W/pb.tmx"
    expect_rc 0 || return 1
    python3 - "$src" "$W/pb.tmx" >"$W/pb.diff" 2>&1 <<'PY'
import sys, xml.etree.ElementTree as ET
STRUCT = {"body", "tu", "tuv"}
def norm(el, hdr_src=None, hdr_dt=None):
    attrs = dict(el.attrib)
    if el.tag == "tu" and "srclang" not in attrs and hdr_src:
        attrs["srclang"] = hdr_src
    if el.tag == "tu" and "datatype" not in attrs and hdr_dt not in (None, "", "plaintext", "unknown"):
        attrs["datatype"] = hdr_dt
    text = el.text or ""
    if el.tag in STRUCT and not text.strip():
        text = ""
    kids = []
    for k in el:
        n = norm(k, hdr_src, hdr_dt)
        tail = k.tail or ""
        if el.tag in STRUCT and not tail.strip():
            tail = ""
        kids.append((n, tail))
    return (el.tag, sorted(attrs.items()), text, kids)
def load(p):
    r = ET.parse(p).getroot()
    return norm(r.find("body"), r.find("header").get("srclang"), r.find("header").get("datatype"))
a, b = load(sys.argv[1]), load(sys.argv[2])
if a != b:
    ta, tb = a[3], b[3]
    if len(ta) != len(tb):
        print("unit count differs: %d vs %d" % (len(ta), len(tb)))
    for x, y in zip(ta, tb):
        if x != y:
            print("first differing unit:\n original: %r\n exported: %r" % (x, y))
            break
    sys.exit(1)
PY
    local prc=$?
    [ "$prc" -eq 0 ] || LASTCMD="" why "the export does not preserve the original <body>:"$'\n'"$(head -c 3000 "$W/pb.diff")"
}

check "export of a fresh store validates against tmx14.dtd" t_export_valid "$GOOD_DB"
RICH_DB=$(newdb rich "$DATA/rich.tmx")
check "export of the rich fixture validates against tmx14.dtd" t_export_valid "$RICH_DB"
check "export --langs en,zh keeps only en and zh-CN" t_export_langs
check "export --srclang en writes srclang=\"en\" in the header" t_export_srclang
check "export --langs zh,ko: each unit's srclang names one of its variants" t_export_unit_srclang
check "export - writes the TMX to stdout" t_export_stdout
check "round trip of the rich fixture: exports identical, unit JSON identical" t_roundtrip "$DATA/rich.tmx"
if command -v python3 >/dev/null; then
    check "export of the rich fixture preserves attributes, notes, props, markup, white space" \
        t_preserves_body "$DATA/rich.tmx"
else
    echo "ok - export of the rich fixture preserves its body # SKIP python3 not found"
    PASSED=$((PASSED + 1))
fi

# --- the shared corpus

t_corpus() {
    local f=$1 a b
    a=$(newdb corpus-a)
    b=$(newdb corpus-b)
    tm --db "$a" import "$f"
    expect_rc 0 || return 1
    tm --db "$a" export "$W/corpus1.tmx"
    expect_rc 0 || return 1
    cp "$W/corpus1.tmx" "$W/corpus-exports/$(echo "${f#"$CORPUS"/}" | tr / _)"
    tm --db "$b" import "$W/corpus1.tmx"
    expect_rc 0 || return 1
    show_json "$a" "$W/corpus-a.show"
    show_json "$b" "$W/corpus-b.show"
    same "$W/corpus-a.show" "$W/corpus-b.show" "show --format json of the original and re-imported stores"
}

t_corpus_exports_valid() {
    local f bad=""
    for f in "$W"/corpus-exports/*.tmx; do
        [ -e "$f" ] || continue
        xmllint --noout --dtdvalid "$DTD" "$f" >/dev/null 2>&1 || bad+="$(basename "$f") "
    done
    [ -z "$bad" ] || LASTCMD="" why "exports failing xmllint --dtdvalid tmx14.dtd: $bad"
}

if [ -d "$CORPUS" ]; then
    mkdir -p "$W/corpus-exports"
    while IFS= read -r f; do
        check "corpus ${f#"$CORPUS"/}: imports (exit 0), export re-imports to the same units" t_corpus "$f"
    done < <(find "$CORPUS" -name '*.tmx' -type f | LC_ALL=C sort)
    check "corpus: every export validates against tmx14.dtd" t_corpus_exports_valid
else
    echo "not ok - corpus directory $CORPUS not found"
    FAILED=$((FAILED + 1))
fi

echo "$PASSED passed, $FAILED failed"
[ "$FAILED" -eq 0 ]
