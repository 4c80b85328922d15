// Mel frames to audio while TTS generates them: the model's neural vocoder in exact-context chunks
// where it ships one, otherwise Griffin-Lim (models/dsp) with cross-faded chunks.

import { denormalizeMel } from '../../models/dsp';
import { StreamingVocoder } from '../../models/dsp/streamingVocoder';
import { exactContextFrames } from '../../models/vocoder/config';
import { ChunkedVocoder } from '../../models/vocoder/streaming';
import type { MeldGraphs } from './meldGraphs';

export interface MelStreamVocoder {
  readonly kind: 'neural' | 'griffin-lim';
  /** Normalised log-mel frames in; the audio that is now final out. */
  push(mel: Float32Array): Promise<Float32Array>;
  /** The rest of the audio. */
  end(): Promise<Float32Array>;
}

/**
 * First chunk small (time to first audio), later ones doubling up to 128 frames (2 s): each chunk
 * vocodes 2 x 23 frames of context besides its own, so 48-frame chunks did ~2x the vocoder's work per
 * frame, 128-frame ones ~1.4x.
 */
const FIRST_CHUNK_FRAMES = 16;
const MAX_CHUNK_FRAMES = 128;

/** The model's neural vocoder where it ships one (or Griffin-Lim when `kind` asks for it, as the vocoder evaluation does). */
export function melStreamVocoder(g: MeldGraphs, seed: number, kind: 'neural' | 'griffin-lim' = g.vocoderKind): MelStreamVocoder {
  const stats = g.manifest.melStats;
  const neural = g.manifest.vocoder;
  if (kind === 'neural' && neural) {
    const chunked = new ChunkedVocoder(
      { nMels: neural.config.nMels, hop: neural.config.hop, context: exactContextFrames(neural.config), firstChunk: FIRST_CHUNK_FRAMES, maxChunk: MAX_CHUNK_FRAMES },
      (mel, n) => g.vocode(mel, n),
    );
    return { kind: 'neural', push: (mel) => chunked.push(mel), end: () => chunked.end() };
  }
  const gl = new StreamingVocoder({ seed });
  return {
    kind: 'griffin-lim',
    push: async (mel) => gl.push(denormalizeMel(mel, stats)),
    end: async () => gl.end(),
  };
}
