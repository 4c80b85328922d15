// Readers for a user's own recorded corpus, in the two common layouts:
//   LJSpeech:  DIR/metadata.csv ("id|text|normalized text" per line) and DIR/wavs/<id>.wav; one speaker.
//   LibriTTS:  DIR/.../<speaker>/<chapter>/<id>.wav with <id>.normalized.txt beside it (any depth
//              above the speaker folders, so a subset folder such as train-clean-100 or its parent works).

import * as fs from 'node:fs';
import * as path from 'node:path';

export interface UserClip {
  /** The corpus's own utterance id. */
  id: string;
  /** Speaker as named by the corpus (LJSpeech: the corpus name). */
  speaker: string;
  /** Transcript as given (the builder normalises it). */
  text: string;
  /** Absolute path of the audio file. */
  audio: string;
}

export type UserLayout = 'ljspeech' | 'libritts';

export function readLjspeech(dir: string, speaker: string): UserClip[] {
  const metadata = path.join(dir, 'metadata.csv');
  if (!fs.existsSync(metadata)) throw new Error(`${dir} is not an LJSpeech-layout corpus: no metadata.csv`);
  const clips: UserClip[] = [];
  for (const line of fs.readFileSync(metadata, 'utf8').split(/\r?\n/)) {
    if (line.trim() === '') continue;
    const [id, text, normalized] = line.split('|');
    // The third column has numbers and abbreviations spelled out; older copies only have two.
    const transcript = normalized?.trim() || text?.trim();
    if (!id || !transcript) throw new Error(`${metadata}: bad line "${line.slice(0, 80)}" (expected id|text|normalized text)`);
    clips.push({ id: id.trim(), speaker, text: transcript, audio: path.join(dir, 'wavs', `${id.trim()}.wav`) });
  }
  return clips;
}

function* filesUnder(dir: string): Generator<string> {
  for (const entry of fs.readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) yield* filesUnder(full);
    else if (entry.isFile()) yield full;
  }
}

const NORMALIZED_SUFFIX = '.normalized.txt';

export function readLibritts(dir: string): UserClip[] {
  const clips: UserClip[] = [];
  for (const file of filesUnder(dir)) {
    if (!file.endsWith(NORMALIZED_SUFFIX)) continue;
    const id = path.basename(file, NORMALIZED_SUFFIX);
    const audio = path.join(path.dirname(file), `${id}.wav`);
    if (!fs.existsSync(audio)) continue;
    const speaker = path.basename(path.dirname(path.dirname(file)));
    clips.push({ id, speaker, text: fs.readFileSync(file, 'utf8').trim(), audio });
  }
  if (clips.length === 0) throw new Error(`${dir} is not a LibriTTS-layout corpus: no <speaker>/<chapter>/<id>.wav with <id>.normalized.txt`);
  return clips;
}

export function readUserCorpus(layout: UserLayout, dir: string, name: string): UserClip[] {
  return layout === 'ljspeech' ? readLjspeech(dir, name) : readLibritts(dir);
}
