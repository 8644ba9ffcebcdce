// The rules the lean-images lesson teaches, as pure functions over a parsed Dockerfile.
import type { LintFinding } from '../kit/api.js';
import type { LintInstruction, LintModel } from './model.js';
import { PRACTICE_RULES } from './rules-practice.js';
import { commandsOf } from './shell.js';

type Rule = (model: LintModel) => LintFinding[];

const inStage = (model: LintModel, stage: number) => model.instructions.filter((i) => i.stage === stage);
const finalStage = (model: LintModel) => inStage(model, model.stages - 1);
const isWholeContext = (src: string) => ['.', './', '*', './*'].includes(src);

/** Consecutive RUN steps in one stage: each is its own layer. */
const combineRuns: Rule = (model) => {
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
 * Substring search of many patterns at once (Aho-Corasick): feed texts in order, and it remembers, per pattern, the
 * first text that contained it. Linear in the patterns and the texts, however many of either there are.
 */
class FirstContaining {
  private readonly next = new Map<number, number>();
  private readonly fail: number[] = [0];
  /** The pattern ending at a node, or -1; and the nearest node down the fail chain that ends one (-1 for none). */
  private readonly ends: number[] = [-1];
  private readonly dict: number[] = [-1];
  private readonly ids = new Map<string, number>();
  private readonly nodeOf: number[] = [];
  private readonly seenRound: number[] = [];
  private readonly seenAt: number[] = [];
  private round = 0;

  constructor(patterns: Iterable<string>) {
    for (const p of patterns) {
      if (this.ids.has(p) || p.length === 0) continue;
      let node = 0;
      for (let i = 0; i < p.length; i++) {
        const key = node * 65536 + p.charCodeAt(i);
        let child = this.next.get(key);
        if (child === undefined) {
          child = this.fail.length;
          this.next.set(key, child);
          this.fail.push(0);
          this.ends.push(-1);
          this.dict.push(-1);
        }
        node = child;
      }
      this.ids.set(p, this.nodeOf.length);
      this.ends[node] = this.nodeOf.length;
      this.nodeOf.push(node);
      this.seenRound.push(-1);
      this.seenAt.push(-1);
    }
    // Breadth first: a node's fail link is the longest proper suffix of its path that is also a path.
    const children = new Map<number, [number, number][]>();
    for (const [key, child] of this.next) {
      const parent = Math.floor(key / 65536);
      const list = children.get(parent);
      if (list) list.push([key % 65536, child]);
      else children.set(parent, [[key % 65536, child]]);
    }
    const queue = [0];
    for (let q = 0; q < queue.length; q++) {
      const node = queue[q];
      for (const [char, child] of children.get(node) ?? []) {
        if (node !== 0) {
          let f = this.fail[node];
          while (f !== 0 && !this.next.has(f * 65536 + char)) f = this.fail[f];
          this.fail[child] = this.next.get(f * 65536 + char) ?? 0;
        }
        const f = this.fail[child];
        this.dict[child] = this.ends[f] >= 0 ? f : this.dict[f];
        queue.push(child);
      }
    }
  }

  /** Forget what was seen (a new build stage). */
  reset(): void {
    this.round++;
  }

  /** Notes every pattern `text` contains, with `at` as where it was seen, unless it was seen before. */
  feed(text: string, at: number): void {
    let node = 0;
    for (let i = 0; i < text.length; i++) {
      const char = text.charCodeAt(i);
      let child = this.next.get(node * 65536 + char);
      while (child === undefined && node !== 0) {
        node = this.fail[node];
        child = this.next.get(node * 65536 + char);
      }
      node = child ?? 0;
      // Every pattern down the chain is a suffix of the one before: once one was seen, so were the rest.
      for (let n = this.ends[node] >= 0 ? node : this.dict[node]; n !== -1; n = this.dict[n]) {
        const id = this.ends[n];
        if (this.seenRound[id] === this.round) break;
        this.seenRound[id] = this.round;
        this.seenAt[id] = at;
      }
    }
  }

  /** Where `pattern` was first seen since the last reset, or Infinity. */
  first(pattern: string): number {
    const id = this.ids.get(pattern);
    return id !== undefined && this.seenRound[id] === this.round ? this.seenAt[id] : Infinity;
  }
}

/**
 * The first COPY of the whole context, in one build stage, that may have put a path there: any such COPY for a
 * relative path; for an absolute one, a COPY to an absolute folder (not /) that the path starts with.
 */
class WholeContextCopies {
  private firstRelative = Infinity;
  /** Absolute destinations as a trie of their characters, each end holding the first index that copied there. */
  private readonly trie = new Map<string, number>();
  private readonly ends = new Map<number, number>();

  add(dest: string, index: number): void {
    this.firstRelative = Math.min(this.firstRelative, index);
    if (!dest.startsWith('/') || dest === '/') return;
    let node = 0;
    for (const char of dest) {
      const key = `${node}:${char}`;
      let child = this.trie.get(key);
      if (child === undefined) this.trie.set(key, (child = this.trie.size + 1));
      node = child;
    }
    if (!this.ends.has(node)) this.ends.set(node, index);
  }

  first(path: string): number {
    if (!path.startsWith('/')) return this.firstRelative;
    let best = Infinity;
    let node = 0;
    for (const char of path) {
      const child = this.trie.get(`${node}:${char}`);
      if (child === undefined) break;
      node = child;
      best = Math.min(best, this.ends.get(node) ?? Infinity);
    }
    return best;
  }
}

/**
 * Deleting in a later RUN only hides files: their bytes stay in the layer that made them. The layer that made a path
 * is the first earlier instruction of the stage that mentions it (a RUN's text, a COPY or ADD source) or a COPY of the
 * whole context to a folder above it; found for all paths in one pass (a 50,000-line Dockerfile must not take minutes).
 */
const cleanupLaterLayer: Rule = (model) => {
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
const aptInstall: Rule = (model) =>
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

const DEPENDENCY_STEP =
  /\b(npm\s+(ci|install|i)|pnpm\s+(install|i)|yarn(\s+install)?\s*$|pip3?\s+install|poetry\s+install|bundle\s+install|composer\s+install|go\s+mod\s+download|cargo\s+(fetch|build)|dotnet\s+restore|mvn|gradle|apt-get\s+install|apk\s+add)\b|[\w.-]*deps\b/;

/** COPY . . before the dependency step: every source change re-runs it. */
const cacheOrder: Rule = (model) => {
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
