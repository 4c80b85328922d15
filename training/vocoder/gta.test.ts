// Fine-tuning the vocoder on ground-truth-aligned mels (gta.ts): the clips keep the recordings'
// timing, carry the model's mels, and the fine-tune starts from its init checkpoint's weights.

import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AUDIO } from '../../models/config/audio';
import { TRAIN_CONFIGS } from '../config';
import { readCheckpointFile } from '../loop/checkpoint';
import { runTraining } from '../loop/trainer';
import { initBackend } from '../tf/backend';
import { loadVocoderClips } from './data';
import { gtaResynthesizer } from './gta';
import { VOCODER_TRAIN_CONFIGS, runVocoderTraining } from './trainer';

const t = VOCODER_TRAIN_CONFIGS.tiny;
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'vocoder-gta-'));
const lmCheckpoint = path.join(dir, 'lm', 'checkpoint.bin');

beforeAll(async () => {
  await initBackend('wasm');
  if (!fs.existsSync(path.join(t.data, 'manifest.jsonl'))) throw new Error(`the vocoder tests need the tiny corpus: npm run data -- --config tiny`);
  // A few steps of the tiny time-aligned model: enough weights to resynthesise with.
  await runTraining({ train: { ...TRAIN_CONFIGS['tiny-aligned'], steps: 4 }, outDir: path.dirname(lmCheckpoint), seed: 2, resume: false, quiet: true });
}, 120_000);

afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

describe('GTA vocoder fine-tuning', () => {
  it('resynthesised clips keep the recording (samples, whole LM steps of frames) and replace its mel, reproducibly', () => {
    const { stats, clips } = loadVocoderClips(t.data, 'train', t.window, { limit: 6, seed: 1 });
    const resynthesizer = gtaResynthesizer(t.data, lmCheckpoint);
    const gta = resynthesizer.clips(clips, stats, 7);
    expect(gta).toHaveLength(clips.length);
    gta.forEach((g, i) => {
      const real = clips[i];
      expect(g.id).toBe(real.id);
      expect(g.samples).toBe(real.samples);
      expect(g.frames % 4).toBe(0); // whole steps of r = 4 frames
      expect(real.frames - g.frames).toBeLessThan(4);
      expect(g.mel.length).toBe(g.frames * AUDIO.nMels);
      expect(g.mel.every(Number.isFinite)).toBe(true);
      expect(Array.from(g.mel.subarray(0, 80))).not.toEqual(Array.from(real.mel.subarray(0, 80)));
    });
    const again = resynthesizer.clips(clips, stats, 7);
    expect(again.map((g) => Array.from(g.mel))).toEqual(gta.map((g) => Array.from(g.mel)));
    resynthesizer.dispose();
  }, 60_000);

  it('a fine-tune starts from its init checkpoint: with a zero learning rate it ends with the same weights', async () => {
    const init = await runVocoderTraining({ train: { ...t, steps: 2 }, outDir: path.join(dir, 'voc'), seed: 1, resume: false, quiet: true });
    const tuned = await runVocoderTraining({
      train: { ...t, steps: 2, peakLr: 0, init: init.checkpoint, gta: lmCheckpoint }, outDir: path.join(dir, 'voc-gta'), seed: 4, resume: false, quiet: true,
    });
    expect(tuned.finalStep).toBe(2);
    const a = readCheckpointFile(init.checkpoint).tensors;
    const b = readCheckpointFile(tuned.checkpoint).tensors;
    const weights = [...a.keys()].filter((n) => !n.startsWith('adam.'));
    expect(weights.length).toBeGreaterThan(0);
    for (const n of weights) expect(Array.from(b.get(n)!.data)).toEqual(Array.from(a.get(n)!.data));
  }, 120_000);
});
