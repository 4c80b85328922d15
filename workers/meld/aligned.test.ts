// The time-aligned layout through the exported graphs (onnxruntime-node): TTS with a force-aligned
// voice prompt, and streaming STT. On a
// tiny model trained for two steps, its slot head randomised so that it writes: what matters
// here is the mechanics, not the words. Fed in
// 100 ms chunks it writes the same transcript as fed at once, matches the trainer's tfjs decoder,
// stays within its row bound, and stops when asked.

import * as tf from '@tensorflow/tfjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MELD_CONFIGS } from '../../models/meld/config';
import { ALIGNED_LIMITS } from '../../models/meld/aligned';
import { createRng } from '../../models/random';
import { readCheckpointFile, restoreParams } from '../../training/loop/checkpoint';
import { transcribeAligned as transcribeReference } from '../../training/layout/alignedSampler';
import { initParams } from '../../training/model/params';
import { openEngine, trainTinyModel } from './testModel.nodejs';
import { initBackend } from '../../training/tf/backend';
import { type CheckpointMeta } from '../../training/loop/trainer';
import { AlignedTranscriber, transcribeAligned } from './alignedStt';
import { CUT_FROM, SEGMENT_STEPS } from './segments';
import { stftFrameCount } from '../../models/dsp';
import { LiveTranscription } from './liveStt';
import { MeldError } from './errors';
import { audioToSteps } from './frontend';
import type { MeldGraphs } from './meldGraphs';
import { transcribe } from './stt';
import { phonemeIds, synthesize } from './tts';
import { ttsStepLimit } from '../../models/meld/limits';

const c = MELD_CONFIGS['tiny-aligned'];
let g: MeldGraphs;
let checkpoint: string;
let audio: Float32Array;
let promptText: string;
let modelDir: string;

beforeAll(async () => {
  await initBackend('wasm');
  // A few steps do not teach it to write yet: give its slot head random weights (and no bias
  // towards the pad), so it emits characters and the mechanics are exercised.
  const m = await trainTinyModel('tiny-aligned', 2, (ck) => {
    const rand = createRng(4);
    const slots = ck.tensors.get('head.slots.w')!;
    slots.data = slots.data.map(() => (rand() - 0.5) * 4);
    ck.tensors.get('head.slots.b')!.data.fill(0);
  });
  ({ g, checkpoint, modelDir, audio, promptText } = m);
}, 240_000);
afterAll(async () => {
  await g?.release();
});

describe('the engine with a time-aligned model', () => {
  it('loads it (the backend check runs the text stream and both aligned heads), speaks, and transcribes live with words as progress', async () => {
    const engine = await openEngine(modelDir);
    try {
      const spoken = await engine.tts({ text: 'Good morning.', prompt: { audio: audio.slice(), text: promptText }, seed: 1, temperature: 1, topP: 0.9 });
      expect(spoken.ok && spoken.value.audio.length > 0).toBe(true);
      const events: string[] = [];
      const opened = await engine.sttStart((e) => void events.push(e.text));
      expect(opened).toEqual({ ok: true, value: { streaming: true } });
      for (let i = 0; i < audio.length; i += 3200) expect((await engine.sttPush(audio.slice(i, i + 3200))).ok).toBe(true);
      const heard = await engine.sttFinish();
      if (!heard.ok) throw new Error(JSON.stringify(heard.error));
      expect(heard.value.text).toBe(await transcribeAligned(g, audio));
      expect(events.length).toBeGreaterThan(0);
    } finally {
      await engine.dispose();
    }
  }, 120_000);
});

describe('TTS (time-aligned layout)', () => {
  it('aligns the prompt, streams audio that adds up to the result, repeats itself for a seed, and stops at its guards', async () => {
    expect(g.manifest.alignment?.units).toBeGreaterThan(50);
    const chunks: Float32Array[] = [];
    const req = { text: 'Good morning.', prompt: { audio, text: promptText }, seed: 3 };
    const r = await synthesize(g, req, (e) => { if (e.type === 'audio') chunks.push(e.samples); });
    expect(r.audio.length).toBe(chunks.reduce((n, x) => n + x.length, 0));
    expect(r.frames).toBe(r.codes.length * c.framesPerStep);
    expect(r.codes.length).toBeGreaterThan(0);
    expect(r.codes.length).toBeLessThanOrEqual(ttsStepLimit((await phonemeIds(req.text)).ids.length)); // the length guard
    const again = await synthesize(g, req);
    expect(again.codes).toEqual(r.codes);
  }, 120_000);
});

