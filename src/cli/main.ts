// Entry point: parse argv, run one command, turn every error into a message and an exit code.
import { resolve } from 'node:path';
import { describeError, CancelledError } from '../errors.js';
import { parseInvocation, usage, type Invocation } from './args.js';
import { endQuietlyOnClosedPipe, EXIT } from './output.js';

/** Replaced with package.json's version by the bundler (scripts/build.mjs). */
declare const CONTAINERLINGS_VERSION: string | undefined;

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';

/**
 * docker-modem builds an `ssh:host` URL that Node 20 flags (DEP0170) on every command over ssh://. The learner can do
 * nothing about it, so that one warning is dropped; every other warning is printed as usual.
 */
const emitWarning = process.emitWarning.bind(process) as (...args: unknown[]) => void;
process.emitWarning = ((...args: unknown[]) => {
  const code = typeof args[1] === 'object' ? (args[1] as { code?: string } | null)?.code : args[2];
  if (code === 'DEP0170' && /\bssh:/.test(String(args[0]))) return;
  emitWarning(...args);
}) as typeof process.emitWarning;

const run: Record<
  Invocation['command'],
  () => Promise<{ default: (inv: Invocation, signal: AbortSignal) => Promise<number> }>
> = {
  tui: () => import('./commands/learn/tui.js'),
  init: () => import('./commands/learn/init.js'),
  list: () => import('./commands/learn/list.js'),
  check: () => import('./commands/learn/check.js'),
  hint: () => import('./commands/learn/hint.js'),
  reset: () => import('./commands/learn/reset.js'),
  solve: () => import('./commands/learn/solve.js'),
  selftest: () => import('./commands/teach/selftest.js'),
  doctor: () => import('./commands/tools/doctor.js'),
  sandbox: () => import('./commands/tools/sandbox.js'),
  workshop: () => import('./commands/teach/workshop.js'),
  submit: () => import('./commands/learn/submit.js'),
  report: () => import('./commands/teach/report.js'),
  verify: () => import('./commands/teach/verify.js'),
  lint: () => import('./commands/tools/lint.js'),
  audit: () => import('./commands/tools/audit.js'),
  dev: () => import('./commands/teach/dev.js'),
  aws: () => import('./commands/cloud/aws.js'),
  ecs: () => import('./commands/cloud/ecs.js'),
};

const controller = new AbortController();
const pipeClosed = endQuietlyOnClosedPipe(() => controller.abort());

async function main(argv: readonly string[]): Promise<number> {
  const inv = parseInvocation(argv);
  if (inv.version) {
    process.stdout.write(`${typeof CONTAINERLINGS_VERSION === 'string' ? CONTAINERLINGS_VERSION : 'dev'}\n`);
    return EXIT.pass;
  }
  if (inv.help) {
    // `containerlings --help`: every command; `containerlings check --help` (or `tui --help`): that one's options.
    const named = inv.command !== 'tui' || argv.includes('tui');
    process.stdout.write(usage(named ? inv.command : undefined) + '\n');
    return EXIT.pass;
  }
  // Every part (checks, the sandbox shell, the aws wrapper) reads the mode from the environment.
  if (inv.aws) process.env.CONTAINERLINGS_AWS = inv.aws;
  // --content works as CONTAINERLINGS_CONTENT does, for this process and every child it starts.
  if (inv.content) process.env.CONTAINERLINGS_CONTENT = resolve(inv.content);
  // --lang likewise: the course's words and the program's own strings (src/i18n) read CONTAINERLINGS_LANG.
  if (inv.lang) process.env.CONTAINERLINGS_LANG = inv.lang;
  // The TUI handles Ctrl-C itself (raw mode); other commands cancel their work on the first one.
  if (inv.command !== 'tui') {
    // SIGTERM (a CI timeout, `kill`) cleans up the same way as Ctrl-C.
    for (const signal of ['SIGINT', 'SIGTERM'] as const) {
      process.once(signal, () => {
        controller.abort();
        process.stderr.write('\nCancelling...\n');
        process.once(signal, () => process.exit(EXIT.cancelled));
      });
    }
  }
  // The TUI's biggest module (ink) starts loading now, alongside the command's own.
  if (inv.command === 'tui' && process.stdin.isTTY && process.stdout.isTTY)
    void (await import('./ink-loader.js')).loadInk();
  const command = await run[inv.command]();
  return command.default(inv, controller.signal);
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = pipeClosed() ? EXIT.pass : code;
  },
  (e: unknown) => {
    if (pipeClosed()) return void (process.exitCode = EXIT.pass);
    process.stderr.write(describeError(e) + '\n');
    // A learner's problem (UserError) and our own bug both exit 2; only the message differs (describeError).
    process.exitCode = e instanceof CancelledError ? EXIT.cancelled : EXIT.error;
  },
);
