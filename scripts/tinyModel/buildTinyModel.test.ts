import { readFileSync } from 'node:fs';
import onnxProto from 'onnx-proto';
import { describe, expect, it } from 'vitest';
import { parseTinyReference } from '../../workers/engine/tinyReference';
import { TINY_MODEL_FILE, TINY_WEIGHT_SEED, buildTinyModel } from './buildTinyModel';
import { TINY_MLP_SHAPE, makeTinyMlpWeights, tinyMlpForward } from './tinyMlpWeights';

const { onnx } = onnxProto;
const tinyDir = new URL('../../public/models/tiny/', import.meta.url);

describe('buildTinyModel', () => {
  it('is deterministic', () => {
    const a = buildTinyModel();
    const b = buildTinyModel();
    expect(Buffer.from(a.modelBytes).equals(Buffer.from(b.modelBytes))).toBe(true);
    expect(a.reference).toEqual(b.reference);
  });

  it('matches the committed assets (run `npm run assets` after changing the builder)', () => {
    const { modelBytes, reference } = buildTinyModel();
    expect(Buffer.from(modelBytes).equals(readFileSync(new URL(TINY_MODEL_FILE, tinyDir)))).toBe(true);
    const committed = parseTinyReference(JSON.parse(readFileSync(new URL('reference.json', tinyDir), 'utf8')));
    expect(committed).toEqual(reference);
  });

  it('encodes an IR 8 / opset 17 graph whose Gemm attributes carry explicit types', () => {
    const model = onnx.ModelProto.decode(buildTinyModel().modelBytes);
    expect(Number(model.irVersion)).toBe(8);
    expect(model.opsetImport.map((o) => [o.domain, Number(o.version)])).toEqual([['', 17]]);
    const nodes = model.graph?.node ?? [];
    expect(nodes.map((n) => n.opType)).toEqual(['MatMul', 'Add', 'Relu', 'Gemm']);
    const attr = (name: string) => nodes[3].attribute?.find((a) => a.name === name);
    expect(attr('alpha')).toMatchObject({ type: onnx.AttributeProto.AttributeType.FLOAT, f: 1 });
    expect(attr('transB')?.type).toBe(onnx.AttributeProto.AttributeType.INT);
    expect(Number(attr('transB')?.i)).toBe(1);
    // Initialiser bytes decode back to the seeded weights.
    const weights = makeTinyMlpWeights(TINY_WEIGHT_SEED);
    const w2 = model.graph?.initializer?.find((t) => t.name === 'w2');
    expect(w2?.dims?.map(Number)).toEqual([TINY_MLP_SHAPE.outputSize, TINY_MLP_SHAPE.hiddenSize]);
    const raw = w2?.rawData ?? new Uint8Array();
    const decoded = new Float32Array(raw.buffer.slice(raw.byteOffset, raw.byteOffset + raw.byteLength));
    expect(Array.from(decoded)).toEqual(Array.from(weights.w2));
  });
});

describe('tinyMlpForward', () => {
  it('computes relu(x W1 + b1) W2^T + b2 on a hand-checkable case', () => {
    const { inputSize, hiddenSize, outputSize } = TINY_MLP_SHAPE;
    const w1 = new Float32Array(inputSize * hiddenSize);
    w1[0 * hiddenSize + 0] = 2; // h0 = 2 * x0
    w1[1 * hiddenSize + 1] = -1; // h1 = -x1, clipped by relu when x1 > 0
    const b1 = new Float32Array(hiddenSize);
    const w2 = new Float32Array(outputSize * hiddenSize);
    w2[0 * hiddenSize + 0] = 1; // y0 = h0
    w2[1 * hiddenSize + 1] = 1; // y1 = h1
    const b2 = new Float32Array(outputSize).fill(0.5);
    const x = new Float32Array(inputSize);
    x[0] = 3;
    x[1] = 4;
    const y = tinyMlpForward({ w1, b1, w2, b2 }, x);
    expect(Array.from(y)).toEqual([6.5, 0.5, 0.5, 0.5, 0.5, 0.5, 0.5, 0.5]);
  });
});
