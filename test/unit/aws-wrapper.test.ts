// The `aws` wrapper, run as the sandbox runs it, with a fake `aws` behind it that logs its argv and answers
// like the CLI: in real mode it tags what create-repository creates, and the learner sees the same output.
import { execFile } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { awsSandboxEnv } from '../../src/sandbox/services/sandbox-env.js';
import { installWrapper } from '../../src/sandbox/services/aws-wrapper.js';
import { tempDir } from '../support/cli.js';

const ARN = 'arn:aws:ecr:eu-west-1:123456789012:repository/cl-models';
const CREATED = JSON.stringify(
  {
    repository: {
      repositoryArn: ARN,
      registryId: '123456789012',
      repositoryName: 'cl-models',
      repositoryUri: '123456789012.dkr.ecr.eu-west-1.amazonaws.com/cl-models',
    },
  },
  null,
  4,
);
const SECRETS = {
  AWS_ACCESS_KEY_ID: 'AKIAFAKEFAKEFAKE1234',
  AWS_SECRET_ACCESS_KEY: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYFAKEKEY',
  AWS_SESSION_TOKEN: 'FwoGZXIvYXdzEFAKESESSIONTOKEN',
};

// One line per call: the arguments, each in brackets. --output text makes create print only the URI.
const FAKE_AWS =
  `#!/bin/sh
if [ "$1" = --version ]; then echo "aws-cli/2.9.19 Python/3.11.2 Linux/6.1 source/x86_64.debian.12"; exit 0; fi
line=call; for a in "$@"; do line="$line [$a]"; done
echo "$line" >> "$FAKE_AWS_LOG"
case " $* " in
  *" create-repository "*)
    if [ -n "$FAKE_CREATE_FAILS" ]; then ` +
  `echo "An error occurred (RepositoryAlreadyExistsException) when calling the CreateRepository operation" >&2; exit 254; fi
    case " $* " in *" --output text "*) echo "123456789012.dkr.ecr.eu-west-1.amazonaws.com/cl-models" ;; *) cat <<'JSON'
${CREATED}
JSON
    esac ;;
  *" describe-repositories "*) echo "${ARN}" ;;
  *" tag-resource "*) if [ -n "$FAKE_TAG_FAILS" ]; then echo "AccessDenied" >&2; exit 254; fi ;;
esac
`;

let bin: string;
let fakeDir: string;
let log: string;

beforeEach(() => {
  const root = tempDir('containerlings-wrapper-');
  bin = installWrapper(join(root, 'bin'), 'http://localhost:5999');
  fakeDir = join(root, 'fake');
  mkdirSync(fakeDir);
  writeFileSync(join(fakeDir, 'aws'), FAKE_AWS);
  chmodSync(join(fakeDir, 'aws'), 0o755);
  log = join(root, 'calls.log');
});

function aws(
  args: readonly string[],
  env: Record<string, string> = {},
): Promise<{ code: number; stdout: string; stderr: string }> {
  const base = {
    PATH: `${bin}:${fakeDir}:/usr/bin:/bin`,
    FAKE_AWS_LOG: log,
    CONTAINERLINGS_WORKSPACE_ID: 'ws-7f3a',
    CONTAINERLINGS_AWS: 'real',
    ...SECRETS,
  };
  return new Promise((done) => {
    execFile(join(bin, 'aws'), [...args], { env: { ...base, ...env } }, (error, stdout, stderr) =>
      done({ code: error ? Number(error.code) : 0, stdout, stderr }),
    );
  });
}

const calls = () => (existsSync(log) ? readFileSync(log, 'utf8').trim().split('\n') : []);
const OUR_TAGS = '[--tags] [Key=containerlings,Value=true] [Key=containerlings-workspace,Value=ws-7f3a]';

