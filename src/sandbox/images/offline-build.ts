// Offline builds from a Dockerfile recipe: the recipe folder plus host files (static programs, certificates,
// zoneinfo) assembled into a build context, built with the catalog and source labels.
import { existsSync } from 'node:fs';
import { spawn } from 'node:child_process';
import { chmod, cp, mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { UserError } from '../../errors.js';
import { isStaticBinary, type DockerfileRecipe } from './recipes.js';
import { CATALOG_LABEL, onEngine, SOURCE_LABEL, type Engine } from '../engine/connection.js';

/** The host file or folder to copy for each context entry, or a UserError naming what to install. */
export function resolveHostFiles(name: string, online: string, recipe: DockerfileRecipe): Record<string, string> {
  const found: Record<string, string> = {};
  const install = recipe.requires
    ? `Install it: \`sudo apt-get install ${recipe.requires}\`, or connect to the internet so ${online} can be pulled.`
    : undefined;
  for (const [file, candidates] of Object.entries(recipe.copy)) {
    const hit = candidates.find((c) => existsSync(c) && isStaticBinary(c));
    if (!hit)
      throw new UserError(
        `Cannot build ${name} offline: none of ${candidates.join(', ')} is a statically linked program.`,
        install,
        'engine',
      );
    found[file] = hit;
  }
  for (const [file, candidates] of Object.entries(recipe.context)) {
    const hit = candidates.find((c) => existsSync(c));
    if (!hit)
      throw new UserError(
        `Cannot build ${name} offline: ${candidates.join(' or ')} is missing on this machine.`,
        install,
        'engine',
      );
    found[file] = hit;
  }
  return found;
}

export async function buildFromDockerfile(
  engine: Engine,
  name: string,
  tag: string,
  online: string,
  recipe: DockerfileRecipe,
  report: (line: string) => void,
) {
  const hostFiles = resolveHostFiles(name, online, recipe);
  const context = await mkdtemp(join(tmpdir(), 'containerlings-build-'));
  try {
    await cp(recipe.recipe, context, { recursive: true });
    for (const [file, source] of Object.entries(hostFiles)) {
      await mkdir(dirname(join(context, file)), { recursive: true });
      // verbatimSymlinks: zoneinfo's aliases stay links, as in the real image.
      await cp(source, join(context, file), { recursive: true, verbatimSymlinks: true });
    }
    for (const [dir, mode] of Object.entries(recipe.dirs)) {
      await mkdir(join(context, dir), { recursive: true });
      await chmod(join(context, dir), parseInt(mode, 8));
    }
    report(`Building ${name} from ${recipe.recipe}...`);
    await onEngine(engine, async () => {
      // Packed by the host's tar rather than dockerode's, which applies the umask (a 1777 /tmp would lose o+w).
      // A byte stream piped into the build, not a run with captured text: so not through sandbox/process.ts.
      const tar = spawn('tar', ['-C', context, '--numeric-owner', '-cf', '-', '.'], {
        stdio: ['ignore', 'pipe', 'inherit'],
      });
      const stream = await engine.docker.buildImage(
        tar.stdout as never,
        {
          t: tag,
          labels: JSON.stringify({ [CATALOG_LABEL]: name, [SOURCE_LABEL]: 'offline-recipe' }),
          rm: true,
          forcerm: true,
        } as object,
      );
      await new Promise<void>((resolve, reject) =>
        engine.docker.modem.followProgress(stream, (err, output) => {
          const failed = (output ?? []).find((o: { error?: string }) => o.error);
          if (err || failed) reject(new Error(`building ${name} failed: ${err?.message ?? failed.error}`));
          else resolve();
        }),
      );
    });
  } finally {
    await rm(context, { recursive: true, force: true });
  }
}
