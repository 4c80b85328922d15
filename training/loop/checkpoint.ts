// Checkpoints: one binary file of named float32 tensors plus a JSON header, written atomically
// (temp file, fsync, rename) so a run killed mid-write always leaves the previous good checkpoint.
//
// Format: 8-byte magic "MELDCKPT", uint32 header length, UTF-8 JSON header, then the tensors'
// little-endian data back to back in header order: float32, or binary16 where the entry says
// `dtype: 'float16'` (slim checkpoints: weights only, half the bytes, for the repository).

import * as fs from 'node:fs';
import * as path from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { fromFloat16Bits, toFloat16Bits } from '../../models/float16';
import type { Params } from '../model/params';
import type { AdamW } from './optim';

const MAGIC = 'MELDCKPT';

export interface TensorEntry {
  name: string;
  shape: number[];
  /** How the values are stored (absent: float32). They are float32 once read, either way. */
  dtype?: 'float32' | 'float16';
}

export interface CheckpointHeader<M> {
  tensors: TensorEntry[];
  meta: M;
}

export function writeCheckpointFile<M>(file: string, tensors: Record<string, tf.Tensor>, meta: M, dtype: 'float32' | 'float16' = 'float32'): void {
  const entries: TensorEntry[] = Object.entries(tensors).map(([name, t]) => ({ name, shape: t.shape, ...(dtype === 'float16' ? { dtype } : {}) }));
  const header = Buffer.from(JSON.stringify({ tensors: entries, meta } satisfies CheckpointHeader<M>), 'utf8');
  const prefix = Buffer.alloc(12);
  prefix.write(MAGIC, 0, 'ascii');
  prefix.writeUInt32LE(header.length, 8);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const tmp = `${file}.tmp-${process.pid}`;
  const fd = fs.openSync(tmp, 'w');
  try {
    fs.writeSync(fd, prefix);
    fs.writeSync(fd, header);
    for (const e of entries) {
      const data = tensors[e.name].dataSync() as Float32Array;
      const bytes = dtype === 'float16' ? new Uint8Array(Uint16Array.from(data, toFloat16Bits).buffer) : new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
      fs.writeSync(fd, bytes);
    }
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
  fs.renameSync(tmp, file);
  // Temp files of runs killed mid-write (the run lock makes this the directory's only writer).
  const stale = `${path.basename(file)}.tmp-`;
  for (const f of fs.readdirSync(path.dirname(file))) if (f.startsWith(stale)) fs.rmSync(path.join(path.dirname(file), f), { force: true });
}

export interface LoadedCheckpoint<M> {
  meta: M;
  tensors: Map<string, { shape: number[]; data: Float32Array }>;
}

export class CheckpointError extends Error {}

export function readCheckpointFile<M>(file: string): LoadedCheckpoint<M> {
  const buf = fs.readFileSync(file);
  if (buf.length < 12 || buf.toString('ascii', 0, 8) !== MAGIC) throw new CheckpointError(`${file} is not a MELD checkpoint`);
  const headerLen = buf.readUInt32LE(8);
  if (12 + headerLen > buf.length) throw new CheckpointError(`${file} is truncated (header)`);
  const header = JSON.parse(buf.toString('utf8', 12, 12 + headerLen)) as CheckpointHeader<M>;
  let offset = 12 + headerLen;
  const tensors = new Map<string, { shape: number[]; data: Float32Array }>();
  for (const e of header.tensors) {
    const n = e.shape.reduce((a, b) => a * b, 1);
    const width = e.dtype === 'float16' ? 2 : 4;
    if (offset + width * n > buf.length) throw new CheckpointError(`${file} is truncated (tensor ${e.name})`);
    const raw = new Uint8Array(width * n);
    raw.set(buf.subarray(offset, offset + width * n));
    const data = width === 2 ? Float32Array.from(new Uint16Array(raw.buffer), fromFloat16Bits) : new Float32Array(raw.buffer);
    tensors.set(e.name, { shape: e.shape, data });
    offset += width * n;
  }
  if (offset !== buf.length) throw new CheckpointError(`${file} has ${buf.length - offset} trailing bytes`);
  return { meta: header.meta, tensors };
}

/**
 * The checkpoint a run resumes from: `file` when `resume` is asked and it exists. When it is asked and the
 * file is missing, the run starts afresh and says so, so a mistyped --out does not quietly cost hours.
 */
export function checkpointToResume<M>(file: string, resume: boolean, log: (line: string) => void): LoadedCheckpoint<M> | null {
  if (!resume) return null;
  if (!fs.existsSync(file)) {
    log(`--resume: there is no checkpoint at ${file}, so this is a fresh run from step 0`);
    return null;
  }
  return readCheckpointFile<M>(file);
}

/** What a training checkpoint holds besides its meta: the parameters and the AdamW moments. */
export function trainStateTensors(params: Params, opt: AdamW, names: readonly string[]): Record<string, tf.Tensor> {
  const tensors: Record<string, tf.Tensor> = { ...params };
  for (const n of names) {
    tensors[`adam.m.${n}`] = opt.m[n];
    tensors[`adam.v.${n}`] = opt.v[n];
  }
  return tensors;
}

/** Assigns the checkpoint's tensor `name` to `v`, after checking that it exists with v's shape. */
function loadTensor(ck: LoadedCheckpoint<unknown>, v: tf.Variable, name: string): void {
  const src = ck.tensors.get(name);
  if (!src) throw new CheckpointError(`checkpoint has no tensor ${name}`);
  if (src.shape.join(',') !== v.shape.join(',')) throw new CheckpointError(`checkpoint tensor ${name} has shape [${src.shape}], the model expects [${v.shape}]`);
  tf.tidy(() => v.assign(tf.tensor(src.data, v.shape)));
}

/**
 * Loads the parameters of a checkpoint (every shape checked): enough to evaluate it. A parameter named in
 * absentIsZero that the checkpoint lacks (added to the model since) is set to zero; the names of those are returned.
 */
export function restoreParams(ck: LoadedCheckpoint<unknown>, params: Params, absentIsZero: ReadonlySet<string> = new Set()): string[] {
  const absent: string[] = [];
  for (const [name, p] of Object.entries(params)) {
    if (!ck.tensors.has(name) && absentIsZero.has(name)) {
      tf.tidy(() => p.assign(tf.zerosLike(p)));
      absent.push(name);
    } else loadTensor(ck, p, name);
  }
  return absent;
}

/** Whether a checkpoint holds the AdamW moments (a full one) or only the weights (a slim one). */
export function hasMoments(ck: LoadedCheckpoint<unknown>): boolean {
  return [...ck.tensors.keys()].some((k) => k.startsWith('adam.'));
}

/**
 * Loads the parameters and AdamW moments written by trainStateTensors (every shape checked); the caller
 * sets opt.step. A slim checkpoint (weights only) leaves the moments at zero: they re-warm.
 */
export function restoreTrainState(ck: LoadedCheckpoint<unknown>, params: Params, opt: AdamW, names: readonly string[], absentIsZero?: ReadonlySet<string>): string[] {
  const absent = restoreParams(ck, params, absentIsZero);
  if (!hasMoments(ck)) return absent;
  for (const n of names) {
    if (absent.includes(n)) continue; // its moments start from zero
    loadTensor(ck, opt.m[n], `adam.m.${n}`);
    loadTensor(ck, opt.v[n], `adam.v.${n}`);
  }
  return absent;
}

/** The weights of a training checkpoint as float16, without the moments: a resumable file a tenth the size. */
export function writeSlimCheckpoint(from: string, to: string): { bytes: number; tensors: number; step: number | undefined } {
  const ck = readCheckpointFile<{ step?: number }>(from);
  const weights = Object.fromEntries([...ck.tensors].filter(([k]) => !k.startsWith('adam.')).map(([k, t]) => [k, tf.tensor(t.data, t.shape)]));
  try {
    writeCheckpointFile(to, weights, { ...ck.meta, slim: true }, 'float16');
  } finally {
    tf.dispose(Object.values(weights));
  }
  return { bytes: fs.statSync(to).size, tensors: Object.keys(weights).length, step: ck.meta.step };
}
