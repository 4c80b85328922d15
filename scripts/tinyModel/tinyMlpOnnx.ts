import onnxProto from 'onnx-proto';
import type { onnx as Onnx } from 'onnx-proto';
import { TINY_MLP_SHAPE, type TinyMlpWeights } from './tinyMlpWeights';

// The package is CommonJS: values come from the default import, types from the namespace.
const { onnx } = onnxProto;

export const TINY_MLP_IO = { input: 'x', output: 'y' } as const;

/** Little-endian float32 bytes: ONNX raw_data is little-endian whatever the host is. */
function float32Bytes(values: Float32Array): Uint8Array {
  const bytes = new Uint8Array(values.length * 4);
  const view = new DataView(bytes.buffer);
  values.forEach((v, i) => view.setFloat32(i * 4, v, true));
  return bytes;
}

function initializer(name: string, dims: number[], values: Float32Array): Onnx.ITensorProto {
  return { name, dims, dataType: onnx.TensorProto.DataType.FLOAT, rawData: float32Bytes(values) };
}

function floatTensorInfo(name: string, dims: number[]): Onnx.IValueInfoProto {
  return {
    name,
    type: {
      tensorType: {
        elemType: onnx.TensorProto.DataType.FLOAT,
        shape: { dim: dims.map((dimValue) => ({ dimValue })) },
      },
    },
  };
}

/** Attribute types are set explicitly: protobufjs cannot tell a float 1.0 from an int 1 in JS. */
function floatAttribute(name: string, f: number): Onnx.IAttributeProto {
  return { name, type: onnx.AttributeProto.AttributeType.FLOAT, f };
}

function intAttribute(name: string, i: number): Onnx.IAttributeProto {
  return { name, type: onnx.AttributeProto.AttributeType.INT, i };
}

/** Serialises the tiny MLP as an ONNX model (IR 8, opset 17). Deterministic for given weights. */
export function encodeTinyMlpOnnx(weights: TinyMlpWeights): Uint8Array {
  const { inputSize, hiddenSize, outputSize } = TINY_MLP_SHAPE;
  const graph: Onnx.IGraphProto = {
    name: 'tiny_mlp',
    input: [floatTensorInfo(TINY_MLP_IO.input, [1, inputSize])],
    output: [floatTensorInfo(TINY_MLP_IO.output, [1, outputSize])],
    initializer: [
      initializer('w1', [inputSize, hiddenSize], weights.w1),
      initializer('b1', [hiddenSize], weights.b1),
      initializer('w2', [outputSize, hiddenSize], weights.w2),
      initializer('b2', [outputSize], weights.b2),
    ],
    node: [
      { name: 'fc1_matmul', opType: 'MatMul', input: [TINY_MLP_IO.input, 'w1'], output: ['fc1_mm'] },
      { name: 'fc1_bias', opType: 'Add', input: ['fc1_mm', 'b1'], output: ['fc1'] },
      { name: 'fc1_relu', opType: 'Relu', input: ['fc1'], output: ['h'] },
      {
        name: 'fc2_gemm',
        opType: 'Gemm',
        input: ['h', 'w2', 'b2'],
        output: [TINY_MLP_IO.output],
        attribute: [floatAttribute('alpha', 1.0), floatAttribute('beta', 1.0), intAttribute('transB', 1)],
      },
    ],
  };
  const model = onnx.ModelProto.create({
    irVersion: 8,
    opsetImport: [{ domain: '', version: 17 }],
    producerName: 'meld-web/scripts/make-tiny-model',
    producerVersion: '1',
    graph,
  });
  return onnx.ModelProto.encode(model).finish();
}
