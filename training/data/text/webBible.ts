// The World English Bible (2015), a public-domain modern-English translation, as the SWORD module in
// package sword-text-web. Read without libsword: the module's index files point into zlib blocks.
//   .bzs  per block:  uint32 offset, uint32 compressed size, uint32 size   (little-endian)
//   .bzv  per verse:  uint32 block, uint32 start, uint16 length           (length 0: no verse)
//   .bzz  the compressed blocks; a verse is OSIS XML (notes and titles are not read aloud)

import * as zlib from 'node:zlib';
import { type TextSource, packageBytes } from './source';

const PKG = 'sword-text-web';
const DIR = '/usr/share/sword/modules/texts/ztext/engWEB2015eb';

/** The verses of one testament's three files, as plain text. */
export function zTextVerses(bzs: Buffer, bzv: Buffer, bzz: Buffer): string[] {
  const blocks = new Map<number, Buffer>();
  const verses: string[] = [];
  for (let i = 0; i + 10 <= bzv.length; i += 10) {
    const [block, start, length] = [bzv.readUInt32LE(i), bzv.readUInt32LE(i + 4), bzv.readUInt16LE(i + 8)];
    if (length === 0) continue;
    let text = blocks.get(block);
    if (!text) {
      const [offset, size] = [bzs.readUInt32LE(block * 12), bzs.readUInt32LE(block * 12 + 4)];
      text = zlib.inflateSync(bzz.subarray(offset, offset + size));
      blocks.set(block, text);
    }
    verses.push(osisText(text.subarray(start, start + length).toString('utf8')));
  }
  return verses;
}

/** OSIS markup to the words read aloud: notes and titles dropped, tags removed, spacing fixed. */
export function osisText(xml: string): string {
  return xml
    .replace(/<note[\s\S]*?<\/note>/g, '')
    .replace(/<title[\s\S]*?<\/title>/g, ' ')
    .replace(/<[^>]+>/g, ' ')
    .replace(/\s+([,.;:?!\u2019\u201d])/g, '$1')
    .replace(/\s+/g, ' ')
    .trim();
}

export const WEB_BIBLE: TextSource = {
  id: 'web-bible',
  debianPackage: PKG,
  licence: 'public domain (World English Bible)',
  description: 'the World English Bible (2015 edition), a modern-English translation',
  read: () => {
    const verses = ['ot', 'nt'].flatMap((t) => zTextVerses(packageBytes(PKG, `${DIR}/${t}.bzs`), packageBytes(PKG, `${DIR}/${t}.bzv`), packageBytes(PKG, `${DIR}/${t}.bzz`)));
    // Sentences run across verses: read each chapter-sized run of verses as one passage.
    const passages: string[] = [];
    for (let i = 0; i < verses.length; i += 30) passages.push(verses.slice(i, i + 30).join(' '));
    return passages;
  },
};
