// The lean-images lesson's rules about layers and the build cache: what keeps bytes in an image, and what makes
// every change re-run the slow steps.
import type { LintFinding } from '../kit/api.js';
import type { LintInstruction } from './model.js';
import type { Rule } from './rule.js';
import { FirstContaining, WholeContextCopies } from './path-search.js';
import { commandsOf } from './shell.js';

const isWholeContext = (src: string) => ['.', './', '*', './*'].includes(src);

/** Consecutive RUN steps in one stage: each is its own layer. */
export const combineRuns: Rule = (model) => {
  const found: LintFinding[] = [];
  const all = model.instructions;
  for (let i = 1; i < all.length; i++) {
    const [prev, cur] = [all[i - 1], all[i]];
    const startsGroup =
      cur.keyword === 'RUN' &&
      prev.keyword === 'RUN' &&
      prev.stage === cur.stage &&
      (i < 2 || all[i - 2].keyword !== 'RUN' || all[i - 2].stage !== cur.stage);
    if (!startsGroup) continue;
    let end = i;
    while (all[end + 1]?.keyword === 'RUN' && all[end + 1].stage === cur.stage) end++;
    found.push({
      rule: 'combine-runs',
      severity: 'warning',
      line: prev.line,
      message: `${end - i + 2} RUN steps in a row (lines ${prev.line}-${all[end].line}) make ${end - i + 2} layers.`,
      fix: 'Join them into one RUN with && (and a \\ at the end of each line but the last).',
    });
  }
  return found;
};

