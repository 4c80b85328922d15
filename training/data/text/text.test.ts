// The corpus v2 text readers on small inputs in each package's format (the packages themselves are
// read by `npm run data:text`), and the pool's account of what it keeps and skips.

import * as zlib from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { fortuneEntries } from './fortunes';
import { sourcePools } from './pool';
import type { TextSource } from './source';
import { dingSentences } from './transDeEn';
import { osisText, zTextVerses } from './webBible';
import { wordnetExamples } from './wordnet';

describe('text readers', () => {
  it('WordNet: the quoted examples of each gloss, as sentences; the licence header is not a synset', () => {
    const data = [
      '  1 This software and database is being provided "as is" by Princeton',
      '00001740 03 n 01 entity 0 003 ~ 00001930 n 0000 | that which is perceived; "the entity exists"',
      '01234567 29 v 02 bark 0 | speak in an unfriendly tone; "She barked into the phone"; "the dog barked all night!"',
    ].join('\n');
    expect(wordnetExamples(data)).toEqual(['the entity exists.', 'She barked into the phone.', 'the dog barked all night!']);
  });

  it('Ding: whole English sentences, without annotations or placeholders', () => {
    const data = [
      '# Version :: 1.9',
      'Wo tut es weh? :: Where does it hurt?',
      'Das geht nicht {v} | Das ist unmöglich :: That is not possible. [coll.] | That is impossible (formal).',
      'etw. tun :: to do sth. to sb.',
      'Haus {n} :: house',
    ].join('\n');
    expect(dingSentences(data)).toEqual(['Where does it hurt?', 'That is not possible.', 'That is impossible.']);
  });

  it('fortunes: entries between % lines, attributions dropped, lines joined', () => {
    const data = 'A journey of a thousand miles\nbegins with a single step.\n\t\t-- Lao Tzu\n%\nKnow thyself.\n%\n';
    expect(fortuneEntries(data)).toEqual(['A journey of a thousand miles begins with a single step.', 'Know thyself.']);
  });

  it('World English Bible: verses cut from zlib blocks by the verse index, notes and titles dropped', () => {
    const text = '<title>Genesis</title>In the beginning, God created the heavens<note>Or, sky</note> and the earth.Now the earth was formless .';
    const block = zlib.deflateSync(Buffer.from(text));
    const bzs = Buffer.alloc(12);
    bzs.writeUInt32LE(0, 0);
    bzs.writeUInt32LE(block.length, 4);
    bzs.writeUInt32LE(text.length, 8);
    const verse = (start: number, length: number) => {
      const b = Buffer.alloc(10);
      b.writeUInt32LE(0, 0);
      b.writeUInt32LE(start, 4);
      b.writeUInt16LE(length, 8);
      return b;
    };
    const split = text.indexOf('Now');
    const bzv = Buffer.concat([verse(0, 0), verse(0, split), verse(split, text.length - split)]);
    expect(zTextVerses(bzs, bzv, block)).toEqual(['In the beginning, God created the heavens and the earth.', 'Now the earth was formless.']);
    expect(osisText('<w lemma="x">Jesus</w> wept <note>x</note>.')).toBe('Jesus wept.');
  });
});

describe('the sentence pool', () => {
  const source = (id: string, passages: string[]): TextSource => ({ id, debianPackage: id, licence: '-', description: '-', read: () => passages });

  it('keeps distinct corpus sentences per source and counts every skip by its reason', () => {
    const a = source('a', ['Mr. Bennet came home. It was late!', 'Chapter one', 'Привет, как дела у вас?', '???']);
    const b = source('b', ['It was late!', 'The dog barked all night long.']);
    const { pools, counts } = sourcePools([a, b]);
    expect(pools.get('a')).toEqual(['mister bennet came home.', 'it was late!']);
    expect(pools.get('b')).toEqual(['the dog barked all night long.']);
    expect(counts[0]).toMatchObject({ passages: 4, kept: 2, foreign: 1, unspeakable: 1, shape: 1, duplicate: 0 });
    expect(counts[1]).toMatchObject({ passages: 2, kept: 1, duplicate: 1 });
  });

  it('a missing package stops with a message that names it', async () => {
    const { readPackageFile } = await import('./source');
    expect(() => readPackageFile('no-such-package', '/nonexistent/file')).toThrow(/install the Debian package no-such-package/);
  });
});
