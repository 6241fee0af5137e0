#!/usr/bin/env bash
# End-to-end checks of `tmkit serve`: the tmserver/amaGama protocol queried exactly as Weblate
# does (urllib quoting, zh_hans/zh_cn/ko codes, int(quality)), the JSON API, adding units with
# --writable, refusals of malformed or oversize requests, lookups during an import, SIGTERM.
# Usage: serve_test.sh [TMKIT]; prints "ok - ..." / "not ok - ..." and "N passed, M failed".
source "$(dirname "$0")/lib.sh"
servers=()
on_exit() {
    for p in "${servers[@]}"; do kill -KILL "$p" 2>/dev/null; done
}

"$TMKIT" import -q "$repo/tmx/shangganling.en-zh-ko.tmx" || { echo "not ok - import"; echo "0 passed, 1 failed"; exit 1; }
cp -r "$W/db" "$W/wdb"

# start_server NAME ARGS...: starts tmkit serve on a free port; sets PORT and PID.
start_server() {
    local name=$1
    shift
    "$TMKIT" serve --listen 127.0.0.1:0 "$@" 2>"$W/$name.log" &
    PID=$!
    servers+=("$PID")
    PORT=
    for _ in $(seq 100); do
        PORT=$(sed -n 's|^tmkit: listening on http://127\.0\.0\.1:\([0-9]*\).*|\1|p' "$W/$name.log")
        [ -n "$PORT" ] && return 0
        kill -0 "$PID" 2>/dev/null || break
        sleep 0.05
    done
    echo "# server $name did not start:"; sed 's/^/#   /' "$W/$name.log"
    return 1
}

# stop_server PID NAME: SIGTERM, then the exit status must be 0 within 5 s.
stop_server() {
    local pid=$1 name=$2 rc
    kill -TERM "$pid"
    for _ in $(seq 100); do
        kill -0 "$pid" 2>/dev/null || break
        sleep 0.05
    done
    if kill -0 "$pid" 2>/dev/null; then
        not_ok "$name: SIGTERM stops the server within 5 s"
        return
    fi
    wait "$pid"
    rc=$?
    if [ "$rc" -eq 0 ]; then ok "$name: SIGTERM stops the server with exit status 0"; else not_ok "$name: SIGTERM exit status $rc, wanted 0"; fi
}

start_server ro || { not_ok "start read-only server"; echo "$pass passed, $((fail + 1)) failed"; exit 1; }
RO_PORT=$PORT RO_PID=$PID
start_server rw --writable --db "$W/wdb" || { not_ok "start writable server"; echo "$pass passed, $((fail + 1)) failed"; exit 1; }
RW_PORT=$PORT RW_PID=$PID

"$TMKIT" lookup "The military channel of China's Central Television showed the movie The Battle on Shangganling Mountain on July 26." \
    --from en --to zh --min-score 50 --format json >"$W/cli_lookup.json"

# The client: every check in one python3 process (a few hundred ms in all).
python3 - "$RO_PORT" "$RW_PORT" "$W/cli_lookup.json" >"$W/py.out" 2>&1 <<'PY'
import http.client, json, re, sys, urllib.parse, urllib.request

ro, rw, cli_lookup = int(sys.argv[1]), int(sys.argv[2]), sys.argv[3]
TIMEOUT = 10

def request(port, method, target, body=None, headers=None):
    """Raw HTTP: returns (status, headers dict lower-cased, body text)."""
    c = http.client.HTTPConnection("127.0.0.1", port, timeout=TIMEOUT)
    c.putrequest(method, target, skip_accept_encoding=True)
    hdrs = dict(headers or {})
    if body is not None:
        hdrs.setdefault("Content-Type", "application/json")
        hdrs["Content-Length"] = str(len(body))
    for k, v in hdrs.items():
        c.putheader(k, v)
    c.endheaders()
    if body is not None:
        c.send(body)
    r = c.getresponse()
    data = r.read().decode("utf-8")
    h = {k.lower(): v for k, v in r.getheaders()}
    c.close()
    return r.status, h, data