/** Paths a RUN removes with rm, without flags and trailing /* or /. */
export function removedPaths(run: LintInstruction): string[] {
  if (!run.text.includes('rm')) return []; // most RUNs remove nothing: skip the splitting
  // Plain loops: on a long Dockerfile the arrays of a map/filter chain per RUN cost more than the work.
  const paths: string[] = [];
  for (const command of commandsOf(run)) {
    if (!/^rm\s/.test(command)) continue;
    const words = command.split(/\s+/);
    for (let w = 1; w < words.length; w++) {
      if (words[w].startsWith('-')) continue;
      const path = words[w].replace(/^["']|["']$/g, '').replace(/\/\*?$/, '');
      if (path.length >= 3 || path === '.') paths.push(path);
    }
  }
  return paths;
}

const installsApt = (i: LintInstruction) =>
  i.keyword === 'RUN' && /\bapt(-get)?\s+(-\S+\s+)*(update|install)\b/.test(i.text);

/**
 * Deleting in a later RUN only hides files: their bytes stay in the layer that made them. The layer that made a path
 * is the first earlier instruction of the stage that mentions it (a RUN's text, a COPY or ADD source) or a COPY of the
 * whole context to a folder above it; found for all paths in one pass (a 50,000-line Dockerfile must not take minutes).
 */
export const cleanupLaterLayer: Rule = (model) => {
  const found: LintFinding[] = [];
  const all = model.instructions;
  const none: string[] = [];
  const removed = all.map((i) => (i.keyword === 'RUN' ? removedPaths(i) : none));
  const mentions = new FirstContaining(removed.flat());
  let stage = Number.NaN;
  let firstApt = Infinity;
  let wholeContext = new WholeContextCopies();
  all.forEach((i, index) => {
    if (i.stage !== stage) {
      stage = i.stage;
      mentions.reset();
      firstApt = Infinity;
      wholeContext = new WholeContextCopies();
    }
    // What instruction i made is known before i is judged: "first seen" below always means an earlier one.
    const copies = (i.keyword === 'COPY' || i.keyword === 'ADD') && !i.flags.some((f) => f.startsWith('--from'));
    if (i.keyword === 'RUN') mentions.feed(i.text, index);
    else if (copies) for (const a of i.args) mentions.feed(a, index);
    if (copies && i.args.slice(0, -1).some(isWholeContext)) wholeContext.add(i.args.at(-1)!, index);
    const apt = installsApt(i);
    if (i.keyword === 'RUN') judge(i, index, apt);
    if (apt) firstApt = Math.min(firstApt, index);
  });
  return found;

  function judge(run: LintInstruction, index: number, apt: boolean) {
    const aptCleanup = /\bapt-get\s+(clean|autoclean)\b|\/var\/lib\/apt\/lists/.test(run.text);
    if (aptCleanup && !apt && firstApt < index) {
      found.push({
        rule: 'cleanup-later-layer',
        severity: 'error',
        line: run.line,
        message: "This RUN cleans up apt's files, but an earlier RUN downloaded them: they stay in that earlier layer.",
        fix: 'Clean up in the same RUN as apt-get install: ... && rm -rf /var/lib/apt/lists/*',
      });
      return;
    }
    for (const path of removed[index]) {
      const first = Math.min(mentions.first(path), wholeContext.first(path));
      if (first >= index) continue;
      const maker = all[first];
      // An earlier RUN that removed the path in its own layer left nothing there (apt-get update ... && rm -rf
      // /var/lib/apt/lists/* twice is right, and what apt-install asks for). A RUN between the two that made it again
      // without removing it is not seen here: a missed finding, never a false one.
      if (maker.keyword === 'RUN' && removed[first].includes(path)) continue;
      const copied = maker.keyword !== 'RUN';
      found.push({
        rule: 'cleanup-later-layer',
        severity: 'error',
        line: run.line,
        message:
          `rm ${path} runs in a later layer than the ${maker.keyword} on line ${maker.line} that put it there, ` +
          'so the image does not get smaller.',
        fix: copied
          ? `Keep ${path} out of the image instead: list it in .dockerignore (or COPY only what you need).`
          : `Create, use and delete ${path} in one RUN, joined with &&.`,
      });
      return;
    }
  }
};

/** apt-get install pulls in recommended packages and leaves its package lists behind unless told otherwise. */
export const aptInstall: Rule = (model) =>
  model.instructions
    .filter((i) => i.keyword === 'RUN' && /\bapt(-get)?\s+(-\S+\s+)*install\b/.test(i.text))
    .flatMap((run) => {
      const missing = [
        !run.text.includes('--no-install-recommends') && '--no-install-recommends',
        !/\/var\/lib\/apt\/lists/.test(run.text) && 'rm -rf /var/lib/apt/lists/*',
      ].filter((m): m is string => Boolean(m));
      return missing.length === 0
        ? []
        : [
            {
              rule: 'apt-install',
              severity: 'warning' as const,
              line: run.line,
              message: `apt-get install without ${missing.join(' and without ')} in the same RUN.`,
              fix: 'RUN apt-get update && apt-get install -y --no-install-recommends <packages> && rm -rf /var/lib/apt/lists/*',
            },
          ];
    });

const DEPENDENCY_STEP =
  /\b(npm\s+(ci|install|i)|pnpm\s+(install|i)|yarn(\s+install)?\s*$|pip3?\s+install|poetry\s+install|bundle\s+install|composer\s+install|go\s+mod\s+download|cargo\s+(fetch|build)|dotnet\s+restore|mvn|gradle|apt-get\s+install|apk\s+add)\b|[\w.-]*deps\b/;

/** COPY . . before the dependency step: every source change re-runs it. */
export const cacheOrder: Rule = (model) => {
  const found: LintFinding[] = [];
  // Grouped once: filtering every instruction per stage is quadratic in a Dockerfile of many FROMs.
  const stages = new Map<number, LintInstruction[]>();
  for (const i of model.instructions) {
    const list = stages.get(i.stage);
    if (list) list.push(i);
    else stages.set(i.stage, [i]);
  }
  for (let s = 0; s < model.stages; s++) {
    const stage = stages.get(s) ?? [];
    const copyAll = stage.find(
      (i) =>
        i.keyword === 'COPY' &&
        !i.flags.some((f) => f.startsWith('--from')) &&
        i.args.slice(0, -1).some(isWholeContext),
    );
    const step =
      copyAll &&
      stage.find(
        (i) => i.line > copyAll.line && i.keyword === 'RUN' && commandsOf(i).some((c) => DEPENDENCY_STEP.test(c)),
      );
    if (!copyAll || !step) continue;
    found.push({
      rule: 'cache-order',
      severity: 'warning',
      line: copyAll.line,
      message:
        `COPY of the whole build context (line ${copyAll.line}) ` +
        `comes before the dependency step on line ${step.line}: any change to any file re-runs it.`,
      fix:
        'First COPY only the dependency list (package.json, requirements.txt, deps.txt...), ' +
        'RUN the dependency step, then COPY the rest.',
    });
  }
  return found;
};
