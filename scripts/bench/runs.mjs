// Interleaved round-robin sampling (warm-ups, then one run of each job per round in a rotating order) and medians.
import { log } from './common.mjs';

export function stats(samples) {
  const s = samples.filter((x) => typeof x === 'number').sort((a, b) => a - b);
  if (!s.length) return { n: 0, median: NaN, p90: NaN, min: NaN, max: NaN };
  const at = (p) => s[Math.min(s.length - 1, Math.max(0, Math.ceil(p * s.length) - 1))];
  const median = s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
  return { n: s.length, median, p90: at(0.9), min: s[0], max: s[s.length - 1] };
}

/**
 * Runs each job that has a `run`: `warmups` rounds not recorded, then `runs` recorded, one of each per round in a
 * rotating order, so machine noise (other containers, CI neighbours) hits all of them alike. A job's sample is
 * its result's `field` (default `ms`); a job with `sameRunAs` has no run of its own and takes its `field` from
 * that job's result. Probe jobs also keep their stdout, parsed as JSON. `beforeRound` runs before every round.
 */
export async function sampleRoundRobin(jobs, { runs, warmups, beforeRound = () => undefined }) {
  const samples = Object.fromEntries(jobs.map((j) => [j.id, []]));
  const failures = Object.fromEntries(jobs.map((j) => [j.id, 0]));
  const probe = Object.fromEntries(jobs.filter((j) => j.probe).map((j) => [j.id, []]));
  const runnable = jobs.filter((j) => j.run);
  for (let round = 0; round < warmups + runs; round++) {
    const warm = round < warmups;
    log(warm ? `warm-up ${round + 1}/${warmups}` : `round ${round - warmups + 1}/${runs}`);
    beforeRound();
    const order = runnable.map((_, i) => runnable[(i + round) % runnable.length]);
    for (const job of order) {
      const r = await job.run();
      if (warm) continue;
      const value = r[job.field ?? 'ms'];
      if (r.code !== 0 || r.ms === undefined || value === undefined) {
        failures[job.id]++;
        continue;
      }
      samples[job.id].push(value);
      for (const j of jobs) if (j.sameRunAs === job.id) samples[j.id].push(r[j.field ?? 'ms']);
      if (job.probe) probe[job.id].push(JSON.parse(r.stdout));
    }
  }
  return { samples, failures, probe };
}
