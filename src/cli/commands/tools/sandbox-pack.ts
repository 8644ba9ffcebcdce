// `containerlings sandbox pack FILE [image...]` / `sandbox load FILE`: carry the base images and the local
// registry's data to a room without internet.
import { resolve } from 'node:path';
import { UserError } from '../../../errors.js';
import { ensureImage, loadCatalog } from '../../../sandbox/images/catalog.js';
import { connect } from '../../../sandbox/engine/connection.js';
import { sandboxFiles } from '../../../sandbox/services/registry/sandbox-dir.js';
import { loadRoom, packRoom } from '../../../sandbox/images/room-pack.js';
import type { Invocation } from '../../args.js';
import { FINDING } from '../../../outcome-theme.js';
import { EXIT, mark, paint, printJson } from '../../output.js';
import { courseInUse } from '../../workshop-context.js';

export default async function sandboxPack(inv: Invocation, action: 'pack' | 'load'): Promise<number> {
  const file = inv.positionals[1];
  if (!file)
    throw new UserError(
      `\`containerlings sandbox ${action}\` needs a file.`,
      `For example: \`containerlings sandbox ${action} containerlings-room.tar\`.`,
      'usage',
    );
  const say = (line: string) => !inv.json && process.stderr.write(paint('dim', line) + '\n');
  const registryData = sandboxFiles().registryData;
  if (action === 'load') {
    const { manifest, loaded } = await loadRoom(resolve(file), registryData);
    if (inv.json)
      printJson({
        file: resolve(file),
        images: manifest.images,
        loaded,
        registryData: manifest.registryData ? registryData : null,
      });
    else
      process.stdout.write(
        `${mark(FINDING.ok)} Loaded ${loaded.length} image(s)` +
          `${manifest.registryData ? ` and the registry data into ${registryData}` : ''} from ${resolve(file)}.\n`,
      );
    return EXIT.pass;
  }
  const { course, workshop } = await courseInUse(inv);
  const catalog = await loadCatalog(workshop?.catalog ? resolve(workshop.catalog, '..', '..', '..') : course.root);
  const names = inv.positionals.length > 2 ? inv.positionals.slice(2) : Object.keys(catalog);
  const engine = await connect();
  for (const name of names) await ensureImage(engine, catalog, name, say);
  say(`Saving ${names.length} image(s)...`);
  const manifest = await packRoom(
    resolve(file),
    Object.fromEntries(names.map((n) => [n, catalog[n].tag])),
    registryData,
  );
  if (inv.json) printJson({ file: resolve(file), ...manifest });
  else
    process.stdout.write(
      `${mark(FINDING.ok)} Wrote ${resolve(file)}: ${names.join(', ')}${manifest.registryData ? ', and the local registry data' : ''}. ` +
        `On the room's machines: \`containerlings sandbox load ${file}\`.\n`,
    );
  return EXIT.pass;
}
