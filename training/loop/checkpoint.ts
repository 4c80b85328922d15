// Checkpoints: one binary file of named float32 tensors plus a JSON header, written atomically
// (temp file, fsync, rename) so a run killed mid-write always leaves the previous good checkpoint.
//
// Format: 8-byte magic "MELDCKPT", uint32 header length, UTF-8 JSON header, then the tensors'
// little-endian float32 data back to back in header order.

import * as fs from 'node:fs';
import * as path from 'node:path';
import * as tf from '@tensorflow/tfjs';
import type { Params } from '../model/params';
import type { AdamW } from './optim';

const MAGIC = 'MELDCKPT';

export interface TensorEntry {
  name: string;
  shape: number[];
}

export interface CheckpointHeader<M> {
  tensors: TensorEntry[];
  meta: M;
}

export function writeCheckpointFile<M>(file: string, tensors: Record<string, tf.Tensor>, meta: M): void {
  const entries: TensorEntry[] = Object.entries(tensors).map(([name, t]) => ({ name, shape: t.shape }));
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
      fs.writeSync(fd, new Uint8Array(data.buffer, data.byteOffset, data.byteLength));
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
    if (offset + 4 * n > buf.length) throw new CheckpointError(`${file} is truncated (tensor ${e.name})`);
    const data = new Float32Array(n);
    new Uint8Array(data.buffer).set(buf.subarray(offset, offset + 4 * n));
    tensors.set(e.name, { shape: e.shape, data });
    offset += 4 * n;
  }
  if (offset !== buf.length) throw new CheckpointError(`${file} has ${buf.length - offset} trailing bytes`);
  return { meta: header.meta, tensors };
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

/** Loads the parameters of a checkpoint (every shape checked): enough to evaluate it. */
export function restoreParams(ck: LoadedCheckpoint<unknown>, params: Params): void {
  for (const [name, p] of Object.entries(params)) loadTensor(ck, p, name);
}

/** Loads the parameters and AdamW moments written by trainStateTensors (every shape checked); the caller sets opt.step. */
export function restoreTrainState(ck: LoadedCheckpoint<unknown>, params: Params, opt: AdamW, names: readonly string[]): void {
  restoreParams(ck, params);
  for (const n of names) {
    loadTensor(ck, opt.m[n], `adam.m.${n}`);
    loadTensor(ck, opt.v[n], `adam.v.${n}`);
  }
}
