/**
 * Vite plugin: serves onnxruntime-web's runtime (.mjs + .wasm) from our own origin.
 *
 * At server start and at build start it copies the files listed in workers/ort/runtimeFiles.ts
 * from node_modules/onnxruntime-web/dist into <publicDir>/ort/ (git-ignored), so the dev server
 * serves them and the build copies them to dist/ort/ like any public file. No CDN: the app works
 * offline, under COEP require-corp, and under any sub-path (the worker points wasmPaths at them).
 */
import { copyFileSync, existsSync, mkdirSync, readFileSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type { Plugin } from 'vite';
import { ORT_BUILDS, ORT_RUNTIME_DIR } from '../workers/ort/runtimeFiles';

function ortDistDir(): string {
  // The package does not export package.json; its main entry sits in dist/.
  return dirname(createRequire(import.meta.url).resolve('onnxruntime-web'));
}

function isUpToDate(source: string, target: string): boolean {
  if (!existsSync(target)) return false;
  const a = statSync(source);
  const b = statSync(target);
  return a.size === b.size && a.mtimeMs <= b.mtimeMs;
}

export function copyOrtRuntime(publicDir: string): string[] {
  const distDir = ortDistDir();
  const targetDir = join(publicDir, ORT_RUNTIME_DIR);
  mkdirSync(targetDir, { recursive: true });
  const copied: string[] = [];
  for (const build of Object.values(ORT_BUILDS)) {
    const entry = readFileSync(join(distDir, build.entry), 'utf8');
    // Fail loudly if an onnxruntime-web upgrade renamed the runtime the entry loads.
    const loaderFile = build.files.find((file) => file.endsWith('.mjs'));
    if (!loaderFile || !entry.includes(loaderFile)) {
      throw new Error(`${build.entry} does not reference ${loaderFile}: update workers/ort/runtimeFiles.ts`);
    }
    for (const file of build.files) {
      const source = join(distDir, file);
      const target = join(targetDir, file);
      if (isUpToDate(source, target)) continue;
      copyFileSync(source, target);
      copied.push(file);
    }
  }
  return copied;
}

export function ortRuntimePlugin(): Plugin {
  let publicDir = '';
  let done = false;
  return {
    name: 'meld:ort-runtime',
    configResolved(config) {
      publicDir = config.publicDir;
    },
    buildStart() {
      // Worker bundles run buildStart again; one copy per process is enough.
      if (done || !publicDir) return;
      const copied = copyOrtRuntime(publicDir);
      if (copied.length > 0) this.info(`copied ${copied.join(', ')} to ${join(publicDir, ORT_RUNTIME_DIR)}`);
      done = true;
    },
  };
}
