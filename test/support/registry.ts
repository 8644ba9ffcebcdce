// A real OCI registry for tests: Debian's docker-registry binary (CNCF distribution) on 127.0.0.1, no auth,
// storage in a temp folder. Docker treats 127.0.0.0/8 registries as insecure, so plain HTTP works.
import { spawn, type ChildProcess } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { tempDir } from './cli.js';

export interface TestRegistry {
  readonly address: string;
  stop(): void;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer()
      .listen(0, '127.0.0.1', () => {
        const { port } = server.address() as { port: number };
        server.close(() => resolve(port));
      })
      .on('error', reject);
  });
}

export async function startRegistry(): Promise<TestRegistry> {
  const dir = tempDir('containerlings-registry-');
  const port = await freePort();
  const config = join(dir, 'config.yml');
  writeFileSync(
    config,
    `version: 0.1\nlog:\n  level: warn\nstorage:\n  filesystem:\n    rootdirectory: ${dir}/data\n` +
      `  delete:\n    enabled: true\nhttp:\n  addr: 127.0.0.1:${port}\n`,
  );
  let child: ChildProcess;
  try {
    child = spawn('docker-registry', ['serve', config], { stdio: 'ignore' });
  } catch (e) {
    throw new Error(`This test needs Debian's docker-registry (.ci/run installs it): ${(e as Error).message}`, {
      cause: e,
    });
  }
  let failed: Error | undefined;
  child.on(
    'error',
    (e) => (failed = new Error(`This test needs Debian's docker-registry (.ci/run installs it): ${e.message}`)),
  );
  const deadline = Date.now() + 20_000;
  for (;;) {
    if (failed) throw failed;
    const ok = await fetch(`http://127.0.0.1:${port}/v2/`).then(
      (r) => r.status === 200,
      () => false,
    );
    if (ok) break;
    if (Date.now() > deadline) {
      child.kill();
      throw new Error('docker-registry did not answer on /v2/ within 20 s');
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  return { address: `127.0.0.1:${port}`, stop: () => child.kill() };
}
