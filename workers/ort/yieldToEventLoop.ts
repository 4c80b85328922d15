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
