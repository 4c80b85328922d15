// Model files kept in Cache Storage, checked against the manifest's size and sha256 every time they
// are read: a cached copy that is incomplete, damaged or from an older export is dropped and fetched
// again (with an event saying why), and a download that arrives damaged is fetched once more,
// bypassing the HTTP cache, before giving up. The manifest itself is network-first, so a re-exported
// model is picked up, with the cached copy as the offline fallback.

import { ModelIntegrityError } from '../meld/loadMeld';
import { AssetFetchError, sha256Hex } from './assetLoader';
import type { Downloader } from './download';
import { streamingSha256 } from './streamingSha256';

/** One cache for the model files, separate from the service worker's app-shell cache. */
export const MODEL_CACHE_NAME = 'meld-models-v1';
/** Response header holding the sha256 the cached bytes were verified against when stored. */
const SHA_HEADER = 'x-meld-sha256';

export interface ExpectedFile {
  bytes: number;
  sha256: string;
}

export type RefetchReason = 'cached-incomplete' | 'cached-damaged' | 'cached-outdated' | 'download-damaged';

export type FileEvent =
  | { type: 'progress'; url: string; loaded: number; total: number; source: 'cache' | 'network' }
  | { type: 'refetch'; url: string; reason: RefetchReason };

/** Cache Storage where it exists (pages and workers over http/https); undefined in Node. */
export async function openModelCache(): Promise<Cache | undefined> {
  if (typeof caches === 'undefined') return undefined;
  try {
    return await caches.open(MODEL_CACHE_NAME);
  } catch {
    return undefined; // e.g. storage disabled: work uncached
  }
}

/** `sha256`: the digest computed while downloading, when it covered every byte. */
async function verify(bytes: Uint8Array<ArrayBuffer>, expected: ExpectedFile, sha256?: string): Promise<'ok' | 'incomplete' | 'damaged'> {
  if (bytes.length !== expected.bytes) return 'incomplete';
  return (sha256 ?? (await sha256Hex(bytes))) === expected.sha256 ? 'ok' : 'damaged';
}

/** Downloads a file, hashing it as it arrives. */
async function downloadHashed(download: Downloader, url: string, progress: (loaded: number) => void, reload: boolean): Promise<{ bytes: Uint8Array<ArrayBuffer>; sha256?: string }> {
  const hash = streamingSha256();
  const bytes = await download(url, progress, { reload, onChunk: (chunk) => hash.update(chunk) });
  return { bytes, sha256: hash.length === bytes.length ? hash.hex() : undefined };
}

async function store(cache: Cache | undefined, url: string, bytes: Uint8Array<ArrayBuffer>, sha256: string): Promise<void> {
  if (!cache) return;
  try {
    await cache.put(url, new Response(bytes, { headers: { 'content-type': 'application/octet-stream', [SHA_HEADER]: sha256 } }));
  } catch {
    // Quota exceeded or storage cleared meanwhile: the file still works for this visit.
  }
}

export async function loadModelFile(
  url: string,
  expected: ExpectedFile,
  deps: { download: Downloader; cache: Cache | undefined },
  onEvent: (e: FileEvent) => void,
): Promise<Uint8Array<ArrayBuffer>> {
  const { cache, download } = deps;
  const cached = await cache?.match(url);
  if (cached) {
    const bytes = new Uint8Array(await cached.arrayBuffer());
    const status = await verify(bytes, expected);
    if (status === 'ok') {
      onEvent({ type: 'progress', url, loaded: bytes.length, total: expected.bytes, source: 'cache' });
      return bytes;
    }
    const outdated = cached.headers.get(SHA_HEADER) !== expected.sha256;
    onEvent({ type: 'refetch', url, reason: outdated ? 'cached-outdated' : status === 'incomplete' ? 'cached-incomplete' : 'cached-damaged' });
    await cache?.delete(url);
  }
  const progress = (loaded: number) => onEvent({ type: 'progress', url, loaded, total: expected.bytes, source: 'network' });
  let got = await downloadHashed(download, url, progress, false);
  if ((await verify(got.bytes, expected, got.sha256)) !== 'ok') {
    onEvent({ type: 'refetch', url, reason: 'download-damaged' });
    progress(0);
    got = await downloadHashed(download, url, progress, true);
    if ((await verify(got.bytes, expected, got.sha256)) !== 'ok') throw new ModelIntegrityError(url, expected, { bytes: got.bytes.length, sha256: got.sha256 ?? (await sha256Hex(got.bytes)) });
  }
  const bytes = got.bytes;
  await store(cache, url, bytes, expected.sha256);
  return bytes;
}

/** The manifest: the network's copy when reachable (and cached), else the cached one. */
export async function loadManifestBytes(url: string, deps: { download: Downloader; cache: Cache | undefined }): Promise<{ bytes: Uint8Array<ArrayBuffer>; source: 'cache' | 'network' }> {
  try {
    const bytes = await deps.download(url, () => undefined, { reload: true });
    if (deps.cache) await deps.cache.put(url, new Response(bytes, { headers: { 'content-type': 'application/json' } })).catch(() => undefined);
    return { bytes, source: 'network' };
  } catch (error) {
    const cached = await deps.cache?.match(url);
    if (cached && error instanceof AssetFetchError) return { bytes: new Uint8Array(await cached.arrayBuffer()), source: 'cache' };
    throw error;
  }
}

/** Deletes cached files under the model's folder that the current manifest no longer lists. */
export async function pruneModelCache(cache: Cache | undefined, folderUrl: string, keep: readonly string[]): Promise<void> {
  if (!cache) return;
  const wanted = new Set(keep);
  for (const request of await cache.keys()) {
    if (request.url.startsWith(folderUrl) && !wanted.has(request.url)) await cache.delete(request);
  }
}
