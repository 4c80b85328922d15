import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as wavefileModule from 'wavefile';
import { afterAll, describe, expect, it } from 'vitest';
import { AudioDecodeError, type AudioDecodeErrorKind } from './audio-decode-error';
import { namedExport } from './commonjs-interop';
import { decodeWav, encodeWav } from './wav';
import { tone } from '../testSignals';

const WaveFile = namedExport(wavefileModule, 'WaveFile');

/** A WAV written by the wavefile library itself (an independent writer for the decoder). */
function wavefileBytes(channels: number, sampleRate: number, bitDepth: string, samples: number[][]): Uint8Array {
  const wav = new WaveFile();
  wav.fromScratch(channels, sampleRate, bitDepth, channels === 1 ? samples[0] : samples);
  return wav.toBuffer();
}

/** A WAV assembled byte by byte, to cover headers no library here writes (extensible float, bad values). */
function handMadeWav(options: {
  format: number;
  channels: number;
  sampleRate: number;
  bits: number;
  data: Uint8Array;
  extensibleSubformat?: number;
}): Uint8Array {
  const { format, channels, sampleRate, bits, data, extensibleSubformat } = options;
  const fmtSize = extensibleSubformat === undefined ? 16 : 40;
  const bytes = new Uint8Array(12 + 8 + fmtSize + 8 + data.length);
  const view = new DataView(bytes.buffer);
  const ascii = (offset: number, text: string) => [...text].forEach((c, i) => view.setUint8(offset + i, c.charCodeAt(0)));
  ascii(0, 'RIFF');
  view.setUint32(4, bytes.length - 8, true);
  ascii(8, 'WAVE');
  ascii(12, 'fmt ');
  view.setUint32(16, fmtSize, true);
  view.setUint16(20, extensibleSubformat === undefined ? format : 0xfffe, true);
  view.setUint16(22, channels, true);
  view.setUint32(24, sampleRate, true);
  view.setUint32(28, (sampleRate * channels * bits) / 8, true);
  view.setUint16(32, (channels * bits) / 8, true);
  view.setUint16(34, bits, true);
  if (extensibleSubformat !== undefined) {
    view.setUint16(36, 22, true); // cbSize
    view.setUint16(38, bits, true); // valid bits
    view.setUint32(40, channels === 1 ? 4 : 3, true); // channel mask
    // KSDATAFORMAT_SUBTYPE GUID {0000000X-0000-0010-8000-00aa00389b71}
    view.setUint32(44, extensibleSubformat, true);
    bytes.set([0x00, 0x00, 0x10, 0x00, 0x80, 0x00, 0x00, 0xaa, 0x00, 0x38, 0x9b, 0x71], 48);
  }
  const dataStart = 20 + fmtSize;
  ascii(dataStart, 'data');
  view.setUint32(dataStart + 4, data.length, true);
  bytes.set(data, dataStart + 8);
  return bytes;
}

function sine(hz: number, sampleRate: number, samples: number, amplitude: number): Float32Array {
  return tone(hz, samples / sampleRate, { amplitude, sampleRate });
}

function maxAbsDiff(a: ArrayLike<number>, b: ArrayLike<number>): number {
  expect(a.length).toBe(b.length);
  let max = 0;
  for (let i = 0; i < a.length; i++) max = Math.max(max, Math.abs(a[i] - b[i]));
  return max;
}

function decodeErrorKind(bytes: Uint8Array): AudioDecodeErrorKind {
  try {
    decodeWav(bytes);
  } catch (error) {
    if (error instanceof AudioDecodeError) return error.kind;
    throw error;
  }
  throw new Error('decodeWav did not throw');
}

