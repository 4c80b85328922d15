// The source tree's layout rules, checked on its real import graph: no import circles anywhere, and models/ stays pure TypeScript shared
// by browser and trainer (no node:*, no onnxruntime, nothing from app/, workers/ or training/).

import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = path.resolve(__dirname, '..');
const FOLDERS = ['app', 'models', 'workers', 'training', 'e2e', 'scripts'];

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) return e.name === 'node_modules' || e.name === 'build' ? [] : sourceFiles(p);
    return /\.tsx?$/.test(e.name) && !e.name.endsWith('.d.ts') ? [p] : [];
  });
}

/** A relative specifier's file, as the bundler resolves it (extension-less, or a folder's index). */
function resolveRelative(from: string, spec: string): string | null {
  const base = path.resolve(path.dirname(from), spec);
  for (const candidate of [base, `${base}.ts`, `${base}.tsx`, path.join(base, 'index.ts'), path.join(base, 'index.tsx')]) {
    if (fs.existsSync(candidate) && fs.statSync(candidate).isFile()) return candidate;
  }
  return null;
}

/**
 * The module specifiers of a file's runtime imports: static imports, re-exports and dynamic imports.
 * `import type` is left out: it is erased, and the store's slices name each other's types on purpose
 * (zustand's slices pattern). TypeScript 7 has no JavaScript API to pre-parse with; comments are
 * stripped first so commented-out code is not read. A bundler query (`?worker&url`) is dropped.
 */
function importSpecifiers(source: string): string[] {
  const code = source.replace(/\/\*[\s\S]*?\*\//g, '').replace(/^\s*\/\/.*$/gm, '');
  const specs: string[] = [];
  for (const m of code.matchAll(/(?:^|[;\s])(?:import|export)\s[^'"`;]*?\sfrom\s*['"]([^'"]+)['"]|(?:^|[;\s])import\s*['"]([^'"]+)['"]|\bimport\(\s*['"]([^'"]+)['"]\s*\)/gm)) {
    if (/^\s*(?:import|export)\s+type\s/.test(m[0].replace(/^[;\s]/, ''))) continue;
    specs.push((m[1] ?? m[2] ?? m[3]).replace(/\?.*$/, ''));
  }
  return specs;
}

const files = FOLDERS.flatMap((f) => sourceFiles(path.join(ROOT, f)));
/** file -> its imports: relative ones resolved to files, bare ones as written. */
const graph = new Map(
  files.map((file) => {
    const specs = importSpecifiers(fs.readFileSync(file, 'utf8'));
    return [file, { local: specs.filter((s) => s.startsWith('.')).map((s) => resolveRelative(file, s) ?? `${file} -> ${s} (unresolved)`), bare: specs.filter((s) => !s.startsWith('.')) }];
  }),
);
const rel = (f: string) => path.relative(ROOT, f);

/** Every import circle, each as the files around it (depth-first search, grey/black marking). */
function circles(): string[][] {
  const state = new Map<string, 'open' | 'done'>();
  const stack: string[] = [];
  const found: string[][] = [];
  const visit = (f: string): void => {
    state.set(f, 'open');
    stack.push(f);
    for (const g of graph.get(f)?.local ?? []) {
      if (state.get(g) === 'open') found.push(stack.slice(stack.indexOf(g)).map(rel));
      else if (!state.has(g)) visit(g);
    }
    stack.pop();
    state.set(f, 'done');
  };
  for (const f of files) if (!state.has(f)) visit(f);
  return found;
}

describe('the source tree', () => {
  it('finds its files and resolves every relative import', () => {
    expect(files.length).toBeGreaterThan(200);
    const unresolved = [...graph.values()].flatMap((g) => g.local.filter((f) => f.includes('(unresolved)')));
    expect(unresolved).toEqual([]);
  });

  it('has no import circles', () => {
    expect(circles()).toEqual([]);
  });

  it('keeps models/ pure: no node:*, no onnxruntime, nothing from app/, workers/ or training/', () => {
    const models = path.join(ROOT, 'models') + path.sep;
    const offences: string[] = [];
    for (const [file, { local, bare }] of graph) {
      // Tests of models/ may read fixtures from disk; the shipped modules may not.
      if (!file.startsWith(models) || file.endsWith('.test.ts')) continue;
      for (const b of bare) if (b.startsWith('node:') || b.startsWith('onnxruntime')) offences.push(`${rel(file)} imports ${b}`);
      for (const l of local) if (!l.startsWith(models)) offences.push(`${rel(file)} imports ${rel(l)}`);
    }
    expect(offences).toEqual([]);
  });
});
