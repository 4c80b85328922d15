// npm run train -- --config tiny|small [--resume] [--workers 2] [--data DIR] [--out DIR] [--seed N] [--minutes M] [--steps N] [--stop-after N] [--backend auto|tensorflow|wasm-blas|wasm|cpu]
//
// Trains MELD from scratch (or resumes exactly from the last checkpoint) and writes checkpoints,
// JSONL logs and loss curves to the output directory (default: checkpoints/<config>).

import { TRAIN_CONFIGS } from './config';
import { plotLossCurves } from './loop/plot';
import { parseRunArgs } from './loop/runArgs';
import { stopOnSignals } from './loop/signals';
import { runTraining } from './loop/trainer';

const args = await parseRunArgs(TRAIN_CONFIGS, (name) => `checkpoints/${name}`);
const result = await runTraining({ ...args, stopSignal: stopOnSignals() });
await plotLossCurves(args.outDir);
process.exit(result.stoppedBy === 'non-finite' ? 3 : 0);
