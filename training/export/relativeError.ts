// The parity tests' measure: the largest |got - want| relative to the largest |want| (Infinity when
// the lengths differ), so a tolerance means the same for loud and quiet outputs.

export function relativeMaxError(got: ArrayLike<number>, want: ArrayLike<number>): number {
  if (got.length !== want.length) return Infinity;
  let diff = 0;
  let scale = 0;
  for (let i = 0; i < want.length; i++) {
    diff = Math.max(diff, Math.abs(got[i] - want[i]));
    scale = Math.max(scale, Math.abs(want[i]));
  }
  return diff / scale;
}
