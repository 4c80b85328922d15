import { describe, expect, it } from 'vitest';
import { SerialQueue } from './serialQueue';

const tick = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('SerialQueue', () => {
  it('never runs two tasks at once and keeps submission order', async () => {
    const queue = new SerialQueue();
    let running = 0;
    let maxRunning = 0;
    const log: string[] = [];
    const task = (name: string, ms: number) => async () => {
      running++;
      maxRunning = Math.max(maxRunning, running);
      log.push(`start ${name}`);
      await tick(ms);
      log.push(`end ${name}`);
      running--;
      return name;
    };
    // The first task is the slowest: without the queue, b and c would finish before a.
    const results = await Promise.all([queue.enqueue(task('a', 30)), queue.enqueue(task('b', 5)), queue.enqueue(task('c', 1))]);
    expect(results).toEqual(['a', 'b', 'c']);
    expect(maxRunning).toBe(1);
    expect(log).toEqual(['start a', 'end a', 'start b', 'end b', 'start c', 'end c']);
    expect(queue.pending).toBe(0);
  });

  it('rejects only the failing task and keeps running the rest', async () => {
    const queue = new SerialQueue();
    const failing = queue.enqueue(async () => {
      throw new Error('boom');
    });
    const next = queue.enqueue(async () => 42);
    await expect(failing).rejects.toThrow('boom');
    await expect(next).resolves.toBe(42);
  });

  it('counts pending tasks until they settle', async () => {
    const queue = new SerialQueue();
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const first = queue.enqueue(() => gate);
    const second = queue.enqueue(async () => undefined);
    expect(queue.pending).toBe(2);
    release();
    await Promise.all([first, second]);
    expect(queue.pending).toBe(0);
  });
});
