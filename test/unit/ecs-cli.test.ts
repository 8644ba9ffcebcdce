// `containerlings ecs run` from the command line, with no credentials and no network: it validates first,
// refuses in local mode, asks before anything billable, and explains missing credentials without a stack.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { newProgress, writeProgress } from '../../src/progress/store.js';
import { runCli, STACK_FRAME, tempDir } from '../support/cli.js';

const home = tempDir();
writeFileSync(join(home, 'config'), '');
writeFileSync(join(home, 'credentials'), '');
// No credentials anywhere (unset, empty files), and no instance-metadata lookup: nothing may reach AWS.
const noAws = {
  HOME: home,
  AWS_CONFIG_FILE: join(home, 'config'),
  AWS_SHARED_CREDENTIALS_FILE: join(home, 'credentials'),
  AWS_EC2_METADATA_DISABLED: 'true',
  AWS_REGION: 'eu-west-1',
  AWS_ACCESS_KEY_ID: undefined,
  AWS_SECRET_ACCESS_KEY: undefined,
  AWS_SESSION_TOKEN: undefined,
  AWS_PROFILE: undefined,
  AWS_WEB_IDENTITY_TOKEN_FILE: undefined,
  AWS_CONTAINER_CREDENTIALS_RELATIVE_URI: undefined,
  AWS_CONTAINER_CREDENTIALS_FULL_URI: undefined,
  CONTAINERLINGS_AWS: undefined,
  DOCKER_HOST: 'unix:///nonexistent.sock',
};

const workspace = tempDir();
await writeProgress(workspace, newProgress());
const taskdef = (definition: object) => {
  const file = join(workspace, `taskdef-${Math.random().toString(36).slice(2)}.json`);
  writeFileSync(file, JSON.stringify(definition));
  return file;
};
const fargate = taskdef({
  family: 'greeter',
  requiresCompatibilities: ['FARGATE'],
  networkMode: 'awsvpc',
  cpu: '256',
  memory: '512',
  containerDefinitions: [{ name: 'web', image: 'nginx' }],
});
const ecsRun = (...args: string[]) =>
  runCli(['ecs', 'run', ...args, '--workspace', workspace], { env: noAws, cwd: workspace, timeoutMs: 60_000 });

describe('containerlings ecs run', () => {
  it('in local mode refuses with exit 2, pointing at the local exercise and at --aws real', async () => {
    const { code, stderr, stdout } = await ecsRun(fargate);
    expect(code).toBe(2);
    expect(stderr).toMatch(/local mode[\s\S]*ecs-run-local[\s\S]*--aws real/);
    expect(stderr).not.toMatch(STACK_FRAME);
    expect(stdout).toBe('');
  });

  it('a file the validator rejects fails with exit 1 and names the field, in either mode', async () => {
    const bad = taskdef({
      family: 'greeter',
      containerDefinitions: [{ name: 'web', image: 'nginx', environment: 'GREETING=hi' }],
    });
    for (const mode of [[], ['--aws', 'real']]) {
      const { code, stdout } = await ecsRun(bad, ...mode);
      expect(code).toBe(1);
      expect(stdout).toMatch(/containerDefinitions\[0\]\.environment: expected an array/);
    }
    const notFargate = await ecsRun(
      taskdef({ family: 'greeter', containerDefinitions: [{ name: 'web', image: 'nginx', memory: 256 }] }),
      '--aws',
      'real',
      '--json',
    );
    expect(notFargate.code).toBe(1);
    expect(JSON.parse(notFargate.stdout)).toMatchObject({
      ok: false,
      errors: [expect.stringMatching(/^requiresCompatibilities: must include "FARGATE"/)],
    });
  });

  it('in real mode without a terminal and without --yes refuses before anything is sent, naming the size and billing', async () => {
    const { code, stderr, stdout } = await ecsRun(fargate, '--aws', 'real');
    expect(code).toBe(2);
    expect(stderr).toMatch(/Fargate task \(0\.25 vCPU, 512 MiB\)[\s\S]*eu-west-1[\s\S]*per second[\s\S]*--yes/);
    expect(stdout).toBe('');
  });

  it('in real mode with --yes and no credentials explains what to do, without a stack trace', async () => {
    const { code, stderr } = await ecsRun(fargate, '--aws', 'real', '--yes');
    expect(code).toBe(2);
    expect(stderr).toMatch(/No AWS credentials were found[\s\S]*aws configure/);
    expect(stderr).not.toMatch(STACK_FRAME);
    expect(stderr).not.toMatch(/hit a bug/);
  });
});
