// How the guided heads actually align, measured on validation batches: the guide loss says how much
// attention falls off the diagonal band, not whether a head reads one key or smears over ten, nor
// how far its choice sits from the diagonal. These are the questions when a model attends "in the
// band" yet its output ignores the text or the audio (DECISIONS.md, alignment).

import { type AttentionSink, forEachSpan, progress } from './guide';

export interface AlignmentStats {
  /** Guided rows measured (rows x layers). */
  rows: number;
  /** Mean share of a row's attention inside its span's keys. */
  inSpan: number;
  /** Mean effective number of keys attended within the span: exp(entropy of the renormalised weights). */
  keys: number;
  /** Mean distance, in key rows, from the most-attended key to the linear diagonal. */
  offDiagonal: number;
  /** Rows with an aligned target (align/alignment.ts), and the mean distance of their most-attended key from it. */
  alignedRows: number;
  offAligned: number;
}

/** Accumulates AlignmentStats for head 0 of `layers` over the forward passes it is given a sink for. */
export class AlignmentProbe {
  private n = 0;
  private inSpan = 0;
  private keys = 0;
  private off = 0;
  private nAligned = 0;
  private offAligned = 0;

  constructor(readonly layers: readonly number[]) {}

  /** The sink for one batch's forward pass: sequences of T rows, guided over `spans`, with aligned target keys per row where known (NaN elsewhere). */
  sink(T: number, spans: Int32Array, targets?: Float32Array): AttentionSink {
    return { wants: (layer) => this.layers.includes(layer), add: (seq, probs) => this.measure(probs.dataSync(), T, spans, seq, targets) };
  }

  private measure(P: ArrayLike<number>, T: number, spans: Int32Array, seq: number, targets?: Float32Array): void {
    forEachSpan(spans, (s, { q0, q1, k0, k1 }) => {
      if (s !== seq) return;
      for (let i = q0; i < q1; i++) {
        const end = Math.min(k1, i + 1); // causal: keys after i are invisible
        if (end <= k0) continue;
        let mass = 0;
        let peak = k0;
        for (let j = k0; j < end; j++) {
          mass += P[i * T + j];
          if (P[i * T + j] > P[i * T + peak]) peak = j;
        }
        let entropy = 0;
        for (let j = k0; j < end; j++) {
          const p = P[i * T + j] / Math.max(mass, 1e-12);
          if (p > 0) entropy -= p * Math.log(p);
        }
        this.n++;
        this.inSpan += mass;
        this.keys += Math.exp(entropy);
        this.off += Math.abs(progress(peak, k0, k1) - progress(i, q0, q1)) * (k1 - k0);
        const target = targets ? targets[seq * T + i] : NaN;
        if (!Number.isNaN(target)) {
          this.nAligned++;
          this.offAligned += Math.abs(peak - target);
        }
      }
    });
  }

  stats(): AlignmentStats {
    const m = (x: number) => (this.n ? x / this.n : 0);
    return {
      rows: this.n, inSpan: m(this.inSpan), keys: m(this.keys), offDiagonal: m(this.off),
      alignedRows: this.nAligned, offAligned: this.nAligned ? this.offAligned / this.nAligned : 0,
    };
  }
}
