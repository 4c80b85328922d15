// npm run train:vocoder -- --config tiny|small [--resume] [--data DIR] [--out DIR] [--seed N] [--minutes M] [--steps N]
//
// Trains the neural vocoder from scratch (or resumes exactly) into checkpoints/vocoder-<config>/.

import { parseArgs } from 'node:util';
import { plotVocoderCurves } from '../plot';
import { stopOnSignals } from '../signals';
import { initBackend, type BackendName } from '../tf/backend';
import { VOCODER_TRAIN_CONFIGS, runVocoderTraining } from './trainer';

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
  },
});

const name = values.config as keyof typeof VOCODER_TRAIN_CONFIGS;
if (!(name in VOCODER_TRAIN_CONFIGS)) {
  console.error(`unknown --config ${values.config}; choose one of ${Object.keys(VOCODER_TRAIN_CONFIGS).join(', ')}`);
  process.exit(2);
}
const train = { ...VOCODER_TRAIN_CONFIGS[name], ...(values.data ? { data: values.data } : {}), ...(values.steps ? { steps: Number(values.steps) } : {}) };
const outDir = values.out ?? `checkpoints/vocoder-${name}`;
console.log(`tfjs backend: ${await initBackend(values.backend as BackendName | 'auto')}`);

const result = await runVocoderTraining({
  train, outDir, seed: Number(values.seed), resume: values.resume, stopSignal: stopOnSignals(),
  maxMinutes: values.minutes ? Number(values.minutes) : undefined,
});
await plotVocoderCurves(outDir);
process.exit(result.stoppedBy === 'non-finite' ? 3 : 0);
