// The LM's two cache homes: host buffers fed at their capacity (WASM) against the whole cache fed back
// (WebGPU's way; on onnxruntime-node its present_* outputs arrive as host arrays). Through the shipped
// LM graph, both must compute the same logits step after step, across the host buffers' growth.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { streamLayout } from '../../models/meld/aligned';
import { alignedLayout } from '../../models/meld/config';
import { createRng } from '../../models/random';
import { loadModelFromDisk } from '../../training/cli/nodeModel';
import { maxAbsDifference } from '../ort/hostTensor';
import { CACHE_CHUNK, DeviceKvCache, HostKvCache, type KvCache, attentionMask } from './kvCache';
import type { LmRows, MeldGraphs } from './meldGraphs';

describe('attentionMask', () => {
  it('lets each new row see the cached rows and the new rows up to itself, and hides the unused capacity', () => {
    const m = attentionMask(2, 1, 3); // 1 cached row in 3 columns, then 2 new rows
    const row = (i: number) => [...m.subarray(i * 5, i * 5 + 5)].map((x) => (x < -1e8 ? 'x' : 'o')).join('');
    expect(row(0)).toBe('oxxox');
    expect(row(1)).toBe('oxxoo');
  });
});

describe('HostKvCache', () => {
  const shape = { nLayers: 1, nHeads: 2, headDim: 3 };
  /** The new_kv output of n rows (one layer: its keys, then its values) whose values encode (row, head, dim). */
  const rows = (from: number, n: number) => {
    const key = new Float32Array(2 * 3 * n);
    const value = new Float32Array(2 * n * 3);
    for (let h = 0; h < 2; h++)
      for (let d = 0; d < 3; d++)
        for (let i = 0; i < n; i++) {
          key[(h * 3 + d) * n + i] = 1000 * (from + i) + 10 * h + d;
          value[(h * n + i) * 3 + d] = -(1000 * (from + i) + 10 * h + d);
        }
    const data = new Float32Array(2 * key.length);
    data.set(key);
    data.set(value, key.length);
    return { new_kv: { type: 'float32' as const, dims: [2, key.length], data } };
  };

  it('keeps every row in place as its buffers grow, and reads them back by row', async () => {
    const cache = new HostKvCache(shape);
    let length = 0;
    for (const n of [5, 1, CACHE_CHUNK, 1, 2 * CACHE_CHUNK]) {
      cache.extend(rows(length, n), n);
      length += n;
      expect(cache.pastColumns % CACHE_CHUNK).toBe(0);
      // Never more than a chunk of masked columns beyond the cached rows.
      expect(cache.pastColumns - length).toBeLessThan(CACHE_CHUNK);
      expect(cache.pastColumns).toBeGreaterThanOrEqual(length);
    }
    expect(cache.length).toBe(length);
    const { keys, values } = await cache.read(0);
    for (let h = 0; h < 2; h++)
      for (let r = 0; r < length; r++)
        for (let d = 0; d < 3; d++) {
          expect(keys[(h * length + r) * 3 + d]).toBe(1000 * r + 10 * h + d);
          expect(values[(h * length + r) * 3 + d]).toBe(-(1000 * r + 10 * h + d));
        }
  });

  it('is empty after release, its position count restarted', async () => {
    const cache = new HostKvCache(shape);
    cache.extend(rows(0, 3), 3);
    cache.cursor = { speech: true, next: 7 };
    cache.release();
    expect([cache.length, cache.pastColumns]).toEqual([0, 0]);
    expect(cache.cursor).toEqual(new HostKvCache(shape).cursor);
    expect((await cache.read(0)).keys.length).toBe(0);
  });
});

describe('host and device caches through the shipped LM', () => {
  let g: MeldGraphs;
  beforeAll(async () => {
    g = await loadModelFromDisk();
  }, 60_000);
  afterAll(async () => {
    await g?.release();
  });

  it('compute the same outputs for a prefill and single rows past two chunk boundaries', async () => {
    const c = g.config;
    const shape = { nLayers: c.nLayers, nHeads: c.nHeads, headDim: c.dModel / c.nHeads };
    const width = alignedLayout(c) ? streamLayout(alignedLayout(c)!).width : 0;
    const rand = createRng(7);
    const make = (n: number, at: number): LmRows => ({
      tokenIds: Array.from({ length: n }, () => Math.floor(rand() * 20)),
      features: Float32Array.from({ length: n * c.dModel }, () => rand() - 0.5),
      isSpeech: Array.from({ length: n }, (_, i) => (i % 3 === 0 ? 0 : 1)),
      stream: width ? Int32Array.from({ length: n * width }, () => -1) : undefined,
      positions: Int32Array.from({ length: n }, (_, i) => at + i),
    });
    const host: KvCache = new HostKvCache(shape);
    const device: KvCache = new DeviceKvCache(shape);
    let at = 0;
    for (const n of [20, ...new Array<number>(50).fill(1)]) {
      const rowsIn = make(n, at);
      const a = await g.lm(rowsIn, host);
      const b = await g.lm(rowsIn, device);
      expect(maxAbsDifference(a.h, b.h)).toBeLessThan(1e-4);
      expect(maxAbsDifference(a.ttsLogits, b.ttsLogits)).toBeLessThan(1e-3);
      at += n;
    }
    expect(host.pastColumns).toBe(3 * CACHE_CHUNK); // 70 rows
    expect(device.pastColumns).toBe(70);
    const [x, y] = [await host.read(c.nLayers - 1), await device.read(c.nLayers - 1)];
    expect(maxAbsDifference(x.keys, y.keys)).toBeLessThan(1e-4);
    expect(maxAbsDifference(x.values, y.values)).toBeLessThan(1e-4);
  }, 60_000);
});
