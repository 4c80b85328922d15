// Which row of the learned position table each LM row adds: positions count from 0 again at every
// switch between text-token rows and speech rows, so the text and the speech each have their own
// clock (as VALL-E numbers phonemes and acoustic tokens separately).
//
// Why: speech step i of an utterance says text row k ~ rate * i whatever the text's length, a
// relation two position embeddings can express in one attention head. With one absolute clock the
// head must first find where the speech began (after a text of any length) and subtract; the
// step-1251 model of the absolute scheme had not learned to use the text at all (shuffling the
// phonemes changed its validation KL by 0.008 nats; training/diag/ttsTextUse.ts).

/** Where counting stands after some rows: the kind of the last row and the next position. */
export interface PositionCursor {
  speech: boolean;
  next: number;
}

/** Before the first row (which is a task token). */
export const FIRST_POSITION: PositionCursor = { speech: false, next: 0 };

/** Positions of rows continuing from `from`; isSpeech[i] is 1 for a speech row, 0 for a token row. */
export function rowPositions(isSpeech: ArrayLike<number>, from: PositionCursor = FIRST_POSITION): { positions: Int32Array; cursor: PositionCursor } {
  const positions = new Int32Array(isSpeech.length);
  let { speech, next } = from;
  for (let i = 0; i < isSpeech.length; i++) {
    const s = isSpeech[i] > 0;
    if (s !== speech) next = 0;
    speech = s;
    positions[i] = next++;
  }
  return { positions, cursor: { speech, next } };
}
