// Plain terminal output for the non-interactive commands: colour only on a TTY, JSON when asked.
import type { CheckResult, Outcome } from '../checks/kit/api.js';
import { colourRefused } from '../accessibility.js';
import { msg } from '../i18n/catalog.js';
import { OUTCOME, type Look } from '../outcome-theme.js';

const useColour = () => Boolean(process.stdout.isTTY) && !colourRefused();
const codes = { red: 31, green: 32, yellow: 33, blue: 34, gray: 90, dim: 2, bold: 1 } as const;

export function paint(colour: keyof typeof codes, text: string): string {
  return useColour() ? `\u001b[${codes[colour]}m${text}\u001b[0m` : text;
}

/** Exit codes shared by every command: 0 pass, 1 fail, 2 error (broken environment or bad input). */
export const EXIT = { pass: 0, fail: 1, error: 2, cancelled: 130 } as const;

/**
 * A reader that stops early (`containerlings list | head -1`) closes the pipe. Like other Unix tools, the command
 * then ends quietly with exit 0: `onClose` cancels its work, so whatever it started is still cleaned up.
 * Returns whether the pipe has closed.
 */
export function endQuietlyOnClosedPipe(onClose: () => void): () => boolean {
  let closed = false;
  const onError = (e: NodeJS.ErrnoException) => {
    if (e.code !== 'EPIPE') throw e;
    if (!closed) onClose();
    closed = true;
    process.exitCode = EXIT.pass; // also when the command had already ended
  };
  process.stdout.on('error', onError);
  process.stderr.on('error', onError);
  return () => closed;
}

export function exitCodeFor(outcome: Outcome): number {
  return EXIT[outcome];
}

export function printJson(value: unknown): void {
  process.stdout.write(JSON.stringify(value, null, 2) + '\n');
}

/** A look's mark (outcome-theme.ts) in its colour. */
export function mark(look: Look): string {
  return paint(look.tone, look.mark);
}

/** A line in a look's colour, after its mark: the mark of a pass, then "no errors". */
export function marked(look: Look, text: string): string {
  return paint(look.tone, `${look.mark} ${text}`);
}

export function outcomeLabel(outcome: Outcome): string {
  return marked(OUTCOME[outcome], OUTCOME[outcome].word);
}

export function formatResult(title: string, result: CheckResult): string {
  const lines = [`${outcomeLabel(result.outcome)}  ${paint('bold', title)}`, `  ${result.message}`];
  if (result.tryNext) lines.push(`  ${paint('blue', msg('check.try'))} ${result.tryNext}`);
  for (const [k, v] of Object.entries(result.evidence)) lines.push(paint('dim', `  ${k}: ${v}`));
  return lines.join('\n');
}
