// A validation figure against training steps, fitted as value = a + b * ln(step): the forecast a run's
// note quotes ("at this rate, CER 0.30 by step N"). A fit is a forecast, not a measurement: callers
// label it so, and it says how well the points it saw follow the line (r²).

export interface LogFit {
  a: number;
  b: number;
  /** Share of the points' variance the line explains. */
  r2: number;
  /** The steps the fit saw. */
  from: number;
  to: number;
}

/** Least squares of value on ln(step) over points with step > 0 (at least two distinct steps). */
export function logFit(points: readonly { step: number; value: number }[]): LogFit {
  const p = points.filter((q) => q.step > 0 && Number.isFinite(q.value));
  if (new Set(p.map((q) => q.step)).size < 2) throw new Error(`a log fit needs two or more distinct steps (got ${p.length} points)`);
  const xs = p.map((q) => Math.log(q.step));
  const ys = p.map((q) => q.value);
  const mean = (v: number[]) => v.reduce((s, x) => s + x, 0) / v.length;
  const mx = mean(xs);
  const my = mean(ys);
  const sxy = xs.reduce((s, x, i) => s + (x - mx) * (ys[i] - my), 0);
  const sxx = xs.reduce((s, x) => s + (x - mx) ** 2, 0);
  const b = sxy / sxx;
  const a = my - b * mx;
  const ssTot = ys.reduce((s, y) => s + (y - my) ** 2, 0);
  const ssRes = ys.reduce((s, y, i) => s + (y - (a + b * xs[i])) ** 2, 0);
  return { a, b, r2: ssTot > 0 ? 1 - ssRes / ssTot : 1, from: Math.min(...p.map((q) => q.step)), to: Math.max(...p.map((q) => q.step)) };
}

export function predictAt(fit: LogFit, step: number): number {
  return fit.a + fit.b * Math.log(step);
}

/** The step after the fitted ones at which the line reaches `target`; null if it does not (flat, moving away, or already past it). */
export function stepToReach(fit: LogFit, target: number): number | null {
  if (fit.b === 0) return null;
  const step = Math.exp((target - fit.a) / fit.b);
  return Number.isFinite(step) && step > fit.to ? Math.round(step) : null;
}
