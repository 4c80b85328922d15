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
  positions: 'per-segment-sinusoid' | 'per-utterance-sinusoid' | 'step-sinusoid';
  /**
   * LayerNorm (learned gain and bias) on the pre-net output, so speech rows reach the Transformer on
   * the scale of token and position vectors. Without it the step-6000 model's pre-net output had
   * norm ~23 against ~0.76 for positions, and speech rows ignored where they were (docs/DECISIONS.md).
   */
  prenetNorm?: boolean;
  /**
   * How text and speech share the sequence: 'prefix' (absent = prefix) puts the text before the
   * speech (DESIGN.md section 2); 'aligned' gives every LM step the text that sits at its time
   * (models/meld/aligned.ts).
   */
  layout?: 'prefix' | 'aligned';
  /** The time-aligned layout's knobs (layout 'aligned'). */
  aligned?: AlignedLayoutConfig;
  /**
   * Latent codes per LM step (absent = 1). 1: one code for the step's r stacked frames, from a codebook
   * in step space. r: MELD's one latent per mel frame, from a codebook of single frames; the prior's head
   * gives one categorical distribution per frame, conditionally independent given the state, so the KL
   * stays exact (their sum), and the reconstruction reads the r code embeddings side by side.
   */
  latentsPerStep?: number;
  /**
   * Per-frame latents drawn in order within a step: slot l's prior also reads slot l-1's code, through a
   * [K, K] table per slot added to its logits (zero-initialised, so it starts as the independent prior).
   * Training conditions on the posterior's first choice of slot l-1, so its KL is the exact KL given that
   * code (an approximation of the expectation over q, which is nearly one-hot); at inference each slot
   * conditions on the code just sampled for the one before it.
   */
  slotTransitions?: boolean;
  /**
   * The codebook is frozen after k-means (MELD's encoder), instead of moving with the reconstruction's
   * gradient through the soft posterior.
   */
  frozenCodebook?: boolean;
  /**
   * A summary of a same-speaker utterance's speech (the voice prompt at inference; in training the prompt,
   * or another utterance of the speaker) is added to every TTS row and to the reconstruction's input: the
   * mean of its pre-net features without dropout, over at most VOICE_SUMMARY_STEPS steps, through a Linear.
   */
  voiceSummary?: boolean;
}

/** Steps of a voice reference the summary reads at most (5.1 s): a voice prompt is 3-10 s. */
export const VOICE_SUMMARY_STEPS = 80;

export interface AlignedLayoutConfig {
  /** Phoneme units after the current one that a TTS step sees (the text stream's lead). */
  lookahead: number;
  /** Most units one TTS step may move on (the aligner's maxJump). */
  maxAdvance: number;
  /** Steps spent in the current unit are told to the model up to this count (and clipped above). */
  maxDuration: number;
  /** STT: a word's characters may be emitted from this many steps after the word ends. */
  sttDelay: number;
  /** STT: characters one step may emit at most. */
  sttSlots: number;
}

/** The knobs of the time-aligned layout, or null for the text-prefix layout. */
export function alignedLayout(c: MeldConfig): AlignedLayoutConfig | null {
  return c.layout === 'aligned' ? c.aligned ?? null : null;
}

/** The time-aligned layout's knobs, for code that only runs that layout: an error for any other model. */
export function requireAlignedLayout(c: MeldConfig): AlignedLayoutConfig {
  const a = alignedLayout(c);
  if (!a) throw new Error('this model does not have the time-aligned layout');
  return a;
}

/** The time-aligned model (the layout A/B's winner, shipped); the per-frame configs change its latent. */
const ALIGNED = {
  framesPerStep: 4, nMels: 80, codebookSize: 512, dModel: 256, nLayers: 4, nHeads: 4, dFF: 768,
  prenetHidden: 256, prenetDropout: 0.5, reconHidden: 256, postnetHidden: 192, postnetKernel: 3, maxPositions: 1024,
  positions: 'step-sinusoid', prenetNorm: true, layout: 'aligned',
  aligned: { lookahead: 2, maxAdvance: 4, maxDuration: 16, sttDelay: 3, sttSlots: 2 },
} as const satisfies MeldConfig;

