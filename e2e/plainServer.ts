/**
 * A plain static file server for dist/. Without options it sends no COOP/COEP headers, standing in
 * for hosts such as GitHub Pages where headers cannot be set (the e2e tests start it as
 * `tsx e2e/plainServer.ts <port>`); the browser benchmark starts it in-process with the headers.
 * It also serves /embed-host.html?src=URL, a page of another origin embedding the widget.
 */
import { createReadStream, statSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { extname, join, normalize } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../dist/', import.meta.url));
const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript',
  '.mjs': 'text/javascript',
  '.css': 'text/css',
  '.json': 'application/json',
  '.webmanifest': 'application/manifest+json',
  '.wasm': 'application/wasm',
  '.onnx': 'application/octet-stream',
  '.wav': 'audio/wav',
  '.png': 'image/png',
  '.svg': 'image/svg+xml',
};
const ISOLATION_HEADERS = { 'cross-origin-opener-policy': 'same-origin', 'cross-origin-embedder-policy': 'require-corp' };

export interface ServeOptions {
  isolation?: boolean;
  /** Serve models/meld/ from this folder instead (benchmarking another export without rebuilding). */
  modelDir?: string;
}

const MODEL_PATH = '/models/meld/';
/** A page of "another site" that embeds ?src= with the README's iframe snippet (Chromium blocks a fake page from loading localhost frames, so it is served for real). */
const EMBED_HOST_PATH = '/embed-host.html';

function embedHostPage(src: string): string {
  const escaped = src.replace(/[&<>"]/g, (c) => `&#${c.charCodeAt(0)};`);
  return `<!doctype html><html lang="en"><title>Another site</title><h1>Another site</h1>
<iframe src="${escaped}" title="MELD text to speech" width="480" height="360" style="border: 0" allow="cross-origin-isolated; autoplay"></iframe></html>`;
}

export function serveDist(port: number, options: ServeOptions = {}): Promise<Server> {
  const server = createServer((request, response) => {
    const url = new URL(request.url ?? '/', 'http://x');
    const path = decodeURIComponent(url.pathname);
    if (path === EMBED_HOST_PATH) return void response.writeHead(200, { 'content-type': TYPES['.html'] }).end(embedHostPage(url.searchParams.get('src') ?? ''));
    const [root, rest] = options.modelDir && path.startsWith(MODEL_PATH) ? [normalize(`${options.modelDir}/`), path.slice(MODEL_PATH.length)] : [ROOT, path];
    let file = normalize(join(root, rest));
    if (!file.startsWith(root)) return void response.writeHead(403).end();
    try {
      if (statSync(file).isDirectory()) file = join(file, 'index.html');
      const headers = {
        'content-type': TYPES[extname(file)] ?? 'application/octet-stream',
        'content-length': statSync(file).size,
        'cache-control': 'no-cache',
        ...(options.isolation ? ISOLATION_HEADERS : {}),
      };
      response.writeHead(200, headers);
      createReadStream(file).pipe(response);
    } catch {
      response.writeHead(404).end('not found');
    }
  });
  return new Promise((resolve) => server.listen(port, '127.0.0.1', () => resolve(server)));
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) void serveDist(Number(process.argv[2] ?? 4321));
