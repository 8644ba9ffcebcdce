// The mutant generators: each mutant changes one thing, under a stable readable id; the cap spreads across kinds;
// the loader refuses a declared equivalent that no generator makes.
import { cpSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { ContentError, loadCourseFromFiles } from '../../src/lessons/course-loader.js';
import { mutantsOf, pickMutants, solutionFiles, type Mutant } from '../../src/lessons/mutants.js';
import { ROOT } from '../support/cli.js';
import { resourcesAfter } from '../../src/authoring/mutants.js';
import { Resources } from '../../src/lessons/schema.js';

const files = (entries: Record<string, string>) => new Map(Object.entries(entries));
const byId = (ms: Mutant[]) => new Map(ms.map((m) => [m.id, m.text]));

const DOCKERFILE = `FROM containerlings/busybox:latest
WORKDIR /srv
COPY www/ ./www/
ENV MODE=production
USER 10001
EXPOSE 8080
HEALTHCHECK --interval=2s \\
  CMD wget -q -O /dev/null http://127.0.0.1:8080/ || exit 1
CMD ["httpd", "-f", "-h", "/srv/www"]
`;

describe('Dockerfile mutants', () => {
  const mutants = byId(mutantsOf(files({ Dockerfile: DOCKERFILE })));
  const startingWith = (prefix: string) => [...mutants].find(([id]) => id.startsWith(prefix))?.[1];

  it('drops one instruction, continuation lines included, and nothing else', () => {
    expect(mutants.get('Dockerfile: drop USER 10001')).toBe(DOCKERFILE.replace('USER 10001\n', ''));
    const noHealth = startingWith('Dockerfile: drop HEALTHCHECK --interval=2s CMD wget');
    expect(noHealth).toBe(DOCKERFILE.replace(/HEALTHCHECK[^]*?exit 1\n/, ''));
  });

  it('changes one instruction: USER to root, HEALTHCHECK to CMD true, CMD text, EXPOSE port, the base', () => {
    expect(mutants.get('Dockerfile: USER 10001→0')).toContain('\nUSER 0\n');
    expect(startingWith('Dockerfile: HEALTHCHECK --interval=2s CMD wget')).toContain('\nHEALTHCHECK CMD true\nCMD');
    expect(mutants.get('Dockerfile: CMD /srv/www→/srv/wwwx')).toContain('CMD ["httpd", "-f", "-h", "/srv/wwwx"]');
    expect(mutants.get('Dockerfile: EXPOSE 8080→8081')).toContain('\nEXPOSE 8081\n');
    expect(mutants.get('Dockerfile: ENV MODE=production→productionx')).toContain('\nENV MODE=productionx\n');
    expect(
      mutants.get('Dockerfile: FROM containerlings/busybox:latest→containerlings/distroless-static:latest'),
    ).toMatch(/^FROM containerlings\/distroless-static:latest\n/);
  });

  it('leaves a build stage alone except for what it copies', () => {
    const multi =
      'FROM containerlings/toolchain:bookworm AS build\nWORKDIR /src\nCOPY a.c .\nFROM scratch\nCOPY --from=build /a /a\n';
    const ids = mutantsOf(files({ Dockerfile: multi })).map((m) => m.id);
    expect(ids).toEqual([
      'Dockerfile: drop COPY a.c .',
      'Dockerfile: FROM scratch→containerlings/busybox',
      'Dockerfile: drop COPY --from=build /a /a',
    ]);
  });
});

describe('shell mutants', () => {
  const script =
    'docker rm -f cl-x 2>/dev/null || true\n' +
    'docker build -t containerlings/x:1.0 .\n' +
    "docker run -dti --name cl-x --memory 64m --pids-limit=50 -p 127.0.0.1::8080 --user 10001 containerlings/x sh -c 'sleep --memory 1'\n";
  const mutants = byId(mutantsOf(files({ 'commands.sh': script })));

  it('drops or changes one flag of docker run and build, never of the container command or of docker rm', () => {
    expect([...mutants.keys()]).toEqual([
      'commands.sh: -t containerlings/x:1.0→containerlings/x:1.1',
      'commands.sh: --name cl-x→cl-xx',
      'commands.sh: drop --memory 64m',
      'commands.sh: --memory 64m→65m',
      'commands.sh: drop --pids-limit=50',
      'commands.sh: --pids-limit 50→51',
      'commands.sh: drop -p 127.0.0.1::8080',
      'commands.sh: -p 127.0.0.1::8080→8080',
      'commands.sh: -p 127.0.0.1::8080→127.0.0.1::8081',
      'commands.sh: drop --user 10001',
      'commands.sh: --user 10001→0',
    ]);
    expect(mutants.get('commands.sh: drop --memory 64m')).toBe(script.replace(' --memory 64m', ''));
    expect(mutants.get('commands.sh: --pids-limit 50→51')).toBe(script.replace('--pids-limit=50', '--pids-limit=51'));
    expect(mutants.get('commands.sh: -p 127.0.0.1::8080→8080')).toBe(script.replace('-p 127.0.0.1::8080', '-p 8080'));
  });

  it('keeps quotes and continuation lines', () => {
    const cont = 'docker service create --name s --replicas 3 \\\n  --network cl-net --detach "containerlings/s"\n';
    const m = byId(mutantsOf(files({ 'commands.sh': cont })));
    expect(m.get('commands.sh: drop --network cl-net')).toBe(
      'docker service create --name s --replicas 3 \\\n --detach "containerlings/s"\n',
    );
    const quoted = byId(mutantsOf(files({ 'p.sh': 'docker build --label rev="$C" -t "$IMAGE:$TAG" .\n' })));
    expect(quoted.get('p.sh: -t $IMAGE:$TAG→$IMAGE:$TAG-v2')).toBe(
      'docker build --label rev="$C" -t "$IMAGE:$TAG-v2" .\n',
    );
  });

  it("drops a pipeline's gates: the lint step (keeping the script's shape) and the e of set -e", () => {
    const pipeline =
      'set -euo pipefail\ncontainerlings lint Dockerfile && echo linted\nset -e\nset -x\ndocker push "$I"\n';
    const m = byId(mutantsOf(files({ 'pipeline.sh': pipeline })));
    expect(m.get('pipeline.sh: drop containerlings lint Dockerfile')).toBe(
      pipeline.replace('containerlings lint Dockerfile', ':'),
    );
    expect(m.get('pipeline.sh: set -euo pipefail→set -uo pipefail')).toBe(pipeline.replace('-euo', '-uo'));
    // set -e alone: nothing is left of it but a no-op (a bare `set` would print every variable).
    expect(m.get('pipeline.sh: set -e→:')).toBe(pipeline.replace('set -e\n', ':\n'));
    expect([...m.keys()].filter((id) => id.includes('set -x'))).toEqual([]);
  });
});

describe('JSON and YAML mutants', () => {
  it('change a number (numeric strings too), a string, a boolean, or drop a field', () => {
    const taskdef = JSON.stringify({ cpu: '256', containerDefinitions: [{ essential: true, description: 'prose' }] });
    const m = byId(mutantsOf(files({ 'taskdef.json': taskdef })));
    expect(JSON.parse(m.get('taskdef.json: cpu 256→257')!)).toMatchObject({ cpu: '257' });
    expect(
      JSON.parse(m.get('taskdef.json: containerDefinitions[0].essential true→false')!).containerDefinitions[0],
    ).toMatchObject({ essential: false });
    expect(JSON.parse(m.get('taskdef.json: drop containerDefinitions[0].essential')!).containerDefinitions[0]).toEqual({
      description: 'prose',
    });
    // Prose is never changed: no check should read it.
    expect([...m.keys()].filter((id) => id.includes('description→'))).toEqual([]);
  });

  it("keeps a YAML file's comments and changes only the one field", () => {
    const compose = '# the app\nservices:\n  web:\n    image: x\n    healthcheck:\n      interval: 2s\n';
    const m = byId(mutantsOf(files({ 'docker-compose.yml': compose })));
    const changed = m.get('docker-compose.yml: services.web.healthcheck.interval 2s→3s')!;
    expect(changed).toContain('# the app');
    expect(parse(changed)).toEqual({ services: { web: { image: 'x', healthcheck: { interval: '3s' } } } });
    expect(parse(m.get('docker-compose.yml: drop services.web.healthcheck')!)).toEqual({
      services: { web: { image: 'x' } },
    });
  });
});

describe('picking mutants', () => {
  it('is deterministic, keeps to the cap, and spreads across kinds before repeating one', async () => {
    const all = mutantsOf(await solutionFiles(join(ROOT, 'exercises', 'lean-nonroot-healthcheck', 'solution')));
    expect(mutantsOf(await solutionFiles(join(ROOT, 'exercises', 'lean-nonroot-healthcheck', 'solution')))).toEqual(
      all,
    );
    const picked = pickMutants(all, 5);
    expect(picked).toHaveLength(5);
    expect(new Set(picked.map((m) => m.kind)).size).toBe(5);
    // Mechanisms first: the USER and HEALTHCHECK drops are among the first picks.
    expect(picked.map((m) => m.id)).toContain('Dockerfile: drop USER 10001');
    expect(pickMutants(all, 999)).toEqual(all);
  });

  it('gives every shipped solution mutants with distinct ids', async () => {
    for (const id of readdirSync(join(ROOT, 'exercises'))) {
      const ids = mutantsOf(await solutionFiles(join(ROOT, 'exercises', id, 'solution'))).map((m) => m.id);
      expect(ids.length, id).toBeGreaterThan(0);
      expect(new Set(ids).size, id).toBe(ids.length);
    }
  }, 30_000);
});

describe('declared equivalent mutants', () => {
  it('are refused when no generator makes them, so a declaration cannot rot', async () => {
    const root = mkdtempSync(join(tmpdir(), 'cl-mutants-'));
    for (const d of ['lessons', 'exercises', 'sandbox']) cpSync(join(ROOT, d), join(root, d), { recursive: true });
    const meta = join(root, 'exercises', 'first-image', 'exercise.yaml');
    const text = readFileSync(meta, 'utf8');
    writeFileSync(meta, `${text}equivalentMutants:\n  "Dockerfile: drop USER 10001": "no USER here"\n`);
    const problems = await loadCourseFromFiles(root).then(
      () => [],
      (e: unknown) => (e instanceof ContentError ? e.problems.map((p) => `${p.field}: ${p.message}`) : [String(e)]),
    );
    expect(problems).toEqual([expect.stringMatching(/^equivalentMutants\.Dockerfile: drop USER 10001: no mutant/)]);
    writeFileSync(
      meta,
      `${text}equivalentMutants:\n  "Dockerfile: drop CMD [\\"echo\\", \\"Hello from my first image!\\"]": "x"\n`,
    );
    await expect(loadCourseFromFiles(root)).resolves.toBeDefined();
  }, 120_000);
});

describe('what a mutant leaves behind', () => {
  it('is removed under its new name too: a renamed container, a retagged image', () => {
    const declared = Resources.parse({ images: ['containerlings/hello'], containers: ['cl-hello'] });
    const [tag, name] = mutantsOf(
      files({
        'commands.sh': 'docker build -t containerlings/hello .\ndocker run -d --name cl-hello containerlings/hello\n',
      }),
    );
    expect(resourcesAfter(declared, tag!.renamed)).toMatchObject({
      images: ['containerlings/hello', 'containerlings/hello:v2'],
      containers: ['cl-hello'],
    });
    expect(resourcesAfter(declared, name!.renamed)).toMatchObject({
      images: ['containerlings/hello'],
      containers: ['cl-hello', 'cl-hellox'],
    });
    expect(resourcesAfter(declared, undefined)).toBe(declared);
  });
});
