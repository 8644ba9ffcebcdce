// Removes a repository an exercise declares (`resources.repositories`): from the local ECR state and the
// registry, or, in real mode, from ECR, but only when containerlings created it (tagged containerlings=true).
import { existsSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { readSettings, sandboxFiles } from '../services/registry/sandbox-dir.js';
import { readState, updateState } from '../services/ecr/state.js';
import { awsMode } from '../services/sandbox-env.js';
import { waitForHttp } from '../services/registry/registry-process.js';

/** true when something was removed. */
export async function removeRepository(name: string, files = sandboxFiles()): Promise<boolean> {
  if (awsMode() === 'real') return (await import('./real-cleanup.js')).deleteTaggedRepository(name);
  let removed = false;
  const state = await readState(files.ecrState);
  const pushed = Object.keys(state.repositories[name]?.pushes ?? {});
  if (state.repositories[name]) {
    await updateState(files.ecrState, (s) => void delete s.repositories[name]);
    removed = true;
  }
  const settings = await readSettings(files);
  const { configuredRegistry, registryApi } = await import('../services/services.js');
  const ours = !configuredRegistry(process.env, settings.registryPort);
  if (settings.registryPort && (await waitForHttp(`http://127.0.0.1:${settings.registryPort}/v2/`, 500))) {
    const api = await registryApi(files);
    const digests = new Set([...(await api.images(name)).keys(), ...pushed]);
    for (const digest of digests) if (await api.deleteManifest(name, digest)) removed = true;
  }
  // Our registry's storage holds the repository's tags even while the registry is stopped (after a reboot, or
  // `sandbox down`): without this, they came back with the next `sandbox up`. Blobs stay for the registry's GC.
  if (ours) {
    const folder = join(files.registryData, 'docker', 'registry', 'v2', 'repositories', name);
    if (existsSync(folder)) {
      await rm(folder, { recursive: true, force: true });
      removed = true;
    }
  }
  return removed;
}
