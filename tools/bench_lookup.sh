#!/usr/bin/env bash
# Lookup benchmark for tmkit (issue 3), with Translate Toolkit's tmserver as the peer.
#
#   tools/bench_lookup.sh [--units N] [--queries N] [--repeat R] [--ttk-queries N]
#                         [--ttk-timeout S] [--no-ttk] [--no-cold] [--perf] [--reuse-stores]
#                         [--data DIR] [--tmkit PATH]
#
#   --units N        synthetic memory size (default 100000, a quick run; the targets are for
#                    --units 1000000: about 10 minutes of generation the first time, 570 MB of
#                    TMX and about 1.5 GB of store)
#   --queries N      synthetic queries (default 2000; about 90% have a planted match)
#   --repeat R       warm batch runs per memory and direction (default 3; each after one run of the
#                    first 200 queries); figures are the median with the range of the R runs
#   --ttk-queries N  planted queries sent to tmserver (default 20); --ttk-timeout S seconds each
#                    (default 60; a query that times out counts as not found); --no-ttk skips it
#   --no-cold        skip the cold run (page cache dropped first; needs root)
#   --perf           also profile the first 100 synthetic en->zh queries (perf record --call-graph
#                    dwarf) and list the functions with the most time, callees included
#   --reuse-stores   use the stores of an earlier run when they exist (DIR/lookup/store-*; to rerun
#                    the timing part when the machine is quieter); by default they are imported afresh
#   --data DIR       where data, stores and results go (default <repo>/bench-data, git-ignored;
#                    this script uses DIR/lookup/); test files are generated only when missing
#   --tmkit PATH     the binary to measure (default <repo>/build/tmkit)
#
# Memories: ../shared/bench/gen_tmx.py --units N --seed 7 --queries (en/zh-CN/ko-KR; a query
# line is TEXT<TAB>TUID, TUID empty when nothing was planted) and the real system-messages memory
# of ../shared/bench/mo2tmx.py --queries --seed 7 (TEXT<TAB>unit number). Directions: en->zh and
# en->ko with the generator's English queries, zh->ko with queries made from the zh-CN segment of
# each planted unit with one Han character replaced (tools/bench_lookup.py zh-queries); en->zh
# and en->ko on the real memory, with the queries whose unit has that target language.
#
# For each memory: tmkit import into a fresh store; index size (LMDB pages of the fuzzy index
# databases `grams` and `tokseq` and of the exact index `exact`, from mdb_stat) and store size
# against the TMX size. For each direction, R warm runs of
#   tmkit --db STORE lookup --batch QUERIES --threads 1 --from F --to T --format json --timings FILE
# and one run with --threads 0 (every core) (throughput: queries / wall time of the process; latency percentiles from the per-query
# microseconds of --timings, which time the library call alone), recall of the planted units
# (found: first, or tied with the first on score), and one cold run (echo 3 >
# /proc/sys/vm/drop_caches first). Peer: Translate Toolkit (Debian translate-toolkit, installed
# when missing with python3-cheroot, run with /usr/bin/python3): build_tmdb -d tm.db -s en -t zh_CN on the real memory,
# then tmserver -d tm.db and GET /tmserver/en/zh_CN/unit/TEXT for the first --ttk-queries planted
# queries, one at a time; tmkit's figures on the same queries are reported beside it.
# Prints a Markdown report on standard output and saves it as DIR/lookup/results-<units>-<time>.md;
# progress goes to stderr. Exit status: 0 ok, 1 a run failed, 2 usage or setup error.
set -euo pipefail

repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cmdline="tools/bench_lookup.sh"
for a in "$@"; do cmdline+=" $(printf '%q' "$a")"; done

units=100000
nqueries=2000
repeat=3
ttk=1
ttk_queries=20
ttk_timeout=60
cold=1
perf=0
reuse=0
explain_max=20  # missed queries looked up again by a full scan (about a minute each for zh at 1M units)
data="$repo/bench-data"
tmkit="$repo/build/tmkit"
bench_dir="$repo/../shared/bench"

die() { echo "bench_lookup: $*" >&2; exit 2; }
say() { echo "bench_lookup: $*" >&2; }
need_int() { [[ "$2" =~ ^[1-9][0-9]*$ ]] || die "$1 must be a positive integer, not '$2'"; }

