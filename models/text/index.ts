// Text front end: normalisation, the transcript (character) tokenizer and the phoneme tokenizer.

export { PUNCTUATION, TEXT_ALPHABET, type Punctuation } from './alphabet';
export { CHAR_VOCAB, decodeChars, encodeChars } from './chars';
export { normalizeText } from './normalize';
export { decodePhonemes, encodePhonemes, PHONEME_LANGUAGE, PHONEME_VOCAB, phonemizeText } from './phonemes';
export { splitSentences } from './sentences';
export { TextError, type TextErrorKind } from './text-error';
export { TokenizerError, type TokenizeError } from './tokenize-error';
