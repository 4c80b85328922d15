// npm run data:text -- [--sources austen,wordnet,...]
// The sentence pool of each text source (default: all of them), with what was kept and skipped, as a
// markdown table: what corpus v2's text would be, before any audio is made.

import { parseArgs } from 'node:util';
import { sourcePools } from './pool';
import { TEXT_SOURCES, type TextSourceId } from './sources';

const { values } = parseArgs({ options: { sources: { type: 'string', default: Object.keys(TEXT_SOURCES).join(',') } } });
const ids = values.sources.split(',') as TextSourceId[];
for (const id of ids) if (!(id in TEXT_SOURCES)) throw new Error(`unknown text source ${id}; known: ${Object.keys(TEXT_SOURCES).join(', ')}`);
const t0 = performance.now();
const { counts } = sourcePools(ids.map((id) => TEXT_SOURCES[id]));
console.log('| source | package | licence | passages | sentences kept | other scripts or markup | unspeakable | wrong shape | duplicates |');
console.log('| --- | --- | --- | --- | --- | --- | --- | --- | --- |');
for (const c of counts) {
  const s = TEXT_SOURCES[c.id as TextSourceId];
  console.log(`| ${c.id} | ${s.debianPackage} | ${s.licence} | ${c.passages} | ${c.kept} | ${c.foreign} | ${c.unspeakable} | ${c.shape} | ${c.duplicate} |`);
}
console.log(`\n${counts.reduce((n, c) => n + c.kept, 0)} distinct sentences in ${((performance.now() - t0) / 1000).toFixed(0)} s`);
