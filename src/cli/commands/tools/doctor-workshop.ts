// `containerlings doctor --workshop FILE`: is this machine ready for the workshop? Engine version, base images,
// ports, disk space and the class registry, against what the workshop's lessons need; one line per problem.
import { statfs } from 'node:fs/promises';
import { createServer } from 'node:net';
import { imageExists, loadCatalog } from '../../../sandbox/images/catalog.js';
import { connect, explainEngineError } from '../../../sandbox/engine/connection.js';
import { describeError } from '../../../errors.js';
import type { Invocation } from '../../args.js';
import { FINDING, NEXT_STEP } from '../../../outcome-theme.js';
import { EXIT, mark, paint, printJson } from '../../output.js';
import { courseInUse } from '../../workshop-context.js';

const MIN_API = [1, 41];
const MIN_FREE_MB = 2048;

interface Problem {
  readonly what: string;
  readonly fix: string;
}

const portFree = (port: number) =>
  new Promise<boolean>((resolve) => {
    const server = createServer()
      .once('error', () => resolve(false))
      .listen(port, '127.0.0.1', () => server.close(() => resolve(true)));
  });

export default async function doctorWorkshop(inv: Invocation): Promise<number> {
  const { course, workshop } = await courseInUse(inv);
  const problems: Problem[] = [];
  const checked: string[] = [];
  const engine = await connect();
  try {
    const version = await engine.docker.version();
    const api = version.ApiVersion.split('.').map(Number);
    checked.push(`engine: Docker ${version.Version} (API ${version.ApiVersion})`);
    if (api[0] < MIN_API[0] || (api[0] === MIN_API[0] && api[1] < MIN_API[1]))
      problems.push({
        what:
          `Docker ${version.Version} (API ${version.ApiVersion}) is older than the lessons need ` +
          `(API ${MIN_API.join('.')}, Docker 20.10)`,
        fix: 'Upgrade Docker (Debian: apt-get install docker.io).',
      });
    const catalog = await loadCatalog(course.root);
    for (const name of new Set(course.lessons.flatMap((l) => l.images))) {
      const entry = catalog[name];
      checked.push(`image ${name}`);
      if (!entry)
        problems.push({ what: `the image ${name} is not in the catalog`, fix: 'Fix sandbox/images/catalog.json.' });
      else if (!(await imageExists(engine, entry.tag)))
        problems.push({
          what: `the base image ${entry.tag} (${name}) is missing`,
          fix: workshop?.pack
            ? `containerlings sandbox load ${workshop.pack}`
            : 'containerlings sandbox prepare (online), or sandbox load <pack> made on a prepared machine',
        });
    }
    const info = await engine.docker.info();
    const needs = new Set(course.lessons.flatMap((l) => l.needs));
    if (needs.has('swarm') && info.Swarm?.LocalNodeState !== 'active' && info.Swarm?.LocalNodeState !== 'inactive')
      problems.push({
        what: `swarm is ${info.Swarm?.LocalNodeState}`,
        fix: 'docker swarm leave --force, then let the lesson start it again',
      });
    try {
      const fs = await statfs(info.DockerRootDir ?? '/var/lib/docker');
      const freeMb = Math.round((fs.bavail * fs.bsize) / 1024 / 1024);
      checked.push(`disk: ${freeMb} MB free for Docker`);
      if (freeMb < MIN_FREE_MB)
        problems.push({
          what: `only ${freeMb} MB free where Docker keeps images (${info.DockerRootDir})`,
          fix: `free at least ${MIN_FREE_MB} MB: docker system df, docker image prune`,
        });
    } catch {
      /* a remote engine: its disk is not ours to measure; the engine reports ENOSPC itself */
    }
  } catch (e) {
    const err = explainEngineError(e, engine.endpoint);
    problems.push({
      what: describeError(err).split('\n')[0],
      fix: (err as { next?: string }).next ?? 'docker info shows what is wrong',
    });
  }
  for (const exercise of course.exercises)
    for (const port of exercise.meta.ports) {
      checked.push(`port ${port}`);
      if (!(await portFree(port)))
        problems.push({
          what: `port 127.0.0.1:${port} (needed by ${exercise.id}) is taken`,
          fix: `stop what listens there: ss -ltnp 'sport = :${port}'`,
        });
    }
  if (workshop?.registry) {
    checked.push(`registry ${workshop.registry}`);
    const host = workshop.registry.split('/')[0];
    const scheme = /^(127\.|localhost)/.test(host) ? 'http' : 'https';
    const status = await fetch(`${scheme}://${host}/v2/`, { signal: AbortSignal.timeout(5000) }).then(
      (r) => r.status,
      () => 0,
    );
    if (status !== 200 && status !== 401)
      problems.push({
        what: `the class registry ${workshop.registry} does not answer (${status || 'no connection'})`,
        fix: /^(127\.|localhost)/.test(host)
          ? 'containerlings sandbox up'
          : 'check the address in the workshop file and the network',
      });
  }
  if (inv.json) printJson({ workshop: workshop?.title, ok: problems.length === 0, checked, problems });
  else if (problems.length === 0)
    process.stdout.write(
      `${mark(FINDING.ok)} Ready for ${workshop?.title ?? 'the course'}: ${checked.length} checks (${checked.join('; ')}).\n`,
    );
  else
    for (const p of problems)
      process.stdout.write(`${mark(FINDING.fail)} ${p.what}  ${paint('blue', NEXT_STEP)} ${p.fix}\n`);
  return problems.length === 0 ? EXIT.pass : EXIT.error;
}
