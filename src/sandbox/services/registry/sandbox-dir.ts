// The sandbox folder for the registry and the ECR endpoint: where their data, config, secrets and ports live.
// One per user (not per workspace), so every workspace and the self-test share one registry.
import { randomBytes } from 'node:crypto';
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { homedir } from 'node:os';
import { join } from 'node:path';

/** $CONTAINERLINGS_SANDBOX_DIR, else $XDG_DATA_HOME/containerlings/sandbox, else ~/.local/share/containerlings/sandbox. */
export function sandboxDir(env: NodeJS.ProcessEnv = process.env): string {
  if (env.CONTAINERLINGS_SANDBOX_DIR) return env.CONTAINERLINGS_SANDBOX_DIR;
  return join(env.XDG_DATA_HOME ?? join(homedir(), '.local', 'share'), 'containerlings', 'sandbox');
}

export const sandboxFiles = (dir = sandboxDir()) => ({
  dir,
  settings: join(dir, 'sandbox.json'),
  registryData: join(dir, 'registry', 'data'),
  registryConfig: join(dir, 'registry', 'config.yml'),
  registryLog: join(dir, 'registry', 'registry.log'),
  registryPid: join(dir, 'registry', 'registry.pid'),
  htpasswd: join(dir, 'registry', 'htpasswd'),
  /** The learner's registry password, so `docker login` in the Registries lesson can read it. */
  learnerPassword: join(dir, 'registry', 'learner-password'),
  ecrState: join(dir, 'ecr', 'state.json'),
  ecrLog: join(dir, 'ecr', 'endpoint.log'),
  ecrPid: join(dir, 'ecr', 'endpoint.pid'),
  bin: join(dir, 'bin'),
  /** `containerlings` itself, for learners' scripts: on PATH in every mode (the aws wrapper in bin is not). */
  tools: join(dir, 'tools'),
  lock: join(dir, '.lock'),
});
export type SandboxFiles = ReturnType<typeof sandboxFiles>;

/** What survives a restart: the ports (so docker's stored logins keep working) and the secrets' lifetimes. */
export interface SandboxSettings {
  registryPort?: number;
  ecrPort?: number;
  /** How the registry runs: the Debian binary, the registry:2 container, or one the learner configured. */
  registryKind?: 'binary' | 'container' | 'external';
  /** The ECR token's password (also in htpasswd as user AWS) and when it expires, like ECR's 12-hour tokens. */
  awsPassword?: string;
  awsPasswordExpiresAt?: number;
  /** A random secret the registry signs upload state with; fixed so uploads survive a restart. */
  httpSecret?: string;
}

export async function readSettings(files: SandboxFiles): Promise<SandboxSettings> {
  try {
    return JSON.parse(await readFile(files.settings, 'utf8')) as SandboxSettings;
  } catch {
    return {};
  }
}

/** Atomic (temp file + rename) and readable by the owner only: it holds the local registry's passwords. */
export async function writeSettings(files: SandboxFiles, settings: SandboxSettings): Promise<void> {
  await mkdir(files.dir, { recursive: true, mode: 0o700 });
  const tmp = `${files.settings}.${process.pid}.tmp`;
  await writeFile(tmp, JSON.stringify(settings, null, 2), { mode: 0o600 });
  await rename(tmp, files.settings);
}

export const newSecret = (bytes = 24) => randomBytes(bytes).toString('base64url');

/** Runs `work` holding a lock file, so two processes never start two registries on one folder. */
export async function withSandboxLock<T>(files: SandboxFiles, work: () => Promise<T>, waitMs = 30_000): Promise<T> {
  const { open, rm, stat } = await import('node:fs/promises');
  await mkdir(files.dir, { recursive: true, mode: 0o700 });
  const deadline = Date.now() + waitMs;
  for (;;) {
    try {
      const handle = await open(files.lock, 'wx');
      await handle.close();
      break;
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
      // A lock older than a minute belongs to a process that died mid-start.
      const age = await stat(files.lock).then(
        (s) => Date.now() - s.mtimeMs,
        () => 0,
      );
      if (age > 60_000) await rm(files.lock, { force: true });
      else if (Date.now() > deadline)
        throw new Error(`the sandbox folder ${files.dir} stayed locked for ${waitMs / 1000} s`, { cause: e });
      else await new Promise((r) => setTimeout(r, 100));
    }
  }
  try {
    return await work();
  } finally {
    await rm(files.lock, { force: true });
  }
}