while [ $# -gt 0 ]; do
  case "$1" in
    --units) [ $# -ge 2 ] || die "--units needs a number"; units=$2; shift 2 ;;
    --queries) [ $# -ge 2 ] || die "--queries needs a number"; nqueries=$2; shift 2 ;;
    --repeat) [ $# -ge 2 ] || die "--repeat needs a number"; repeat=$2; shift 2 ;;
    --ttk-queries) [ $# -ge 2 ] || die "--ttk-queries needs a number"; ttk_queries=$2; shift 2 ;;
    --ttk-timeout) [ $# -ge 2 ] || die "--ttk-timeout needs seconds"; ttk_timeout=$2; shift 2 ;;
    --no-ttk) ttk=0; shift ;;
    --no-cold) cold=0; shift ;;
    --perf) perf=1; shift ;;
    --reuse-stores) reuse=1; shift ;;
    --data) [ $# -ge 2 ] || die "--data needs a directory"; data=$2; shift 2 ;;
    --tmkit) [ $# -ge 2 ] || die "--tmkit needs a path"; tmkit=$2; shift 2 ;;
    -h|--help) sed -n '2,/^set -euo/p' "$0" | sed '$d; s/^# \{0,1\}//'; exit 0 ;;
    *) die "unknown option '$1' (try --help)" ;;
  esac
done
need_int --units "$units"; need_int --queries "$nqueries"; need_int --repeat "$repeat"
need_int --ttk-queries "$ttk_queries"; need_int --ttk-timeout "$ttk_timeout"

# ---- tools -------------------------------------------------------------------------------------
py=/usr/bin/python3  # Translate Toolkit is installed for the Debian interpreter
[ -x "$py" ] || die "/usr/bin/python3 not found"
[ -x /usr/bin/time ] || die "/usr/bin/time not found (apt-get install time; tools/setup.sh installs it)"
[ -r "$bench_dir/gen_tmx.py" ] && [ -r "$bench_dir/mo2tmx.py" ] || die "generators not found in $bench_dir"
[ -x "$tmkit" ] || die "no executable $tmkit (build it: bash tools/build.sh, or give --tmkit)"
tmkit=$(cd "$(dirname "$tmkit")" && pwd)/$(basename "$tmkit")
"$tmkit" lookup --help 2>/dev/null | grep -q -- --timings || die "$tmkit has no 'lookup --timings' (rebuild it)"
helper="$repo/tools/bench_lookup.py"

apt_install() {  # apt_install PACKAGE: install a Debian package that is missing
  say "installing Debian package $1"
  local sudo=""; [ "$(id -u)" -eq 0 ] || sudo=sudo
  $sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y -q "$1" >&2 ||
    { $sudo apt-get update -q >&2 && $sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y -q "$1" >&2; } ||
    die "could not install $1"
}
command -v mdb_stat >/dev/null || apt_install lmdb-utils
if [ "$ttk" = 1 ] && ! { [ -x /usr/bin/build_tmdb ] && [ -x /usr/bin/tmserver ]; }; then
  apt_install translate-toolkit
fi
# tmserver's HTTP server (cheroot) is only a suggestion of the translate-toolkit package
if [ "$ttk" = 1 ] && ! "$py" -c 'import cheroot' 2>/dev/null; then apt_install python3-cheroot; fi
if [ "$perf" = 1 ]; then command -v perf >/dev/null || die "--perf: perf not found (apt-get install linux-perf)"; fi
if [ "$cold" = 1 ] && ! [ -w /proc/sys/vm/drop_caches ]; then
  say "cannot write /proc/sys/vm/drop_caches (not root?): no cold run"; cold=0
fi

mkdir -p "$data/lookup"
data=$(cd "$data" && pwd)/lookup
run="$data/run.$$"
rm -rf "$run"; mkdir -p "$run"
cleanup() { rm -rf "$run"; }
trap cleanup EXIT
failed=0

# ---- helpers -----------------------------------------------------------------------------------
fsize() { stat -c %s "$1"; }
mb() { awk -v b="$1" 'BEGIN { printf "%.1f", b / 1048576 }'; }
fmt_int() { printf "%'d" "$1" 2>/dev/null || echo "$1"; }
load1() { cut -d' ' -f1 /proc/loadavg; }
jget() { "$py" -c 'import json, sys; v = json.loads(sys.argv[1]).get(sys.argv[2]); print("" if v is None else v)' "$1" "$2"; }
now() { date +%s.%N; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (b > 0) printf "%.2f", a / b; else print "n/a" }'; }
# summary "v1 v2 ...": median (min-max) of the values, or the value alone when R = 1
summary() {
  printf '%s\n' $1 | sort -g | awk -v d="${2:-2}" '{ v[NR] = $1 } END {
    if (NR == 0) { print "-"; exit }
    m = (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2
    f = "%." d "f"
    if (NR == 1 || v[1] == v[NR]) printf f "\n", m
    else printf f " (" f "–" f ")\n", m, v[1], v[NR] }'
}
median() { printf '%s\n' $1 | sort -g | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }

