// The LM's attention keys and values between decoding steps, in one of two homes (the LM graph's
// contract is in training/export/meldGraphs.ts; keys are stored transposed, [H, dh, P]).
//
// - On WebGPU the graph's present_* outputs stay in GPU buffers and are fed back whole: the cache never
//   crosses to the host.
// - On WASM every output is copied out of the runtime's heap into a new array, and the whole cache
//   travelling out at every step cost more than the step's arithmetic (reports/bench). There the graph
//   returns only the rows' own keys and values (new_kv, all layers in one output), which are written into
//   host buffers that grow
//   CACHE_CHUNK rows at a time. The buffers are fed at their capacity with the unused rows masked, so
//   JavaScript copies the cache only when they grow (once every CACHE_CHUNK rows).

import { FIRST_POSITION, type PositionCursor } from '../../models/meld/positions';
import type { DeviceTensor, TensorMap } from '../ort/hostTensor';

export interface CacheShape {
  nLayers: number;
  nHeads: number;
  headDim: number;
}

/** Rows the host buffers grow by (after a run): a run reads at most CACHE_CHUNK - 1 masked rows beyond the cache. */
export const CACHE_CHUNK = 32;

/** A masked score: its softmax weight is exactly 0 in float32. */
const MASKED = -1e9;

export interface KvCache {
  /** Rows cached so far. */
  length: number;
  /** Where the per-segment position count stands (models/meld/positions.ts). */
  cursor: PositionCursor;
  /** Columns of past the next run reads (at least `length`; the rest are masked). */
  readonly pastColumns: number;
  /** The past_key.l / past_value.l feeds. */
  feeds(): TensorMap;
  /** Whether to fetch an LM output: every head, and of the two cache outputs the one this home extends from (the other stays in the runtime). */
  wants(output: string): boolean;
  /** Takes in the n rows a run computed. */
  extend(outputs: TensorMap, n: number): void;
  /** One layer's keys and values, [H, length, dh] each (downloaded if they live on the device). */
  read(layer: number): Promise<{ keys: Float32Array; values: Float32Array }>;
  /** Frees the buffers (GPU memory on WebGPU); the cache is empty afterwards. */
  release(): void;
}

/** The LM's attention mask [n, pastColumns + n]: each row sees the cached rows and the new rows up to itself. */
export function attentionMask(n: number, length: number, pastColumns: number): Float32Array {
  const total = pastColumns + n;
  const mask = new Float32Array(n * total);
  for (let i = 0; i < n; i++) {
    mask.fill(MASKED, i * total + length, i * total + pastColumns);
    mask.fill(MASKED, i * total + pastColumns + i + 1, (i + 1) * total);
  }
  return mask;
}

/** Keys [H, dh, columns] as [H, rows, dh] (the first `rows` columns). */
function keysByRow(keys: Float32Array, s: CacheShape, columns: number, rows: number): Float32Array {
  const { nHeads: H, headDim: dh } = s;
  const out = new Float32Array(H * rows * dh);
  for (let h = 0; h < H; h++) for (let d = 0; d < dh; d++) for (let r = 0; r < rows; r++) out[(h * rows + r) * dh + d] = keys[(h * dh + d) * columns + r];
  return out;
}

const NEW_ROWS = 'new_kv';
const presentKey = (l: number) => `present_key.${l}`;
const presentValue = (l: number) => `present_value.${l}`;

/** The LM outputs a WebGPU session keeps on the device: the whole cache after each run. */
export function cacheOutputNames(nLayers: number): string[] {
  return Array.from({ length: nLayers }, (_, l) => [presentKey(l), presentValue(l)]).flat();
}

function hostOutput(outputs: TensorMap, name: string): Float32Array {
  const t = outputs[name];
  if (!t || t.type !== 'float32') throw new Error(`graph output '${name}' is missing or not float32`);
  return t.data;
}

/** The cache in host buffers of `capacity` rows: keys [H, dh, capacity], values [H, capacity, dh] per layer. */
export class HostKvCache implements KvCache {
  length = 0;
  cursor: PositionCursor = FIRST_POSITION;
  private capacity = 0;
  private keys: Float32Array[];
  private values: Float32Array[];

  constructor(private readonly s: CacheShape) {
    this.keys = Array.from({ length: s.nLayers }, () => new Float32Array(0));
    this.values = Array.from({ length: s.nLayers }, () => new Float32Array(0));
  }

  get pastColumns(): number {
    return this.capacity;
  }

  /** Room for `need` rows: the buffers grow to the next multiple of CACHE_CHUNK, keeping their rows. */
  private grow(need: number): void {
    if (need <= this.capacity) return;
    const cap = Math.ceil(need / CACHE_CHUNK) * CACHE_CHUNK;
    const { nHeads: H, headDim: dh } = this.s;
    for (let l = 0; l < this.s.nLayers; l++) {
      const keys = new Float32Array(H * dh * cap);
      for (let r = 0; r < H * dh; r++) keys.set(this.keys[l].subarray(r * this.capacity, r * this.capacity + this.length), r * cap);
      const values = new Float32Array(H * cap * dh);
      for (let h = 0; h < H; h++) values.set(this.values[l].subarray(h * this.capacity * dh, (h * this.capacity + this.length) * dh), h * cap * dh);
      this.keys[l] = keys;
      this.values[l] = values;
    }
    this.capacity = cap;
  }

