/**
 * Lets queued tasks (messages) run before continuing. onnxruntime-web's WASM run() computes
 * synchronously and resolves a promise, so a generation loop of awaits never leaves the microtask
 * queue: a worker would not see a stop() message until the whole generation ended. A MessageChannel
 * round trip is a real task boundary without setTimeout's 4 ms clamping.
 */
export function yieldToEventLoop(): Promise<void> {
  return new Promise((resolve) => {
    const channel = new MessageChannel();
    channel.port1.onmessage = () => {
      channel.port1.close();
      resolve();
    };
    channel.port2.postMessage(null);
  });
}

/** How long a chain of runs may compute before it lets messages in: a stop is seen within about this long. */
export const YIELD_EVERY_MS = 8;

let lastYield = Number.NEGATIVE_INFINITY;

/**
 * yieldToEventLoop, at most once every YIELD_EVERY_MS. A round trip per run cost 5-7% of transcription,
 * whose LM runs take ~1 ms each (STT of 62 s on onnxruntime-web in Node: RTF 0.0220 -> 0.0204-0.0211 without
 * it); once every 8 ms keeps a stop prompt and costs nothing measurable.
 */
export async function yieldIfDue(): Promise<void> {
  if (performance.now() - lastYield < YIELD_EVERY_MS) return;
  await yieldToEventLoop();
  lastYield = performance.now();
}
