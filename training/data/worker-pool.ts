// A fixed pool of worker_threads running TypeScript modules. Each worker registers tsx's loader itself
// (worker threads do not inherit the parent's loader hooks on Node 20, and under Vitest there is none),
// so the pool works the same under `tsx`, `vitest` and plain `node --import tsx`.

import { createRequire } from 'node:module';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { Worker, type TransferListItem } from 'node:worker_threads';

interface Pending<R> {
  resolve: (result: R) => void;
  reject: (error: Error) => void;
}

interface Slot<R> {
  worker: Worker;
  busy: boolean;
  pending?: Pending<R>;
}

/** file URL of tsx's ESM registration API (its CommonJS build cannot register ESM hooks from a worker). */
function tsxApiUrl(): string {
  const cjs = createRequire(import.meta.url).resolve('tsx/esm/api');
  return pathToFileURL(path.join(path.dirname(cjs), 'index.mjs')).href;
}

/** A worker module receives { task } messages and answers each with { result } or { error }. */
export class WorkerPool<T, R> {
  private readonly slots: Slot<R>[];
  private readonly waiting: { task: T; pending: Pending<R> }[] = [];

  constructor(moduleUrl: URL, size: number, workerData: unknown) {
    const bootstrap = `import(${JSON.stringify(tsxApiUrl())}).then((tsx) => { tsx.register(); return import(${JSON.stringify(moduleUrl.href)}); });`;
    this.slots = Array.from({ length: size }, () => {
      const slot: Slot<R> = { worker: new Worker(bootstrap, { eval: true, workerData }), busy: false };
      slot.worker.on('message', (message: { result?: R; error?: string }) => {
        const pending = slot.pending;
        slot.pending = undefined;
        slot.busy = false;
        if (message.error !== undefined) pending?.reject(new Error(message.error));
        else pending?.resolve(message.result as R);
        this.dispatch();
      });
      slot.worker.on('error', (error) => {
        slot.pending?.reject(error);
        slot.pending = undefined;
      });
      return slot;
    });
  }

  run(task: T): Promise<R> {
    return new Promise((resolve, reject) => {
      this.waiting.push({ task, pending: { resolve, reject } });
      this.dispatch();
    });
  }

  private dispatch(): void {
    for (const slot of this.slots) {
      if (slot.busy) continue;
      const next = this.waiting.shift();
      if (!next) return;
      slot.busy = true;
      slot.pending = next.pending;
      slot.worker.postMessage({ task: next.task });
    }
  }

  async close(): Promise<void> {
    await Promise.all(this.slots.map((slot) => slot.worker.terminate()));
  }
}

/** Transfer the buffers of typed arrays instead of copying them. */
export function transferablesOf(values: readonly (ArrayBufferView | undefined)[]): TransferListItem[] {
  return values.filter((v): v is ArrayBufferView => v !== undefined).map((v) => v.buffer as ArrayBuffer);
}
