// The Harvard sentences (IEEE 1969 "Recommended practice for speech quality measurements"): 720
// phonetically balanced everyday sentences, as shipped in R's stringr data. Package r-cran-stringr,
// GPL-2. Written for testing speech, and shared with no other source: the held-out "new text" domain.

import { execFileSync } from 'node:child_process';
import type { TextSource } from './source';

export const HARVARD: TextSource = {
  id: 'harvard',
  debianPackage: 'r-cran-stringr',
  licence: 'GPL-2 (package); the sentences are from IEEE Std 297-1969',
  description: 'the 720 Harvard sentences from the R package stringr',
  read: () => {
    try {
      return execFileSync('Rscript', ['--vanilla', '-e', 'writeLines(stringr::sentences)'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] }).split('\n').filter((l) => l.trim() !== '');
    } catch (error) {
      throw new Error(`cannot read the Harvard sentences: Rscript with the R package stringr is needed (apt-get install r-cran-stringr). ${(error as Error).message}`);
    }
  },
};
