// npm run checkpoint:slim -- IN OUT [--log-every N]
//
// Writes a training checkpoint's weights as float16, without the AdamW moments: the form the
// repository keeps (about a sixth of the full file). `npm run train -- --resume` continues from it,
// with the moments re-warming from zero; exact resume needs the full file (keep it in a git-ignored folder).
// The run's log and curves go beside it: the log thinned to every validation and every N-th step record
// of each task (default 10), the curves (drawn by the trainer from the full log) copied as they are.

import * as fs from 'node:fs';
import * as path from 'node:path';
import { parseArgs } from 'node:util';
import { writeSlimCheckpoint } from '../loop/checkpoint';
import { thinLog } from '../loop/runLog';
import { initBackend } from '../tf/backend';

const { positionals, values } = parseArgs({ allowPositionals: true, options: { 'log-every': { type: 'string', default: '10' } } });
const [from, to] = positionals;
const every = Number(values['log-every']);
if (!from || !to || !(Number.isInteger(every) && every >= 1)) {
  console.error('usage: npm run checkpoint:slim -- <full checkpoint> <slim checkpoint> [--log-every N >= 1]');
  process.exit(2);
}
await initBackend('wasm');
const { bytes, tensors } = writeSlimCheckpoint(from, to);
console.log(`${to}: ${tensors} weight tensors as float16, ${(bytes / 2 ** 20).toFixed(1)} MiB`);

const [fromDir, toDir] = [path.dirname(from), path.dirname(to)];
if (path.resolve(fromDir) !== path.resolve(toDir)) {
  const log = path.join(fromDir, 'log.jsonl');
  if (fs.existsSync(log)) {
    const { kept, of } = thinLog(log, path.join(toDir, 'log.jsonl'), every);
    console.log(`${path.join(toDir, 'log.jsonl')}: ${kept} of ${of} records (every validation, every ${every}th step of each task)`);
  }
  const curves = path.join(fromDir, 'loss-curves.html');
  if (fs.existsSync(curves)) fs.copyFileSync(curves, path.join(toDir, 'loss-curves.html'));
}
