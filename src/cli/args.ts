// argv → a command name, its positionals and the options it takes (catalog.ts), and the help text for them.
import { statSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { UserError } from '../errors.js';
import { languageOf } from '../i18n/lang.js';
import { COMMANDS, GROUPS, type CommandName, type CommandSpec } from './catalog.js';
import { EVERY_COMMAND, OPTIONS, optionLabel, type OptionName } from './options.js';

export type { CommandName } from './catalog.js';

/** A parsed command line. Only the options the command takes (catalog.ts) can be set; the rest are unset. */
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
  /** check --all: also write JUnit XML here. */
  readonly junit?: string;
  /** A workshop file (else one found in the workspace): limits the course to its lessons. */
  readonly workshop?: string;
  /** `--aws real|local`: real AWS (default credential chain) or the local ECR endpoint. */
  readonly aws?: 'real' | 'local';
  readonly student?: string;
  readonly out?: string;
  readonly csv?: string;
  readonly html?: string;
  readonly title?: string;
  readonly registry?: string;
  readonly lessons?: string;
  /** ecs run: the cluster, and the network when not the default VPC's. */
  readonly cluster?: string;
  readonly subnets?: string;
  readonly securityGroups?: string;
  /** selftest: run mutants of each solution, at most `mutantsMax` per exercise. */
  readonly mutants: boolean;
  readonly mutantsMax?: string;
  /** selftest --mutants: only the exercises changed since the course's mutant record; write the figures into it. */
  readonly changed: boolean;
  readonly record: boolean;
  /** --content: the course folder (main.ts passes it on as CONTAINERLINGS_CONTENT); dev new exercise --lesson. */
  readonly content?: string;
  /** --lang: the course's language (main.ts passes it on as CONTAINERLINGS_LANG). */
  readonly lang?: string;
  readonly lesson?: string;
  /** tui: the screen-reader layout; the learner's editor (`editor`: $VISUAL/$EDITOR). */
  readonly screenReader: boolean;
  readonly editor: boolean;
  readonly editCmd?: string;
  readonly noEditor: boolean;
}

/** `containerlings` and its command groups, or one command with its own options. */
export function usage(command?: CommandName): string {
  return command ? commandUsage(command) : overview();
}

function overview(): string {
  const entries = Object.entries(COMMANDS) as [CommandName, CommandSpec][];
  /** A command with long arguments gets its summary on the next line. */
  const line = (name: CommandName, c: CommandSpec) => {
    const head = `  containerlings ${name === 'tui' ? '' : `${name} ${c.args}`}`.trimEnd();
    return head.length <= 39 ? `${head.padEnd(41)}${c.summary}` : `${head}\n${' '.repeat(41)}${c.summary}`;
  };
  const groups = Object.entries(GROUPS).flatMap(([group, title]) => [
    '',
    title,
    ...entries.filter(([, c]) => c.group === group).map(([name, c]) => line(name, c)),
  ]);
  return [
    'containerlings: learn containers by doing, checked against a real Docker engine.',
    ...groups,
    '',
    '`containerlings <command> --help` shows the options a command takes. --version prints the version.',
    'Exit codes: 0 pass, 1 fail, 2 error (the environment is broken or the input is wrong).',
  ].join('\n');
}

function commandUsage(command: CommandName): string {
  const c: CommandSpec = COMMANDS[command];
  const takes = [...(Object.keys(c.takes) as OptionName[]), ...EVERY_COMMAND];
  const labels = takes.map(optionLabel);
  const width = Math.max(...labels.map((l) => l.length)) + 2;
  const help = (name: OptionName) => {
    const own = c.takes[name];
    return typeof own === 'string' ? own : OPTIONS[name].help;
  };
  return [
    `containerlings ${command === 'tui' ? '' : `${command} ${c.args}`}`.trimEnd(),
    `  ${c.summary}`,
    '',
    'Options:',
    ...takes.map((name, i) => `  ${labels[i]!.padEnd(width)}${help(name)}`),
  ].join('\n');
}

/** What to run to see what `command` takes. */
function helpFor(command: CommandName | undefined): string {
  return command && command !== 'tui'
    ? `Run \`containerlings ${command} --help\` to see its options.`
    : 'Run `containerlings --help` to see the commands, and `containerlings <command> --help` for their options.';
}

/** `--json, --watch, ...`: the options a command declares (every command also takes --help and --version). */
function own(command: CommandName): string {
  return Object.keys(COMMANDS[command].takes)
    .map((n) => `--${n}`)
    .join(', ');
}

function optionNames(command: CommandName): OptionName[] {
  return [...(Object.keys(COMMANDS[command].takes) as OptionName[]), ...EVERY_COMMAND];
}

/**
 * argv → the command, its positionals and the options it takes. Every option is known to the parser (so
 * `--cluster x` before the command still reads x as its value); an option this command does not take is refused.
 */
