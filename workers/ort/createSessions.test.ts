import { describe, expect, it } from 'vitest';
import { maxRelativeDeviation } from './createSessions';
import { YIELD_EVERY_MS, yieldIfDue, yieldToEventLoop } from './yieldToEventLoop';

describe('maxRelativeDeviation (WebGPU vs the WASM reference)', () => {
  it('scales each output by its largest reference magnitude, but never by less than 1', () => {
    const reference = { logits: Float32Array.from([100, -50, 0]), small: Float32Array.from([0.001, 0]) };
    // 0.5 off on values of magnitude 100 is 5e-3; 0.002 off on tiny values is 2e-3 (scale 1, not 0.001).
    expect(maxRelativeDeviation({ logits: Float32Array.from([100.5, -50, 0]), small: Float32Array.from([0.003, 0]) }, reference)).toBeCloseTo(5e-3, 9);
    expect(maxRelativeDeviation({ logits: Float32Array.from([100, -50, 0]), small: Float32Array.from([0.001, 0.002]) }, reference)).toBeCloseTo(2e-3, 9);
  });

  it('is Infinity for a missing output, a wrong length or NaN', () => {
    const reference = { a: Float32Array.from([1, 2]) };
    expect(maxRelativeDeviation({}, reference)).toBe(Infinity);
    expect(maxRelativeDeviation({ a: Float32Array.from([1]) }, reference)).toBe(Infinity);
    expect(maxRelativeDeviation({ a: Float32Array.from([1, Number.NaN]) }, reference)).toBe(Infinity);
  });
});

describe('yieldToEventLoop', () => {
  it('lets a message that is already queued run before the caller continues', async () => {
    // Without a task boundary, an await chain never lets message handlers run (the stop() problem).
    const log: string[] = [];
    const channel = new MessageChannel();
    channel.port1.onmessage = () => log.push('message');
    channel.port2.postMessage('stop');
    await Promise.resolve();
    log.push('after microtask');
    await yieldToEventLoop();
    log.push('after yield');
    channel.port1.close();
    expect(log).toEqual(['after microtask', 'message', 'after yield']);
  });

  it('yieldIfDue lets messages in at most once every YIELD_EVERY_MS', async () => {
    const log: string[] = [];
    const channel = new MessageChannel();
    channel.port1.onmessage = (e: MessageEvent<string>) => log.push(e.data);
    await new Promise((resolve) => setTimeout(resolve, YIELD_EVERY_MS + 2));
    channel.port2.postMessage('first');
    await yieldIfDue(); // due: the message runs
    channel.port2.postMessage('second');
    await yieldIfDue(); // just yielded: no task boundary, the message waits
    log.push('continued');
    await new Promise((resolve) => setTimeout(resolve, YIELD_EVERY_MS + 2));
    channel.port1.close();
    expect(log).toEqual(['first', 'continued', 'second']);
  });
});