describe('streaming STT (time-aligned layout)', () => {
  it('writes the same transcript fed in 100 ms chunks as fed at once, and the tfjs decoder agrees', async () => {
    const whole = await transcribeAligned(g, audio);
    expect(whole.length).toBeGreaterThan(5);
    const partials: string[] = [];
    const t = new AlignedTranscriber(g, (text) => partials.push(text));
    // Through the engine's transcribe, the transcript arrives as progress while the audio is read.
    const progress: string[] = [];
    expect((await transcribe(g, audio, undefined, (p) => progress.push(p.text))).text).toBe(whole);
    expect(progress.at(-1)).toBe(whole);
    try {
      for (let i = 0; i < audio.length; i += 1600) await t.push(audio.subarray(i, i + 1600));
      expect((await t.finish()).trim()).toBe(whole);
    } finally {
      t.release();
    }
    partials.forEach((p, i) => { if (i > 0) expect(p.startsWith(partials[i - 1])).toBe(true); }); // text only grows
    const steps = audioToSteps(audio, g.manifest);
    expect(whole.length).toBeLessThanOrEqual(c.aligned.sttSlots * (1 + steps.count + c.aligned.sttDelay + ALIGNED_LIMITS.maxTailRows));

    const ck = readCheckpointFile<CheckpointMeta>(checkpoint);
    const params = initParams(c, 0);
    restoreParams(ck, params);
    expect(transcribeReference(c, params, steps.data, steps.count).trim()).toBe(whole);
  }, 120_000);

  it('live: words arrive while the audio is still being pushed, and the end result is the whole-file transcript', async () => {
    const whole = await transcribeAligned(g, audio);
    const seen: { text: string; pushedSeconds: number }[] = [];
    let pushed = 0;
    const live = new LiveTranscription(g, new AbortController().signal, (p) => seen.push({ text: p.text, pushedSeconds: p.totalSeconds }));
    expect(live.streaming).toBe(true);
    try {
      for (let i = 0; i < audio.length; i += 3200) {
        live.push(audio.subarray(i, i + 3200));
        pushed += Math.min(3200, audio.length - i);
        // A recording delivers in real time: let the model catch up before the next 0.2 s arrives.
        await live.caughtUp();
      }
      const r = await live.finish();
      expect(r.text).toBe(whole);
      expect(r.timing.audioSeconds).toBeCloseTo(pushed / 16000, 5);
    } finally {
      await live.release();
    }
    // Some of the transcript was there before the recording ended.
    const before = seen.filter((s) => s.pushedSeconds < audio.length / 16000 - 0.01);
    expect(before.length).toBeGreaterThan(0);
    expect(whole.startsWith(before.at(-1)!.text)).toBe(true);
  }, 120_000);

  it('cuts a recording longer than any training utterance into segments in its pauses, the same streamed as read at once', async () => {
    // ~45 s: the clip again and again, with half a second of silence between.
    const gap = 8000;
    const copies = Math.ceil((45 * 16000) / (audio.length + gap));
    const long = new Float32Array(copies * (audio.length + gap));
    for (let k = 0; k < copies; k++) long.set(audio, k * (audio.length + gap));
    const read = async (chunk: number) => {
      const t = new AlignedTranscriber(g);
      try {
        for (let i = 0; i < long.length; i += chunk) await t.push(long.subarray(i, i + chunk));
        return { text: await t.finish(), cuts: [...t.cuts] };
      } finally {
        t.release();
      }
    };
    const atOnce = await read(long.length);
    const samplesPerStep = 256 * c.framesPerStep;
    const steps = Math.floor(long.length / samplesPerStep);
    expect(atOnce.cuts.length).toBeGreaterThanOrEqual(Math.floor(steps / SEGMENT_STEPS));
    [0, ...atOnce.cuts].forEach((start, i) => {
      const end = atOnce.cuts[i] ?? steps;
      expect(end - start).toBeLessThanOrEqual(SEGMENT_STEPS);
      if (i < atOnce.cuts.length) {
        expect(end - start).toBeGreaterThanOrEqual(CUT_FROM);
        // The cut step's middle is in one of the silences.
        const middle = (end + 0.5) * samplesPerStep;
        expect(middle % (audio.length + gap)).toBeGreaterThanOrEqual(audio.length);
      }
    });
    expect(await read(1600)).toEqual(atOnce);

    // A file's length is known: one that fits a segment is one pass however quiet its pauses; streamed
    // (length unknown), the same audio is cut at its first pause after CUT_FROM steps.
    const fits = long.subarray(0, (SEGMENT_STEPS - 4) * samplesPerStep);
    const cutsOf = async (totalSteps?: number) => {
      const t = new AlignedTranscriber(g, undefined, totalSteps);
      try {
        await t.push(fits);
        await t.finish();
        return t.cuts;
      } finally {
        t.release();
      }
    };
    expect(await cutsOf(Math.floor(stftFrameCount(fits.length, 256) / c.framesPerStep))).toEqual([]);
    expect((await cutsOf()).length).toBe(1);
  }, 120_000);

  it('stops when its signal fires', async () => {
    const stop = new AbortController();
    stop.abort();
    await expect(transcribeAligned(g, audio, stop.signal)).rejects.toBeInstanceOf(MeldError);
  });
});
