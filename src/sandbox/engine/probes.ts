// The engine's other probes, each a throw-away container or two: does it see this machine's files, reach this
// machine's 127.0.0.1, and let containers on a user-defined network find each other by name (reach.ts combines them).
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { runThrowaway } from './containers.js';
import { httpViaEngine, PROBE_IMAGE } from './http.js';
import { onEngine, SANDBOX_LABEL, type Engine } from './connection.js';
import { withDeadline } from './deadline.js';

const MB = 1024 * 1024;

/**
 * Whether the engine sees this machine's files: a folder made in `dir` (e.g. the workspace) is bind-mounted into a
 * throw-away container, which reads the token in it. false on a truly remote engine (it mounts an empty folder of
 * its own); undefined when the probe itself could not run. Exercises that bind-mount workspace folders need true.
 */
export async function probeSharedFiles(
  engine: Engine,
  workspaceId: string,
  dir: string,
): Promise<{ shared: boolean | undefined; detail: string }> {
  const token = `containerlings-${process.pid}-${Date.now().toString(36)}`;
  const folder = await mkdtemp(join(dir, '.engine-probe-'));
  try {
    await writeFile(join(folder, 'token'), token);
    const run = await runThrowaway(
      engine,
      workspaceId,
      PROBE_IMAGE,
      { cmd: ['cat', '/probe/token'], memoryMb: 32 },
      undefined,
      { binds: [`${folder}:/probe:ro`] },
    );
    const shared = run.exitCode === 0 && run.stdout.trim() === token;
    return {
      shared,
      detail: shared
        ? `the engine sees ${folder}`
        : `the engine mounted ${folder} but does not see this machine's file in it (it runs on another machine or in a VM)`,
    };
  } catch (e) {
    return { shared: undefined, detail: `the probe could not run: ${(e as Error).message}` };
  } finally {
    await rm(folder, { recursive: true, force: true });
  }
}

/**
 * Whether the engine reaches this machine's 127.0.0.1, where the sandbox registry and ECR endpoint listen: a token
 * served here is fetched from the engine's host network (where its `docker push localhost:<port>` goes). false on a
 * remote engine; the registry, ECR and continuous-delivery lessons need true.
 */
export async function probeOurLoopbackFromEngine(
  engine: Engine,
  workspaceId: string,
): Promise<{ reaches: boolean | undefined; detail: string }> {
  const { createServer } = await import('node:http');
  const token = `containerlings-${process.pid}-${Date.now().toString(36)}`;
  const server = createServer((_, res) => res.end(token));
  await new Promise<void>((listening) => server.listen(0, '127.0.0.1', listening));
  const { port } = server.address() as { port: number };
  try {
    const answer = await withDeadline(30_000, undefined, (signal) =>
      httpViaEngine(engine, workspaceId, `http://127.0.0.1:${port}/`, signal, 1000),
    );
    const reaches = answer.status === 200 && answer.body === token;
    return {
      reaches,
      detail: reaches
        ? "the engine reaches this machine's 127.0.0.1"
        : `the engine's 127.0.0.1:${port} is not this machine's ` +
          `(${answer.status ? `another service answered, ${answer.status}` : answer.body})`,
    };
  } catch (e) {
    return { reaches: undefined, detail: `the probe could not run: ${(e as Error).message}` };
  } finally {
    server.close();
  }
}

/**
 * Whether containers on a user-defined network find each other by name: a labelled network, a named container on
 * it, and a second one that resolves the first's name. undefined when the probe itself could not run.
 */
export async function probeContainerDns(
  engine: Engine,
  workspaceId: string,
): Promise<{ resolves: boolean | undefined; detail: string }> {
  const name = `containerlings-dns-probe-${process.pid}-${Date.now().toString(36)}`;
  let network;
  let target;
  try {
    network = await onEngine(engine, () =>
      engine.docker.createNetwork({ Name: name, Labels: { [SANDBOX_LABEL]: workspaceId } }),
    );
    target = await engine.docker.createContainer({
      Image: PROBE_IMAGE,
      name,
      Cmd: ['sleep', '30'],
      Labels: { [SANDBOX_LABEL]: workspaceId },
      HostConfig: { Memory: 32 * MB, MemorySwap: 32 * MB, PidsLimit: 16, NetworkMode: name },
    });
    await target.start();
    const run = await runThrowaway(engine, workspaceId, PROBE_IMAGE, {
      cmd: ['nslookup', name],
      memoryMb: 32,
      network: name,
    });
    const resolves = run.exitCode === 0 && /Address/.test(run.stdout.split(name).slice(1).join(''));
    return {
      resolves,
      detail: resolves
        ? 'containers on a user-defined network find each other by name'
        : `containers on a user-defined network do not find each other by name (${run.stdout.trim().split('\n').pop()})`,
    };
  } catch (e) {
    return { resolves: undefined, detail: `the name probe could not run: ${(e as Error).message}` };
  } finally {
    await target?.remove({ force: true, v: true }).catch(() => undefined);
    await network?.remove().catch(() => undefined);
  }
}
