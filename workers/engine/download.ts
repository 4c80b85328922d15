import { describeError } from '../describeError';
import { AssetFetchError } from './assetLoader';

export interface DownloadOptions {
  /** Skip the HTTP cache (the copy we got was damaged). */
  reload?: boolean;
  /** Each chunk as it arrives, in order (the caller hashes while downloading). A downloader may not call it. */
  onChunk?: (chunk: Uint8Array) => void;
}

/** Fetches a file's bytes, reporting bytes received so far. Injected so Node tests can read from disk. */
export type Downloader = (url: string, onProgress: (loaded: number) => void, options?: DownloadOptions) => Promise<Uint8Array<ArrayBuffer>>;

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
  if (!response.body) {
    const whole = new Uint8Array(await response.arrayBuffer());
    options.onChunk?.(whole);
    return whole;
  }
  const parts: Uint8Array[] = [];
  let loaded = 0;
  const reader = response.body.getReader();
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      parts.push(value);
      options.onChunk?.(value);
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
