// Good practice for RUN steps beyond the lean-images lesson: pipes, package versions, cd, sudo, apt and package
// caches (the table of practice rules is in rules-practice.ts).
import type { LintFinding } from '../kit/api.js';
import { finding, runs, type Rule } from './rule.js';
import { commandsOf } from './shell.js';

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
export const pipefail: Rule = (model) => {
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
export const pinVersions: Rule = (model) =>
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
export const workdirNotCd: Rule = (model) =>
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
export const noSudo: Rule = (model) =>
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
export const aptGetNotApt: Rule = (model) =>
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
export const aptGetYes: Rule = (model) =>
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
export const noCache: Rule = (model) =>
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
