// npm run train:vocoder -- --config tiny|small|small-gta [--init VOCODER_CHECKPOINT] [--gta MELD_CHECKPOINT] [--resume] [--data DIR] [--out DIR] [--seed N] [--minutes M] [--steps N] [--backend auto|tensorflow|wasm-blas|wasm|cpu]
//
// Trains the neural vocoder from scratch (or resumes exactly) into checkpoints/vocoder-<config>/.
// small-gta fine-tunes a vocoder (--init; default the shipped GTA one) on a MELD checkpoint's ground-truth-aligned mels (--gta; default checkpoints/meld-v2; gta.ts).

import { plotVocoderCurves } from '../loop/plot';
import { parseRunArgs } from '../loop/runArgs';
import { stopOnSignals } from '../loop/signals';
import { VOCODER_TRAIN_CONFIGS, runVocoderTraining } from './trainer';

const args = await parseRunArgs(VOCODER_TRAIN_CONFIGS, (name) => `checkpoints/vocoder-${name}`, ['init', 'gta']);
const result = await runVocoderTraining({ ...args, stopSignal: stopOnSignals() });
await plotVocoderCurves(args.outDir);
process.exit(result.stoppedBy === 'non-finite' ? 3 : 0);
