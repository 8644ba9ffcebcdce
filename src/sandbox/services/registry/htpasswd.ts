// The registry's htpasswd: user `learner` (Registries lesson) and user `AWS` (the ECR token's password).
// The registry re-reads the file when it changes, so a new ECR token works at once and the old one stops.
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { newSecret, readSettings, writeSettings, type SandboxFiles } from './sandbox-dir.js';

/** ECR's authorization tokens are valid for 12 hours; ours too (CONTAINERLINGS_ECR_TOKEN_SECONDS shortens it for tests). */
export const tokenLifetimeMs = (env = process.env) => Number(env.CONTAINERLINGS_ECR_TOKEN_SECONDS ?? 12 * 3600) * 1000;

async function hash(password: string): Promise<string> {
  const { default: bcrypt } = await import('bcryptjs');
  // Cost 10: the registry checks every request's password, and a higher cost slows every layer upload.
  return bcrypt.hash(password, 10);
}

export async function learnerPassword(files: SandboxFiles): Promise<string> {
  try {
    return (await readFile(files.learnerPassword, 'utf8')).trim();
  } catch {
    const password = newSecret(18);
    await mkdir(dirname(files.learnerPassword), { recursive: true, mode: 0o700 });
    await writeFile(files.learnerPassword, password + '\n', { mode: 0o600 });
    return password;
  }
}

/** Writes htpasswd with both users. Atomic, so the registry never reads half a file. */
export async function writeHtpasswd(files: SandboxFiles, awsPassword: string): Promise<void> {
  const lines = [`learner:${await hash(await learnerPassword(files))}`, `AWS:${await hash(awsPassword)}`];
  const tmp = `${files.htpasswd}.${process.pid}.tmp`;
  await mkdir(dirname(files.htpasswd), { recursive: true, mode: 0o700 });
  await writeFile(tmp, lines.join('\n') + '\n', { mode: 0o600 });
  await rename(tmp, files.htpasswd);
}

/** The current ECR password, made anew (and written to htpasswd) when there is none or it has expired. */
export async function currentAwsPassword(
  files: SandboxFiles,
  now = Date.now(),
): Promise<{ password: string; expiresAt: number }> {
  const settings = await readSettings(files);
  if (settings.awsPassword && settings.awsPasswordExpiresAt && settings.awsPasswordExpiresAt > now + 60_000) {
    return { password: settings.awsPassword, expiresAt: settings.awsPasswordExpiresAt };
  }
  const password = newSecret();
  const expiresAt = now + tokenLifetimeMs();
  await writeHtpasswd(files, password);
  await writeSettings(files, {
    ...(await readSettings(files)),
    awsPassword: password,
    awsPasswordExpiresAt: expiresAt,
  });
  return { password, expiresAt };
}
