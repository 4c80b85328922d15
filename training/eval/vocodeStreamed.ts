// Mels to audio with the shipped model's vocoder for the evaluation harness: a recording's own
// log-mel the way the app streams the TTS loop's post-net output to the vocoder (what the vocoder
// alone does to speech: npm run eval:vocoder, the 'vocoded-ground-truth' TTS system), and a whole
// generated mel at once (the checkpoint and codebook systems).

import { concatFloat32 } from '../../models/arrays';
import { logMel, normalizeMel } from '../../models/dsp';
import type { MeldGraphs } from '../../workers/meld/meldGraphs';
import { melStreamVocoder } from '../../workers/meld/vocoder';

/** Frames pushed at a time, as the TTS loop hands post-net output to the vocoder. */
const PUSH_FRAMES = 32;

/** Vocodes a recording's log-mel in chunks, timing the vocoder alone. */
export async function vocodeStreamed(g: MeldGraphs, audio: Float32Array, kind: 'neural' | 'griffin-lim'): Promise<{ audio: Float32Array; seconds: number }> {
  const nMels = g.manifest.audio.nMels;
  const mel = normalizeMel(logMel(audio).data, g.manifest.melStats);
  const v = melStreamVocoder(g, 0, kind);
  const t0 = performance.now();
  const parts: Float32Array[] = [];
  for (let f = 0; f * nMels < mel.length; f += PUSH_FRAMES) parts.push(await v.push(mel.subarray(f * nMels, Math.min(mel.length, (f + PUSH_FRAMES) * nMels))));
  parts.push(await v.end());
  return { audio: concatFloat32(parts), seconds: (performance.now() - t0) / 1000 };
}

/** A whole normalised mel [frames * nMels] (the model's normalisation) vocoded in one push. */
export async function vocodeMel(g: MeldGraphs, mel: Float32Array, seed: number): Promise<Float32Array> {
  const v = melStreamVocoder(g, seed);
  return concatFloat32([await v.push(mel), await v.end()]);
}
