// Text sources -> distinct corpus sentences, per source, with an account of what was skipped and why:
// passages holding letters of other scripts or markup, passages that normalise to nothing, sentences
// of the wrong shape (isCorpusSentence), and sentences another source (or the same one) already gave.
// Nothing is dropped silently.

import { normalizeText, splitSentences, TextError } from '../../../models/text';
import { isCorpusSentence, paragraphs } from '../sentences';
import type { TextSource } from './source';

export interface SourceCount {
  id: string;
  passages: number;
  /** Distinct sentences kept from this source (not given by an earlier source). */
  kept: number;
  /** Passages with nothing speakable after normalisation. */
  unspeakable: number;
  /** Passages with letters of other scripts or markup characters, which the normaliser would drop or misread: skipped whole. */
  foreign: number;
  /** Sentences of the wrong length or without a sentence's ending. */
  shape: number;
  /** Sentences an earlier source, or this one, already gave. */
  duplicate: number;
}

/** Letters of scripts other than Latin, or markup characters (square brackets are an editor's note: read, as before). */
const FOREIGN = /[^\P{L}\p{Script=Latin}]|[<>{}|\\`~^]/u;

/**
 * Each source's distinct normalised corpus sentences, in order, and the counts of what was kept and
 * skipped. Passages are normalised whole before they are split (as the first corpus did), so that
 * "Mr. Bennet" is "mister bennet" and does not end a sentence.
 */
export function sourcePools(sources: readonly TextSource[], passagesOf: (s: TextSource) => string[] = (s) => s.read()): { pools: Map<string, string[]>; counts: SourceCount[] } {
  const seen = new Set<string>();
  const pools = new Map<string, string[]>();
  const counts: SourceCount[] = [];
  for (const source of sources) {
    const count: SourceCount = { id: source.id, passages: 0, kept: 0, unspeakable: 0, foreign: 0, shape: 0, duplicate: 0 };
    const pool: string[] = [];
    for (const passage of passagesOf(source).flatMap(paragraphs)) {
      count.passages++;
      if (FOREIGN.test(passage)) {
        count.foreign++;
        continue;
      }
      let normalized: string;
      try {
        normalized = normalizeText(passage);
      } catch (error) {
        if (!(error instanceof TextError)) throw error;
        count.unspeakable++;
        continue;
      }
      for (const s of splitSentences(normalized, Number.MAX_SAFE_INTEGER)) {
        if (!isCorpusSentence(s)) count.shape++;
        else if (seen.has(s)) count.duplicate++;
        else {
          seen.add(s);
          pool.push(s);
        }
      }
    }
    count.kept = pool.length;
    pools.set(source.id, pool);
    counts.push(count);
  }
  return { pools, counts };
}
