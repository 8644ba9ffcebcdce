// The task-definition check on real task definitions that no one here wrote, read at test time from the packages that
// ship them (nothing is copied into this repository):
//   awscli@2.9.19     Debian's awscli package (Apache-2.0; CI installs it, .ci/run), its examples for `aws ecs
//                     register-task-definition`, `describe-task-definition` and `deregister-task-definition`, and the
//                     ECS service model it bundles (botocore/data/ecs/2014-11-13/service-2.json);
//   @aws-sdk/client-ecs@3.1164.0   (Apache-2.0, a dependency) the examples in its RegisterTaskDefinitionCommand and
//                     DescribeTaskDefinitionCommand docs.
// Definitions as a learner writes them (register input) must be accepted as published. Definitions as ECS returns
// them (register and describe output) carry members that ECS sets (taskDefinitionArn, revision, status): as they are
// they must be refused, naming each one; reduced to the members of RegisterTaskDefinitionRequest, the way
// `aws ecs register-task-definition --cli-input-json` needs them, they must be accepted. Each accepted definition is
// also checked required on Fargate (awsvpc, 256 CPU units, 512 MiB), where the model's Fargate and awsvpc rules apply.
//
// Every finding was judged by hand once against the model's documentation; the verdicts are kept here:
//   true   ECS refuses the definition for this reason (the model documents it);
//   false  a wrong refusal: never allowed.
// A second part checks the check's shape against the model itself: every member, type, enum value and required member.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { runInNewContext } from 'node:vm';
import { describe, expect, it } from 'vitest';
import type { z } from 'zod';
import { checkTaskDefinition, RegisterTaskDefinitionInput } from '../../src/sandbox/ecs/task-definition.js';
import { ROOT } from '../support/cli.js';
import { AWSCLI, type Shape } from '../support/aws-model.js';

const AWSCLI_VERSION = '2.9.19';
const SDK = join(ROOT, 'node_modules', '@aws-sdk', 'client-ecs');
const SDK_VERSION = '3.1164.0';
const MODEL = join(AWSCLI, 'botocore', 'data', 'ecs', '2014-11-13', 'service-2.json');

type Verdict = 'true' | 'false';
type Json = Record<string, unknown>;

const installed = existsSync(MODEL) && existsSync(join(SDK, 'package.json'));
const missing =
  `The task-definition corpus needs Debian's awscli ${AWSCLI_VERSION} (apt-get install awscli; .ci/run installs it) ` +
  `and node_modules/@aws-sdk/client-ecs@${SDK_VERSION}.`;

const read = (path: string) => readFileSync(path, 'utf8');
const model = () => JSON.parse(read(MODEL)) as { shapes: Record<string, Shape> };

/** The JSON code blocks of an .rst example: each indented block after a line ending in "::". */
function rstJsonBlocks(text: string): Json[] {
  const blocks: Json[] = [];
  const lines = text.split('\n');
  lines.forEach((line, i) => {
    if (!line.trimEnd().endsWith('::')) return;
    const body: string[] = [];
    for (let j = i + 1; j < lines.length && (lines[j]!.trim() === '' || /^\s/.test(lines[j]!)); j++)
      body.push(lines[j]!);
    const code = body.join('\n').trim();
    if (code.startsWith('{')) blocks.push(JSON.parse(code) as Json);
  });
  return blocks;
}

/** The JavaScript objects of an SDK doc example: `const input = {...};` and the `response is {...}` comment. */
function sdkExample(file: string, title: string): { input: Json; response: Json } {
  const text = read(join(SDK, 'dist-types', 'commands', file));
  const start = text.indexOf(`@example ${title}`);
  const code = text
    .slice(start, text.indexOf('```\n', text.indexOf('```javascript', start) + 13))
    .split('\n')
    .map((l) => l.replace(/^\s*\* ?/, ''))
    .join('\n');
  const object = (from: number) => {
    const open = code.indexOf('{', from);
    let depth = 0;
    for (let i = open; i < code.length; i++) {
      depth += code[i] === '{' ? 1 : code[i] === '}' ? -1 : 0;
      if (depth === 0) return runInNewContext(`(${code.slice(open, i + 1)})`) as Json;
    }
    throw new Error(`no object in the ${title} example of ${file}`);
  };
  return { input: object(code.indexOf('const input =')), response: object(code.indexOf('response is')) };
}

/** A definition as ECS returns it, reduced to the members RegisterTaskDefinition takes. */
function asRegisterInput(definition: Json): Json {
  const members = model().shapes['RegisterTaskDefinitionRequest']!.members!;
  return Object.fromEntries(Object.entries(definition).filter(([k]) => k in members));
}

const onFargate = (definition: Json): Json => ({
  ...definition,
  requiresCompatibilities: ['FARGATE'],
  networkMode: 'awsvpc',
  cpu: '256',
  memory: '512',
});