# ---- data --------------------------------------------------------------------------------------
synth="$data/synthetic-$units.tmx"
synth_q="$data/synthetic-$units.queries-$nqueries.tsv"
real="$data/system-messages.tmx"
real_q="$data/system-messages.queries.tsv"
if [ ! -s "$synth" ] || [ ! -s "$synth_q" ]; then
  say "generating $synth and $nqueries queries (seed 7; about $((units / 1500)) s)"
  "$py" "$bench_dir/gen_tmx.py" --units "$units" --seed 7 --out "$synth.part" \
    --queries "$synth_q.part" --query-count "$nqueries" || die "gen_tmx.py failed"
  mv "$synth_q.part" "$synth_q"; mv "$synth.part" "$synth"
fi
if [ ! -s "$synth_q.zh.tsv" ]; then
  say "making zh->ko queries from the planted units' zh-CN segments"
  "$py" "$helper" zh-queries "$synth" "$synth_q" "$synth_q.zh.tsv.part" || die "zh-queries failed"
  mv "$synth_q.zh.tsv.part" "$synth_q.zh.tsv"
fi
if [ ! -s "$real" ] || [ ! -s "$real_q" ]; then
  say "generating $real from this machine's message catalogs, with 500 queries"
  "$py" "$bench_dir/mo2tmx.py" --out "$real.part" --queries "$real_q.part" --query-count 500 --seed 7 ||
    die "mo2tmx.py failed"
  mv "$real_q.part" "$real_q"; mv "$real.part" "$real"
fi
for lang in zh-CN ko-KR; do
  [ -s "$real_q.$lang.tsv" ] && [ "$real_q.$lang.tsv" -nt "$real" ] && continue
  "$py" "$helper" with-lang "$real_q" "$real" "$lang" "$real_q.$lang.tsv" || die "with-lang failed"
done

# ---- measurements ------------------------------------------------------------------------------
declare -A R      # results by key
rows=()           # lookup table rows
irows=()          # index table rows
notes=()

# import KEY TMX: a fresh store R[KEY.dir] (kept for --reuse-stores), its index sizes
import() {
  local key=$1 tmx=$2 store="${R[$1.dir]}" p="$run/$1.import"
  if [ "$reuse" = 1 ] && [ -s "$store.imported.json" ] && [ "$store.imported.json" -nt "$tmx" ]; then
    say "$key: reusing $store"
    cp "$store.imported.json" "$p.out"; cp "$store.imported.time" "$p.time"
    R[$key.reused]=1
  else
    rm -rf "$store" "$store.imported.json" "$store.imported.time"
    say "$key: tmkit import ($(mb "$(fsize "$tmx")") MB of TMX; load $(load1))"
    if ! /usr/bin/time -f "%e %U %S %M" -o "$p.time" "$tmkit" --db "$store" import "$tmx" --quiet --format json >"$p.out" 2>"$p.err"; then
      say "$key: import failed: $(head -c 600 "$p.err")"; failed=1; return 1
    fi
    cp "$p.out" "$store.imported.json"; cp "$p.time" "$store.imported.time"
  fi
  local line; line=$(grep '^{' "$p.out" | tail -n 1)
  R[$key.read]=$(jget "$line" units_read); R[$key.isecs]=$(jget "$line" seconds)
  read -r R[$key.iwall] R[$key.iuser] R[$key.isys] _ <"$p.time"
  R[$key.stored]=$(jget "$("$tmkit" --db "$store" stats --format json 2>/dev/null | tr -d '\n')" units)
  local ps total=0 dbs="" db pages
  ps=$(mdb_stat -e "$store" | awk -F': *' '/Page size/ { print $2; exit }')
  for db in grams tokseq exact; do
    pages=$(mdb_stat -s "$db" "$store" | awk -F': *' '/Branch pages|Leaf pages|Overflow pages/ { s += $2 } END { print s + 0 }')
    R[$key.$db]=$((pages * ps)); total=$((total + pages * ps))
    dbs+="$db $(mb $((pages * ps))) MB, "
  done
  R[$key.index]=$total; R[$key.store]=$(du -sb "$store" | cut -f1); R[$key.tmx]=$(fsize "$tmx")
  R[$key.dbs]=${dbs%, }
  say "  ${R[$key.read]} units read, ${R[$key.stored]} stored; index $(mb "$total") MB (${R[$key.dbs]}), store $(mb "${R[$key.store]}") MB"
}

