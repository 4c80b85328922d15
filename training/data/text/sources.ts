// The text sources a corpus can read (corpus-config.ts names them by id): Jane Austen as before,
// and for corpus v2 the Debian packages measured in docs/corpus-v2-sources.md.

import { TEXT_SOURCE, readNovels } from '../text-source';
import { FORTUNES } from './fortunes';
import { HARVARD } from './harvard';
import type { TextSource } from './source';
import { TRANS_DE_EN } from './transDeEn';
import { WEB_BIBLE } from './webBible';
import { WORDNET } from './wordnet';

export const AUSTEN: TextSource = {
  id: 'austen',
  debianPackage: TEXT_SOURCE.debianPackage,
  licence: TEXT_SOURCE.licence,
  description: TEXT_SOURCE.description,
  read: () => readNovels(),
};

export const TEXT_SOURCES = {
  austen: AUSTEN,
  wordnet: WORDNET,
  'trans-de-en': TRANS_DE_EN,
  fortunes: FORTUNES,
  'web-bible': WEB_BIBLE,
  harvard: HARVARD,
} as const satisfies Record<string, TextSource>;

export type TextSourceId = keyof typeof TEXT_SOURCES;
