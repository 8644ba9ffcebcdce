// `containerlings doctor`: what works, what is missing, and how to fix it. Never a stack trace.
import { existsSync } from 'node:fs';
import { statfs } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { describeError, UserError } from '../../../errors.js';
import { loadCourse, type Course } from '../../../lessons/course.js';
import { progressPath, readProgress } from '../../../progress/store.js';
import { locateWorkspace } from '../../../progress/workspace.js';
import { loadCatalog } from '../../../sandbox/images/catalog.js';
import { imageOrigin, offlineBlocker } from '../../../sandbox/images/catalog-status.js';
import { connect, explainEngineError, type Engine } from '../../../sandbox/engine/connection.js';
import { describeEngine, type EngineProfile } from '../../../sandbox/engine/profile.js';
import { probedProfile } from '../../../sandbox/engine/reach.js';
import { engineUnavailable } from '../../../sandbox/engine/availability.js';
import type { Invocation } from '../../args.js';
import { FINDING, NEXT_STEP } from '../../../outcome-theme.js';
import { EXIT, mark, paint, printJson } from '../../output.js';

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

interface Finding {
  readonly name: string;
  readonly status: 'ok' | 'warn' | 'fail';
  readonly detail: string;
  readonly fix?: string;
}

const fromError = (name: string, e: unknown, status: 'warn' | 'fail' = 'fail'): Finding =>
  e instanceof UserError
    ? { name, status, detail: e.message, fix: e.next }
    : { name, status, detail: describeError(e).split('\n')[0] };

const BUILDERS = { buildkit: 'BuildKit', legacy: 'the legacy builder', buildah: 'buildah (Podman builds with it)' };

/** The engine, what it builds with, its cgroups and user, and its swarm: what the lessons depend on. */
function profileFindings(profile: EngineProfile, endpoint: string, swarmState: string, out: Finding[]) {
  out.push({ name: 'engine', status: 'ok', detail: `${describeEngine(profile)} at ${endpoint}` });
  const override =
    process.env.DOCKER_BUILDKIT !== undefined && profile.kind !== 'podman' ? ' (set by DOCKER_BUILDKIT)' : '';
  out.push({
    name: 'builder',
    status: 'ok',
    detail: `\`docker build\` uses ${BUILDERS[profile.builder]}${override}; the checks accept what any builder makes`,
  });
  const cgroup = profile.cgroupVersion === 'unknown' ? 'the engine does not say' : `v${profile.cgroupVersion}`;
  out.push({
    name: 'cgroups',
    status: 'ok',
    detail: `${cgroup} (most machines today have v2; the lessons support v1 and v2)`,
  });
  out.push({
    name: 'rootless',
    status: 'ok',
    detail: profile.rootless ? 'yes: the engine runs as your user, not as root' : 'no: the engine runs as root',
  });
  const reach = {
    loopback: {
      reachable: 'ports it publishes on 127.0.0.1 answer here',
      unreachable:
        "ports it publishes on 127.0.0.1 do not answer here: checks ask from a container on the engine's host network",
      unknown: 'not probed',
    },
    ourLoopback: {
      reachable: "it reaches this machine's 127.0.0.1 (the sandbox registry)",
      unreachable: "it does not reach this machine's 127.0.0.1 (the sandbox registry)",
      unknown: 'not probed',
    },
    hostFiles: {
      shared: 'it sees the files of this machine (bind mounts work)',
      unshared: 'it does not see the files of this machine (bind mounts of your workspace show other files)',
      unknown: 'not probed',
    },
  };
  out.push({
    name: 'reach',
    status: 'ok',
    detail:
      `${profile.remote ? 'on another machine' : 'on this machine (or its VM)'}; ${reach.loopback[profile.loopback]}; ` +
      `${reach.ourLoopback[profile.ourLoopback]}; ${reach.hostFiles[profile.hostFiles]}` +
      (profile.containerDns === false ? '; containers on a user-defined network do not find each other by name' : ''),
  });
  if (profile.swarm)
    out.push({
      name: 'swarm',
      status: 'ok',
      detail:
        swarmState === 'active'
          ? 'active (lessons use it, and never leave it)'
          : `${swarmState} (the orchestration lessons start one when you ask)`,
    });
}

