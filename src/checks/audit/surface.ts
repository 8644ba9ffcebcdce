// Turns an exported image filesystem into its attack surface: package count, shell, package managers,
// setuid/setgid files, and the user it runs as. Pure: the listing comes from src/sandbox/engine/image-filesystem.ts.
import type { AttackSurface } from '../kit/api.js';
import { countApkInstalled, countDpkgStatus, uidFor } from './package-db.js';
import type { TarEntry, TarListing } from '../../sandbox/engine/tar-reader.js';

export const DPKG_STATUS = '/var/lib/dpkg/status';
export const APK_INSTALLED = '/lib/apk/db/installed';
export const PASSWD = '/etc/passwd';
/** The files whose contents the audit reads. */
export const AUDIT_FILES = new Set([DPKG_STATUS, APK_INSTALLED, PASSWD]);

const PACKAGE_MANAGERS: Record<string, string[]> = {
  'apt-get': ['/usr/bin/apt-get', '/bin/apt-get'],
  dpkg: ['/usr/bin/dpkg', '/bin/dpkg', '/usr/sbin/dpkg', '/sbin/dpkg'],
  apk: ['/sbin/apk', '/usr/bin/apk', '/bin/apk'],
  rpm: ['/usr/bin/rpm', '/bin/rpm'],
};

/** Names shells go by (and the multi-call binaries that are one), in whatever folder they sit. */
const SHELL_NAMES = new Set([
  'sh',
  'bash',
  'ash',
  'dash',
  'zsh',
  'ksh',
  'mksh',
  'yash',
  'posh',
  'csh',
  'tcsh',
  'fish',
  'busybox',
  'toybox',
]);
/** Bytes that give a shell away when its file has another name: BusyBox, Toybox and GNU bash print these. */
export const SHELL_MARKERS = ['BusyBox v', 'GNU bash, version', 'toybox'];

/** Every path at which the image has a shell: a program by a shell's name, or an executable that is one by content. */
export function shellsIn(listing: TarListing): string[] {
  const named = [...listing.entries.values()].filter(
    (e) => SHELL_NAMES.has(e.path.slice(e.path.lastIndexOf('/') + 1)) && isProgram(resolve(listing.entries, e.path)),
  );
  return [...new Set([...named.map((e) => e.path), ...listing.marked.keys()])].sort();
}

/** Follows symlinks (in any component of the path, as the kernel does), at most 40 times. */
export function resolve(entries: ReadonlyMap<string, TarEntry>, path: string): TarEntry | undefined {
  let parts = path.split('/').filter(Boolean);
  for (let hops = 0, i = 0; i < parts.length;) {
    const here = '/' + parts.slice(0, i + 1).join('/');
    const entry = entries.get(here);
    if (!entry) return undefined;
    if (entry.type === 'symlink') {
      if (++hops > 40) return undefined;
      const base = entry.linkname.startsWith('/') ? [] : parts.slice(0, i);
      parts = normalise([...base, ...entry.linkname.split('/'), ...parts.slice(i + 1)]);
      i = 0;
      continue;
    }
    if (i === parts.length - 1) return entry;
    i++;
  }
  return undefined;
}

function normalise(parts: string[]): string[] {
  const out: string[] = [];
  for (const p of parts) {
    if (p === '' || p === '.') continue;
    if (p === '..') out.pop();
    else out.push(p);
  }
  return out;
}

const isProgram = (entry: TarEntry | undefined) =>
  entry !== undefined && (entry.type === 'file' || entry.type === 'hardlink');

export function attackSurface(image: string, sizeBytes: number, user: string, listing: TarListing): AttackSurface {
  const { entries, contents } = listing;
  const read = (path: string) => contents.get(path)?.toString('utf8');
  const statusD = [...entries.keys()].filter(
    (p) => p.startsWith('/var/lib/dpkg/status.d/') && entries.get(p)!.type === 'file',
  );
  const dpkg = read(DPKG_STATUS);
  const apk = read(APK_INSTALLED);
  const [packageDb, packages]: [AttackSurface['packageDb'], number] =
    dpkg !== undefined
      ? ['dpkg', countDpkgStatus(dpkg)]
      : statusD.length > 0
        ? ['dpkg', statusD.filter((p) => !p.endsWith('.md5sums')).length]
        : apk !== undefined
          ? ['apk', countApkInstalled(apk)]
          : ['none', 0];
  const files = [...entries.values()].filter((e) => e.type === 'file' || e.type === 'hardlink');
  const uid = uidFor(user, read(PASSWD));
  return {
    image,
    sizeBytes,
    packageDb,
    packages,
    shells: shellsIn(listing),
    packageManagers: Object.entries(PACKAGE_MANAGERS)
      .filter(([, paths]) => paths.some((p) => isProgram(resolve(entries, p))))
      .map(([name]) => name),
    setuid: files
      .filter((e) => e.mode & 0o4000)
      .map((e) => e.path)
      .sort(),
    setgid: files
      .filter((e) => e.mode & 0o2000)
      .map((e) => e.path)
      .sort(),
    user,
    uid,
    runsAsRoot: uid === 0,
  };
}
