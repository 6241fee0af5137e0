#!/usr/bin/env bash
# The main job on the shipped data: sets up, builds, imports the shipped memory into the
# default store ($TMKIT_DB, else ~/.local/share/tmkit/default), shows what it holds, looks a
# sentence up from Chinese to Korean, and aligns the shipped texts again into a TMX file
# (build/shangganling.aligned.tmx) to compare with the hand alignment.
set -euo pipefail
cd "$(dirname "$0")/.."
bash tools/setup.sh
bash tools/build.sh build >/dev/null
tmkit=build/tmkit
$tmkit import tmx/shangganling.en-zh-ko.tmx
$tmkit stats
$tmkit show --limit 5
echo "--- lookup zh -> ko"
$tmkit lookup "中国中央电视台军事频道7月27日播出了电影《上甘岭》。" --from zh --to ko
echo "--- align en, zh, ko"
$tmkit align en=tmx/sources/shangganling.en.txt zh=tmx/sources/shangganling.zh.txt \
  ko=tmx/sources/shangganling.ko.txt -o build/shangganling.aligned.tmx
echo "wrote build/shangganling.aligned.tmx"