describe('the aws wrapper in real mode', () => {
  it('adds both ownership tags to a create-repository that has none, and the learner sees exactly what aws printed', async () => {
    const out = await aws([
      'ecr',
      'create-repository',
      '--repository-name',
      'cl-models',
      '--image-scanning-configuration',
      'scanOnPush=true',
    ]);
    expect(out).toEqual({ code: 0, stdout: `${CREATED}\n`, stderr: '' });
    expect(calls()).toEqual([
      `call [ecr] [create-repository] [--repository-name] [cl-models] [--image-scanning-configuration] [scanOnPush=true] ${OUR_TAGS}`,
    ]);
  });

  it('understands --repository-name=X and global options before the service', async () => {
    await aws(['--region', 'eu-west-1', 'ecr', 'create-repository', '--repository-name=cl-models']);
    expect(calls()).toEqual([
      `call [--region] [eu-west-1] [ecr] [create-repository] [--repository-name=cl-models] ${OUR_TAGS}`,
    ]);
  });

  it("keeps the learner's own --tags, and adds ours with tag-resource on the ARN aws returned", async () => {
    const out = await aws([
      'ecr',
      'create-repository',
      '--repository-name',
      'cl-models',
      '--tags',
      'Key=team,Value=ml',
    ]);
    expect(out).toEqual({ code: 0, stdout: `${CREATED}\n`, stderr: '' });
    expect(calls()).toEqual([
      'call [ecr] [create-repository] [--repository-name] [cl-models] [--tags] [Key=team,Value=ml]',
      `call [ecr] [tag-resource] [--resource-arn] [${ARN}] ${OUR_TAGS}`,
    ]);
  });

  it("finds the ARN with describe-repositories (same region) when the learner's output does not show it", async () => {
    const out = await aws([
      'ecr',
      'create-repository',
      '--repository-name=cl-models',
      '--tags',
      'Key=team,Value=ml',
      '--region=eu-west-1',
      '--output',
      'text',
      '--query',
      'repository.repositoryUri',
    ]);
    expect(out.stdout).toBe('123456789012.dkr.ecr.eu-west-1.amazonaws.com/cl-models\n');
    expect(calls().slice(1)).toEqual([
      'call [--region] [eu-west-1] [ecr] [describe-repositories] [--repository-names] [cl-models] ' +
        '[--query] [repositories[0].repositoryArn] [--output] [text]',
      `call [--region] [eu-west-1] [ecr] [tag-resource] [--resource-arn] [${ARN}] ${OUR_TAGS}`,
    ]);
  });

  it('a failed create-repository keeps its exit code and error, and nothing is tagged', async () => {
    for (const extra of [[], ['--tags', 'Key=team,Value=ml']]) {
      writeFileSync(log, '');
      const out = await aws(['ecr', 'create-repository', '--repository-name', 'cl-models', ...extra], {
        FAKE_CREATE_FAILS: '1',
      });
      expect(out.code).toBe(254);
      expect(out.stdout).toBe('');
      expect(out.stderr).toMatch(/RepositoryAlreadyExistsException/);
      expect(calls()).toHaveLength(1);
      expect(calls().join('\n')).not.toMatch(/tag-resource/);
    }
  });

  it('says on stderr when the repository could not be tagged, and still exits as create-repository did', async () => {
    const out = await aws(
      ['ecr', 'create-repository', '--repository-name', 'cl-models', '--tags', 'Key=team,Value=ml'],
      { FAKE_TAG_FAILS: '1' },
    );
    expect(out.code).toBe(0);
    expect(out.stdout).toBe(`${CREATED}\n`);
    expect(out.stderr).toMatch(/could not tag cl-models[\s\S]*aws cleanup/);
  });

  it('passes every other command through untouched, help included', async () => {
    await aws(['ecr', 'describe-repositories', '--repository-names', 'cl-models']);
    await aws(['ecr', 'create-repository', 'help']);
    await aws(['sts', 'get-caller-identity']);
    expect(calls()).toEqual([
      'call [ecr] [describe-repositories] [--repository-names] [cl-models]',
      'call [ecr] [create-repository] [help]',
      'call [sts] [get-caller-identity]',
    ]);
  });

  it('never shows the credentials in its environment, in output or in any argument', async () => {
    const outputs = [
      await aws(['ecr', 'create-repository', '--repository-name', 'cl-models']),
      await aws(['ecr', 'create-repository', '--repository-name', 'cl-models', '--tags', 'Key=team,Value=ml'], {
        FAKE_TAG_FAILS: '1',
      }),
      await aws(['ecr', 'create-repository', '--repository-name', 'cl-models'], { FAKE_CREATE_FAILS: '1' }),
    ];
    const everything = [...outputs.flatMap((o) => [o.stdout, o.stderr]), readFileSync(log, 'utf8')].join('\n');
    for (const secret of Object.values(SECRETS)) expect(everything).not.toContain(secret);
  });
});

