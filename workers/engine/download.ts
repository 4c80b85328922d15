import { describeError } from '../describeError';
import { AssetFetchError } from './assetLoader';

/** Fetches a file's bytes, reporting bytes received so far. Injected so Node tests can read from disk. */
export type Downloader = (url: string, onProgress: (loaded: number) => void, options?: { reload?: boolean }) => Promise<Uint8Array<ArrayBuffer>>;

/** fetch() read as a stream, so a progress bar can move while a large model file arrives. */
export const fetchWithProgress: Downloader = async (url, onProgress, options = {}) => {
  let response: Response;
  try {
    // 'reload' skips the HTTP cache: used when the copy we got was damaged.
    response = await fetch(url, { cache: options.reload ? 'reload' : 'default' });
  } catch (error) {
    throw new AssetFetchError(url, describeError(error));
  }
  if (!response.ok) throw new AssetFetchError(url, `HTTP ${response.status} ${response.statusText}`.trim());
  if (!response.body) return new Uint8Array(await response.arrayBuffer());
  const parts: Uint8Array[] = [];
  let loaded = 0;
  const reader = response.body.getReader();
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      parts.push(value);
      loaded += value.length;
      onProgress(loaded);
    }
  } catch (error) {
    // A connection dropped mid-file: what arrived is incomplete, and the integrity check says so.
    throw new AssetFetchError(url, `the download broke off after ${loaded} bytes: ${describeError(error)}`);
  }
  const bytes = new Uint8Array(loaded);
  let offset = 0;
  for (const p of parts) {
    bytes.set(p, offset);
    offset += p.length;
  }
  return bytes;
};
