// Is there a Kubernetes cluster to teach on? kubectl must exist, have a current context, and that context's API
// server must answer within a bounded time. Lessons that need kubernetes are unavailable otherwise, with the reason.
import { existsSync } from 'node:fs';
import { homedir } from 'node:os';
import { delimiter, join } from 'node:path';

export interface ClusterAvailability {
  readonly available: boolean;
  /** Why not, in the learner's words; undefined when available. */
  readonly reason?: string;
  /** True when the reason is simply that there is no cluster (no kubectl, no context, nothing answers): an expected skip. */
  readonly noCluster: boolean;
  readonly context?: string;
}

export interface KubectlRun {
  readonly code: number | 'missing' | 'timeout';
  readonly stdout: string;
  readonly stderr: string;
}

const REQUEST_TIMEOUT_S = 3;

export async function runKubectl(
  args: readonly string[],
  kubectl = process.env.CONTAINERLINGS_KUBECTL || 'kubectl',
  timeoutMs = (REQUEST_TIMEOUT_S + 2) * 1000,
): Promise<KubectlRun> {
  // Loaded here, not at the top: `list` reads this module's availability rule and must not load child_process.
  const { MissingProgram, run } = await import('../process.js');
  try {
    const ran = await run([kubectl, ...args], { timeoutMs });
    if (ran.timedOut) return { code: 'timeout', stdout: ran.stdout, stderr: ran.stderr };
    return { code: ran.code ?? 1, stdout: ran.stdout, stderr: ran.stderr };
  } catch (e) {
    // No kubectl is an expected answer here (no cluster), not an error.
    if (e instanceof MissingProgram) return { code: 'missing', stdout: '', stderr: '' };
    throw e;
  }
}

const firstLine = (text: string) =>
  text
    .trim()
    .split('\n')
    .find(Boolean)
    ?.replace(/^error:\s*/i, '') ?? '';

/** Decides from kubectl's answers (pure, so that every branch is tested without a cluster). */
export function classify(context: KubectlRun, version?: KubectlRun): ClusterAvailability {
  if (context.code === 'missing')
    return { available: false, noCluster: true, reason: 'no cluster: kubectl is not installed' };
  const name = context.stdout.trim();
  if (context.code !== 0 || !name)
    return {
      available: false,
      noCluster: true,
      reason: 'no cluster: kubectl has no current context (kubectl config use-context ... selects one)',
    };
  if (!version || version.code === 'timeout')
    return {
      available: false,
      noCluster: true,
      context: name,
      reason: `no cluster: the context "${name}" did not answer within ${REQUEST_TIMEOUT_S} s`,
    };
  if (version.code === 0) return { available: true, noCluster: false, context: name };
  const said = firstLine(version.stderr) || firstLine(version.stdout);
  // Refused, unresolvable, timed out: nothing is there. Anything else (credentials, certificates) is a broken setup.
  if (
    /refused|no such host|i\/o timeout|timeout|unreachable|Unable to connect|did you specify the right host/i.test(said)
  ) {
    return {
      available: false,
      noCluster: true,
      context: name,
      reason: `no cluster: the context "${name}" does not answer (${said})`,
    };
  }
  return {
    available: false,
    noCluster: false,
    context: name,
    reason: `the cluster of context "${name}" refused kubectl: ${said}`,
  };
}

let cached: Promise<ClusterAvailability> | undefined;

/** Asks kubectl once per process: the current context first (local, instant), then the server, bounded. */
export function kubernetesAvailability(kubectl?: string): Promise<ClusterAvailability> {
  if (kubectl) return probe(kubectl);
  return (cached ??= noKubeconfig() ?? probe());
}

/**
 * The common case, no Kubernetes at all, without starting kubectl (a Go program: ~80 ms, which `list` and the
 * TUI would pay every time): kubectl's own configuration files do not exist. A custom kubectl
 * ($CONTAINERLINGS_KUBECTL) may keep its configuration elsewhere, so it is always asked.
 */
export function noKubeconfig(env: NodeJS.ProcessEnv = process.env): Promise<ClusterAvailability> | undefined {
  if (env.CONTAINERLINGS_KUBECTL) return undefined;
  const files = env.KUBECONFIG
    ? env.KUBECONFIG.split(delimiter).filter(Boolean)
    : [join(env.HOME ?? homedir(), '.kube', 'config')];
  if (files.some((f) => existsSync(f))) return undefined;
  return Promise.resolve({
    available: false,
    noCluster: true,
    reason: `no cluster: kubectl has no configuration (${files.join(', ')})`,
  });
}

async function probe(kubectl?: string): Promise<ClusterAvailability> {
  const context = await runKubectl(['config', 'current-context'], kubectl);
  if (context.code !== 0) return classify(context);
  return classify(
    context,
    await runKubectl(['version', `--request-timeout=${REQUEST_TIMEOUT_S}s`, '-o', 'json'], kubectl),
  );
}

/** For each lesson that needs kubernetes and cannot have it: lesson id → reason. Asks kubectl only when one does. */
export async function unavailableLessons(
  lessons: readonly { readonly id: string; readonly needs: readonly string[] }[],
): Promise<Map<string, ClusterAvailability>> {
  const out = new Map<string, ClusterAvailability>();
  const needing = lessons.filter((l) => l.needs.includes('kubernetes'));
  if (needing.length === 0) return out;
  const cluster = await kubernetesAvailability();
  if (!cluster.available) for (const l of needing) out.set(l.id, cluster);
  return out;
}