# batch KEY DIR QUERIES FROM TO RUN [THREADS]: one tmkit batch run (THREADS: --threads, default
# 1, so that latencies are those of one lookup at a time); sets R[KEY.DIR.RUN.*]
batch() {
  local key=$1 dir=$2 q=$3 from=$4 to=$5 n=$6 threads=${7:-1} p="$run/$1.$2.$6" t0 t1 ld
  "$py" "$helper" text "$q" "$p.txt"
  ld=$(load1); t0=$(now)
  if ! /usr/bin/time -f "%e %U %S %M" -o "$p.time" "$tmkit" --db "${R[$key.dir]}" lookup --batch "$p.txt" \
      --threads "$threads" --from "$from" --to "$to" --format json --timings "$p.timings" >"$p.jsonl" 2>"$p.err"; then
    say "$key $dir: lookup failed: $(head -c 600 "$p.err")"; failed=1; return 1
  fi
  t1=$(now)
  local nq st wall user sys rss
  nq=$(wc -l <"$p.txt"); read -r _ user sys rss <"$p.time"
  wall=$(awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.3f", b - a }')
  st=$("$py" "$helper" stats "$p.timings")
  local k="$key.$dir.$n"
  R[$k.qps]=$(awk -v n="$nq" -v w="$wall" 'BEGIN { printf "%.0f", n / w }')
  R[$k.cpu]=$(awk -v u="$user" -v s="$sys" -v w="$wall" 'BEGIN { printf "%.2f", (u + s) / w }')
  R[$k.p50]=$(jget "$st" p50); R[$k.p95]=$(jget "$st" p95); R[$k.p99]=$(jget "$st" p99)
  R[$k.max]=$(jget "$st" max); R[$k.mean]=$(jget "$st" mean); R[$k.load]=$ld; R[$k.rss]=$((rss / 1024))
  R[$k.n]=$nq
  say "  $key $dir run $n: $nq queries in ${wall}s (${R[$k.qps]}/s, CPU/wall ${R[$k.cpu]}), p50 ${R[$k.p50]} p95 ${R[$k.p95]} p99 ${R[$k.p99]} max ${R[$k.max]} ms; load $ld"
}

# direction KEY DIR QUERIES FROM TO [RECALL_ARGS...]: R warm runs, recall, table row
direction() {
  local key=$1 dir=$2 q=$3 from=$4 to=$5; shift 5
  local i rc
  say "$key $dir: $repeat warm runs"
  head -n 200 "$q" >"$run/$key.$dir.warmup.tsv"  # fills the page cache; not reported
  batch "$key" "$dir" "$run/$key.$dir.warmup.tsv" "$from" "$to" warmup || return 0
  for i in $(seq 1 "$repeat"); do batch "$key" "$dir" "$q" "$from" "$to" "$i" || return 0; done
  rc=$("$py" "$helper" recall "$q" "$run/$key.$dir.1.jsonl" --missed-out "$run/$key.$dir.missed.tsv" "$@")
  R[$key.$dir.recall]=$rc
  local f; f=$(jget "$rc" found); local pl; pl=$(jget "$rc" planted)
  say "  recall: $f of $pl planted found (first or tied), $(jget "$rc" found_strict) strictly first"
  local why="" ex
  if [ "$f" != "$pl" ]; then
    # Each missed query again, scoring every unit (--min-score 0 bypasses the fuzzy index)
    head -n "$explain_max" "$run/$key.$dir.missed.tsv" >"$run/$key.$dir.missed1.tsv"
    "$py" "$helper" text "$run/$key.$dir.missed1.tsv" "$run/$key.$dir.missed.txt"
    if "$tmkit" --db "${R[$key.dir]}" lookup --batch "$run/$key.$dir.missed.txt" --from "$from" --to "$to" \
        --min-score 0 --limit 20 --format json >"$run/$key.$dir.scan.jsonl" 2>"$run/$key.$dir.scan.err"; then
      ex=$("$py" "$helper" explain "$run/$key.$dir.missed1.tsv" "$run/$key.$dir.scan.jsonl" "$@")
      R[$key.$dir.explain]=$ex
      why="; of the $(wc -l <"$run/$key.$dir.missed1.tsv") missed (a full scan of every unit): $(jget "$ex" outranked) outranked by a unit scoring higher, $(jget "$ex" below_min) scoring under 70, $(jget "$ex" index_miss) lost by the index"
      say "  missed$why"
    fi
  fi
  local m all
  for m in p50 p95 p99 max qps cpu load; do
    all=""; for i in $(seq 1 "$repeat"); do all+=" ${R[$key.$dir.$i.$m]}"; done
    R[$key.$dir.$m]=$(median "$all")
    case $m in qps) R[$key.$dir.$m.s]=$(summary "$all" 0) ;; load|cpu) R[$key.$dir.$m.s]=$(summary "$all" 2) ;; *) R[$key.$dir.$m.s]=$(summary "$all" 3) ;; esac
  done
  local idx=""; [ -z "${R[$key.$dir.explain]:-}" ] || idx=", $(jget "${R[$key.$dir.explain]}" index_miss) lost by the index"
  rows+=("| ${R[$key.label]} | $dir | tmkit | warm ×$repeat, one thread | ${R[$key.$dir.1.n]} | $f / $pl ($(jget "$rc" found_strict) first$idx) | ${R[$key.$dir.p50.s]} | ${R[$key.$dir.p95.s]} | ${R[$key.$dir.p99.s]} | ${R[$key.$dir.max.s]} | ${R[$key.$dir.qps.s]} | ${R[$key.$dir.cpu.s]} | ${R[$key.$dir.load.s]} |")
  # Throughput on every core (--threads 0: one a core); latencies then include sharing them.
  batch "$key" "$dir" "$q" "$from" "$to" par 0 || return 0
  local k="$key.$dir.par"
  cmp -s "$run/$key.$dir.1.jsonl" "$run/$key.$dir.par.jsonl" || { say "  $key $dir: the threaded run answered differently"; failed=1; }
  rows+=("| ${R[$key.label]} | $dir | tmkit | warm, all cores (--threads 0) | ${R[$k.n]} | same answers | ${R[$k.p50]} | ${R[$k.p95]} | ${R[$k.p99]} | ${R[$k.max]} | ${R[$k.qps]} | ${R[$k.cpu]} | ${R[$k.load]} |")
}