def weblate(port, src, tgt, text, base="/tmserver"):
    """What Weblate's TMServerTranslation does: quote(text, ''), json, int(quality)."""
    url = "http://127.0.0.1:%d%s/%s/%s/unit/%s" % (port, base, src, tgt, urllib.parse.quote(text, ""))
    with urllib.request.urlopen(url, timeout=TIMEOUT) as r:
        raw = r.read().decode("utf-8")
        ctype = r.headers["Content-Type"]
    payload = json.loads(raw)
    return [(int(line["quality"]), line["target"], line["source"], line) for line in payload], raw, ctype

passed = failed = 0
def check(name, cond, detail=""):
    global passed, failed
    if cond:
        passed += 1; print("ok - " + name)
    else:
        failed += 1; print("not ok - " + name)
        if detail: print("#   " + str(detail)[:600].replace("\n", "\n#   "))

def run(name, fn):
    try:
        fn()
    except Exception as e:  # a failed request is a failed check, not the end of the run
        check(name, False, repr(e))

ZH = "中国中央电视台军事频道7月26日播出了电影《上甘岭》。"
KO = "중국중앙TV의 군사 채널은 7월 26일 영화 '상감령'을 방영했다."
EN = "Published: Jul 28, 2020 08:23 PM"

def t_zh_ko():
    for src in ("zh_hans", "zh_cn", "zh"):
        res, raw, ctype = weblate(ro, src, "ko", ZH)
        check("Weblate zh->ko exact (%s): quality 100, Korean target" % src,
              res and res[0][0] == 100 and res[0][1] == KO and res[0][2] == ZH, raw)
    check("Content-Type is application/json; charset=utf-8", ctype == "application/json; charset=utf-8", ctype)
    check("quality is written with a decimal point (100.0)", re.search(r'"quality":\s*100\.0\b', raw), raw)
    line = res[0][3]
    check("reply objects have source, target, quality, rank, context",
          set(line) >= {"source", "target", "quality", "rank", "context"} and isinstance(line["quality"], float), line)
run("zh->ko", t_zh_ko)

def t_zh_ko_fuzzy():
    res, raw, _ = weblate(ro, "zh_hans", "ko", "中国中央电视台电影频道7月26日播出了电影《上甘岭》。")
    check("Weblate zh->ko fuzzy: 70 <= quality < 100, the Korean target", res and 70 <= res[0][0] < 100 and res[0][1] == KO, raw)
    check("fuzzy quality has a fractional part or decimal point", re.search(r'"quality":\s*\d+\.\d+', raw), raw)
run("zh->ko fuzzy", t_zh_ko_fuzzy)

def t_en_zh():
    res, raw, _ = weblate(ro, "en", "zh_hans", EN)
    check("Weblate en->zh exact: quality 100", res and res[0][0] == 100 and res[0][1] == "发布时间：2020年7月28日 20:23", raw)
    res, raw, _ = weblate(ro, "en", "zh_cn", "The military channel of China's Central Television showed the movie The Battle on Shangganling Mountain on July 26.", base="/api/v1")
    check("Weblate en->zh fuzzy under /api/v1/", res and 70 <= res[0][0] < 100 and res[0][1] == ZH, raw)
    qs = [q for q, *_ in weblate(ro, "en", "ko", "the Korean War", )[0]]
    check("sorted by quality, highest first", qs == sorted(qs, reverse=True), qs)
run("en->zh", t_en_zh)

def t_weblate_probe():
    status, h, body = request(ro, "GET", "/tmserver/en/de/unit/test")
    check("Weblate's probe /en/de/unit/test: 200 and []", status == 200 and json.loads(body) == [], (status, body))
run("probe", t_weblate_probe)

