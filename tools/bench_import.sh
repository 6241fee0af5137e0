#!/usr/bin/env bash
# TMX import/export benchmark for tmkit, with Translate Toolkit's TMX reader as the peer.
#
#   tools/bench_import.sh [--units N] [--quick] [--data DIR] [--ttk-full] [--tmkit PATH] [--keep]
#
#   --units N    synthetic memory size (default 1000000; about 570 MB of TMX for 1M units)
#   --quick      same as --units 100000
#   --data DIR   where the TMX files, stores and results go (default <repo>/bench-data, git-ignored);
#                test files are generated only when missing
#   --ttk-full   time Translate Toolkit on the full synthetic file even above 100k units (it keeps
#                the whole DOM: several GB and minutes for 1M units); by default it reads a
#                100k-unit file from the same generator instead, and tmkit imports that file too
#                so that the tmkit/TTK ratios compare the same input
#   --tmkit PATH the binary to measure (default <repo>/build/tmkit)
#   --keep       keep the stores and exported files (default: deleted at the end)
#
# For each file (synthetic: gen_tmx.py --seed 7; real: mo2tmx.py, ~48k en/zh-CN/ko-KR units from
# this machine's message catalogs) it measures, each run under /usr/bin/time -v:
#   tmkit import into a fresh store, store size (du -sb and `stats` bytes), tmkit export,
#   DTD validation of the export (xmllint, TMX 1.4 DTD), re-import of the export into another
#   fresh store with a unit-count check, and Translate Toolkit's parse of the same file.
# It prints a Markdown report (table, tmkit/TTK ratios, targets, machine, command line) on
# standard output and saves it as DIR/results-<units>-<time>.md. Progress goes to stderr.
# Exit status: 0 all runs and checks passed, 1 a run or check failed, 2 usage or setup error.
# No network is used.
set -euo pipefail

repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cmdline="tools/bench_import.sh"
for a in "$@"; do cmdline+=" $(printf '%q' "$a")"; done

units=1000000
data="$repo/bench-data"
ttk_full=0
keep=0
tmkit="$repo/build/tmkit"
bench_dir="$repo/../shared/bench"
dtd="$repo/../shared/schemas/tmx14.dtd"
ttk_sub_units=100000

die() { echo "bench_import: $*" >&2; exit 2; }
say() { echo "bench_import: $*" >&2; }

while [ $# -gt 0 ]; do
  case "$1" in
    --units) [ $# -ge 2 ] || die "--units needs a number"; units=$2; shift 2 ;;
    --units=*) units=${1#--units=}; shift ;;
    --quick) units=100000; shift ;;
    --data) [ $# -ge 2 ] || die "--data needs a directory"; data=$2; shift 2 ;;
    --data=*) data=${1#--data=}; shift ;;
    --ttk-full) ttk_full=1; shift ;;
    --tmkit) [ $# -ge 2 ] || die "--tmkit needs a path"; tmkit=$2; shift 2 ;;
    --tmkit=*) tmkit=${1#--tmkit=}; shift ;;
    --keep) keep=1; shift ;;
    -h|--help) sed -n '2,/^set -euo/p' "$0" | sed '$d; s/^# \{0,1\}//'; exit 0 ;;
    *) die "unknown option '$1' (try --help)" ;;
  esac
done
[[ "$units" =~ ^[1-9][0-9]*$ ]] || die "--units must be a positive integer, not '$units'"

# ---- tools -------------------------------------------------------------------------------------
py=/usr/bin/python3
[ -x "$py" ] || py=$(command -v python3) || die "python3 not found"
[ -x /usr/bin/time ] || die "/usr/bin/time not found (apt-get install time; tools/setup.sh installs it)"
command -v xmllint >/dev/null || die "xmllint not found (apt-get install libxml2-utils)"
[ -r "$bench_dir/gen_tmx.py" ] && [ -r "$bench_dir/mo2tmx.py" ] || die "generators not found in $bench_dir"
[ -r "$dtd" ] || die "TMX DTD not found: $dtd"
"$py" -c 'import translate.storage.tmx' 2>/dev/null ||
  die "$py cannot import translate.storage.tmx (apt-get install python3-translate)"

