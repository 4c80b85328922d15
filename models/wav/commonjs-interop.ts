// wavefile and wave-resampler ship two builds: an ES module (package.json "module", chosen by
// bundlers such as Vite) with named exports, and a UMD bundle ("main", chosen by Node) that Node's
// ESM loader exposes only as `default`. Reading an export from either shape makes a single import
// work in the browser bundle, in Vitest and under tsx.

/** `namespace[name]`, or `namespace.default[name]` when the module was loaded as CommonJS. */
export function namedExport<M extends object, K extends keyof M & string>(namespace: M, name: K): M[K] {
  const direct = namespace[name];
  if (direct !== undefined) return direct;
  const commonJs = (namespace as { default?: Partial<M> }).default;
  const viaDefault = commonJs?.[name];
  if (viaDefault === undefined) throw new Error(`The module has no export named "${name}"`);
  return viaDefault as M[K];
}
