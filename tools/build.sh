#!/usr/bin/env bash
# Configures and builds tmkit into build/ (or the directory given as $1) with Ninja.
# Extra arguments are passed to cmake, e.g. tools/build.sh build-asan -DTMKIT_SANITIZE=ON.
set -euo pipefail
cd "$(dirname "$0")/.."
dir=${1:-build}
shift || true
cmake -S . -B "$dir" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo "$@" >/dev/null
cmake --build "$dir" -j "$(nproc)"