def t_source_param():
    q = urllib.parse.urlencode({"source": ZH})
    status, _, body = request(ro, "GET", "/tmserver/zh_cn/ko/unit/?" + q)
    check("?source= form", status == 200 and json.loads(body)[0]["target"] == KO, (status, body))
    status, _, body = request(ro, "GET", "/tmserver/zh_cn/ko/unit/%s?min_similarity=100&max_candidates=1" % urllib.parse.quote("中国中央电视台电影频道7月26日播出了电影《上甘岭》。", ""))
    check("min_similarity=100 drops the fuzzy match", status == 200 and json.loads(body) == [], (status, body))
    status, _, body = request(ro, "GET", "/tmserver/en/ko/unit/%s?max_candidates=1&min_similarity=10" % urllib.parse.quote("the Korean War", ""))
    check("max_candidates=1 gives at most one", status == 200 and len(json.loads(body)) == 1, (status, body))
run("source param", t_source_param)

def t_languages():
    status, _, body = request(ro, "GET", "/tmserver/languages/")
    d = json.loads(body)
    want = {"en", "zh", "zh_cn", "ko", "ko_kr"}
    check("languages: Weblate-style codes of the stored languages",
          status == 200 and want <= set(d["sourceLanguages"]) and want <= set(d["targetLanguages"]), body)
    status, _, body2 = request(ro, "GET", "/api/v1/languages")
    check("languages without the trailing slash, under /api/v1", status == 200 and json.loads(body2) == d, body2)
run("languages", t_languages)

def t_api():
    q = urllib.parse.urlencode({"q": "The military channel of China's Central Television showed the movie The Battle on Shangganling Mountain on July 26.",
                                "from": "en", "to": "zh", "min": "50"})
    status, _, body = request(ro, "GET", "/api/lookup?" + q)
    check("/api/lookup gives the objects of tmkit lookup --format json",
          status == 200 and json.loads(body) == json.load(open(cli_lookup)) and len(json.loads(body)) >= 1, body)
    status, _, body = request(ro, "GET", "/api/concordance?" + urllib.parse.urlencode({"q": "志愿军", "lang": "zh"}))
    hits = json.loads(body)
    check("/api/concordance finds 志愿军 with its byte range",
          status == 200 and len(hits) == 2 and all(h["text"].encode()[h["match"]["begin"]:h["match"]["end"]].decode() == "志愿军" for h in hits), body)
    status, _, body = request(ro, "GET", "/healthz")
    check("/healthz", status == 200 and json.loads(body)["status"] == "ok" and json.loads(body)["units"] == 14, body)
run("api", t_api)

def t_read_only():
    body = json.dumps({"source": "新句子", "target": "새 문장"}).encode()
    status, _, text = request(ro, "POST", "/tmserver/zh_cn/ko/unit/" + urllib.parse.quote("新句子", ""), body)
    check("POST without --writable: 403 with a JSON error", status == 403 and "error" in json.loads(text), (status, text))
run("read-only", t_read_only)

def t_writable():
    src, tgt = "志愿军老战士在上甘岭纪念馆前合影留念。", "Volunteer Army veterans pose for a photo in front of the Shangganling memorial."
    body = json.dumps({"source": src, "target": tgt}).encode()
    path = "/tmserver/zh_cn/en/unit/" + urllib.parse.quote(src, "")
    status, _, text = request(rw, "POST", path, body)
    check("POST with --writable adds the unit (201)", status == 201 and json.loads(text)["result"] == "added", (status, text))
    res, raw, _ = weblate(rw, "zh_hans", "en", src)
    check("the added unit is found by a GET", res and res[0][0] == 100 and res[0][1] == tgt, raw)
    q = urllib.parse.urlencode({"q": src, "lang": "zh", "in": "source"})
    status, _, text = request(rw, "GET", "/api/concordance?" + q)
    hits = json.loads(text)
    check("its source language is the URL's source (zh-CN), not en", status == 200 and len(hits) == 1 and hits[0]["lang"] == "zh-CN", text)
    status, _, text = request(rw, "PUT", path, body)
    check("PUT of the same unit adds nothing", status == 200 and json.loads(text)["result"] == "unchanged", (status, text))
    ko = "상감령 기념관"
    status, _, text = request(rw, "PUT", "/api/v1/ko/en/unit/" + urllib.parse.quote(ko, ""), json.dumps({"target": "the Shangganling memorial"}).encode())
    check("PUT with the source only in the URL", status == 201, (status, text))
    res, raw, _ = weblate(rw, "ko", "en", ko)
    check("... found again", res and res[0][1] == "the Shangganling memorial", raw)
