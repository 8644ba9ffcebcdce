// The rules the lean-images lesson teaches, as pure functions over a parsed Dockerfile: who the container runs as,
// what it is built from, and the table of all of them (the rules about layers are in rules-layers.ts).
import type { LintFinding } from '../kit/api.js';
import type { LintModel } from './model.js';
import type { Rule } from './rule.js';
import { PRACTICE_RULES } from './rules-practice.js';
import { aptInstall, cacheOrder, cleanupLaterLayer, combineRuns } from './rules-layers.js';

const inStage = (model: LintModel, stage: number) => model.instructions.filter((i) => i.stage === stage);
const finalStage = (model: LintModel) => inStage(model, model.stages - 1);

/** Base images whose tag says they run as a non-root user (distroless's :nonroot and :debug-nonroot, say). */
const NONROOT_TAG = /:(\S*-)?nonroot(-\S*)?$/i;

/**
 * With no USER of its own, does stage s run as non-root: FROM a non-root base, or FROM a stage that set one (or that
 * inherits one)? One pass over the instructions, then a walk up the chain of stages.
 */
function inheritsNonRoot(model: LintModel, s: number): boolean {
  const from = new Map<number, string>();
  const lastUser = new Map<number, string>();
  const stageOfName = new Map<string, number>();
  for (const i of model.instructions) {
    if (i.keyword === 'FROM') {
      from.set(i.stage, i.args[0] ?? '');
      if (i.args[1]?.toLowerCase() === 'as' && i.args[2] && !stageOfName.has(i.args[2].toLowerCase()))
        stageOfName.set(i.args[2].toLowerCase(), i.stage);
    }
    if (i.keyword === 'USER') lastUser.set(i.stage, (i.args[0] ?? '').split(':')[0]);
  }
  for (let stage = s; ;) {
    const base = from.get(stage) ?? '';
    if (NONROOT_TAG.test(base)) return true;
    const parent = stageOfName.get(base.toLowerCase());
    if (parent === undefined || parent >= stage) return false;
    const user = lastUser.get(parent);
    if (user !== undefined) return user !== 'root' && user !== '0';
    stage = parent;
  }
}

/** The tools an ENTRYPOINT script uses to drop from root to another user. */
const DROP = /\b(gosu|su-exec)\b/;

/** The final stage should not run as root. */
const rootUser: Rule = (model) => {
  const stage = finalStage(model);
  if (stage.length === 0) return [];
  const users = stage.filter((i) => i.keyword === 'USER');
  const last = users.at(-1);
  const name = (last?.args[0] ?? '').split(':')[0];
  if (last && name !== 'root' && name !== '0') return [];
  if (!last && inheritsNonRoot(model, model.stages - 1)) return [];
  // Official images of servers (mongo, redis, postgres...) start as root on purpose, and their ENTRYPOINT drops to
  // the server's user with gosu or su-exec once it has fixed the data folder's owner: a choice, not a mistake.
  const dropsPrivileges = stage.some((i) => i.keyword === 'ENTRYPOINT') && stage.some((i) => DROP.test(i.text));
  if (!last && dropsPrivileges)
    return [
      {
        rule: 'root-user',
        severity: 'warning',
        line: stage[0].line,
        message:
          'The final stage has no USER: the container starts as root. It installs gosu or su-exec, so its ENTRYPOINT ' +
          'may drop to another user; lint cannot see that script.',
        fix: 'Make sure the ENTRYPOINT script runs the server through gosu or su-exec, or add a USER.',
      },
    ];
  return [
    {
      rule: 'root-user',
      severity: 'error',
      line: (last ?? stage[0]).line,
      message: last
        ? `The final stage switches back to ${last.args[0]}: the container runs as root.`
        : 'The final stage has no USER: the container runs as root.',
      fix: 'Add a USER with a non-root uid or name near the end of the last stage (e.g. USER 10001, or USER nonroot on distroless).',
    },
  ];
};

/** A service that EXPOSEs a port should say how to tell that it works. */
const healthcheckMissing: Rule = (model) => {
  const stage = finalStage(model);
  const expose = stage.find((i) => i.keyword === 'EXPOSE');
  if (!expose || stage.some((i) => i.keyword === 'HEALTHCHECK')) return [];
  return [
    {
      rule: 'healthcheck-missing',
      severity: 'warning',
      line: expose.line,
      message:
        `The image exposes ${expose.args.join(' ')} but has no HEALTHCHECK: the engine can only tell that it runs, ` +
        'not that it answers.',
      fix: 'Add e.g. HEALTHCHECK --interval=5s --timeout=2s CMD wget -q -O /dev/null http://127.0.0.1:8080/ || exit 1',
    },
  ];
};

