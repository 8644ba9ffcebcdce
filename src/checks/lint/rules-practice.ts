// Good Dockerfile practice beyond the lean-images lesson: the checks a reviewer (or hadolint) would make. Each rule
// is ours, with its own words; `hadolint` names the code of hadolint's check of the same thing, so users can match
// findings. Style choices are warnings; errors are for what breaks a build or a container.
import type { LintFinding } from '../kit/api.js';
import type { LintInstruction, LintModel, Rule } from './model.js';
import { commandsOf } from './shell.js';

const runs = (model: LintModel) => model.instructions.filter((i) => i.keyword === 'RUN');

const finding = (
  i: LintInstruction,
  rule: string,
  hadolint: string,
  severity: LintFinding['severity'],
  message: string,
  fix: string,
): LintFinding => ({ rule, hadolint, severity, line: i.line, message, fix });

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

/**
 * A RUN's text without what looks like a pipe but cannot hide a failure: a case pattern (amd64|x86_64), and a pipe
 * fed by echo or printf, or by a { ...; } group of them (echo "$sha  file" | sha256sum -c -), which do not fail.
 */
function withoutSafePipes(text: string): string {
  return text
    .replace(/[\w*.-]+(\|[\w*.-]+)+\)/g, ' ')
    .replace(/\{(\s*(echo|printf)\b[^;{}|]*;)+\s*\}\s*\|(?!\|)/g, ' ')
    .replace(/(^|[;&|(]\s*)(echo|printf)\b[^;&|]*\|(?!\|)/g, '$1 ');
}

/** A pipe in RUN: without pipefail, only the last command's failure fails the step. */
const pipefail: Rule = (model) => {
  const found: LintFinding[] = [];
  let shellSetsPipefail = false;
  let stage = Number.NaN;
  for (const i of model.instructions) {
    if (i.stage !== stage) {
      stage = i.stage;
      shellSetsPipefail = false;
    }
    if (i.keyword === 'SHELL') shellSetsPipefail = /pipefail/.test(i.text);
    if (
      i.keyword !== 'RUN' ||
      shellSetsPipefail ||
      /set\s+(-\w*\s+)*-o\s+pipefail|set\s+-\w*o\w*\s+pipefail/.test(i.text)
    )
      continue;
    // A single | that is not part of ||, once pipes that cannot hide a failure are left out.
    if (!/(^|[^|])\|([^|]|$)/.test(withoutSafePipes(i.text))) continue;
    found.push(
      finding(
        i,
        'pipefail',
        'DL4006',
        'warning',
        'This RUN pipes one command into another: if the first fails (a download, say), the step still succeeds, ' +
          'because only the last command decides.',
        'Add SHELL ["/bin/bash", "-o", "pipefail", "-c"] before it (or start the RUN with set -o pipefail on a ' +
          'shell that has it).',
      ),
    );
  }
  return found;
};

/** Packages installed without a version: the same Dockerfile builds different images on different days. */
const pinVersions: Rule = (model) =>
  runs(model).flatMap((run) => {
    const unpinned: { what: string; code: string; fix: string }[] = [];
    for (const c of commandsOf(run)) {
      const words = c.split(/\s+/);
      const args = (from: number) => words.slice(from).filter((w) => w && !w.startsWith('-') && !w.includes('$'));
      if (/^apt-get$/.test(words[0]) && words.includes('install')) {
        const pkgs = args(words.indexOf('install') + 1).filter((p) => !p.includes('='));
        if (pkgs.length)
          unpinned.push({ what: pkgs.join(' '), code: 'DL3008', fix: 'apt-get install curl=7.88.1-10+deb12u5' });
      } else if (words[0] === 'apk' && words[1] === 'add') {
        const pkgs = args(2).filter((p) => !p.includes('='));
        if (pkgs.length) unpinned.push({ what: pkgs.join(' '), code: 'DL3018', fix: 'apk add curl=8.5.0-r0' });
      } else if (
        /^pip3?$/.test(words[0]) &&
        words[1] === 'install' &&
        !words.some((w) => w === '-r' || w.startsWith('--requirement'))
      ) {
        const pkgs = args(2).filter((p) => !/[=<>~]=|[<>]/.test(p) && !p.startsWith('.') && !p.includes('/'));
        if (pkgs.length) unpinned.push({ what: pkgs.join(' '), code: 'DL3013', fix: 'pip install requests==2.32.3' });
      } else if (
        words[0] === 'npm' &&
        /^(install|i)$/.test(words[1] ?? '') &&
        words.some((w) => w === '-g' || w === '--global')
      ) {
        const pkgs = args(2).filter((p) => !/^(@[^@/]+\/)?[^@]+@./.test(p));
        if (pkgs.length)
          unpinned.push({ what: pkgs.join(' '), code: 'DL3016', fix: 'npm install -g typescript@5.6.3' });
      }
    }
    return unpinned.map((u) =>
      finding(
        run,
        'pin-versions',
        u.code,
        'warning',
        `${u.what}: installed without a version, so a rebuild next month may get another one.`,
        `Name the version, for example: ${u.fix} (or pin the base image and accept what it ships).`,
      ),
    );
  });

