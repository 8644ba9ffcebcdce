// Which lessons cannot run here, and why: a lesson that needs Kubernetes without a cluster, or a lesson that needs
// an engine capability the learner's engine lacks (swarm mode on Podman). Engine rules are one table, so that a
// new capability is one row: what the lesson needs, whether the engine has it, and the reason in the learner's words.
import type { ExerciseNeed, Need } from '../../lessons/schema.js';
import { profileIfAnswering, type EngineProfile } from './profile.js';
import { unavailableLessons as withoutCluster } from './kubernetes.js';

export interface Unavailability {
  readonly reason: string;
  /** True when nothing is broken: there is simply no cluster, or the engine cannot do this by design. */
  readonly expected: boolean;
  /** Set when the engine is the reason: its name and version, e.g. "Podman 4.3.1". */
  readonly engine?: string;
}

interface EngineRule {
  /** A lesson's need, or an exercise's (`host-files`: it bind-mounts a workspace folder). */
  readonly need: Need | ExerciseNeed;
  readonly has: (engine: EngineProfile) => boolean;
  readonly reason: (engine: EngineProfile) => string;
}

export const ENGINE_RULES: readonly EngineRule[] = [
  {
    need: 'host-files',
    has: (e) => e.hostFiles !== 'unshared',
    reason: (e) =>
      `it bind-mounts a folder of your workspace, and ${e.name} ` +
      `${e.remote ? 'runs on another machine' : 'runs in a VM'} that does not see your files`,
  },
  {
    need: 'container-dns',
    has: (e) => e.containerDns !== false,
    reason: (e) =>
      `containers on a user-defined network of ${e.name} do not find each other by name here ` +
      '(Podman needs its DNS plugin: aardvark-dns with netavark, or dnsname with CNI)',
  },
  {
    need: 'port-requests',
    has: (e) => e.portRequests !== false,
    reason: (e) =>
      `${e.name} records the host port it picked as if you had asked for it, so the check cannot tell ` +
      '`-p 127.0.0.1::8080` from `-p 127.0.0.1:<port>:8080`',
  },
  {
    need: 'swarm',
    has: (e) => e.swarm,
    reason: (e) => `${e.name} has no swarm mode, which this lesson runs on (Docker Engine and Docker Desktop have it)`,
  },
  {
    need: 'registry',
    has: (e) => e.ourLoopback !== 'unreachable',
    reason: (e) =>
      `the sandbox registry and ECR endpoint listen on this machine's 127.0.0.1, and ${e.name} ` +
      `${e.remote ? 'runs on another machine' : 'does not reach it'}: ` +
      'its `docker push 127.0.0.1:<port>` goes to its own loopback (run containerlings on the machine the engine runs on)',
  },
  {
    need: 'registry',
    has: (e) => e.loopbackRegistry,
    reason: (e) =>
      `${e.name} pushes only over HTTPS to the sandbox registry on 127.0.0.1 (plain HTTP)` +
      (e.kind === 'podman'
        ? ': mark it insecure in /etc/containers/registries.conf'
        : ": add 127.0.0.0/8 to the engine's insecure registries"),
  },
];

interface LessonNeeds {
  readonly id: string;
  readonly needs: readonly string[];
}

/** The engine rules applied to each lesson (pure): lesson id → why this engine cannot run it. */
export function engineUnavailable(
  lessons: readonly LessonNeeds[],
  engine: EngineProfile,
  rules = ENGINE_RULES,
): Map<string, Unavailability> {
  const out = new Map<string, Unavailability>();
  for (const lesson of lessons) {
    const broken = rules.find((r) => lesson.needs.includes(r.need) && !r.has(engine));
    if (broken)
      out.set(lesson.id, { reason: broken.reason(engine), expected: true, engine: `${engine.name} ${engine.version}` });
  }
  return out;
}

/**
 * For each lesson that cannot run: lesson id → why. The engine is asked (`profile`) only when a lesson needs a
 * capability of the table, and kubectl only when a lesson needs Kubernetes; without a profile (no engine answers)
 * only Kubernetes is judged.
 */
export async function unavailableLessons(
  lessons: readonly LessonNeeds[],
  profile: () => Promise<EngineProfile | undefined> = profileIfAnswering,
): Promise<Map<string, Unavailability>> {
  const asksEngine = lessons.some((l) => ENGINE_RULES.some((r) => l.needs.includes(r.need)));
  const engine = asksEngine ? await profile() : undefined;
  const out = engine ? engineUnavailable(lessons, engine) : new Map<string, Unavailability>();
  const cluster = await withoutCluster(lessons.filter((l) => !out.has(l.id)));
  for (const [id, c] of cluster) out.set(id, { reason: c.reason ?? 'unavailable', expected: c.noCluster });
  return out;
}
