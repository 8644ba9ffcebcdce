// Real AWS mode from the command line, with no credentials and no network: clear messages, nothing leaked.
import { describe, expect, it } from 'vitest';
import { runCli, STACK_FRAME, tempDir } from '../support/cli.js';

// No credentials anywhere, and no instance-metadata lookup: nothing may reach AWS.
const noAws = {
  HOME: tempDir(),
  AWS_EC2_METADATA_DISABLED: 'true',
  AWS_ACCESS_KEY_ID: '',
  AWS_SECRET_ACCESS_KEY: '',
  AWS_SESSION_TOKEN: '',
  AWS_PROFILE: '',
  AWS_REGION: 'eu-west-1',
  DOCKER_HOST: 'unix:///nonexistent.sock',
};

describe('containerlings aws', () => {
  it('refuses in local mode and says how to switch', async () => {
    const { code, stderr } = await runCli(['aws', 'whoami'], { env: noAws });
    expect(code).toBe(2);
    expect(stderr).toMatch(/local mode[\s\S]*--aws real/);
  });

  it('without credentials, whoami and doctor explain what to do, without a stack trace', async () => {
    const who = await runCli(['aws', 'whoami', '--aws', 'real'], { env: noAws });
    expect(who.code).toBe(2);
    expect(who.stderr).toMatch(/No AWS credentials were found[\s\S]*aws configure/);
    expect(who.stderr).not.toMatch(STACK_FRAME);
    const doctor = JSON.parse((await runCli(['doctor', '--json', '--aws', 'real'], { env: noAws })).stdout);
    expect(doctor.findings.find((f: { name: string }) => f.name === 'aws')).toMatchObject({
      status: 'fail',
      detail: expect.stringMatching(/No AWS credentials/),
    });
  });

  it('selftest of an ECR exercise in real mode refuses without a terminal and --yes, before anything runs; --yes goes on', async () => {
    const refused = await runCli(['selftest', 'ecr-push', '--aws', 'real'], { env: noAws });
    expect(refused.code).toBe(2);
    expect(refused.stderr).toMatch(/creates ECR repositories in your AWS account \(eu-west-1\): cl-models[\s\S]*--yes/);
    expect(refused.stdout).toBe('');
    // With --yes it goes past the question, to the engine (absent here), so nothing reaches AWS either way.
    const accepted = await runCli(['selftest', 'ecr-push', '--aws', 'real', '--yes'], { env: noAws });
    expect(accepted.code).toBe(2);
    expect(accepted.stderr).not.toMatch(/--yes/);
    expect(accepted.stderr).toMatch(/Docker|engine/i);
  });

  it('rejects an unknown mode', async () => {
    const { code, stderr } = await runCli(['list', '--aws', 'cloud'], { env: noAws });
    expect(code).toBe(2);
    expect(stderr).toMatch(/--aws takes "real" or "local", not "cloud"/);
  });
});
