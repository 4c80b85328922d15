// WordNet's example sentences: the quoted examples in each synset's gloss ("the dog barked all night").
// Modern everyday English, many of them fragments. Package wordnet-base, WordNet 3.0 licence (BSD-like).

import { type TextSource, asSentence, readPackageFile } from './source';

const FILES = ['noun', 'verb', 'adj', 'adv'].map((pos) => `/usr/share/wordnet/data.${pos}`);

/** The quoted examples of one data file's glosses (the text after "| " on each synset line). */
export function wordnetExamples(data: string): string[] {
  const out: string[] = [];
  for (const line of data.split('\n')) {
    if (line.startsWith(' ') || !line.includes('| ')) continue; // the licence header, or no gloss
    const gloss = line.slice(line.indexOf('| ') + 2);
    for (const m of gloss.matchAll(/"([^"]+)"/g)) out.push(asSentence(m[1]));
  }
  return out;
}

export const WORDNET: TextSource = {
  id: 'wordnet',
  debianPackage: 'wordnet-base',
  licence: 'WordNet 3.0 licence (Princeton University; BSD-like)',
  description: "the example sentences of WordNet 3.0's glosses",
  read: () => FILES.flatMap((f) => wordnetExamples(readPackageFile('wordnet-base', f, 'latin1'))),
};
