// Named volumes as checks see them: the engine's record of one, and what is stored in it, read by a throw-away
// container that mounts it read-only (so it works on a remote engine too, where the volume's folder is out of reach).
import type { StoredFile, VolumeFacts } from './types.js';
import { isNotFound, onEngine, type Engine } from './connection.js';
import { runThrowaway } from './containers.js';
import { PROBE_IMAGE } from './http.js';

export async function volumeFacts(engine: Engine, name: string): Promise<VolumeFacts | undefined> {
  return onEngine(engine, async () => {
    try {
      const info = (await engine.docker.getVolume(name).inspect()) as {
        Name: string;
        Driver: string;
        CreatedAt?: string;
        Labels?: Record<string, string> | null;
      };
      return {
        name: info.Name,
        driver: info.Driver,
        created: new Date(info.CreatedAt ?? 0),
        labels: info.Labels ?? {},
      };
    } catch (e) {
      if (isNotFound(e)) return undefined;
      throw e;
    }
  });
}

// One line per entry, sorted: type|uid|gid|mode|size|content|path (content: sha256 of a file, a symlink's target).
const LIST_SCRIPT = `cd /v && find . -mindepth 1 | sort | while IFS= read -r p; do
  case "$(stat -c %F "$p")" in
    regular*) t=file; x=$(sha256sum "$p" | cut -d" " -f1);;
    directory) t=dir; x=;;
    symbolic*) t=symlink; x=$(readlink "$p");;
    *) t=other; x=;;
  esac
  printf '%s|%s|%s|%s\\n' "$t" "$(stat -c '%u|%g|%a|%s' "$p")" "$x" "\${p#./}"
done`;

/** Parses LIST_SCRIPT's output (pure). */
export function parseVolumeListing(text: string): StoredFile[] {
  const out: StoredFile[] = [];
  for (const line of text.split('\n')) {
    const [type, uid, gid, mode, size, content, ...path] = line.split('|');
    if (!path.length) continue;
    const kind = (['file', 'dir', 'symlink'].includes(type) ? type : 'other') as StoredFile['type'];
    out.push({
      path: path.join('|'),
      type: kind,
      uid: Number(uid),
      gid: Number(gid),
      mode: kind === 'symlink' ? 0 : parseInt(mode, 8),
      size: kind === 'file' ? Number(size) : 0,
      content,
    });
  }
  return out;
}

/** Everything stored in a volume; undefined when there is no such volume (mounting it would create it). */
export async function volumeFiles(
  engine: Engine,
  workspaceId: string,
  name: string,
  signal?: AbortSignal,
): Promise<StoredFile[] | undefined> {
  if (!(await volumeFacts(engine, name))) return undefined;
  const read = await runThrowaway(
    engine,
    workspaceId,
    PROBE_IMAGE,
    { cmd: ['sh', '-c', LIST_SCRIPT], timeout: 30 },
    signal,
    { binds: [`${name}:/v:ro`] },
  );
  if (read.exitCode !== 0) throw new Error(`could not list volume ${name}: ${read.stderr.trim() || read.stdout}`);
  return parseVolumeListing(read.stdout);
}
