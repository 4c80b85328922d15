import { createHash } from 'node:crypto';
import type { TinyReference } from '../../workers/engine/tinyReference';
import { createRng } from '../../models/random';
import { uniformFloat32 } from './seededRandom';
import { TINY_MLP_IO, encodeTinyMlpOnnx } from './tinyMlpOnnx';
import { TINY_MLP_SHAPE, makeTinyMlpWeights, tinyMlpForward } from './tinyMlpWeights';

export const TINY_MODEL_FILE = 'tiny.onnx';
export const TINY_WEIGHT_SEED = 20240601;
const INPUT_SEED = 7;
/** float32 kernels (GPU or WASM) against a float64 loop: ~1e-6 expected, 1e-4 leaves room. */
const TOLERANCE = 1e-4;

export interface TinyModelAssets {
  modelBytes: Uint8Array;
  reference: TinyReference;
}

export function buildTinyModel(): TinyModelAssets {
  const weights = makeTinyMlpWeights(TINY_WEIGHT_SEED);
  const modelBytes = encodeTinyMlpOnnx(weights);
  const x = uniformFloat32(createRng(INPUT_SEED), TINY_MLP_SHAPE.inputSize, 1);
  const y = tinyMlpForward(weights, x);
  return {
    modelBytes,
    reference: {
      model: TINY_MODEL_FILE,
      modelSha256: createHash('sha256').update(modelBytes).digest('hex'),
      input: { name: TINY_MLP_IO.input, dims: [1, TINY_MLP_SHAPE.inputSize], data: Array.from(x) },
      output: { name: TINY_MLP_IO.output, dims: [1, TINY_MLP_SHAPE.outputSize], data: Array.from(y) },
      tolerance: TOLERANCE,
    },
  };
}
