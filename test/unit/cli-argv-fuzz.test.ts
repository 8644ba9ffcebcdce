// Random and hostile command lines, run through the built binary (dist/cli.js) in a jail (test/support/jailed-cli.ts):
// every run ends within its time limit, exits 0, 1 or 2, never shows a stack trace or "hit a bug", and an exit 2
// says what was wrong. Where the answer is known from argv alone (unknown command or option, --help, --version),
// the exit code and the message are checked too. Set ARGV_FUZZ_RUNS for a longer hunt (the default keeps the file
// under a minute on 2 cores).
import fc from 'fast-check';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseInvocation } from '../../src/cli/args.js';
import { COMMANDS } from '../../src/cli/catalog.js';
import { OPTIONS } from '../../src/cli/options.js';
import { Jail, pool, type JailedResult } from '../support/jailed-cli.js';
import { ROOT, STACK_FRAME } from '../support/cli.js';
import { rmSync } from 'node:fs';

const HUNT = Number(process.env.ARGV_FUZZ_RUNS) || 0;
const RUNS = HUNT || 10;
const WIDTH = 3; // processes at a time
const EXERCISES = readdirSync(join(ROOT, 'exercises'));
const COMMAND_NAMES = Object.keys(COMMANDS);
// `sandbox serve-ecr` (hidden) is the ECR endpoint's own process: it serves until killed, by design, so it is left
// out. `check --watch` also waits for Ctrl-C by design: such runs get one once they say they are watching.
const SUBCOMMANDS = ['init', 'whoami', 'cleanup', 'run', 'prepare', 'up', 'down', 'status', 'clean', 'pack', 'load'];
const UNKNOWN_FLAGS = ['--bogus', '--count', '--jsn', '-x', '-Z', '--no-json', '--WORKSPACE', '---json'];

let jail: Jail;
beforeAll(async () => {
  jail = new Jail();
  await jail.prepare();
}, 60_000);
afterAll(() => rmSync(jail.root, { recursive: true, force: true, maxRetries: 3 }), 60_000);

// --- what argv is made of ---------------------------------------------------------------------------------------
const noNul = (s: string) => s.replaceAll('\0', '');
const paths = fc.constantFrom(
  '/',
  '/dev/null',
  '/proc/x',
  '/proc/self/status',
  '/nonexistent/deep/path',
  '.',
  '..',
  '../../etc',
  'dir',
  'dir/',
  'notes.txt',
  'Dockerfile',
  'taskdef.json',
  'missing.json',
  'containerlings-workspace',
);
const text = fc.oneof(
  fc.string({ maxLength: 12 }),
  fc.string({ unit: 'grapheme', maxLength: 12 }),
  fc.string({ unit: 'binary', maxLength: 12 }).map(noNul), // control characters, any code point
  fc.integer({ min: -1e9, max: 1e9 }).map(String),
  fc.constantFrom('', ' ', '-', '--', '=', '-1', '0', 'NaN', '\t\n', '\u001b[2J', 'é', '🐳', '../', '$HOME', '*'),
  fc.integer({ min: 200, max: 20_000 }).map((n) => 'x'.repeat(n)),
);
const value = fc.oneof(fc.constantFrom(...EXERCISES, ...SUBCOMMANDS, 'real', 'local'), paths, text);
const known = fc.constantFrom(...Object.keys(OPTIONS));
const short = fc.constantFrom('-h', '-v', '-w', '-y', '-hy', '-yw');
const token = fc.oneof(
  { weight: 3, arbitrary: known.map((n) => `--${n}`) },
  { weight: 2, arbitrary: fc.tuple(known, value).map(([n, v]) => `--${n}=${v}`) },
  { weight: 1, arbitrary: short },
  { weight: 1, arbitrary: fc.constantFrom(...UNKNOWN_FLAGS) },
  { weight: 1, arbitrary: fc.tuple(fc.constantFrom(...UNKNOWN_FLAGS), value).map(([f, v]) => `${f}=${v}`) },
  { weight: 4, arbitrary: value },
);
const head = fc.oneof(
  { weight: 6, arbitrary: fc.constantFrom(...COMMAND_NAMES) },
  { weight: 1, arbitrary: text },
  { weight: 1, arbitrary: fc.constantFrom('CHECK', 'chek', 'help', 'version', '42', 'sandbox-up') },
);
const argvArb = fc.tuple(
  fc.option(head, { nil: undefined, freq: 8 }),
  fc.option(fc.constantFrom(...SUBCOMMANDS, ...EXERCISES), { nil: undefined }),
  fc.array(token, { maxLength: 6 }),
);
const caseArb = fc.record({
  argv: argvArb.map(([h, sub, rest]) => [h, sub, ...rest].filter((t): t is string => t !== undefined)),
  inWorkspace: fc.boolean(),
});

