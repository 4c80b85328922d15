// The model's parameters as a flat, named map of tf.Variables: simple to checkpoint, to average
// across workers, and to export to ONNX (names become initializer names).

import * as tf from '@tensorflow/tfjs';
import { type MeldConfig, alignedLayout, latentSize, latentsPerStep, stepSize } from '../../models/meld/config';
import { SLOT_CLASSES, streamLayout } from '../../models/meld/aligned';
import { buildVocab, inputTokenCount } from '../../models/meld/vocab';

export type Params = Record<string, tf.Variable>;

export interface Init {
  shape: number[];
  /** 'normal' draws N(0, std^2); 'zeros' / 'ones' / 'constant' (of `value`) are constants. */
  kind: 'normal' | 'zeros' | 'ones' | 'constant';
  std?: number;
  value?: number;
  /** Updated by the optimiser (the frozen ones are still checkpointed and exported). */
  trainable?: boolean;
  /** Added to the model after checkpoints without it were trained: a checkpoint that lacks it loads it as zeros. */
  absentIsZero?: boolean;
}

/** Every parameter's shape and initialiser, in a stable order. */
export function paramSpecs(c: MeldConfig): Record<string, Init> {
  const v = buildVocab(c.codebookSize);
  const D = c.dModel;
  const S = stepSize(c);
  const L = latentsPerStep(c);
  const normal = (shape: number[], fanIn: number, scale = 1): Init => ({ shape, kind: 'normal', std: scale / Math.sqrt(fanIn) });
  const zeros = (shape: number[]): Init => ({ shape, kind: 'zeros' });
  const ones = (shape: number[]): Init => ({ shape, kind: 'ones' });
  // Residual branches are scaled down so the stack starts close to the identity (GPT-2 style).
  const resid = 1 / Math.sqrt(2 * c.nLayers);

  const specs: Record<string, Init> = {
    'embed.tokens': { shape: [inputTokenCount(v), D], kind: 'normal', std: 0.02 },
    'embed.positions': { shape: [c.maxPositions, D], kind: 'normal', std: 0.02 },
    'prenet.w1': normal([S, c.prenetHidden], S),
    'prenet.b1': zeros([c.prenetHidden]),
    'prenet.w2': normal([c.prenetHidden, c.prenetHidden], c.prenetHidden),
    'prenet.b2': zeros([c.prenetHidden]),
    'prenet.w3': normal([c.prenetHidden, D], c.prenetHidden),
    'prenet.b3': zeros([D]),
  };
  for (let i = 0; i < c.nLayers; i++) {
    const p = `layer${i}.`;
    specs[p + 'ln1.g'] = ones([D]);
    specs[p + 'ln1.b'] = zeros([D]);
    specs[p + 'attn.wqkv'] = normal([D, 3 * D], D);
    specs[p + 'attn.bqkv'] = zeros([3 * D]);
    specs[p + 'attn.wo'] = normal([D, D], D, resid);
    specs[p + 'attn.bo'] = zeros([D]);
    specs[p + 'ln2.g'] = ones([D]);
    specs[p + 'ln2.b'] = zeros([D]);
    specs[p + 'ffn.w1'] = normal([D, c.dFF], D);
    specs[p + 'ffn.b1'] = zeros([c.dFF]);
    specs[p + 'ffn.w2'] = normal([c.dFF, D], c.dFF, resid);
    specs[p + 'ffn.b2'] = zeros([D]);
  }
  Object.assign(specs, {
    'final.ln.g': ones([D]),
    'final.ln.b': zeros([D]),
    'head.w': normal([D, v.size], D),
    'head.b': zeros([v.size]),
    // Soft-VQ codebook in latent space (a stacked step, or one frame), stored transposed [S/L, K] so
    // distances are a plain matMul. Initialised by k-means on training frames before the first step
    // (training/model/kmeans.ts).
    'latent.codebookT': { shape: [latentSize(c), c.codebookSize], kind: 'zeros', trainable: !c.frozenCodebook },
    // Each of a step's L codes embeds into D/L values; side by side they are the step's [D] latent input.
    'latent.embed': { shape: [c.codebookSize, D / L], kind: 'normal', std: 0.02 },
    'recon.wz': normal([D, c.reconHidden], D),
    'recon.wh': normal([D, c.reconHidden], D),
    'recon.b': zeros([c.reconHidden]),
    'recon.res.w1': normal([c.reconHidden, c.reconHidden], c.reconHidden),
    'recon.res.b1': zeros([c.reconHidden]),
    'recon.res.w2': normal([c.reconHidden, c.reconHidden], c.reconHidden, 0.5),
    'recon.res.b2': zeros([c.reconHidden]),
    'recon.out.w': normal([c.reconHidden, S], c.reconHidden),
    'recon.out.b': zeros([S]),
    'postnet.w1': normal([c.postnetKernel * S, c.postnetHidden], c.postnetKernel * S),
    'postnet.b1': zeros([c.postnetHidden]),
    'postnet.w2': normal([c.postnetKernel * c.postnetHidden, S], c.postnetKernel * c.postnetHidden, 0.1),
    'postnet.b2': zeros([S]),
    // log of the soft-VQ temperature tau in q(z|x) = softmax(-|x - c_z|^2 / tau); set from data at k-means time.
    'latent.logTau': { shape: [], kind: 'zeros', trainable: false },
  });
  if (c.prenetNorm) {
    // The normalised pre-net output starts at norm ~1, beside position and token vectors of ~0.3-0.8.
    specs['prenet.ln.g'] = { shape: [D], kind: 'constant', value: 1 / Math.sqrt(D) };
    specs['prenet.ln.b'] = zeros([D]);
  }
  if (L > 1) {
    // The prior over latent slots 1..L-1 (slot 0 is the joint head's [<EOS>, codes] range).
    specs['head.latent.w'] = normal([D, (L - 1) * c.codebookSize], D);
    specs['head.latent.b'] = zeros([(L - 1) * c.codebookSize]);
    if (c.slotTransitions) {
      // Row (l-1)*K + z, times SLOT_TRANSITION_SCALE: what slot l-1 having drawn code z adds to slot l's
      // logits. At zero the prior is the independent one, so a checkpoint trained without the table loads
      // as the model it was.
      specs['head.slotPrev'] = { ...zeros([(L - 1) * c.codebookSize, c.codebookSize]), absentIsZero: true };
    }
  }
  if (c.voiceSummary) {
    // The voice summary's Linear (into every TTS row) and its input to the reconstruction; both start
    // small so the summary joins a working model gradually.
    specs['voice.w'] = normal([D, D], D, 0.1);
    specs['voice.b'] = zeros([D]);
    specs['recon.wv'] = normal([D, c.reconHidden], D, 0.1);
  }
  const a = alignedLayout(c);
  if (a) {
    // The text stream's embeddings (models/meld/aligned.ts) and the aligned layout's own outputs:
    // how far a TTS step moves on in the text, and what an STT step emits in each character slot.
    specs['embed.stream'] = { shape: [streamLayout(a).columns, D], kind: 'normal', std: 0.02 };
    specs['head.advance.w'] = normal([D, a.maxAdvance + 1], D);
    specs['head.advance.b'] = zeros([a.maxAdvance + 1]);
    specs['head.slots.w'] = normal([D, a.sttSlots * SLOT_CLASSES], D);
    specs['head.slots.b'] = zeros([a.sttSlots * SLOT_CLASSES]);
  }
  return specs;
}

