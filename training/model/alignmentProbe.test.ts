import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { initBackend } from '../tf/backend';
import { AlignmentProbe } from './alignmentProbe';
import { bothSinks, pushSpan } from './guide';

beforeAll(async () => {
  await initBackend('wasm');
});

// One sequence of 8 rows: speech rows 4..7 attend to text rows 0..3.
const T = 8;
const spans = (() => {
  const out: number[] = [];
  pushSpan(out, 0, { q0: 4, q1: 8, k0: 0, k1: 4 });
  return Int32Array.from(out);
})();

/** Attention weights [T, T] whose row i is `row(i)` (rows outside the span attend to themselves). */
function weights(row: (i: number) => number[]): tf.Tensor2D {
  const w = new Float32Array(T * T);
  for (let i = 0; i < T; i++) {
    if (i < 4) w[i * T + i] = 1;
    else row(i).forEach((p, j) => (w[i * T + j] = p));
  }
  return tf.tensor2d(w, [T, T]);
}

function probe(w: tf.Tensor2D) {
  const p = new AlignmentProbe([1]);
  const sink = p.sink(T, spans);
  expect(sink.wants(0)).toBe(false);
  expect(sink.wants(1)).toBe(true);
  sink.add(0, w);
  sink.add(1, w); // another sequence: it has no span, so nothing is counted
  return p.stats();
}

const diagonal = () => weights((i) => Array.from({ length: 4 }, (_, j) => (j === i - 4 ? 1 : 0)));
const uniform = () => weights(() => [0.25, 0.25, 0.25, 0.25]);

describe('AlignmentProbe', () => {
  it('a one-hot diagonal reads one key, on the diagonal, all inside the span', () => {
    const s = probe(diagonal());
    expect(s).toEqual({ rows: 4, inSpan: 1, keys: 1, offDiagonal: 0, alignedRows: 0, offAligned: 0 });
  });

  it('uniform attention over the span reads all four keys', () => {
    const s = probe(uniform());
    expect(s.keys).toBeCloseTo(4, 5);
    expect(s.inSpan).toBeCloseTo(1, 6);
  });

  it('a head that always reads the first key is off the diagonal by 0, 1, 2, 3 rows; half its mass elsewhere counts as out of span', () => {
    const s = probe(weights((i) => [0.5, 0, 0, 0, 0, 0, 0, 0].map((p, j) => (j === i ? 0.5 : p))));
    expect(s.offDiagonal).toBeCloseTo(1.5, 6);
    expect(s.inSpan).toBeCloseTo(0.5, 6);
    expect(s.keys).toBeCloseTo(1, 6);
  });

  it('accumulates over the batches it is given sinks for, weighted by their rows', () => {
    const p = new AlignmentProbe([1]);
    p.sink(T, spans).add(0, diagonal());
    p.sink(T, spans).add(0, uniform());
    const s = p.stats();
    expect(s.rows).toBe(8);
    expect(s.keys).toBeCloseTo(2.5, 5); // (4 x 1 + 4 x 4) / 8
  });

  it('shares a forward pass with another sink through bothSinks, each getting only its layers', () => {
    const [a, b] = [new AlignmentProbe([1]), new AlignmentProbe([2])];
    const both = bothSinks(a.sink(T, spans), b.sink(T, spans))!;
    expect(both.wants(0)).toBe(false);
    expect(both.wants(1)).toBe(true);
    both.add(0, diagonal());
    expect(both.wants(2)).toBe(true);
    both.add(0, uniform());
    expect(a.stats()).toEqual({ rows: 4, inSpan: 1, keys: 1, offDiagonal: 0, alignedRows: 0, offAligned: 0 });
    expect(b.stats().keys).toBeCloseTo(4, 5);
  });
});
