// Fuzz: the engine's request validation, alone (pure) and through a loaded MeldEngine in-process.
// Every generated bad request gets a typed error with a message: never an exception, a hang, a
// 'run-failed' (an error nobody anticipated) or a success.

import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAX_TEXT_CHARS, PROMPT_SECONDS, STT_SECONDS } from '../../models/meld/requestLimits';
import { tone } from '../../models/testSignals';
import { readFromDisk } from './diskDownloader.nodejs';
import { MeldEngine } from './meldEngine';
import type { EngineError } from './meldEngineApi';
import { MAX_CHUNK_SAMPLES, validateSttAudio, validateSttChunk, validateTtsParams } from './validateRequest';

/** The kinds a bad request may be refused with; each carries a message. */
const REQUEST_ERRORS = ['invalid-request', 'text', 'audio', 'prompt'] as const;

function expectTypedWithMessage(error: EngineError): void {
  expect(REQUEST_ERRORS).toContain(error.kind);
  expect('message' in error && typeof error.message === 'string' && error.message.length > 10).toBe(true);
}

const goodPrompt = { audio: tone(180, 2, { harmonics: 4, amplitude: 0.3 }), text: 'a voice prompt' };
/** A good request's fields, each as an arbitrary: the generators below break one field at a time. */
const good = { text: fc.constant('Hello there.'), prompt: fc.constant(goodPrompt), seed: fc.constant(1), temperature: fc.constant(1), topP: fc.constant(0.9) };

const badAudio = fc.oneof(
  fc.anything(),
  fc.constant(new Float32Array(0)), // nothing to hear
  fc.constant(new Float32Array(16000)), // silent
  fc.constant(new Float32Array(800).fill(0.3)), // 0.05 s
  fc.constant(tone(180, PROMPT_SECONDS.max + 1, { amplitude: 0.3 })), // over the prompt limit
  fc.tuple(fc.nat({ max: 31999 }), fc.constantFrom(NaN, Infinity, -Infinity)).map(([at, x]) => {
    const a = goodPrompt.audio.slice();
    a[at] = x;
    return a;
  }),
  fc.float64Array({ maxLength: 100 }),
);

const badTts = fc.oneof(
  fc.anything(),
  fc.record({ ...good, text: fc.oneof(fc.anything().filter((x) => typeof x !== 'string'), fc.constantFrom('', '   ', '🙂✨', '∑∫', '\u0000\u0001', '日本語', '.'.repeat(50), 'a '.repeat(MAX_TEXT_CHARS))) }),
  fc.record({ ...good, prompt: fc.oneof(fc.anything(), fc.record({ audio: badAudio, text: fc.constant('a voice prompt') })) }),
  fc.record({ ...good, prompt: fc.record({ audio: fc.constant(goodPrompt.audio), text: fc.oneof(fc.anything().filter((x) => typeof x !== 'string'), fc.constantFrom('', '  ', 'word '.repeat(200))) }) }),
  fc.record({ ...good, seed: fc.oneof(fc.double().filter((x) => !Number.isSafeInteger(x)), fc.string(), fc.constant(undefined), fc.constant(2 ** 60)) }),
  fc.record({ ...good, temperature: fc.oneof(fc.double({ max: 0.049 }), fc.double({ min: 5.001 }), fc.constant(NaN), fc.string()) }),
  fc.record({ ...good, topP: fc.oneof(fc.double({ max: 0.009 }), fc.double({ min: 1.0001 }), fc.constant(NaN), fc.constant(null)) }),
);

/** Audio that cannot be transcribed (an 11 s tone, too long for a prompt, is fine here: not generated). */
const badStt = fc.oneof(
  fc.anything(),
  fc.constant(new Float32Array(0)),
  fc.constant(new Float32Array(32000)),
  fc.constant(new Float32Array(800).fill(0.3)),
  fc.constant(new Float32Array(Math.ceil(STT_SECONDS.fileMax * 16000) + 16000).fill(0.1)),
  fc.tuple(fc.nat({ max: 31999 }), fc.constantFrom(NaN, Infinity, -Infinity)).map(([at, x]) => {
    const a = goodPrompt.audio.slice();
    a[at] = x;
    return a;
  }),
  fc.float64Array({ maxLength: 100 }),
);

