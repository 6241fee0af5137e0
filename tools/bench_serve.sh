#!/usr/bin/env bash
# HTTP benchmark of `tmkit serve`: requests a second and latency percentiles under concurrent
# clients (wrk, keep-alive connections, a Lua script cycling through real queries).
#
#   tools/bench_serve.sh [TMX] [--units N] [--connections 50] [--duration 20] [--threads T]
#                        [--queries FILE] [--data DIR] [--tmkit PATH]
#
#   TMX            the memory to serve (default: ../shared/bench/gen_tmx.py --units N --seed 7,
#                  generated into DIR when missing, with its --queries file)
#   --units N      size of the generated memory (default 100000)
#   --queries FILE English queries, one a line (a tab and anything after it ignored); default the
#                  generator's queries, or for a given TMX a sample of its English segments
#   --connections  concurrent clients (default 50); --duration seconds per lookup scenario
#                  (default 20; healthz runs at most 10). While lookups are a full scan, 50 of
#                  them share the cores and finish together: give the run several times
#                  50 x (one query's time) / cores, or nothing completes
#   --threads T    tmkit serve --threads (default: max(connections, 32), so every client has a
#                  thread; at most 96)
#   --lookup-slots N[,M...]  tmkit serve --lookup-slots (lookups run at once; default 0: the
#                  server's, one a core); 50 lets every client's lookup run at once; with a
#                  list, one server after the other on the same store (a peer in the same run)
#   --reuse-store  serve the store of an earlier run when there is one (no import)
#   --warmup S     seconds of unmeasured load (both lookup routes) after the server starts and
#                  before the scenarios (default 10; 0: a cold store meets the first scenario)
#   --data DIR     where data and stores go (default <repo>/bench-data, git-ignored)
#   --tmkit PATH   the binary (default <repo>/build/tmkit)
#
# Scenarios, each against one server on a fresh import of the memory:
#   healthz        GET /healthz: the HTTP and snapshot overhead alone
#   tmserver       GET /tmserver/en/zh_cn/unit/{query} as Weblate sends it (percent-encoded)
#   api_lookup     GET /api/lookup?q=...&from=en&to=ko
# Prints a Markdown table (requests/s, mean, p50, p90, p99 latency, non-2xx, socket errors).
# Installs wrk (Debian package) when missing. Exit status: 0 ok, 1 a run failed, 2 usage error.
set -euo pipefail

repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cmdline="tools/bench_serve.sh"
for a in "$@"; do cmdline+=" $(printf '%q' "$a")"; done
units=100000
tmx=""
queries=""
conns=50
duration=20
threads=""
slots=0
reuse=0
warmup=10
data="$repo/bench-data"
tmkit="$repo/build/tmkit"
while [ $# -gt 0 ]; do
    case $1 in
        --units) units=$2; shift 2 ;;
        --queries) queries=$2; shift 2 ;;
        --connections) conns=$2; shift 2 ;;
        --duration) duration=$2; shift 2 ;;
        --threads) threads=$2; shift 2 ;;
        --lookup-slots) slots=$2; shift 2 ;;
        --reuse-store) reuse=1; shift ;;
        --warmup) warmup=$2; shift 2 ;;
        --data) data=$2; shift 2 ;;
        --tmkit) tmkit=$2; shift 2 ;;
        -h|--help) sed -n '2,/^set -euo/p' "$0" | sed '$d; s/^# \{0,1\}//'; exit 0 ;;
        -*) echo "bench_serve: unknown option $1" >&2; exit 2 ;;
        *) tmx=$1; shift ;;
    esac
done
[ -z "$threads" ] && threads=$(( conns > 32 ? conns : 32 ))
[ "$threads" -gt 96 ] && threads=96
[ -x "$tmkit" ] || { echo "bench_serve: no executable $tmkit (build first, or --tmkit)" >&2; exit 2; }
if ! command -v wrk >/dev/null; then
    echo "bench_serve: installing wrk" >&2
    SUDO=""; [ "$(id -u)" -eq 0 ] || SUDO=sudo
    $SUDO apt-get install -y -qq --no-install-recommends wrk >&2 ||
        { $SUDO apt-get update -qq && $SUDO apt-get install -y -qq --no-install-recommends wrk >&2; }
