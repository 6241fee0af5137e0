#!/usr/bin/env python3
"""Helpers of tools/bench_lookup.sh (the lookup benchmark): query files, percentiles, recall of
planted matches, and the Translate Toolkit tmserver client. Standard library only.

  bench_lookup.py zh-queries TMX EN_QUERIES.tsv OUT.tsv [--seed 7]
      zh->ko queries for a gen_tmx.py memory: for each planted English query (TEXT<TAB>TUID),
      the zh-CN segment of unit TUID with one Han character replaced by another one of the
      memory's (a planted fuzzy match, score about 95); for each unplanted query, a random string
      of the memory's Han characters (no planted match). Output lines are TEXT<TAB>TUID, as the
      generators write them.
  bench_lookup.py with-lang QUERIES.tsv TMX LANG OUT.tsv
      for a mo2tmx.py memory (the TUID column is a 1-based unit number): the queries whose unit
      has a LANG variant (a planted unit without one cannot be found in that direction).
  bench_lookup.py text QUERIES.tsv OUT.txt
      the query texts alone, one a line (the input of tmkit lookup --batch).
  bench_lookup.py stats [--first N] TIMINGS [TIMINGS...]
      one JSON line: n, mean, p50, p95, p99, max in milliseconds, from files of microseconds
      (one a line, as tmkit lookup --timings writes them; "-" lines are skipped). Percentiles
      are nearest-rank. --first N: only the first N lines of each file.
  bench_lookup.py recall QUERIES.tsv RESULTS.jsonl [--by-source TMX] [--first N]
      one JSON line: planted queries, found (the planted unit is first, or tied with the first
      on score), found_strict (first), with_results, and the lines missed. RESULTS holds one JSON
      array a line, in query order (tmkit lookup --batch --format json, or the tmserver client's
      output, where a timed-out query is null). --by-source TMX: the TUID column is a 1-based unit
      number in TMX order (mo2tmx.py) and units have no tuid: a result counts as the planted unit
      when its source text equals that unit's English text. --first N: only the first N queries.
      --missed-out FILE: write the queries missed (TEXT<TAB>TUID) to FILE.
  bench_lookup.py explain MISSED.tsv SCAN.jsonl [--by-source TMX] [--min-score 70]
      why the missed queries were missed, from a lookup of each that scores every unit
      (tmkit lookup --batch --min-score 0, which does not use the fuzzy index): one JSON line
      counting below_min (the planted unit scores under the minimum), outranked (another unit
      scores higher), and index_miss (a full scan ranks it first with a score at or above the
      minimum: the index lost it).
  bench_lookup.py tmserver QUERIES.tsv TMDB OUT_PREFIX [--count 20] [--timeout 60] [--src en]
                           [--tgt zh_CN] [--port 0]
      starts `tmserver -d TMDB` (Translate Toolkit, with /usr/bin/python3), sends the first COUNT
      planted queries one at a time as GET /tmserver/SRC/TGT/unit/TEXT, and writes
      OUT_PREFIX.jsonl (one result array a line, null for a timed-out query), OUT_PREFIX.timings
      (microseconds a query, client side, "-" for a timeout) and OUT_PREFIX.queries.tsv (the
      queries sent). tmserver answers one request at a time and keeps computing an abandoned
      one, so after a timeout it is restarted before the next query. Prints a JSON summary.
"""
import argparse
import html
import json
import math
import os
import random
import re
import signal
import socket
import subprocess
import sys
import time
import unicodedata
import urllib.parse
import urllib.request


def read_queries(path):
    out = []
    with open(path, encoding="utf-8") as f:
        for line in f:
            line = line.rstrip("\n")
            text, _, key = line.partition("\t")
            out.append((text, key.strip()))
    return out


INLINE = re.compile(r"<(bpt|ept|ph|it|hi|ut|sub)\b[^>]*?(/>|>.*?</\1>)", re.S)
TAG = re.compile(r"<[^>]+>")


