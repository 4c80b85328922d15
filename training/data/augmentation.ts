// Speaker augmentation: a recorded voice pushed through a fixed, seeded chain of sox effects becomes a
// new speaker of the same family (pitch shift also moves the formants, like a different vocal tract;
// tempo changes the speaking rate; EQ and reverb change the channel), and gets noise at 15-30 dB SNR.
// The parameters belong to the SPEAKER (drawn once from its id), so all its clips sound alike.

import type { Rng } from '../../models/random';
import { chance, pick, randomInt, uniform } from './seeded-random';

export type NoiseColor = 'white' | 'pink' | 'brown';

export interface Equalizer {
  freq: number;
  /** Bandwidth in octaves. */
  octaves: number;
  gainDb: number;
}

export interface Reverb {
  reverberance: number;
  hfDamping: number;
  roomScale: number;
  preDelayMs: number;
}

export interface Augmentation {
  /** Speed perturbation (sox `speed`: pitch and tempo together, as a resampling would; absent or 1: none). */
  speed?: number;
  /** Pitch shift in cents (0: none). */
  pitchCents: number;
  /** Tempo factor (1: none). */
  tempo: number;
  equalizers: Equalizer[];
  reverb: Reverb | null;
  /** Additive noise (mixed in TypeScript from the clip's seed, at this SNR over the speech), or none. */
  noise: { color: NoiseColor; snrDb: number } | null;
  /** Output peak level in dBFS. */
  peakDb: number;
}

/** Clean speakers: no effects, peak at -3 dBFS. */
export const CLEAN: Augmentation = { pitchCents: 0, tempo: 1, equalizers: [], reverb: null, noise: null, peakDb: -3 };

/** A recorded voice at another speed (Kaldi-style speed perturbation: a new speaker of the same family), otherwise clean. */
export function speedAugmentation(speed: number): Augmentation {
  return { ...CLEAN, speed };
}

function randomChannel(rng: Rng): Pick<Augmentation, 'equalizers' | 'reverb' | 'noise' | 'peakDb'> {
  const equalizers = Array.from({ length: randomInt(rng, 0, 2) }, () => ({
    freq: Math.round(Math.exp(uniform(rng, Math.log(150), Math.log(5000)))),
    octaves: Number(uniform(rng, 0.7, 2).toFixed(2)),
    gainDb: Number(uniform(rng, -8, 6).toFixed(1)),
  }));
  const reverb = chance(rng, 0.35)
    ? { reverberance: randomInt(rng, 10, 50), hfDamping: randomInt(rng, 20, 80), roomScale: randomInt(rng, 10, 60), preDelayMs: randomInt(rng, 0, 20) }
    : null;
  const noise = chance(rng, 0.5)
    ? { color: pick(rng, ['white', 'pink', 'brown'] as const), snrDb: Number(uniform(rng, 15, 30).toFixed(1)) }
    : null;
  return { equalizers, reverb, noise, peakDb: Number(uniform(rng, -12, -1).toFixed(1)) };
}

/** A new speaker from a recorded voice: pitch +-5 semitones (at least 1), tempo 0.85-1.15, channel. */
export function randomSpeakerAugmentation(rng: Rng): Augmentation {
  const sign = chance(rng, 0.5) ? 1 : -1;
  return {
    pitchCents: sign * randomInt(rng, 100, 500),
    tempo: Number(uniform(rng, 0.85, 1.15).toFixed(3)),
    ...randomChannel(rng),
  };
}

/** Only a channel (EQ, reverb, noise, level) for speakers that already differ in voice (espeak variants). */
export function randomChannelAugmentation(rng: Rng): Augmentation {
  return { pitchCents: 0, tempo: 1, ...randomChannel(rng) };
}

/** The sox effects of an augmentation (noise and level are applied afterwards, in TypeScript). */
export function soxEffects(a: Augmentation): string[] {
  const effects: string[] = [];
  if (a.speed !== undefined && a.speed !== 1) effects.push('speed', String(a.speed));
  if (a.pitchCents !== 0) effects.push('pitch', String(a.pitchCents));
  // -s: the speech-tuned WSOLA segment sizes.
  if (a.tempo !== 1) effects.push('tempo', '-s', String(a.tempo));
  for (const eq of a.equalizers) effects.push('equalizer', String(eq.freq), `${eq.octaves}o`, String(eq.gainDb));
  if (a.reverb) {
    const r = a.reverb;
    effects.push('reverb', String(r.reverberance), String(r.hfDamping), String(r.roomScale), '100', String(r.preDelayMs));
  }
  return effects;
}

/** A short human-readable description for logs and the README. */
export function describeAugmentation(a: Augmentation): string {
  const parts: string[] = [];
  if (a.speed !== undefined && a.speed !== 1) parts.push(`speed ${a.speed}`);
  if (a.pitchCents !== 0) parts.push(`pitch ${a.pitchCents > 0 ? '+' : ''}${a.pitchCents}c`);
  if (a.tempo !== 1) parts.push(`tempo ${a.tempo}`);
  for (const eq of a.equalizers) parts.push(`eq ${eq.freq}Hz ${eq.gainDb}dB`);
  if (a.reverb) parts.push(`reverb ${a.reverb.reverberance}%`);
  if (a.noise) parts.push(`${a.noise.color} noise ${a.noise.snrDb}dB`);
  parts.push(`peak ${a.peakDb}dBFS`);
  return parts.join(', ');
}
