// Evaluation items from the test split (held-out voices x held-out sentences). Each item pairs a
// target utterance with a voice prompt: another utterance of the same speaker, chosen
// deterministically, so every system sees exactly the same prompts.

import type { Utterance } from '../data/manifest';

export interface EvalItem {
  target: Utterance;
  prompt: Utterance;
  /** Cross-fitting fold (0 or 1): the speaker-ID judge for this item is fitted on the other fold. */
  fold: 0 | 1;
  /** Seed for the system under test, derived from the target id (stable under --limit). */
  seed: number;
}

/** FNV-1a 32-bit hash: a stable seed from a string. */
export function hashString(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return hash >>> 0;
}

/**
 * Test utterances grouped by speaker, each group sorted by id; speakers sorted by name. The new-text
 * domain (corpus v2) is its own set: without `newText` it is left out, so the items stay those of the first corpus.
 */
export function testUtterancesBySpeaker(utterances: readonly Utterance[], newText = false): Map<string, Utterance[]> {
  const groups = new Map<string, Utterance[]>();
  for (const u of utterances) {
    if (u.split !== 'test' || Boolean(u.newText) !== newText) continue;
    const group = groups.get(u.speaker) ?? [];
    group.push(u);
    groups.set(u.speaker, group);
  }
  const sorted = new Map<string, Utterance[]>();
  for (const speaker of [...groups.keys()].sort()) {
    sorted.set(speaker, groups.get(speaker)!.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)));
  }
  return sorted;
}

/** Fold of an utterance: alternate by its position in the speaker's sorted list (balanced halves). */
export function foldOf(index: number): 0 | 1 {
  return (index % 2) as 0 | 1;
}

/**
 * All items, or the first `limit` taken round-robin over speakers so a small run still covers every
 * held-out voice. The prompt of utterance i is the next utterance (cyclically) of the same speaker
 * whose text differs; a speaker with a single utterance has no prompt and yields no item. `newText`:
 * the items of the new-text test subset (corpus v2) instead, prompted from within it. `skip`: leave out
 * the first `skip` items of that order, for a calibration set disjoint from the reported ones (a decoding
 * setting chosen on items 101-140 never sees the 100 a report scores).
 */
export function buildEvalItems(utterances: readonly Utterance[], limit = Number.POSITIVE_INFINITY, newText = false, skip = 0): EvalItem[] {
  const perSpeaker: EvalItem[][] = [];
  for (const group of testUtterancesBySpeaker(utterances, newText).values()) {
    const items: EvalItem[] = [];
    group.forEach((target, index) => {
      for (let step = 1; step < group.length; step++) {
        const prompt = group[(index + step) % group.length];
        if (prompt.text !== target.text) {
          items.push({ target, prompt, fold: foldOf(index), seed: hashString(target.id) });
          return;
        }
      }
    });
    perSpeaker.push(items);
  }
  const result: EvalItem[] = [];
  const wanted = skip + limit;
  for (let round = 0; result.length < wanted; round++) {
    let added = false;
    for (const items of perSpeaker) {
      if (round < items.length && result.length < wanted) {
        result.push(items[round]);
        added = true;
      }
    }
    if (!added) break;
  }
  return result.slice(skip);
}
