// The corpus directory while it is being built, crash-safe and resumable:
//   wavs/<speaker>/<id>.wav   written to a temp file, then renamed
//   mels/mel-NNNN.f32         log-mel frames appended to ~64 MB shards
//   build/clips.jsonl         one line per finished clip (written LAST, after its WAV and frames)
// A killed build leaves at most a partial last log line and frames nobody points at: on reopening,
// the partial line is ignored and each shard is cut back to the end of its last logged clip.

import * as fs from 'node:fs';
import * as path from 'node:path';
import { AUDIO } from '../../models/config/audio';
import type { Utterance } from './manifest';

const FRAME_BYTES = AUDIO.nMels * 4;

export type LogEntry = { key: string; utterance: Utterance } | { key: string; id: string; error: string };

export function isSuccess(entry: LogEntry): entry is { key: string; utterance: Utterance } {
  return 'utterance' in entry;
}

/** Writes a file atomically: a temp file in the same directory, then rename. */
export function writeFileAtomic(file: string, data: string | Uint8Array): void {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const tmp = `${file}.tmp-${process.pid}`;
  fs.writeFileSync(tmp, data);
  fs.renameSync(tmp, file);
}

function shardName(index: number): string {
  return `mels/mel-${String(index).padStart(4, '0')}.f32`;
}

export class CorpusStore {
  readonly dir: string;
  private readonly shardBytes: number;
  private readonly logFile: string;
  /** Latest log entry per clip id. */
  private readonly entries = new Map<string, LogEntry>();
  private shardIndex = 0;
  private shardFrames = 0;
  private shardFd: number | null = null;

  constructor(dir: string, shardBytes: number) {
    this.dir = dir;
    this.shardBytes = shardBytes;
    this.logFile = path.join(dir, 'build', 'clips.jsonl');
    fs.mkdirSync(path.join(dir, 'build'), { recursive: true });
    fs.mkdirSync(path.join(dir, 'mels'), { recursive: true });
    this.recover();
  }

  /** Reads the log, drops entries whose frames or WAV are missing, cuts shards back to their logged end. */
  private recover(): void {
    const lines = fs.existsSync(this.logFile) ? fs.readFileSync(this.logFile, 'utf8').split('\n') : [];
    const parsed: LogEntry[] = [];
    for (const line of lines) {
      if (line.trim() === '') continue;
      try {
        parsed.push(JSON.parse(line) as LogEntry);
      } catch {
        // The partial line of a killed build.
      }
    }
    const shardSize = new Map<string, number>();
    const frameEnd = new Map<string, number>();
    for (const entry of parsed) {
      if (isSuccess(entry)) {
        const { shard, offset, frames } = entry.utterance.mel;
        if (!shardSize.has(shard)) {
          const file = path.join(this.dir, shard);
          shardSize.set(shard, fs.existsSync(file) ? fs.statSync(file).size / FRAME_BYTES : 0);
        }
        const fits = offset + frames <= shardSize.get(shard)! && fs.existsSync(path.join(this.dir, entry.utterance.wav));
        if (!fits) continue;
        frameEnd.set(shard, Math.max(frameEnd.get(shard) ?? 0, offset + frames));
        this.entries.set(entry.utterance.id, entry);
      } else {
        this.entries.set(entry.id, entry);
      }
    }
    // Rewrite the log without partial or dangling lines, so appends start on a clean line.
    writeFileAtomic(this.logFile, [...this.entries.values()].map((e) => `${JSON.stringify(e)}\n`).join(''));
    for (const file of fs.readdirSync(path.join(this.dir, 'mels'))) {
      const shard = `mels/${file}`;
      const match = /^mel-(\d{4})\.f32$/.exec(file);
      if (!match) continue;
      const end = frameEnd.get(shard) ?? 0;
      if (fs.statSync(path.join(this.dir, shard)).size > end * FRAME_BYTES) fs.truncateSync(path.join(this.dir, shard), end * FRAME_BYTES);
      const index = Number(match[1]);
      if (end > 0 && index >= this.shardIndex) {
        this.shardIndex = index;
        this.shardFrames = end;
      }
    }
  }

  /** The logged entry of a clip if it was made with this key (same text, voice, effects, seed). */
  finished(id: string, key: string): LogEntry | undefined {
    const entry = this.entries.get(id);
    return entry && entry.key === key ? entry : undefined;
  }

  entry(id: string): LogEntry | undefined {
    return this.entries.get(id);
  }

  /** Appends frames to the current shard (starting a new one when full); returns where they went. */
  private appendFrames(mel: Float32Array, frames: number): Utterance['mel'] {
    if (this.shardFrames > 0 && (this.shardFrames + frames) * FRAME_BYTES > this.shardBytes) {
      if (this.shardFd !== null) fs.closeSync(this.shardFd);
      this.shardFd = null;
      this.shardIndex++;
      this.shardFrames = 0;
    }
    const shard = shardName(this.shardIndex);
    if (this.shardFd === null) this.shardFd = fs.openSync(path.join(this.dir, shard), 'a');
    fs.writeSync(this.shardFd, new Uint8Array(mel.buffer, mel.byteOffset, frames * FRAME_BYTES));
    const location = { shard, offset: this.shardFrames, frames };
    this.shardFrames += frames;
    return location;
  }

  private log(entry: LogEntry): void {
    fs.appendFileSync(this.logFile, `${JSON.stringify(entry)}\n`);
  }

  /** Stores a finished clip: WAV, then frames, then the log line that makes it count. */
  addClip(key: string, clip: Omit<Utterance, 'mel'>, wav: Uint8Array, mel: Float32Array, frames: number): Utterance {
    writeFileAtomic(path.join(this.dir, clip.wav), wav);
    const utterance: Utterance = { ...clip, mel: this.appendFrames(mel, frames) };
    const entry = { key, utterance };
    this.entries.set(clip.id, entry);
    this.log(entry);
    return utterance;
  }

  addFailure(key: string, id: string, error: string): void {
    const entry = { key, id, error };
    this.entries.set(id, entry);
    this.log(entry);
  }

  close(): void {
    if (this.shardFd !== null) fs.closeSync(this.shardFd);
    this.shardFd = null;
  }
}

/** Seconds spent by earlier (interrupted) runs of this build, plus this one's so far. */
export function addBuildSeconds(outDir: string, seconds: number): number {
  const file = path.join(outDir, 'build', 'elapsed.json');
  const before = fs.existsSync(file) ? (JSON.parse(fs.readFileSync(file, 'utf8')) as { seconds: number }).seconds : 0;
  writeFileAtomic(file, JSON.stringify({ seconds: before + seconds }));
  return before + seconds;
}
