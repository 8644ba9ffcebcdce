// Removes a repository an exercise declares (`resources.repositories`): from the local ECR state and the
// registry, or, in real mode, from ECR, but only when containerlings created it (tagged containerlings=true).
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
  if (!settings.registryPort || !(await waitForHttp(`http://127.0.0.1:${settings.registryPort}/v2/`, 500)))
    return removed;
  const { registryApi } = await import('../services/services.js');
  const api = await registryApi(files);
  const digests = new Set([...(await api.images(name)).keys(), ...pushed]);
  for (const digest of digests) if (await api.deleteManifest(name, digest)) removed = true;
  return removed;
}
