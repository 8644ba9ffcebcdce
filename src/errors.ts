// Errors typed by who must act: the learner/instructor (UserError) or us (anything else).

/** Something the user can fix. `next` says what to do, in plain words. Never shown with a stack. */
export class UserError extends Error {
  constructor(
    message: string,
    readonly next?: string,
    readonly kind: 'content' | 'engine' | 'workspace' | 'usage' | 'registry' | 'aws' | 'disk' = 'usage',
  ) {
    super(message);
    this.name = 'UserError';
  }
}

/** Raised when the user cancels long work (Esc, Ctrl-C). */
export class CancelledError extends Error {
  constructor() {
    super('Cancelled.');
    this.name = 'CancelledError';
  }
}

/** Formats any error for a terminal: a user error as message + next step, our own bugs with the stack. */
export function describeError(e: unknown): string {
  if (e instanceof UserError) return e.next ? `${e.message}\n${e.next}` : e.message;
  if (e instanceof CancelledError) return e.message;
  const err = e instanceof Error ? e : new Error(String(e));
  return `containerlings hit a bug: ${err.message}\n${err.stack ?? ''}\nPlease report it with the lines above.`;
}