# The binary may be rebuilt while we run: wait for it rather than fail at once.
wait_for_tmkit() {
  local waited=0
  while [ ! -x "$tmkit" ]; do
    [ $waited -ge 180 ] && die "tmkit binary $tmkit missing (waited ${waited}s); build it with: ninja -C $repo/build"
    [ $waited -eq 0 ] && say "waiting for $tmkit to appear (being rebuilt?)"
    sleep 5; waited=$((waited + 5))
  done
  [ -z "${tmkit_sig0:-}" ] || check_tmkit_same
}
wait_for_tmkit
tmkit=$(cd "$(dirname "$tmkit")" && pwd)/$(basename "$tmkit")
tmkit_sig() { stat -L -c '%Y %s %i' "$tmkit" 2>/dev/null || echo missing; }
tmkit_sig0=$(tmkit_sig)
tmkit_built=$(date -r "$tmkit" '+%Y-%m-%d %H:%M:%S')
tmkit_changed=0
check_tmkit_same() {  # figures from two builds must not be mixed silently
  if [ "$(tmkit_sig)" != "$tmkit_sig0" ] && [ "$tmkit_changed" = 0 ]; then
    tmkit_changed=1
    say "WARNING: $tmkit was rebuilt during this run; the figures mix two builds: rerun"
  fi
}

mkdir -p "$data"
data=$(cd "$data" && pwd)
run="$data/run.$$"
rm -rf "$run"; mkdir -p "$run"
cleanup() { [ "$keep" = 1 ] || rm -rf "$run"; }
trap cleanup EXIT
failed=0

# ---- helpers -----------------------------------------------------------------------------------
json_get() {  # json_get FILE KEY: the value of a top-level key of the last JSON object in FILE
  "$py" - "$1" "$2" <<'EOF'
import json, sys
text = open(sys.argv[1], encoding="utf-8", errors="replace").read()
obj = None
for line in text.splitlines():
    line = line.strip()
    if line.startswith("{"):
        try: obj = json.loads(line)
        except ValueError: pass
if obj is None:
    try: obj = json.loads(text)
    except ValueError: sys.exit(1)
v = obj.get(sys.argv[2])
if v is None: sys.exit(1)
print(v)
EOF
}
wall_seconds() {  # from a /usr/bin/time -v report
  awk -F': ' '/Elapsed \(wall clock\)/ { n = split($2, p, ":"); s = 0;
      for (i = 1; i <= n; i++) s = s * 60 + p[i]; printf "%.2f", s }' "$1"
}
cpu_s() { awk -F': ' '/User time|System time/ { s += $2 } END { printf "%.2f", s }' "$1"; }
peak_mb() { awk -F': ' '/Maximum resident set size/ { printf "%.1f", $2 / 1024 }' "$1"; }
mb() { awk -v b="$1" 'BEGIN { printf "%.1f", b / 1048576 }'; }
fsize() { stat -L -c %s "$1"; }  # -L: the size of the file a symbolic link names
rate() { awk -v n="$1" -v s="$2" 'BEGIN { if (s > 0) printf "%.0f", n / s; else print "n/a" }'; }
fmt_int() { awk -v n="$1" 'BEGIN { if (n !~ /^[0-9]+$/) { print n; exit }
  s = ""; while (length(n) > 3) { s = "," substr(n, length(n) - 2) s; n = substr(n, 1, length(n) - 3) }
  print n s }'; }

