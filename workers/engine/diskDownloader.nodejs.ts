// A Downloader that reads file:// URLs from disk: the engine's tests run it in Node on the shipped model.

import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { AssetFetchError } from './assetLoader';
import type { Downloader } from './download';

export const readFromDisk: Downloader = async (url, onProgress) => {
  let bytes: Uint8Array<ArrayBuffer>;
  try {
    bytes = new Uint8Array(await readFile(fileURLToPath(url)));
  } catch (error) {
    throw new AssetFetchError(url, String(error));
  }
  onProgress(bytes.length);
  return bytes;
};
