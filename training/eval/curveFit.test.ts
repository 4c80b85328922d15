import { describe, expect, it } from 'vitest';
import { logFit, predictAt, stepToReach } from './curveFit';

describe('log fit of a validation curve', () => {
  const line = (step: number) => 1.2 - 0.1 * Math.log(step);
  const points = [500, 1000, 2000, 4000].map((step) => ({ step, value: line(step) }));

  it('recovers a line in ln(step) exactly, with r² 1', () => {
    const fit = logFit(points);
    expect(fit.a).toBeCloseTo(1.2, 10);
    expect(fit.b).toBeCloseTo(-0.1, 10);
    expect(fit.r2).toBeCloseTo(1, 10);
    expect(predictAt(fit, 8000)).toBeCloseTo(line(8000), 10);
  });

  it('forecasts the step a target is reached, and none for a target behind it or a flat curve', () => {
    const fit = logFit(points);
    expect(stepToReach(fit, line(16000))).toBeCloseTo(16000, -1);
    expect(stepToReach(fit, line(1000))).toBeNull();
    expect(stepToReach(logFit(points.map((p) => ({ ...p, value: 0.5 }))), 0.3)).toBeNull();
  });

  it('says how loosely noisy points follow the line, and refuses a single step', () => {
    const noisy = points.map((p, i) => ({ ...p, value: p.value + (i % 2 ? 0.05 : -0.05) }));
    expect(logFit(noisy).r2).toBeLessThan(0.99);
    expect(() => logFit([{ step: 100, value: 1 }])).toThrow(/two or more/);
  });
});
