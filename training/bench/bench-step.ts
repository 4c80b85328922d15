// Profiles one training step of a model config on synthetic batches shaped like the real ones:
// ms/step, rows/s, achieved GFLOP/s against the plain matMul rate, and tfjs's per-kernel times.
// (bench-train.ts compares the native and plain products over the trainer's whole step.)
//   npx tsx training/bench/bench-step.ts [tiny|small] [rows]

import * as tf from '@tensorflow/tfjs';
import { MELD_CONFIGS, type MeldConfigName } from '../../models/meld/config';
import { stepFlops } from '../loop/flops';
import { TRAIN_CONFIGS, lossWeights } from '../config';
import { computeLoss } from '../model/forward';
import { initParams, trainableNames } from '../model/params';
import { syntheticBatches } from '../data/syntheticBatches';
import { activeBackend, initBackend, measureMatMulGflops } from '../tf/backend';

const name = (process.argv[2] ?? 'small') as MeldConfigName;
const rows = Number(process.argv[3] ?? 4096);
const c = MELD_CONFIGS[name];
await initBackend('auto');
const { tts, stt } = syntheticBatches(c, rows);

const params = initParams(c, 1);
const names = trainableNames(c);
const vars = names.map((n) => params[n]);
const peak = measureMatMulGflops();
console.log(`${name}: backend ${activeBackend()}, plain matMul ${peak.toFixed(1)} GFLOP/s`);

for (const batch of [tts, stt]) {
  const run = () => {
    const { value, grads } = tf.variableGrads(() => computeLoss(c, params, batch, { dropoutSeed: 1, weights: lossWeights(TRAIN_CONFIGS[name]) }).total, vars);
    value.dataSync();
    value.dispose();
    tf.dispose(Object.values(grads));
  };
  run(); // warm-up
  const reps = 3;
  const t0 = performance.now();
  for (let i = 0; i < reps; i++) run();
  const ms = (performance.now() - t0) / reps;
  const gflops = stepFlops(c, batch) / ms / 1e6;
  console.log(`${batch.task}: B=${batch.B} T=${batch.T} rows=${batch.B * batch.T}: ${ms.toFixed(0)} ms/step, ${Math.round((batch.B * batch.T * 1000) / ms)} rows/s, ${gflops.toFixed(1)} GFLOP/s (${((100 * gflops) / peak).toFixed(0)}% of plain matMul)`);
  const profile = await tf.profile(run);
  const byKernel = new Map<string, number>();
  for (const k of profile.kernels) byKernel.set(k.name, (byKernel.get(k.name) ?? 0) + (k.kernelTimeMs as number));
  const top = [...byKernel.entries()].sort((a, b) => b[1] - a[1]).slice(0, 12);
  console.log('  top kernels (ms): ' + top.map(([k, t]) => `${k} ${t.toFixed(0)}`).join(', '));
}
