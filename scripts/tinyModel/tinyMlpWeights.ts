import { createRng } from '../../models/random';
import { uniformFloat32 } from './seededRandom';

/**
 * The tiny test model: y = W2 · relu(x · W1 + b1) + b2.
 * Layer 1 is MatMul + Add with W1 stored [in, hidden]; layer 2 is a Gemm with transB = 1, so W2 is
 * stored [out, hidden] like a PyTorch/ONNX Linear. Both layouts appear in real exports, and the Gemm
 * exercises typed attributes (alpha/beta are FLOAT, transB is INT).
 */
export const TINY_MLP_SHAPE = { inputSize: 16, hiddenSize: 32, outputSize: 8 } as const;

export interface TinyMlpWeights {
  /** [inputSize, hiddenSize], row-major. */
  w1: Float32Array;
  b1: Float32Array;
  /** [outputSize, hiddenSize], row-major. */
  w2: Float32Array;
  b2: Float32Array;
}

export function makeTinyMlpWeights(seed: number): TinyMlpWeights {
  const { inputSize, hiddenSize, outputSize } = TINY_MLP_SHAPE;
  const random = createRng(seed);
  return {
    w1: uniformFloat32(random, inputSize * hiddenSize, 1 / Math.sqrt(inputSize)),
    b1: uniformFloat32(random, hiddenSize, 0.1),
    w2: uniformFloat32(random, outputSize * hiddenSize, 1 / Math.sqrt(hiddenSize)),
    b2: uniformFloat32(random, outputSize, 0.1),
  };
}

/**
 * Forward pass with plain loops in float64: an implementation independent of ONNX Runtime, used as
 * the ground truth the browser backends are checked against.
 */
export function tinyMlpForward(weights: TinyMlpWeights, x: Float32Array): Float64Array {
  const { inputSize, hiddenSize, outputSize } = TINY_MLP_SHAPE;
  if (x.length !== inputSize) throw new Error(`expected ${inputSize} inputs, got ${x.length}`);
  const hidden = new Float64Array(hiddenSize);
  for (let j = 0; j < hiddenSize; j++) {
    let sum = weights.b1[j];
    for (let i = 0; i < inputSize; i++) sum += x[i] * weights.w1[i * hiddenSize + j];
    hidden[j] = Math.max(0, sum);
  }
  const y = new Float64Array(outputSize);
  for (let o = 0; o < outputSize; o++) {
    let sum = weights.b2[o];
    for (let j = 0; j < hiddenSize; j++) sum += hidden[j] * weights.w2[o * hiddenSize + j];
    y[o] = sum;
  }
  return y;
}