# timed LOG_PREFIX CMD...: runs CMD under /usr/bin/time -v; stdout -> PREFIX.out,
# stderr -> PREFIX.err, time report -> PREFIX.time. Returns CMD's status.
# While it runs, /proc/PID/status is sampled every 0.1 s (bash builtins only) for the peaks of
# RssAnon (heap, stacks) and RssFile (mapped files: the LMDB store is memory-mapped, so pages
# of the store read or written count in RSS although the kernel can drop them at any time);
# they go to PREFIX.rss as "ANON_KB FILE_KB". /usr/bin/time's maximum RSS is their combined peak.
timed() {
  local p=$1; shift
  local rc=0 tpid cpid="" anon=0 file=0 k v _ busy0
  busy0=$(cpu_busy_ticks)
  /usr/bin/time -v -o "$p.time" "$@" >"$p.out" 2>"$p.err" &
  tpid=$!
  while kill -0 "$tpid" 2>/dev/null; do
    if [ -z "$cpid" ] && [ -r "/proc/$tpid/task/$tpid/children" ]; then
      read -r cpid _ 2>/dev/null <"/proc/$tpid/task/$tpid/children" || true  # no newline: status 1
    fi
    if [ -n "$cpid" ]; then
      while read -r k v _; do
        case $k in
          RssAnon:) [ "$v" -gt "$anon" ] && anon=$v ;;
          RssFile:) [ "$v" -gt "$file" ] && file=$v ;;
        esac
      done 2>/dev/null <"/proc/$cpid/status" || true
    fi
    sleep 0.1
  done
  wait "$tpid" || rc=$?
  echo "$anon $file" >"$p.rss"
  echo $(( $(cpu_busy_ticks) - busy0 )) >"$p.busy"
  return $rc
}
cpu_busy_ticks() {  # all CPUs' non-idle time since boot, in clock ticks (/proc/stat)
  local _c u n s i w q sq st _r
  read -r _c u n s i w q sq st _r </proc/stat
  echo $((u + n + s + q + sq + st))
}
# other_cpu PREFIX: CPU seconds used by other processes while PREFIX ran (the machine's busy
# time minus the measured process's own), as a share of the wall time: "0.35" = a third of a CPU.
other_cpu() {
  awk -v busy="$(cat "$1.busy" 2>/dev/null || echo 0)" -v tck="$(getconf CLK_TCK)" \
      -v own="$(cpu_s "$1.time")" -v wall="$(wall_seconds "$1.time")" \
      'BEGIN { o = busy / tck - own; if (o < 0) o = 0; printf "%.2f", (wall > 0 ? o / wall : 0) }'
}
busy_mark() {  # busy_mark PREFIX LABEL: sets MARK to a dagger when others used > 0.25 CPU
  # (runs under a second are not judged: a few ticks of anything make a large share of them)
  local o; o=$(other_cpu "$1"); MARK=""
  if awk -v o="$o" -v w="$(wall_seconds "$1.time")" 'BEGIN { exit !(o > 0.25 && w >= 1) }'; then
    notes+=("† $2: other processes used $o CPUs on average during this run ($(nproc) CPUs in all): its time is probably inflated.")
    MARK=" †"
  fi
}
anon_mb() { awk '{ printf "%.1f", $1 / 1024 }' "$1.rss" 2>/dev/null || echo "?"; }
file_mb() { awk '{ printf "%.1f", $2 / 1024 }' "$1.rss" 2>/dev/null || echo "?"; }
show_err() {  # show a failed run's messages (first lines)
  say "  command failed: $(head -c 2000 "$1.err")"
}
warn_lines() {  # stderr of a --quiet run should be empty: anything there is a warning
  if [ -s "$1.err" ]; then
    say "  tmkit printed on stderr ($2): $(head -c 1000 "$1.err")"
    notes+=("tmkit printed on stderr during $2: \`$(head -n 3 "$1.err" | tr '\n' ' ' | cut -c1-300)\`")
  fi
}

rows=()    # Markdown table rows
notes=()   # remarks for the report
checks=()  # check results
declare -A R  # results by key, for ratios and targets
declare -A L  # key -> file label

