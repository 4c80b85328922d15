// Read access to a built corpus (data/<config>/): the manifest and the 16 kHz audio of an utterance.

import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { decodeWav, toModelAudio } from '../../models/wav';
import type { Utterance } from '../data/manifest';

export interface Corpus {
  /** Absolute corpus directory. */
  dir: string;
  utterances: readonly Utterance[];
  byId: ReadonlyMap<string, Utterance>;
  /** The utterance's WAV as 16 kHz mono samples in [-1, 1]. */
  readAudio(utterance: Utterance): Promise<Float32Array>;
}

export function corpusDir(config: string, root = 'data'): string {
  return path.resolve(root, config);
}

export function corpusExists(dir: string): boolean {
  return existsSync(path.join(dir, 'manifest.jsonl'));
}

export async function loadCorpus(dir: string): Promise<Corpus> {
  const absolute = path.resolve(dir);
  const text = await readFile(path.join(absolute, 'manifest.jsonl'), 'utf8');
  const utterances = text
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => JSON.parse(line) as Utterance);
  const byId = new Map(utterances.map((u) => [u.id, u]));
  return {
    dir: absolute,
    utterances,
    byId,
    async readAudio(utterance) {
      const bytes = await readFile(path.join(absolute, utterance.wav));
      return toModelAudio(decodeWav(new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength)));
    },
  };
}