interface Case {
  readonly source: string;
  readonly definition: () => Json;
  /** The findings, each judged; [] means accepted. */
  readonly verdicts: [error: string, verdict: Verdict][];
}

const cli = (name: string) => join(AWSCLI, 'examples', 'ecs', name);
const registerRst = () => rstJsonBlocks(read(cli('register-task-definition.rst')));
const outputOf = (name: string) =>
  rstJsonBlocks(read(cli(name))).find((b) => b['taskDefinition'])!['taskDefinition'] as Json;
// Example 2 passes the family and the container definitions as options, with escaped quotes.
function inlineRegister(): Json {
  const text = read(cli('register-task-definition.rst'));
  const family = /--family (\S+)/.exec(text)![1]!;
  const containers = /--container-definitions "((?:[^"\\]|\\.)*)"/.exec(text)![1]!.replaceAll('\\"', '"');
  return { family, containerDefinitions: JSON.parse(containers) as unknown };
}
const sdkRegister = () => sdkExample('RegisterTaskDefinitionCommand.d.ts', 'To register a task definition');
const sdkDescribe = () => sdkExample('DescribeTaskDefinitionCommand.d.ts', 'To describe a task definition');

const notAField = (...members: string[]): [string, Verdict][] =>
  members.map((m) => [`${m}: not a RegisterTaskDefinition field`, 'true']);
const links = (i: number): [string, Verdict] => [
  `containerDefinitions[${i}].links: links work only with networkMode bridge, not "awsvpc"; remove them`,
  'true',
];

const CASES: Case[] = [
  {
    source: `awscli@${AWSCLI_VERSION}/examples/ecs/register-task-definition.rst (sleep360.json)`,
    definition: () => registerRst()[0]!,
    verdicts: [],
  },
  {
    source: `awscli@${AWSCLI_VERSION}/examples/ecs/register-task-definition.rst (example 2, options)`,
    definition: inlineRegister,
    verdicts: [],
  },
  {
    source: `awscli@${AWSCLI_VERSION}/examples/ecs/register-task-definition.rst (output)`,
    definition: () => registerRst()[1]!['taskDefinition'] as Json,
    verdicts: notAField('status', 'compatibilities', 'taskDefinitionArn', 'revision'),
  },
  {
    source: `awscli@${AWSCLI_VERSION}/examples/ecs/describe-task-definition.rst (output)`,
    definition: () => outputOf('describe-task-definition.rst'),
    verdicts: notAField('taskDefinitionArn', 'revision'),
  },
  {
    source: `awscli@${AWSCLI_VERSION}/examples/ecs/deregister-task-definition.rst (output)`,
    definition: () => outputOf('deregister-task-definition.rst'),
    verdicts: notAField('status', 'taskDefinitionArn', 'revision'),
  },
  {
    source: `@aws-sdk/client-ecs@${SDK_VERSION}/dist-types/commands/RegisterTaskDefinitionCommand.d.ts (input)`,
    definition: () => sdkRegister().input,
    verdicts: [],
  },
  {
    source: `@aws-sdk/client-ecs@${SDK_VERSION}/dist-types/commands/RegisterTaskDefinitionCommand.d.ts (response)`,
    definition: () => sdkRegister().response['taskDefinition'] as Json,
    verdicts: notAField('revision', 'taskDefinitionArn'),
  },
  {
    source: `@aws-sdk/client-ecs@${SDK_VERSION}/dist-types/commands/DescribeTaskDefinitionCommand.d.ts (response)`,
    definition: () => sdkDescribe().response['taskDefinition'] as Json,
    verdicts: notAField('revision', 'taskDefinitionArn'),
  },
];

// The same definitions, reduced to register input (the output ones) and required on Fargate.
const DERIVED: Case[] = CASES.flatMap((c) => {
  const input = c.verdicts.length
    ? { ...c, source: `${c.source} as register input`, definition: () => asRegisterInput(c.definition()), verdicts: [] }
    : c;
  const wordpress = /describe-task-definition|DescribeTaskDefinition/.test(c.source); // wordpress + mysql, linked
  return [
    ...(input === c ? [] : [input]),
    {
      source: `${input.source}, on Fargate`,
      definition: () => onFargate(input.definition()),
      verdicts: wordpress ? [links(0)] : [],
    },
  ];
});