add_row() {  # file units tool op seconds cpu rate rss anon store tmx
  rows+=("| $1 | $(fmt_int "$2") | $3 | $4 | $5 | $6 | $(fmt_int "$7") | $8 | $9 | ${10} | ${11} |")
}

# ---- data --------------------------------------------------------------------------------------
ensure_synth() {  # ensure_synth N -> path
  local n=$1 f="$data/synthetic-$1.tmx"
  if [ ! -s "$f" ]; then
    say "generating $f ($n units, seed 7; about $((n / 1800)) s)"
    "$py" "$bench_dir/gen_tmx.py" --units "$n" --seed 7 --out "$f.part" || die "gen_tmx.py failed"
    mv "$f.part" "$f"
  fi
  echo "$f"
}
ensure_real() {
  local f="$data/system-messages.tmx"
  if [ ! -s "$f" ]; then
    say "generating $f from this machine's message catalogs"
    "$py" "$bench_dir/mo2tmx.py" --out "$f.part" 2>"$run/mo2tmx.err" || { cat "$run/mo2tmx.err" >&2; die "mo2tmx.py failed"; }
    mv "$f.part" "$f"
  fi
  echo "$f"
}

# ---- measurements ------------------------------------------------------------------------------
# tmkit_import LABEL KEY TMX STORE: import into a fresh store, add a row; sets R[KEY.*]
tmkit_import() {
  local label=$1 key=$2 tmx=$3 store=$4 p="$run/$2.import"
  L[$key]=$label
  rm -rf "$store"
  wait_for_tmkit
  say "$label: tmkit import ($(mb "$(fsize "$tmx")") MB)"
  if ! timed "$p" "$tmkit" --db "$store" import "$tmx" --quiet --format json; then
    show_err "$p"
    rows+=("| $label | - | tmkit | import | FAILED (see notes) | - | - | $(peak_mb "$p.time") | $(anon_mb "$p") | - | $(mb "$(fsize "$tmx")") |")
    notes+=("**$label: tmkit import failed**: \`$(head -n 3 "$p.err" | tr '\n' ' ' | cut -c1-400)\`")
    failed=1
    return 1
  fi
  warn_lines "$p" "import of $label"
  local nread secs wall rss
  nread=$(json_get "$p.out" units_read) || { say "no units_read in: $(cat "$p.out")"; failed=1; return 1; }
  secs=$(json_get "$p.out" seconds)
  wall=$(wall_seconds "$p.time"); rss=$(peak_mb "$p.time")
  "$tmkit" --db "$store" stats --format json >"$p.stats" 2>"$p.stats.err" || { failed=1; say "stats failed: $(cat "$p.stats.err")"; return 1; }
  local sunits sbytes du
  sunits=$(json_get "$p.stats" units); sbytes=$(json_get "$p.stats" bytes)
  du=$(du -sb "$store" | cut -f1)
  R[$key.read]=$nread; R[$key.added]=$(json_get "$p.out" added || echo "?")
  R[$key.secs]=$secs; R[$key.wall]=$wall; R[$key.rate]=$(rate "$nread" "$secs")
  R[$key.wallrate]=$(rate "$nread" "$wall"); R[$key.rss]=$rss
  R[$key.sunits]=$sunits; R[$key.sbytes]=$sbytes; R[$key.du]=$du
  R[$key.anon]=$(anon_mb "$p")
  busy_mark "$p" "$label import"; say "  other processes: $(other_cpu "$p") CPUs"
  add_row "$label" "$nread" tmkit import "$wall$MARK" "$(cpu_s "$p.time")" "${R[$key.rate]}" "$rss" "${R[$key.anon]}" "$(mb "$du")" "$(mb "$(fsize "$tmx")")"
  say "  $nread units read, ${R[$key.added]} added, $sunits stored; ${wall}s wall, ${R[$key.rate]} units/s, peak RSS ${rss} MB (anon ${R[$key.anon]} MB), store $(mb "$du") MB"
}

