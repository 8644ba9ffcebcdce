// What `containerlings doctor` reports: one finding a line, with what to do next; an error becomes one (never a
// stack trace).
import { describeError, UserError } from '../../../errors.js';

export interface Finding {
  readonly name: string;
  readonly status: 'ok' | 'warn' | 'fail';
  readonly detail: string;
  readonly fix?: string;
}

export const fromError = (name: string, e: unknown, status: 'warn' | 'fail' = 'fail'): Finding =>
  e instanceof UserError
    ? { name, status, detail: e.message, fix: e.next }
    : { name, status, detail: describeError(e).split('\n')[0] };
