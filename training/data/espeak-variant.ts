// Random eSpeak NG voice variants: one per espeak speaker, drawn from a seed, written as a variant
// file ("voices/!v/<name>" in a private espeak-ng data directory). Ranges are centred on espeak's own
// m1-m7 / f1-f5 variants and wide enough to give thousands of audibly different speakers.
// Keywords: https://github.com/espeak-ng/espeak-ng/blob/master/docs/voices.md

import type { Rng } from '../../models/random';
import { chance, pick, pickWeighted, randomInt, uniform } from './seeded-random';

/** espeak-ng English accents (all phonemised the same way for the model: en-us IPA). */
export const ESPEAK_ACCENTS: readonly (readonly [string, number])[] = [
  ['en-us', 0.6],
  ['en-gb', 0.12],
  ['en-gb-x-rp', 0.08],
  ['en-gb-scotland', 0.06],
  ['en-029', 0.07],
  ['en-us-nyc', 0.07],
];

export interface Formant {
  /** Frequency, height (amplitude) and width, each in percent of the base voice's. */
  freq: number;
  height: number;
  width: number;
}

export interface EspeakVariant {
  accent: string;
  gender: 'male' | 'female';
  /** Base and top of the pitch range in Hz. */
  pitch: [number, number];
  /** Formants 0-5 (higher ones keep espeak's defaults). */
  formants: Formant[];
  /** Spectral tilt: pairs of frequency (Hz) and amplitude (percent), or none. */
  tone: [number, number][] | null;
  flutter: number;
  roughness: number;
  /** Percent of voicing (lower is breathier). */
  voicing: number;
  /** Breath noise amplitudes per formant, or none. */
  breath: number[] | null;
  consonants: number;
  /** Speaking rate, percent of espeak's default. */
  speed: number;
  /** Echo delay (ms) and amplitude (percent), or none. */
  echo: [number, number] | null;
  /** Klatt synthesiser variant 1-6, or null for espeak's own formant synthesiser. */
  klatt: number | null;
}

export function randomEspeakVariant(rng: Rng): EspeakVariant {
  const accent = pickWeighted(rng, ESPEAK_ACCENTS);
  const gender = chance(rng, 0.5) ? 'female' : 'male';
  const base = gender === 'female' ? randomInt(rng, 135, 235) : randomInt(rng, 65, 135);
  const top = base + randomInt(rng, Math.round(base * 0.15), Math.round(base * 0.8));
  // One vocal-tract length scale moves all formants together (women's shorter tracts raise them),
  // plus a little independent jitter per formant.
  const tract = gender === 'female' ? uniform(rng, 1.02, 1.22) : uniform(rng, 0.86, 1.06);
  const formants = Array.from({ length: 6 }, () => ({
    freq: Math.round(100 * tract * uniform(rng, 0.95, 1.05)),
    height: randomInt(rng, 70, 130),
    width: randomInt(rng, 80, 160),
  }));
  const tone = chance(rng, 0.5)
    ? ([600, 1200, 2000, 3000] as const).map((f): [number, number] => [f, randomInt(rng, 40, 200)])
    : null;
  return {
    accent,
    gender,
    pitch: [base, top],
    formants,
    tone,
    flutter: randomInt(rng, 0, 30),
    roughness: randomInt(rng, 0, 5),
    voicing: chance(rng, 0.2) ? randomInt(rng, 70, 95) : 100,
    breath: chance(rng, 0.15) ? Array.from({ length: 6 }, () => randomInt(rng, 0, 6)) : null,
    consonants: randomInt(rng, 70, 120),
    speed: randomInt(rng, 82, 122),
    echo: chance(rng, 0.12) ? [randomInt(rng, 40, 140), randomInt(rng, 4, 15)] : null,
    klatt: chance(rng, 0.2) ? pick(rng, [1, 2, 3, 4, 5, 6]) : null,
  };
}

/** The variant file's text (espeak-ng voice file syntax). */
export function variantFileText(name: string, v: EspeakVariant): string {
  const lines = ['language variant', `name ${name}`, `gender ${v.gender}`, `pitch ${v.pitch[0]} ${v.pitch[1]}`];
  v.formants.forEach((f, i) => lines.push(`formant ${i} ${f.freq} ${f.height} ${f.width}`));
  if (v.tone) lines.push(`tone ${v.tone.flat().join(' ')}`);
  lines.push(`flutter ${v.flutter}`, `roughness ${v.roughness}`, `voicing ${v.voicing}`, `consonants ${v.consonants}`);
  if (v.breath) lines.push(`breath ${v.breath.join(' ')}`);
  lines.push(`speed ${v.speed}`);
  if (v.echo) lines.push(`echo ${v.echo[0]} ${v.echo[1]}`);
  if (v.klatt !== null) lines.push(`klatt ${v.klatt}`);
  return `${lines.join('\n')}\n`;
}

/** The espeak-ng -v argument for an accent and a variant name. */
export function espeakVoiceName(accent: string, variantName: string): string {
  return `${accent}+${variantName}`;
}