# tmkit_export LABEL KEY STORE OUT
tmkit_export() {
  local label=$1 key=$2 store=$3 out=$4 p="$run/$2.export"
  wait_for_tmkit
  say "$label: tmkit export"
  if ! timed "$p" "$tmkit" --db "$store" export "$out" --quiet --format json; then
    show_err "$p"
    rows+=("| $label | - | tmkit | export | FAILED | - | - | $(peak_mb "$p.time") | $(anon_mb "$p") | - | - |")
    notes+=("**$label: tmkit export failed**: \`$(head -n 3 "$p.err" | tr '\n' ' ' | cut -c1-400)\`")
    failed=1
    return 1
  fi
  warn_lines "$p" "export of $label"
  local n secs wall rss
  n=$(json_get "$p.out" units_written) || { say "no units_written in: $(cat "$p.out")"; failed=1; return 1; }
  secs=$(json_get "$p.out" seconds); wall=$(wall_seconds "$p.time"); rss=$(peak_mb "$p.time")
  R[$key.xunits]=$n; R[$key.xsecs]=$secs; R[$key.xwall]=$wall; R[$key.xrate]=$(rate "$n" "$secs")
  R[$key.xwallrate]=$(rate "$n" "$wall"); R[$key.xrss]=$rss; R[$key.xsize]=$(fsize "$out")
  R[$key.xskipped]=$(json_get "$p.out" units_skipped || echo 0)
  R[$key.xanon]=$(anon_mb "$p")
  busy_mark "$p" "$label export"
  add_row "$label" "$n" tmkit export "$wall$MARK" "$(cpu_s "$p.time")" "${R[$key.xrate]}" "$rss" "${R[$key.xanon]}" - "$(mb "${R[$key.xsize]}")"
  say "  $n units written; ${wall}s wall, ${R[$key.xrate]} units/s, peak RSS ${rss} MB (anon ${R[$key.xanon]} MB), $(mb "${R[$key.xsize]}") MB of TMX"
}

# validate LABEL FILE: TMX 1.4 DTD validation with xmllint. Small files: whole-document
# --dtdvalid. Large files: xmllint --stream ignores --dtdvalid (it validates nothing), so the
# export is streamed through with a DOCTYPE naming the DTD and checked with --stream --valid.
validate() {
  local label=$1 f=$2 p="$run/validate.$RANDOM" rc=0 how
  if [ "$(fsize "$f")" -le $((200 * 1048576)) ]; then
    how="xmllint --noout --dtdvalid tmx14.dtd"
    xmllint --noout --dtdvalid "$dtd" "$f" >"$p.out" 2>"$p.err" || rc=$?
  else
    how="xmllint --stream --valid with a DOCTYPE for tmx14.dtd inserted"
    if head -c 5 "$f" | grep -q '^<?xml'; then
      sed "1a <!DOCTYPE tmx SYSTEM \"$dtd\">" "$f"
    else
      { echo "<!DOCTYPE tmx SYSTEM \"$dtd\">"; cat "$f"; }
    fi | xmllint --noout --stream --valid - >"$p.out" 2>"$p.err" || rc=$?
  fi
  if [ $rc -eq 0 ] && ! grep -q 'validity error\|parser error' "$p.err"; then
    checks+=("$label: export is valid TMX 1.4 ($how): **pass**")
    say "  export valid ($how)"
  else
    checks+=("$label: export is valid TMX 1.4 ($how): **FAIL** (xmllint status $rc: \`$(grep -m2 'error' "$p.err" | tr '\n' ' ' | cut -c1-300)\`)")
    say "  export NOT valid: $(head -c 1500 "$p.err")"
    failed=1
  fi
}