/**
 * head.slotPrev is stored divided by this. AdamW moves a weight by about the learning rate a step whatever
 * its gradient's scale, and a table of log-odds needs entries of a few nats: at the learning rate the
 * trunk fine-tunes with (~3e-4), that took thousands of steps. Scaled, a step moves a logit by ~0.01.
 */
export const SLOT_TRANSITION_SCALE = 32;

/** Parameters a checkpoint may lack (added to the model since it was written): they load as zeros. */
export function absentIsZeroNames(c: MeldConfig): Set<string> {
  return new Set(Object.entries(paramSpecs(c)).filter(([, s]) => s.absentIsZero).map(([name]) => name));
}

export function initParams(c: MeldConfig, seed: number): Params {
  return materializeParams(paramSpecs(c), seed);
}

/** Variables for a spec map, drawn from a seed (shared by every model the trainers build). */
export function materializeParams(specs: Record<string, Init>, seed: number): Params {
  const params: Params = {};
  let i = 0;
  for (const [name, s] of Object.entries(specs)) {
    const value =
      s.kind === 'normal'
        ? tf.randomNormal(s.shape, 0, s.std ?? 0.02, 'float32', seed * 1000 + i)
        : s.kind === 'ones'
          ? tf.ones(s.shape)
          : s.kind === 'constant'
            ? tf.fill(s.shape, s.value ?? 0)
            : tf.zeros(s.shape);
    params[name] = tf.variable(value, s.trainable !== false); // unnamed: tfjs names are process-global
    value.dispose();
    i++;
  }
  return params;
}

export function trainableNames(c: MeldConfig): string[] {
  return Object.entries(paramSpecs(c))
    .filter(([, s]) => s.trainable !== false)
    .map(([n]) => n);
}

export function countParams(params: Params): number {
  return Object.values(params).reduce((n, p) => n + p.size, 0);
}
