// Offline builds from a Debian root filesystem: debootstrap into a folder, tar it into the user's cache (so a
// rebuild after `docker rmi` skips the ~30 s bootstrap), then stream the tarball to the engine's import API.
import { createHash } from 'node:crypto';
import { createReadStream, existsSync } from 'node:fs';
import { mkdir, mkdtemp, readdir, readFile, rename, rm } from 'node:fs/promises';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { UserError } from '../../errors.js';
import type { RootfsRecipe } from './recipes.js';
import { stream } from '../process.js';
import { CATALOG_LABEL, onEngine, SOURCE_LABEL, type Engine } from '../engine/connection.js';

export const FALLBACK_MIRROR = 'http://deb.debian.org/debian';

/** $XDG_CACHE_HOME/containerlings, else ~/.cache/containerlings. */
export function cacheHome(env: NodeJS.ProcessEnv = process.env): string {
  return join(env.XDG_CACHE_HOME || join(homedir(), '.cache'), 'containerlings');
}

/** The cached tarball for a recipe: its name changes when the suite, variant or package list does. */
export function rootfsTarball(name: string, recipe: RootfsRecipe, env: NodeJS.ProcessEnv = process.env): string {
  const key = createHash('sha256')
    .update(JSON.stringify([recipe.suite, recipe.variant, [...recipe.include].sort()]))
    .digest('hex')
    .slice(0, 12);
  return join(cacheHome(env), 'rootfs', `${name.replace(/[^a-z0-9]+/g, '-')}-${recipe.suite}-${key}.tar`);
}

/**
 * The Debian mirror the host's apt uses, from sources.list lines (`deb [opts] URI suite...`) or deb822
 * .sources stanzas (`URIs:`). Security and update archives do not carry the base suite, so they are skipped.
 */
export function mirrorFromSources(texts: readonly string[]): string {
  for (const text of texts) {
    for (const line of text.split('\n')) {
      const oneLine = /^\s*deb\s+(?:\[[^\]]*\]\s+)?(\S+)\s+(\S+)/.exec(line);
      if (oneLine && isBaseArchive(oneLine[1], oneLine[2])) return oneLine[1].replace(/\/$/, '');
    }
    for (const stanza of text.split(/\n\s*\n/)) {
      const field = (n: string) => new RegExp(`^${n}:\\s*(.+)$`, 'mi').exec(stanza)?.[1].trim();
      if (!(field('Types') ?? '').split(/\s+/).includes('deb') || /^Enabled:\s*no/im.test(stanza)) continue;
      const suite = (field('Suites') ?? '').split(/\s+/)[0];
      const uri = (field('URIs') ?? '').split(/\s+/).find((u) => isBaseArchive(u, suite));
      if (uri) return uri.replace(/\/$/, '');
    }
  }
  return FALLBACK_MIRROR;
}

const isBaseArchive = (uri: string, suite: string) =>
  /^https?:\/\//.test(uri) && /debian/.test(uri) && !/security/.test(uri + suite) && !!suite;

export async function hostMirror(): Promise<string> {
  const texts: string[] = [];
  const read = (p: string) =>
    readFile(p, 'utf8').then(
      (t) => texts.push(t),
      () => undefined,
    );
  await read('/etc/apt/sources.list');
  const dir = '/etc/apt/sources.list.d';
  for (const f of (await readdir(dir).catch(() => [])).sort())
    if (/\.(list|sources)$/.test(f)) await read(join(dir, f));
  return mirrorFromSources(texts);
}

function findDebootstrap(): string | undefined {
  const dirs = [...(process.env.PATH ?? '').split(':'), '/usr/sbin', '/sbin'];
  return dirs.map((d) => join(d, 'debootstrap')).find((p) => existsSync(p));
}

/** Runs a program, passing its lines to `onLine`; resolves with the exit code and the output's tail. */
async function exec(
  cmd: string,
  args: readonly string[],
  onLine: (l: string) => void = () => {},
): Promise<{ code: number; tail: string }> {
  const ran = await stream([cmd, ...args], (chunk) => {
    for (const line of chunk.split('\n')) if (line.trim()) onLine(line.trim());
  }).catch((e: Error) => ({ code: -1, output: e.message }));
  return { code: ran.code ?? -1, tail: ran.output.slice(-4000) };
}