# ttk_parse LABEL KEY TMX
ttk_parse() {
  local label=$1 key=$2 tmx=$3 p="$run/$2.ttk"
  say "$label: Translate Toolkit parse ($(mb "$(fsize "$tmx")") MB)"
  if ! timed "$p" "$py" "$repo/tools/bench_ttk_parse.py" "$tmx"; then
    show_err "$p"
    rows+=("| $label | - | TTK $ttk_version | parse | FAILED | - | - | $(peak_mb "$p.time") | $(anon_mb "$p") | - | $(mb "$(fsize "$tmx")") |")
    notes+=("**$label: Translate Toolkit parse failed**: \`$(tail -n 2 "$p.err" | tr '\n' ' ' | cut -c1-300)\`")
    failed=1
    return 1
  fi
  local n secs wall rss
  n=$(json_get "$p.out" units); secs=$(json_get "$p.out" seconds)
  wall=$(wall_seconds "$p.time"); rss=$(peak_mb "$p.time")
  R[$key.tunits]=$n; R[$key.trate]=$(rate "$n" "$secs"); R[$key.twallrate]=$(rate "$n" "$wall"); R[$key.trss]=$rss
  R[$key.tanon]=$(anon_mb "$p")
  busy_mark "$p" "$label TTK parse"
  add_row "$label" "$n" "TTK $ttk_version" parse "$wall$MARK" "$(cpu_s "$p.time")" "${R[$key.trate]}" "$rss" "${R[$key.tanon]}" - "$(mb "$(fsize "$tmx")")"
  say "  $n units; ${wall}s wall, ${R[$key.trate]} units/s, peak RSS ${rss} MB (anon ${R[$key.tanon]} MB)"
}

# bench_file LABEL KEY TMX: import, store size, export, validation, re-import check
bench_file() {
  local label=$1 key=$2 tmx=$3
  tmkit_import "$label" "$key" "$tmx" "$run/$key.store" || return 0
  tmkit_export "$label" "$key" "$run/$key.store" "$run/$key.export.tmx" || return 0
  validate "$label" "$run/$key.export.tmx"
  rm -rf "$run/$key.store"  # free the disk before the second store
  tmkit_import "$label (re-import of export)" "$key.re" "$run/$key.export.tmx" "$run/$key.re.store" || return 0
  local a=${R[$key.sunits]} x=${R[$key.xunits]} b=${R[$key.re.sunits]} rr=${R[$key.re.read]}
  if [ "$a" = "$x" ] && [ "$x" = "$b" ] && [ "$rr" = "$x" ]; then
    checks+=("$label: round trip: store $a units = exported $x = re-read $rr = re-imported store $b: **pass**")
  else
    checks+=("$label: round trip: store $a units, exported $x, re-read $rr, re-imported store $b: **FAIL**")
    say "  round-trip unit counts differ: store $a, exported $x, re-read $rr, re-imported store $b"
    failed=1
  fi
  [ "$keep" = 1 ] || rm -rf "$run/$key.re.store" "$run/$key.export.tmx"
}

# ---- run ---------------------------------------------------------------------------------------
ttk_version=$("$py" -c 'from translate.__version__ import sver; print(sver)' 2>/dev/null || echo "?")
lxml_version=$("$py" -c 'import lxml.etree as e; print(e.__version__)' 2>/dev/null || echo "?")
started=$(date -u +%Y-%m-%dT%H:%M:%SZ)
load_start=$(cut -d' ' -f1-3 /proc/loadavg)
t0=$SECONDS

synth=$(ensure_synth "$units")
real=$(ensure_real)
synth_label="synthetic-$units"
real_label="system-messages"

bench_file "$synth_label" synth "$synth"
if [ "$ttk_full" = 1 ] || [ "$units" -le "$ttk_sub_units" ]; then
  ttk_parse "$synth_label" synth "$synth" || true
  ratio_key=synth