fi
mkdir -p "$data"

if [ -z "$tmx" ]; then
    tmx="$data/synthetic-$units.tmx"
    gen_queries="$data/synthetic-$units.queries.tsv"
    if [ ! -s "$tmx" ] || [ ! -s "$gen_queries" ]; then
        echo "bench_serve: generating $tmx" >&2
        python3 "$repo/../shared/bench/gen_tmx.py" --units "$units" --seed 7 --out "$tmx" \
            --queries "$gen_queries" --query-count 2000
    fi
    [ -z "$queries" ] && queries=$gen_queries
fi
[ -s "$tmx" ] || { echo "bench_serve: no TMX $tmx" >&2; exit 2; }

W=$(mktemp -d)
server=""
cleanup() {
    [ -n "$server" ] && kill -TERM "$server" 2>/dev/null && wait "$server" 2>/dev/null
    rm -rf "$W"
}
trap cleanup EXIT

if [ -z "$queries" ]; then  # a sample of the TMX's English segments
    python3 - "$tmx" "$W/queries.tsv" <<'PY'
import random, re, sys, html
segs = re.findall(r'<tuv[^>]*lang="en[^"]*"[^>]*>.*?<seg>(.*?)</seg>', open(sys.argv[1], encoding="utf-8").read(), re.S)
segs = [html.unescape(re.sub(r"<[^>]+>", "", s)).strip() for s in segs]
segs = [s for s in segs if s and "\n" not in s]
random.Random(7).shuffle(segs)
open(sys.argv[2], "w", encoding="utf-8").write("".join(s + "\n" for s in segs[:2000]))
PY
    queries="$W/queries.tsv"
fi

# The request paths of each scenario, percent-encoded as Weblate does (quote(text, "")).
python3 - "$queries" "$W" <<'PY'
import sys, urllib.parse
qs = [l.rstrip("\n").split("\t")[0] for l in open(sys.argv[1], encoding="utf-8")]
qs = [q for q in qs if q.strip()][:2000]
with open(sys.argv[2] + "/tmserver.paths", "w") as f:
    for q in qs: f.write("/tmserver/en/zh_cn/unit/" + urllib.parse.quote(q[:500], "") + "\n")
with open(sys.argv[2] + "/api_lookup.paths", "w") as f:
    for q in qs: f.write("/api/lookup?" + urllib.parse.urlencode({"q": q, "from": "en", "to": "ko"}) + "\n")
with open(sys.argv[2] + "/healthz.paths", "w") as f:
    f.write("/healthz\n")
