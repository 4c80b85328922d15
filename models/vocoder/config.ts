// The neural vocoder's hyper-parameters (Vocos-style: a ConvNeXt backbone over mel frames predicts
// each frame's STFT log-magnitude and phase; an inverse STFT makes the waveform). One object shared
// by the trainer, the exporter and the runtime's streaming logic.

export interface VocoderConfig {
  nMels: number;
  /** Backbone width. */
  channels: number;
  /** ConvNeXt blocks. */
  blocks: number;
  /** Kernel of the input convolution and of each block's depthwise convolution (odd). */
  kernel: number;
  /** Width of each block's pointwise MLP. */
  hidden: number;
  /** STFT of the output: the mel front end's (one output frame per mel frame). */
  nFft: number;
  hop: number;
  /** Predicted log-magnitudes are clipped here before exp (e^6 ~ 400, above any speech bin). */
  maxLogMagnitude: number;
}

export const VOCODER_CONFIGS = {
  /** For tests: trains in seconds. */
  tiny: { nMels: 80, channels: 32, blocks: 2, kernel: 7, hidden: 64, nFft: 1024, hop: 256, maxLogMagnitude: 6 },
  /** The shipped vocoder (~0.8 M parameters). */
  small: { nMels: 80, channels: 128, blocks: 6, kernel: 7, hidden: 384, nFft: 1024, hop: 256, maxLogMagnitude: 6 },
} as const satisfies Record<string, VocoderConfig>;

export type VocoderConfigName = keyof typeof VOCODER_CONFIGS;

/** One-sided STFT bins. */
export function vocoderBins(c: VocoderConfig): number {
  return c.nFft / 2 + 1;
}

/**
 * How many mel frames on each side can change an output frame: the input convolution and each
 * block's depthwise convolution reach (kernel - 1) / 2 frames.
 */
export function backboneReach(c: VocoderConfig): number {
  return ((c.kernel - 1) / 2) * (1 + c.blocks);
}

/**
 * Frames of real context a chunk needs on each side so that chunked vocoding equals whole-utterance
 * vocoding: the backbone's reach, plus the frames whose inverse-STFT windows overlap the chunk's samples.
 */
export function exactContextFrames(c: VocoderConfig): number {
  return backboneReach(c) + c.nFft / c.hop / 2;
}