/** `cd` in a RUN lasts only for that RUN. */
const workdirNotCd: Rule = (model) =>
  runs(model)
    .filter((run) => commandsOf(run).some((c) => /^cd\s/.test(c)))
    .map((run) =>
      finding(
        run,
        'workdir-not-cd',
        'DL3003',
        'warning',
        'cd in a RUN changes the folder for that RUN only; the next instruction starts where it was.',
        'Use WORKDIR /the/folder before the RUN instead.',
      ),
    );

/** sudo in a build: it is not there, or it hides who runs what; the build already runs as the current USER. */
const noSudo: Rule = (model) =>
  runs(model)
    .filter((run) => commandsOf(run).some((c) => /^sudo\b/.test(c)))
    .map((run) =>
      finding(
        run,
        'no-sudo',
        'DL3004',
        'error',
        'sudo in a RUN: most images have none, and the step already runs as the USER set above it.',
        'Put USER root before the step and USER <non-root> after it, or install as root before switching users.',
      ),
    );

/** `apt` is for people at a terminal; its output and options change between releases. */
const aptGetNotApt: Rule = (model) =>
  runs(model)
    .filter((run) => commandsOf(run).some((c) => /^apt\s+(install|update|upgrade|remove)\b/.test(c)))
    .map((run) =>
      finding(
        run,
        'apt-get-not-apt',
        'DL3027',
        'warning',
        'apt is meant for interactive use and warns that its interface is not stable in scripts.',
        'Use apt-get (apt-get update && apt-get install -y ...).',
      ),
    );

/** apt-get install without -y stops at "Do you want to continue?" and the build fails. */
const aptGetYes: Rule = (model) =>
  runs(model)
    .filter((run) =>
      commandsOf(run).some(
        (c) =>
          /^apt-get\s+(.*\s)?install\b/.test(c) && !/(^|\s)(-\w*y\w*|--yes|--assume-yes|-qq|--force-yes)(\s|$)/.test(c),
      ),
    )
    .map((run) =>
      finding(
        run,
        'apt-get-yes',
        'DL3014',
        'error',
        'apt-get install without -y asks "Do you want to continue?", and a build cannot answer: the step fails.',
        'Add -y: apt-get install -y --no-install-recommends <packages>',
      ),
    );

/** Package caches kept in the image: apk without --no-cache, pip without --no-cache-dir. */
const noCache: Rule = (model) =>
  runs(model).flatMap((run) =>
    // One finding per RUN and tool: two pip installs in one RUN are one fix.
    uniqueBy(
      commandsOf(run).flatMap((c) => {
        if (/^apk\s+add\b/.test(c) && !/--no-cache\b/.test(c))
          return [
            finding(
              run,
              'no-cache',
              'DL3019',
              'warning',
              'apk add keeps its package index in the image.',
              'Use apk add --no-cache <packages>.',
            ),
          ];
        if (/^pip3?\s+install\b/.test(c) && !/--no-cache-dir\b/.test(c) && !/PIP_NO_CACHE_DIR/.test(run.text))
          return [
            finding(
              run,
              'no-cache',
              'DL3042',
              'warning',
              "pip install keeps its download cache in the image's layer.",
              'Use pip install --no-cache-dir <packages> (or ENV PIP_NO_CACHE_DIR=1).',
            ),
          ];
        return [];
      }),
      (f) => f.hadolint ?? f.message,
    ),
  );

function uniqueBy<T>(items: T[], key: (item: T) => string): T[] {
  const seen = new Set<string>();
  return items.filter((item) => !seen.has(key(item)) && Boolean(seen.add(key(item))));
}

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
