// Real AWS mode's consent before containerlings runs scripts that create billable ECR repositories: one rule
// for what is billable, a refusal without a terminal, --yes, and one question per process. No AWS is called.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { UserError } from '../../src/errors.js';
import type { Course, Exercise } from '../../src/lessons/course.js';
import { billableRepositories, billingConsent } from '../../src/sandbox/aws/billing.js';
import { Tutor } from '../../src/tutor/tutor.js';
import { tempDir } from '../support/cli.js';

const REAL = { CONTAINERLINGS_AWS: 'real', AWS_REGION: 'eu-west-1' };

function exercise(id: string, repositories: string[], setup?: string): Exercise {
  const dir = tempDir(`containerlings-${id}-`);
  mkdirSync(join(dir, 'starter'));
  const meta = {
    id,
    title: id,
    lesson: 'ecr',
    hints: [],
    resources: {
      images: [],
      containers: [],
      networks: [],
      volumes: [],
      repositories,
      services: [],
      composeProjects: [],
      swarm: false,
    },
    timeouts: { attempt: 30 },
  };
  return {
    id,
    meta,
    dir,
    readme: join(dir, 'README.md'),
    check: join(dir, 'check.ts'),
    starter: join(dir, 'starter'),
    solution: join(dir, 'solution'),
    wrong: [],
    setup,
  } as unknown as Exercise;
}

/** A prompt that records what it was asked and answers `answer`. */
function fakePrompt(answer: boolean) {
  const asked: string[] = [];
  return {
    asked,
    prompt: { account: async () => '123456789012', confirm: async (q: string) => (asked.push(q), answer) },
  };
}

describe('what is billable', () => {
  it('is the declared repositories, in real mode only', () => {
    const ecr = exercise('ecr-push', ['cl-models']);
    expect(billableRepositories([ecr, exercise('first-image', [])], REAL)).toEqual(['cl-models']);
    expect(billableRepositories([ecr], { AWS_REGION: 'eu-west-1' })).toEqual([]);
  });
});

describe('the billing consent', () => {
  const ecr = exercise('ecr-push', ['cl-models']);

  it('without a terminal and without --yes, refuses: it names what would be created, where, and says to re-run with --yes', async () => {
    const refused = await billingConsent(false, undefined, REAL)([ecr]).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(UserError);
    expect((refused as UserError).message).toMatch(/ECR repositories.*\(eu-west-1\): cl-models.*billed/);
    expect((refused as UserError).next).toMatch(/--yes/);
  });

  it('with --yes goes ahead without asking; in local mode, or for free exercises, nothing is asked', async () => {
    const { asked, prompt } = fakePrompt(false);
    await billingConsent(true, prompt, REAL)([ecr]);
    await billingConsent(false, prompt, { AWS_REGION: 'eu-west-1' })([ecr]);
    await billingConsent(false, undefined, REAL)([exercise('first-image', [])]);
    expect(asked).toEqual([]);
  });

  it('on a terminal asks once, naming the account, the region and cleanup, and keeps the answer', async () => {
    const { asked, prompt } = fakePrompt(true);
    const consent = billingConsent(false, prompt, REAL);
    await consent([ecr]);
    await consent([ecr]);
    expect(asked).toEqual([
      'This creates ECR repositories (cl-models) in AWS account 123456789012 (eu-west-1); storage is billed to that account; ' +
        '`containerlings aws cleanup --aws real` deletes them. Continue?',
    ]);
  });

  it('a no stops the run, and is not asked again', async () => {
    const { asked, prompt } = fakePrompt(false);
    const consent = billingConsent(false, prompt, REAL);
    await expect(consent([ecr])).rejects.toThrow(/declined/);
    await expect(consent([ecr])).rejects.toThrow(/declined/);
    expect(asked).toHaveLength(1);
  });
});

describe("an exercise's setup.sh in real AWS mode", () => {
  const saved = { ...process.env };
  beforeEach(() =>
    Object.assign(process.env, REAL, { CONTAINERLINGS_SANDBOX_DIR: tempDir('containerlings-sandbox-') }),
  );
  afterEach(() => {
    for (const key of Object.keys(process.env)) if (!(key in saved)) delete process.env[key];
    Object.assign(process.env, saved);
  });

  async function tutorWithSetup(consent?: ReturnType<typeof billingConsent>) {
    const ex = exercise('ecr-setup', ['cl-models']);
    writeFileSync(join(ex.dir, 'setup.sh'), 'echo "$CONTAINERLINGS_WORKSPACE_ID" > created\n');
    const withSetup = { ...ex, setup: join(ex.dir, 'setup.sh') };
    const course = { root: ex.dir, lessons: [], exercises: [withSetup] } as unknown as Course;
    const tutor = await Tutor.open(join(tempDir(), 'ws'), { create: true, course, confirmBilling: consent });
    return { tutor, created: join(tutor.dir('ecr-setup'), 'created') };
  }

  it('is not run without a terminal and without --yes, and says why', async () => {
    const { tutor, created } = await tutorWithSetup(billingConsent(false));
    await expect(tutor.start('ecr-setup')).rejects.toThrow(/no terminal to confirm in/);
    expect(existsSync(created)).toBe(false);
    // A tutor opened without a consent (no command asked) refuses the same way.
    const bare = await tutorWithSetup();
    await expect(bare.tutor.start('ecr-setup')).rejects.toThrow(/--yes|no terminal/);
    expect(existsSync(bare.created)).toBe(false);
  });

  it('runs with --yes, with the workspace id the wrapper tags with', async () => {
    const { tutor, created } = await tutorWithSetup(billingConsent(true));
    await tutor.start('ecr-setup');
    expect(readFileSync(created, 'utf8').trim()).toBe(tutor.workspace.id);
  });
});
