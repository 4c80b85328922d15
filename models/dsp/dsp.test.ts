// Golden tests: the TypeScript front end against an independent numpy/scipy implementation of the
// same definitions (scripts/golden/make_dsp_fixtures.py, outputs checked in under __fixtures__/).
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { AUDIO } from '../config/audio';
import { MelStatsAccumulator, isMelStats, logMel, melFilterbank, normalizeMel, stft } from './index';

interface FixtureSignal {
  name: string;
  length: number;
  frames: number;
  signal: string;
  magnitude: string;
  logMel: string;
}
interface Manifest {
  config: Record<keyof typeof AUDIO, number>;
  filterbank: { file: string; shape: [number, number] };
  signals: FixtureSignal[];
  stats: { frames: number; mean: number[]; std: number[] };
}

const fixtureDir = new URL('./__fixtures__/', import.meta.url);
const manifest = JSON.parse(readFileSync(new URL('manifest.json', fixtureDir), 'utf8')) as Manifest;

function readF32(file: string): Float32Array {
  const bytes = readFileSync(new URL(file, fixtureDir));
  // Copy into a fresh, aligned buffer; the files are little-endian like every platform we run on.
  return new Float32Array(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength));
}

function maxAbsDiff(a: ArrayLike<number>, b: ArrayLike<number>): number {
  expect(a.length).toBe(b.length);
  let max = 0;
  for (let i = 0; i < a.length; i++) max = Math.max(max, Math.abs(a[i] - b[i]));
  return max;
}

function maxAbs(a: ArrayLike<number>): number {
  let max = 0;
  for (let i = 0; i < a.length; i++) max = Math.max(max, Math.abs(a[i]));
  return max;
}

// Tolerances. Both sides compute in float64 and store float32, so the observed errors are at float32
// rounding level (filterbank identical, log-mel within ~1e-6); the bounds leave room for other FFTs.
const FILTERBANK_MAX_ABS = 1e-8; // weights are at most ~0.027
const MAGNITUDE_MAX_REL = 1e-5; // max |error| / max |X| per signal
const LOG_MEL_MAX_ABS = 1e-4; // nats
const STATS_MAX_ABS = 1e-9;

describe('golden fixtures (numpy/scipy reference)', () => {
  it('were generated with the current AUDIO config', () => {
    expect(manifest.config).toEqual({ ...AUDIO });
  });

  it('mel filterbank matches the Slaney/Slaney-norm reference', () => {
    const expected = readF32(manifest.filterbank.file);
    expect(manifest.filterbank.shape).toEqual([AUDIO.nMels, AUDIO.nFft / 2 + 1]);
    expect(maxAbsDiff(melFilterbank(), expected)).toBeLessThanOrEqual(FILTERBANK_MAX_ABS);
  });

  for (const fixture of manifest.signals) {
    describe(fixture.name, () => {
      const signal = readF32(fixture.signal);

      it('STFT magnitude matches (reflect padding, or zero padding when too short)', () => {
        expect(signal.length).toBe(fixture.length);
        const expected = readF32(fixture.magnitude);
        const { frames, bins, magnitude } = stft(signal);
        expect(frames).toBe(fixture.frames);
        expect(bins).toBe(AUDIO.nFft / 2 + 1);
        expect(maxAbsDiff(magnitude, expected) / maxAbs(expected)).toBeLessThanOrEqual(MAGNITUDE_MAX_REL);
      });

      it('log-mel matches', () => {
        const { frames, data } = logMel(signal);
        expect(frames).toBe(fixture.frames);
        expect(maxAbsDiff(data, readF32(fixture.logMel))).toBeLessThanOrEqual(LOG_MEL_MAX_ABS);
      });
    });
  }

  it('streaming stats over the fixture log-mel equal numpy mean/std (ddof 0)', () => {
    const accumulator = new MelStatsAccumulator();
    // Feed each file in uneven chunks so the parallel merge is exercised, not just one pass.
    for (const fixture of manifest.signals) {
      const data = readF32(fixture.logMel);
      for (let frame = 0, chunk = 1; frame < fixture.frames; frame += chunk, chunk = chunk * 2 + 1) {
        accumulator.add(data.subarray(frame * AUDIO.nMels, Math.min(fixture.frames, frame + chunk) * AUDIO.nMels));
      }
    }
    expect(accumulator.frames).toBe(manifest.stats.frames);
    const stats = accumulator.finalize();
    expect(isMelStats(stats)).toBe(true);
    expect(maxAbsDiff(stats.mean, manifest.stats.mean)).toBeLessThanOrEqual(STATS_MAX_ABS);
    expect(maxAbsDiff(stats.std, manifest.stats.std)).toBeLessThanOrEqual(STATS_MAX_ABS);
  });

  it('normalising with the numpy stats gives zero mean and unit variance per bin', () => {
    const all = manifest.signals.map((s) => readF32(s.logMel));
    const joined = new Float32Array(all.reduce((n, a) => n + a.length, 0));
    all.reduce((offset, a) => (joined.set(a, offset), offset + a.length), 0);
    const stats = new MelStatsAccumulator().add(normalizeMel(joined, manifest.stats)).finalize();
    for (let b = 0; b < AUDIO.nMels; b++) {
      expect(Math.abs(stats.mean[b])).toBeLessThan(1e-5);
      // A bin floored at MEL_STD_FLOOR would not reach 1; none is that flat in these signals.
      expect(stats.std[b]).toBeCloseTo(1, 5);
    }
  });
});
