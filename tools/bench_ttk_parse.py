#!/usr/bin/env python3
"""Times Translate Toolkit's TMX reader on one file: the peer that tools/bench_import.sh
compares tmkit's import with. Prints one JSON line: {"units": N, "seconds": S, "file": PATH}.

  /usr/bin/python3 tools/bench_ttk_parse.py FILE.tmx

Run it with the Debian interpreter (/usr/bin/python3), where python3-translate is installed.
The time covers opening the file, parsing it with tmx.tmxfile and building the unit list,
which is what a TTK-based tool does before it can use a memory; peak memory is measured from
outside (/usr/bin/time -v).
"""
import json
import sys
import time


def main():
    if len(sys.argv) != 2:
        print("usage: bench_ttk_parse.py FILE.tmx", file=sys.stderr)
        return 2
    path = sys.argv[1]
    try:
        from translate.storage import tmx
    except ImportError as e:
        print(f"bench_ttk_parse: Translate Toolkit is not importable by {sys.executable}: {e}"
              " (install python3-translate and run with /usr/bin/python3)", file=sys.stderr)
        return 2
    start = time.perf_counter()
    with open(path, "rb") as f:
        store = tmx.tmxfile(f)
    units = len(store.units)
    seconds = time.perf_counter() - start
    print(json.dumps({"file": path, "units": units, "seconds": round(seconds, 6)}))
    return 0


if __name__ == "__main__":
    sys.exit(main())