PY
cat >"$W/cycle.lua" <<'LUA'
-- Each wrk thread cycles through the paths of BENCH_PATHS from its own offset.
local paths = {}
for line in io.lines(os.getenv("BENCH_PATHS")) do paths[#paths + 1] = line end
local n = 0
function setup(thread)
  thread:set("offset", n * 7919)
  n = n + 1
end
local i = 0
function init(args) i = (offset or 0) % #paths end
function request()
  i = i % #paths + 1
  return wrk.format("GET", paths[i])
end
LUA

store="$data/serve-store-$(basename "$tmx" .tmx)"
if [ "$reuse" = 0 ] || [ ! -f "$store/data.mdb" ]; then
    rm -rf "$store"
    echo "bench_serve: importing $tmx" >&2
    "$tmkit" --db "$store" import -q "$tmx"
fi
stored=$("$tmkit" --db "$store" stats --format json | python3 -c 'import json,sys; print(json.load(sys.stdin)["units"])')

status=0
rows=""
single=""
IFS=, read -r -a slot_list <<<"$slots"
for slot in "${slot_list[@]}"; do
"$tmkit" --db "$store" serve --quiet --listen 127.0.0.1:0 --threads "$threads" --lookup-slots "$slot" 2>"$W/server.log" &
server=$!
port=""
for _ in $(seq 200); do
    port=$(sed -n 's|^tmkit: listening on http://127\.0\.0\.1:\([0-9]*\).*|\1|p' "$W/server.log")
    [ -n "$port" ] && break
    sleep 0.05
done
[ -n "$port" ] || { echo "bench_serve: the server did not start" >&2; cat "$W/server.log" >&2; exit 1; }
label="lookup slots: $([ "$slot" = 0 ] && echo "one a core ($(nproc))" || echo "$slot")"

# One query first, to warm the page cache and show a single request's time.
one=$(head -1 "$W/tmserver.paths")
[ -n "$single" ] || single=$(curl -s -o /dev/null -w '%{time_total}' --max-time 120 "http://127.0.0.1:$port$one")

# A server runs warm: the store's pages the queries need are read in before anything is timed.
if [ "$warmup" != 0 ]; then
    echo "bench_serve: warming up for ${warmup}s" >&2
    half=$(( (warmup + 1) / 2 ))
    for scenario in tmserver api_lookup; do
        BENCH_PATHS="$W/$scenario.paths" wrk -t 2 -c "$conns" -d "${half}s" --timeout 120s \
            -s "$W/cycle.lua" "http://127.0.0.1:$port" >/dev/null 2>&1 || true
    done
fi

for scenario in healthz tmserver api_lookup; do
    d=$duration
    [ "$scenario" = healthz ] && [ "$d" -gt 10 ] && d=10  # steady within seconds
    echo "bench_serve: $scenario, $conns connections, ${d}s, $label" >&2
    if ! BENCH_PATHS="$W/$scenario.paths" wrk -t 2 -c "$conns" -d "${d}s" --timeout 120s --latency \
        -s "$W/cycle.lua" "http://127.0.0.1:$port" >"$W/$scenario.out" 2>&1; then
        status=1; cat "$W/$scenario.out" >&2; continue
    fi
    rows+=$(python3 - "$W/$scenario.out" "$scenario" "$label" <<'PY'
import re, sys
t = open(sys.argv[1]).read()
def ms(s):
    v, u = re.match(r"([\d.]+)(us|ms|s|m)", s).groups()
    return float(v) * {"us": 0.001, "ms": 1, "s": 1000, "m": 60000}[u]
rps = float(re.search(r"Requests/sec:\s*([\d.]+)", t).group(1))
mean = ms(re.search(r"Latency\s+(\S+)", t).group(1))
pct = {p: ms(v) for p, v in re.findall(r"^\s+(50|90|99)%\s+(\S+)", t, re.M)}
total = int(re.search(r"(\d+) requests in", t).group(1))
non2xx = re.search(r"Non-2xx or 3xx responses: (\d+)", t)
errs = re.search(r"Socket errors: (.*)", t)
print("| %s | %s | %s | %.1f | %.1f | %.1f | %.1f | %.1f | %s | %s |" % (
    sys.argv[2], sys.argv[3], format(total, ","), rps, mean, pct.get("50", 0), pct.get("90", 0), pct.get("99", 0),
    non2xx.group(1) if non2xx else "0", errs.group(1).strip() if errs else "none"))
PY
)$'\n'
done
kill -TERM "$server"; wait "$server" 2>/dev/null || true; server=""
done

cpu="$(nproc) cores, $(sed -n 's/^model name\s*: //p' /proc/cpuinfo | head -1)"
cat <<EOF
### tmkit serve, $(date -u +%Y-%m-%d) at $(git -C "$repo" rev-parse --short HEAD 2>/dev/null || echo "?")$(git -C "$repo" diff --quiet 2>/dev/null || echo " (modified tree)")

Command: \`$cmdline\`; memory $(basename "$tmx"), $(python3 -c "print(format($stored, ','))") units stored;
$conns concurrent keep-alive connections (wrk, 2 threads), ${duration} s per scenario, server
--threads $threads (healthz ran at most 10 s), after ${warmup} s of unmeasured lookups; $(wc -l <"$W/tmserver.paths") distinct queries; one tmserver query alone: $(awk -v s="$single" 'BEGIN{printf "%.1f", s*1000}') ms. Machine: $cpu.

| scenario | server | requests | requests/s | mean ms | p50 ms | p90 ms | p99 ms | non-2xx | socket errors |
|---|---|--:|--:|--:|--:|--:|--:|--:|---|
${rows%$'\n'}
EOF
exit $status
