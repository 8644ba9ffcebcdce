// Counts installed packages from the package databases: dpkg's status file (or distroless's status.d) and apk's.

/** Packages dpkg lists as installed: stanzas with "Status: install ok installed". */
export function countDpkgStatus(status: string): number {
  return status
    .split(/\r?\n\s*\r?\n/)
    .filter(
      (stanza) =>
        /^Package:/m.test(stanza) &&
        /^Status:.*\binstalled\b/m.test(stanza) &&
        !/^Status:.*\bnot-installed\b/m.test(stanza),
    ).length;
}

/** Packages in apk's database (/lib/apk/db/installed): one "P:<name>" line per package. */
export function countApkInstalled(installed: string): number {
  return installed.split(/\r?\n/).filter((line) => line.startsWith('P:')).length;
}

/** The uid a USER value names: numeric, or looked up in /etc/passwd. undefined when it cannot be resolved. */
export function uidFor(user: string, passwd: string | undefined): number | undefined {
  const name = user.split(':')[0];
  if (name === '' || name === 'root') return 0;
  if (/^\d+$/.test(name)) return Number(name);
  for (const line of (passwd ?? '').split('\n')) {
    const [entry, , uid] = line.split(':');
    if (entry === name && /^\d+$/.test(uid ?? '')) return Number(uid);
  }
  return undefined;
}