def seg_text(seg):
    """Plain text of a <seg>'s inner XML: inline codes (bpt/ept/ph/it/ut) dropped, entities
    decoded."""
    return html.unescape(TAG.sub("", INLINE.sub("", seg)))


def tmx_units(path):
    """Yields (tuid or None, {lang: plain text}) for each <tu> of a TMX written by gen_tmx.py or
    mo2tmx.py (one element a line or a few lines; not a general TMX reader)."""
    tu_re = re.compile(r"<tu\b([^>]*)>")
    tuid_re = re.compile(r'\btuid="([^"]*)"')
    tuv_re = re.compile(r'<tuv xml:lang="([^"]+)"><seg>(.*?)</seg></tuv>', re.S)
    buf = []
    with open(path, encoding="utf-8") as f:
        for line in f:
            if "<tu" in line and tu_re.search(line):
                buf = [line]
                continue
            if buf:
                buf.append(line)
                if "</tu>" in line:
                    block = "".join(buf)
                    buf = []
                    m = tuid_re.search(tu_re.search(block).group(1))
                    yield (m.group(1) if m else None,
                           {lang: seg_text(s) for lang, s in tuv_re.findall(block)})


def cmd_zh_queries(a):
    qs = read_queries(a.queries)
    want = {k for _, k in qs if k}
    zh = {}
    chars = set()
    for tuid, segs in tmx_units(a.tmx):
        s = segs.get("zh-CN", "")
        chars.update(c for c in s if "\u4e00" <= c <= "\u9fff")
        if tuid in want:
            zh[tuid] = s
    rng = random.Random(a.seed)
    pool = sorted(chars)
    with open(a.out, "w", encoding="utf-8") as out:
        for _, key in qs:
            if key and key in zh:
                s = zh[key]
                idx = [i for i, c in enumerate(s) if "\u4e00" <= c <= "\u9fff"]
                i = rng.choice(idx)
                c = rng.choice(pool)
                while c == s[i]:
                    c = rng.choice(pool)
                out.write(s[:i] + c + s[i + 1:] + "\t" + key + "\n")
            else:
                out.write("".join(rng.choice(pool) for _ in range(rng.randint(10, 32))) + "。\t\n")


def cmd_with_lang(a):
    has = [a.lang in segs for _, segs in tmx_units(a.tmx)]
    with open(a.out, "w", encoding="utf-8") as out:
        for text, key in read_queries(a.queries):
            if key and has[int(key) - 1]:
                out.write(text + "\t" + key + "\n")


def cmd_text(a):
    with open(a.out, "w", encoding="utf-8") as out:
        for text, _ in read_queries(a.queries):
            out.write(text + "\n")


def percentile(sorted_vals, p):
    if not sorted_vals:
        return None
    k = max(1, math.ceil(p / 100 * len(sorted_vals)))
    return sorted_vals[k - 1]


def cmd_stats(a):
    vals = []
    for path in a.timings:
        with open(path) as f:
            lines = [l.strip() for l in f]
        if a.first:
            lines = lines[: a.first]
        vals += [int(x) for x in lines if x and x != "-"]
    vals.sort()
    ms = lambda v: None if v is None else round(v / 1000, 3)
    print(json.dumps({"n": len(vals), "mean": ms(sum(vals) / len(vals)) if vals else None,
                      "p50": ms(percentile(vals, 50)), "p95": ms(percentile(vals, 95)),
                      "p99": ms(percentile(vals, 99)), "max": ms(vals[-1] if vals else None),
                      "sum_s": round(sum(vals) / 1e6, 3)}))


def norm(s):
    return " ".join(unicodedata.normalize("NFC", s).split())


def score_of(m):
    return float(m.get("score", m.get("quality", 0)))


