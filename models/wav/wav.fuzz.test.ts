// Fuzz: WAV decoding and the decoded-audio check every file path shares (audioForModel: the app's
// uploads after the browser's decodeAudioData, the presets, the CLIs). Any bytes give 16 kHz audio
// with samples, or an AudioDecodeError with a message: never another exception, a hang or empty audio.

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { tone } from '../testSignals';
import { AudioDecodeError } from './audio-decode-error';
import { audioForModel } from './modelAudio';
import { decodeWav, encodeWav } from './wav';

const MAX_MS = 2000;

/** The whole path: bytes -> decodeWav -> audioForModel. */
function decodeForModel(bytes: Uint8Array): Float32Array | AudioDecodeError {
  try {
    return audioForModel(decodeWav(bytes), 'the file');
  } catch (error) {
    if (error instanceof AudioDecodeError) return error;
    throw error;
  }
}

function expectUsableOrTyped(out: Float32Array | AudioDecodeError): void {
  if (out instanceof AudioDecodeError) {
    expect(['not-wav', 'corrupt', 'unsupported-format', 'empty']).toContain(out.kind);
    expect(out.message.length).toBeGreaterThan(10);
    return;
  }
  expect(out.length).toBeGreaterThan(0);
  expect(out.every(Number.isFinite)).toBe(true);
}

const valid = [
  encodeWav(tone(220, 0.2), 16000),
  encodeWav(tone(220, 0.2), 44100, 'float32'),
  encodeWav(tone(220, 0.05), 8000),
];

/** A valid file damaged the ways files get damaged: bytes flipped, cut short, header fields overwritten. */
const damagedWav = fc
  .tuple(
    fc.constantFrom(...valid),
    fc.array(fc.tuple(fc.nat(), fc.integer({ min: 0, max: 255 })), { minLength: 1, maxLength: 12 }),
    fc.option(fc.nat(), { nil: undefined }),
    fc.boolean(),
  )
  .map(([file, edits, cut, headerOnly]) => {
    const bytes = file.slice();
    // Most damage in the 44-byte header, where it changes what the file claims to be.
    for (const [at, value] of edits) bytes[headerOnly ? at % 44 : at % bytes.length] = value;
    return cut === undefined ? bytes : bytes.slice(0, cut % bytes.length);
  });

describe('fuzz: WAV decoding', () => {
  it('random bytes (with or without a RIFF/WAVE header)', () => {
    const withHeader = fc.uint8Array({ maxLength: 400 }).map((rest) => Uint8Array.from([...new TextEncoder().encode('RIFF'), 0, 0, 0, 0, ...new TextEncoder().encode('WAVE'), ...rest]));
    fc.assert(
      fc.property(fc.oneof(fc.uint8Array({ maxLength: 400 }), withHeader), (bytes) => {
        const t0 = performance.now();
        expectUsableOrTyped(decodeForModel(bytes));
        expect(performance.now() - t0).toBeLessThan(MAX_MS);
      }),
    );
  });

  it('damaged valid files', () => {
    fc.assert(
      fc.property(damagedWav, (bytes) => {
        const t0 = performance.now();
        expectUsableOrTyped(decodeForModel(bytes));
        expect(performance.now() - t0).toBeLessThan(MAX_MS);
      }),
    );
  });

  it('decoded audio of any shape (what decodeAudioData may hand the app)', () => {
    const channel = fc.oneof(
      fc.float32Array({ maxLength: 200 }), // NaN, infinities, huge values included
      fc.float32Array({ min: -1, max: 1, noNaN: true, maxLength: 200 }),
    );
    const rate = fc.oneof(fc.constantFrom(8000, 16000, 44100, 48000), fc.integer(), fc.double());
    fc.assert(
      fc.property(rate, fc.array(channel, { maxLength: 3 }), (sampleRate, channels) => {
        let out: Float32Array | AudioDecodeError;
        try {
          out = audioForModel({ sampleRate, channels });
        } catch (error) {
          if (!(error instanceof AudioDecodeError)) throw error;
          out = error;
        }
        expectUsableOrTyped(out);
      }),
    );
  });
});
