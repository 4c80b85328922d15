// A short tiny-config run on the tiny corpus (built by `npm run data -- --config tiny`) follows the
// same loss curve on OpenBLAS products as on tfjs-wasm's, with the gradient worker on both paths.

import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TRAIN_CONFIGS } from '../config';
import { runTraining } from '../loop/trainer';
import { initBackend } from './backend';
import { nativeAddonOrSkip } from './nativeGate';
import { nativeMatMulCalls } from './nativeMatMul';

const available = nativeAddonOrSkip();
const tiny = TRAIN_CONFIGS.tiny;

beforeAll(() => {
  if (!fs.existsSync(path.join(tiny.data, 'manifest.jsonl'))) {
    throw new Error(`the tiny corpus is missing at ${tiny.data}: build it with \`npm run data -- --config tiny\``);
  }
});
afterAll(async () => {
  await initBackend('wasm');
});

describe.skipIf(!available)('training on native products', () => {
  it('gives the loss curve of the tfjs-wasm path (30 steps, two gradient threads)', async () => {
    const train = { ...tiny, steps: 30, ttsOnlySteps: 10, evalEvery: 1000 };
    const run = async (backend: 'wasm' | 'wasm-blas') => {
      await initBackend(backend);
      const outDir = fs.mkdtempSync(path.join(os.tmpdir(), 'meld-native-'));
      return (await runTraining({ train, outDir, seed: 7, resume: false, quiet: true, workers: 2 })).steps.map((s) => s.loss);
    };
    const wasm = await run('wasm');
    const before = nativeMatMulCalls();
    const blas = await run('wasm-blas');
    expect(nativeMatMulCalls()).toBeGreaterThan(before); // the products did run on OpenBLAS
    expect(blas).toHaveLength(wasm.length);
    const worst = Math.max(...wasm.map((l, i) => Math.abs(blas[i] - l) / Math.abs(l)));
    console.log(`native vs wasm loss curve: ${wasm[0].toFixed(3)} -> ${wasm.at(-1)!.toFixed(3)}, worst relative difference ${worst.toExponential(1)}`);
    // Products round differently (summation order, FMA), and 30 AdamW steps carry the differences
    // along. Measured here: 1.2e-7 (the last float digit of the loss); the bound leaves room.
    expect(worst).toBeLessThan(1e-4);
  }, 300_000);
});
