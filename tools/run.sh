#!/usr/bin/env bash
# The main job on the shipped data: sets up, builds, imports the shipped memory into the
# default store ($TMKIT_DB, else ~/.local/share/tmkit/default) and shows what it holds.
set -euo pipefail
cd "$(dirname "$0")/.."
bash tools/setup.sh
bash tools/build.sh build >/dev/null
tmkit=build/tmkit
$tmkit import tmx/shangganling.en-zh-ko.tmx
$tmkit stats
$tmkit show --limit 5
