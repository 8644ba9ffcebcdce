// argv → a command name, its positionals and flags. One table of commands, each with its help text.
import { parseArgs } from 'node:util';
import { UserError } from '../errors.js';

export const COMMANDS = {
  tui: 'open the tutorial (the default)',
  init: '[dir]            create a workspace and copy in the starter files',
  list: '                 lessons and exercises, with your progress',
  check: '<exercise>      check an exercise against the engine (--watch: again on every save)',
  hint: '<exercise>       show the next hint',
  reset: '<exercise>      remove the exercise\'s resources and restore its starter files (--yes)',
  solve: '<exercise>      show the reference solution (after a pass, or with --give-up)',
  selftest: '[exercise...] prove every check: starter fails, solution passes, wrong attempts fail',
  doctor: '               is the engine reachable, are the images ready, what is missing',
  sandbox: 'prepare|clean  build the base images now (before a workshop) | remove what containerlings created',
} as const;
export type CommandName = keyof typeof COMMANDS;

export interface Invocation {
  readonly command: CommandName;
  readonly positionals: readonly string[];
  readonly json: boolean;
  readonly workspace?: string;
  readonly yes: boolean;
  readonly giveUp: boolean;
  readonly watch: boolean;
  readonly all: boolean;
  readonly help: boolean;
  readonly version: boolean;
}

export function usage(): string {
  const lines = Object.entries(COMMANDS).map(([name, text]) => `  containerlings ${name} ${text}`);
  return [
    'containerlings: learn containers by doing, checked against a real Docker engine.',
    '',
    ...lines,
    '',
    'Options: --json (machine-readable output), --workspace <dir>, --help, --version',
    'Exit codes: 0 pass, 1 fail, 2 error (the environment is broken or the input is wrong).',
  ].join('\n');
}

export function parseInvocation(argv: readonly string[]): Invocation {
  let parsed;
  try {
    parsed = parseArgs({
      args: [...argv],
      allowPositionals: true,
      options: {
        json: { type: 'boolean', default: false },
        workspace: { type: 'string', short: 'w' },
        yes: { type: 'boolean', short: 'y', default: false },
        'give-up': { type: 'boolean', default: false },
        watch: { type: 'boolean', default: false },
        all: { type: 'boolean', default: false },
        help: { type: 'boolean', short: 'h', default: false },
        version: { type: 'boolean', short: 'v', default: false },
      },
    });
  } catch (e) {
    throw new UserError((e as Error).message, 'Run `containerlings --help` to see the commands and options.', 'usage');
  }
  const [first, ...rest] = parsed.positionals;
  const command = (first ?? 'tui') as CommandName;
  if (!(command in COMMANDS)) throw new UserError(`Unknown command "${first}".`, 'Run `containerlings --help` to see the commands.', 'usage');
  const v = parsed.values;
  return { command, positionals: rest, json: v.json!, workspace: v.workspace, yes: v.yes!, giveUp: v['give-up']!, watch: v.watch!, all: v.all!, help: v.help!, version: v.version! };
}

export function requireExercise(inv: Invocation): string {
  const id = inv.positionals[0];
  if (!id) throw new UserError(`\`containerlings ${inv.command}\` needs an exercise id.`, 'Run `containerlings list` to see them.', 'usage');
  return id;
}