// --- what every run must show ---------------------------------------------------------------------------------
interface Case {
  argv: string[];
  inWorkspace: boolean;
}

async function run(c: Case): Promise<JailedResult> {
  const watches = c.argv.some((a) => a === '--watch' || a.startsWith('--watch='));
  return jail.run(c.argv, { inWorkspace: c.inWorkspace, interruptOn: watches ? 'Watching' : undefined });
}

/** What argv alone says: a parse error (with its message), --version, --help, or nothing. */
function predicted(argv: readonly string[]): { code?: number; says?: string; stdout?: RegExp } {
  try {
    const inv = parseInvocation(argv);
    if (inv.version) return { code: 0, stdout: /^(\d+\.\d+\.\d+\S*|dev)\n$/ };
    if (inv.help) return { code: 0, stdout: /^containerlings\b/ };
    return {};
  } catch (e) {
    return { code: 2, says: (e as Error).message };
  }
}

function expectSane(c: Case, r: JailedResult): void {
  const where = c.inWorkspace ? ' in a workspace' : '';
  const what = `argv ${JSON.stringify(c.argv)}${where}: exit ${r.code} after ${r.ms} ms\n${r.stderr.slice(0, 2000)}`;
  expect(r.hung, `hung: ${what}`).toBe(false);
  expect([0, 1, 2], what).toContain(r.code);
  for (const out of [r.stdout, r.stderr]) {
    expect(out, what).not.toMatch(STACK_FRAME);
    expect(out, what).not.toContain('hit a bug');
  }
  // An error says what happened: on stderr, or in the JSON asked for.
  if (r.code === 2) expect(r.stderr.trim() || r.stdout.trim(), what).not.toBe('');
  const p = predicted(c.argv);
  if (p.code !== undefined) expect(r.code, what).toBe(p.code);
  if (p.says) expect(r.stderr.startsWith(p.says), what).toBe(true);
  if (p.stdout) expect(r.stdout, what).toMatch(p.stdout);
  // Independent of the parser: an option no command knows, else a first word that is no command, is a usage error.
  const [first] = c.argv;
  const beforeDashes = c.argv.slice(0, c.argv.includes('--') ? c.argv.indexOf('--') : undefined);
  const unknownFlag = optionTokens(beforeDashes).some((a) => UNKNOWN_FLAGS.includes(a.split('=')[0]!));
  const unknownCommand = first !== undefined && !first.startsWith('-') && !(first in COMMANDS);
  if (unknownFlag) expect(r.stderr, what).toMatch(/^Unknown option '/);
  // Which is named first depends on the rest of argv (an option-looking word such as -3 is an unknown option too).
  if (unknownCommand) expect(r.stderr, what).toMatch(/^Unknown (command|option) /);
  if (unknownFlag || unknownCommand) expect(r.code, what).toBe(2);
}

/** The tokens that stand as options: node's parseArgs reads the word after a string option (`-w`, `--out`, `-yw`) as
 * its value, even when it starts with a dash. */
function optionTokens(argv: readonly string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (!a.startsWith('-') || a === '-') continue;
    out.push(a);
    const name = a.startsWith('--')
      ? a.slice(2)
      : Object.entries(OPTIONS).find(([, o]) => 'short' in o && a.endsWith(o.short))?.[0];
    if (!a.includes('=') && name && name in OPTIONS && OPTIONS[name as keyof typeof OPTIONS].type === 'string') i++;
  }
  return out;
}