export function parseInvocation(argv: readonly string[]): Invocation {
  const specs = Object.fromEntries(
    Object.entries(OPTIONS).map(([name, o]) => [
      name,
      'short' in o ? { type: o.type, short: o.short } : { type: o.type },
    ]),
  );
  const { tokens } = parseArgs({
    args: [...argv],
    options: specs,
    allowPositionals: true,
    strict: false,
    tokens: true,
  });
  const positionals = tokens.flatMap((t) => (t.kind === 'positional' ? [t.value] : []));
  const options = tokens.flatMap((t) => (t.kind === 'option' ? [t] : []));
  const [first, ...rest] = positionals;
  const command = first === undefined ? 'tui' : first in COMMANDS ? (first as CommandName) : undefined;
  const unknown = options.find((t) => !(t.name in OPTIONS));
  if (unknown) throw new UserError(`Unknown option '${unknown.rawName}'.`, helpFor(command), 'usage');
  if (!command)
    throw new UserError(`Unknown command "${first}".`, 'Run `containerlings --help` to see the commands.', 'usage');
  const takes = optionNames(command);
  const values: Record<string, string | boolean> = {};
  for (const t of options) {
    const name = t.name as OptionName;
    const who = command === 'tui' ? '`containerlings` (the tutorial)' : `\`containerlings ${command}\``;
    if (!takes.includes(name))
      throw new UserError(`${who} does not take ${t.rawName}; it takes ${own(command)}.`, helpFor(command), 'usage');
    if (OPTIONS[name].type === 'string' && t.value === undefined)
      throw new UserError(`${t.rawName} needs a value: ${optionLabel(name)}.`, helpFor(command), 'usage');
    if (OPTIONS[name].type === 'boolean' && t.value !== undefined)
      throw new UserError(`${t.rawName} takes no value (it was given "${t.value}").`, helpFor(command), 'usage');
    values[name] = t.value ?? true;
  }
  const flag = (name: OptionName) => values[name] === true;
  const text = (name: OptionName) => values[name] as string | undefined;
  return {
    command,
    positionals: rest,
    json: flag('json'),
    workspace: text('workspace'),
    yes: flag('yes'),
    giveUp: flag('give-up'),
    watch: flag('watch'),
    all: flag('all'),
    help: flag('help'),
    version: flag('version'),
    junit: text('junit'),
    workshop: text('workshop'),
    student: text('student'),
    out: text('out'),
    csv: text('csv'),
    html: text('html'),
    title: text('title'),
    registry: text('registry'),
    lessons: text('lessons'),
    aws: awsFlag(text('aws')),
    cluster: text('cluster'),
    subnets: text('subnets'),
    securityGroups: text('security-groups'),
    mutants: flag('mutants'),
    mutantsMax: text('mutants-max'),
    changed: flag('changed'),
    record: flag('record'),
    content: text('content'),
    lang: langFlag(text('lang')),
    lesson: text('lesson'),
    screenReader: flag('screen-reader'),
    editor: flag('editor'),
    editCmd: text('edit-cmd'),
    noEditor: flag('no-editor'),
  };
}

function langFlag(value: string | undefined): string | undefined {
  if (value === undefined) return undefined;
  const lang = languageOf(value);
  if (lang) return lang;
  throw new UserError(
    `--lang takes a language code such as de or en, not "${value}".`,
    'Use `--lang de` for German, or leave it out to follow your locale (LANG).',
    'usage',
  );
}

function awsFlag(value: string | undefined): 'real' | 'local' | undefined {
  if (value === undefined || value === 'real' || value === 'local') return value;
  throw new UserError(
    `--aws takes "real" or "local", not "${value}".`,
    'Use `--aws real` for your AWS account, or leave it out for the local ECR endpoint.',
    'usage',
  );
}

export function requireExercise(inv: Invocation): string {
  const id = inv.positionals[0];
  if (!id)
    throw new UserError(
      `\`containerlings ${inv.command}\` needs an exercise id.`,
      'Run `containerlings list` to see them.',
      'usage',
    );
  return id;
}

/** The folder of bundles `report` and `verify` read: it must be given, exist, and be a folder (not /dev/null). */
export function requireBundleFolder(inv: Invocation, example: string): string {
  const dir = inv.positionals[0];
  const problem = !dir
    ? `\`containerlings ${inv.command}\` needs the folder that holds the bundles.`
    : folderProblem(dir);
  if (problem) throw new UserError(problem, `For example: \`${example}\`.`, 'usage');
  return dir!;
}

/** Why `path` is not a folder this command can read, or undefined when it is one. */
function folderProblem(path: string): string | undefined {
  try {
    return statSync(path).isDirectory() ? undefined : `${path} is not a folder.`;
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    return code === 'ENOENT' || code === 'ENOTDIR' ? `There is no folder ${path}.` : `Cannot read ${path} (${code}).`;
  }
}
