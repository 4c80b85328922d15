// npm run checkpoint:slim -- IN OUT
//
// Writes a training checkpoint's weights as float16, without the AdamW moments: the form the
// repository keeps (about a sixth of the full file). `npm run train -- --resume` continues from it,
// with the moments re-warming from zero; exact resume needs the full file (keep it in a git-ignored folder).

import { writeSlimCheckpoint } from '../loop/checkpoint';
import { initBackend } from '../tf/backend';

const [from, to] = process.argv.slice(2);
if (!from || !to) {
  console.error('usage: npm run checkpoint:slim -- <full checkpoint> <slim checkpoint>');
  process.exit(2);
}
await initBackend('wasm');
const { bytes, tensors } = writeSlimCheckpoint(from, to);
console.log(`${to}: ${tensors} weight tensors as float16, ${(bytes / 2 ** 20).toFixed(1)} MiB`);
