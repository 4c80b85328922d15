/**
 * Plays audio chunks as they arrive, back to back, with Web Audio: each chunk becomes a buffer
 * source scheduled at the end of the previous one. When generation is slower than real time, the
 * next chunk starts as soon as it arrives (a short gap rather than drift).
 */
export class StreamPlayer {
  private context: AudioContext | undefined;
  private nextStart = 0;
  private readonly sources = new Set<AudioBufferSourceNode>();

  /** Lead time for the first chunk of a stream, so scheduling jitter does not clip its start. */
  private static readonly LEAD_SECONDS = 0.08;

  /** Call from a user gesture (browsers only start audio after one). */
  async begin(): Promise<void> {
    this.stop();
    this.context ??= new AudioContext();
    if (this.context.state === 'suspended') await this.context.resume().catch(() => undefined);
    this.nextStart = 0;
  }

  enqueue(samples: Float32Array, sampleRate: number): void {
    const context = this.context;
    if (!context || samples.length === 0) return;
    const buffer = context.createBuffer(1, samples.length, sampleRate);
    buffer.copyToChannel(samples as Float32Array<ArrayBuffer>, 0);
    const source = context.createBufferSource();
    source.buffer = buffer;
    source.connect(context.destination);
    const start = Math.max(this.nextStart, context.currentTime + StreamPlayer.LEAD_SECONDS);
    source.start(start);
    this.nextStart = start + buffer.duration;
    this.sources.add(source);
    source.onended = () => this.sources.delete(source);
  }

  /** Seconds of scheduled audio not yet played. */
  get queuedSeconds(): number {
    return this.context ? Math.max(0, this.nextStart - this.context.currentTime) : 0;
  }

  stop(): void {
    for (const source of this.sources) {
      try {
        source.stop();
      } catch {
        // never started
      }
    }
    this.sources.clear();
  }
}

/** One player for the page: a new run or a stop silences the previous one. */
export const player = new StreamPlayer();
