// Throw-away containers and exec: labelled, memory- and pids-limited, always removed.
import type { RunOptions, RunResult } from './types.js';
import { CancelledError } from '../../errors.js';
import { isNotFound, onEngine, SANDBOX_LABEL, type Engine } from './connection.js';

const MB = 1024 * 1024;

/** Splits Docker's multiplexed stream format (8-byte headers: stream type, length) into stdout and stderr. */
export function demultiplex(buffer: Buffer): { stdout: string; stderr: string } {
  const out: Buffer[] = [];
  const err: Buffer[] = [];
  let offset = 0;
  while (offset + 8 <= buffer.length) {
    const type = buffer[offset];
    const length = buffer.readUInt32BE(offset + 4);
    if (type > 2 || buffer[offset + 1] !== 0 || buffer[offset + 2] !== 0 || buffer[offset + 3] !== 0) {
      // Not multiplexed (a TTY container): everything is stdout.
      return { stdout: buffer.toString('utf8'), stderr: '' };
    }
    const frame = buffer.subarray(offset + 8, offset + 8 + length);
    (type === 2 ? err : out).push(frame);
    offset += 8 + length;
  }
  return { stdout: Buffer.concat(out).toString('utf8'), stderr: Buffer.concat(err).toString('utf8') };
}

export async function runThrowaway(
  engine: Engine,
  workspaceId: string,
  image: string,
  options: RunOptions = {},
  signal?: AbortSignal,
  /** Only for our own probes (engine-reach.ts); a check's kit.run never passes it. */
  probe: { readonly network?: 'host'; readonly binds?: readonly string[] } = {},
): Promise<RunResult> {
  const { docker } = engine;
  const network = options.network ?? probe.network;
  return onEngine(engine, async () => {
    const container = await docker.createContainer({
      Image: image,
      Cmd: options.cmd ? [...options.cmd] : undefined,
      Entrypoint: options.entrypoint ? [...options.entrypoint] : undefined,
      Env: Object.entries(options.env ?? {}).map(([k, v]) => `${k}=${v}`),
      User: options.user,
      Labels: { [SANDBOX_LABEL]: workspaceId },
      NetworkDisabled: network === undefined,
      HostConfig: {
        NetworkMode: network,
        Binds: probe.binds ? [...probe.binds] : undefined,
        Memory: (options.memoryMb ?? 256) * MB,
        MemorySwap: (options.memoryMb ?? 256) * MB,
        PidsLimit: 128,
        CapAdd: options.capAdd ? [...options.capAdd] : undefined,
        SecurityOpt: options.securityOpt ? [...options.securityOpt] : undefined,
        PidMode: options.pidMode,
      },
    });
    let timedOut = false;
    const kill = () => container.kill().catch(() => undefined);
    const timer = setTimeout(
      () => {
        timedOut = true;
        void kill();
      },
      (options.timeout ?? 20) * 1000,
    );
    signal?.addEventListener('abort', kill, { once: true });
    try {
      const refused = await container.start().then(
        () => undefined,
        (e: unknown) => {
          const code = commandMissingCode(e);
          if (code === undefined) throw e;
          return { exitCode: code, stdout: '', stderr: '', timedOut, oomKilled: false, cannotStart: messageOf(e) };
        },
      );
      if (refused) return refused;
      const { StatusCode } = (await container.wait()) as { StatusCode: number };
      if (signal?.aborted) throw new CancelledError();
      const logs = (await container.logs({ stdout: true, stderr: true, follow: false })) as unknown as Buffer;
      const state = (await container.inspect()).State;
      return { exitCode: StatusCode, ...demultiplex(logs), timedOut, oomKilled: state.OOMKilled };
    } finally {
      clearTimeout(timer);
      signal?.removeEventListener('abort', kill);
      await container.remove({ force: true, v: true }).catch((e) => {
        if (!isNotFound(e)) throw e;
      });
    }
  });
}

/**
 * The exit code `docker run` gives when the engine cannot start the image's command: 127 when it is not in the image
 * (or not on PATH), 126 when it is not executable, the CLI's own rule; undefined for any other failure to start.
 */
export function commandMissingCode(e: unknown): number | undefined {
  const text = messageOf(e);
  // Docker (runc): exec: "echo": executable file not found in $PATH / exec: "/app": stat /app: no such file or
  // directory / exec: "/app.sh": permission denied. Podman: executable file `echo` not found in $PATH: ... OCI runtime
  // attempted to invoke a command that was not found / OCI runtime permission denied error.
  if (
    /exec: "[^"]*": (executable file not found|stat [^\n]*no such file or directory)|invoke a command that was not found/i.test(
      text,
    )
  )
    return 127;
  if (/exec: "[^"]*": permission denied|OCI runtime permission denied/i.test(text)) return 126;
  return undefined;
}

function messageOf(e: unknown): string {
  const json = (e as { json?: { message?: string } })?.json;
  return json?.message ?? (e instanceof Error ? e.message : String(e));
}

/** Runs a command in a running container and collects its output. */
export async function execIn(
  engine: Engine,
  name: string,
  cmd: readonly string[],
  timeoutSeconds = 20,
): Promise<RunResult> {
  return onEngine(engine, async () => {
    const exec = await engine.docker.getContainer(name).exec({ Cmd: [...cmd], AttachStdout: true, AttachStderr: true });
    const stream = await exec.start({ hijack: true, stdin: false });
    const chunks: Buffer[] = [];
    let timedOut = false;
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => {
        timedOut = true;
        stream.destroy();
        resolve();
      }, timeoutSeconds * 1000);
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => (clearTimeout(timer), resolve()));
      stream.on('error', (e: Error) => (clearTimeout(timer), reject(e)));
    });
    const info = await exec.inspect();
    return { exitCode: info.ExitCode ?? -1, ...demultiplex(Buffer.concat(chunks)), timedOut, oomKilled: false };
  });
}

/** The last `tail` lines of a container's output; '' when it does not exist. */
export async function containerLogs(engine: Engine, name: string, tail = 20): Promise<string> {
  return onEngine(engine, async () => {
    try {
      const logs = (await engine.docker
        .getContainer(name)
        .logs({ stdout: true, stderr: true, follow: false, tail })) as unknown as Buffer;
      const { stdout, stderr } = demultiplex(logs);
      return (stdout + stderr).trimEnd();
    } catch (e) {
      if (isNotFound(e)) return '';
      throw e;
    }
  });
}
