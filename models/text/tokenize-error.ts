// Typed failure of the tokenizers (programming errors: the input was not normalised, or ids are not
// from this vocabulary).

export type TokenizeError =
  | { readonly kind: 'unknown-char'; readonly char: string; readonly index: number }
  | { readonly kind: 'unknown-id'; readonly id: number; readonly index: number };

/** Thrown by encodeChars / decodeChars / decodePhonemes; `detail` says what was wrong and where. */
export class TokenizerError extends Error {
  readonly detail: TokenizeError;

  constructor(detail: TokenizeError, message: string) {
    super(message);
    this.name = 'TokenizerError';
    this.detail = detail;
  }
}
