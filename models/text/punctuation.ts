// Final stage of the normaliser: reduce ASCII text to the output alphabet (a-z, space, apostrophe,
// , . ? !) with tidy punctuation.

import type { Punctuation } from './alphabet';

/** The strongest mark of a run such as "?!", "...", ",." : ? over ! over . over , */
function strongest(run: string): Punctuation {
  if (run.includes('?')) return '?';
  if (run.includes('!')) return '!';
  if (run.includes('.')) return '.';
  return ',';
}

/**
 * Lowercase; ; and : and dashes become commas; hyphens inside words become spaces; apostrophes are
 * kept only inside words (quotes are dropped); every other character becomes a space; runs of
 * punctuation collapse to their strongest mark; no space before and one space after each mark;
 * no leading punctuation; single spaces.
 */
export function cleanPunctuation(text: string): string {
  return (
    text
      .toLowerCase()
      .replace(/[;:]/g, ',')
      // A dash between spaces or doubled is a clause break; a hyphen joining words is a space.
      .replace(/\s*-{2,}\s*|\s+-+\s*|\s*-+\s+/g, ', ')
      .replace(/-/g, ' ')
      .replace(/(?<![a-z])'|'(?![a-z])/g, ' ')
      .replace(/[^a-z' ,.?!]/g, ' ')
      .replace(/[,.?!](?:\s*[,.?!])+/g, (run) => strongest(run))
      .replace(/\s+(?=[,.?!])/g, '')
      .replace(/([,.?!])(?=[a-z'])/g, '$1 ')
      .replace(/\s+/g, ' ')
      .replace(/^[\s,.?!]+/, '')
      .trim()
  );
}
