// Runs the built binary with hostile argv where it can do no harm: a fresh temp HOME, XDG dirs, sandbox dir and cwd
// per run, a course copy it cannot write, no engine (DOCKER_HOST points nowhere), no AWS credentials and no instance
// metadata, a PATH with node (and tar) but no docker, aws or kubectl, and, when the tests run as root, as `nobody`
// so that `init /` or `submit --out /` cannot write outside the temp folder. The environment is built from scratch:
// nothing (proxies, credentials, DOCKER_*) leaks in from the caller's.
import { spawn, execFileSync } from 'node:child_process';
import { chmodSync, cpSync, existsSync, mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { CLI, ROOT, tempDir, type CliResult } from './cli.js';

const NOBODY = 65534;
/** Valid for `ecs run`, which then gets as far as asking AWS (and finds no credentials). */
const TASK_DEFINITION = {
  family: 'x',
  requiresCompatibilities: ['FARGATE'],
  networkMode: 'awsvpc',
  cpu: '256',
  memory: '512',
  containerDefinitions: [{ name: 'a', image: 'busybox', essential: true }],
};
const asNobody = process.getuid?.() === 0;

export interface JailedResult extends CliResult {
  /** Still running at the time limit: killed. */
  readonly hung: boolean;
  /** Sent Ctrl-C (SIGINT) on purpose, for a command that waits until then (`check --watch`). */
  readonly interrupted: boolean;
  readonly ms: number;
}

export interface RunOptions {
  /** Start in a folder that holds a workspace (./containerlings-workspace), else in an empty one. */
  readonly inWorkspace?: boolean;
  /** Send SIGINT once stdout shows this (for commands that wait for Ctrl-C by design: `check --watch`). */
  readonly interruptOn?: string;
  readonly timeoutMs?: number;
}

/** The shared, read-only parts: a course copy, a PATH dir, and a workspace to copy into each run. */
export class Jail {
  readonly root = tempDir('containerlings-argv-');
  private readonly content = join(this.root, 'content');
  private readonly bin = join(this.root, 'bin');
  private readonly template = join(this.root, 'template', 'containerlings-workspace');
  private runs = 0;

  constructor() {
    chmodSync(this.root, 0o755);
    for (const part of ['lessons', 'exercises', 'sandbox'])
      cpSync(join(ROOT, part), join(this.content, part), { recursive: true });
    writeFileSync(join(this.content, 'package.json'), '{}');
    mkdirSync(this.bin);
    symlinkSync(process.execPath, join(this.bin, 'node'));
    for (const tool of ['/usr/bin/tar', '/bin/tar']) {
      if (!existsSync(tool)) continue;
      symlinkSync(tool, join(this.bin, 'tar'));
      break;
    }
    mkdirSync(join(this.root, 'template'), { mode: 0o777 });
    chmodSync(join(this.root, 'template'), 0o777);
  }

  /** Makes the workspace every `inWorkspace` run starts from (with the jailed CLI's own `init`). */
  async prepare(): Promise<void> {
    const made = await this.run(['init', this.template, '--json']);
    if (made.code !== 0) throw new Error(`init of the template workspace failed: ${made.stderr}`);
  }

  /** A fresh home, XDG dirs, sandbox dir and cwd; cwd is deep, so `../../..` stays inside this run's folder. */
  private fresh(inWorkspace: boolean) {
    const dir = join(this.root, 'runs', String(++this.runs));
    const cwd = join(dir, 'a', 'b', 'c', 'd', 'e', 'f', 'cwd');
    for (const sub of ['home', 'data', 'cache', 'config', 'state', 'tmp', 'sandbox', 'docker'])
      mkdirSync(join(dir, sub), { recursive: true });
    mkdirSync(cwd, { recursive: true });
    // Things for path arguments to name: a regular file, an empty folder, a Dockerfile, a task definition.
    writeFileSync(join(cwd, 'notes.txt'), 'not a bundle\n');
    writeFileSync(join(cwd, 'Dockerfile'), 'FROM scratch\n');
    writeFileSync(join(cwd, 'taskdef.json'), JSON.stringify(TASK_DEFINITION));
    mkdirSync(join(cwd, 'dir'));
    for (const file of ['aws-config', 'aws-credentials']) writeFileSync(join(dir, file), '');
    if (inWorkspace) execFileSync('cp', ['-a', this.template, cwd]);
    if (asNobody) execFileSync('chown', ['-R', `${NOBODY}:${NOBODY}`, dir]);
    const env: NodeJS.ProcessEnv = {
      PATH: this.bin,
      HOME: join(dir, 'home'),
      XDG_DATA_HOME: join(dir, 'data'),
      XDG_CACHE_HOME: join(dir, 'cache'),
      XDG_CONFIG_HOME: join(dir, 'config'),
      XDG_STATE_HOME: join(dir, 'state'),
      TMPDIR: join(dir, 'tmp'),
      LANG: 'C.UTF-8',
      NO_COLOR: '1',
      DOCKER_HOST: 'unix:///nonexistent/docker.sock',
      DOCKER_CONFIG: join(dir, 'docker'),
      CONTAINERLINGS_CONTENT: this.content,
      CONTAINERLINGS_SANDBOX_DIR: join(dir, 'sandbox'),
      CONTAINERLINGS_OFFLINE: '1',
      AWS_CONFIG_FILE: join(dir, 'aws-config'),
      AWS_SHARED_CREDENTIALS_FILE: join(dir, 'aws-credentials'),
      AWS_EC2_METADATA_DISABLED: 'true',
    };
    return { cwd, env };
  }

  run(argv: readonly string[], options: RunOptions = {}): Promise<JailedResult> {
    const { cwd, env } = this.fresh(options.inWorkspace ?? false);
    const started = Date.now();
    return new Promise((done) => {
      const child = spawn(process.execPath, [CLI, ...argv], {
        cwd,
        env,
        stdio: ['ignore', 'pipe', 'pipe'],
        ...(asNobody ? { uid: NOBODY, gid: NOBODY } : {}),
      });
      let stdout = '';
      let stderr = '';
      let hung = false;
      let interrupted = false;
      child.stdout.setEncoding('utf8').on('data', (s: string) => {
        stdout = (stdout + s).slice(-1_000_000);
        if (!interrupted && options.interruptOn !== undefined && stdout.includes(options.interruptOn)) {
          interrupted = true;
          child.kill('SIGINT');
        }
      });
      child.stderr.setEncoding('utf8').on('data', (s: string) => void (stderr = (stderr + s).slice(-1_000_000)));
      const limit = setTimeout(() => {
        hung = true;
        child.kill('SIGKILL');
      }, options.timeoutMs ?? 20_000);
      child.on('close', (code, signal) => {
        clearTimeout(limit);
        done({ code: code ?? (signal ? -1 : 0), stdout, stderr, hung, interrupted, ms: Date.now() - started });
      });
    });
  }
}

/** Runs `jobs` with at most `width` at a time (2 cores: a few node processes in parallel). */
export async function pool<T, R>(items: readonly T[], width: number, job: (item: T) => Promise<R>): Promise<R[]> {
  const out: R[] = new Array(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      out[i] = await job(items[i]!);
    }
  };
  await Promise.all(Array.from({ length: Math.min(width, items.length) }, worker));
  return out;
}
