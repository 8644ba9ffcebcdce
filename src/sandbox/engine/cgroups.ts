// Reads a container's memory, CPU and pids limits from its cgroup filesystem, for cgroup v1 and v2.
// Pure: the kit runs `CGROUP_READ_SCRIPT` in the container and hands its output to `cgroupLimitsFrom`.
import type { CgroupLimits } from './types.js';

const ROOT = '/sys/fs/cgroup';

/** Where each limit lives. v1 has one hierarchy per controller; v2 has one unified tree (the container's own, at the root). */
export const CGROUP_FILES = {
  1: {
    memory: `${ROOT}/memory/memory.limit_in_bytes`,
    pidsDir: `${ROOT}/pids`,
    cpuQuota: `${ROOT}/cpu/cpu.cfs_quota_us`,
    cpuPeriod: `${ROOT}/cpu/cpu.cfs_period_us`,
  },
  2: {
    /** Only v2 has this file at the root; it is how the version is told apart. */
    marker: `${ROOT}/cgroup.controllers`,
    memory: `${ROOT}/memory.max`,
    pidsDir: ROOT,
    cpuMax: `${ROOT}/cpu.max`,
  },
} as const;

const FILES = [
  CGROUP_FILES[2].marker,
  CGROUP_FILES[2].memory,
  CGROUP_FILES[2].cpuMax,
  `${CGROUP_FILES[2].pidsDir}/pids.max`,
  `${CGROUP_FILES[2].pidsDir}/pids.events`,
  CGROUP_FILES[1].memory,
  CGROUP_FILES[1].cpuQuota,
  CGROUP_FILES[1].cpuPeriod,
  `${CGROUP_FILES[1].pidsDir}/pids.max`,
  `${CGROUP_FILES[1].pidsDir}/pids.events`,
];

const MARK = '### ';

/** One exec prints every file that exists, each after a `### <path>` line (busybox sh and cat are enough). */
export const CGROUP_READ_SCRIPT = `for f in ${FILES.join(' ')}; do if [ -r "$f" ]; then echo "${MARK}$f"; cat "$f"; fi; done`;

/** Splits the script's output back into path → content. */
export function parseListing(text: string): Record<string, string> {
  const files: Record<string, string> = {};
  let current: string | undefined;
  for (const line of text.split('\n')) {
    if (line.startsWith(MARK)) {
      current = line.slice(MARK.length).trim();
      files[current] = '';
    } else if (current !== undefined) {
      files[current] += files[current] ? `\n${line}` : line;
    }
  }
  for (const key of Object.keys(files)) files[key] = files[key].trim();
  return files;
}

/** v2 when the unified tree's marker file is there; v1 when a per-controller file is; else unknown. */
export function detectCgroupVersion(files: Record<string, string>): 1 | 2 | undefined {
  if (CGROUP_FILES[2].marker in files) return 2;
  if (CGROUP_FILES[1].memory in files || `${CGROUP_FILES[1].pidsDir}/pids.max` in files) return 1;
  return undefined;
}

/** v1 writes "no memory limit" as the largest page-aligned 64-bit number; anything past 2^62 means unlimited. */
const UNLIMITED_BYTES = 2 ** 62;

function number(text: string | undefined): number | undefined {
  if (text === undefined || text === '' || text === 'max') return undefined;
  const n = Number(text);
  return Number.isFinite(n) ? n : undefined;
}

function memoryLimit(text: string | undefined): number | undefined {
  const n = number(text);
  return n === undefined || n >= UNLIMITED_BYTES ? undefined : n;
}

function pidsRefused(events: string | undefined): number | undefined {
  const line = events?.split('\n').find((l) => l.startsWith('max '));
  return line ? number(line.slice(4).trim()) : undefined;
}

/** CPUs = quota / period; v1 writes "no quota" as -1, v2 as "max". */
function cpus(quota: number | undefined, period: number | undefined): number | undefined {
  if (quota === undefined || quota < 0 || !period) return undefined;
  return Math.round((quota / period) * 1000) / 1000;
}

export function cgroupLimitsFrom(files: Record<string, string>): CgroupLimits | undefined {
  const version = detectCgroupVersion(files);
  if (version === 2) {
    const f = CGROUP_FILES[2];
    const [quota, period] = (files[f.cpuMax] ?? '').split(/\s+/);
    return {
      version,
      memoryBytes: memoryLimit(files[f.memory]),
      pidsMax: number(files[`${f.pidsDir}/pids.max`]),
      cpus: cpus(number(quota), number(period)),
      pidsRefused: pidsRefused(files[`${f.pidsDir}/pids.events`]),
      pidsDir: f.pidsDir,
    };
  }
  if (version === 1) {
    const f = CGROUP_FILES[1];
    return {
      version,
      memoryBytes: memoryLimit(files[f.memory]),
      pidsMax: number(files[`${f.pidsDir}/pids.max`]),
      cpus: cpus(number(files[f.cpuQuota]), number(files[f.cpuPeriod])),
      pidsRefused: pidsRefused(files[`${f.pidsDir}/pids.events`]),
      pidsDir: f.pidsDir,
    };
  }
  return undefined;
}
