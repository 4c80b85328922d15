// Character tokenizer for transcripts (the STT output side): one token per character of the
// normaliser's alphabet, ids 0..CHAR_VOCAB.length-1 in TEXT_ALPHABET order.

import { TEXT_ALPHABET } from './alphabet';
import { TokenizerError } from './tokenize-error';
import { decodeIds } from './decodeIds';

/** The transcript vocabulary: id i is CHAR_VOCAB[i]. Same order as TEXT_ALPHABET. */
export const CHAR_VOCAB: readonly string[] = TEXT_ALPHABET;

const CHAR_TO_ID: ReadonlyMap<string, number> = new Map(CHAR_VOCAB.map((c, i) => [c, i]));

/**
 * Normalised text -> ids. Throws TokenizerError ('unknown-char') on a character outside the
 * alphabet: the text must come from normalizeText.
 */
export function encodeChars(normalized: string): number[] {
  return [...normalized].map((char, index) => {
    const id = CHAR_TO_ID.get(char);
    if (id === undefined) {
      throw new TokenizerError(
        { kind: 'unknown-char', char, index },
        `encodeChars: "${char}" at index ${index} is not in the text alphabet; normalise the text first`,
      );
    }
    return id;
  });
}

/** Ids -> text. Throws TokenizerError ('unknown-id') on an id outside 0..CHAR_VOCAB.length-1. */
export function decodeChars(ids: ArrayLike<number>): string {
  return decodeIds(ids, CHAR_VOCAB, 'decodeChars', 'character vocabulary');
}
