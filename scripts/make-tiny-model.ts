/**
 * Writes the tiny test model and its reference output to public/models/tiny/.
 * The browser uses them to prove that a backend (WebGPU or WASM) computes correctly before trusting it.
 * Deterministic: running it again rewrites identical bytes (the files are committed).
 *
 *   npx tsx scripts/make-tiny-model.ts   (npm run assets)
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { TINY_MODEL_FILE, buildTinyModel } from './tinyModel/buildTinyModel';

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const TINY_MODEL_DIR = join(repoRoot, 'public', 'models', 'tiny');

const { modelBytes, reference } = buildTinyModel();
mkdirSync(TINY_MODEL_DIR, { recursive: true });
writeFileSync(join(TINY_MODEL_DIR, TINY_MODEL_FILE), modelBytes);
writeFileSync(join(TINY_MODEL_DIR, 'reference.json'), `${JSON.stringify(reference, null, 2)}\n`);
console.log(
  `wrote ${relative(repoRoot, TINY_MODEL_DIR)}/{${TINY_MODEL_FILE},reference.json}: ` +
    `${modelBytes.length} bytes, sha256 ${reference.modelSha256.slice(0, 12)}…`,
);
