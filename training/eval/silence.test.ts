import { describe, expect, it } from 'vitest';
import { concatFloat32 } from '../../models/arrays';
import { silence, tone } from '../../models/testSignals';
import { analyseSilences, durationRatio, frameEnergiesDb, quantile, voiceActivity } from './silence';

const SR = 16000;

/** Concatenated segments: a number is silence of that many seconds, [sec, hz] a tone. */
function signal(...segments: (number | [number, number])[]): Float32Array {
  return concatFloat32(segments.map((seg) => (typeof seg === 'number' ? silence(seg) : tone(seg[1], seg[0]))));
}

describe('quantile', () => {
  it('interpolates between order statistics', () => {
    expect(quantile([3, 1, 2, 4], 0.5)).toBe(2.5);
    expect(quantile([5], 0.9)).toBe(5);
    expect(quantile([0, 10], 0.25)).toBe(2.5);
  });
});

describe('energy VAD', () => {
  it('measures a full-scale-0.5 sine at about -9 dBFS and silence at the floor', () => {
    const energies = frameEnergiesDb(signal([0.1, 200], 0.1), 320);
    expect(energies[0]).toBeCloseTo(10 * Math.log10(0.125), 1);
    expect(energies[energies.length - 1]).toBeLessThan(-100);
  });

  it('marks tone frames as speech and silent frames as silence', () => {
    const { speech, frameSec } = voiceActivity(signal(0.2, [0.4, 300], 0.2));
    expect(frameSec).toBe(0.02);
    expect(speech.length).toBe(40);
    expect(speech.slice(0, 10).some(Boolean)).toBe(false);
    expect(speech.slice(10, 30).every(Boolean)).toBe(true);
    expect(speech.slice(30).some(Boolean)).toBe(false);
  });
});

describe('analyseSilences', () => {
  it('finds one long silence in a tone with a 1.5 s gap', () => {
    const a = analyseSilences(signal(0.3, [1, 220], 1.5, [1, 220], 0.4));
    expect(a.longSilences).toHaveLength(1);
    expect(a.longSilences[0].startSec).toBeCloseTo(1.3, 5);
    expect(a.longSilences[0].durationSec).toBeCloseTo(1.5, 5);
    // Leading and trailing silence are not counted, and are trimmed from the span.
    expect(a.speechStartSec).toBeCloseTo(0.3, 5);
    expect(a.speechEndSec).toBeCloseTo(3.8, 5);
    expect(a.speechSpanSec).toBeCloseTo(3.5, 5);
    expect(a.totalSec).toBeCloseTo(4.2, 5);
  });

  it('finds none with a 0.5 s gap, nor in a 2 s leading silence', () => {
    const a = analyseSilences(signal(2, [1, 220], 0.5, [1, 220], 2));
    expect(a.longSilences).toHaveLength(0);
    expect(a.speechSpanSec).toBeCloseTo(2.5, 5);
  });

  it('reports no speech for pure silence', () => {
    const a = analyseSilences(new Float32Array(SR));
    expect(a.speechSpanSec).toBe(0);
    expect(a.longSilences).toHaveLength(0);
  });

  it('does not call quiet-but-present speech silence (threshold is relative)', () => {
    const quiet = signal([1, 200], 1.2, [1, 200]).map((x) => x * 0.01); // about -49 dBFS
    expect(analyseSilences(quiet).longSilences).toHaveLength(1);
    expect(analyseSilences(quiet).speechSpanSec).toBeCloseTo(3.2, 5);
  });
});

describe('durationRatio', () => {
  it('compares trimmed speech spans', () => {
    const truth = analyseSilences(signal(0.5, [2, 200], 0.5));
    const longer = analyseSilences(signal(0.1, [3, 200], 1));
    expect(durationRatio(longer, truth)).toBeCloseTo(1.5, 5);
    expect(durationRatio(truth, truth)).toBe(1);
    expect(durationRatio(truth, analyseSilences(new Float32Array(100)))).toBe(0);
  });
});