/** The aligned layout at test size. */
const TINY_ALIGNED = {
  framesPerStep: 4, nMels: 80, codebookSize: 32, dModel: 64, nLayers: 2, nHeads: 2, dFF: 128,
  prenetHidden: 64, prenetDropout: 0.5, reconHidden: 64, postnetHidden: 64, postnetKernel: 3, maxPositions: 512,
  positions: 'step-sinusoid', prenetNorm: true, layout: 'aligned',
  aligned: { lookahead: 2, maxAdvance: 4, maxDuration: 16, sttDelay: 3, sttSlots: 2 },
} as const satisfies MeldConfig;

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
  /**
   * Arm (a) of the layout A/B (issue 17): the small model with the text-prefix layout, the pre-net
   * output normalised, and positions counted per utterance (prompt and target each have their own clocks).
   */
  prefix: {
    framesPerStep: 4, nMels: 80, codebookSize: 512, dModel: 256, nLayers: 4, nHeads: 4, dFF: 768,
    prenetHidden: 256, prenetDropout: 0.5, reconHidden: 256, postnetHidden: 192, postnetKernel: 3, maxPositions: 1024,
    positions: 'per-utterance-sinusoid', prenetNorm: true, layout: 'prefix',
  },
  /** Arm (b): the same model with the time-aligned layout (models/meld/aligned.ts). */
  aligned: ALIGNED,
  /**
   * Issue 24, arm (a): the aligned model with one latent per mel frame (4 per step, 256 codes each:
   * ~500 bit/s against 140) from a frozen k-means codebook.
   */
  'aligned-frames': { ...ALIGNED, codebookSize: 256, latentsPerStep: 4, frozenCodebook: true },
  /** Issue 26: per-frame latents sampled in order within a step (slotTransitions), from the MELD v2 run's weights. */
  'aligned-frames-ar': { ...ALIGNED, codebookSize: 256, latentsPerStep: 4, frozenCodebook: true, slotTransitions: true },
  /** Arm (b): arm (a) plus the voice summary. */
  'aligned-frames-voice': { ...ALIGNED, codebookSize: 256, latentsPerStep: 4, frozenCodebook: true, voiceSummary: true },
  /** The per-frame latents and the voice summary at test size. */
  'tiny-frames': { ...TINY_ALIGNED, latentsPerStep: 4, frozenCodebook: true, voiceSummary: true, slotTransitions: true },
  /** The aligned layout at test size. */
  'tiny-aligned': TINY_ALIGNED,
} as const satisfies Record<string, MeldConfig>;

export type MeldConfigName = keyof typeof MELD_CONFIGS;

/** Values in one stacked LM step: r frames x nMels. */
export function stepSize(c: MeldConfig): number {
  return c.framesPerStep * c.nMels;
}

/** Latent codes per LM step (1 for models from before per-frame latents). */
export function latentsPerStep(c: MeldConfig): number {
  const L = c.latentsPerStep ?? 1;
  if (!Number.isInteger(L) || L < 1 || c.framesPerStep % L !== 0 || c.dModel % L !== 0)
    throw new Error(`latentsPerStep ${L} must divide framesPerStep (${c.framesPerStep}) and dModel (${c.dModel})`);
  if ((L > 1 || c.voiceSummary) && c.layout !== 'aligned') throw new Error('per-frame latents and the voice summary are built for the time-aligned layout only');
  if (c.slotTransitions && L === 1) throw new Error('slotTransitions needs more than one latent per step');
  return L;
}

/** Values one latent code stands for: the step's frames split into latentsPerStep equal parts. */
export function latentSize(c: MeldConfig): number {
  return stepSize(c) / latentsPerStep(c);
}
