// Zero-shot TTS with the exported graphs: one entry point for both layouts (prefixTts.ts,
// alignedTts.ts), which owns the KV cache of a run.

import { synthesizeAlignedWith } from './alignedTts';
import type { MeldGraphs } from './meldGraphs';
import { synthesizePrefixWith } from './prefixTts';
import type { TtsEvent, TtsRequest, TtsResult } from './ttsRequest';

export { phonemeIds, type TtsEvent, type TtsRequest, type TtsResult } from './ttsRequest';

export async function synthesize(g: MeldGraphs, req: TtsRequest, onEvent: (e: TtsEvent) => void = () => undefined): Promise<TtsResult> {
  // The KV cache may hold GPU buffers: free them however the run ends (done, stopped or failed).
  const cache = g.emptyCache();
  try {
    const run = g.config.layout === 'aligned' ? synthesizeAlignedWith : synthesizePrefixWith;
    return await run(g, req, onEvent, cache, performance.now());
  } finally {
    cache.release();
  }
}
