// The offline room pack: every catalog base image (docker save) and, when there is one, the local registry's
// data, in one tarball that `sandbox load` restores on machines without internet.
import { existsSync } from 'node:fs';
import { cp, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { UserError } from '../../errors.js';
import { VERSION } from '../../version.js';
import { dockerCli } from '../engine/docker-cli.js';
import { run } from '../process.js';

export interface PackManifest {
  readonly format: 'containerlings-room-pack';
  readonly version: 1;
  readonly containerlings: string;
  readonly createdAt: string;
  /** Logical name → tag, as saved. */
  readonly images: Readonly<Record<string, string>>;
  readonly registryData: boolean;
}

async function tar(args: string[]): Promise<void> {
  const ran = await run(['tar', ...args], { install: 'Install tar (`sudo apt-get install tar`), then try again.' });
  if (ran.code !== 0)
    throw new UserError(
      `tar failed: ${ran.stderr.trim() || `exit ${ran.code ?? ran.signal}`}`,
      'Is there room on the disk? `df -h`',
      'disk',
    );
}

export async function packRoom(
  file: string,
  images: Readonly<Record<string, string>>,
  registryData: string | undefined,
): Promise<PackManifest> {
  const work = await mkdtemp(join(tmpdir(), 'containerlings-pack-'));
  try {
    const saved = await dockerCli(['save', '-o', join(work, 'images.tar'), ...Object.values(images)], 1_800_000);
    if (saved.code !== 0)
      throw new UserError(
        `docker save failed: ${saved.output.trim()}`,
        'Run `containerlings sandbox prepare` first, so every base image exists.',
        'engine',
      );
    const withRegistry = Boolean(registryData && existsSync(registryData));
    if (withRegistry) await cp(registryData!, join(work, 'registry-data'), { recursive: true });
    const manifest: PackManifest = {
      format: 'containerlings-room-pack',
      version: 1,
      containerlings: VERSION,
      createdAt: new Date().toISOString(),
      images,
      registryData: withRegistry,
    };
    await writeFile(join(work, 'pack.json'), JSON.stringify(manifest, null, 2) + '\n');
    await tar([
      '-cf',
      resolve(file),
      '-C',
      work,
      'pack.json',
      'images.tar',
      ...(withRegistry ? ['registry-data'] : []),
    ]);
    return manifest;
  } finally {
    await rm(work, { recursive: true, force: true });
  }
}

/** Loads the images, and merges the registry data into `registryData` without overwriting what is there. */
export async function loadRoom(
  file: string,
  registryData: string | undefined,
): Promise<{ manifest: PackManifest; loaded: string[] }> {
  if (!existsSync(file))
    throw new UserError(
      `There is no pack at ${file}.`,
      'Make one on a machine with the images: `containerlings sandbox pack <file>`.',
      'usage',
    );
  const work = await mkdtemp(join(tmpdir(), 'containerlings-load-'));
  try {
    await tar(['-xf', resolve(file), '-C', work]);
    let manifest: PackManifest;
    try {
      manifest = JSON.parse(await readFile(join(work, 'pack.json'), 'utf8'));
    } catch {
      throw new UserError(
        `${file} is not a containerlings room pack (no pack.json).`,
        'Make one with `containerlings sandbox pack <file>`.',
        'usage',
      );
    }
    const loaded = await dockerCli(['load', '-i', join(work, 'images.tar')], 1_800_000);
    if (loaded.code !== 0)
      throw new UserError(
        `docker load failed: ${loaded.output.trim()}`,
        'Is Docker running, with room on its disk? `docker info`',
        'engine',
      );
    if (manifest.registryData && registryData) {
      await mkdir(registryData, { recursive: true });
      // Registry storage is content-addressed: files that exist already hold the same bytes, so keep them.
      await cp(join(work, 'registry-data'), registryData, { recursive: true, force: false });
    }
    return { manifest, loaded: [...loaded.output.matchAll(/Loaded image(?: ID)?: (\S+)/g)].map((m) => m[1]) };
  } finally {
    await rm(work, { recursive: true, force: true });
  }
}
