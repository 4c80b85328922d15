// Typed failure of text normalisation, for the UI to explain to the user.

export type TextErrorKind = 'empty' | 'unspeakable';

/** Thrown by normalizeText: `kind` says why, `message` says it in words a user understands. */
export class TextError extends Error {
  readonly kind: TextErrorKind;

  constructor(kind: TextErrorKind, message: string) {
    super(message);
    this.name = 'TextError';
    this.kind = kind;
  }
}