else
  sub=$(ensure_synth "$ttk_sub_units")
  sub_label="synthetic-$ttk_sub_units"
  notes+=("Translate Toolkit was timed on $sub_label (same generator and seed: its units are the first $ttk_sub_units of $synth_label) instead of $synth_label, because it builds the whole DOM (several GB and minutes at 1M units); rerun with --ttk-full to time it on the full file. tmkit also imported $sub_label so that the ratios compare the same input.")
  tmkit_import "$sub_label" sub "$sub" "$run/sub.store" || true
  rm -rf "$run/sub.store"
  ttk_parse "$sub_label" sub "$sub" || true
  ratio_key=sub
fi
bench_file "$real_label" real "$real"
ttk_parse "$real_label" real "$real" || true

# ---- report ------------------------------------------------------------------------------------
check_tmkit_same
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (a ~ /^[0-9.]+$/ && b ~ /^[0-9.]+$/ && b > 0) printf "%.2f", a / b; else print "n/a" }'; }
verdict() { [ "$1" = 1 ] && echo "**met**" || echo "**not met**"; }
ge() { awk -v a="$1" -v b="$2" 'BEGIN { exit !(a ~ /^[0-9.]+$/ && a + 0 >= b + 0) }'; }

cpu=$(awk -F': ' '/^model name/ { print $2; exit }' /proc/cpuinfo)
mem=$(awk '/^MemTotal/ { printf "%.1f GB", $2 / 1048576 }' /proc/meminfo)
rev=$(git -C "$repo" rev-parse --short HEAD 2>/dev/null || echo "?")
git -C "$repo" diff --quiet HEAD -- src CMakeLists.txt 2>/dev/null || rev="$rev (with uncommitted changes in src/)"
fs=$(df -T "$data" | awk 'NR == 2 { print $2 }')
report="$data/results-$units-$(date +%Y%m%d-%H%M%S).md"

