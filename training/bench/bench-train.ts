// Times the trainer's whole step (trainStep: gradients, the gradient worker, AdamW) on synthetic
// batches, on plain tfjs-wasm products and on the native OpenBLAS ones, with one and two gradient
// threads, in one process. The last line is the two-thread rows/s ratio, for scripts to read.
//   npm run bench:train [-- --config small --rows 3072 --steps 4]

import * as os from 'node:os';
import { parseArgs } from 'node:util';
import * as tf from '@tensorflow/tfjs';
import { MELD_CONFIGS, type MeldConfigName } from '../../models/meld/config';
import { TRAIN_CONFIGS, lossWeights } from '../config';
import { stepFlops } from '../loop/flops';
import { initParams, trainableNames } from '../model/params';
import { GradientWorker } from '../parallel/gradientPool';
import { syntheticBatches } from '../data/syntheticBatches';
import { initBackend } from '../tf/backend';
import { meldOptimizer } from '../loop/trainer';
import { trainStep } from '../loop/trainStep';

const { values } = parseArgs({ options: { config: { type: 'string', default: 'small' }, rows: { type: 'string' }, steps: { type: 'string', default: '4' } } });
const name = values.config as MeldConfigName;
const t = TRAIN_CONFIGS[name];
const c = MELD_CONFIGS[name];
const rows = Number(values.rows ?? t.maxRows);
const steps = Number(values.steps);
// The worker's batches differ from the main thread's, as in training.
const [mine, theirs] = [syntheticBatches(c, rows, 1), syntheticBatches(c, rows, 2)];
const weights = lossWeights(t);

interface Result { msPerStep: number; rowsPerSec: number; gflops: number }

/** Two warm-up steps (one per task: they size the heap), then `steps` steps alternating TTS and STT as training does. */
async function measure(backend: 'wasm' | 'wasm-blas', workers: number): Promise<Result> {
  await initBackend(backend);
  const params = initParams(c, 1);
  const names = trainableNames(c);
  const opt = meldOptimizer(params, names, t);
  const pool = workers > 1 ? await GradientWorker.start(c, names, backend) : null;
  let [ms, rowCount, flops] = [0, 0, 0];
  for (let i = 0; i < steps + 2; i++) {
    const task = i % 2 === 0 ? 'tts' : 'stt';
    const batch = mine[task];
    const second = pool ? theirs[task] : null;
    const t0 = performance.now();
    await trainStep(c, params, names, opt, pool, { batch, second, dropoutSeed: i, weights, lr: 1e-4 });
    if (i < 2) continue;
    ms += performance.now() - t0;
    rowCount += batch.B * batch.T + (second ? second.B * second.T : 0);
    flops += stepFlops(c, batch) + (second ? stepFlops(c, second) : 0);
  }
  await pool?.stop();
  tf.dispose([...Object.values(params), ...Object.values(opt.m), ...Object.values(opt.v)]);
  return { msPerStep: ms / steps, rowsPerSec: (rowCount * 1000) / ms, gflops: flops / ms / 1e6 };
}

console.log(`${name} config, ~${rows} rows a batch (tts ${mine.tts.B}x${mine.tts.T}, stt ${mine.stt.B}x${mine.stt.T}), ${steps} timed steps a run; load average ${os.loadavg().map((l) => l.toFixed(2)).join(' ')} on ${os.cpus().length} CPUs`);
const ratios: number[] = [];
for (const workers of [1, 2]) {
  const r: Partial<Record<'wasm' | 'wasm-blas', Result>> = {};
  for (const backend of ['wasm', 'wasm-blas'] as const) {
    const x = (r[backend] = await measure(backend, workers));
    console.log(`${backend.padEnd(9)} ${workers} worker${workers > 1 ? 's' : ' '}: ${x.msPerStep.toFixed(0)} ms/step, ${x.rowsPerSec.toFixed(0)} rows/s, ${x.gflops.toFixed(1)} GFLOP/s`);
  }
  ratios.push(r['wasm-blas']!.rowsPerSec / r.wasm!.rowsPerSec);
}
console.log(`load average after: ${os.loadavg().map((l) => l.toFixed(2)).join(' ')}`);
console.log(`native/wasm rows/s, 1 worker: ${ratios[0].toFixed(2)}x`);
console.log(`native/wasm rows/s: ${ratios[1].toFixed(2)}x`);
