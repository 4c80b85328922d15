// npm run train -- --config tiny|small [--resume] [--workers 2] [--data DIR] [--out DIR] [--seed N] [--minutes M] [--steps N] [--backend wasm|tensorflow|cpu]
//
// Trains MELD from scratch (or resumes exactly from the last checkpoint) and writes checkpoints,
// JSONL logs and loss curves to the output directory (default: checkpoints/<config>).

import { parseArgs } from 'node:util';
import { TRAIN_CONFIGS } from './config';
import { plotLossCurves } from './plot';
import { stopOnSignals } from './signals';
import { initBackend, type BackendName } from './tf/backend';
import { runTraining } from './trainer';

const { values } = parseArgs({
  options: {
    config: { type: 'string', default: 'tiny' },
    resume: { type: 'boolean', default: false },
    data: { type: 'string' },
    out: { type: 'string' },
    seed: { type: 'string', default: '1' },
    minutes: { type: 'string' },
    steps: { type: 'string' },
    backend: { type: 'string', default: 'auto' },
    workers: { type: 'string', default: '1' },
  },
});

const name = values.config as keyof typeof TRAIN_CONFIGS;
if (!(name in TRAIN_CONFIGS)) {
  console.error(`unknown --config ${values.config}; choose one of ${Object.keys(TRAIN_CONFIGS).join(', ')}`);
  process.exit(2);
}
const train = { ...TRAIN_CONFIGS[name], ...(values.data ? { data: values.data } : {}), ...(values.steps ? { steps: Number(values.steps) } : {}) };
const outDir = values.out ?? `checkpoints/${name}`;

const backend = await initBackend(values.backend as BackendName | 'auto');
console.log(`tfjs backend: ${backend}`);

const stopSignal = stopOnSignals();

const result = await runTraining({
  train, outDir, seed: Number(values.seed), resume: values.resume, stopSignal, workers: Number(values.workers),
  maxMinutes: values.minutes ? Number(values.minutes) : undefined,
});
await plotLossCurves(outDir);
process.exit(result.stoppedBy === 'non-finite' ? 3 : 0);