{
  echo "Command: \`$cmdline\`"
  echo
  echo "Machine: $(nproc) CPUs ($cpu), $mem RAM, Linux $(uname -r), data on $fs; tmkit $("$tmkit" --version 2>/dev/null | awk '{ print $2 }') at commit $rev ($tmkit, built $tmkit_built); Translate Toolkit $ttk_version with lxml $lxml_version, $("$py" --version 2>&1); run started $started, took $((SECONDS - t0)) s; load average $load_start at the start, $(cut -d' ' -f1-3 /proc/loadavg) at the end."
  echo
  echo "| file | units | tool | operation | seconds | CPU s | units/s | peak RSS MB | peak anon MB | store MB | TMX MB |"
  echo "|---|--:|---|---|--:|--:|--:|--:|--:|--:|--:|"
  printf '%s\n' "${rows[@]}"
  echo
  echo "seconds: wall clock of the whole process (/usr/bin/time -v), marked † when other processes used more than a quarter of a CPU meanwhile (from /proc/stat; runs under 1 s are not judged); CPU s: its user + system CPU time. units/s: units ÷ the time the tool reports for the operation itself (tmkit's JSON \`seconds\`; TTK: the in-process time of \`tmx.tmxfile(f)\` plus listing the units). units: for an import, the units read from the file; for an export, the units written. peak RSS: \"Maximum resident set size\" (/usr/bin/time -v). peak anon MB: the largest RssAnon (heap and stacks, not mapped files) seen sampling /proc/PID/status every 0.1 s; the rest of tmkit's RSS is pages of its memory-mapped LMDB store, which the kernel can reclaim at will. store MB: \`du -sb\` of the store directory. TMX MB: the input file (import, parse) or the written file (export). Files are read warm from the page cache."
  echo
  echo "Store sizes:"
  echo
  for k in synth real; do
    [ -n "${R[$k.du]:-}" ] || continue
    echo "- ${L[$k]}: ${R[$k.sunits]} units stored (from ${R[$k.read]} read, ${R[$k.added]} added); \`du -sb\` $(fmt_int "${R[$k.du]}") bytes, \`stats\` bytes $(fmt_int "${R[$k.sbytes]}"); $(awk -v d="${R[$k.du]}" -v u="${R[$k.sunits]}" 'BEGIN { if (u > 0) printf "%.0f", d / u; else print "n/a" }') bytes a unit; $(ratio "${R[$k.du]}" "$(fsize "$([ $k = synth ] && echo "$synth" || echo "$real")")")× the TMX file."
  done
  echo
  echo "Ratios tmkit/TTK (same input; tmkit's import parses, checks, normalizes, indexes and commits every unit to the store, TTK's parse only builds the DOM and unit objects in memory):"
  echo
  for k in "$ratio_key" real; do
    echo "- ${L[$k]:-$k}: units/s $(ratio "${R[$k.rate]:-}" "${R[$k.trate]:-}")× (${R[$k.rate]:-n/a} vs ${R[$k.trate]:-n/a}; wall-clock based $(ratio "${R[$k.wallrate]:-}" "${R[$k.twallrate]:-}")×); peak RSS $(ratio "${R[$k.rss]:-}" "${R[$k.trss]:-}")× (${R[$k.rss]:-n/a} MB vs ${R[$k.trss]:-n/a} MB; anonymous only $(ratio "${R[$k.anon]:-}" "${R[$k.tanon]:-}")×)"
  done
  echo
  echo "Targets (synthetic-$units unless stated):"
  echo
  ok=0; ge "${R[synth.rate]:-}" 100000 && ok=1
  echo "- import with all indexes ≥ 100,000 units/s: ${R[synth.rate]:-n/a} units/s ($( [ -n "${R[synth.wallrate]:-}" ] && echo "${R[synth.wallrate]} by wall clock")) → $(verdict $ok)"
  maxrss=0; maxwhat=""; maxanon=0; anonwhat=""
  for k in synth synth.re sub real real.re; do
    for f in rss xrss; do
      v=${R[$k.$f]:-}; [ -n "$v" ] || continue
      op=$([ $f = rss ] && echo import || echo export)
      if ge "$v" "$maxrss"; then maxrss=$v; maxwhat="${L[$k]:-$k} $op"; fi
      a=${R[$k.${f/rss/anon}]:-}
      if ge "$a" "$maxanon"; then maxanon=$a; anonwhat="${L[$k]:-$k} $op"; fi
    done
  done
  ok=0; ge 256 "$maxrss" && [ -n "$maxwhat" ] && ok=1
  echo "- peak RSS ≤ 256 MB for any size: largest tmkit peak RSS ${maxrss} MB (${maxwhat}) → $(verdict $ok); largest peak of anonymous memory alone (RssAnon, sampled) ${maxanon} MB (${anonwhat}) → $(ge 256 "$maxanon" && [ -n "$anonwhat" ] && echo "would be met if the memory-mapped store pages were not counted" || echo "not met even without the memory-mapped store pages")"
  ok=0; ge "${R[synth.xrate]:-}" 200000 && ok=1
  echo "- export ≥ 200,000 units/s: ${R[synth.xrate]:-n/a} units/s ($( [ -n "${R[synth.xwallrate]:-}" ] && echo "${R[synth.xwallrate]} by wall clock")) → $(verdict $ok)"
  echo
  echo "Checks:"
  echo
  if [ ${#checks[@]} -gt 0 ]; then printf -- '- %s\n' "${checks[@]}"; else echo "- (none ran)"; fi
  [ "$tmkit_changed" = 0 ] || notes+=("**tmkit was rebuilt while this ran: the figures mix two builds; rerun before using them.**")
  if [ ${#notes[@]} -gt 0 ]; then
    echo
    echo "Notes:"
    echo
    printf -- '- %s\n' "${notes[@]}"
  fi
} | tee "$report"
say "report saved as $report"
[ "$tmkit_changed" = 0 ] || { say "tmkit was rebuilt during the run: figures mix two builds"; failed=1; }
[ "$failed" = 0 ] || say "some runs or checks FAILED (see the report)"
exit "$failed"
