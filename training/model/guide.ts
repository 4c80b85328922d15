// Guided attention (Tachibana et al. 2017, "DCTTS"): an auxiliary loss that pushes one head per
// chosen layer towards the monotonic text<->speech alignment every TTS and STT sequence has.
//
// Why: MELD learns its alignment from the likelihood alone, which takes far more updates than this
// machine gives (the unguided run's validation KL stalled near 3.1 nats from step 750 to 1000 and
// its STT decoder ignored the audio). The loss adds no parameters and nothing at inference.
//
// A span says: query rows [q0, q1) should attend to key rows [k0, k1), the row at relative progress
// t attending near relative key position t. For the guided head, a query row in a span pays
//   1 - exp(-(n - t)^2 / (2 g^2))   for a key at relative position n inside its span, and
//   1                               for every other key it can see,
// so the head must find its keys in the span, and near the diagonal. Rows in no span pay nothing.
//
// Where the corpus is aligned (align/alignment.ts), a row may carry its own target key instead of
// the linear diagonal (`BatchBase.guideTarget`): it then pays 1 - exp(-(j - target)^2 / (2 s^2))
// for key row j, with s in rows. The linear case is the same formula with target = the diagonal's
// key row and s = g x the span's length.

import * as tf from '@tensorflow/tfjs';

/** Values per span in `BatchBase.guideSpans`: sequence index, q0, q1, k0, k1. */
export const GUIDE_SPAN_FIELDS = 5;

export interface GuideSpan {
  q0: number;
  q1: number;
  k0: number;
  k1: number;
}

/** Appends one sequence's span to a flat span list (empty spans are skipped). */
export function pushSpan(out: number[], seq: number, s: GuideSpan): void {
  if (s.q1 > s.q0 && s.k1 > s.k0) out.push(seq, s.q0, s.q1, s.k0, s.k1);
}

/** Relative position of row i in [a, b): the centre of its cell, in (0, 1). */
export function progress(i: number, a: number, b: number): number {
  return (i - a + 0.5) / (b - a);
}

/**
 * The penalty matrix of one sequence [T, T] and the number of guided rows, from the flat span list
 * of its batch. Entries above the diagonal are 0 (the causal mask already zeroes those weights).
 * `aligned` gives per-row target keys [B*T] (NaN: use the diagonal) and their width in rows.
 */
export function guideWeights(
  T: number, spans: Int32Array, seq: number, width: number, aligned?: { target: Float32Array; rows: number },
): { w: Float32Array; rows: number } {
  const w = new Float32Array(T * T);
  let rows = 0;
  forEachSpan(spans, (s, span) => {
    if (s !== seq) return;
    const { q0, q1, k0, k1 } = span;
    for (let i = q0; i < q1; i++) {
      const { target, sigma } = rowTarget(span, i, aligned && aligned.rows > 0 ? aligned.target[seq * T + i] : NaN, width, aligned?.rows ?? 0);
      const inv2s2 = 1 / (2 * sigma * sigma);
      const row = w.subarray(i * T, i * T + i + 1); // keys 0..i (causal)
      row.fill(1);
      for (let j = k0; j < Math.min(k1, i + 1); j++) row[j] = 1 - Math.exp(-(j - target) * (j - target) * inv2s2);
      rows++;
    }
  });
  return { w, rows };
}

/** The key row query row i should attend to, and the band's width in rows: its aligned target, or the diagonal. */
export function rowTarget(span: GuideSpan, i: number, aligned: number, width: number, alignedRows: number): { target: number; sigma: number } {
  if (!Number.isNaN(aligned)) return { target: aligned, sigma: alignedRows };
  const L = span.k1 - span.k0;
  return { target: span.k0 + progress(i, span.q0, span.q1) * L - 0.5, sigma: width * L };
}

/** Receives head 0's attention weights of chosen layers during a forward pass (layers.ts). */
export interface AttentionSink {
  /** Whether `layer`'s head 0 is wanted; called once per layer, before its `add` calls. */
  wants(layer: number): boolean;
  /** probs: head 0's attention weights of sequence b [T, T]. */
  add(b: number, probs: tf.Tensor2D): void;
}

/** One sink feeding two (either may be absent); each receives only the layers it wants. */
export function bothSinks(a: AttentionSink | undefined, b: AttentionSink | undefined): AttentionSink | undefined {
  if (!a || !b) return a ?? b;
  let wanting: AttentionSink[] = [];
  return {
    wants: (layer) => (wanting = [a, b].filter((s) => s.wants(layer))).length > 0,
    add: (seq, probs) => wanting.forEach((s) => s.add(seq, probs)),
  };
}

/** Calls `visit` for every (sequence, span) of a flat span list. */
export function forEachSpan(spans: Int32Array, visit: (seq: number, s: GuideSpan) => void): void {
  for (let s = 0; s < spans.length; s += GUIDE_SPAN_FIELDS) visit(spans[s], { q0: spans[s + 1], q1: spans[s + 2], k0: spans[s + 3], k1: spans[s + 4] });
}

/**
 * Collects the guided heads' attention weights during the forward pass and turns them into the loss:
 * the mean over guided rows of sum_j P[i, j] W[i, j], averaged over the guided layers.
 */
export class GuideCollector implements AttentionSink {
  private readonly weights: ({ w: tf.Tensor2D; rows: number } | null)[];
  private readonly terms: tf.Scalar[] = [];

  constructor(
    readonly layers: readonly number[],
    B: number,
    T: number,
    spans: Int32Array,
    width: number,
    aligned?: { target: Float32Array; rows: number },
  ) {
    this.weights = Array.from({ length: B }, (_, b) => {
      const { w, rows } = guideWeights(T, spans, b, width, aligned);
      return rows > 0 ? { w: tf.tensor2d(w, [T, T]), rows } : null;
    });
  }

  /** Whether `layer`'s head 0 is guided. */
  wants(layer: number): boolean {
    return this.layers.includes(layer);
  }

  add(b: number, probs: tf.Tensor2D): void {
    const g = this.weights[b];
    if (g) this.terms.push(tf.sum(tf.mul(probs, g.w)));
  }

  /** The loss (0 when nothing was guided). */
  loss(): tf.Scalar {
    const rows = this.weights.reduce((n, g) => n + (g ? g.rows : 0), 0);
    if (this.terms.length === 0 || rows === 0) return tf.scalar(0);
    return tf.div(tf.addN(this.terms), rows * this.layers.length) as tf.Scalar;
  }
}
