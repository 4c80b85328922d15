/**
 * Contract of `public/models/tiny/reference.json`: a fixed input for the tiny test model and the
 * output computed independently (plain loops in TypeScript, not ONNX Runtime). The browser runs the
 * model on its chosen backend and compares. Written by scripts/make-tiny-model.ts, read by the engine.
 * The file is fetched at run time, so it is validated rather than trusted.
 */

export interface ReferenceTensor {
  name: string;
  dims: number[];
  data: number[];
}

export interface TinyReference {
  /** File name of the model next to reference.json. */
  model: string;
  /** Hex SHA-256 of the model bytes: the engine refuses a model that does not match its reference. */
  modelSha256: string;
  input: ReferenceTensor;
  output: ReferenceTensor;
  /** Largest allowed |backend - reference| per element (float32 GPU kernels differ in rounding). */
  tolerance: number;
}

export class ReferenceFormatError extends Error {
  override readonly name = 'ReferenceFormatError';
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isNumberArray(value: unknown): value is number[] {
  return Array.isArray(value) && value.every((v) => typeof v === 'number' && Number.isFinite(v));
}

function parseTensor(value: unknown, field: string): ReferenceTensor {
  if (!isRecord(value)) throw new ReferenceFormatError(`${field} is not an object`);
  const { name, dims, data } = value;
  if (typeof name !== 'string' || name === '') throw new ReferenceFormatError(`${field}.name is missing`);
  if (!isNumberArray(dims) || !dims.every((d) => Number.isInteger(d) && d > 0)) {
    throw new ReferenceFormatError(`${field}.dims must be positive integers`);
  }
  if (!isNumberArray(data)) throw new ReferenceFormatError(`${field}.data must be finite numbers`);
  const size = dims.reduce((a, b) => a * b, 1);
  if (data.length !== size) {
    throw new ReferenceFormatError(`${field}.data has ${data.length} values, dims [${dims.join(', ')}] need ${size}`);
  }
  return { name, dims, data };
}

export function parseTinyReference(json: unknown): TinyReference {
  if (!isRecord(json)) throw new ReferenceFormatError('reference is not an object');
  const { model, modelSha256, input, output, tolerance } = json;
  if (typeof model !== 'string' || model === '') throw new ReferenceFormatError('model is missing');
  if (typeof modelSha256 !== 'string' || !/^[0-9a-f]{64}$/.test(modelSha256)) {
    throw new ReferenceFormatError('modelSha256 must be 64 lowercase hex digits');
  }
  if (typeof tolerance !== 'number' || !(tolerance > 0)) throw new ReferenceFormatError('tolerance must be > 0');
  return { model, modelSha256, input: parseTensor(input, 'input'), output: parseTensor(output, 'output'), tolerance };
}