describe.skipIf(!installed)('the task-definition check on real task definitions', () => {
  it('reads the packages it was judged on', () => {
    expect(read(join(AWSCLI, '__init__.py'))).toContain(`__version__ = '${AWSCLI_VERSION}'`);
    expect((JSON.parse(read(join(SDK, 'package.json'))) as { version: string }).version).toBe(SDK_VERSION);
  });

  it.each([...CASES, ...DERIVED].map((c) => [c.source, c] as const))('%s', (_source, c) => {
    const result = checkTaskDefinition(JSON.stringify(c.definition()));
    const errors = result.ok ? [] : result.errors;
    expect(errors).toEqual(c.verdicts.map(([e]) => e));
    expect(c.verdicts.filter(([, v]) => v === 'false')).toEqual([]);
  });

  it('keeps its figures', () => {
    const all = [...CASES, ...DERIVED];
    expect({
      definitions: all.length,
      accepted: all.filter((c) => c.verdicts.length === 0).length,
      findings: all.reduce((n, c) => n + c.verdicts.length, 0),
    }).toEqual({ definitions: 21, accepted: 14, findings: 15 });
  });
});

it.runIf(!installed)('the task-definition corpus is installed', () => {
  // Fails, never skips, on a machine without it: CI installs both.
  expect.fail(missing);
});

// Types of the model (botocore) and of zod, as the check's schema builds them.
const ZOD_TYPE: Record<string, string> = {
  string: 'string',
  integer: 'number',
  boolean: 'boolean',
  list: 'array',
  map: 'record',
  structure: 'object',
};
type Schema = z.ZodType & {
  unwrap?: () => Schema;
  element?: Schema;
  shape?: Record<string, Schema>;
  options?: string[];
};
const kind = (s: Schema) => (s._zod.def as { type: string }).type;
const unwrapped = (s: Schema): Schema => (kind(s) === 'optional' ? unwrapped(s.unwrap!()) : s);

/** Where the check's schema differs from the model: members, types, enum values, required members. */
function differences(shapes: Record<string, Shape>, schema: Schema, name: string, path: string): string[] {
  const shape = shapes[name]!;
  const s = unwrapped(schema);
  const type = kind(s);
  if (type === 'unknown') return []; // accepted as the model allows, not checked deeper
  if (shape.enum)
    return type !== 'enum'
      ? [`${path}: an enum in the model, ${type} in the check`]
      : shape.enum.filter((v) => !s.options!.includes(v)).map((v) => `${path}: the model's "${v}" is refused`);
  if (ZOD_TYPE[shape.type] !== type) return [`${path}: ${shape.type} in the model, ${type} in the check`];
  if (type === 'array') return differences(shapes, s.element!, shape.member!.shape, `${path}[]`);
  if (type === 'record')
    return differences(
      shapes,
      (s._zod.def as unknown as { valueType: Schema }).valueType,
      shape.value!.shape,
      `${path}{}`,
    );
  if (type !== 'object') return [];
  const members = shape.members!;
  return [
    ...Object.entries(members).flatMap(([m, { shape: inner }]) =>
      s.shape![m]
        ? differences(shapes, s.shape![m], inner, `${path}.${m}`)
        : [`${path}.${m}: in the model, refused by the check`],
    ),
    ...(shape.required ?? [])
      .filter((m) => s.shape![m] && kind(s.shape![m]) === 'optional')
      .map((m) => `${path}.${m}: required by the model, optional in the check`),
    ...Object.keys(members)
      .filter((m) => s.shape![m] && kind(s.shape![m]) !== 'optional' && !shape.required?.includes(m))
      .map((m) => `${path}.${m}: required by the check, optional in the model`),
    ...Object.keys(s.shape!)
      .filter((m) => !(m in members))
      .map((m) => `${path}.${m}: not in the model`),
  ];
}

describe.skipIf(!installed)(`the task-definition check against the ECS model of awscli@${AWSCLI_VERSION}`, () => {
  it('has every member, type, enum value and required member of RegisterTaskDefinitionRequest', () => {
    const shapes = model().shapes;
    expect(differences(shapes, RegisterTaskDefinitionInput as Schema, 'RegisterTaskDefinitionRequest', '')).toEqual([
      // Newer than this model; @aws-sdk/client-ecs's model has them (next test).
      '.containerDefinitions[].restartPolicy: not in the model',
      '.containerDefinitions[].versionConsistency: not in the model',
      '.containerDefinitions[].credentialSpecs: not in the model',
      // A tag's key: the model's TagKey is 1 to 128 characters, so a tag without one cannot be stored.
      '.tags[].key: required by the check, optional in the model',
      '.enableFaultInjection: not in the model',
    ]);
  });

  it(`takes the members newer than it from @aws-sdk/client-ecs@${SDK_VERSION}'s model`, () => {
    const models = ['models_0.d.ts', 'models_1.d.ts'].map((f) => read(join(SDK, 'dist-types', 'models', f))).join('');
    const members = (name: string) => {
      const start = models.indexOf(`export interface ${name} {`);
      return models.slice(start, models.indexOf('\n}\n', start));
    };
    for (const m of ['restartPolicy', 'versionConsistency', 'credentialSpecs'])
      expect(members('ContainerDefinition')).toContain(`  ${m}?: `);
    expect(members('RegisterTaskDefinitionRequest')).toContain('  enableFaultInjection?: ');
  });
});