async function engineFindings(
  out: Finding[],
  dir: string,
): Promise<{ engine: Engine; profile: EngineProfile } | undefined> {
  let engine: Engine | undefined;
  try {
    engine = await connect();
    // The probes run throw-away containers of the base image; without it they say "not probed".
    const profile = await probedProfile(engine, `ws-doctor${process.pid}`, dir);
    const info = await engine.docker.info();
    profileFindings(profile, engine.endpoint, info.Swarm?.LocalNodeState || 'inactive', out);
    return { engine, profile };
  } catch (e) {
    out.push(fromError('engine', engine ? explainEngineError(e, engine.endpoint) : e));
    return undefined;
  }
}

async function imageFindings(engine: Engine, course: Course, out: Finding[]) {
  const catalog = await loadCatalog(course.root);
  const used = new Set(course.lessons.flatMap((l) => l.images));
  for (const name of new Set([...used, ...Object.keys(catalog)])) {
    const entry = catalog[name];
    if (!entry) {
      out.push({
        name: `image ${name}`,
        status: 'fail',
        detail: 'not in the image catalog (sandbox/images/catalog.json)',
      });
      continue;
    }
    const origin = await imageOrigin(engine, entry);
    if (origin.state === 'upstream')
      out.push({
        name: `image ${name}`,
        status: 'ok',
        detail: `ready as ${entry.tag}: the real upstream image (${entry.online})`,
      });
    else if (origin.state === 'stand-in')
      out.push({
        name: `image ${name}`,
        status: 'ok',
        detail: `ready as ${entry.tag}: a local stand-in for ${entry.online}, built from the offline recipe`,
      });
    else {
      const blocker = offlineBlocker(name, entry);
      out.push({
        name: `image ${name}`,
        status: 'warn',
        detail:
          `not here yet; it will be pulled (${entry.online}) or built offline${blocker ? `, which needs ${blocker}` : ''}` +
          `${used.has(name) ? '' : ' (no lesson uses it yet)'}`,
        fix: blocker
          ? `Provide ${blocker} or get online, then run \`containerlings sandbox up\`.`
          : 'Run `containerlings sandbox up` now, so the exercises start at once.',
      });
    }
  }
}

/** A finding's name, the command, the lessons that need it, and how to install it. */
const TOOLS = [
  [
    'git',
    'git',
    'the continuous-delivery lesson runs its pipelines at git commits',
    'Install git (Debian/Ubuntu: sudo apt-get install git).',
  ],
] as const;

const AWS_INSTALL =
  "Install the AWS CLI version 2 (Debian 12 and later: sudo apt-get install awscli; elsewhere, AWS's installer).";

/** Which aws CLI the sandbox's `aws` runs (the first version 2 on PATH, else the first one, with a warning). */
async function awsCliFinding(): Promise<Finding> {
  const { awsCliInUse } = await import('../../../sandbox/services/aws-wrapper.js');
  const found = await awsCliInUse();
  const needed = 'the ECR and continuous-delivery lessons use it';
  if (!found) return { name: 'aws CLI', status: 'warn', detail: `not installed: ${needed}`, fix: AWS_INSTALL };
  const { chosen, candidates } = found;
  const release = (v: string) => v.split(' ')[0] || 'an unknown version';
  const skipped = candidates
    .filter((c) => c.path !== chosen.path && c.version !== chosen.version)
    .map((c) => `${release(c.version)} at ${c.path}`);
  const detail =
    `${release(chosen.version)} at ${chosen.path} (${needed})` +
    (skipped.length ? `; not used: ${skipped.join(', ')}` : '');
  return chosen.version.startsWith('aws-cli/2.')
    ? { name: 'aws CLI', status: 'ok', detail }
    : {
        name: 'aws CLI',
        status: 'warn',
        detail: `${detail}: no version 2 on PATH, and the lessons are written for version 2`,
        fix: AWS_INSTALL,
      };
}

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
