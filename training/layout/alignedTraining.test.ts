// The time-aligned layout trains for real on the tiny corpus, and its decoders keep their guards.

import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { ALIGNED_LIMITS } from '../../models/meld/aligned';
import { readCheckpointFile, restoreParams } from '../loop/checkpoint';
import { TRAIN_CONFIGS } from '../config';
import { MELD_CONFIGS } from '../../models/meld/config';
import { loadCorpus } from '../data/dataset';
import { initParams } from '../model/params';
import { initBackend } from '../tf/backend';
import { type CheckpointMeta, runTraining } from '../loop/trainer';
import { resynthesizeTeacherForced } from '../model/teacherForced';
import { synthesizeAligned, transcribeAligned } from './alignedSampler';

const train = TRAIN_CONFIGS['tiny-aligned'];
const c = MELD_CONFIGS['tiny-aligned'];

beforeAll(async () => {
  if (!fs.existsSync(path.join(train.data, 'manifest.jsonl'))) throw new Error(`the tiny corpus is missing at ${train.data}: npm run data -- --config tiny`);
  await initBackend('wasm');
});

describe('time-aligned layout (tiny config)', () => {
  it('overfits a fixed TTS batch: the loss and the advance CE fall, and decoding keeps its guards', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'meld-aligned-'));
    const r = await runTraining({ train: { ...train, steps: 60, ttsOnlySteps: 60 }, outDir: dir, seed: 3, resume: false, fixedBatch: true, quiet: true });
    const mean = (xs: number[]) => xs.reduce((s, x) => s + x, 0) / xs.length;
    const [first, last] = [r.steps.slice(0, 3), r.steps.slice(-3)];
    const loss = [mean(first.map((s) => s.loss)), mean(last.map((s) => s.loss))];
    const advance = [mean(first.map((s) => s.advance)), mean(last.map((s) => s.advance))];
    console.log(`aligned overfit: loss ${loss[0].toFixed(2)} -> ${loss[1].toFixed(2)}, advance CE ${advance[0].toFixed(2)} -> ${advance[1].toFixed(2)}`);
    expect(advance[0]).toBeGreaterThan(1); // about ln(5) untrained
    expect(advance[1]).toBeLessThan(0.75 * advance[0]);
    expect(loss[1]).toBeLessThan(0.5 * loss[0]);

    const ck = readCheckpointFile<CheckpointMeta>(path.join(dir, 'checkpoint.bin'));
    const params = initParams(c, 3);
    restoreParams(ck, params);
    const [u] = loadCorpus(train.data, ['valid'], c, { limit: 1 }).utterances;
    const maxSteps = 3 * u.phonemeIds.length;
    const tts = synthesizeAligned(c, params, { phonemeIds: u.phonemeIds, seed: 1, maxSteps });
    expect(tts.frames).toBe(tts.codes.length * c.framesPerStep);
    expect(tts.codes.length).toBeLessThanOrEqual(maxSteps);
    expect(tts.mel.length).toBe(tts.frames * c.nMels);
    // The transcript can never outrun the audio: sttSlots characters a row, over the audio, its delay and the tail guard.
    const text = transcribeAligned(c, params, u.mel, u.steps);
    expect(text.length).toBeLessThanOrEqual(c.aligned.sttSlots * (u.steps + c.aligned.sttDelay + ALIGNED_LIMITS.maxTailRows + 1));

    // Teacher-forced resynthesis (the latent bottleneck's ceiling): one step per target step, after a
    // prompt too, and training brought it closer to the recording than the untrained weights were.
    const [prompt] = loadCorpus(train.data, ['valid'], c, { limit: 2 }).utterances.slice(1);
    const again = resynthesizeTeacherForced(c, params, u, prompt, 1);
    expect(again.codes).toHaveLength(u.steps);
    expect(again.frames).toBe(u.steps * c.framesPerStep);
    const mse = (mel: Float32Array) => mel.reduce((s, x, i) => s + (x - u.mel[i]) ** 2, 0) / mel.length;
    const untrained = resynthesizeTeacherForced(c, initParams(c, 3), u, prompt, 1);
    console.log(`teacher-forced resynthesis MSE: untrained ${mse(untrained.mel).toFixed(3)}, after the overfit ${mse(again.mel).toFixed(3)}`);
    expect(mse(again.mel)).toBeLessThan(0.8 * mse(untrained.mel));
  }, 180_000);
});
