import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { TranscriptCache } from './transcript-cache';

describe('TranscriptCache', () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'transcript-cache-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('keys on recogniser settings and exact bytes', () => {
    const a = TranscriptCache.key('ps', Uint8Array.of(1, 2, 3));
    expect(TranscriptCache.key('ps', Uint8Array.of(1, 2, 3))).toBe(a);
    expect(TranscriptCache.key('ps -lw 10', Uint8Array.of(1, 2, 3))).not.toBe(a);
    expect(TranscriptCache.key('ps', Uint8Array.of(1, 2, 4))).not.toBe(a);
  });

  it('computes once for concurrent requests of the same key', async () => {
    const cache = new TranscriptCache();
    let calls = 0;
    const compute = async () => {
      calls++;
      await new Promise((resolve) => setTimeout(resolve, 10));
      return 'hello world';
    };
    const results = await Promise.all([cache.getOrCompute('k', compute), cache.getOrCompute('k', compute)]);
    expect(results).toEqual(['hello world', 'hello world']);
    expect(calls).toBe(1);
    expect(await cache.getOrCompute('k', compute)).toBe('hello world');
    expect(calls).toBe(1);
  });

  it('persists to a JSONL file and survives a torn last line', async () => {
    const file = path.join(dir, 'cache.jsonl');
    const first = new TranscriptCache(file);
    await first.getOrCompute('a', async () => 'one');
    await first.getOrCompute('b', async () => 'two');
    writeFileSync(file, readFileSync(file, 'utf8') + '{"key":"c","te');
    const second = new TranscriptCache(file);
    expect(second.size).toBe(2);
    expect(second.get('b')).toBe('two');
    expect(second.get('c')).toBeUndefined();
    // New entries after the torn line are readable.
    await second.getOrCompute('d', async () => 'four');
    expect(new TranscriptCache(file).get('d')).toBe('four');
  });
});
