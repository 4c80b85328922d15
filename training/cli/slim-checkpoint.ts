// npm run checkpoint:slim -- IN OUT [--log-every N]
//
// Writes a training checkpoint's weights as float16, without the AdamW moments: the form the
// repository keeps (about a sixth of the full file). `npm run train -- --resume` continues from it,
// with the moments re-warming from zero; exact resume needs the full file (keep it in a git-ignored folder).
// When IN lies in a run folder, the run's log and curves go beside OUT: the log up to IN's step, thinned to
// every validation and 1 in N step records of each task (default 10), the curves (drawn by the trainer from
// the full log) copied as they are.

import * as fs from 'node:fs';
import * as path from 'node:path';
import { parseArgs } from 'node:util';
import { writeSlimCheckpoint } from '../loop/checkpoint';
import { thinLog } from '../loop/runLog';
import { initBackend } from '../tf/backend';

const usage = 'usage: npm run checkpoint:slim -- <full checkpoint> <slim checkpoint> [--log-every N >= 1]';
function parse() {
  try {
    return parseArgs({ allowPositionals: true, options: { 'log-every': { type: 'string', default: '10' } } });
  } catch (e) {
    console.error(`${(e as Error).message}\n${usage}`);
    process.exit(2);
  }
}
const { positionals, values } = parse();
const [from, to, ...rest] = positionals;
const every = Number(values['log-every']);
if (!from || !to || rest.length > 0 || !(Number.isInteger(every) && every >= 1)) {
  console.error(usage);
  process.exit(2);
}
await initBackend('wasm');
const { bytes, tensors, step } = writeSlimCheckpoint(from, to);
console.log(`${to}: ${tensors} weight tensors as float16, ${(bytes / 2 ** 20).toFixed(1)} MiB`);

// The log goes along only to another folder: thinning a run's own log in place would lose it.
const [fromDir, toDir] = [path.dirname(from), path.dirname(to)].map((d) => fs.realpathSync(d));
const [log, curves] = [path.join(fromDir, 'log.jsonl'), path.join(fromDir, 'loss-curves.html')];
if (fromDir === toDir) console.log(`${to} is in ${from}'s folder: its log stays as it is`);
else if (!fs.existsSync(log)) console.warn(`no log.jsonl beside ${from}: ${toDir} keeps whatever log it had`);
else {
  const { kept, of } = thinLog(log, path.join(toDir, 'log.jsonl'), every, step);
  console.log(`${path.join(toDir, 'log.jsonl')}: ${kept} of ${of} records up to step ${step ?? 'any'} (every validation, 1 in ${every} step records of each task)`);
  if (fs.existsSync(curves)) fs.copyFileSync(curves, path.join(toDir, 'loss-curves.html'));
}
