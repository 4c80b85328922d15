// Fortune cookies: quotations, jokes and aphorisms, mostly modern. Packages fortunes and fortunes-min,
// BSD licence (the Regents of the University of California). Only the topics below: the others are
// other languages, ASCII art, computing jargon, or topics a speech corpus should not read aloud.

import { type TextSource, readPackageFile } from './source';

const DIR = '/usr/share/games/fortunes';
export const FORTUNE_TOPICS = [
  'cookie', 'definitions', 'education', 'food', 'fortunes', 'goedel', 'humorists', 'kids', 'law', 'literature', 'love',
  'magic', 'medicine', 'miscellaneous', 'news', 'paradoxum', 'people', 'pets', 'platitudes', 'pratchett', 'riddles',
  'science', 'songs-poems', 'sports', 'startrek', 'wisdom', 'work', 'zippy',
] as const;

/** One fortune file's entries (split on lines holding only %), attribution lines (-- Author) dropped. */
export function fortuneEntries(data: string): string[] {
  return data
    .split(/\r?\n%\r?\n/)
    .map((entry) => entry.split('\n').filter((l) => !/^\s*(--|\u2014)/.test(l)).map((l) => l.trim()).join(' ').trim())
    .filter((e) => e !== '');
}

export const FORTUNES: TextSource = {
  id: 'fortunes',
  debianPackage: 'fortunes',
  licence: 'BSD (the Regents of the University of California); quotations of mixed authorship',
  description: `fortune cookies of ${FORTUNE_TOPICS.length} English topics`,
  read: () => FORTUNE_TOPICS.flatMap((t) => fortuneEntries(readPackageFile(t === 'fortunes' ? 'fortunes-min' : 'fortunes', `${DIR}/${t}`))),
};
