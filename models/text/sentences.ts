// Splitting normalised text into chunks for streaming synthesis of long inputs.

type Splitter = (text: string) => string[];

/** Clauses, each keeping its trailing comma. */
const clauses: Splitter = (text) => (text.match(/[^,]+,*|,+/g) ?? []).map((c) => c.trim()).filter(Boolean);
/** Words. */
const words: Splitter = (text) => text.split(' ').filter(Boolean);

/** Join consecutive pieces with spaces while the result stays within maxChars. */
function packGreedy(pieces: readonly string[], maxChars: number): string[] {
  const chunks: string[] = [];
  let current = '';
  for (const piece of pieces) {
    if (current === '') current = piece;
    else if (current.length + 1 + piece.length <= maxChars) current += ` ${piece}`;
    else {
      chunks.push(current);
      current = piece;
    }
  }
  if (current !== '') chunks.push(current);
  return chunks;
}

/** Last resort for a single word longer than maxChars: cut it into maxChars-long pieces. */
function hardCut(text: string, maxChars: number): string[] {
  const pieces: string[] = [];
  for (let i = 0; i < text.length; i += maxChars) pieces.push(text.slice(i, i + maxChars));
  return pieces;
}

/** Split `text` with the coarsest splitter that makes every piece fit, re-packing small pieces. */
function splitToFit(text: string, maxChars: number, splitters: readonly Splitter[]): string[] {
  if (text.length <= maxChars) return [text];
  const [split, ...finer] = splitters;
  if (split === undefined) return hardCut(text, maxChars);
  const pieces = split(text).flatMap((piece) => splitToFit(piece, maxChars, finer));
  return packGreedy(pieces, maxChars);
}

/**
 * Split normalised text into chunks of at most maxChars characters for streaming: one chunk per
 * sentence (ending at . ? !); a sentence longer than maxChars is split at commas, then at spaces,
 * re-joining neighbouring pieces while they fit; a single word longer than maxChars is cut (the only
 * case where joining the chunks with spaces does not give back the input). Sentences are never
 * merged, so the first chunk is as short as the text allows and audio can start early.
 */
export function splitSentences(normalized: string, maxChars: number): string[] {
  if (!Number.isInteger(maxChars) || maxChars < 1) {
    throw new RangeError(`splitSentences: maxChars must be a positive integer, got ${maxChars}`);
  }
  const sentences = (normalized.match(/[^.?!]+[.?!]*|[.?!]+/g) ?? []).map((s) => s.trim()).filter(Boolean);
  return sentences.flatMap((sentence) => splitToFit(sentence, maxChars, [clauses, words]));
}
