/**
 * Runs async tasks one at a time, in submission order. onnxruntime-web sessions share one WASM
 * instance and one GPU device; overlapping run() calls are not supported, so every run goes through
 * one queue. A failed task rejects its own promise only; the queue keeps going.
 */
export class SerialQueue {
  private tail: Promise<unknown> = Promise.resolve();
  private pendingCount = 0;

  /** Tasks submitted and not yet settled (including the one running). */
  get pending(): number {
    return this.pendingCount;
  }

  enqueue<T>(task: () => Promise<T>): Promise<T> {
    this.pendingCount++;
    const result = this.tail.then(task).finally(() => {
      this.pendingCount--;
    });
    // The chain must not break on a rejection, or every later task would be skipped.
    this.tail = result.catch(() => undefined);
    return result;
  }
}
