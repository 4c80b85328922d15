// Which row of the learned position table each LM row adds: positions count from 0 again at every
// switch between text-token rows and speech rows, so the text and the speech each have their own
// clock (as VALL-E numbers phonemes and acoustic tokens separately).
//
// Why: speech step i of an utterance says text row k ~ rate * i whatever the text's length, a
// relation two position embeddings can express in one attention head. With one absolute clock the
// head must first find where the speech began (after a text of any length) and subtract; the
// step-1251 model of the absolute scheme had not learned to use the text at all (shuffling the
// phonemes changed its validation KL by 0.008 nats). In our corpus a speech step lasts 0.92
// phonemes or 0.87 characters (median; 10-90% 0.74-1.14), so aligned rows carry nearly equal positions.
//
// Each position's vector is a learned row plus a fixed sinusoid (positionSinusoid): learned rows
// alone stayed nearly unrelated to their neighbours (cosine 0.0-0.4 after 1,750 steps), so "about
// the same position" was no easier to attend to than any other; the sinusoid makes it smooth.

/** Norm of each position's sinusoid: about that of the learned rows and token embeddings (~0.5). */
export const POSITION_SINUSOID_NORM = 0.5;

/**
 * The fixed part of the first `rows` positions' vectors [rows * dModel]: sin/cos pairs at
 * wavelengths 2 pi .. 2 pi * 10000 (Vaswani et al.), scaled to POSITION_SINUSOID_NORM per row.
 */
export function positionSinusoid(rows: number, dModel: number): Float32Array {
  const out = new Float32Array(rows * dModel);
  const scale = POSITION_SINUSOID_NORM / Math.sqrt(dModel / 2);
  for (let p = 0; p < rows; p++)
    for (let i = 0; i < dModel / 2; i++) {
      const angle = p / 10000 ** ((2 * i) / dModel);
      out[p * dModel + 2 * i] = scale * Math.sin(angle);
      out[p * dModel + 2 * i + 1] = scale * Math.cos(angle);
    }
  return out;
}

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
