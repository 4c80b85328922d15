// A small builder for ONNX graphs (IR 8, opset 17) over the onnx-proto bindings: add inputs,
// initializers and nodes by name, get the serialised model. Attribute types are always explicit
// (protobufjs cannot tell a float 1.0 from an int 1).

import { toFloat16Bits } from '../../models/float16';
import onnxProto from 'onnx-proto';
import type { onnx as Onnx } from 'onnx-proto';

// The package is CommonJS: values come from the default import, types from the namespace.
const { onnx } = onnxProto;
const DT = onnx.TensorProto.DataType;

export type ElemType = 'float32' | 'float16' | 'int32' | 'int64';
export type Dim = number | string;

export type Attr =
  | { int: number }
  | { float: number }
  | { ints: number[] }
  | { floats: number[] }
  | { string: string };

const ELEM: Record<ElemType, number> = { float32: DT.FLOAT, float16: DT.FLOAT16, int32: DT.INT32, int64: DT.INT64 };

function valueInfo(name: string, type: ElemType, dims: Dim[]): Onnx.IValueInfoProto {
  return {
    name,
    type: { tensorType: { elemType: ELEM[type], shape: { dim: dims.map((d) => (typeof d === 'number' ? { dimValue: d } : { dimParam: d })) } } },
  };
}

function attribute(name: string, a: Attr): Onnx.IAttributeProto {
  const T = onnx.AttributeProto.AttributeType;
  if ('int' in a) return { name, type: T.INT, i: a.int };
  if ('float' in a) return { name, type: T.FLOAT, f: a.float };
  if ('ints' in a) return { name, type: T.INTS, ints: a.ints };
  if ('string' in a) return { name, type: T.STRING, s: new TextEncoder().encode(a.string) };
  return { name, type: T.FLOATS, floats: a.floats };
}

export interface IoSpec {
  name: string;
  dtype: ElemType;
  dims: Dim[];
}

export class OnnxGraph {
  /** The graph's inputs and outputs, for the manifest. */
  readonly signature: { inputs: IoSpec[]; outputs: IoSpec[] } = { inputs: [], outputs: [] };
  private readonly inputs: Onnx.IValueInfoProto[] = [];
  private readonly outputs: Onnx.IValueInfoProto[] = [];
  private readonly inits: Onnx.ITensorProto[] = [];
  private readonly nodes: Onnx.INodeProto[] = [];
  private counter = 0;

  /** fp16 stores float weights as binary16 with a Cast back to float32 (half the download; same arithmetic). */
  constructor(
    readonly name: string,
    private readonly weightType: 'float32' | 'float16' = 'float32',
  ) {}

  input(name: string, type: ElemType, dims: Dim[]): string {
    this.inputs.push(valueInfo(name, type, dims));
    this.signature.inputs.push({ name, dtype: type, dims });
    return name;
  }

  output(name: string, type: ElemType, dims: Dim[]): void {
    this.outputs.push(valueInfo(name, type, dims));
    this.signature.outputs.push({ name, dtype: type, dims });
  }

  /** A float weight (stored as the graph's weight type). Returns the float32 value's name. */
  weight(name: string, dims: number[], values: Float32Array): string {
    if (values.length !== dims.reduce((a, b) => a * b, 1)) throw new Error(`weight ${name}: ${values.length} values for dims [${dims}]`);
    if (this.weightType === 'float32') {
      const bytes = new Uint8Array(values.length * 4);
      const view = new DataView(bytes.buffer);
      values.forEach((v, i) => view.setFloat32(i * 4, v, true)); // ONNX raw_data is little-endian
      this.inits.push({ name, dims, dataType: DT.FLOAT, rawData: bytes });
      return name;
    }
    const bytes = new Uint8Array(values.length * 2);
    const view = new DataView(bytes.buffer);
    values.forEach((v, i) => view.setUint16(i * 2, toFloat16Bits(v), true));
    this.inits.push({ name: `${name}.f16`, dims, dataType: DT.FLOAT16, rawData: bytes });
    return this.op('Cast', [`${name}.f16`], { to: { int: DT.FLOAT } }, name);
  }

  /** A float32 constant whatever the weight type (DSP tables, index vectors: fp16 would round them). */
  constant(name: string, dims: number[], values: ArrayLike<number>): string {
    const bytes = new Uint8Array(values.length * 4);
    const view = new DataView(bytes.buffer);
    for (let i = 0; i < values.length; i++) view.setFloat32(i * 4, values[i], true);
    this.inits.push({ name, dims, dataType: DT.FLOAT, rawData: bytes });
    return name;
  }

  /** An integer constant (shapes, split sizes, axes): int64 as ONNX requires for those inputs. */
  ints(name: string, values: number[]): string {
    const bytes = new Uint8Array(values.length * 8);
    const view = new DataView(bytes.buffer);
    values.forEach((v, i) => view.setBigInt64(i * 8, BigInt(v), true));
    this.inits.push({ name, dims: [values.length], dataType: DT.INT64, rawData: bytes });
    return name;
  }

  /** A float scalar constant. */
  scalar(name: string, value: number): string {
    const bytes = new Uint8Array(4);
    new DataView(bytes.buffer).setFloat32(0, value, true);
    this.inits.push({ name, dims: [], dataType: DT.FLOAT, rawData: bytes });
    return name;
  }

  /** Adds a node; returns its (first) output name. */
  op(opType: string, inputs: string[], attrs: Record<string, Attr> = {}, output?: string): string {
    const out = output ?? `${opType.toLowerCase()}_${this.counter++}`;
    this.nodes.push({
      name: `${out}_node`,
      opType,
      input: inputs,
      output: [out],
      attribute: Object.entries(attrs).map(([n, a]) => attribute(n, a)),
    });
    return out;
  }

  /** A node with several outputs. */
  opN(opType: string, inputs: string[], outputs: string[], attrs: Record<string, Attr> = {}): string[] {
    this.nodes.push({ name: `${outputs[0]}_node`, opType, input: inputs, output: outputs, attribute: Object.entries(attrs).map(([n, a]) => attribute(n, a)) });
    return outputs;
  }

  encode(producer = 'meld-web/training/export'): Uint8Array {
    const model = onnx.ModelProto.create({
      irVersion: 8,
      opsetImport: [{ domain: '', version: 17 }],
      producerName: producer,
      producerVersion: '1',
      graph: { name: this.name, input: this.inputs, output: this.outputs, initializer: this.inits, node: this.nodes },
    });
    return onnx.ModelProto.encode(model).finish();
  }
}