# cold KEY DIR QUERIES FROM TO: page cache dropped, one run
cold_run() {
  local key=$1 dir=$2 q=$3 from=$4 to=$5
  say "$key $dir: cold run (dropping the page cache)"
  sync; echo 3 >/proc/sys/vm/drop_caches
  batch "$key" "$dir" "$q" "$from" "$to" cold || return 0
  local k="$key.$dir.cold" first
  first=$(head -n 1 "$run/$key.$dir.cold.timings" | awk '{ printf "%.1f", $1 / 1000 }')
  rows+=("| ${R[$key.label]} | $dir | tmkit | cold (first query ${first} ms) | ${R[$k.n]} | | ${R[$k.p50]} | ${R[$k.p95]} | ${R[$k.p99]} | ${R[$k.max]} | ${R[$k.qps]} | ${R[$k.cpu]} | ${R[$k.load]} |")
}

# ---- run ---------------------------------------------------------------------------------------
started=$(date -u +%Y-%m-%dT%H:%M:%SZ)
load_start=$(cut -d' ' -f1-3 /proc/loadavg)
t_start=$SECONDS

R[synth.label]="synthetic-$units"
R[real.label]="system-messages"
R[synth.dir]="$data/store-synthetic-$units"
R[real.dir]="$data/store-system-messages"
import synth "$synth" || true
import real "$real" || true

if [ -d "${R[synth.dir]}" ] && [ -z "${R[synth.failed]:-}" ]; then
  direction synth en-zh "$synth_q" en zh
  direction synth en-ko "$synth_q" en ko
  direction synth zh-ko "$synth_q.zh.tsv" zh ko
fi
if [ -d "${R[real.dir]}" ]; then
  direction real en-zh "$real_q.zh-CN.tsv" en zh --by-source "$real"
  direction real en-ko "$real_q.ko-KR.tsv" en ko --by-source "$real"
