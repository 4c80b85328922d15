// Shared pieces of the exported graphs: weights by name from a checkpoint, and the small layers
// (linear, LayerNorm) every graph builds the same way.

import { OnnxGraph } from './onnxGraph';

export type HostTensor = { shape: number[]; data: Float32Array };
export type Weights = (name: string) => HostTensor;
export type WeightType = 'float32' | 'float16';

export interface BuiltGraph {
  bytes: Uint8Array;
  signature: OnnxGraph['signature'];
}

export const built = (g: OnnxGraph): BuiltGraph => ({ bytes: g.encode(), signature: g.signature });

/** The named checkpoint tensor as a graph weight. */
export function w(g: OnnxGraph, weights: Weights, name: string): string {
  const t = weights(name);
  return g.weight(name, t.shape, t.data);
}

export function linear(g: OnnxGraph, weights: Weights, x: string, wName: string, bName: string): string {
  return g.op('Add', [g.op('MatMul', [x, w(g, weights, wName)]), w(g, weights, bName)]);
}

/** LayerNormalization over the last axis with weights `prefix.g` / `prefix.b`. */
export function layerNorm(g: OnnxGraph, weights: Weights, x: string, prefix: string): string {
  return g.op('LayerNormalization', [x, w(g, weights, prefix + '.g'), w(g, weights, prefix + '.b')], { axis: { int: -1 }, epsilon: { float: 1e-5 } });
}
