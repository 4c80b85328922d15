// One Debian package's English text, as the corpus builder reads it: raw passages (paragraphs,
// dictionary examples, verses...) that the sentence pool normalises, splits and filters.

import * as fs from 'node:fs';

export interface TextSource {
  /** Short id used in configs, summaries and the utterance manifest. */
  id: string;
  debianPackage: string;
  /** The licence, as the package's copyright file states it. */
  licence: string;
  description: string;
  /** Raw passages in a fixed order (deterministic); throws naming the package when it is missing. */
  read(): string[];
}

/** A file of the package, or an error that names the package to install. */
export function readPackageFile(pkg: string, file: string, encoding: BufferEncoding = 'utf8'): string {
  return packageBytes(pkg, file).toString(encoding);
}

export function packageBytes(pkg: string, file: string): Buffer {
  if (!fs.existsSync(file)) throw new Error(`cannot read ${file}: install the Debian package ${pkg} (apt-get install ${pkg}, or bash scripts/setup.sh --full-corpus)`);
  return fs.readFileSync(file);
}

/** A passage as a sentence: a final full stop where it has no . ? or ! (dictionary examples have none). */
export function asSentence(text: string): string {
  const t = text.trim();
  return /[.?!]$/.test(t) ? t : `${t}.`;
}
