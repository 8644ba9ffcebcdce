// Deciding whether a Kubernetes cluster is there, from kubectl's answers; fake kubectl programs stand in for
// the clusters this machine does not have (no cluster, refused, credentials rejected, answering).
import { describe, expect, it } from 'vitest';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { okWithSkips } from '../../src/authoring/selftest-skips.js';
import { classify, kubernetesAvailability, unavailableLessons } from '../../src/sandbox/engine/kubernetes.js';
import { fakeKubectl } from '../support/kubectl.js';

describe('kubernetesAvailability', () => {
  it('no kubectl, no context, or a context that refuses connections: no cluster, an expected skip', async () => {
    expect(await kubernetesAvailability('/nonexistent/kubectl')).toMatchObject({
      available: false,
      noCluster: true,
      reason: 'no cluster: kubectl is not installed',
    });
    expect(await kubernetesAvailability(fakeKubectl(undefined, { code: 0 }))).toMatchObject({
      available: false,
      noCluster: true,
      reason: expect.stringMatching(/no current context/),
    });
    const refused = await kubernetesAvailability(
      fakeKubectl('kind-demo', {
        code: 1,
        stderr: 'The connection to the server 127.0.0.1:6443 was refused - did you specify the right host or port?',
      }),
    );
    expect(refused).toMatchObject({
      available: false,
      noCluster: true,
      context: 'kind-demo',
      reason: expect.stringMatching(/^no cluster: the context "kind-demo" does not answer/),
    });
  });

  it('a cluster that answers is available; one that rejects kubectl is a broken setup, not a missing one', async () => {
    expect(await kubernetesAvailability(fakeKubectl('kind-demo', { code: 0 }))).toEqual({
      available: true,
      noCluster: false,
      context: 'kind-demo',
    });
    const forbidden = await kubernetesAvailability(
      fakeKubectl('eks', { code: 1, stderr: 'error: You must be logged in to the server (Unauthorized)' }),
    );
    expect(forbidden).toMatchObject({
      available: false,
      noCluster: false,
      reason: 'the cluster of context "eks" refused kubectl: You must be logged in to the server (Unauthorized)',
    });
  });

  it('a server that does not answer within the request timeout counts as no cluster', () => {
    expect(
      classify({ code: 0, stdout: 'remote\n', stderr: '' }, { code: 'timeout', stdout: '', stderr: '' }),
    ).toMatchObject({
      available: false,
      noCluster: true,
      reason: 'no cluster: the context "remote" did not answer within 3 s',
    });
  });

  it('asks kubectl only when a lesson needs kubernetes', async () => {
    expect((await unavailableLessons([{ id: 'swarm', needs: ['docker', 'swarm'] }])).size).toBe(0);
  });
});

describe('okWithSkips', () => {
  const skip = (noCluster: boolean) => ({ exercise: 'k8s', lesson: 'kubernetes', reason: 'r', noCluster });
  it('stays green only for "no cluster" skips, and never hides a failure', () => {
    expect(okWithSkips(true, [skip(true)])).toBe(true);
    expect(okWithSkips(true, [skip(true), skip(false)])).toBe(false);
    expect(okWithSkips(false, [skip(true)])).toBe(false);
    expect(okWithSkips(true, [])).toBe(true);
  });
});

describe('noKubeconfig', () => {
  it('answers "no cluster" without starting kubectl when its configuration does not exist', async () => {
    const { noKubeconfig } = await import('../../src/sandbox/engine/kubernetes.js');
    const home = mkdtempSync(join(tmpdir(), 'cl-kube-'));
    expect(await noKubeconfig({ HOME: home })).toMatchObject({
      available: false,
      noCluster: true,
      reason: `no cluster: kubectl has no configuration (${join(home, '.kube', 'config')})`,
    });
    mkdirSync(join(home, '.kube'));
    writeFileSync(join(home, '.kube', 'config'), 'apiVersion: v1\n');
    expect(noKubeconfig({ HOME: home })).toBeUndefined();
    expect(noKubeconfig({ HOME: home, KUBECONFIG: '/nonexistent/a:/nonexistent/b' })).toBeDefined();
    // A custom kubectl is always asked.
    expect(noKubeconfig({ HOME: '/nonexistent', CONTAINERLINGS_KUBECTL: '/usr/bin/true' })).toBeUndefined();
  });
});