/** Phases of debootstrap worth showing; its per-package lines would flood the progress. */
const PHASE =
  /^I: (Retrieving Release|Resolving dependencies|Checking component|Installing core|Unpacking the base|Configuring the base|Base system installed)/;

async function bootstrap(name: string, recipe: RootfsRecipe, tarball: string, report: (l: string) => void) {
  const debootstrap = findDebootstrap();
  if (!debootstrap) {
    throw new UserError(
      `Cannot build ${name} offline: debootstrap is not installed.`,
      'Install it (`sudo apt-get install debootstrap`), then run `containerlings sandbox up` again.',
      'engine',
    );
  }
  if (process.getuid?.() !== 0) {
    throw new UserError(
      `Building ${name} offline needs root once: debootstrap creates device files and sets file owners.`,
      `Run \`sudo containerlings sandbox up\` once (the root filesystem is then cached in ${tarball}), ` +
        'or get online so the real image can be pulled.',
      'engine',
    );
  }
  const mirror = await hostMirror();
  await mkdir(join(tarball, '..'), { recursive: true });
  const dir = await mkdtemp(`${tarball}.rootfs-`);
  try {
    const include = recipe.include.length ? [`--include=${recipe.include.join(',')}`] : [];
    report(
      `debootstrap --variant=${recipe.variant} ${include.join(' ')} ${recipe.suite} from ${mirror} (about 30 s)...`,
    );
    const boot = await exec(
      debootstrap,
      [`--variant=${recipe.variant}`, ...include, recipe.suite, dir, mirror],
      (l) => PHASE.test(l) && report(`  ${l}`),
    );
    if (boot.code !== 0) {
      throw new UserError(
        `debootstrap failed for ${name} (exit ${boot.code}):\n${boot.tail.trim().split('\n').slice(-5).join('\n')}`,
        `Can this machine reach ${mirror}? Fix the mirror in /etc/apt/sources.list(.d), then try again.`,
        'engine',
      );
    }
    // Like the slim upstream images: no downloaded packages, no package lists (apt-get update refetches them).
    for (const sub of ['var/cache/apt/archives', 'var/lib/apt/lists']) {
      for (const f of await readdir(join(dir, sub)).catch(() => []))
        if (f !== 'partial' && f !== 'lock') await rm(join(dir, sub, f), { recursive: true, force: true });
    }
    const packed = await exec('tar', ['-C', dir, '--numeric-owner', '-cf', `${tarball}.tmp`, '.']);
    if (packed.code !== 0) throw new Error(`tar failed: ${packed.tail}`);
    await rename(`${tarball}.tmp`, tarball);
  } finally {
    await rm(dir, { recursive: true, force: true });
    await rm(`${tarball}.tmp`, { force: true });
  }
}

export async function buildFromRootfs(
  engine: Engine,
  name: string,
  tag: string,
  recipe: RootfsRecipe,
  report: (line: string) => void,
) {
  const tarball = rootfsTarball(name, recipe);
  if (existsSync(tarball)) report(`Using the cached root filesystem ${tarball}.`);
  else await bootstrap(name, recipe, tarball, report);
  report(`Importing ${name} as ${tag}...`);
  const changes = [...recipe.changes, `LABEL ${CATALOG_LABEL}=${name}`, `LABEL ${SOURCE_LABEL}=offline-recipe`];
  await onEngine(engine, async () => {
    // The whole reference in `repo`: Podman ignores the separate `tag` parameter of an import (and tags :latest).
    const stream = await engine.docker.importImage(
      createReadStream(tarball) as never,
      { repo: tag, changes } as object,
    );
    await new Promise<void>((resolve, reject) =>
      engine.docker.modem.followProgress(stream, (err, output) => {
        const failed = (output ?? []).find((o: { error?: string }) => o.error);
        if (err || failed) reject(new Error(`importing ${name} failed: ${err?.message ?? failed.error}`));
        else resolve();
      }),
    );
  });
}
