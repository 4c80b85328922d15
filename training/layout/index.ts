// The sequence layouts a MELD model can train on (models/meld/config.ts `layout`): the examples are
// the same, the rows differ. prefix.ts puts the text first; aligned.ts gives each step its text.

import type { MeldConfig } from '../../models/meld/config';
import type { Batch } from '../model/batch';
import { alignedRows, packAlignedStt, packAlignedTts } from './aligned';
import { type Example, type SttExample, type TtsExample, packStt, packTts, prefixRows } from './prefix';

export { type Example, type SttExample, type TtsExample, choosePrompt, ttsExample } from './prefix';

/** Rows one example takes in the config's layout. */
export function exampleRows(c: MeldConfig, e: Example): number {
  return c.layout === 'aligned' ? alignedRows(c, e) : prefixRows(e);
}

/** Packs examples of one task into a batch in the config's layout. */
export function packBatch(c: MeldConfig, examples: Example[]): Batch {
  const aligned = c.layout === 'aligned';
  if (examples[0].task === 'tts') {
    const tts = examples as TtsExample[];
    return aligned ? packAlignedTts(c, tts) : packTts(c, tts);
  }
  const stt = examples as SttExample[];
  return aligned ? packAlignedStt(c, stt) : packStt(c, stt);
}
