// Where the corpus text comes from: Jane Austen's six completed novels as shipped by the Debian
// package r-cran-janeaustenr (package: MIT licence; the novels are public-domain Project Gutenberg
// texts). The package stores them as R data, so they are read out with Rscript (its dependency
// r-base-core provides it): one line of novel text per output line, novels in a fixed order.

import { execFileSync } from 'node:child_process';

export const TEXT_SOURCE = {
  debianPackage: 'r-cran-janeaustenr',
  licence: 'package MIT; the novels themselves are in the public domain (Project Gutenberg texts)',
  description:
    "Jane Austen's six completed novels (Sense and Sensibility, Pride and Prejudice, Mansfield Park, Emma, " +
    'Northanger Abbey, Persuasion) from the Debian package r-cran-janeaustenr',
  novels: ['sensesensibility', 'prideprejudice', 'mansfieldpark', 'emma', 'northangerabbey', 'persuasion'],
} as const;

/** Marks the start of a novel in Rscript's output (a control character no novel contains). */
const NOVEL_MARK = '\u001e';

/** The raw text of each novel (Gutenberg line breaks kept), in TEXT_SOURCE.novels order. */
export function readNovels(): string[] {
  const names = TEXT_SOURCE.novels.map((n) => `"${n}"`).join(',');
  const script =
    `for (b in c(${names})) { cat("${NOVEL_MARK}", b, "\\n", sep = ""); ` +
    `writeLines(getExportedValue("janeaustenr", b)) }`;
  let out: string;
  try {
    out = execFileSync('Rscript', ['--vanilla', '-e', script], { encoding: 'utf8', maxBuffer: 1 << 28, stdio: ['ignore', 'pipe', 'pipe'] });
  } catch (error) {
    throw new Error(
      `cannot read the corpus text: Rscript with the R package janeaustenr is needed ` +
        `(apt-get install r-cran-janeaustenr). ${(error as Error).message}`,
    );
  }
  const novels = out.split(NOVEL_MARK).slice(1).map((chunk) => chunk.slice(chunk.indexOf('\n') + 1));
  if (novels.length !== TEXT_SOURCE.novels.length || novels.some((n) => n.length < 100_000)) {
    throw new Error(`janeaustenr gave ${novels.length} novels, expected ${TEXT_SOURCE.novels.length} full texts`);
  }
  return novels;
}
