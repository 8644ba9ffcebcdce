// Which real aws CLI the sandbox's wrapper runs, and what `containerlings doctor` says about it: Debian's aws-cli 2
// (/usr/bin/aws, which CI installs) after a pip-installed aws-cli 1.x that comes first on PATH, and 1.x alone.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { installWrapper } from '../../src/sandbox/services/aws-wrapper.js';
import { runCli, tempDir } from '../support/cli.js';

const versionOf = (cli: string): string => {
  try {
    return execFileSync(cli, ['--version'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] }).split('\n')[0]!;
  } catch {
    return '';
  }
};

// A real aws-cli 1.x: the first on this process's PATH that says so (pyenv's shim resolves to pip's aws).
const v1 = (process.env.PATH ?? '')
  .split(':')
  .map((d) => join(d, 'aws'))
  .filter((f, i, all) => existsSync(f) && all.indexOf(f) === i)
  .find((f) => versionOf(f).startsWith('aws-cli/1.'));
/** The aws-cli 1.x script itself, which runs with no PATH at all (a pyenv shim needs bash and pyenv on PATH). */
const v1Script = (() => {
  if (!v1) return undefined;
  try {
    return execFileSync('pyenv', ['which', 'aws'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
  } catch {
    return v1;
  }
})();
const V2 = '/usr/bin/aws';

/** A folder holding only `aws`, a link to `cli`, to put on PATH. */
function only(cli: string): string {
  const dir = tempDir('containerlings-awscli-');
  symlinkSync(cli, join(dir, 'aws'));
  return dir;
}

const noEngine = { DOCKER_HOST: 'unix:///nonexistent/docker.sock', HOME: tempDir() };

describe('the aws CLI the sandbox runs', () => {
  it("is Debian's aws-cli 2 at /usr/bin/aws (CI installs it)", () => {
    expect(versionOf(V2)).toMatch(/^aws-cli\/2\./);
  });

  it.skipIf(!v1)(
    'skips a real aws-cli 1.x that comes first on PATH for aws-cli 2, and doctor names both (needs a 1.x on PATH)',
    async () => {
      const path = `${only(v1!)}:/usr/bin:/bin`;
      const bin = installWrapper(join(tempDir('containerlings-wrapper-'), 'bin'), 'http://localhost:1');
      const version = execFileSync(join(bin, 'aws'), ['--version'], {
        encoding: 'utf8',
        env: { PATH: `${bin}:${path}`, HOME: noEngine.HOME },
      });
      expect(version).toMatch(/^aws-cli\/2\./);
      const { stdout } = await runCli(['doctor', '--json'], { env: { ...noEngine, PATH: `${dirOfNode()}:${path}` } });
      const finding = JSON.parse(stdout).findings.find((f: { name: string }) => f.name === 'aws CLI');
      expect(finding).toMatchObject({ status: 'ok' });
      expect(finding.detail).toMatch(/^aws-cli\/2\.\d+\.\d+ at \/usr\/bin\/aws \(/);
      expect(finding.detail).toMatch(/not used: aws-cli\/1\.\d+\.\d+ at .*\/aws/);
    },
  );

  it.skipIf(!v1)(
    'with only a real aws-cli 1.x, runs it with a warning, and doctor warns with how to get version 2 (needs a 1.x)',
    async () => {
      // Nothing but aws-cli 1.x on PATH (the wrapper needs only the shell to choose).
      const path = only(v1Script!);
      const bin = installWrapper(join(tempDir('containerlings-wrapper-'), 'bin'), 'http://localhost:1');
      const ran = spawnSync(join(bin, 'aws'), ['--version'], {
        encoding: 'utf8',
        env: { PATH: `${bin}:${path}`, HOME: noEngine.HOME },
      });
      // aws-cli 1.x prints its version on stdout (older ones on stderr); the warning is on stderr either way.
      expect(ran.status).toBe(0);
      expect(ran.stdout + ran.stderr).toMatch(/^aws-cli\/1\./m);
      expect(ran.stderr).toMatch(
        /^containerlings: using aws-cli\/1\.\d+\.\d+ at .*, as no aws CLI version 2 is on PATH/,
      );
      const { stdout } = await runCli(['doctor', '--json'], { env: { ...noEngine, PATH: `${dirOfNode()}:${path}` } });
      const finding = JSON.parse(stdout).findings.find((f: { name: string }) => f.name === 'aws CLI');
      expect(finding).toMatchObject({ status: 'warn', fix: expect.stringContaining('version 2') });
      expect(finding.detail).toMatch(/^aws-cli\/1\.\d+\.\d+ at .*: no version 2 on PATH/);
    },
  );
});

/** A folder with only `node` in it, so doctor runs with a PATH we choose. */
function dirOfNode(): string {
  const dir = tempDir('containerlings-node-');
  symlinkSync(process.execPath, join(dir, 'node'));
  return dir;
}