fi

# ---- Translate Toolkit ---------------------------------------------------------------------------
if [ "$ttk" = 1 ]; then
  ttk_version=$("$py" -c 'from translate.__version__ import sver; print(sver)' 2>/dev/null || echo "?")
  p="$run/ttk"
  say "Translate Toolkit $ttk_version: build_tmdb on $real (load $(load1))"
  rm -f "$run/tm.db"
  if /usr/bin/time -f "%e %U %S %M" -o "$p.build.time" "$py" /usr/bin/build_tmdb -d "$run/tm.db" -s en -t zh_CN "$real" \
      >"$p.build.out" 2>"$p.build.err"; then
    read -r R[ttk.bwall] _ _ _ <"$p.build.time"
    R[ttk.db]=$(fsize "$run/tm.db")
    say "  ${R[ttk.bwall]} s, tm.db $(mb "${R[ttk.db]}") MB; tmserver: $ttk_queries planted queries, timeout ${ttk_timeout}s each"
    ld=$(load1)
    if sum=$("$py" "$helper" tmserver "$real_q.zh-CN.tsv" "$run/tm.db" "$p" --count "$ttk_queries" \
        --timeout "$ttk_timeout" --src en --tgt zh_CN); then
      st=$("$py" "$helper" stats "$p.timings")
      rc=$("$py" "$helper" recall "$p.queries.tsv" "$p.jsonl" --by-source "$real")
      nq=$(jget "$sum" queries); to=$(jget "$sum" timeouts)
      rows+=("| system-messages | en-zh | TTK $ttk_version tmserver | first $nq planted, one at a time, timeout ${ttk_timeout} s | $nq ($to timed out) | $(jget "$rc" found) / $(jget "$rc" planted) ($(jget "$rc" found_strict) first) | $(jget "$st" p50) | $(jget "$st" p95) | $(jget "$st" p99) | $(jget "$st" max) | $(awk -v n="$(jget "$st" n)" -v s="$(jget "$st" sum_s)" 'BEGIN { if (s > 0) printf "%.2f", n / s; else print "-" }') | | $ld |")
      R[ttk.recall]=$rc
      # tmkit on the same queries (the first lines of its warm run 1)
      st=$("$py" "$helper" stats --first "$nq" "$run/real.en-zh.1.timings")
      rc=$("$py" "$helper" recall "$real_q.zh-CN.tsv" "$run/real.en-zh.1.jsonl" --by-source "$real" --first "$nq")
      rows+=("| system-messages | en-zh | tmkit | the same $nq queries (warm run 1) | $nq | $(jget "$rc" found) / $(jget "$rc" planted) ($(jget "$rc" found_strict) first) | $(jget "$st" p50) | $(jget "$st" p95) | $(jget "$st" p99) | $(jget "$st" max) | | | ${R[real.en-zh.1.load]:-} |")
      [ "$to" = 0 ] || notes+=("tmserver: $to of $nq queries took longer than the ${ttk_timeout} s timeout (counted as not found, left out of its percentiles; the server was restarted after each).")
      notes+=("tmserver's percentiles and lookups/s are from its $(jget "$st" n) answered queries, timed by the client (HTTP on loopback included; tmserver answers one request at a time); its defaults are min_similarity 75 and max_candidates 3 (tmkit's: 70 and 5). tmserver startup: $(jget "$sum" startup_s) s.")
    else
      say "tmserver run failed"; failed=1
    fi
    irows+=("| system-messages | TTK $ttk_version | build_tmdb (en->zh_CN only) | ${R[ttk.bwall]} | $(mb "${R[ttk.db]}") MB (tm.db, SQLite) | $(ratio "${R[ttk.db]}" "$(fsize "$real")") | | |")
  else
    say "build_tmdb failed: $(tail -n 3 "$p.build.err")"; failed=1
  fi
fi

if [ "$cold" = 1 ]; then
  [ -d "${R[synth.dir]}" ] && cold_run synth en-zh "$synth_q" en zh
  [ -d "${R[real.dir]}" ] && cold_run real en-zh "$real_q.zh-CN.tsv" en zh
fi

