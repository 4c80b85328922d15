// Typed failure of text normalisation, for the UI to explain to the user.

import { KindError } from '../kindError';

export type TextErrorKind = 'empty' | 'unspeakable';

/** Thrown by normalizeText. */
export class TextError extends KindError<TextErrorKind> {
  override readonly name = 'TextError';
}
