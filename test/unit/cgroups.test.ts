// Reading limits from the cgroup filesystem: v1 fixtures recorded on this engine (Docker 20.10, cgroup v1),
// v2 fixtures in the layout a cgroup v2 host gives a container (its own tree at /sys/fs/cgroup).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  CGROUP_READ_SCRIPT,
  cgroupLimitsFrom,
  detectCgroupVersion,
  parseListing,
} from '../../src/sandbox/engine/cgroups.js';

const fixture = (name: string) =>
  parseListing(readFileSync(join(import.meta.dirname, '..', 'fixtures', 'cgroups', `${name}.txt`), 'utf8'));

describe('cgroup v2', () => {
  it('reads memory.max, cpu.max and pids.max (--memory 64m --cpus 0.5 --pids-limit 50)', () => {
    expect(cgroupLimitsFrom(fixture('v2-limited'))).toEqual({
      version: 2,
      memoryBytes: 64 * 1024 * 1024,
      cpus: 0.5,
      pidsMax: 50,
      pidsRefused: 3,
      pidsDir: '/sys/fs/cgroup',
    });
  });

  it('reads "max" as no limit', () => {
    expect(cgroupLimitsFrom(fixture('v2-unlimited'))).toEqual({
      version: 2,
      memoryBytes: undefined,
      cpus: undefined,
      pidsMax: undefined,
      pidsRefused: 0,
      pidsDir: '/sys/fs/cgroup',
    });
  });

  it('reads a quota larger than the period as more than one CPU', () => {
    expect(cgroupLimitsFrom(fixture('v2-two-cpus'))).toMatchObject({
      cpus: 2,
      memoryBytes: 512 * 1024 * 1024,
      pidsMax: 100,
    });
  });
});

describe('cgroup v1', () => {
  it('reads memory.limit_in_bytes, cpu.cfs_quota_us / cpu.cfs_period_us and pids.max', () => {
    expect(cgroupLimitsFrom(fixture('v1-limited'))).toEqual({
      version: 1,
      memoryBytes: 64 * 1024 * 1024,
      cpus: 0.5,
      pidsMax: 50,
      pidsRefused: 0,
      pidsDir: '/sys/fs/cgroup/pids',
    });
  });

  it('reads the huge page-aligned number as no memory limit, and a quota of -1 as no CPU limit', () => {
    expect(cgroupLimitsFrom(fixture('v1-unlimited'))).toMatchObject({
      version: 1,
      memoryBytes: undefined,
      cpus: undefined,
      pidsMax: undefined,
    });
  });
});

describe('telling the versions apart', () => {
  it('uses the v2 root marker, else the v1 controller folders, else gives up', () => {
    expect(detectCgroupVersion(fixture('v2-limited'))).toBe(2);
    expect(detectCgroupVersion(fixture('v1-limited'))).toBe(1);
    expect(detectCgroupVersion({})).toBeUndefined();
    expect(cgroupLimitsFrom(parseListing('sh: cat: not found\n'))).toBeUndefined();
  });

  it("reads both versions' files with one shell loop", () => {
    for (const path of [
      '/sys/fs/cgroup/memory.max',
      '/sys/fs/cgroup/cpu.max',
      '/sys/fs/cgroup/memory/memory.limit_in_bytes',
      '/sys/fs/cgroup/cpu/cpu.cfs_quota_us',
      '/sys/fs/cgroup/pids/pids.max',
    ]) {
      expect(CGROUP_READ_SCRIPT).toContain(path);
    }
  });

  it('keeps multi-line files whole', () => {
    expect(parseListing('### /a\nline 1\nline 2\n### /b\nx\n')).toEqual({ '/a': 'line 1\nline 2', '/b': 'x' });
  });
});