describe('fuzz: validateTtsParams / validateSttAudio (pure)', () => {
  it('never throws; anything refused carries a typed error with a message', () => {
    fc.assert(
      fc.property(fc.oneof(badTts, fc.anything()), (params) => {
        const r = validateTtsParams(params);
        if (!r.ok) expectTypedWithMessage(r.error);
      }),
    );
    fc.assert(
      fc.property(badStt, (audio) => {
        const r = validateSttAudio(audio);
        if (!r.ok) expectTypedWithMessage(r.error);
      }),
    );
    fc.assert(
      fc.property(fc.oneof(badStt, fc.constant(new Float32Array(MAX_CHUNK_SAMPLES + 1))), (samples) => {
        const r = validateSttChunk(samples);
        if (!r.ok) expectTypedWithMessage(r.error);
      }),
    );
  });
});

const publicDir = new URL('../../public/', import.meta.url);

describe('fuzz: MeldEngine requests (in-process, WASM in Node)', () => {
  const engine = new MeldEngine({ download: readFromDisk });
  beforeAll(async () => {
    const ready = await engine.init({ assetBaseUrl: publicDir.href, preferredBackend: 'wasm', ortRuntimeUrl: null });
    expect(ready.ok).toBe(true);
  }, 120_000);
  afterAll(() => engine.dispose());

  /** Resolves within `ms` or fails the property: a hang is a failure, not a slow test. */
  const within = <T>(ms: number, p: Promise<T>) =>
    Promise.race([p, new Promise<never>((_, reject) => setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms))]);

  // Every generated request breaks at least one field by construction (some pass validation and fail
  // in the engine: empty or unspeakable text, a silent prompt), so none runs a whole synthesis.
  it('tts: every bad request is refused with a typed error and a message, quickly', async () => {
    await fc.assert(
      fc.asyncProperty(badTts, async (params) => {
        // Whatever a page sends arrives through structured clone: the engine sees it as TtsParams.
        const r = await within(10_000, engine.tts(params as never));
        expect(r.ok).toBe(false);
        if (!r.ok) expectTypedWithMessage(r.error);
      }),
      { numRuns: 60 },
    );
  }, 300_000);

  it('stt: every bad recording is refused with a typed error and a message, quickly', async () => {
    await fc.assert(
      fc.asyncProperty(badStt, async (audio) => {
        const r = await within(10_000, engine.stt(audio as never));
        expect(r.ok).toBe(false);
        if (!r.ok) expectTypedWithMessage(r.error);
      }),
      { numRuns: 60 },
    );
  }, 300_000);

  /** A bad recording cut into pieces of random sizes, as a live transcription would receive it. */
  const badLive = fc.tuple(badStt, fc.integer({ min: 1600, max: 48000 }));

  it('live stt: every bad recording pushed in pieces ends in a typed error with a message, and frees the engine', async () => {
    await fc.assert(
      fc.asyncProperty(badLive, async ([audio, piece]) => {
        const started = await engine.sttStart();
        expect(started.ok).toBe(true);
        let refused: EngineError | undefined;
        if (audio instanceof Float32Array) {
          for (let i = 0; i < Math.max(1, audio.length) && !refused; i += piece) {
            const r = await engine.sttPush(audio.slice(i, i + piece));
            if (!r.ok) refused = r.error;
          }
        } else {
          const r = await engine.sttPush(audio as never);
          if (!r.ok) refused = r.error;
        }
        const r = await within(20_000, engine.sttFinish());
        const error = refused ?? (r.ok ? undefined : r.error);
        expect(error).toBeDefined();
        if (error) expectTypedWithMessage(error);
        // The session is over either way: the engine takes the next request.
        expect(await engine.sttPush(new Float32Array(160))).toMatchObject({ ok: false, error: { kind: 'invalid-request', field: 'session' } });
      }),
      { numRuns: 60 },
    );
  }, 300_000);
});