def cmd_recall(a):
    qs = read_queries(a.queries)
    if a.first:
        qs = qs[: a.first]
    sources = None
    if a.by_source:
        sources = [norm(segs.get("en", "")) for _, segs in tmx_units(a.by_source)]
    with open(a.results, encoding="utf-8") as f:
        results = [json.loads(l) for l in f]
    if len(results) < len(qs):
        sys.exit(f"bench_lookup recall: {len(results)} result lines for {len(qs)} queries")
    planted = found = strict = answered = with_results = 0
    missed = []
    missed_q = []
    for n, ((text, key), res) in enumerate(zip(qs, results), 1):
        if not key:
            continue
        planted += 1
        if res is None:  # timed out
            missed.append({"line": n, "why": "timeout"})
            continue
        answered += 1
        if not res:
            missed.append({"line": n, "why": "no result"})
            missed_q.append((text, key))
            continue
        with_results += 1
        if sources is not None:
            want = sources[int(key) - 1]
            hit = lambda m: norm(m.get("source", "")) == want
        else:
            hit = lambda m: m.get("tuid") == key
        top = score_of(res[0])
        tied = [m for m in res if abs(score_of(m) - top) < 1e-9]
        if hit(res[0]):
            strict += 1
        if any(hit(m) for m in tied):
            found += 1
        else:
            missed_q.append((text, key))
            best = next((score_of(m) for m in res if hit(m)), None)
            missed.append({"line": n, "why": "not first" if best is not None else "not in results",
                           "top": top, "planted_score": best})
    if a.missed_out:
        with open(a.missed_out, "w", encoding="utf-8") as f:
            for t, k in missed_q:
                f.write(t + "\t" + k + "\n")
    print(json.dumps({"planted": planted, "answered": answered, "found": found,
                      "found_strict": strict, "with_results": with_results, "missed": missed}))


def cmd_explain(a):
    qs = read_queries(a.missed)
    sources = None
    if a.by_source:
        sources = [norm(segs.get("en", "")) for _, segs in tmx_units(a.by_source)]
    with open(a.scan, encoding="utf-8") as f:
        results = [json.loads(l) for l in f]
    out = {"below_min": 0, "outranked": 0, "index_miss": 0, "index_miss_lines": []}
    for n, ((text, key), res) in enumerate(zip(qs, results), 1):
        if sources is not None:
            want = sources[int(key) - 1]
            hit = lambda m: norm(m.get("source", "")) == want
        else:
            hit = lambda m: m.get("tuid") == key
        mine = next((score_of(m) for m in res if hit(m)), None)
        top = score_of(res[0]) if res else None
        if mine is None:  # not among the scan's results: below all of them
            out["outranked" if res and score_of(res[-1]) >= a.min_score else "below_min"] += 1
        elif mine < a.min_score:
            out["below_min"] += 1
        elif mine < top - 1e-9:
            out["outranked"] += 1
        else:
            out["index_miss"] += 1
            out["index_miss_lines"].append(text)
    print(json.dumps(out, ensure_ascii=False))


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Server:
    def __init__(self, tmdb, port, log):
        self.tmdb, self.port, self.log = tmdb, port, log
        self.proc = None

    def start(self):
        cmd = ["/usr/bin/python3", "/usr/bin/tmserver", "-d", self.tmdb, "-b", "127.0.0.1",
               "-p", str(self.port)]
        self.proc = subprocess.Popen(cmd, stdout=self.log, stderr=self.log, start_new_session=True)
        deadline = time.time() + 120
        while time.time() < deadline:
            if self.proc.poll() is not None:
                sys.exit(f"bench_lookup: tmserver exited with status {self.proc.returncode}")
            try:
                with socket.create_connection(("127.0.0.1", self.port), timeout=1):
                    return
            except OSError:
                time.sleep(0.2)
        sys.exit("bench_lookup: tmserver did not listen within 120 s")

    def stop(self):
        if self.proc and self.proc.poll() is None:
            os.killpg(self.proc.pid, signal.SIGTERM)  # its own session: only what we started
            try:
                self.proc.wait(10)
            except subprocess.TimeoutExpired:
                os.killpg(self.proc.pid, signal.SIGKILL)
                self.proc.wait()
        self.proc = None


