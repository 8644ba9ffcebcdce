// Every command, grouped by who it is for: what it takes (arguments and its own options) and one line on what it
// does. `containerlings --help` prints the groups; `containerlings <command> --help` prints one command's options.
// A command takes only the options it declares here; main.ts loads its module.
import type { OptionName } from './options.js';

export const GROUPS = {
  learn: 'Learn: the tutorial and its exercises',
  teach: 'Teach: workshops, grading and proving the course',
  cloud: 'Cloud: real AWS mode (add --aws real)',
  tools: 'Tools: this machine, the sandbox, any image or Dockerfile',
} as const;

/** An option this command takes: `true` for the shared help line (options.ts), or what it means for this command. */
export type Takes = Partial<Record<OptionName, true | string>>;

export interface CommandSpec {
  readonly group: keyof typeof GROUPS;
  /** Its arguments, as the usage line shows them. */
  readonly args: string;
  readonly summary: string;
  readonly takes: Takes;
}

/** The options of every command that opens the workspace and the course in it. */
const COURSE = { workspace: true, workshop: true, content: true, lang: true } as const;

export const COMMANDS = {
  tui: {
    group: 'learn',
    args: '',
    summary: 'open the tutorial (the default command)',
    takes: {
      ...COURSE,
      aws: true,
      yes: 'agree to real AWS costs of exercise setups without being asked',
      'screen-reader': true,
      editor: true,
      'edit-cmd': true,
      'no-editor': true,
    },
  },
  init: {
    group: 'learn',
    args: '[dir]',
    summary: 'create a workspace, copy in the starter files, get the base images ready',
    takes: { json: true, ...COURSE, aws: true },
  },
  list: {
    group: 'learn',
    args: '',
    summary: 'lessons and exercises, with your progress',
    takes: { json: true, ...COURSE, aws: true },
  },
  check: {
    group: 'learn',
    args: '<exercise>',
    summary: 'check an exercise against the engine',
    takes: {
      json: true,
      watch: true,
      all: 'check every exercise (of the workshop, when there is one) instead of one',
      junit: true,
      ...COURSE,
      aws: true,
      yes: true,
    },
  },
  hint: { group: 'learn', args: '<exercise>', summary: 'show the next hint', takes: { json: true, ...COURSE } },
  reset: {
    group: 'learn',
    args: '<exercise>',
    summary: "remove the exercise's resources and restore its starter files",
    takes: { yes: 'reset without asking', json: true, ...COURSE, aws: true },
  },
  solve: {
    group: 'learn',
    args: '<exercise>',
    summary: 'show the reference solution (after a pass, or with --give-up)',
    takes: { 'give-up': true, json: true, ...COURSE },
  },
  submit: {
    group: 'learn',
    args: '',
    summary: 'check everything and write your result bundle for the instructor',
    takes: { student: true, out: true, json: true, ...COURSE, aws: true, yes: true },
  },
  workshop: {
    group: 'teach',
    args: 'init [file]',
    summary: 'write a workshop file: title, lessons in order, deadlines, class registry',
    takes: {
      title: true,
      lessons: true,
      registry: true,
      yes: 'overwrite the file if it exists',
      json: true,
      content: true,
    },
  },
  report: {
    group: 'teach',
    args: '<dir>',
    summary: 'merge the result bundles in <dir>: a table, CSV, HTML or JSON',
    takes: { csv: true, html: true, json: true, ...COURSE },
  },
  verify: {
    group: 'teach',
    args: '<dir>',
    summary: 're-check what students pushed to the class registry, on this engine',
    takes: { registry: 'the class registry (else the workshop file names it)', json: true, ...COURSE, aws: true },
  },
  selftest: {
    group: 'teach',
    args: '[exercise...]',
    summary: 'prove every check: starter fails, solution passes, wrong attempts fail',
    takes: {
      json: true,
      ...COURSE,
      aws: true,
      yes: true,
      mutants: true,
      'mutants-max': true,
      changed: true,
      record: true,
    },
  },
  dev: {
    group: 'teach',
    args: 'new lesson <id> | new exercise <id> --lesson <id> | check [dir]',
    summary: 'write your own course: scaffold a lesson or an exercise; check the content without an engine',
    takes: { lesson: true, content: true, json: true },
  },
  aws: {
    group: 'cloud',
    args: 'whoami|cleanup',
    summary: 'who you are on AWS | remove the ECR repositories and ECS resources containerlings created',
    takes: {
      all: "cleanup: in the whole account and region, not only this workspace's",
      yes: 'cleanup: remove without asking',
      json: true,
      ...COURSE,
      aws: true,
    },
  },
  ecs: {
    group: 'cloud',
    args: 'run <taskdef.json>',
    summary: 'register the task definition and run it on Fargate, after asking',
    takes: {
      cluster: true,
      subnets: true,
      'security-groups': true,
      yes: 'run without asking (it costs money)',
      json: true,
      workspace: true,
      aws: true,
    },
  },
  doctor: {
    group: 'tools',
    args: '',
    summary: 'is the engine reachable, are the images ready, what is missing',
    takes: { json: true, ...COURSE, workshop: "is this machine ready for the workshop's lessons?", aws: true },
  },
  sandbox: {
    group: 'tools',
    args: 'prepare|up|down|status|clean|pack|load',
    summary:
      'base images (prepare), and the local registry and ECR endpoint (up, down, status); ' +
      'remove what containerlings created (clean); an offline room (pack, load)',
    takes: {
      all: "clean: what every workspace created, not only this one's",
      json: true,
      ...COURSE,
      aws: true,
    },
  },
  lint: {
    group: 'tools',
    args: '[path]',
    summary: 'lint a Dockerfile for the lean-images rules (and with hadolint, when installed)',
    takes: { json: true },
  },
  audit: {
    group: 'tools',
    args: '<image>',
    summary: "an image's attack surface (and a CVE scan when grype, trivy or docker scout is installed)",
    takes: { json: true, workspace: true },
  },
} as const satisfies Record<string, CommandSpec>;

export type CommandName = keyof typeof COMMANDS;
