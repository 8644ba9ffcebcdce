// `containerlings doctor`: what works, what is missing, and how to fix it. Never a stack trace.
import { existsSync } from 'node:fs';
import { statfs } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { loadCourse, type Course } from '../../../lessons/course.js';
import { progressPath, readProgress } from '../../../progress/store.js';
import { locateWorkspace } from '../../../progress/workspace.js';
import { explainEngineError } from '../../../sandbox/engine/connection.js';
import { engineUnavailable } from '../../../sandbox/engine/availability.js';
import type { Invocation } from '../../args.js';
import { FINDING, NEXT_STEP } from '../../../outcome-theme.js';
import { EXIT, mark, paint, printJson } from '../../output.js';
import { engineFindings, imageFindings } from './doctor-engine.js';
import { fromError, type Finding } from './doctor-finding.js';
import { awsCliFinding, TOOLS } from './doctor-tools.js';

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

export default async function doctor(inv: Invocation): Promise<number> {
  if (inv.workshop) return (await import('./doctor-workshop.js')).default(inv);
  const out: Finding[] = [];
  // Asked first, answered last: the aws CLIs take seconds to say their versions, while the engine is probed.
  const awsCli = awsCliFinding();
  const [major, minor] = process.versions.node.split('.').map(Number);
  const nodeOk = major > 20 || (major === 20 && minor >= 19);
  out.push({
    name: 'node',
    status: nodeOk ? 'ok' : 'fail',
    detail: `Node ${process.versions.node}`,
    fix: nodeOk ? undefined : 'Install Node 20.19 or newer.',
  });
  let course: Course | undefined;
  try {
    course = await loadCourse();
    out.push({
      name: 'content',
      status: 'ok',
      detail: `${plural(course.lessons.length, 'lesson')}, ${plural(course.exercises.length, 'exercise')}, all valid`,
    });
  } catch (e) {
    out.push(fromError('content', e));
  }
  const dir = locateWorkspace(inv.workspace);
  const found = await engineFindings(out, existsSync(dir) ? dir : tmpdir());
  const engine = found?.engine;
  // Lessons this engine cannot run, by the rule table (the same words as `list` and the lesson list).
  if (found && course) {
    for (const [id, why] of engineUnavailable(course.lessons, found.profile)) {
      out.push({
        name: `lesson ${id}`,
        status: 'warn',
        detail: `unavailable: ${why.reason}`,
        fix: 'The rest of the course works on this engine; Docker Engine or Docker Desktop on this machine runs this lesson.',
      });
    }
    for (const [id, why] of engineUnavailable(
      course.exercises.map((e) => ({ id: e.id, needs: e.meta.needs })),
      found.profile,
    )) {
      out.push({
        name: `exercise ${id}`,
        status: 'warn',
        detail: `unavailable: ${why.reason}`,
        fix: 'Run containerlings on the machine the engine runs on to do this exercise.',
      });
    }
  }
  if (engine && course)
    await imageFindings(engine, course, out).catch((e) =>
      out.push(fromError('images', explainEngineError(e, engine.endpoint))),
    );
  if (existsSync(progressPath(dir))) {
    await readProgress(dir).then(
      () => out.push({ name: 'workspace', status: 'ok', detail: dir }),
      (e) => out.push(fromError('workspace', e)),
    );
    const fs = await statfs(dir);
    const freeMb = Math.round((fs.bavail * fs.bsize) / 1024 / 1024);
    out.push({
      name: 'disk',
      status: freeMb < 1024 ? 'warn' : 'ok',
      detail: `${freeMb} MB free where the workspace is`,
      fix: freeMb < 1024 ? 'Free some space: images and builds need room.' : undefined,
    });
  } else
    out.push({
      name: 'workspace',
      status: 'warn',
      detail: `none yet (would be ${dir})`,
      fix: 'Run `containerlings` or `containerlings init` to create it.',
    });
  // Tools that some lessons' scripts run: a warning, as every other lesson works without them.
  const { onPath } = await import('../../../checks/lint/hadolint.js');
  for (const [name, command, needed, install] of TOOLS) {
    out.push(
      onPath(command)
        ? { name, status: 'ok', detail: `installed (${needed})` }
        : { name, status: 'warn', detail: `not installed: ${needed}`, fix: install },
    );
  }
  out.push(await awsCli);
  if (process.env.CONTAINERLINGS_AWS === 'real') {
    // Real AWS mode: who the default credential chain makes us (account and ARN only, never the keys).
    const { callerIdentity } = await import('../../../sandbox/aws/identity.js');
    await callerIdentity().then(
      (who) =>
        out.push({
          name: 'aws',
          status: 'ok',
          detail: `real AWS as ${who.arn} (account ${who.account}, region ${who.region})`,
        }),
      (e) => out.push(fromError('aws', e)),
    );
  }
  const ok = out.every((f) => f.status !== 'fail');
  if (inv.json) printJson({ ok, findings: out, ...(found ? { profile: found.profile } : {}) });
  else {
    for (const f of out) {
      process.stdout.write(`${mark(FINDING[f.status])} ${f.name.padEnd(20)} ${f.detail}\n`);
      if (f.fix) process.stdout.write(`  ${paint('blue', NEXT_STEP)} ${f.fix}\n`);
    }
  }
  return ok ? EXIT.pass : EXIT.error;
}
