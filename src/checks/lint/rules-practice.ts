// Good Dockerfile practice beyond the lean-images lesson: the checks a reviewer (or hadolint) would make. Each rule
// is ours, with its own words; `hadolint` names the code of hadolint's check of the same thing, so users can match
// findings. Style choices are warnings; errors are for what breaks a build or a container.
// The rules for RUN steps are in rules-practice-run.ts.
import type { LintFinding } from '../kit/api.js';
import type { LintInstruction } from './model.js';
import { finding, type Rule } from './rule.js';
import { aptGetNotApt, aptGetYes, noCache, noSudo, pinVersions, pipefail, workdirNotCd } from './rules-practice-run.js';

/** CMD and ENTRYPOINT in shell form run under /bin/sh -c: the program is not PID 1 and never gets SIGTERM. */
const execForm: Rule = (model) =>
  model.instructions
    .filter((i) => (i.keyword === 'CMD' || i.keyword === 'ENTRYPOINT') && !i.text.trim().startsWith('['))
    .map((i) =>
      finding(
        i,
        'exec-form',
        'DL3025',
        'warning',
        `${i.keyword} in shell form runs under /bin/sh -c: your program is not PID 1, so docker stop's SIGTERM ` +
          'never reaches it (it is killed after the grace period).',
        `Write it in exec form: ${i.keyword} ${JSON.stringify(i.text.trim().split(/\s+/))}`,
      ),
    );

/** Only the last CMD and the last ENTRYPOINT of a stage count. */
const oneCmd: Rule = (model) => {
  const found: LintFinding[] = [];
  // Grouped in one pass (stage, keyword): a filter per stage would be quadratic in a Dockerfile of many FROMs.
  const groups = new Map<string, LintInstruction[]>();
  for (const i of model.instructions) {
    if (i.keyword !== 'CMD' && i.keyword !== 'ENTRYPOINT') continue;
    const key = `${i.stage} ${i.keyword}`;
    const group = groups.get(key);
    if (group) group.push(i);
    else groups.set(key, [i]);
  }
  for (const all of groups.values()) {
    const keyword = all[0].keyword;
    const code = keyword === 'CMD' ? 'DL4003' : 'DL4004';
    for (const early of all.slice(0, -1))
      found.push(
        finding(
          early,
          'one-cmd',
          code,
          'warning',
          `This ${keyword} is replaced by the one on line ${all.at(-1)!.line}: only the last ${keyword} of a stage counts.`,
          `Keep one ${keyword} per stage.`,
        ),
      );
  }
  return found;
};

/** FROM ... AS names and COPY --from: unique names, never the stage itself, and a known stage (or an image). */
const stageNames: Rule = (model) => {
  const found: LintFinding[] = [];
  const named = new Map<string, number>();
  const nameOfStage = new Map<number, string>();
  for (const i of model.instructions) {
    if (i.keyword === 'FROM' && i.args[1]?.toLowerCase() === 'as' && i.args[2]) {
      const name = i.args[2].toLowerCase();
      if (named.has(name))
        found.push(
          finding(
            i,
            'stage-names',
            'DL3024',
            'error',
            `The stage name ${name} is used twice: COPY --from=${name} could mean either.`,
            'Give each stage its own name.',
          ),
        );
      else {
        named.set(name, i.stage);
        nameOfStage.set(i.stage, name);
      }
    }
    if (i.keyword !== 'COPY') continue;
    const from = i.flags.find((f) => f.toLowerCase().startsWith('--from='))?.slice('--from='.length);
    if (!from) continue;
    const target = from.toLowerCase();
    const ownName = nameOfStage.get(i.stage);
    if (target === ownName || target === String(i.stage))
      found.push(
        finding(
          i,
          'stage-names',
          'DL3023',
          'error',
          `COPY --from=${from} copies from the stage it is in, which is not built yet.`,
          'Copy from an earlier stage (FROM ... AS build, then COPY --from=build).',
        ),
      );
    else if (!named.has(target) && !/^\d+$/.test(target) && !/[:/@.]/.test(target))
      found.push(
        finding(
          i,
          'stage-names',
          'DL3022',
          'warning',
          `COPY --from=${from}: no earlier stage has that name, so Docker will look for an image called ${from}.`,
          'Name the stage (FROM ... AS <name>) before this COPY, or give a full image reference.',
        ),
      );
  }
  return found;
};

export const PRACTICE_RULES: Readonly<Record<string, Rule>> = {
  'exec-form': execForm,
  pipefail,
  'pin-versions': pinVersions,
  'workdir-not-cd': workdirNotCd,
  'no-sudo': noSudo,
  'apt-get-not-apt': aptGetNotApt,
  'apt-get-yes': aptGetYes,
  'no-cache': noCache,
  'one-cmd': oneCmd,
  'stage-names': stageNames,
};
