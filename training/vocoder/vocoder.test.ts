import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { concatFloat32 } from '../../models/arrays';
import { VOCODER_CONFIGS } from '../../models/vocoder/config';
import { initBackend } from '../tf/backend';
import { loadVocoderClips, packWindows } from './data';
import { IstftConstants } from './model';
import { frameSpectra } from './targets';
import { VOCODER_TRAIN_CONFIGS, runVocoderTraining } from './trainer';
import { mm } from '../tf/linalg';
import { readCheckpointFile } from '../loop/checkpoint';
import { relativeMaxError } from '../export/relativeError';

const t = VOCODER_TRAIN_CONFIGS.tiny;
const c = VOCODER_CONFIGS.tiny;
const dirs: string[] = [];

beforeAll(async () => {
  await initBackend('wasm');
  if (!fs.existsSync(path.join(t.data, 'manifest.jsonl'))) throw new Error(`the vocoder tests need the tiny corpus: npm run data -- --config tiny`);
});

afterAll(() => {
  for (const d of dirs) fs.rmSync(d, { recursive: true, force: true });
});

function tmp(): string {
  const d = fs.mkdtempSync(path.join(os.tmpdir(), 'vocoder-'));
  dirs.push(d);
  return d;
}

describe('vocoder', () => {
  it('the inverse STFT (basis product, overlap-add, envelope) gives back a recording from its own spectra', () => {
    const { clips } = loadVocoderClips(t.data, 'train', 24, { limit: 1 });
    const W = 24;
    const batch = packWindows([{ clip: clips[0], f0: 4 }], W);
    const k = new IstftConstants(c);
    // Overlap-add of the recording's own centred frames must reproduce its samples exactly.
    const frames = mm(tf.concat([tf.tensor2d(batch.re, [W, 513]), tf.tensor2d(batch.im, [W, 513])], 1) as tf.Tensor2D, k.basis); // [W, nFft]
    const seg = frames.arraySync();
    const out = new Float32Array(W * c.hop);
    const env = new Float32Array(W * c.hop);
    const w = Array.from({ length: c.nFft }, (_, n) => 0.5 - 0.5 * Math.cos((2 * Math.PI * n) / c.nFft));
    for (let f = 0; f < W; f++) {
      for (let n = 0; n < c.nFft; n++) {
        const i = f * c.hop + n - c.nFft / 2;
        if (i < 0 || i >= out.length) continue;
        out[i] += seg[f][n];
        env[i] += w[n] * w[n];
      }
    }
    // Interior samples (every frame covering them present) match the recording.
    let worst = 0;
    for (let i = c.nFft / 2; i < out.length - c.nFft / 2; i++) worst = Math.max(worst, Math.abs(out[i] / env[i] - batch.wave[i]));
    expect(worst).toBeLessThan(1e-4);
    k.dispose();
  });

  it('targets: frame spectra match a direct DFT', () => {
    const x = Float32Array.from({ length: 600 }, (_, i) => Math.sin(i * 0.3) + 0.1 * Math.cos(i * 1.7));
    const r = { nFft: 256, hop: 64 };
    const { re, im } = frameSpectra(x, 64, 2, r);
    const k = 10;
    let sr = 0;
    let si = 0;
    for (let n = 0; n < 256; n++) {
      const wn = 0.5 - 0.5 * Math.cos((2 * Math.PI * n) / 256);
      const v = x[128 + n] * wn; // frame 1 starts at 64 + 64
      sr += v * Math.cos((2 * Math.PI * k * n) / 256);
      si -= v * Math.sin((2 * Math.PI * k * n) / 256);
    }
    expect(re[129 + k]).toBeCloseTo(sr, 3);
    expect(im[129 + k]).toBeCloseTo(si, 3);
  });

  it('the tiny config trains (loss falls) and resumes exactly', async () => {
    const full = tmp();
    const a = await runVocoderTraining({ train: { ...t, steps: 30 }, outDir: full, seed: 3, resume: false, quiet: true });
    const first = a.steps.slice(0, 3).reduce((s, x) => s + x.loss, 0) / 3;
    const last = a.steps.slice(-3).reduce((s, x) => s + x.loss, 0) / 3;
    expect(last).toBeLessThan(first * 0.8);

    const split = tmp();
    await runVocoderTraining({ train: { ...t, steps: 30 }, outDir: split, seed: 3, resume: false, quiet: true, maxStepsThisRun: 12 });
    const b = await runVocoderTraining({ train: { ...t, steps: 30 }, outDir: split, seed: 3, resume: true, quiet: true });
    expect(b.steps[0].step).toBe(13);
    for (let i = 0; i < b.steps.length; i++) expect(b.steps[i].loss).toBeCloseTo(a.steps[12 + i].loss, 4);
    const ck = readCheckpointFile<{ kind: string; step: number }>(path.join(split, 'checkpoint.bin'));
    expect(ck.meta).toMatchObject({ kind: 'vocoder', step: 30 });
  }, 180_000);
});

describe('chunked streaming', () => {
  it('with exact context, chunks (doubling from 4 frames to 32) add up to whole-utterance vocoding; with too little, the seams show', async () => {
    const { ChunkedVocoder } = await import('../../models/vocoder/streaming');
    const { exactContextFrames } = await import('../../models/vocoder/config');
    const { initVocoderParams, vocoderForward } = await import('./model');
    const params = initVocoderParams(c, 5);
    const k = new IstftConstants(c);
    const vocode = async (mel: Float32Array, frames: number) =>
      tf.tidy(() => vocoderForward(c, params, k, tf.tensor2d(mel, [frames, c.nMels]), 1, frames).wave.dataSync() as Float32Array);
    const n = 90;
    const mel = Float32Array.from({ length: n * c.nMels }, (_, i) => Math.sin(i * 0.37) + 0.3 * Math.cos(i * 0.011));
    const whole = await vocode(mel, n);
    const stream = async (context: number) => {
      const v = new ChunkedVocoder({ nMels: c.nMels, hop: c.hop, context, firstChunk: 4, maxChunk: 32 }, vocode);
      const parts: Float32Array[] = [];
      for (let f = 0; f < n; f += 5) parts.push(await v.push(mel.slice(f * c.nMels, Math.min(n, f + 5) * c.nMels)));
      parts.push(await v.end());
      return concatFloat32(parts);
    };
    expect(relativeMaxError(await stream(exactContextFrames(c)), whole)).toBeLessThan(1e-5);
    expect(relativeMaxError(await stream(2), whole)).toBeGreaterThan(1e-3);
    k.dispose();
  });
});
