// Transcripts keyed by a hash of the exact audio bytes and the recogniser's settings. The intelligibility
// judge and an STT system that are the same recogniser on the same audio then cost one run, and
// re-running a report (e.g. the ground-truth ceiling next to each new checkpoint) costs none.

import { createHash } from 'node:crypto';
import { appendFileSync, existsSync, mkdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

export class TranscriptCache {
  private readonly entries = new Map<string, string>();
  // Requests for a key being computed right now wait for that computation (judge and STT on the same audio).
  private readonly inFlight = new Map<string, Promise<string>>();
  /** The file ends in a torn line: the next entry must not be glued to it. */
  private startNewLine = false;

  /** file: a JSONL file to load from and append to; omit for an in-memory cache. */
  constructor(private readonly file?: string) {
    if (file && existsSync(file)) {
      const text = readFileSync(file, 'utf8');
      this.startNewLine = text.length > 0 && !text.endsWith('\n');
      for (const line of text.split('\n')) {
        if (!line.trim()) continue;
        try {
          const { key, text } = JSON.parse(line) as { key: string; text: string };
          this.entries.set(key, text);
        } catch {
          // A torn last line from an interrupted run: ignore it, it will be recomputed.
        }
      }
    }
  }

  static key(recogniser: string, audioBytes: Uint8Array): string {
    return createHash('sha256').update(recogniser).update('\0').update(audioBytes).digest('hex');
  }

  get(key: string): string | undefined {
    return this.entries.get(key);
  }

  set(key: string, text: string): void {
    this.entries.set(key, text);
    if (this.file) {
      mkdirSync(path.dirname(this.file), { recursive: true });
      appendFileSync(this.file, (this.startNewLine ? '\n' : '') + JSON.stringify({ key, text }) + '\n');
      this.startNewLine = false;
    }
  }

  /** The cached text, or compute it once however many callers ask at the same time. */
  async getOrCompute(key: string, compute: () => Promise<string>): Promise<string> {
    const cached = this.entries.get(key);
    if (cached !== undefined) return cached;
    const pending = this.inFlight.get(key);
    if (pending) return pending;
    const job = compute().then((text) => {
      this.set(key, text);
      return text;
    });
    this.inFlight.set(key, job);
    try {
      return await job;
    } finally {
      this.inFlight.delete(key);
    }
  }

  get size(): number {
    return this.entries.size;
  }
}
