// A corpus config's text: the sentences of each split, and for corpus v2 the held-out source's "new
// text" sentences and which source each sentence came from. Configs without `text` read the novels
// exactly as before, so the tiny and full corpora do not change.

import type { CorpusConfig } from '../corpus-config';
import type { Split } from '../manifest';
import { splitNewText, splitSentencePool } from '../sentence-split';
import { sentencePool } from '../sentences';
import { TEXT_SOURCE, readNovels } from '../text-source';
import { type SourceCount, sourcePools } from './pool';
import { TEXT_SOURCES } from './sources';

export interface CorpusText {
  sentences: Record<Split, string[]>;
  /** The held-out source's sentences, by the split that reads them (corpus v2). */
  newText?: { valid: string[]; test: string[] };
  /** The source of each sentence (corpus v2). */
  sourceOf?: Map<string, string>;
  /** What the summary says the text is. */
  description: string;
  /** Per source: kept and skipped (corpus v2). */
  counts?: SourceCount[];
}

export function corpusText(config: CorpusConfig): CorpusText {
  if (!config.text) {
    return {
      sentences: splitSentencePool(sentencePool(readNovels().slice(0, config.novels)), config.fractions),
      description: `${TEXT_SOURCE.description} (${TEXT_SOURCE.licence})`,
    };
  }
  const { sources, heldOut } = config.text;
  if (sources.includes(heldOut)) throw new Error(`config ${config.name}: the held-out text source ${heldOut} is also a training source`);
  const all = [...sources, heldOut].map((id) => TEXT_SOURCES[id]);
  const { pools, counts } = sourcePools(all);
  const sourceOf = new Map<string, string>();
  for (const [id, pool] of pools) for (const s of pool) sourceOf.set(s, id);
  const training = sources.flatMap((id) => pools.get(id)!);
  return {
    sentences: splitSentencePool(training, config.fractions),
    newText: splitNewText(pools.get(heldOut)!),
    sourceOf,
    counts,
    description: all.map((s) => `${s.description} (${s.debianPackage}: ${s.licence})`).join('; ') + `; held out as new text: ${heldOut}`,
  };
}