/** FROM x and FROM x:latest move whenever upstream pushes. */
const baseTag: Rule = (model) => {
  const stageNames = new Set(model.stageNames); // a Set: one lookup per FROM, however many stages there are
  return model.instructions
    .filter((i) => i.keyword === 'FROM' && i.args[0])
    .flatMap((from) => {
      const ref = from.args[0];
      if (ref === 'scratch' || ref.includes('$') || ref.includes('@') || stageNames.has(ref.toLowerCase())) return [];
      const name = ref.split('/').at(-1)!;
      const tag = name.includes(':') ? name.split(':')[1] : undefined;
      if (tag && tag !== 'latest') return [];
      return [
        {
          rule: 'base-tag',
          severity: 'warning' as const,
          line: from.line,
          message: tag
            ? `${ref} names the moving "latest" tag: the base changes under you.`
            : `${ref} has no tag, which means "latest": the base changes under you.`,
          fix: 'Name a version (debian:bookworm-slim, node:20.19-bookworm), or pin a digest (image@sha256:...).',
        },
      ];
    });
};

/** A word as it must be written again in a Dockerfile: quoted when it holds a space or a quote. */
const quoted = (word: string) => (/[\s"']/.test(word) ? JSON.stringify(word) : word);

const ARCHIVE = /\.(tar|tar\.gz|tgz|tar\.bz2|tbz2?|tar\.xz|txz|tar\.zst)$/i;

/** ADD fetches URLs and unpacks archives; for plain files it only hides what it does. */
const addVsCopy: Rule = (model) =>
  model.instructions
    .filter(
      (i) =>
        i.keyword === 'ADD' &&
        i.args.slice(0, -1).every((src) => !/^(https?:\/\/|git@)/.test(src) && !ARCHIVE.test(src)),
    )
    .map((add) => ({
      rule: 'add-vs-copy',
      severity: 'warning' as const,
      line: add.line,
      message:
        'ADD copies plain files here; it would also unpack archives and fetch URLs, which a reader has to rule out.',
      fix: `Use COPY ${add.args.map(quoted).join(' ')}`,
    }));

export const RULES: Readonly<Record<string, Rule>> = {
  'combine-runs': combineRuns,
  'cleanup-later-layer': cleanupLaterLayer,
  'apt-install': aptInstall,
  'root-user': rootUser,
  'healthcheck-missing': healthcheckMissing,
  'base-tag': baseTag,
  'add-vs-copy': addVsCopy,
  'cache-order': cacheOrder,
};

/** hadolint's code for the lesson's rules that it also checks (cleanup-later-layer, cache-order: it has none). */
const HADOLINT_OF: Readonly<Record<string, (f: LintFinding) => string>> = {
  'combine-runs': () => 'DL3059',
  'apt-install': (f) => (f.message.includes('--no-install-recommends') ? 'DL3015' : 'DL3009'),
  'root-user': () => 'DL3002',
  'base-tag': (f) => (f.message.includes('"latest" tag') ? 'DL3007' : 'DL3006'),
  'add-vs-copy': () => 'DL3020',
};

export function applyRules(model: LintModel): LintFinding[] {
  // Without a FROM there is no image to judge: say so once, instead of rule findings that make no sense.
  if (model.stages === 0)
    return [
      {
        rule: 'not-a-dockerfile',
        severity: 'error',
        line: model.instructions[0]?.line ?? 1,
        message: 'This file has no FROM instruction, so it is not a Dockerfile (or its FROM line is missing).',
        fix: 'Lint the Dockerfile itself (containerlings lint path/to/Dockerfile); a Dockerfile starts FROM <image>.',
      },
    ];
  return [...Object.values(RULES), ...Object.values(PRACTICE_RULES)]
    .flatMap((rule) => rule(model))
    .map((f) => (f.hadolint || !HADOLINT_OF[f.rule] ? f : { ...f, hadolint: HADOLINT_OF[f.rule](f) }))
    .sort((a, b) => a.line - b.line);
}
