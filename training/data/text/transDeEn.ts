// The English side of the Ding German-English dictionary's phrases ("Where does it hurt?"): the most
// conversational text Debian ships. Package trans-de-en, GPL-2+.

import { type TextSource, readPackageFile } from './source';

const FILE = '/usr/share/trans/de-en';

/** Whole English sentences among a dictionary file's entries (`German :: English`, alternatives split by | and ;). */
export function dingSentences(data: string): string[] {
  const out: string[] = [];
  for (const line of data.split('\n')) {
    if (line.startsWith('#') || !line.includes(' :: ')) continue;
    const english = line.slice(line.indexOf(' :: ') + 4);
    for (const alt of english.split(' | ').flatMap((p) => p.split('; '))) {
      // {grammar}, [usage] and (notes) are annotations, not speech.
      const s = alt.replace(/\s*\{[^}]*\}|\s*\[[^\]]*\]/g, '').replace(/\s*\([^)]*\)\s*/g, ' ').replace(/\s+([.?!,])/g, '$1').trim();
      // A sentence: capitalised, ends like one, at least 3 words, no placeholders (sth., sb.).
      if (/^[A-Z]/.test(s) && /[.?!]$/.test(s) && s.split(/\s+/).length >= 3 && !/\b(sth|sb)\./.test(s)) out.push(s);
    }
  }
  return out;
}

export const TRANS_DE_EN: TextSource = {
  id: 'trans-de-en',
  debianPackage: 'trans-de-en',
  licence: 'GPL-2+',
  description: "the English example phrases of the Ding German-English dictionary",
  read: () => dingSentences(readPackageFile('trans-de-en', FILE)),
};
