// The Dockerfile linter's rules: for each, a Dockerfile that triggers it and one that does not.
import { describe, expect, it } from 'vitest';
import { hadolintFindings, onPath } from '../../src/checks/lint/hadolint.js';
import { lintText } from '../../src/checks/lint/lint.js';

const rulesOf = async (dockerfile: string) => (await lintText(dockerfile)).map((f) => f.rule);
const clean = ['FROM debian:bookworm-slim', 'USER 10001'];
const df = (...lines: string[]) => lines.join('\n') + '\n';

describe('lint rules', () => {
  const cases: [rule: string, triggers: string, passes: string][] = [
    [
      'combine-runs',
      df('FROM busybox:1.36', 'RUN mkdir /a', 'RUN mkdir /b', 'USER 1'),
      df('FROM busybox:1.36', 'RUN mkdir /a && mkdir /b', 'USER 1'),
    ],
    [
      'cleanup-later-layer',
      df(
        'FROM busybox:1.36',
        'RUN wget -O /tmp/sdk.tar http://x/sdk.tar && tar -xf /tmp/sdk.tar -C /opt',
        'RUN rm /tmp/sdk.tar',
        'USER 1',
      ),
      df(
        'FROM busybox:1.36',
        'RUN wget -O /tmp/sdk.tar http://x/sdk.tar && tar -xf /tmp/sdk.tar -C /opt && rm /tmp/sdk.tar',
        'USER 1',
      ),
    ],
    [
      'apt-install',
      df('FROM debian:bookworm-slim', 'RUN apt-get update && apt-get install -y curl', 'USER 1'),
      df(
        'FROM debian:bookworm-slim',
        'RUN apt-get update && apt-get install -y --no-install-recommends curl && rm -rf /var/lib/apt/lists/*',
        'USER 1',
      ),
    ],
    [
      'root-user',
      df('FROM busybox:1.36', 'USER 1000', 'USER root'),
      df('FROM busybox:1.36', 'USER root', 'RUN mkdir /a', 'USER 1000'),
    ],
    [
      'healthcheck-missing',
      df(...clean, 'EXPOSE 8080', 'CMD ["httpd"]'),
      df(
        ...clean,
        'EXPOSE 8080',
        'HEALTHCHECK CMD wget -q -O /dev/null http://127.0.0.1:8080/ || exit 1',
        'CMD ["httpd"]',
      ),
    ],
    ['base-tag', df('FROM debian', 'USER 1'), df('FROM debian:bookworm-slim', 'USER 1')],
    ['add-vs-copy', df(...clean, 'ADD app.sh /app/'), df(...clean, 'ADD rootfs.tar.gz /', 'COPY app.sh /app/')],
    [
      'cache-order',
      df('FROM node:20-slim', 'WORKDIR /app', 'COPY . .', 'RUN npm ci', 'USER node'),
      df(
        'FROM node:20-slim',
        'WORKDIR /app',
        'COPY package.json package-lock.json ./',
        'RUN npm ci',
        'COPY . .',
        'USER node',
      ),
    ],
  ];
  it.each(cases)('%s: triggers on the bad Dockerfile, not on the fixed one', async (rule, triggers, passes) => {
    expect(await rulesOf(triggers)).toContain(rule);
    expect(await rulesOf(passes)).not.toContain(rule);
  });

  it('a clean, lean Dockerfile has no findings at all', async () => {
    expect(
      await lintText(
        df(
          'FROM busybox:1.36 AS build',
          'RUN echo hi > /out',
          'FROM build',
          'COPY --from=build /out /out',
          'USER 65532',
        ),
      ),
    ).toEqual([]);
  });

  it('each finding has a rule, a line, a message and a fix', async () => {
    const [finding] = await lintText(df('FROM busybox:1.36', 'USER 1', 'ADD a.txt /a.txt'));
    expect(finding).toMatchObject({ rule: 'add-vs-copy', severity: 'warning', line: 3 });
    expect(finding.fix).toBe('Use COPY a.txt /a.txt');
  });

  it('latest counts as untagged; scratch, stage names, digests and ARG bases do not', async () => {
    expect(await rulesOf(df('FROM debian:latest', 'USER 1'))).toContain('base-tag');
    expect(
      await rulesOf(
        df(
          'ARG BASE=debian',
          'FROM $BASE AS b',
          'FROM scratch',
          'COPY --from=b /x /x',
          'FROM b',
          'FROM debian@sha256:abc',
          'USER 1',
        ),
      ),
    ).not.toContain('base-tag');
  });

  it('an rm of context files after COPY . . points at .dockerignore', async () => {
    const findings = await lintText(
      df('FROM busybox:1.36', 'WORKDIR /app', 'COPY . .', 'RUN rm -rf junk .env', 'USER 1'),
    );
    const cleanup = findings.find((f) => f.rule === 'cleanup-later-layer');
    expect(cleanup?.fix).toContain('.dockerignore');
    expect(cleanup?.severity).toBe('error');
  });

  it('apt lists removed in a later RUN are a cleanup-later-layer error', async () => {
    const rules = await rulesOf(
      df(
        'FROM debian:bookworm-slim',
        'RUN apt-get update && apt-get install -y --no-install-recommends curl',
        'RUN apt-get clean && rm -rf /var/lib/apt/lists/*',
        'USER 1',
      ),
    );
    expect(rules).toContain('cleanup-later-layer');
  });

  it('apt lists cleaned in the same RUN, twice in one Dockerfile, are right (not a later-layer cleanup)', async () => {
    const apt = 'RUN apt-get update && apt-get install -y --no-install-recommends curl && rm -rf /var/lib/apt/lists/*';
    // As in the official node, postgres, python and redis Dockerfiles: each RUN cleans up after itself.
    expect(
      await rulesOf(df('FROM debian:bookworm-slim', apt, 'ENV A=1', apt.replace('curl', 'gnupg'), 'USER 1')),
    ).toEqual([]);
    // The same for a temp folder each RUN makes and removes ($GNUPGHOME).
    const gpg = 'RUN export GNUPGHOME=/tmp/gpg && mkdir /tmp/gpg && gpg --version && rm -rf /tmp/gpg';
    expect(await rulesOf(df('FROM debian:bookworm-slim', gpg, 'ENV A=1', gpg, 'USER 1'))).toEqual([]);
    // A RUN that left the path, then a later rm: still an error.
    expect(
      await rulesOf(
        df(
          'FROM debian:bookworm-slim',
          'RUN mkdir /tmp/gpg && touch /tmp/gpg/x',
          'ENV A=1',
          'RUN rm -rf /tmp/gpg',
          'USER 1',
        ),
      ),
    ).toContain('cleanup-later-layer');
  });

  it('root-user: a non-root base (distroless :nonroot) or a USER set in the stage it builds on is not root', async () => {
    expect(await rulesOf(df('FROM gcr.io/distroless/static-debian12:nonroot', 'COPY app /app'))).not.toContain(
      'root-user',
    );
    expect(
      await rulesOf(df('FROM debian:bookworm-slim AS base', 'USER 10001', 'FROM base', 'COPY app /app')),
    ).not.toContain('root-user');
    // Inherited root is still root, and a later USER root still counts.
    expect(await rulesOf(df('FROM debian:bookworm-slim AS base', 'FROM base', 'COPY app /app'))).toContain('root-user');
    expect(await rulesOf(df('FROM gcr.io/distroless/static-debian12:nonroot', 'USER root'))).toContain('root-user');
  });

  it('a file with no FROM is said to be no Dockerfile, once, instead of rule findings', async () => {
    const findings = await lintText('hello\nthis is not a Dockerfile\n');
    expect(findings.map((f) => f.rule)).toEqual(['not-a-dockerfile']);
    expect(findings[0].message).toMatch(/no FROM instruction, so it is not a Dockerfile/);
    expect(
      (await lintText(String.fromCharCode(...Array.from({ length: 64 }, (_, i) => (i * 37) % 256)))).map((f) => f.rule),
    ).toEqual(['not-a-dockerfile']);
  });

  it('add-vs-copy keeps the quotes a source with a space needs', async () => {
    const [finding] = (await lintText(df('FROM busybox:1.36', 'ADD "my file.txt" /app/', 'USER 1'))).filter(
      (f) => f.rule === 'add-vs-copy',
    );
    expect(finding.fix).toBe('Use COPY "my file.txt" /app/');
  });

  it('the cache-order rule knows a home-made dependency step', async () => {
    expect(
      await rulesOf(df('FROM busybox:1.36', 'WORKDIR /app', 'COPY . .', 'RUN ./fetch-deps.sh deps.txt', 'USER 1')),
    ).toContain('cache-order');
  });
});

describe('hadolint', () => {
  it('its JSON becomes findings labelled with its own codes', () => {
    const findings = hadolintFindings(
      '[{"code":"DL3007","level":"warning","line":1,"message":"Using latest is prone to errors","column":1,"file":"Dockerfile"},' +
        '{"code":"DL3020","level":"error","line":3,"message":"Use COPY instead of ADD","column":1,"file":"Dockerfile"}]',
    );
    expect(findings.map((f) => [f.rule, f.severity, f.line])).toEqual([
      ['DL3007', 'warning', 1],
      ['DL3020', 'error', 3],
    ]);
    expect(findings[1].message).toContain('(hadolint error)');
  });

  it('onPath finds executables only', () => {
    expect(onPath('sh', '/nonexistent:/bin')).toBe('/bin/sh');
    expect(onPath('no-such-program-here', '/bin')).toBeUndefined();
  });
});
