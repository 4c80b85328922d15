import { describe, expect, it } from 'vitest';
import { silence, tone } from '../testSignals';
import { trimToSeconds } from './trim';

describe('trimToSeconds', () => {
  it('returns audio that fits as it is', () => {
    const a = tone(200, 4);
    expect(trimToSeconds(a, 10)).toEqual({ audio: a, originalSeconds: 4, trimmed: false });
  });

  it('cuts long audio within the limit, at the quietest point of its last quarter', () => {
    // Tone, a pause from 8.6 to 8.8 s, tone again: the cut falls in the pause.
    const a = new Float32Array(16000 * 120);
    a.set(tone(200, 8.6));
    a.set(silence(0.2), 8.6 * 16000);
    a.set(tone(200, 111.2), 8.8 * 16000);
    const r = trimToSeconds(a, 10);
    expect(r.trimmed).toBe(true);
    expect(r.originalSeconds).toBe(120);
    expect(r.audio.length / 16000).toBeGreaterThan(8.6);
    expect(r.audio.length / 16000).toBeLessThan(8.8);
  });
});