describe('encodeWav / decodeWav round trip', () => {
  const signal = sine(440, 16000, 1600, 0.8);
  signal[0] = 1;
  signal[1] = -1;

  it('pcm16 keeps samples within one quantisation step', () => {
    const bytes = encodeWav(signal, 16000);
    expect(bytes.length).toBe(44 + 2 * signal.length);
    const decoded = decodeWav(bytes);
    expect(decoded.sampleRate).toBe(16000);
    expect(decoded.channels).toHaveLength(1);
    expect(maxAbsDiff(decoded.channels[0], signal)).toBeLessThanOrEqual(1 / 32768 + 1e-9);
    expect(decoded.channels[0][1]).toBe(-1);
  });

  it('pcm16 clips out-of-range samples and writes NaN as silence', () => {
    const decoded = decodeWav(encodeWav(Float32Array.from([1.5, -2, 0.25, Number.NaN]), 8000));
    expect(Array.from(decoded.channels[0])).toEqual([32767 / 32768, -1, 0.25, 0]);
  });

  it('float32 is exact, including values beyond [-1, 1]', () => {
    const loud = Float32Array.from(signal, (x) => x * 1.5);
    const decoded = decodeWav(encodeWav(loud, 22050, 'float32'));
    expect(decoded.sampleRate).toBe(22050);
    expect(Array.from(decoded.channels[0])).toEqual(Array.from(loud));
  });

  it('an empty signal gives a valid empty file', () => {
    const decoded = decodeWav(encodeWav(new Float32Array(0), 16000));
    expect(decoded.channels[0]).toHaveLength(0);
  });

  it('rejects an invalid sample rate', () => {
    expect(() => encodeWav(signal, 0)).toThrow(RangeError);
    expect(() => encodeWav(signal, 44100.5)).toThrow(RangeError);
  });
});

describe('decodeWav formats', () => {
  it('decodes stereo 16-bit into separate channels', () => {
    const left = [0, 16384, -16384, 32767];
    const right = [-32768, 8192, 0, 1];
    const decoded = decodeWav(wavefileBytes(2, 44100, '16', [left, right]));
    expect(decoded.sampleRate).toBe(44100);
    expect(decoded.channels.map((c) => Array.from(c))).toEqual([
      left.map((v) => v / 32768),
      right.map((v) => v / 32768),
    ]);
  });

  it('decodes unsigned 8-bit', () => {
    const decoded = decodeWav(wavefileBytes(1, 8000, '8', [[0, 64, 128, 255]]));
    expect(Array.from(decoded.channels[0])).toEqual([-1, -0.5, 0, 127 / 128]);
  });

  it('decodes 24-bit and 32-bit integer PCM', () => {
    const d24 = decodeWav(wavefileBytes(1, 48000, '24', [[-8388608, 0, 4194304, 8388607]]));
    expect(Array.from(d24.channels[0])).toEqual([-1, 0, 0.5, 8388607 / 8388608]);
    const d32 = decodeWav(wavefileBytes(1, 48000, '32', [[-2147483648, 1073741824, 0]]));
    expect(Array.from(d32.channels[0])).toEqual([-1, 0.5, 0]);
  });

  it('decodes 32-bit and 64-bit float, three channels', () => {
    const channels = [[0.5, -0.25], [1, -1], [0.125, 0]];
    for (const depth of ['32f', '64']) {
      const decoded = decodeWav(wavefileBytes(3, 32000, depth, channels));
      expect(decoded.channels.map((c) => Array.from(c))).toEqual(channels);
    }
  });

  it('decodes WAVE_FORMAT_EXTENSIBLE float (which wavefile alone reads as integers)', () => {
    const values = Float32Array.from([0.5, -0.75, 0.1]);
    const bytes = handMadeWav({
      format: 3, channels: 1, sampleRate: 16000, bits: 32,
      data: new Uint8Array(values.buffer), extensibleSubformat: 3,
    });
    expect(Array.from(decodeWav(bytes).channels[0])).toEqual(Array.from(values));
  });

  it('decodes mu-law and A-law within their quantisation error', () => {
    const pcm = Array.from(sine(300, 8000, 400, 0.5), (x) => Math.round(x * 32767));
    for (const encode of ['toMuLaw', 'toALaw'] as const) {
      const wav = new WaveFile();
      wav.fromScratch(1, 8000, '16', pcm);
      wav[encode]();
      const decoded = decodeWav(wav.toBuffer()).channels[0];
      expect(maxAbsDiff(decoded, pcm.map((v) => v / 32768))).toBeLessThan(0.02);
    }
  });

  it('keeps the whole frames of a truncated file', () => {
    const bytes = wavefileBytes(2, 8000, '16', [[100, 200, 300], [-100, -200, -300]]);
    const decoded = decodeWav(bytes.slice(0, bytes.length - 3)); // cuts into the last frame
    expect(decoded.channels.map((c) => Array.from(c))).toEqual([[100 / 32768, 200 / 32768], [-100 / 32768, -200 / 32768]]);
  });
});

