// For the parity tests: one exported graph run once on onnxruntime-node or -web, and the largest
// elementwise difference between two results.

import * as ortNode from 'onnxruntime-node';
import type * as ortWeb from 'onnxruntime-web';
import { expect } from 'vitest';

export type Ort = typeof ortNode | typeof ortWeb;
export type Feeds = Record<string, { type: 'float32' | 'int32'; data: Float32Array | Int32Array; dims: number[] }>;

export const maxDiff = (a: ArrayLike<number>, b: ArrayLike<number>) => {
  expect(a.length).toBe(b.length);
  let m = 0;
  for (let i = 0; i < a.length; i++) m = Math.max(m, Math.abs(a[i] - b[i]));
  return m;
};

export async function runGraph(ort: Ort, bytes: Uint8Array, feeds: Feeds): Promise<Record<string, Float32Array>> {
  const session = await (ort.InferenceSession as typeof ortNode.InferenceSession).create(bytes);
  const inputs: Record<string, ortNode.Tensor> = {};
  for (const [k, f] of Object.entries(feeds)) inputs[k] = new (ort.Tensor as typeof ortNode.Tensor)(f.type, f.data, f.dims);
  const out = await session.run(inputs);
  const result: Record<string, Float32Array> = {};
  for (const [k, t] of Object.entries(out)) result[k] = t.data as Float32Array;
  await session.release();
  return result;
}
