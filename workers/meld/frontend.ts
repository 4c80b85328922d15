// Audio into the model's input space: 16 kHz mono -> log-mel -> per-bin normalised -> stacked steps.

import { logMel, normalizeMel } from '../../models/dsp';
import { stepSize } from '../../models/meld/config';
import type { MeldManifest } from '../../models/meld/manifest';

export interface SpeechSteps {
  /** Normalised, stacked frames [count * S]. */
  data: Float32Array;
  count: number;
}

export function audioToSteps(audio: Float32Array, manifest: MeldManifest, maxSteps = Infinity): SpeechSteps {
  const c = manifest.config;
  const mel = logMel(audio);
  const count = Math.min(Math.floor(mel.frames / c.framesPerStep), maxSteps);
  const data = normalizeMel(mel.data.subarray(0, count * stepSize(c)), manifest.melStats);
  return { data, count };
}
