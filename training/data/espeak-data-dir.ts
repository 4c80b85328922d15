// A private eSpeak NG data directory for the corpus's voice variants: the system data (dictionaries,
// phoneme tables, voices) linked in, and our variant files in voices/!v. espeak-ng reads it with
// --path=<root>; the system installation is never modified.
//
// espeak-ng lists at most 349 voices and silently stops there ("maximum number 349 of N_VOICES_LIST
// reached"; voices listed after that, such as MBROLA ones, then "do not exist"). So the directory
// holds no system variants and only the variants of the task at hand: one directory per worker.

import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';

let systemData: string | undefined;

/** The system espeak-ng-data directory, as espeak-ng itself reports it ("Data at: ..."). */
export function systemEspeakData(): string {
  if (systemData) return systemData;
  let out: string;
  try {
    out = execFileSync('espeak-ng', ['--version'], { encoding: 'utf8' });
  } catch (error) {
    throw new Error(`espeak-ng is not installed (apt-get install espeak-ng): ${(error as Error).message}`);
  }
  const match = /Data at:\s*(\S+)/.exec(out);
  if (!match) throw new Error(`cannot find espeak-ng's data directory in: ${out.trim()}`);
  systemData = match[1];
  return systemData;
}

function linkAll(from: string, to: string, skip: ReadonlySet<string>): void {
  for (const entry of fs.readdirSync(from)) {
    if (skip.has(entry)) continue;
    const link = path.join(to, entry);
    if (!fs.existsSync(link)) fs.symlinkSync(path.join(from, entry), link);
  }
}

function variantDir(root: string): string {
  return path.join(root, 'espeak-ng-data', 'voices', '!v');
}

const prepared = new Set<string>();

/** Creates <root>/espeak-ng-data (idempotent) and returns <root>, the value for espeak-ng's --path. */
export function preparePrivateEspeakData(root: string): string {
  if (prepared.has(root) && fs.existsSync(variantDir(root))) return root;
  const system = systemEspeakData();
  const data = path.join(root, 'espeak-ng-data');
  fs.mkdirSync(variantDir(root), { recursive: true });
  linkAll(system, data, new Set(['voices']));
  linkAll(path.join(system, 'voices'), path.join(data, 'voices'), new Set(['!v']));
  prepared.add(root);
  return root;
}

/** Makes exactly these variants available in the private directory (others are removed). */
export function installVariants(root: string, variants: readonly { name: string; text: string }[]): void {
  const dir = variantDir(root);
  const wanted = new Set(variants.map((v) => v.name));
  for (const file of fs.readdirSync(dir)) if (!wanted.has(file)) fs.rmSync(path.join(dir, file), { force: true });
  for (const { name, text } of variants) {
    const file = path.join(dir, name);
    if (fs.existsSync(file) && fs.readFileSync(file, 'utf8') === text) continue;
    const tmp = `${file}.tmp`;
    fs.writeFileSync(tmp, text);
    fs.renameSync(tmp, file);
  }
}