describe('the aws wrapper in local mode', () => {
  it('still only adds --endpoint-url to aws ecr, with no tags', async () => {
    await aws(['ecr', 'create-repository', '--repository-name', 'cl-models'], {
      CONTAINERLINGS_AWS: 'local',
      CONTAINERLINGS_ECR_ENDPOINT: 'http://localhost:5999',
    });
    await aws(['sts', 'get-caller-identity'], { CONTAINERLINGS_AWS: 'local' });
    expect(calls()).toEqual([
      'call [--endpoint-url] [http://localhost:5999] [ecr] [create-repository] [--repository-name] [cl-models]',
      'call [sts] [get-caller-identity]',
    ]);
  });
});

describe('the sandbox environment in real mode', () => {
  it('installs the current wrapper and puts it first on PATH, even before `sandbox up`', () => {
    const dir = tempDir('containerlings-sandbox-');
    const env = awsSandboxEnv({ CONTAINERLINGS_AWS: 'real', CONTAINERLINGS_SANDBOX_DIR: dir, PATH: '/usr/bin:/bin' });
    expect(env.PATH).toBe(`${join(dir, 'tools')}:${join(dir, 'bin')}:/usr/bin:/bin`);
    expect(readFileSync(join(dir, 'bin', 'aws'), 'utf8')).toMatch(/tag-resource/);
    // Local mode before `sandbox up`: the real aws (no endpoint to send it to yet), but `containerlings` is there.
    expect(awsSandboxEnv({ CONTAINERLINGS_AWS: 'local', CONTAINERLINGS_SANDBOX_DIR: dir, PATH: '/usr/bin' }).PATH).toBe(
      `${join(dir, 'tools')}:/usr/bin`,
    );
    expect(readFileSync(join(dir, 'tools', 'containerlings'), 'utf8')).toMatch(/dist\/cli\.js' "\$@"$/m);
  });
});

describe('which aws CLI the wrapper runs', () => {
  /** A fake aws CLI of a version, in its own folder, that says which one ran. */
  function fakeCli(name: string, version: string): string {
    const dir = join(tempDir('containerlings-awscli-'), name);
    mkdirSync(dir);
    writeFileSync(
      join(dir, 'aws'),
      `#!/bin/sh\nif [ "$1" = --version ]; then echo "${version} Python/3.11"; exit 0; fi\necho "ran ${name} $*"\n`,
    );
    chmodSync(join(dir, 'aws'), 0o755);
    return dir;
  }
  const run = (path: string, env: Record<string, string> = {}) =>
    new Promise<{ code: number; stdout: string; stderr: string }>((done) =>
      execFile(join(bin, 'aws'), ['sts', 'get-caller-identity'], { env: { PATH: path, ...env } }, (e, stdout, stderr) =>
        done({ code: e ? Number(e.code) : 0, stdout, stderr }),
      ),
    );

  it('runs the first version 2 on PATH, even after a version 1 that comes first, and says so when asked', async () => {
    const v1 = fakeCli('v1', 'aws-cli/1.45.11');
    const v2 = fakeCli('v2', 'aws-cli/2.9.19');
    const later = fakeCli('later', 'aws-cli/2.31.0');
    const path = `${bin}:${v1}:${v2}:${later}:/usr/bin:/bin`;
    const ran = await run(path);
    expect(ran.stdout).toBe('ran v2 sts get-caller-identity\n');
    expect(ran.stderr).toBe('');
    const which = await run(path, { CONTAINERLINGS_AWS_WHICH: '1' });
    expect(which.stdout.split('\n').slice(0, 2)).toEqual([join(v2, 'aws'), 'aws-cli/2.9.19 Python/3.11']);
    expect(which.stdout).toContain(`${join(v1, 'aws')}\taws-cli/1.45.11 Python/3.11`);
    // The choice is kept while PATH offers the same CLIs, and made again when it does not.
    expect((await run(`${bin}:${v1}:${later}:/usr/bin:/bin`)).stdout).toBe('ran later sts get-caller-identity\n');
  });

  it('with only version 1, runs it and warns on stderr that the lessons are written for version 2', async () => {
    const v1 = fakeCli('v1', 'aws-cli/1.45.11');
    // Not /usr/bin, which may hold a real aws CLI: choosing needs nothing but the shell.
    const ran = await run(`${bin}:${v1}`);
    expect(ran.stdout).toBe('ran v1 sts get-caller-identity\n');
    expect(ran.stderr).toMatch(/using aws-cli\/1\.45\.11 at .*v1\/aws, as no aws CLI version 2 is on PATH/);
  });

  it('says plainly that there is no aws CLI (exit 127)', async () => {
    const ran = await run(`${bin}:/nonexistent`);
    expect(ran.code).toBe(127);
    expect(ran.stderr).toMatch(/the aws CLI is not installed/);
  });
});