run("writable", t_writable)

def t_refusals():
    cases = [
        ("GET", "/tmserver/en/zh/unit/war%zz", None, 400, "bad percent-encoding"),
        ("GET", "/tmserver/en/zh/unit/%E4%B8", None, 400, "truncated UTF-8 sequence"),
        ("GET", "/tmserver/en/zh/unit/%C0%80", None, 400, "overlong UTF-8"),
        ("GET", "/tmserver/en/zh/unit/a%00b", None, 400, "NUL"),
        ("GET", "/tmserver/en/zh/unit/", None, 400, "no text"),
        ("GET", "/tmserver/en/unit/war", None, 404, "missing language"),
        ("GET", "/tmserver//zh/unit/war", None, 404, "empty language"),
        ("GET", "/tmserver/xx/zh/unit/war", None, 400, "unknown language"),
        ("GET", "/tmserver/en/zh/unit/war?max_candidates=abc", None, 400, "bad max_candidates"),
        ("GET", "/tmserver/en/zh/unit/war?max_candidates=0", None, 400, "max_candidates=0"),
        ("GET", "/tmserver/en/zh/unit/war?min_similarity=200", None, 400, "min_similarity out of range"),
        ("GET", "/tmserver/en/zh/unit/war?min_similarity=nan", None, 400, "min_similarity nan"),
        ("GET", "/api/lookup?q=war&from=en", None, 400, "/api/lookup without to"),
        ("GET", "/api/lookup?q=war&from=en&to=zh&limit=-1", None, 400, "/api/lookup limit -1"),
        ("GET", "/api/concordance?q=war&lang=en&in=middle", None, 400, "/api/concordance bad in"),
        ("GET", "/nowhere", None, 404, "unknown path"),
        ("GET", "/api/lookup/extra", None, 404, "unknown subpath"),
        ("DELETE", "/tmserver/en/zh/unit/war", None, 405, "DELETE"),
        ("POST", "/healthz", b"{}", 405, "POST to a GET endpoint"),
        ("GET", "/tmserver/en/zh/unit/" + "a" * 9000, None, 414, "URL over 8 kB"),
        ("GET", "/api/lookup?" + urllib.parse.urlencode({"q": "a" * 10001, "from": "en", "to": "zh"}), None, 414, "query over 10,000 characters in a URL"),
    ]
    for method, target, body, want, name in cases:
        status, h, text = request(rw if method != "GET" else ro, method, target, body)
        wants = want if isinstance(want, tuple) else (want,)
        try:
            err = json.loads(text).get("error")
        except Exception:
            err = None
        check("refused with %s and a JSON error: %s" % ("/".join(map(str, wants)), name), status in wants and err, (status, text))
    big = json.dumps({"source": "a", "target": "b" * (1 << 20)}).encode()
    status, _, text = request(rw, "POST", "/tmserver/en/zh/unit/a", big)
    check("body over 1 MiB: 413 with a JSON error", status == 413 and "error" in json.loads(text), (status, text))
    long_src = json.dumps({"source": "字" * 10001, "target": "b"}).encode()
    status, _, text = request(rw, "POST", "/tmserver/zh/en/unit/x", long_src)
    check("source over 10,000 characters: 400", status == 400 and "10000" in json.loads(text)["error"], (status, text))
    for body, name in [(b"{not json", "malformed JSON"), (b"[1,2]", "not an object"), (b'{"source": 5, "target": "x"}', "source not a string"),
                       (b'{"source": "a"}', "no target"), (b'{"source": "\\u0001", "target": "x"}', "control character"),
                       (b'{"source": "\xff\xfe", "target": "x"}', "body not UTF-8")]:
        status, _, text = request(rw, "POST", "/tmserver/en/zh/unit/a", body)
        check("bad unit body refused with 400: " + name, status == 400 and "error" in json.loads(text), (status, text))
    status, _, text = request(ro, "GET", "/healthz")
    status2, _, _ = request(rw, "GET", "/healthz")
    check("both servers still answer after the refusals", status == 200 and status2 == 200, text)