def cmd_tmserver(a):
    qs = [(t, k) for t, k in read_queries(a.queries) if k][: a.count]
    port = a.port or free_port()
    log = open(a.out_prefix + ".log", "ab")
    srv = Server(a.tmdb, port, log)
    t0 = time.time()
    srv.start()
    startup = time.time() - t0
    times, results, timeouts, errors = [], [], 0, 0
    try:
        for text, key in qs:
            url = (f"http://127.0.0.1:{port}/tmserver/{a.src}/{a.tgt}/unit/"
                   + urllib.parse.quote(text, safe=""))
            start = time.perf_counter()
            try:
                with urllib.request.urlopen(url, timeout=a.timeout) as r:
                    body = r.read()
                took = time.perf_counter() - start
                results.append(json.loads(body.decode("utf-8")))
                times.append(str(int(took * 1e6)))
            except (socket.timeout, TimeoutError) as e:
                timeouts += 1
                results.append(None)
                times.append("-")
                srv.stop()
                srv.start()
            except Exception as e:  # an HTTP error: record it as no answer
                errors += 1
                print(f"bench_lookup: tmserver query failed: {e}", file=sys.stderr)
                results.append(None)
                times.append("-")
            print(f"bench_lookup: tmserver query {len(results)}/{len(qs)}: {times[-1]} us",
                  file=sys.stderr)
    finally:
        srv.stop()
    with open(a.out_prefix + ".jsonl", "w", encoding="utf-8") as f:
        for r in results:
            f.write(json.dumps(r, ensure_ascii=False) + "\n")
    with open(a.out_prefix + ".timings", "w") as f:
        f.write("\n".join(times) + "\n")
    with open(a.out_prefix + ".queries.tsv", "w", encoding="utf-8") as f:
        for t, k in qs:
            f.write(t + "\t" + k + "\n")
    print(json.dumps({"queries": len(qs), "timeouts": timeouts, "errors": errors,
                      "startup_s": round(startup, 2), "timeout_s": a.timeout}))


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = ap.add_subparsers(dest="cmd", required=True)
    p = sub.add_parser("zh-queries")
    p.add_argument("tmx"); p.add_argument("queries"); p.add_argument("out")
    p.add_argument("--seed", type=int, default=7)
    p.set_defaults(f=cmd_zh_queries)
    p = sub.add_parser("with-lang")
    p.add_argument("queries"); p.add_argument("tmx"); p.add_argument("lang"); p.add_argument("out")
    p.set_defaults(f=cmd_with_lang)
    p = sub.add_parser("text")
    p.add_argument("queries"); p.add_argument("out")
    p.set_defaults(f=cmd_text)
    p = sub.add_parser("stats")
    p.add_argument("timings", nargs="+"); p.add_argument("--first", type=int)
    p.set_defaults(f=cmd_stats)
    p = sub.add_parser("recall")
    p.add_argument("queries"); p.add_argument("results")
    p.add_argument("--by-source"); p.add_argument("--first", type=int); p.add_argument("--missed-out")
    p.set_defaults(f=cmd_recall)
    p = sub.add_parser("explain")
    p.add_argument("missed"); p.add_argument("scan")
    p.add_argument("--by-source"); p.add_argument("--min-score", type=float, default=70)
    p.set_defaults(f=cmd_explain)
    p = sub.add_parser("tmserver")
    p.add_argument("queries"); p.add_argument("tmdb"); p.add_argument("out_prefix")
    p.add_argument("--count", type=int, default=20); p.add_argument("--timeout", type=float, default=60)
    p.add_argument("--src", default="en"); p.add_argument("--tgt", default="zh_CN")
    p.add_argument("--port", type=int, default=0)
    p.set_defaults(f=cmd_tmserver)
    a = ap.parse_args()
    a.f(a)


if __name__ == "__main__":
    main()