describe('decodeWav errors', () => {
  it('rejects bytes that are not WAV', () => {
    expect(decodeErrorKind(new Uint8Array(0))).toBe('not-wav');
    expect(decodeErrorKind(new TextEncoder().encode('just some text, not audio at all'))).toBe('not-wav');
    expect(decodeErrorKind(Uint8Array.from([0x49, 0x44, 0x33, 4, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xfb]))).toBe('not-wav');
    expect(() => decodeWav(new Uint8Array(3))).toThrow(/not a WAV file/);
  });

  it('rejects a WAVE header with missing chunks or impossible values', () => {
    expect(decodeErrorKind(new TextEncoder().encode('RIFF\x04\x00\x00\x00WAVE'))).toBe('corrupt');
    const good = encodeWav(sine(440, 8000, 100, 0.5), 8000);
    expect(decodeErrorKind(good.slice(0, 30))).toBe('corrupt');
    const noChannels = handMadeWav({ format: 1, channels: 0, sampleRate: 8000, bits: 16, data: new Uint8Array(4) });
    expect(decodeErrorKind(noChannels)).toBe('corrupt');
    const noRate = handMadeWav({ format: 1, channels: 1, sampleRate: 0, bits: 16, data: new Uint8Array(4) });
    expect(decodeErrorKind(noRate)).toBe('corrupt');
    const nan = handMadeWav({
      format: 3, channels: 1, sampleRate: 8000, bits: 32, data: new Uint8Array(Float32Array.from([0, Number.NaN]).buffer),
    });
    expect(decodeErrorKind(nan)).toBe('corrupt');
  });

  it('rejects encodings it does not decode, naming the format', () => {
    const mp3InWav = handMadeWav({ format: 0x55, channels: 1, sampleRate: 8000, bits: 16, data: new Uint8Array(8) });
    expect(decodeErrorKind(mp3InWav)).toBe('unsupported-format');
    expect(() => decodeWav(mp3InWav)).toThrow(/0x55/);
  });
});

// Files written by Debian's own tools, when they are installed.
const hasEspeak = spawnSync('espeak-ng', ['--version']).status === 0;
const hasSox = spawnSync('sox', ['--version']).status === 0;
const scratch = mkdtempSync(join(tmpdir(), 'wav-test-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

describe('decodeWav on files from other programs', () => {
  it.skipIf(!hasEspeak)('decodes speech written by espeak-ng', () => {
    const path = join(scratch, 'espeak.wav');
    expect(spawnSync('espeak-ng', ['-w', path, 'hello world']).status).toBe(0);
    const decoded = decodeWav(new Uint8Array(readFileSync(path)));
    expect(decoded.sampleRate).toBe(22050);
    expect(decoded.channels).toHaveLength(1);
    const samples = decoded.channels[0];
    expect(samples.length / decoded.sampleRate).toBeGreaterThan(0.5);
    const rms = Math.sqrt(samples.reduce((sum, x) => sum + x * x, 0) / samples.length);
    expect(rms).toBeGreaterThan(0.01);
    expect(samples.every((x) => x >= -1 && x < 1)).toBe(true);
  });

  it.skipIf(!hasSox)('decodes the same sox signal identically as 8/16/24-bit PCM and float, mono and stereo', () => {
    // One synthesised signal written in several encodings; 24-bit stereo is WAVE_FORMAT_EXTENSIBLE.
    const write = (name: string, encoding: string[]) => {
      const path = join(scratch, name);
      const args = ['-D', '-n', '-r', '48000', ...encoding, path, 'synth', '0.25', 'sine', '440', 'vol', '0.5'];
      expect(spawnSync('sox', args).status).toBe(0);
      return decodeWav(new Uint8Array(readFileSync(path)));
    };
    const reference = write('f32.wav', ['-c', '1', '-e', 'floating-point', '-b', '32']);
    expect(reference.sampleRate).toBe(48000);
    expect(reference.channels[0]).toHaveLength(12000);
    expect(Math.max(...reference.channels[0])).toBeCloseTo(0.5, 3);
    const cases: ReadonlyArray<readonly [string, string[], number]> = [
      ['u8.wav', ['-c', '1', '-e', 'unsigned-integer', '-b', '8'], 1 / 128],
      ['s16.wav', ['-c', '1', '-b', '16'], 1 / 32768],
      ['s24-stereo.wav', ['-c', '2', '-b', '24'], 1 / 8388608],
      ['s32.wav', ['-c', '1', '-b', '32'], 1e-7],
    ];
    for (const [name, encoding, step] of cases) {
      const decoded = write(name, encoding);
      expect(decoded.sampleRate).toBe(48000);
      expect(decoded.channels).toHaveLength(name.includes('stereo') ? 2 : 1);
      for (const channel of decoded.channels) {
        expect(maxAbsDiff(channel, reference.channels[0]), name).toBeLessThanOrEqual(step);
      }
    }
  });
});
