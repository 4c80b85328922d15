import { TokenizerError } from './tokenize-error';

/**
 * Ids -> text for a code-point vocabulary. Throws TokenizerError ('unknown-id') on an id outside
 * 0..vocab.length-1; `who` names the caller in the message.
 */
export function decodeIds(ids: ArrayLike<number>, vocab: readonly string[], who: string, what: string): string {
  let text = '';
  for (let index = 0; index < ids.length; index++) {
    const id = ids[index];
    const symbol = Number.isInteger(id) ? vocab[id] : undefined;
    if (symbol === undefined) {
      throw new TokenizerError({ kind: 'unknown-id', id, index }, `${who}: id ${id} at index ${index} is not in the ${what} (0..${vocab.length - 1})`);
    }
    text += symbol;
  }
  return text;
}
