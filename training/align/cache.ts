// The corpus alignment, computed once per corpus and kept next to it (`<corpus>/alignment.json`),
// keyed by the utterances it covers and the aligner's options, so a changed corpus or aligner is
// re-aligned rather than trusted. Written atomically like every corpus file.

import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { writeFileAtomic } from '../data/corpus-store';
import type { Corpus } from '../data/dataset';
import { type AlignOptions, type AlignRound, DEFAULT_ALIGN_OPTIONS, alignCorpus } from './alignment';
import { type SerializedUnitModel, type UnitModel, deserializeUnitModel, serializeUnitModel } from '../../models/meld/align/viterbi';

const FILE = 'alignment.json';
const VERSION = 2;

interface AlignmentFile {
  version: number;
  key: string;
  rounds: AlignRound[];
  unaligned: number;
  /** The fitted unit model. */
  model: SerializedUnitModel;
  /** id -> token index per step. */
  tokens: Record<string, number[]>;
}

export interface AlignmentReport {
  rounds: AlignRound[];
  unaligned: number;
  cached: boolean;
  /** The unit model the alignment was made with (align/alignment.ts alignWith aligns more utterances with it). */
  model: UnitModel;
}

function keyOf(corpora: readonly Corpus[], opts: AlignOptions): string {
  const h = createHash('sha256').update(JSON.stringify({ VERSION, opts }));
  for (const c of corpora) for (const u of c.utterances) h.update(`${u.id}:${u.steps}:${u.phonemeIds.join(',')}\n`);
  return h.digest('hex').slice(0, 16);
}

/**
 * Sets `stepTokens` on every utterance of the given corpora (same corpus directory), from the cache
 * when it matches, otherwise by aligning them all (the unit model is fitted on the first corpus,
 * the training split) and writing the cache.
 */
export function attachAlignments(corpora: readonly Corpus[], nMels: number, opts: AlignOptions = DEFAULT_ALIGN_OPTIONS): AlignmentReport {
  const dir = corpora[0].dir;
  const file = path.join(dir, FILE);
  const key = keyOf(corpora, opts);
  const utts = corpora.flatMap((c) => c.utterances);
  if (fs.existsSync(file)) {
    const cached = JSON.parse(fs.readFileSync(file, 'utf8')) as AlignmentFile;
    if (cached.version === VERSION && cached.key === key) {
      for (const u of utts) u.stepTokens = Int16Array.from(cached.tokens[u.id]);
      return { rounds: cached.rounds, unaligned: cached.unaligned, cached: true, model: deserializeUnitModel(cached.model) };
    }
  }
  const trainCount = corpora[0].utterances.length;
  const result = alignCorpus(utts, nMels, opts, (i) => i < trainCount);
  const tokens: Record<string, number[]> = {};
  utts.forEach((u, i) => {
    u.stepTokens = result.stepTokens[i];
    tokens[u.id] = Array.from(result.stepTokens[i]);
  });
  const { model } = result;
  const out: AlignmentFile = {
    version: VERSION, key, rounds: result.rounds, unaligned: result.unaligned, tokens,
    model: serializeUnitModel(model),
  };
  writeFileAtomic(file, JSON.stringify(out));
  return { rounds: result.rounds, unaligned: result.unaligned, cached: false, model };
}

