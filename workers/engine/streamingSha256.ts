// sha256 of a download computed while it arrives (WebCrypto only hashes a whole buffer, which would
// add a pass over every file after the last byte). @noble/hashes: audited, no dependencies.

import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex } from '@noble/hashes/utils.js';

export interface StreamingHash {
  update(chunk: Uint8Array): void;
  /** Bytes hashed so far. */
  readonly length: number;
  hex(): string;
}

export function streamingSha256(): StreamingHash {
  const hash = sha256.create();
  let length = 0;
  return {
    update(chunk) {
      hash.update(chunk);
      length += chunk.length;
    },
    get length() {
      return length;
    },
    hex: () => bytesToHex(hash.digest()),
  };
}
