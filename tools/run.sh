#!/usr/bin/env bash
# The main job on the shipped data: sets up, builds, imports the shipped memory and glossary
# into the default store ($TMKIT_DB, else ~/.local/share/tmkit/default), shows what it holds,
# checks the memory against the glossary, looks a sentence up from Chinese to Korean and its
# terms up, and aligns the shipped texts again (glossary terms as anchors) into a TMX file
# (build/shangganling.aligned.tmx) to compare with the hand alignment.
set -euo pipefail
cd "$(dirname "$0")/.."
bash tools/setup.sh
bash tools/build.sh build >/dev/null
tmkit=build/tmkit
$tmkit import tmx/shangganling.en-zh-ko.tmx
$tmkit term import glossaries/korean-war.tbx
$tmkit stats
$tmkit show --limit 3
echo "--- check the memory against the glossary"
$tmkit check --strict
echo "--- lookup zh -> ko"
$tmkit lookup "中国中央电视台军事频道7月27日播出了电影《上甘岭》。" --from zh --to ko
echo "--- terms in a Korean sentence"
$tmkit term lookup "중국인민지원군의 상감령 전투는 정전협정 전에 끝났다." --from ko --to en,zh
echo "--- align en, zh, ko"
$tmkit align en=tmx/sources/shangganling.en.txt zh=tmx/sources/shangganling.zh.txt \
  ko=tmx/sources/shangganling.ko.txt -o build/shangganling.aligned.tmx
echo "wrote build/shangganling.aligned.tmx"
