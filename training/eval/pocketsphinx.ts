// CMU PocketSphinx from Debian bookworm (packages pocketsphinx + pocketsphinx-en-us,
// 0.8+5prealpha) as an STT system and as the intelligibility judge. Bookworm has no `pocketsphinx
// single` (that is PocketSphinx 5): `pocketsphinx_continuous -infile x.wav` decodes one 16 kHz
// mono 16-bit WAV with the default en-us acoustic model, language model and dictionary, and prints
// one line per VAD segment. One process per file (~0.3 s of model loading each), run in parallel.

import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import pLimit from 'p-limit';
import { encodeWav } from '../../models/wav';
import type { SttSystem } from './systems';
import { TranscriptCache } from './transcript-cache';

const run = promisify(execFile);

export const POCKETSPHINX_BINARY = '/usr/bin/pocketsphinx_continuous';
export const POCKETSPHINX_MODEL_DIR = '/usr/share/pocketsphinx/model/en-us';
/** The Debian packages the judge needs (for scripts/setup.sh). */
export const POCKETSPHINX_PACKAGES = ['pocketsphinx', 'pocketsphinx-en-us'] as const;

/** Whether the Debian recogniser and its en-us model are installed. */
export function pocketsphinxAvailable(): boolean {
  return existsSync(POCKETSPHINX_BINARY) && existsSync(path.join(POCKETSPHINX_MODEL_DIR, 'en-us.lm.bin'));
}

// One pool of decoder processes for the whole Node process: the judge and a pocketsphinx STT system
// share the CPU cores instead of each taking all of them.
const processSlots = pLimit(Math.max(1, os.availableParallelism()));
let decodeCount = 0;

/** Decoder processes run so far in this Node process (cache hits excluded). */
export function pocketsphinxDecodeCount(): number {
  return decodeCount;
}

export interface PocketsphinxOptions {
  /** Parallel decoder processes for the whole Node process (default: one per CPU core). */
  concurrency?: number;
  /** Shared transcript cache (default: a private in-memory one). */
  cache?: TranscriptCache;
  /** Extra command-line flags, e.g. ['-lw', '10']; they are part of the cache key. */
  extraArgs?: readonly string[];
}

export function pocketsphinxStt(options: PocketsphinxOptions = {}): SttSystem {
  if (options.concurrency !== undefined) processSlots.concurrency = options.concurrency;
  const cache = options.cache ?? new TranscriptCache();
  const extraArgs = options.extraArgs ?? [];
  const recogniser = ['pocketsphinx_continuous', ...extraArgs].join(' ');
  let workDir: Promise<string> | undefined;
  let counter = 0;

  async function decode(wav: Uint8Array): Promise<string> {
    workDir ??= mkdtemp(path.join(os.tmpdir(), 'eval-pocketsphinx-'));
    const file = path.join(await workDir, `${counter++}.wav`);
    await writeFile(file, wav);
    try {
      const { stdout } = await run(POCKETSPHINX_BINARY, ['-infile', file, '-logfn', '/dev/null', ...extraArgs], {
        maxBuffer: 1 << 20,
      });
      decodeCount++;
      // One line per speech segment the recogniser's VAD found: the transcript is all of them.
      return stdout.split('\n').map((line) => line.trim()).filter(Boolean).join(' ');
    } finally {
      await rm(file, { force: true });
    }
  }

  return {
    name: 'pocketsphinx',
    async transcribe(audio) {
      const wav = encodeWav(audio, 16000);
      return cache.getOrCompute(TranscriptCache.key(recogniser, wav), () => processSlots(() => decode(wav)));
    },
    async dispose() {
      if (workDir) await rm(await workDir, { recursive: true, force: true });
    },
  };
}
