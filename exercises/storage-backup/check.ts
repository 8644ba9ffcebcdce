// storage-backup: app-data.tar.gz in this folder holds everything in the volume cl-app-data as it is now (names,
// content, owners, modes), and the new volume cl-app-restore, created after the start, holds the same at its root.
// The data has a fresh token per attempt (setup.sh), so a backup or a restore from another attempt does not match.
import type { Check, StoredFile } from 'containerlings/kit';

const SOURCE = 'cl-app-data';
const RESTORE = 'cl-app-restore';
const FILE = 'app-data.tar.gz';
const BACKUP = `docker run --rm -v ${SOURCE}:/data:ro containerlings/busybox tar -czf - -C /data . > ${FILE}`;
const RESTORE_CMD = `docker run --rm -i -v ${RESTORE}:/data containerlings/busybox tar -xzf - -C /data < ${FILE}`;

interface Differences {
  readonly missing: string[];
  readonly extra: string[];
  readonly changed: string[];
}

function compare(expected: readonly StoredFile[], actual: readonly StoredFile[]): Differences {
  const have = new Map(actual.map((f) => [f.path, f]));
  const want = new Set(expected.map((f) => f.path));
  const changed: string[] = [];
  for (const e of expected) {
    const a = have.get(e.path);
    if (!a) continue;
    if (a.type !== e.type) changed.push(`${e.path} is a ${a.type}, not a ${e.type}`);
    else if (a.content !== e.content || a.size !== e.size) changed.push(`${e.path} has other content`);
    else if (a.uid !== e.uid || a.gid !== e.gid)
      changed.push(`${e.path} belongs to ${a.uid}:${a.gid}, not ${e.uid}:${e.gid}`);
    else if (a.mode !== e.mode) changed.push(`${e.path} has mode ${a.mode.toString(8)}, not ${e.mode.toString(8)}`);
  }
  return {
    missing: expected.filter((f) => !have.has(f.path)).map((f) => f.path),
    extra: actual.filter((f) => !want.has(f.path)).map((f) => f.path),
    changed,
  };
}

const same = (d: Differences) => !d.missing.length && !d.extra.length && !d.changed.length;
const list = (paths: readonly string[]) => paths.slice(0, 4).join(', ') + (paths.length > 4 ? ', ...' : '');

/** The entries of one top folder (data/notes/... → notes/...) when everything is in it; undefined otherwise. */
function underOneFolder(files: readonly StoredFile[]): StoredFile[] | undefined {
  const top = files[0]?.path.split('/')[0];
  if (!top || !files.every((f) => f.path === top || f.path.startsWith(`${top}/`))) return undefined;
  return files.filter((f) => f.path !== top).map((f) => ({ ...f, path: f.path.slice(top.length + 1) }));
}

const check: Check = async (kit) => {
  const source = await kit.volumeFiles(SOURCE);
  if (!source?.some((f) => f.path === 'notes/token.txt'))
    return kit.fail(
      `The volume ${SOURCE} ${source ? 'no longer holds the application data' : 'is gone'}: there is nothing to compare with.`,
      'Start again from the original data: containerlings reset storage-backup.',
    );

  let archive: StoredFile[] | undefined;
  try {
    archive = await kit.archiveFiles(FILE);
  } catch (e) {
    return kit.fail(`${FILE} is not a tar archive (${(e as Error).message}).`, `Make it with tar: ${BACKUP}`);
  }
  if (!archive)
    return kit.diagnose(
      'no-backup',
      `There is no ${FILE} in your storage-backup folder.`,
      `A file written inside a --rm container goes with it. Stream the archive to your side: ${BACKUP}`,
    );
  const evidence = { sourceEntries: source.length, archiveEntries: archive.length };
  if (archive.length === 0)
    return kit.diagnose(
      'backup-empty',
      `${FILE} is an empty archive, while ${SOURCE} holds ${source.length} entries.`,
      `Is the volume's name right (docker volume ls)? A misspelled -v name:/data creates a new, empty volume. ${BACKUP}`,
      evidence,
    );
  // An archive of the folder itself (data/notes/...) still holds everything; how it is restored decides.
  const inArchive = compare(source, archive);
  const nested = underOneFolder(archive);
  const backup = same(inArchive) || !nested ? inArchive : compare(source, nested);
  if (backup.missing.length)
    return kit.diagnose(
      'missing-files',
      `${FILE} lacks ${backup.missing.length} of the ${source.length} entries in ${SOURCE}: ${list(backup.missing)}.`,
      `Archive the folder's whole contents, hidden names too: ${BACKUP}`,
      evidence,
    );
  if (backup.changed.length || backup.extra.length)
    return kit.fail(
      `${FILE} does not hold what ${SOURCE} holds now: ${list([...backup.changed, ...backup.extra.map((p) => `${p} is extra`)])}. ` +
        'Was it made from another volume, or before the exercise was reset?',
      `Make it again from ${SOURCE}: ${BACKUP}`,
      evidence,
    );

  const volume = await kit.volume(RESTORE);
  if (!volume)
    return kit.fail(
      `Your backup is complete, but there is no volume ${RESTORE} to restore it into.`,
      `docker volume create ${RESTORE}; then ${RESTORE_CMD}`,
      evidence,
    );
  if (!kit.since(volume.created))
    return kit.fail(
      `The volume ${RESTORE} was created before you started this exercise.`,
      `Restore into a fresh one: docker volume rm ${RESTORE}; docker volume create ${RESTORE}; ${RESTORE_CMD}`,
      { ...evidence, restoreCreated: volume.created.toISOString() },
    );
  const restored = (await kit.volumeFiles(RESTORE)) ?? [];
  const result = compare(source, restored);
  if (same(result))
    return kit.pass(
      `${FILE} holds all ${source.length} entries of ${SOURCE}, and ${RESTORE} holds the same names, content, ` +
        'owners and modes.',
      { ...evidence, restoredEntries: restored.length },
    );
  const restoredNested = underOneFolder(restored);
  if (restoredNested && same(compare(source, restoredNested)))
    return kit.diagnose(
      'nested-path',
      `${RESTORE} holds the data one folder down, in /${restored[0].path.split('/')[0]}: ` +
        `the archive stored the folder itself, not its contents.`,
      `Archive the contents (tar -czf - -C /data .), then restore into an empty ${RESTORE}.`,
      { ...evidence, restoredEntries: restored.length },
    );
  if (result.missing.length)
    return kit.diagnose(
      'missing-files',
      `${RESTORE} lacks ${result.missing.length} of the ${source.length} entries of ${SOURCE}: ${list(result.missing)}.`,
      `Restore the whole archive into ${RESTORE}: ${RESTORE_CMD}`,
      { ...evidence, restoredEntries: restored.length },
    );
  return kit.diagnose(
    'restore-differs',
    `${RESTORE} is not the same as ${SOURCE}: ${list([...result.changed, ...result.extra.map((p) => `${p} is extra`)])}.`,
    `Empty it (docker volume rm ${RESTORE}; docker volume create ${RESTORE}) and restore as root: ${RESTORE_CMD}`,
    { ...evidence, restoredEntries: restored.length },
  );
};

export default check;