run("refusals", t_refusals)

def t_garbage():
    import socket
    for raw in [b"GARBAGE\r\n\r\n", b"GET\r\n\r\n", b"GET /healthz HTTP/1.1\r\nContent-Length: abc\r\n\r\n", b"\x00\x01\x02\r\n\r\n"]:
        s = socket.create_connection(("127.0.0.1", ro), timeout=TIMEOUT)
        s.sendall(raw)
        try:
            s.recv(4096)
        except Exception:
            pass
        s.close()
    status, _, _ = request(ro, "GET", "/healthz")
    check("garbage request lines do not bring the server down", status == 200)
run("garbage", t_garbage)

PY
py_rc=$?
cat "$W/py.out"
pass=$((pass + $(grep -c '^ok - ' "$W/py.out")))
fail=$((fail + $(grep -c '^not ok - ' "$W/py.out")))
[ $py_rc -eq 0 ] || not_ok "python client exited with $py_rc"

# Lookups keep being answered while another process imports into the same store.
t_import_while_serving() {
    python3 "$repo/../shared/bench/gen_tmx.py" --units 30000 --seed 3 --out "$W/more.tmx" 2>/dev/null ||
        python3 - "$W/more.tmx" <<'PY'
import sys
with open(sys.argv[1], "w", encoding="utf-8") as f:
    f.write('<?xml version="1.0" encoding="UTF-8"?>\n<tmx version="1.4"><header srclang="en" datatype="plaintext" segtype="sentence" adminlang="en" creationtool="t" creationtoolversion="1" o-tmf="t"/><body>\n')
    for i in range(30000):
        f.write('<tu><tuv xml:lang="en"><seg>generated sentence number %d for the import</seg></tuv><tuv xml:lang="zh-CN"><seg>生成的第%d句</seg></tuv></tu>\n' % (i, i))
    f.write('</body></tmx>\n')
PY
    "$TMKIT" import -q "$W/more.tmx" &
    local imp=$! n=0 bad=0 code
    while kill -0 "$imp" 2>/dev/null; do
        code=$(curl -s -o /dev/null -w '%{http_code}' --max-time 10 "http://127.0.0.1:$RO_PORT/tmserver/en/zh_cn/unit/Published%3A%20Jul%2028%2C%202020%2008%3A23%20PM")
        n=$((n + 1))
        [ "$code" = 200 ] || bad=$((bad + 1))
    done
    wait "$imp" || { echo "#   import failed"; return 1; }
    echo "#   $n lookups during the import, $bad failed"
    [ "$bad" -eq 0 ] || return 1
    curl -s --max-time 10 "http://127.0.0.1:$RO_PORT/healthz" | python3 -c 'import json,sys; sys.exit(0 if json.load(sys.stdin)["units"] > 14 else 1)'
}
if t_import_while_serving; then ok "lookups answered during an import by another process, new units seen after it"; else not_ok "lookups during an import"; fi

if grep -qE '^GET /tmserver/en/de/unit/test 200 [0-9.]+ ms$' "$W/ro.log" && grep -qE '^GET /nowhere 404 [0-9.]+ ms$' "$W/ro.log"; then
    ok "one log line per request: method, path, status, milliseconds"
else
    not_ok "request log lines"; head -5 "$W/ro.log" | sed 's/^/#   /'
fi

stop_server "$RO_PID" "read-only server"
stop_server "$RW_PID" "writable server"

t_bad_listen() {
    "$TMKIT" serve --listen nonsense 2>/dev/null; [ $? -eq 2 ] || return 1
    "$TMKIT" serve --listen 127.0.0.1:99999 2>/dev/null; [ $? -eq 2 ] || return 1
    "$TMKIT" --db "$W/none" serve --listen 127.0.0.1:0 2>/dev/null; [ $? -eq 2 ] || return 1
    [ ! -e "$W/none" ]
}
if t_bad_listen; then ok "bad --listen or a missing store (read-only): exit 2"; else not_ok "bad --listen or missing store"; fi

finish
