// The MELD model's hyper-parameters: one object shared by the trainer (which builds the graph),
// the exporter (which writes it into the ONNX manifest) and the runtime (which checks it at load).

export interface MeldConfig {
  /** Mel frames stacked into one LM step (cuts the LM's sequence length r-fold). */
  framesPerStep: number;
  nMels: number;
  /** Latent codebook size K. */
  codebookSize: number;
  dModel: number;
  nLayers: number;
  nHeads: number;
  /** Transformer feed-forward width. */
  dFF: number;
  /** Width of the 3-layer mel pre-net. */
  prenetHidden: number;
  /** Dropout of the pre-net, kept on at inference for TTS (it fights exposure bias). */
  prenetDropout: number;
  /** Width of the residual MLP that maps (latent embedding, h_t) to the next r frames. */
  reconHidden: number;
  /** Width of the convolutional post-net (over LM steps). */
  postnetHidden: number;
  /** Post-net kernel size in LM steps (odd). */
  postnetKernel: number;
  /** Longest sequence (text + speech steps) the model trains on; also the learned position table's size. */
  maxPositions: number;
  /**
   * How rows get positions: counting from 0 in each text or speech run, each position's vector a
   * learned row plus a fixed sinusoid (positions.ts).
   */
  positions: 'per-segment-sinusoid';
}

export const MELD_CONFIGS = {
  /** For tests: trains in seconds. */
  tiny: {
    framesPerStep: 4, nMels: 80, codebookSize: 32, dModel: 64, nLayers: 2, nHeads: 2, dFF: 128,
    prenetHidden: 64, prenetDropout: 0.5, reconHidden: 64, postnetHidden: 64, postnetKernel: 3, maxPositions: 512, positions: 'per-segment-sinusoid',
  },
  /** The shipped model: sized from measured tfjs-wasm throughput (see training/README.md). */
  small: {
    framesPerStep: 4, nMels: 80, codebookSize: 512, dModel: 256, nLayers: 4, nHeads: 4, dFF: 768,
    prenetHidden: 256, prenetDropout: 0.5, reconHidden: 256, postnetHidden: 192, postnetKernel: 3, maxPositions: 1024, positions: 'per-segment-sinusoid',
  },
} as const satisfies Record<string, MeldConfig>;

export type MeldConfigName = keyof typeof MELD_CONFIGS;

/** Values in one stacked LM step: r frames x nMels. */
export function stepSize(c: MeldConfig): number {
  return c.framesPerStep * c.nMels;
}
