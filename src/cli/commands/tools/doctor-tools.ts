// `containerlings doctor` on the tools some lessons run besides the engine: git, and which aws CLI the sandbox's
// `aws` runs.
import type { Finding } from './doctor-finding.js';

/** A finding's name, the command, the lessons that need it, and how to install it. */
export const TOOLS = [
  [
    'git',
    'git',
    'the continuous-delivery lesson runs its pipelines at git commits',
    'Install git (Debian/Ubuntu: sudo apt-get install git).',
  ],
] as const;

const AWS_INSTALL =
  "Install the AWS CLI version 2 (Debian 12 and later: sudo apt-get install awscli; elsewhere, AWS's installer).";

/** Which aws CLI the sandbox's `aws` runs (the first version 2 on PATH, else the first one, with a warning). */
export async function awsCliFinding(): Promise<Finding> {
  const { awsCliInUse } = await import('../../../sandbox/services/aws-wrapper.js');
  const found = await awsCliInUse();
  const needed = 'the ECR and continuous-delivery lessons use it';
  if (!found) return { name: 'aws CLI', status: 'warn', detail: `not installed: ${needed}`, fix: AWS_INSTALL };
  const { chosen, candidates } = found;
  const release = (v: string) => v.split(' ')[0] || 'an unknown version';
  const skipped = candidates
    .filter((c) => c.path !== chosen.path && c.version !== chosen.version)
    .map((c) => `${release(c.version)} at ${c.path}`);
  const detail =
    `${release(chosen.version)} at ${chosen.path} (${needed})` +
    (skipped.length ? `; not used: ${skipped.join(', ')}` : '');
  return chosen.version.startsWith('aws-cli/2.')
    ? { name: 'aws CLI', status: 'ok', detail }
    : {
        name: 'aws CLI',
        status: 'warn',
        detail: `${detail}: no version 2 on PATH, and the lessons are written for version 2`,
        fix: AWS_INSTALL,
      };
}
