// `containerlings doctor` on the engine: what it is, builds with and reaches (from the probes), and whether the
// course's images are ready on it.
import type { Course } from '../../../lessons/course.js';
import { loadCatalog } from '../../../sandbox/images/catalog.js';
import { imageOrigin, offlineBlocker } from '../../../sandbox/images/catalog-status.js';
import { connect, explainEngineError, type Engine } from '../../../sandbox/engine/connection.js';
import { describeEngine, type EngineProfile } from '../../../sandbox/engine/profile.js';
import { probedProfile } from '../../../sandbox/engine/reach.js';
import { fromError, type Finding } from './doctor-finding.js';

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

export async function engineFindings(
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

export async function imageFindings(engine: Engine, course: Course, out: Finding[]) {
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