// Cases fast-check found and shrank, kept so they run every time (each taught the checks above something).
const SHRUNK: [Case, Case, Case] = [
  // parseArgs reads the word after a string option as its value, dash or not: --out takes --cluster here.
  { argv: ['cg-limits', '--out', '--cluster', '--bogus=adder'], inWorkspace: false },
  { argv: ['-w', '--bogus'], inWorkspace: false },
  // A negative number is an option (-3), named before the unknown command.
  { argv: ['static-scratch', '-3906250'], inWorkspace: false },
];

// --- the properties and the table -------------------------------------------------------------------------------
describe('random command lines', () => {
  it(
    'never crash, hang or exit with anything but 0, 1 or 2',
    async () => {
      await fc.assert(
        fc.asyncProperty(fc.tuple(caseArb, caseArb, caseArb), async (cases) => {
          const results = await Promise.all(cases.map(run));
          cases.forEach((c, i) => expectSane(c, results[i]!));
        }),
        { numRuns: RUNS, interruptAfterTimeLimit: HUNT ? undefined : 40_000, examples: [[SHRUNK]] },
      );
    },
    HUNT ? 3_600_000 : 90_000,
  );
});

// Hand-picked hostile command lines, with the exit code each must give and a piece of what it must say.
// `ws`: run in a folder that holds a workspace. There is no engine: every command that needs one exits 2.
const NO_ENGINE = 'Docker is not running';
const TABLE: [argv: string[], code: number, says: string | RegExp, ws?: 'ws'][] = [
  [[], 2, 'needs an interactive terminal'],
  [['tui'], 2, 'needs an interactive terminal'],
  [[''], 2, 'Unknown command ""'],
  [['bogus'], 2, 'Unknown command "bogus"'],
  [['--version'], 0, /^(\d+\.\d+\.\d+\S*|dev)\n$/],
  [['-v'], 0, /^(\d+\.\d+\.\d+\S*|dev)\n$/],
  [['--help'], 0, 'Exit codes: 0 pass, 1 fail, 2 error'],
  [['--workspace'], 2, '--workspace needs a value'],
  [['list', '--json=yes'], 2, '--json takes no value'],
  [['list', '--aws', 'cloud'], 2, '--aws takes "real" or "local"'],
  [['list'], 0, 'first-image'],
  [['list', '--workshop', '/dev/null'], 2, 'The workshop file has 1 problem'],
  [['check', ''], 2, 'needs an exercise id'],
  [['check', '../../etc'], 2, 'There is no exercise', 'ws'],
  [['check', 'x'.repeat(100_000)], 2, 'There is no exercise', 'ws'],
  [['check', 'first-image'], 2, NO_ENGINE, 'ws'],
  [['check', 'first-image', '--cluster', 'x'], 2, '`containerlings check` does not take --cluster'],
  // With no engine the results are still made (every exercise an error); then the JUnit file cannot be written.
  [['check', '--all', '--junit', '/'], 2, 'Cannot write /: it is a folder', 'ws'],
  [['--', 'check'], 2, 'needs an exercise id'],
  [['check', '--', '--json'], 2, 'No containerlings workspace here'],
  [['hint', '--count=-1'], 2, "Unknown option '--count'"],
  [['hint', 'first-image'], 0, 'Hint 1 of', 'ws'],
  [['solve', 'first-image'], 2, 'after you give up', 'ws'],
  [['reset', 'first-image'], 2, 'no terminal to ask in', 'ws'],
  [['report', '/dev/null'], 2, '/dev/null is not a folder'],
  [['report', 'notes.txt'], 2, 'notes.txt is not a folder'],
  [['report', '/nonexistent/deep/path'], 2, 'There is no folder /nonexistent/deep/path'],
  [['report', 'dir'], 2, 'No result bundles in dir'],
  [['verify', '/dev/null'], 2, '/dev/null is not a folder'],
  [['lint', '/'], 2, 'There is no Dockerfile at /Dockerfile'],
  [['lint', '/dev/null'], 2, 'is not a regular file'],
  [['init', '/proc/x'], 2, 'Cannot create the folder /proc/x'],
  [['init', '/dev/null'], 2, '/dev/null is not a folder'],
  [['init', 'notes.txt/sub'], 2, 'notes.txt is not a folder'],
  [['init', '/'], 2, '/ exists and is not empty'],
  [['submit', '--out', '/'], 2, /Cannot write \/\S+\.containerlings-bundle\.json: you may not write there/, 'ws'],
  [['submit', '--out', 'notes.txt'], 2, /Cannot create the folder \S+notes\.txt/, 'ws'],
  [['workshop'], 2, 'needs an action: init'],
  [['workshop', 'init', 'dir', '--yes'], 2, 'dir: it is a folder'],
  [['workshop', 'init', '/dev/null'], 2, '/dev/null exists already'],
  [['aws'], 2, 'needs an action: whoami or cleanup'],
  [['aws', 'whoami'], 2, 'containerlings is in local mode'],
  [['aws', 'whoami', '--aws', 'real'], 2, 'No AWS credentials were found'],
  [['ecs', 'run', 'missing.json'], 2, 'Cannot read missing.json'],
  [['ecs', 'run', 'taskdef.json', '--aws', 'real', '--yes'], 2, 'No AWS credentials were found', 'ws'],
  // A task definition that is not one is the learner's work failing its check: exit 1, as `check` would.
  [['ecs', 'run', 'notes.txt', '--aws', 'real', '--yes'], 1, 'not a task definition ECS would accept', 'ws'],
  [['workshop', 'init', 'notes.txt/w.yaml'], 2, 'Cannot write'],
  [['sandbox'], 2, 'needs an action'],
  [['sandbox', 'bogus'], 2, 'needs an action'],
  [['sandbox', 'down'], 0, 'Nothing was running'],
  [['sandbox', 'status'], 1, 'the sandbox services were never started here'],
  [['sandbox', 'load', '/dev/null'], 2, /./],
  [['sandbox', 'pack', '/'], 2, NO_ENGINE],
  [['selftest', 'nope'], 2, 'There is no exercise "nope"'],
  [['doctor'], 2, NO_ENGINE],
  [['audit', ''], 2, /./],
  ...COMMAND_NAMES.map((name): [string[], number, RegExp] => [
    [name, '--help'],
    0,
    new RegExp(`^containerlings${name === 'tui' ? '' : ` ${name}`}\\b`),
  ]),
];

