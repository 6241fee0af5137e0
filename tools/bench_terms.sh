#!/usr/bin/env bash
# Term recognition benchmark: builds bench_term_matcher in build-bench/ (or $BUILD_DIR) and runs
# it. Arguments go to the benchmark (--concepts N, default 100000; --mb M of text per language,
# default 1; --seed S). It prints the term base size, build time, and per language the time
# and MB/s of scanning the text as one piece and line by line, and peak RSS.
#
#   tools/bench_terms.sh
#   tools/bench_terms.sh --concepts 10000 --mb 4
set -euo pipefail
cd "$(dirname "$0")/.."
dir=${BUILD_DIR:-build-bench}
cmake -S . -B "$dir" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
cmake --build "$dir" --target bench_term_matcher >&2
echo "commit $(git rev-parse --short HEAD)$([ -z "$(git status --porcelain -- src/glossary src/text tools/bench_term_matcher.cpp)" ] || echo ' + uncommitted changes'), $(nproc) cores, $(date -u +%Y-%m-%dT%H:%MZ)"
echo "command: tools/bench_terms.sh $*"
"$dir/bench_term_matcher" "$@"
