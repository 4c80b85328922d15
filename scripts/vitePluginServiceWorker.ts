/**
 * Vite plugin: builds app/sw/serviceWorker.ts into dist/sw.js with the list of files to precache
 * (every emitted asset plus the public files, except model files, which the inference worker
 * caches itself) and a version derived from their contents, so a new build replaces the old
 * cache. The service worker is compiled on its own (types stripped, no bundling: it has no imports).
 */
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type Plugin, transformWithOxc } from 'vite';

const SOURCE = fileURLToPath(new URL('../app/sw/serviceWorker.ts', import.meta.url));
export const SERVICE_WORKER_FILE = 'sw.js';
/** Public folders not precached: model files live in the inference worker's Cache Storage. */
const SKIP_PUBLIC = ['models'];

function publicFiles(dir: string, root = dir): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    const rel = relative(root, path).split(sep).join('/');
    if (SKIP_PUBLIC.some((skip) => rel === skip || rel.startsWith(`${skip}/`))) continue;
    if (statSync(path).isDirectory()) out.push(...publicFiles(path, root));
    else out.push(rel);
  }
  return out;
}

export function serviceWorkerPlugin(): Plugin {
  let publicDir = '';
  return {
    name: 'meld:service-worker',
    apply: 'build',
    configResolved(config) {
      publicDir = config.publicDir;
    },
    async generateBundle(_options, bundle) {
      const hash = createHash('sha256');
      const emitted = Object.values(bundle)
        .filter((item) => !item.fileName.endsWith('.map'))
        .map((item) => {
          hash.update(item.fileName);
          hash.update(item.type === 'chunk' ? item.code : item.source);
          return item.fileName;
        });
      const fromPublic = publicDir ? publicFiles(publicDir) : [];
      for (const file of fromPublic) {
        hash.update(file);
        hash.update(readFileSync(join(publicDir, file)));
      }
      // './' is the page itself as a navigation fetches it (index.html is served for it).
      const precache = ['./', 'index.html', ...emitted.filter((f) => f !== 'index.html'), ...fromPublic].sort();
      const compiled = await transformWithOxc(readFileSync(SOURCE, 'utf8'), SOURCE, { lang: 'ts' });
      const source = `const __PRECACHE__ = ${JSON.stringify(precache)};\nconst __VERSION__ = ${JSON.stringify(hash.digest('hex').slice(0, 16))};\n${compiled.code}`;
      this.emitFile({ type: 'asset', fileName: SERVICE_WORKER_FILE, source });
    },
  };
}