describe('hostile command lines, by hand', () => {
  it('each gives its exit code and says what happened', async () => {
    const results = await pool(TABLE, WIDTH, ([argv, , , ws]) => jail.run(argv, { inWorkspace: ws === 'ws' }));
    const wrong = TABLE.flatMap(([argv, code, says, ws], i) => {
      const r = results[i]!;
      const out = code === 0 ? r.stdout : r.stdout + r.stderr;
      const ok =
        !r.hung &&
        r.code === code &&
        (typeof says === 'string' ? out.includes(says) : says.test(out)) &&
        !STACK_FRAME.test(r.stdout + r.stderr) &&
        !(r.stdout + r.stderr).includes('hit a bug');
      return ok
        ? []
        : [
            `${JSON.stringify(argv).slice(0, 80)}${ws ? ' (in a workspace)' : ''}: ` +
              `exit ${r.code}${r.hung ? ' (hung)' : ''}, ${JSON.stringify(out.slice(0, 300))}`,
          ];
    });
    expect(wrong).toEqual([]);
  }, 180_000);

  it('check --watch waits for Ctrl-C, then ends with the verdict it had', async () => {
    const r = await jail.run(['check', 'first-image', '--watch'], { inWorkspace: true, interruptOn: 'Watching' });
    expect(r.interrupted && !r.hung).toBe(true);
    expect(r.code).toBe(2);
    expect(r.stdout).toContain('Watching');
    expect(r.stderr).toContain('Cancelling');
  }, 60_000);
});
