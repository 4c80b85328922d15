// The normaliser's output alphabet, shared by the transcript tokenizer (chars.ts).

/** Sentence and clause marks kept by the normaliser, in a fixed order. */
export const PUNCTUATION = [',', '.', '?', '!'] as const;
export type Punctuation = (typeof PUNCTUATION)[number];

/**
 * Every character normalizeText can output, in a fixed order (the transcript vocabulary's ids follow
 * it): space, apostrophe, the 26 lowercase letters, then , . ? !
 */
export const TEXT_ALPHABET: readonly string[] = Object.freeze([
  ' ',
  "'",
  ...'abcdefghijklmnopqrstuvwxyz',
  ...PUNCTUATION,
]);