perf_top=""
if [ "$perf" = 1 ] && [ -d "${R[synth.dir]}" ]; then
  say "perf record of 100 synthetic en->zh queries"
  head -n 100 "$synth_q" >"$run/perf.tsv"; "$py" "$helper" text "$run/perf.tsv" "$run/perf.txt"
  perf record -q --call-graph dwarf,16384 -F 499 -o "$run/perf.data" -- "$tmkit" --db "${R[synth.dir]}" lookup --batch "$run/perf.txt" \
    --from en --to zh --format json >/dev/null 2>"$run/perf.err" || say "perf record failed: $(tail -n 2 "$run/perf.err")"
  perf_top=$(perf report -i "$run/perf.data" --children --stdio --percent-limit 2 -g none 2>/dev/null |
    grep -E '^ +[0-9.]+%' | grep -v '(inlined)' | head -n 30 | sed -E 's/ +/ /g')
fi

# ---- report ------------------------------------------------------------------------------------
for k in synth real; do
  [ -n "${R[$k.index]:-}" ] || continue
  irows+=("| ${R[$k.label]} | tmkit | import (all indexes) | ${R[$k.iwall]}$([ -n "${R[$k.reused]:-}" ] && echo " (earlier run)") | $(mb "${R[$k.index]}") MB (${R[$k.dbs]}) | $(ratio "${R[$k.index]}" "${R[$k.tmx]}") | $(mb "${R[$k.store]}") MB | $(ratio "${R[$k.store]}" "${R[$k.tmx]}") |")
done

verdict() { if [ "$1" = 1 ]; then echo "**met**"; else echo "**not met**"; fi; }
le() { awk -v a="$1" -v b="$2" 'BEGIN { exit !(a != "" && a + 0 <= b + 0) }'; }
cpu=$(awk -F': ' '/^model name/ { print $2; exit }' /proc/cpuinfo)
mem=$(awk '/^MemTotal/ { printf "%.1f GB", $2 / 1048576 }' /proc/meminfo)
rev=$(git -C "$repo" rev-parse --short HEAD 2>/dev/null || echo "?")
git -C "$repo" diff --quiet HEAD -- src CMakeLists.txt 2>/dev/null || rev="$rev (with uncommitted changes in src/)"
report="$data/results-$units-$(date +%Y%m%d-%H%M%S).md"

