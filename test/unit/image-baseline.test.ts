// "Built after you started" on every builder: the rule that says whether an image is new in this attempt.
import { writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { baselineFrom, canonicalName, newBecause, rebase } from '../../src/checks/kit/image-baseline.js';
import type { ImageFacts } from '../../src/checks/kit/api.js';
import { newProgress, progressPath, readProgress, writeProgress } from '../../src/progress/store.js';
import { tempDir } from '../support/cli.js';

const START = new Date('2026-12-01T10:00:00Z');
const BEFORE = new Date('2026-11-30T08:00:00Z');
const AFTER = new Date('2026-12-01T10:05:00Z');
const OLD = 'sha256:aaaa';
const MINE = 'sha256:bbbb';

function image(facts: Partial<ImageFacts>): ImageFacts {
  return {
    id: MINE,
    tags: ['containerlings/hello:latest'],
    created: BEFORE,
    sizeBytes: 1,
    layers: 1,
    user: '',
    workdir: '',
    env: {},
    cmd: [],
    repoDigests: [],
    entrypoint: [],
    exposedPorts: [],
    labels: {},
    ...facts,
  };
}

describe('image names', () => {
  it('writes one name one way on Docker and Podman', () => {
    expect(canonicalName('containerlings/hello')).toBe('containerlings/hello:latest');
    expect(canonicalName('docker.io/containerlings/hello:latest')).toBe('containerlings/hello:latest');
    expect(canonicalName('docker.io/library/busybox')).toBe('busybox:latest');
    expect(canonicalName('127.0.0.1:5000/cl-app')).toBe('127.0.0.1:5000/cl-app:latest');
    expect(canonicalName('containerlings/lean-svc:1.0')).toBe('containerlings/lean-svc:1.0');
  });

  it('reads a baseline from a snapshot: absent names are null', () => {
    const snapshot = new Map([['containerlings/hello:latest', OLD]]);
    expect(baselineFrom(snapshot, ['containerlings/hello', 'containerlings/demo'])).toEqual({
      'containerlings/hello': OLD,
      'containerlings/demo': null,
    });
  });

  it('gives what a setup script made under a declared name to the setup, and nothing else', () => {
    const before = new Map([['containerlings/a:latest', OLD]]);
    const after = new Map([
      ['containerlings/a:latest', OLD],
      ['containerlings/b:latest', MINE],
    ]);
    // c was built by the learner between the start and the first check (which runs the setup): it stays theirs.
    const both = new Map([['containerlings/c:latest', MINE]]);
    expect(
      rebase(
        { 'containerlings/a': OLD, 'containerlings/b': null, 'containerlings/c': null },
        new Map([...before, ...both]),
        new Map([...after, ...both]),
      ),
    ).toEqual({ 'containerlings/a': OLD, 'containerlings/b': MINE, 'containerlings/c': null });
  });
});

describe('is the image new in this attempt?', () => {
  it('legacy builder: created after the start', () => {
    expect(newBecause(image({ created: AFTER }), START)).toBe('created');
  });

  it('clock rounding: created a second before the start still counts', () => {
    expect(newBecause(image({ created: new Date(START.getTime() - 1000) }), START)).toBe('created');
    expect(newBecause(image({ created: new Date(START.getTime() - 5000) }), START)).toBeUndefined();
  });

  it("BuildKit on Docker: the base image's Created, but the build's tag is stamped", () => {
    expect(newBecause(image({ created: BEFORE, lastTagged: AFTER }), START)).toBe('tagged');
  });

  it('any engine: the declared name named no image at the start', () => {
    expect(newBecause(image({ created: BEFORE }), START, { 'containerlings/hello': null })).toBe('renamed');
  });

  it('Podman names images docker.io/...: the baseline still matches', () => {
    const podman = image({ tags: ['docker.io/containerlings/hello:latest'] });
    expect(newBecause(podman, START, { 'containerlings/hello': OLD })).toBe('renamed');
    expect(newBecause({ ...podman, id: OLD }, START, { 'containerlings/hello': OLD })).toBeUndefined();
  });

  it('the same image the name had at the start, never tagged since: not new', () => {
    expect(
      newBecause(image({ id: OLD, created: BEFORE, lastTagged: BEFORE }), START, { 'containerlings/hello': OLD }),
    ).toBeUndefined();
  });

  it('rebuilt to the same id (a cached BuildKit build) after the start: the tag says so', () => {
    expect(
      newBecause(image({ id: OLD, created: BEFORE, lastTagged: AFTER }), START, { 'containerlings/hello': OLD }),
    ).toBe('tagged');
  });

  it('an image found by id judges by the declared names it carries, and by time alone when it carries none', () => {
    expect(
      newBecause(image({ tags: ['containerlings/lean-svc:1.0'] }), START, { 'containerlings/lean-svc:1.0': null }),
    ).toBe('renamed');
    expect(newBecause(image({ tags: [] }), START, { 'containerlings/lean-svc:1.0': null })).toBeUndefined();
    expect(newBecause(image({ tags: ['other/name:latest'] }), START, { 'containerlings/hello': null })).toBeUndefined();
  });

  it('without a baseline (an older progress file), only the times count', () => {
    expect(newBecause(image({ created: BEFORE }), START)).toBeUndefined();
    expect(newBecause(image({ created: BEFORE }), START, undefined)).toBeUndefined();
  });
});

describe('progress files and baselines', () => {
  it('loads a file written before baselines, and round-trips one with a baseline', async () => {
    const dir = tempDir();
    const p = newProgress();
    p.exercises['first-image'] = {
      startedAt: START.toISOString(),
      status: 'todo',
      hintsShown: 0,
      gaveUp: false,
      checks: 0,
    };
    p.exercises.layers = {
      startedAt: START.toISOString(),
      status: 'todo',
      hintsShown: 0,
      gaveUp: false,
      checks: 0,
      images: { 'containerlings/layers': null, 'containerlings/x:1': OLD },
    };
    await writeProgress(dir, p);
    const read = await readProgress(dir);
    expect(read.exercises['first-image'].images).toBeUndefined();
    expect(read.exercises.layers.images).toEqual({ 'containerlings/layers': null, 'containerlings/x:1': OLD });
  });

  it('the schema path (an unusual file) accepts a baseline and refuses a damaged one', async () => {
    const dir = tempDir();
    await writeProgress(dir, newProgress());
    const entry = { startedAt: START.toISOString(), images: { 'containerlings/layers': null } };
    writeFileSync(
      progressPath(dir),
      JSON.stringify({
        version: 1,
        workspaceId: 'ws-abc',
        createdAt: START.toISOString(),
        exercises: { layers: entry },
      }),
    );
    expect((await readProgress(dir)).exercises.layers.images).toEqual({ 'containerlings/layers': null });
    writeFileSync(
      progressPath(dir),
      JSON.stringify({
        version: 1,
        workspaceId: 'ws-abc',
        createdAt: START.toISOString(),
        exercises: { layers: { ...entry, images: { x: 7 } } },
      }),
    );
    await expect(readProgress(dir)).rejects.toThrow(/damaged: exercises\.layers\.images\.x/);
  });
});
