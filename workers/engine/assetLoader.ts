import { describeError } from '../describeError';

/** Fetches an asset's bytes. Injected so tests can run the engine in Node straight from disk. */
export type AssetLoader = (url: string) => Promise<Uint8Array<ArrayBuffer>>;

export class AssetFetchError extends Error {
  override readonly name = 'AssetFetchError';
  constructor(
    readonly url: string,
    readonly detail: string,
  ) {
    super(`fetching ${url} failed: ${detail}`);
  }
}

export const fetchAsset: AssetLoader = async (url) => {
  let response: Response;
  try {
    response = await fetch(url);
  } catch (error) {
    throw new AssetFetchError(url, describeError(error));
  }
  if (!response.ok) throw new AssetFetchError(url, `HTTP ${response.status} ${response.statusText}`.trim());
  return new Uint8Array(await response.arrayBuffer());
};

export async function sha256Hex(bytes: Uint8Array<ArrayBuffer>): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', bytes);
  return Array.from(new Uint8Array(digest), (b) => b.toString(16).padStart(2, '0')).join('');
}
