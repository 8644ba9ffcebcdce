// The ECR endpoint's process (`containerlings sandbox serve-ecr`, started detached by `sandbox up`).
import type { Server } from 'node:http';
import { readSettings, sandboxFiles, type SandboxFiles } from '../registry/sandbox-dir.js';
import { configuredRegistry, registryApi } from '../services.js';
import { createEndpoint } from './server.js';
import { awsRegion } from '../sandbox-env.js';

/** Listens on 127.0.0.1 only; resolves once listening. */
export async function startEndpoint(files: SandboxFiles = sandboxFiles(), port?: number): Promise<Server> {
  const settings = await readSettings(files);
  const external = configuredRegistry(process.env, settings.registryPort);
  const listenPort = port ?? settings.ecrPort!;
  const server = createEndpoint({
    files,
    registry: await registryApi(files),
    registryHost: `localhost:${listenPort}`,
    registryHostname: external?.hostname ?? '127.0.0.1',
    registryPort: external?.port ?? settings.registryPort!,
    region: awsRegion(),
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(listenPort, '127.0.0.1', resolve);
  });
  return server;
}

export async function serveForever(): Promise<number> {
  const server = await startEndpoint();
  process.stdout.write(`ECR endpoint listening on 127.0.0.1:${(server.address() as { port: number }).port}\n`);
  await new Promise<void>((resolve) => {
    for (const signal of ['SIGTERM', 'SIGINT'] as const) process.once(signal, () => server.close(() => resolve()));
  });
  return 0;
}
