/**
 * AudioWorklet processor that copies the microphone's first channel to the main thread in blocks of
 * BLOCK frames (render quanta are 128 frames; batching cuts messages ~30x). Bundled on its own
 * (imported with ?worker&url), so it imports only the tiny protocol module.
 */
import { CAPTURE_PROCESSOR, STOP_MESSAGE, STOPPED_MESSAGE } from './captureProtocol';

// The AudioWorkletGlobalScope is not in the DOM typings; declare the little we use.
declare abstract class AudioWorkletProcessor {
  readonly port: MessagePort;
  abstract process(inputs: Float32Array[][], outputs: Float32Array[][], parameters: Record<string, Float32Array>): boolean;
}
declare function registerProcessor(name: string, processor: new () => AudioWorkletProcessor): void;

const BLOCK = 4096;

class CaptureProcessor extends AudioWorkletProcessor {
  private block = new Float32Array(BLOCK);
  private filled = 0;
  private stopped = false;

  constructor() {
    super();
    this.port.onmessage = (event: MessageEvent) => {
      if (event.data === STOP_MESSAGE) {
        this.flush();
        this.stopped = true;
        this.port.postMessage(STOPPED_MESSAGE);
      }
    };
  }

  private flush(): void {
    if (this.filled === 0) return;
    const out = this.block.slice(0, this.filled);
    this.port.postMessage(out, [out.buffer]);
    this.filled = 0;
  }

  process(inputs: Float32Array[][]): boolean {
    if (this.stopped) return false;
    const channel = inputs[0]?.[0];
    // No input yet (the track is starting): nothing to copy, keep running.
    if (!channel) return true;
    for (let i = 0; i < channel.length; ) {
      const n = Math.min(channel.length - i, BLOCK - this.filled);
      this.block.set(channel.subarray(i, i + n), this.filled);
      this.filled += n;
      i += n;
      if (this.filled === BLOCK) this.flush();
    }
    return true;
  }
}

registerProcessor(CAPTURE_PROCESSOR, CaptureProcessor);
