// Every option of every command, declared once: how node:util's parseArgs reads it, the placeholder for its value,
// and one help line. Which command takes which is declared in catalog.ts.

interface OptionSpec {
  readonly type: 'boolean' | 'string';
  readonly short?: string;
  /** The value's placeholder in help: `--out DIR`. */
  readonly value?: string;
  readonly help: string;
}

export const OPTIONS = {
  help: { type: 'boolean', short: 'h', help: 'show the commands, or one command and its options' },
  version: { type: 'boolean', short: 'v', help: "containerlings' version" },
  json: { type: 'boolean', help: 'machine-readable output' },
  workspace: {
    type: 'string',
    short: 'w',
    value: 'DIR',
    help: 'the workspace (else $CONTAINERLINGS_WORKSPACE, the nearest one above this folder, ./containerlings-workspace)',
  },
  workshop: {
    type: 'string',
    value: 'FILE',
    help: "only this workshop's lessons (else the workshop file kept in the workspace, if any)",
  },
  content: {
    type: 'string',
    value: 'DIR',
    help: 'the course: a folder with course.yaml, lessons/ and exercises/ (else $CONTAINERLINGS_CONTENT, the shipped one)',
  },
  lang: {
    type: 'string',
    value: 'CODE',
    help: 'the language to read the course in, e.g. de (else $CONTAINERLINGS_LANG, your locale); English where untranslated',
  },
  lesson: { type: 'string', value: 'ID', help: 'dev new exercise: the lesson that lists the new exercise' },
  aws: {
    type: 'string',
    value: 'real|local',
    help: 'real AWS (your default credentials and AWS_REGION) or the local ECR endpoint (the default)',
  },
  yes: { type: 'boolean', short: 'y', help: 'answer yes instead of asking (real AWS costs, removals)' },
  'give-up': { type: 'boolean', help: 'give up on the exercise, to see its solution before a pass' },
  watch: { type: 'boolean', help: 'check again on every save, until Ctrl-C' },
  all: { type: 'boolean', help: 'all of them' },
  junit: { type: 'string', value: 'FILE', help: 'with --all: also write JUnit XML to FILE' },
  student: {
    type: 'string',
    value: 'NAME',
    help: 'your name in the bundle (else $CONTAINERLINGS_STUDENT, your login)',
  },
  out: { type: 'string', value: 'DIR', help: 'write the bundle into DIR (else the workspace)' },
  csv: { type: 'string', value: 'FILE', help: 'also write the report as CSV (one row per student)' },
  html: { type: 'string', value: 'FILE', help: 'also write the report as an HTML page' },
  title: { type: 'string', value: 'TEXT', help: "the workshop's title" },
  registry: { type: 'string', value: 'HOST[/PATH]', help: 'the class registry students push to' },
  lessons: { type: 'string', value: 'a,b,...', help: 'the lessons, in order (else every lesson)' },
  mutants: {
    type: 'boolean',
    help: 'prove the checks against single-change mutants of each solution (each must fail)',
  },
  'mutants-max': { type: 'string', value: 'N', help: 'with --mutants: at most N mutants per exercise (default 12)' },
  changed: {
    type: 'boolean',
    help: "with --mutants: only the exercises changed since the course's mutant record (mutants.json)",
  },
  record: { type: 'boolean', help: "with --mutants: write the figures into the course's mutant record (mutants.json)" },
  cluster: { type: 'string', value: 'NAME', help: 'the ECS cluster (else containerlings)' },
  subnets: { type: 'string', value: 'a,b', help: "the task's subnets (else the default VPC's)" },
  'security-groups': { type: 'string', value: 'a,b', help: "the task's security groups (else the default VPC's)" },
  // The tutorial's reach (issue 16): a screen reader's layout, and the learner's own editor.
  'screen-reader': {
    type: 'boolean',
    help: 'plain lines for a screen reader: no boxes, no redraws, outcomes in words',
  },
  editor: { type: 'boolean', help: 'open each exercise in $VISUAL or $EDITOR (remembered in the workspace)' },
  'edit-cmd': {
    type: 'string',
    value: 'CMD',
    help: 'open each exercise with CMD <file>, e.g. "code" or "subl -n" (remembered in the workspace)',
  },
  'no-editor': { type: 'boolean', help: 'open no editor (remembered in the workspace)' },
} as const satisfies Record<string, OptionSpec>;

export type OptionName = keyof typeof OPTIONS;

/** Options every command takes. */
export const EVERY_COMMAND = ['help', 'version'] as const satisfies readonly OptionName[];

/** `--out DIR`, `-w, --workspace DIR`. */
export function optionLabel(name: OptionName): string {
  const spec: OptionSpec = OPTIONS[name];
  return `${spec.short ? `-${spec.short}, ` : ''}--${name}${spec.value ? ` ${spec.value}` : ''}`;
}
