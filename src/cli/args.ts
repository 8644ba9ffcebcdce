// argv → a command name, its positionals and flags. One table of commands, each with its help text.
import { parseArgs } from 'node:util';
import { UserError } from '../errors.js';

export const COMMANDS = {
  tui: 'open the tutorial (the default)',
  init: '[dir]            create a workspace and copy in the starter files',
  list: '                 lessons and exercises, with your progress',
  check: '<exercise>      check an exercise against the engine (--watch: again on every save)',
  hint: '<exercise>       show the next hint',
  reset: "<exercise>      remove the exercise's resources and restore its starter files (--yes)",
  solve: '<exercise>      show the reference solution (after a pass, or with --give-up)',
  selftest: '[exercise...] prove every check: starter fails, solution passes, wrong attempts fail',
  doctor: '               is the engine reachable, are the images ready, what is missing',
  sandbox:
    'prepare|clean|up|down|status  build the base images now (before a workshop) | remove what containerlings created | start, stop or show the local registry and ECR endpoint',
  aws: 'whoami|cleanup     real AWS mode: who you are | remove what containerlings created: ECR repositories, ECS tasks, task definitions, clusters (--yes)',
  ecs: 'run <taskdef.json>  real AWS mode: register the task definition and run it on Fargate, after asking (--cluster, --subnets, --security-groups, --yes)',
  workshop: 'init [file]    write a workshop file: title, lessons in order, deadlines, class registry',
  submit: '               check everything and write your result bundle (--student NAME, --out DIR)',
  report: '<dir>          merge result bundles: table, --csv FILE, --html FILE, --json',
  verify: '<dir>          re-check what students pushed to the class registry on this engine',
  lint: '[path]           lint a Dockerfile for the lean-images rules (and with hadolint, when installed)',
  audit:
    "<image>         an image's attack surface: packages, shell, package manager, setuid files, user (and a CVE scan when grype/trivy/docker scout is installed)",
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
}

export function usage(): string {
  const lines = Object.entries(COMMANDS).map(([name, text]) => `  containerlings ${name} ${text}`);
  return [
    'containerlings: learn containers by doing, checked against a real Docker engine.',
    '',
    ...lines,
    '',
    'Options: --json (machine-readable output), --workspace <dir>, --workshop <file>, --aws real|local, --help, --version',
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
        junit: { type: 'string' },
        workshop: { type: 'string' },
        student: { type: 'string' },
        out: { type: 'string' },
        csv: { type: 'string' },
        html: { type: 'string' },
        title: { type: 'string' },
        registry: { type: 'string' },
        lessons: { type: 'string' },
        aws: { type: 'string' },
        cluster: { type: 'string' },
        subnets: { type: 'string' },
        'security-groups': { type: 'string' },
      },
    });
  } catch (e) {
    throw new UserError((e as Error).message, 'Run `containerlings --help` to see the commands and options.', 'usage');
  }
  const [first, ...rest] = parsed.positionals;
  const command = (first ?? 'tui') as CommandName;
  if (!(command in COMMANDS))
    throw new UserError(`Unknown command "${first}".`, 'Run `containerlings --help` to see the commands.', 'usage');
  const v = parsed.values;
  return {
    command,
    positionals: rest,
    json: v.json!,
    workspace: v.workspace,
    yes: v.yes!,
    giveUp: v['give-up']!,
    watch: v.watch!,
    all: v.all!,
    help: v.help!,
    version: v.version!,
    junit: v.junit,
    workshop: v.workshop,
    student: v.student,
    out: v.out,
    csv: v.csv,
    html: v.html,
    title: v.title,
    registry: v.registry,
    lessons: v.lessons,
    aws: awsFlag(v.aws),
    cluster: v.cluster,
    subnets: v.subnets,
    securityGroups: v['security-groups'],
  };
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