{
  echo "Command: \`$cmdline\`"
  echo
  echo "Machine: $(nproc) CPUs ($cpu), $mem RAM, Linux $(uname -r); tmkit at commit $rev ($tmkit, built $(date -r "$tmkit" '+%Y-%m-%d %H:%M')); run started $started, took $((SECONDS - t_start)) s; load average $load_start at the start, $(cut -d' ' -f1-3 /proc/loadavg) at the end."
  echo
  echo "| memory | direction | tool | run | queries | planted found (first or tied) | p50 ms | p95 ms | p99 ms | max ms | lookups/s | CPU/wall | load (1 min) |"
  echo "|---|---|---|---|--:|--:|--:|--:|--:|--:|--:|--:|--:|"
  printf '%s\n' "${rows[@]}"
  echo
  echo "tmkit: \`tmkit --db STORE lookup --batch QUERIES --threads 1 --from F --to T --format json --timings FILE\` (default --min-score 70 --limit 5), one process a run, then the same with --threads 0 (a thread a core) for throughput. Latencies are the per-query microseconds of --timings (the library call alone, not parsing or printing); lookups/s is queries ÷ the wall time of the whole process (opening the store, reading, looking up, printing JSON). Warm: after an unreported run of the first 200 queries; the figure is the median of the $repeat runs with their range. CPU/wall: the process's user+system CPU seconds over its wall seconds (below 1 when it waited for the disk or for a CPU). load: the 1-minute load average when the run started (2 CPUs: above 2, other processes competed). Planted found: the planted unit (its tuid; on system-messages, a unit with the planted unit's English text) is the first result or tied with the first on score."
  echo
  echo "| memory | tool | index built by | seconds | index size | index ÷ TMX | whole store | store ÷ TMX |"
  echo "|---|---|---|--:|--:|--:|--:|--:|"
  printf '%s\n' "${irows[@]}"
  echo
  echo "Index size: LMDB pages (branch + leaf + overflow, \`mdb_stat -s DB\`) × page size of the fuzzy index databases \`grams\` and \`tokseq\` and of the exact index \`exact\`; whole store: \`du -sb\`. TMX sizes: synthetic-$units $(mb "$(fsize "$synth")") MB, system-messages $(mb "$(fsize "$real")") MB ($(fmt_int "${R[real.read]:-0}") units read, $(fmt_int "${R[real.stored]:-0}") stored)."
  echo
  echo "Targets (issue 3: at 1M units; this run: synthetic-$units, all three directions, warm medians):"
  echo
  worst() { local m=$1 d v w=""; for d in en-zh en-ko zh-ko; do v=${R[synth.$d.$m]:-}; [ -n "$v" ] || continue; if [ -z "$w" ] || awk -v a="$v" -v b="$w" -v hi="$2" 'BEGIN { exit !(hi ? a > b : a < b) }'; then w=$v; fi; done; echo "$w"; }
  p50=$(worst p50 1); p99=$(worst p99 1); qps=$(worst par.qps 0)  # batch: the all-cores run
  ok=0; le "$p50" 1 && ok=1; echo "- p50 ≤ 1 ms: worst direction ${p50:-n/a} ms (en-zh ${R[synth.en-zh.p50]:-}, en-ko ${R[synth.en-ko.p50]:-}, zh-ko ${R[synth.zh-ko.p50]:-}) → $(verdict $ok)"
  ok=0; le "$p99" 10 && ok=1; echo "- p99 ≤ 10 ms: worst ${p99:-n/a} ms (en-zh ${R[synth.en-zh.p99]:-}, en-ko ${R[synth.en-ko.p99]:-}, zh-ko ${R[synth.zh-ko.p99]:-}) → $(verdict $ok)"
  ok=0; [ -n "$qps" ] && le 2000 "$qps" && ok=1; echo "- batch ≥ 2,000 queries/s (all cores): worst ${qps:-n/a}/s (en-zh ${R[synth.en-zh.par.qps]:-}, en-ko ${R[synth.en-ko.par.qps]:-}, zh-ko ${R[synth.zh-ko.par.qps]:-}) → $(verdict $ok)"
  found=0; planted=0
  for d in en-zh en-ko zh-ko; do
    [ -n "${R[synth.$d.recall]:-}" ] || continue
    found=$((found + $(jget "${R[synth.$d.recall]}" found))); planted=$((planted + $(jget "${R[synth.$d.recall]}" planted)))
  done
  ok=0; [ "$planted" -gt 0 ] && [ "$found" = "$planted" ] && ok=1
  echo "- planted recall 100 %: $found of $planted over the three directions → $(verdict $ok)"
  ok=0; [ -n "${R[synth.index]:-}" ] && le "$(ratio "${R[synth.index]}" "${R[synth.tmx]}")" 3 && ok=1
  echo "- index ≤ 3× the TMX: $(ratio "${R[synth.index]:-0}" "${R[synth.tmx]:-1}")× (whole store $(ratio "${R[synth.store]:-0}" "${R[synth.tmx]:-1}")×) → $(verdict $ok)"
  if [ ${#notes[@]} -gt 0 ]; then echo; echo "Notes:"; echo; printf -- '- %s\n' "${notes[@]}"; fi
  for k in synth.en-zh synth.en-ko synth.zh-ko real.en-zh real.en-ko; do
    [ -n "${R[$k.explain]:-}" ] || continue
    ex=${R[$k.explain]}
    echo "- ${R[${k%%.*}.label]} ${k#*.}: $(( $(jget "${R[$k.recall]}" planted) - $(jget "${R[$k.recall]}" found) )) planted units missed; the first $(wc -l <"$run/$k.missed1.tsv") looked up again scoring every unit (\`--min-score 0\`, no index; at most $explain_max): $(jget "$ex" outranked) outranked by another unit that scores higher (a near-duplicate), $(jget "$ex" below_min) scoring under 70 (one word replaced in a short message can cost more than 30 points), $(jget "$ex" index_miss) lost by the index$( [ "$(jget "$ex" index_miss)" = 0 ] || echo ": \`$(jget "$ex" index_miss_lines | cut -c1-300)\`")."
  done
  [ -z "${R[ttk.recall]:-}" ] || echo "- tmserver recall detail: $(echo "${R[ttk.recall]}" | cut -c1-600)"
  if [ -n "$perf_top" ]; then
    echo; echo "Time in 100 warm synthetic en->zh lookups, callees included, then self (\`perf record --call-graph dwarf\`, \`perf report --children\`):"; echo
    echo '```'; echo "$perf_top"; echo '```'
  fi
} | tee "$report"
say "report saved as $report"
[ "$failed" = 0 ] || say "some runs FAILED (see above)"
exit "$failed"
