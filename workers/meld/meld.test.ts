// The MELD engine in-process on the shipped export (onnxruntime-node; one case on onnxruntime-web's
// WASM build): streaming, determinism, cancellation, bad input and file integrity. Quality is the
// evaluation harness's job (reports/), not this test's.

import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadModelFromDisk } from '../../training/cli/nodeModel';
import { readManifest } from '../../training/data/dataset';
import { decodeWav, toModelAudio } from '../../models/wav';
import { MeldError } from './errors';
import { ModelIntegrityError } from './loadMeld';
import type { MeldGraphs } from './meldGraphs';
import { transcribe } from './stt';
import { synthesize, type TtsEvent } from './tts';

const MODEL = 'public/models/meld';
let g: MeldGraphs;
let prompt: { audio: Float32Array; text: string };

beforeAll(async () => {
  g = await loadModelFromDisk(MODEL);
  const u = readManifest('data/tiny').find((x) => x.split === 'test')!;
  prompt = { audio: toModelAudio(decodeWav(new Uint8Array(fs.readFileSync(path.join('data/tiny', u.wav))))), text: u.text };
});
afterAll(async () => {
  await g?.release();
});

describe('MELD engine (Node, onnxruntime-node)', () => {
  it('streams audio chunks that add up to the result, and repeats itself for a seed', async () => {
    const chunks: Float32Array[] = [];
    const r = await synthesize(g, { text: 'Good morning.', prompt, seed: 3 }, (e: TtsEvent) => {
      if (e.type === 'audio') chunks.push(e.samples);
    });
    expect(r.audio.length).toBe(chunks.reduce((n, c) => n + c.length, 0));
    expect(r.frames).toBe(r.codes.length * g.config.framesPerStep);
    // The neural vocoder gives hop samples per frame; Griffin-Lim's inverse STFT spans the frame centres.
    if (r.frames > 1) expect(r.audio.length).toBe(r.vocoder === 'neural' ? r.frames * 256 : (r.frames - 1) * 256);
    expect(r.vocoder).toBe(g.manifest.vocoder ? 'neural' : 'griffin-lim');
    const again = await synthesize(g, { text: 'Good morning.', prompt, seed: 3 });
    expect(again.codes).toEqual(r.codes);
    expect(Array.from(again.audio.subarray(0, 2000))).toEqual(Array.from(r.audio.subarray(0, 2000)));
  }, 120_000);

  it('stops when cancelled, keeping what it made', async () => {
    const ctl = new AbortController();
    let steps = 0;
    const run = synthesize(g, { text: 'This sentence is long enough to be stopped halfway through its generation.', prompt, seed: 1, signal: ctl.signal }, (e) => {
      if (e.type === 'progress' && (steps = e.steps) >= 8) ctl.abort();
    });
    const r = await run;
    expect(r.stoppedBy).toBe('stopped');
    expect(steps).toBeGreaterThanOrEqual(8);
    expect(r.codes.length).toBe(steps);
    expect(r.audio.length).toBeGreaterThan(0);
  }, 120_000);

  it('rejects bad input with clear errors', async () => {
    await expect(synthesize(g, { text: '   ', prompt })).rejects.toThrow(/no text/i);
    await expect(synthesize(g, { text: 'hello', prompt: { audio: new Float32Array(16000), text: 'x' } })).rejects.toBeInstanceOf(MeldError);
    await expect(transcribe(g, new Float32Array(32000))).rejects.toMatchObject({ detail: { kind: 'audio', reason: 'silent' } });
    const stt = await transcribe(g, prompt.audio);
    expect(typeof stt.text).toBe('string');
  }, 60_000);

  it('onnxruntime-web (WASM) decodes the same codes as onnxruntime-node for a seed', async () => {
    const web = await loadModelFromDisk(MODEL, { runtime: 'onnxruntime-web' });
    try {
      const a = await synthesize(g, { text: 'Yes.', prompt, seed: 9 });
      const b = await synthesize(web, { text: 'Yes.', prompt, seed: 9 });
      expect(b.codes.slice(0, 20)).toEqual(a.codes.slice(0, 20));
    } finally {
      await web.release();
    }
  }, 120_000);

  it('refuses a damaged model file', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'meld-model-'));
    for (const f of fs.readdirSync(MODEL)) fs.copyFileSync(path.join(MODEL, f), path.join(dir, f));
    const lm = path.join(dir, 'lm.fp32.onnx');
    const bytes = fs.readFileSync(lm);
    fs.writeFileSync(lm, bytes.subarray(0, bytes.length - 100)); // a half-downloaded file
    await expect(loadModelFromDisk(dir)).rejects.toBeInstanceOf(ModelIntegrityError);
    await expect(loadModelFromDisk(dir)).rejects.toThrow(/incomplete or damaged/);
  }, 60_000);
});