  feeds(): TensorMap {
    const { nHeads: H, headDim: dh } = this.s;
    const feeds: TensorMap = {};
    for (let l = 0; l < this.s.nLayers; l++) {
      feeds[`past_key.${l}`] = { type: 'float32', dims: [H, dh, this.capacity], data: this.keys[l] };
      feeds[`past_value.${l}`] = { type: 'float32', dims: [H, this.capacity, dh], data: this.values[l] };
    }
    return feeds;
  }

  wants(output: string): boolean {
    return !output.startsWith('present_');
  }

  extend(outputs: TensorMap, n: number): void {
    // Grown after the run, not before: the run itself reads the new rows from its own outputs.
    this.grow(this.length + n);
    const { nHeads: H, headDim: dh } = this.s;
    const cap = this.capacity;
    const at = this.length;
    const rows = hostOutput(outputs, NEW_ROWS); // [2L, H * dh * n]
    const size = H * dh * n;
    if (rows.length !== 2 * this.s.nLayers * size) throw new Error(`${NEW_ROWS} holds ${rows.length} values, not ${2 * this.s.nLayers} x ${size}`);
    for (let l = 0; l < this.s.nLayers; l++) {
      const k = rows.subarray(2 * l * size, (2 * l + 1) * size); // [H, dh, n]
      const v = rows.subarray((2 * l + 1) * size, (2 * l + 2) * size); // [H, n, dh]
      const keys = this.keys[l];
      // One row of keys is one element per (head, dim): a plain loop beats H * dh set() calls for a step's row.
      for (let r = 0; r < H * dh; r++) for (let i = 0; i < n; i++) keys[r * cap + at + i] = k[r * n + i];
      for (let h = 0; h < H; h++) this.values[l].set(v.subarray(h * n * dh, (h + 1) * n * dh), (h * cap + at) * dh);
    }
    this.length += n;
  }

  async read(layer: number): Promise<{ keys: Float32Array; values: Float32Array }> {
    const { nHeads: H, headDim: dh } = this.s;
    const values = new Float32Array(H * this.length * dh);
    for (let h = 0; h < H; h++) values.set(this.values[layer].subarray(h * this.capacity * dh, (h * this.capacity + this.length) * dh), h * this.length * dh);
    return { keys: keysByRow(this.keys[layer], this.s, this.capacity, this.length), values };
  }

  release(): void {
    this.keys = this.keys.map(() => new Float32Array(0));
    this.values = this.values.map(() => new Float32Array(0));
    this.capacity = 0;
    this.length = 0;
    this.cursor = FIRST_POSITION;
  }
}

/** The cache as the graph's present_* outputs, left in GPU buffers between runs (host arrays before the first). */
export class DeviceKvCache implements KvCache {
  length = 0;
  cursor: PositionCursor = FIRST_POSITION;
  private keys: (Float32Array | DeviceTensor)[];
  private values: (Float32Array | DeviceTensor)[];

  constructor(private readonly s: CacheShape) {
    this.keys = Array.from({ length: s.nLayers }, () => new Float32Array(0));
    this.values = Array.from({ length: s.nLayers }, () => new Float32Array(0));
  }

  get pastColumns(): number {
    return this.length;
  }

  feeds(): TensorMap {
    const { nHeads: H, headDim: dh } = this.s;
    const P = this.length;
    const feed = (t: Float32Array | DeviceTensor, dims: number[]) => (t instanceof Float32Array ? { type: 'float32' as const, dims, data: t } : t);
    const feeds: TensorMap = {};
    for (let l = 0; l < this.s.nLayers; l++) {
      feeds[`past_key.${l}`] = feed(this.keys[l], [H, dh, P]);
      feeds[`past_value.${l}`] = feed(this.values[l], [H, P, dh]);
    }
    return feeds;
  }

  wants(output: string): boolean {
    return !output.startsWith('new_');
  }

  extend(outputs: TensorMap, n: number): void {
    const take = (name: string) => {
      const t = outputs[name];
      return t?.type === 'device' ? t : hostOutput(outputs, name);
    };
    for (let l = 0; l < this.s.nLayers; l++) {
      // The present tensors replace the past ones, which are no longer needed.
      dispose(this.keys[l]);
      dispose(this.values[l]);
      this.keys[l] = take(presentKey(l));
      this.values[l] = take(presentValue(l));
    }
    this.length += n;
  }

  async read(layer: number): Promise<{ keys: Float32Array; values: Float32Array }> {
    const host = async (t: Float32Array | DeviceTensor) => (t instanceof Float32Array ? t : await t.download());
    return { keys: keysByRow(await host(this.keys[layer]), this.s, this.length, this.length), values: await host(this.values[layer]) };
  }

  release(): void {
    for (const t of [...this.keys, ...this.values]) dispose(t);
    this.keys = this.keys.map(() => new Float32Array(0));
    this.values = this.values.map(() => new Float32Array(0));
    this.length = 0;
    this.cursor = FIRST_POSITION;
  }
}

function dispose(t: Float32Array | DeviceTensor): void {
  if (!(t instanceof Float32Array)) t.dispose();
}
