// The base of our typed failures: `kind` is a string union the caller switches on (to pick the
// message or the recovery), `message` is already in words a user understands.

export class KindError<K extends string> extends Error {
  constructor(
    readonly kind: K,
    message: string,
  ) {
    super(message);
  }
}
