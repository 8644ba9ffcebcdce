// `containerlings audit <image> [--json]`: the image's attack surface, read offline; and a real CVE scan with a
// fail-on-high gate when grype, trivy or docker scout is installed. Exit 1 only when such a gate fails.
import { existsSync } from 'node:fs';
import { auditImage } from '../../../checks/audit/audit.js';
import { scanImage } from '../../../checks/audit/scanners.js';
import type { AttackSurface } from '../../../checks/kit/api.js';
import { UserError } from '../../../errors.js';
import { progressPath, readProgress } from '../../../progress/store.js';
import { locateWorkspace } from '../../../progress/workspace.js';
import { connect } from '../../../sandbox/engine/connection.js';
import type { Invocation } from '../../args.js';
import { FINDING } from '../../../outcome-theme.js';
import { EXIT, mark, marked, paint, printJson } from '../../output.js';

const HONEST =
  'This audit knows no CVEs: it counts what is in the image, not what is vulnerable. ' +
  'Install grype, trivy or docker scout for a vulnerability scan.';

function surfaceLines(s: AttackSurface): string[] {
  const flag = (bad: boolean, text: string) => `  ${mark(bad ? FINDING.warn : FINDING.ok)} ${text}`;
  const list = (paths: readonly string[]) =>
    paths.length ? `: ${paths.slice(0, 8).join(', ')}${paths.length > 8 ? ', ...' : ''}` : '';
  return [
    paint('bold', `Attack surface of ${s.image} (${(s.sizeBytes / 1e6).toFixed(1)} MB)`),
    flag(
      s.packages > 0,
      s.packageDb === 'none' ? 'no package database' : `${s.packages} packages installed (${s.packageDb} database)`,
    ),
    flag(s.shells.length > 0, s.shells.length ? `has a shell (${s.shells.join(', ')})` : 'no shell'),
    flag(
      s.packageManagers.length > 0,
      s.packageManagers.length ? `package managers: ${s.packageManagers.join(', ')}` : 'no package manager',
    ),
    flag(s.setuid.length > 0, `${s.setuid.length} setuid files${list(s.setuid)}`),
    flag(s.setgid.length > 0, `${s.setgid.length} setgid files${list(s.setgid)}`),
    flag(
      s.runsAsRoot,
      s.runsAsRoot
        ? `runs as root${s.user ? ` (USER ${s.user})` : ' (no USER)'}`
        : `runs as ${s.user}${s.uid !== undefined ? ` (uid ${s.uid})` : ''}`,
    ),
  ];
}

export default async function audit(inv: Invocation): Promise<number> {
  const image = inv.positionals[0];
  if (!image)
    throw new UserError(
      '`containerlings audit` needs an image.',
      'For example: containerlings audit containerlings/debian:bookworm',
      'usage',
    );
  const ws = locateWorkspace(inv.workspace);
  const workspaceId = existsSync(progressPath(ws)) ? (await readProgress(ws)).workspaceId : 'cli';
  const surface = await auditImage(await connect(), workspaceId, image);
  const scan = await scanImage(image);
  const code = scan && !scan.passed ? EXIT.fail : EXIT.pass;
  if (inv.json) {
    printJson({
      surface,
      scan: scan ?? null,
      knowsCves: Boolean(scan),
      note: scan ? undefined : HONEST,
      outcome: code === EXIT.pass ? 'pass' : 'fail',
    });
    return code;
  }
  const lines = surfaceLines(surface);
  if (scan) {
    lines.push('', paint('bold', `${scan.scanner} (${scan.command}):`), scan.output.trimEnd());
    lines.push(
      scan.passed
        ? marked(FINDING.ok, 'no HIGH or CRITICAL vulnerabilities')
        : marked(FINDING.fail, `the fail-on-high gate failed (exit ${scan.exitCode})`),
    );
  } else {
    lines.push('', paint('dim', HONEST));
  }
  process.stdout.write(lines.join('\n') + '\n');
  return code;
}
