// English text normalisation: whatever the user types -> the model's text alphabet
// (lowercase a-z, space, apostrophe, , . ? !), with numbers, money, times, abbreviations and
// symbols read out as words.

import { expandAbbreviations } from './abbreviations';
import { expandNumbers } from './numbers';
import { cleanPunctuation } from './punctuation';
import { expandSymbols } from './symbols';
import { TextError } from './text-error';
import { unicodeToAscii } from './unicode-to-ascii';

// Re-exported so that callers who only know this module find the whole normaliser API here.
export { TEXT_ALPHABET } from './alphabet';
export { splitSentences } from './sentences';
export { TextError, type TextErrorKind } from './text-error';

/** Shorten user input for an error message. */
function preview(input: string): string {
  const oneLine = input.replace(/\s+/g, ' ').trim();
  return oneLine.length > 40 ? `${oneLine.slice(0, 40)}...` : oneLine;
}

/**
 * Normalise English text for the model. The result only holds characters of TEXT_ALPHABET, has
 * single spaces, no leading punctuation and no repeated punctuation.
 * @throws TextError kind 'empty' for empty or whitespace-only input, kind 'unspeakable' when nothing
 *   speakable is left (only emoji, symbols or characters of other scripts).
 */
export function normalizeText(input: string): string {
  if (input.trim() === '') {
    throw new TextError('empty', 'There is no text to speak: the input is empty.');
  }
  const ascii = unicodeToAscii(input);
  const words = expandSymbols(expandNumbers(expandAbbreviations(ascii)));
  const normalized = cleanPunctuation(words);
  if (!/[a-z]/.test(normalized)) {
    throw new TextError(
      'unspeakable',
      `There is nothing to speak in "${preview(input)}": it has no English words or numbers ` +
        '(only symbols, emoji or unsupported characters).',
    );
  }
  return normalized;
}
