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
    // Good practice beyond the lesson (rules-practice.ts), each with hadolint's code of the same check.
    [
      'exec-form',
      df('FROM busybox:1.36', 'USER 1', 'CMD httpd -f'),
      df('FROM busybox:1.36', 'USER 1', 'CMD ["httpd", "-f"]'),
    ],
    [
      'pipefail',
      df('FROM debian:bookworm-slim', 'RUN wget -qO- http://x/k | gpg --dearmor > /k.gpg', 'USER 1'),
      df(
        'FROM debian:bookworm-slim',
        'SHELL ["/bin/bash", "-o", "pipefail", "-c"]',
        'RUN wget -qO- http://x/k | gpg --dearmor > /k.gpg || true',
        'USER 1',
      ),
    ],
    [
      'pin-versions',
      df('FROM alpine:3.20', 'RUN apk add --no-cache curl', 'USER 1'),
      df('FROM alpine:3.20', 'RUN apk add --no-cache curl=8.9.1-r1', 'USER 1'),
    ],
    [
      'workdir-not-cd',
      df('FROM busybox:1.36', 'RUN cd /srv && touch x', 'USER 1'),
      df('FROM busybox:1.36', 'WORKDIR /srv', 'RUN touch x', 'USER 1'),
    ],
    [
      'no-sudo',
      df('FROM debian:bookworm-slim', 'RUN sudo touch /x', 'USER 1'),
      df('FROM debian:bookworm-slim', 'RUN touch /x', 'USER 1'),
    ],
    [
      'apt-get-not-apt',
      df('FROM debian:bookworm-slim', 'RUN apt update', 'USER 1'),
      df('FROM debian:bookworm-slim', 'RUN apt-get update', 'USER 1'),
    ],
    [
      'apt-get-yes',
      df('FROM debian:bookworm-slim', 'RUN apt-get update && apt-get install curl=7.88.1-10', 'USER 1'),
      df('FROM debian:bookworm-slim', 'RUN apt-get update && apt-get install -y curl=7.88.1-10', 'USER 1'),
    ],
    [
      'no-cache',
      df('FROM python:3.12-slim', 'RUN pip install requests==2.32.3', 'USER 1'),
      df('FROM python:3.12-slim', 'RUN pip install --no-cache-dir requests==2.32.3', 'USER 1'),
    ],
    [
      'one-cmd',
      df('FROM busybox:1.36', 'USER 1', 'CMD ["a"]', 'CMD ["b"]'),
      df('FROM busybox:1.36 AS a', 'CMD ["a"]', 'FROM busybox:1.36', 'USER 1', 'CMD ["b"]'),
    ],
    [
      'stage-names',
      df('FROM busybox:1.36 AS build', 'RUN touch /x', 'FROM busybox:1.36', 'COPY --from=biuld /x /x', 'USER 1'),
      df('FROM busybox:1.36 AS build', 'RUN touch /x', 'FROM busybox:1.36', 'COPY --from=build /x /x', 'USER 1'),
    ],
  ];
  it.each(cases)('%s: triggers on the bad Dockerfile, not on the fixed one', async (rule, triggers, passes) => {
    expect(await rulesOf(triggers)).toContain(rule);
    expect(await rulesOf(passes)).not.toContain(rule);
  });

  it("names hadolint's code for each finding it has one for, and errors only what breaks a build", async () => {
    const findings = await lintText(
      df(
        'FROM debian:latest AS build',
        'FROM build AS build',
        'FROM busybox:1.36 AS app',
        'COPY --from=app /x /x',
        'RUN apt-get install curl=7.88.1-10 && sudo touch /x',
        'ADD a.txt /a',
        'CMD run',
      ),
    );
    const codes = Object.fromEntries(findings.map((f) => [`${f.rule}@${f.line}`, f.hadolint]));
    expect(codes).toMatchObject({
      'base-tag@1': 'DL3007',
      'stage-names@2': 'DL3024',
      'stage-names@4': 'DL3023',
      'no-sudo@5': 'DL3004',
      'apt-get-yes@5': 'DL3014',
      'add-vs-copy@6': 'DL3020',
      'exec-form@7': 'DL3025',
      'root-user@3': 'DL3002',
    });
    expect(
      findings
        .filter((f) => f.severity === 'error')
        .map((f) => f.rule)
        .sort(),
    ).toEqual(['apt-get-yes', 'no-sudo', 'root-user', 'stage-names', 'stage-names']);
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
    const apt =
      'RUN apt-get update && apt-get install -y --no-install-recommends curl=7.88.1-10 && rm -rf /var/lib/apt/lists/*';
    // As in the official node, postgres, python and redis Dockerfiles: each RUN cleans up after itself.
    expect(
      await rulesOf(
        df('FROM debian:bookworm-slim', apt, 'ENV A=1', apt.replace('curl=7.88.1-10', 'gnupg=2.2.40-1'), 'USER 1'),
      ),
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
